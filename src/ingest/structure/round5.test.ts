/**
 * Fifth-round generalisation fixes (tests/fixtures/synthetic5): items closed by an assignment sentence ("Giao X chủ
 * trì, phối hợp với Y thực hiện …"), an appendix table flattened by OCR to one cell a line, OCR-damaged reporting cues,
 * two named periods joined by "và", timeframes closing a per-unit duty, unit lists (a dashed name, a verb after a
 * partner, enterprises after a comma), the national name merged into the header line, count goals. One focused test
 * per rule, on small documents written here.
 */
import { describe, expect, it } from "vitest";
import { importText } from "../index.js";
import { preClean } from "../layout/clean.js";
import { toLines } from "./lines.js";
import { findSigner } from "./meta.js";
import { reportingIn } from "./reporting.js";
import { targetsIn } from "./targets.js";
import { inlineTimeframe, parseTimeframe } from "./timeframe.js";
import { partnersIn, splitUnits } from "./units.js";

const HEAD = [
  "ỦY BAN NHÂN DÂN",
  "HUYỆN KRÔNG NĂNG",
  "Số: 41/KH-UBND",
  "Krông Năng, ngày 02 tháng 4 năm 2025",
  "KẾ HOẠCH",
  "Phát triển thư viện cơ sở năm 2025",
];
const TAIL = ["Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Bình"];
const plan = (body: string[]) => importText([...HEAD, ...body, ...TAIL].join("\n"), "t.txt").plan;

describe("items closed by an assignment sentence", () => {
  const p = plan([
    "I. MỤC ĐÍCH, YÊU CẦU",
    "- Nâng cao hiệu quả hoạt động thư viện cơ sở.",
    "II. NHIỆM VỤ",
    "1. Phát triển tài nguyên thông tin",
    "a) Bổ sung sách, báo cho tủ sách các thôn. Giao Phòng Văn hóa và Thông tin chủ trì, phối hợp với Thư viện huyện, UBND các xã thực hiện trong Quý III/2025.",
    "b) Số hóa tài liệu địa chí của huyện. Giao Thư viện huyện chủ trì, phối hợp với Phòng Văn hóa và Thông tin thực hiện, hoàn thành trước ngày 30/9/2025.",
    "2. Đánh giá kết quả",
    "Tổng hợp, đánh giá kết quả thực hiện Kế hoạch. Giao Phòng Văn hóa và Thông tin chủ trì, phối hợp với Văn phòng HĐND và UBND huyện thực hiện thường xuyên.",
    "III. TỔ CHỨC THỰC HIỆN",
    "Các cơ quan, đơn vị triển khai thực hiện Kế hoạch.",
  ]);
  it("reads lead, partners and time from the sentence; the title is the item without it", () => {
    expect(p.tasks.map((t) => t.ref)).toEqual(["II.1.a", "II.1.b", "II.2"]);
    const [a, b, c] = p.tasks;
    expect(a!.title).toBe("Bổ sung sách, báo cho tủ sách các thôn");
    expect(a!.lead).toEqual(["Phòng Văn hóa và Thông tin"]);
    expect(a!.support).toEqual(["Thư viện huyện", "UBND các xã"]);
    expect(a!.timeframe).toMatchObject({ kind: "period", start: "2025-07-01", end: "2025-09-30" });
    expect(b!.timeframe).toMatchObject({ kind: "by", end: "2025-09-30" });
    expect(a!.group).toBe("II.1");
    expect(c!.group).toBe("II.2");
    expect(c!.support).toEqual(["Văn phòng HĐND và UBND huyện"]);
    expect(c!.timeframe.kind).toBe("ongoing");
  });
});

describe("items closed by a sentence naming the lead without 'Giao'", () => {
  const p = plan([
    "I. NHIỆM VỤ",
    "1. Tuyên truyền",
    "a) Đăng tải tin bài về văn hóa đọc. Phòng Văn hóa và Thông tin chủ trì, phối hợp với Trung tâm Văn hóa huyện thực hiện trong năm 2025.",
    "b) Tổ chức hội thi kể chuyện theo sách. Huyện đoàn chủ trì, phối hợp với Phòng Giáo dục và Đào tạo tổ chức vào tháng 6/2025.",
    "II. TỔ CHỨC THỰC HIỆN",
    "Các cơ quan, đơn vị triển khai thực hiện.",
  ]);
  it("reads the lead from the sentence's subject", () => {
    expect(p.tasks.map((t) => [t.ref, t.lead[0], t.support[0]])).toEqual([
      ["I.1.a", "Phòng Văn hóa và Thông tin", "Trung tâm Văn hóa huyện"],
      ["I.1.b", "Huyện đoàn", "Phòng Giáo dục và Đào tạo"],
    ]);
    expect(p.tasks[1]!.timeframe).toMatchObject({ kind: "period", start: "2025-06-01", end: "2025-06-30" });
  });
});

describe("an appendix table flattened to one cell a line", () => {
  const p = plan([
    "I. MỤC TIÊU",
    "- Phát triển thư viện.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Phòng Văn hóa và Thông tin là cơ quan thường trực, theo dõi, đôn đốc thực hiện.",
    "2. Phòng Tài chính - Kế hoạch bố trí kinh phí.",
    "PHỤ LỤC",
    "NHIỆM VỤ PHÁT TRIỂN THƯ VIỆN NĂM 2025",
    "STT",
    "Nội dung",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian",
    "I",
    "TÀI NGUYÊN THÔNG TIN",
    "1",
    "Bổ sung sách cho tủ sách các thôn, buôn và các",
    "điểm sinh hoạt cộng đồng",
    "Phòng Văn hóa và Thông tin",
    "UBND các xã; Hội Khuyến học",
    "huyện",
    "Quý III/2025",
    "2",
    "Số hóa tài liệu địa chí",
    "Thư viện huyện",
    "Phòng Văn hóa và Thông tin",
    "Trước ngày 30/9/2025",
    "7",
    "II",
    "HOẠT ĐỘNG PHỤC VỤ",
    "1",
    "Tổ chức Ngày sách và Văn hóa đọc",
    "Thư viện huyện",
    "Các trường học",
    "Tháng 4/2025",
  ]);
  it("regroups the lines into rows: section rows, STT restarting, a page number skipped", () => {
    expect(p.tasks.map((t) => t.ref)).toEqual(["PL.I.1", "PL.I.2", "PL.II.1"]);
    const [a, b, c] = p.tasks;
    expect(a!.title).toBe("Bổ sung sách cho tủ sách các thôn, buôn và các điểm sinh hoạt cộng đồng");
    expect(a!.lead).toEqual(["Phòng Văn hóa và Thông tin"]);
    expect(a!.support).toEqual(["UBND các xã", "Hội Khuyến học huyện"]);
    expect(a!.timeframe).toMatchObject({ kind: "period", end: "2025-09-30" });
    expect(b!.timeframe).toMatchObject({ kind: "by", end: "2025-09-30" });
    expect(c!.lead).toEqual(["Thư viện huyện"]);
    expect(c!.timeframe).toMatchObject({ kind: "period", start: "2025-04-01", end: "2025-04-30" });
  });
});

describe("a flattened table with an empty 'Ghi chú' column", () => {
  const p = plan([
    "I. TỔ CHỨC THỰC HIỆN",
    "Phòng Văn hóa và Thông tin theo dõi, đôn đốc.",
    "PHỤ LỤC",
    "STT",
    "Nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Ghi chú",
    "1",
    "Rà soát quy chế hoạt động thư viện",
    "Phòng Văn hóa và Thông tin",
    "Phòng Tư pháp",
    "Quý II/2025",
    "2",
    "Tập huấn nghiệp vụ cho cán bộ thư viện xã",
    "Thư viện huyện",
    "UBND các xã",
    "Tháng 8/2025",
    "Kinh phí xã hội hóa",
  ]);
  it("keeps the columns in place when the note is empty or filled", () => {
    expect(p.tasks.map((t) => [t.ref, t.lead[0], t.support[0], t.timeframe.end])).toEqual([
      ["PL.1", "Phòng Văn hóa và Thông tin", "Phòng Tư pháp", "2025-06-30"],
      ["PL.2", "Thư viện huyện", "UBND các xã", "2025-08-31"],
    ]);
  });
});

describe("reporting cues", () => {
  const rules = (s: string) => reportingIn(s, 0, false).map((h) => h.rule);
  it("a report named by its period with a due date needs no 'định kỳ'", () => {
    const r = rules(
      "Các đơn vị báo cáo kết quả trước ngày 20 hằng tháng và báo cáo năm trước ngày 25/11/2025 về UBND huyện.",
    );
    expect(r.map((x) => x.frequency)).toEqual(["monthly", "annual"]);
    expect(r[1]).toMatchObject({ day: 25, month: 11 });
  });
  it("a due clause after a comma, and an OCR-damaged 'báo cáo'", () => {
    const r = rules(
      "Các phòng béo có kết quả định kỳ 03 tháng, trước ngày 05 của tháng cuối quý; béo có năm trước ngày 15/11 về Sở.",
    );
    expect(r[0]).toMatchObject({ frequency: "quarterly", day: 5, month_in_period: 3 });
    expect(r[1]).toMatchObject({ frequency: "annual", day: 15, month: 11 });
  });
});

describe("timeframes", () => {
  it("two named periods joined by 'và' span from the first to the last", () => {
    expect(parseTimeframe("Tháng 3/2025 và tháng 9/2025")).toMatchObject({
      kind: "period",
      start: "2025-03-01",
      end: "2025-09-30",
    });
    expect(parseTimeframe("Quý III/2025 và Năm 2026")).toMatchObject({
      kind: "period",
      start: "2025-07-01",
      end: "2026-12-31",
    });
  });
  it("a span opened earlier in the sentence ('sơ kết vào Quý II/2027 và tổng kết vào năm 2029')", () => {
    const t = inlineTimeframe("Tham mưu sơ kết vào Quý II/2027 và tổng kết vào năm 2029.");
    expect(t?.timeframe).toMatchObject({ kind: "period", start: "2027-04-01", end: "2029-12-31" });
  });
  it("closing a duty: '(Quý I/2026)', '03 tháng/lần', 'khi có yêu cầu'", () => {
    expect(inlineTimeframe("Cài đặt phần mềm cho các xã (Quý I/2026).")?.timeframe).toMatchObject({
      kind: "period",
      end: "2026-03-31",
    });
    expect(inlineTimeframe("Kiểm tra hệ thống, 03 tháng/lần.")?.timeframe.kind).toBe("recurring");
    expect(inlineTimeframe("Hỗ trợ các cơ quan xử lý sự cố khi có yêu cầu.")?.timeframe.kind).toBe("conditional");
  });
});

describe("unit lists", () => {
  const names = (s: string) => splitUnits(s).map((u) => u.text);
  it("keeps a dashed name whose part is 'Báo chí'", () => {
    expect(names("Phòng Thông tin - Báo chí - Xuất bản")).toEqual(["Phòng Thông tin - Báo chí - Xuất bản"]);
  });
  it("starts a unit at enterprises listed after a comma", () => {
    expect(names("Công an xã, Phòng Kinh tế, Hạ tầng và Đô thị, doanh nghiệp bưu chính trên địa bàn")).toEqual([
      "Công an xã",
      "Phòng Kinh tế, Hạ tầng và Đô thị",
      "Doanh nghiệp bưu chính trên địa bàn",
    ]);
  });
  it("stops a partner's name at a verb", () => {
    const p = partnersIn("Chủ trì, phối hợp với Trung tâm Dữ liệu và Truyền thông thẩm định hồ sơ kỹ thuật.");
    expect(p.map((u) => u.text)).toEqual(["Trung tâm Dữ liệu và Truyền thông"]);
  });
});

describe("header and goals", () => {
  it("strips an OCR-damaged national name merged into the issuer's header line", () => {
    const out = preClean("ỦY BAN NHÂN DÂN            CQNG HÒA XÃ HQI CHỦ NGHĨA VIỆT NAM\nTỈNH BẠC LIÊU");
    expect(out.split("\n")[0]!.trim()).toBe("ỦY BAN NHÂN DÂN");
  });
  it("reads 'không quá N giờ' as an upper bound and 'Có thêm N …' as a count", () => {
    const a = targetsIn("Thời gian tiếp nhận phản ánh không quá 12 giờ kể từ khi nhận được.", 0, null, true);
    expect(a[0]!.target).toMatchObject({
      comparator: "<=",
      value: 12,
      unit: "giờ",
      metric: "Thời gian tiếp nhận phản ánh",
    });
    const b = targetsIn("Có thêm 04 hợp tác xã được công nhận đạt chuẩn.", 0, null, true);
    expect(b[0]!.target).toMatchObject({ comparator: "=", value: 4 });
  });
  it("one target a part: '…, trong đó tối thiểu …' and '… và trên …'", () => {
    const t = targetsIn("Hỗ trợ ít nhất 20 mô hình, trong đó tối thiểu 04 mô hình của phụ nữ.", 0, null, true);
    expect(t.map((x) => x.target.text)).toEqual(["Hỗ trợ ít nhất 20 mô hình", "tối thiểu 04 mô hình của phụ nữ"]);
  });
});

describe("signer", () => {
  it("reads an Ê Đê / Gia Rai name ('Y …', 'Ksor …') at the end of the signature block", () => {
    const src = ["Nơi nhận:", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Y Kông Niê"].join("\n");
    const lines = toLines(src);
    expect(findSigner(src, lines, 0, lines.length)?.text).toBe("Y Kông Niê");
  });
});
