/**
 * Fourth-round generalisation fixes (tests/fixtures/synthetic4): ministry paragraphs "a) … Cơ quan chủ trì: X; …",
 * Markdown pipe tables, page breaks (running headers, repeated table headers, a sentence cut by a page number), due
 * dates written with their year, laws of the Quốc hội, counts with thousands separators, quarter lists. One focused
 * test per rule, on small documents written here.
 */
import { describe, expect, it } from "vitest";
import { importText } from "../index.js";
import { pipeRow, preClean } from "../layout/clean.js";
import { caseBodyName, titleText } from "./meta.js";
import { normaliseDocNumber, referencesIn } from "./references.js";
import { reportingIn } from "./reporting.js";
import { targetsIn } from "./targets.js";
import { inlineTimeframe, parseTimeframe } from "./timeframe.js";

const HEAD = [
  "BỘ TÀI CHÍNH",
  "Số: 512/KH-BTC",
  "Hà Nội, ngày 03 tháng 3 năm 2026",
  "KẾ HOẠCH",
  "Số hóa kho bạc năm 2026",
];
const TAIL = ["Nơi nhận:", "- Lưu: VT.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Lê Văn Minh"];
const plan = (body: string[]) => importText([...HEAD, ...body, ...TAIL].join("\n"), "t.txt").plan;

describe("lettered task paragraphs with inline assignment (ministry layout)", () => {
  const p = plan([
    "I. MỤC ĐÍCH, YÊU CẦU",
    "a) Xác định rõ cơ quan chủ trì, cơ quan phối hợp và thời hạn hoàn thành.",
    "II. NHIỆM VỤ",
    "1. Hoàn thiện quy trình",
    "a) Ban hành quy trình lưu trữ điện tử chứng từ. Cơ quan chủ trì: Vụ Tổng hợp; cơ quan phối hợp: Cục Tin học, Vụ Pháp chế; thời gian: Quý II/2026.",
    "b) Rà soát danh mục hồ sơ. Đơn vị chủ trì: Văn phòng Bộ; thời gian: hằng năm.",
    "2. Hạ tầng",
    "a) Nâng cấp trung tâm dữ liệu. Cơ quan chủ trì: Cục Tin học; cơ quan phối hợp: các đơn vị liên quan; thời gian: năm 2026.",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Cục Tin học là đầu mối theo dõi, đôn đốc thực hiện Kế hoạch.",
    "2. Vụ Tổng hợp bố trí kinh phí thực hiện.",
  ]);
  it("reads one task per lettered paragraph, ref <section>.<item>.<letter>, group = the numbered topic", () => {
    expect(p.tasks.map((t) => [t.ref, t.group])).toEqual([
      ["II.1.a", "II.1"],
      ["II.1.b", "II.1"],
      ["II.2.a", "II.2"],
    ]);
    expect(p.tasks[0]!.title).toBe("Ban hành quy trình lưu trữ điện tử chứng từ");
    expect(p.tasks[0]!.lead).toEqual(["Vụ Tổng hợp"]);
    expect(p.tasks[0]!.support).toEqual(["Cục Tin học", "Vụ Pháp chế"]);
    expect(p.tasks[0]!.timeframe.start).toBe("2026-04-01");
    expect(p.groups.map((g) => g.ref)).toEqual(["II.1", "II.2"]);
    expect(p.groups[0]!.title).toBe("Hoàn thiện quy trình");
  });
});

describe("preClean across page breaks", () => {
  it("drops a running header that stands next to page numbers and re-joins the cut sentence", () => {
    const raw = [
      "a) Xây dựng cơ sở dữ liệu hồ sơ đất đai dùng chung cho toàn tỉnh và các huyện, thời gian: Quý",
      "",
      "2",
      "SO TAI NGUYEN TINH X        Ke hoach so 12/KH-STN",
      "",
      "III/2026.",
      "b) Cập nhật bản đồ địa chính số cho các xã ven biển của tỉnh trong năm kế hoạch.",
      "",
      "3",
      "SO TAI NGUYEN TINH X        Ke hoach so 12/KH-STN",
      "c) Tổng kết.",
    ].join("\n");
    expect(preClean(raw).split("\n")).toEqual([
      "a) Xây dựng cơ sở dữ liệu hồ sơ đất đai dùng chung cho toàn tỉnh và các huyện, thời gian: Quý III/2026.",
      "b) Cập nhật bản đồ địa chính số cho các xã ven biển của tỉnh trong năm kế hoạch.",
      "c) Tổng kết.",
    ]);
  });
  it("joins a label cut after 'Cơ quan' and a label whose value wrapped", () => {
    const raw = [
      "a) Xây dựng phần mềm quản lý. Cơ quan",
      "chủ trì: Sở Tư pháp; cơ quan phối hợp:",
      "Sở Nội vụ; thời gian: năm 2026.",
    ].join("\n");
    expect(preClean(raw)).toBe(
      "a) Xây dựng phần mềm quản lý. Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: Sở Nội vụ; thời gian: năm 2026.",
    );
  });
  it("keeps a capitalised label line after a title as its own line", () => {
    const raw = ["1. Xây dựng phần mềm quản lý", "Chủ trì: Sở Tư pháp."].join("\n");
    expect(preClean(raw).split("\n")).toHaveLength(2);
  });
  it("drops a table header repeated on the next page so the cut row still merges", () => {
    const raw = [
      "STT\tNội dung\tChủ trì\tPhối hợp",
      "1\tTriển khai nền tảng\tSở A\tHội Doanh",
      "",
      "Trang 2/3",
      "STT\tNội dung\tChủ trì\tPhối hợp",
      "\tsố dùng chung\t\tnhân trẻ tỉnh",
    ].join("\n");
    expect(preClean(raw).split("\n")).toEqual([
      "STT\tNội dung\tChủ trì\tPhối hợp",
      "1\tTriển khai nền tảng số dùng chung\tSở A\tHội Doanh nhân trẻ tỉnh",
    ]);
  });
});

describe("Markdown pipe tables", () => {
  it("turns '| a | b |' rows into tab rows and drops the '|---|' line", () => {
    expect(pipeRow("| 1 | Xây dựng | Phòng A |")).toBe("1\tXây dựng\tPhòng A");
    expect(pipeRow("|---|:---:|---|")).toBe("");
    expect(pipeRow("Tỷ lệ | không phải bảng")).toBe("Tỷ lệ | không phải bảng");
  });
  it("reads a pipe-table appendix as a task table, merging a wrapped row", () => {
    const p = plan([
      "I. NHIỆM VỤ",
      "Các nhiệm vụ cụ thể tại Phụ lục kèm theo.",
      "PHỤ LỤC",
      "DANH MỤC NHIỆM VỤ",
      "| STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |",
      "|-----|----------|----------------|-----------------|-----------|",
      "| 1 | Số hóa hồ sơ lưu trữ | Văn phòng Bộ | Cục Tin học | Quý III/2026 |",
      "| 2 | Đào tạo kỹ năng số cho | Vụ Tổ chức cán bộ | Văn phòng Bộ | Năm 2026 |",
      "|   | công chức | | | |",
    ]);
    expect(p.tasks.map((t) => t.ref)).toEqual(["PL.1", "PL.2"]);
    expect(p.tasks[1]!.title).toBe("Đào tạo kỹ năng số cho công chức");
    expect(p.tasks[0]!.lead).toEqual(["Văn phòng Bộ"]);
  });
});

describe("reporting dates and phrasings", () => {
  const rules = (s: string, inSection = false) =>
    reportingIn(s, 0, inSection).map((h) => [h.rule.frequency, h.rule.day, h.rule.month, h.rule.month_in_period]);
  it("reads a due date written with its year ('trước ngày 15/11/2026')", () => {
    expect(rules("Định kỳ báo cáo kết quả hằng năm trước ngày 15/11/2026 về Sở Tài chính.")).toEqual([
      ["annual", 15, 11, null],
    ]);
    expect(rules("Báo cáo định kỳ 6 tháng (trước ngày 20/6/2026) về Sở.")).toEqual([["semiannual", 20, 6, null]]);
  });
  it("reads a date before its frequency: 'trước ngày 15/6/2026 (báo cáo 6 tháng) và … (báo cáo năm)'", () => {
    expect(
      rules(
        "Các đơn vị báo cáo về Sở Y tế trước ngày 10/6/2026 (báo cáo 6 tháng) và trước ngày 20/11/2026 (báo cáo năm).",
      ),
    ).toEqual([
      ["semiannual", 10, 6, null],
      ["annual", 20, 11, null],
    ]);
  });
  it("reads 'Báo cáo quý: trước ngày 12 của tháng cuối quý'", () => {
    expect(rules("Báo cáo quý: trước ngày 12 của tháng cuối quý.", true)).toEqual([["quarterly", 12, null, 3]]);
  });
  it("keeps the dated statement of a frequency mentioned first without a date", () => {
    expect(
      rules("Báo cáo 6 tháng và báo cáo năm: định kỳ 6 tháng (trước ngày 05/6) và hằng năm (trước ngày 05/12)."),
    ).toEqual([
      ["semiannual", 5, 6, null],
      ["annual", 5, 12, null],
    ]);
  });
  it("keeps numbered headings of a reporting section inside it", () => {
    const p = plan([
      "I. NHIỆM VỤ",
      "1. Số hóa hồ sơ",
      "- Chủ trì: Văn phòng Bộ.",
      "II. CHẾ ĐỘ BÁO CÁO",
      "1. Báo cáo định kỳ",
      "- Báo cáo quý: trước ngày 18 của tháng cuối quý.",
    ]);
    expect(p.reporting.map((r) => [r.frequency, r.day, r.month_in_period])).toEqual([["quarterly", 18, 3]]);
  });
});

describe("references", () => {
  it("keeps the legislature's term in law numbers and names the kind and the issuer", () => {
    expect(normaliseDocNumber("47/2024/QH15")).toBe("47/2024/QH15");
    expect(normaliseDocNumber("1234/2024/UBTVQH15")).toBe("1234/2024/UBTVQH15");
    const refs = referencesIn("Căn cứ Luật Đất đai, quy hoạch số 31/2024/QH15 ngày 18 tháng 01 năm 2024;", 0);
    expect(refs.map((r) => r.ref)).toEqual([
      { doc_type: "Luật", number: "31/2024/QH15", issued_at: "2024-01-18", issuer: "Quốc hội" },
    ]);
  });
  it("reads a damaged 'Đ' in a kind code as Đ ('NP-CP' → 'NĐ-CP')", () => {
    expect(normaliseDocNumber("35/2025/NP-CP")).toBe("35/2025/NĐ-CP");
  });
  it("reads a body code of seven letters ('385/SVHTTDL-TV')", () => {
    expect(normaliseDocNumber("385/SVHTTDL-TV")).toBe("385/SVHTTDL-TV");
  });
  it("reads a basis list that goes on after a line break, and skips the Tờ trình of 'Theo đề nghị'", () => {
    const p = plan([
      "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
      "Nghị định số 29/2024/NĐ-CP ngày 06/3/2024 của Chính phủ;",
      "Theo đề nghị của Vụ trưởng Vụ Tổng hợp tại Tờ trình số 77/TTr-VTH ngày 01/3/2026.",
      "I. NHIỆM VỤ",
      "1. Số hóa hồ sơ",
      "- Chủ trì: Văn phòng Bộ.",
    ]);
    expect(p.references.map((r) => r.number)).toEqual(["57-NQ/TW", "29/2024/NĐ-CP"]);
  });
});

describe("targets", () => {
  const keys = (s: string, goal = false) =>
    targetsIn(s, 0, null, goal).map((t) => `${t.target.comparator}${t.target.value}`);
  it("reads counts with thousands separators", () => {
    expect(keys("Tối thiểu 120.000 lượt người dân được hướng dẫn sử dụng dịch vụ công.")).toEqual([">=120000"]);
    expect(keys("Trung tâm thu hút trên 12.500 lượt khách trong năm.", true)).toEqual([">12500"]);
  });
  it("reads '100%' of something inside a task, not other bare percentages", () => {
    expect(keys("Triển khai hóa đơn điện tử tại 100% chợ trên địa bàn.")).toEqual(["=100"]);
    expect(keys("Giảm 30% thời gian xử lý hồ sơ.")).toEqual([]);
  });
  it("does not take the count that qualifies a percentage's noun for a second target", () => {
    expect(keys("Trên 50% thôn có ít nhất 02 điểm truy cập Internet công cộng.")).toEqual([">50"]);
  });
});

describe("timeframes", () => {
  it("reads a list of quarters as the span from the first to the last", () => {
    const tf = parseTimeframe("Quý I và Quý II/2027");
    expect([tf.kind, tf.start, tf.end]).toEqual(["period", "2027-01-01", "2027-06-30"]);
    expect(parseTimeframe("Quý II, III và IV năm 2027").start).toBe("2027-04-01");
  });
  it("reads 'định kỳ báo cáo' and a closing 'hằng năm' in a duty as recurring", () => {
    expect(inlineTimeframe("Tổng hợp số liệu, định kỳ báo cáo Sở Tài chính.")?.timeframe.kind).toBe("recurring");
    expect(inlineTimeframe("Tổ chức hội thi tin học trẻ vào dịp hè hằng năm.")?.timeframe.text).toBe("hằng năm");
    expect(inlineTimeframe("Đề xuất danh sách khen thưởng định kỳ.")).toBeNull();
  });
});

describe("per-unit duties", () => {
  it("does not glue the closing paragraph for all units onto the last unit's duty", () => {
    const p = plan([
      "I. MỤC TIÊU",
      "Nâng cao chất lượng dịch vụ.",
      "II. TỔ CHỨC THỰC HIỆN",
      "1. Sở Nội vụ",
      "- Hướng dẫn, kiểm tra việc triển khai Kế hoạch.",
      "- Tổng hợp kết quả thực hiện.",
      "2. Đề nghị Liên đoàn Lao động tỉnh",
      "Vận động đoàn viên tham gia các hoạt động của Kế hoạch.",
      "Các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 30/11 hằng năm.",
    ]);
    const last = p.tasks[p.tasks.length - 1]!;
    expect(last.ref).toBe("II.2");
    expect(last.title).toBe("Vận động đoàn viên tham gia các hoạt động của Kế hoạch");
  });
});

describe("plan fields", () => {
  it("cases a body named by its fields of work ('SỞ KHOA HỌC VÀ CÔNG NGHỆ' → 'Sở Khoa học và Công nghệ')", () => {
    expect(caseBodyName("SỞ GIÁO DỤC VÀ ĐÀO TẠO")).toBe("Sở Giáo dục và Đào tạo");
    expect(caseBodyName("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH")).toBe("Bộ Văn hóa, Thể thao và Du lịch");
    expect(caseBodyName("PHÒNG VĂN HÓA - XÃ HỘI")).toBe("Phòng Văn hóa - Xã hội");
    expect(caseBodyName("SỞ TƯ PHÁP TỈNH AN GIANG")).toBe("Sở Tư pháp tỉnh An Giang");
    expect(caseBodyName("ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ")).toBe("Ủy ban nhân dân thành phố Huế");
  });
  it("drops 'Về việc' from a decision's subject", () => {
    expect(titleText("Về việc ban hành Kế hoạch cải cách hành chính năm 2026")).toBe(
      "ban hành Kế hoạch cải cách hành chính năm 2026",
    );
  });
});
