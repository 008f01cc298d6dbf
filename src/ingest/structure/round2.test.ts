/**
 * Second-round generalisation fixes (tests/fixtures/synthetic2): one focused test per rule.
 */
import { describe, expect, it } from "vitest";
import { importText } from "../index.js";
import { assignmentUnits, markColumn, markedTimeframe } from "./tasks.js";
import { parseTimeframe } from "./timeframe.js";
import { partnersIn, splitUnits } from "./units.js";

const HEAD = [
  "ỦY BAN NHÂN DÂN",
  "HUYỆN LẠC DƯƠNG",
  "Số: 12/KH-UBND",
  "Lạc Dương, ngày 02 tháng 4 năm 2025",
  "KẾ HOẠCH",
  "Cải cách hành chính huyện Lạc Dương năm 2025",
  "Căn cứ Kế hoạch số 3/KH-UBND ngày 05/01/2025 của UBND tỉnh;",
];
const TAIL = ["Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Minh Hải"];
const plan = (body: string[]) => importText([...HEAD, ...body, ...TAIL].join("\n"), "t.txt").plan;
const texts = (xs: { text: string }[]) => xs.map((x) => x.text);

describe("items assigned by a closing parenthesis", () => {
  it("splits '(giao X chủ trì, phối hợp Y, Z; hoàn thành …)' into lead, support and timeframe", () => {
    const p = plan([
      "II. NHIỆM VỤ",
      "1. Về chính quyền số",
      "- Triển khai họp trực tuyến đến các xã (giao Văn phòng HĐND và UBND huyện chủ trì, phối hợp Phòng Nội vụ, UBND các xã; hoàn thành trước 30/6/2025).",
      "- Số hóa hồ sơ lưu trữ (giao Phòng Nội vụ chủ trì; thực hiện theo hướng dẫn của tỉnh).",
    ]);
    expect(p.tasks.map((t) => t.ref)).toEqual(["II.1.1", "II.1.2"]);
    const [a, b] = p.tasks;
    expect(a!.title).toBe("Triển khai họp trực tuyến đến các xã");
    expect(a!.lead).toEqual(["Văn phòng HĐND và UBND huyện"]);
    expect(a!.support).toEqual(["Phòng Nội vụ", "UBND các xã"]);
    expect(a!.timeframe).toMatchObject({ kind: "by", end: "2025-06-30" });
    expect(b!.timeframe.kind).toBe("conditional");
    expect(p.groups).toContainEqual({ ref: "II.1", title: "Về chính quyền số" });
  });
  it("ignores a parenthesis that assigns nobody", () => {
    expect(assignmentUnits("xem Phụ lục kèm theo", 0)).toBeNull();
    expect(assignmentUnits("giao Phòng Kinh tế chủ trì", 0)?.lead.map((u) => u.text)).toEqual(["Phòng Kinh tế"]);
  });
});

describe("one label naming lead and partners", () => {
  it("'Đơn vị thực hiện: X chủ trì, phối hợp Y, Z; Thời gian: …'", () => {
    const p = plan([
      "II. HOÀN THIỆN THỂ CHẾ",
      "1. Xây dựng chính sách hỗ trợ giáo viên vùng khó khăn.",
      "Đơn vị thực hiện: Sở Giáo dục và Đào tạo chủ trì, phối hợp Sở Nội vụ, Sở Tài chính; Thời gian: Năm 2026.",
      "2. Rà soát mạng lưới trường lớp.",
      "Đơn vị thực hiện: Sở Giáo dục và Đào tạo; Thời gian: Thường xuyên.",
    ]);
    expect(p.tasks[0]!.lead).toEqual(["Sở Giáo dục và Đào tạo"]);
    expect(p.tasks[0]!.support).toEqual(["Sở Nội vụ", "Sở Tài chính"]);
    expect(p.tasks[0]!.timeframe).toMatchObject({ kind: "period", end: "2026-12-31" });
    expect(p.tasks[1]!.support).toEqual([]);
  });
});

describe("per-unit duties outside 'Tổ chức thực hiện'", () => {
  it("a duties section whose numbered items are unit names", () => {
    const p = plan([
      "II. NHIỆM VỤ CỦA CÁC ĐƠN VỊ",
      "1. Phòng Nội vụ",
      "a) Hướng dẫn các cơ quan tự đánh giá chỉ số cải cách hành chính.",
      "b) Phối hợp với Phòng Tư pháp rà soát thủ tục hành chính nội bộ.",
      "2. Trung tâm Y tế huyện",
      "a) Hướng dẫn người bệnh đăng ký khám bệnh trực tuyến.",
    ]);
    expect(p.tasks.map((t) => t.ref)).toEqual(["II.1.a", "II.1.b", "II.2.a"]);
    expect(p.tasks[1]!.support).toEqual(["Phòng Tư pháp"]);
    // "người bệnh" is who is served, not a partner
    expect(p.tasks[2]!.support).toEqual([]);
  });
  it("a content section with topic headings stays groups only", () => {
    const p = plan([
      "II. NỘI DUNG",
      "1. Hoàn thiện hạ tầng số",
      "- Nâng cấp mạng LAN.",
      "2. Phát triển dữ liệu",
      "- Số hóa hồ sơ.",
    ]);
    expect(p.tasks).toEqual([]);
  });
});

describe("quarter / month mark columns", () => {
  it("recognises schedule headers", () => {
    expect(markColumn("Quý III")).toEqual({ m1: 7, m2: 9 });
    expect(markColumn("T5")).toEqual({ m1: 5, m2: 5 });
    expect(markColumn("Thời gian")).toBeNull();
  });
  it("spans the marked columns in the plan's year", () => {
    const marks = [1, 2, 3, 4].map((q, i) => ({ idx: i, m1: q * 3 - 2, m2: q * 3, label: `Quý ${q}` }));
    const cells = ["", "x", "X", ""].map((text) => ({ text, start: 0, end: 0 }));
    expect(markedTimeframe(marks, cells, 2026)).toMatchObject({
      kind: "period",
      start: "2026-04-01",
      end: "2026-09-30",
    });
    expect(
      markedTimeframe(
        marks,
        cells.map((c) => ({ ...c, text: "" })),
        2026,
      ),
    ).toBeNull();
  });
  it("gives table rows without a time column their marked quarters", () => {
    const p = importText(
      [
        "CHƯƠNG TRÌNH",
        "Công tác năm 2026 của Sở Tư pháp",
        "I. NỘI DUNG",
        "STT\tNội dung công việc\tĐơn vị chủ trì\tĐơn vị phối hợp\tQuý I\tQuý II\tQuý III\tQuý IV",
        "1\tTổng kết công tác năm\tVăn phòng Sở\tCác phòng\tx\t\t\t",
        "2\tKiểm tra công tác hộ tịch\tPhòng Hành chính tư pháp\t\t\tx\tx\t",
      ].join("\n"),
      "c.txt",
    ).plan;
    expect(p.tasks.map((t) => [t.timeframe.start, t.timeframe.end])).toEqual([
      ["2026-01-01", "2026-03-31"],
      ["2026-04-01", "2026-09-30"],
    ]);
  });
});

describe("unit names", () => {
  it("keeps 'Phát triển' and a closing 'chợ' inside names", () => {
    expect(
      texts(partnersIn("phối hợp Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh huyện, Ban Quản lý chợ")),
    ).toEqual(["Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh huyện", "Ban Quản lý chợ"]);
  });
  it("reads OCR 'HPND' as 'HĐND' and keeps 'Văn phòng HĐND và UBND' one office", () => {
    expect(texts(splitUnits("Văn phòng HPND và UBND xã; Phòng Kinh tế"))).toEqual([
      "Văn phòng HĐND và UBND xã",
      "Phòng Kinh tế",
    ]);
  });
  it("knows newspapers and stations as units, not 'Báo cáo'", () => {
    expect(texts(partnersIn("Phối hợp Trạm Y tế xã triển khai sổ sức khỏe điện tử"))).toEqual(["Trạm Y tế xã"]);
    expect(texts(splitUnits("Báo và Phát thanh, Truyền hình tỉnh; Sở Tư pháp"))).toEqual([
      "Báo và Phát thanh, Truyền hình tỉnh",
      "Sở Tư pháp",
    ]);
  });
});

describe("timeframes", () => {
  it("'thực hiện theo …' is conditional", () => {
    expect(parseTimeframe("thực hiện theo hướng dẫn của tỉnh").kind).toBe("conditional");
    expect(parseTimeframe("Theo lộ trình triển khai của tỉnh").kind).toBe("conditional");
  });
});
