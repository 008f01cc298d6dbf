/**
 * Third-round generalisation fixes (tests/fixtures/synthetic3): emulation wording families, timeframes inside duty
 * bullets, several reporting rules of one frequency. One focused test per rule, on small documents written here.
 */
import { describe, expect, it } from "vitest";
import { importText } from "../index.js";
import { sameReportingRule } from "./reporting.js";
import { inlineTimeframe } from "./timeframe.js";

const HEAD = [
  "ỦY BAN NHÂN DÂN",
  "TỈNH QUẢNG TRỊ",
  "Số: 77/KH-UBND",
  "Quảng Trị, ngày 02 tháng 9 năm 2025",
  "KẾ HOẠCH",
  'Tổ chức phong trào thi đua "Đổi mới sáng tạo vì cộng đồng" tỉnh Quảng Trị giai đoạn 2025 - 2030',
  "Căn cứ Luật Thi đua, khen thưởng năm 2022;",
];
const TAIL = ["Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hồ Văn Nam"];
const plan = (body: string[]) => importText([...HEAD, ...body, ...TAIL].join("\n"), "t.txt").plan;
const spans = (p: ReturnType<typeof plan>) => (p.emulation?.phases ?? []).map((x) => `${x.start}..${x.end}`);

describe("emulation phases in many wordings", () => {
  it("reads 'Sơ kết giai đoạn 1 vào quý IV năm 2027 (giai đoạn 2025 - 2027); Tổng kết … (giai đoạn 2028 - 2030)'", () => {
    const p = plan([
      "III. THỜI GIAN THỰC HIỆN",
      "Phong trào triển khai từ năm 2025 đến năm 2030. Sơ kết giai đoạn 1 vào quý IV năm 2027 (giai đoạn 2025 - 2027); Tổng kết vào quý IV năm 2030 (giai đoạn 2028 - 2030).",
    ]);
    expect(spans(p)).toEqual(["2025-01-01..2027-12-31", "2028-01-01..2030-12-31"]);
    expect(p.emulation?.phases[0]?.milestone).toBe("Sơ kết quý IV năm 2027");
  });
  it("reads two phases written in one line: 'Giai đoạn 1 (2025 - 2027): …; Giai đoạn 2 (2028 - 2030): …'", () => {
    const p = plan([
      "II. CÁC GIAI ĐOẠN",
      "Giai đoạn 1 (2025 - 2027): phát động, sơ kết vào năm 2027; Giai đoạn 2 (2028 - 2030): nhân rộng, tổng kết vào năm 2030.",
    ]);
    expect(spans(p)).toEqual(["2025-01-01..2027-12-31", "2028-01-01..2030-12-31"]);
    expect(p.emulation?.phases.map((x) => x.milestone)).toEqual(["Sơ kết năm 2027", "Tổng kết năm 2030"]);
  });
  it("infers phases from milestones: 'Năm 2025: phát động…; Sơ kết vào tháng 12/2027; Tổng kết vào năm 2030'", () => {
    const p = plan([
      "II. THỜI GIAN THỰC HIỆN",
      "Năm 2025: phát động phong trào, đăng ký thi đua; Sơ kết vào tháng 12/2027; Tổng kết vào năm 2030.",
    ]);
    expect(spans(p)).toEqual(["2025-01-01..2027-12-31", "2028-01-01..2030-12-31"]);
  });
  it("reads a phase 'từ tháng 8/2025 đến hết năm 2026' and a roman phase number", () => {
    const p = plan([
      "II. THỜI GIAN",
      "- Giai đoạn I: từ tháng 8/2025 đến hết năm 2026, sơ kết vào tháng 12/2026.",
      "- Giai đoạn II: từ tháng 1/2027 đến tháng 6/2028, tổng kết vào tháng 6/2028.",
    ]);
    expect(spans(p)).toEqual(["2025-08-01..2026-12-31", "2027-01-01..2028-06-30"]);
    expect(p.emulation?.phases.map((x) => x.name)).toEqual(["Giai đoạn I", "Giai đoạn II"]);
  });
  it("reads a span whose 'từ' came back garbled from OCR ('(u 2025 - 2027)', '(trợ 2027 - 2030)')", () => {
    const p = plan(["II. THỜI GIAN", "- Giai đoạn 1: (u 2025 - 2027)", "- Giai đoạn 2: (trợ 2028 - 2030)"]);
    expect(spans(p)).toEqual(["2025-01-01..2027-12-31", "2028-01-01..2030-12-31"]);
  });
  it("does not take a review of a named phase ('sơ kết giai đoạn 1 vào năm 2027') for a phase span", () => {
    const p = plan([
      "II. THỜI GIAN",
      "- Giai đoạn 1: từ năm 2025 đến năm 2027.",
      "- Giai đoạn 2: từ năm 2028 đến năm 2030; trên cơ sở sơ kết giai đoạn 1 vào năm 2027.",
    ]);
    expect(spans(p)).toEqual(["2025-01-01..2027-12-31", "2028-01-01..2030-12-31"]);
  });
});

describe("emulation criteria under a roman section", () => {
  it("takes numbered subjects with their bullets", () => {
    const p = plan([
      "IV. TIÊU CHÍ THI ĐUA",
      "1. Đối với tập thể",
      "- Hoàn thành kế hoạch chuyển đổi số đúng tiến độ.",
      "- Có mô hình mới được công nhận.",
      "2. Đối với cá nhân",
      "- Có sáng kiến được công nhận.",
      "V. HÌNH THỨC KHEN THƯỞNG",
      "- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh.",
    ]);
    expect(p.emulation?.criteria.map((c) => [c.subject, c.items.length])).toEqual([
      ["Đối với tập thể", 2],
      ["Đối với cá nhân", 1],
    ]);
  });
  it("takes bullet subjects ('- Đối với tập thể:') with '+' items", () => {
    const p = plan([
      "III. TIÊU CHÍ THI ĐUA",
      "- Đối với tập thể:",
      "+ Triển khai học bạ số đúng lộ trình;",
      "+ Trên 90% giáo viên dùng thành thạo phần mềm.",
      "- Đối với cá nhân:",
      "+ Hoàn thành nhiệm vụ được giao.",
    ]);
    expect(p.emulation?.criteria.map((c) => [c.subject, c.items.length])).toEqual([
      ["Đối với tập thể", 2],
      ["Đối với cá nhân", 1],
    ]);
  });
});

describe("emulation award forms in many wordings", () => {
  it("splits a one-sentence list on commas, semicolons and 'và' before an award noun only", () => {
    const p = plan([
      "V. KHEN THƯỞNG",
      "Hình thức khen thưởng: Huân chương Lao động hạng Ba; Bằng khen của Thủ tướng Chính phủ, Cờ thi đua của Ủy ban nhân dân tỉnh, thành phố và Giấy khen của Giám đốc Sở.",
    ]);
    expect(p.emulation?.awards).toEqual([
      "Huân chương Lao động hạng Ba",
      "Bằng khen của Thủ tướng Chính phủ",
      "Cờ thi đua của Ủy ban nhân dân tỉnh, thành phố",
      "Giấy khen của Giám đốc Sở",
    ]);
  });
  it("collects bullets under lettered levels of a 'Hình thức khen thưởng' section, name only before ':'", () => {
    const p = plan([
      "IV. HÌNH THỨC KHEN THƯỞNG",
      "a) Cấp Nhà nước",
      "- Huân chương Lao động;",
      "b) Cấp tỉnh",
      "- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: tặng cho tập thể, cá nhân tiêu biểu;",
      "- Danh hiệu Chiến sĩ thi đua cấp tỉnh.",
    ]);
    expect(p.emulation?.awards).toEqual([
      "Huân chương Lao động",
      "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
      "Danh hiệu Chiến sĩ thi đua cấp tỉnh",
    ]);
  });
});

describe("emulation standing body in many wordings", () => {
  const body = (line: string) => plan(["V. TỔ CHỨC THỰC HIỆN", line]).emulation?.standing_body;
  it("reads 'Cơ quan thường trực: X'", () => {
    expect(body("Cơ quan thường trực: Sở Nội vụ.")).toBe("Sở Nội vụ");
  });
  it("reads 'Giao X làm thường trực phong trào'", () => {
    expect(body("Giao Sở Khoa học và Công nghệ làm thường trực phong trào, theo dõi, tổng hợp kết quả.")).toBe(
      "Sở Khoa học và Công nghệ",
    );
  });
  it("reads 'X là cơ quan thường trực'", () => {
    expect(body("Văn phòng Sở là cơ quan thường trực, tham mưu tổ chức phong trào.")).toBe("Văn phòng Sở");
  });
});

describe("timeframes inside duty bullets", () => {
  const period = { start: "2025-01-01", end: "2026-12-31" };
  const tf = (s: string) => inlineTimeframe(s, period)?.timeframe;
  it("'hoàn thành trong tháng 12/2025' is a deadline (by), not a period", () => {
    expect(tf("Hướng dẫn các bệnh viện xây dựng lộ trình, hoàn thành trong tháng 12/2025.")).toMatchObject({
      kind: "by",
      end: "2025-12-31",
    });
    expect(tf("Cập nhật dữ liệu lên hệ thống, hoàn thành quý IV/2025.")).toMatchObject({
      kind: "by",
      end: "2025-12-31",
    });
  });
  it("a closing 'năm 2026' is a period when it narrows the plan's span, not when it repeats it", () => {
    expect(tf("Tham mưu bố trí kinh phí triển khai bệnh án điện tử năm 2026.")).toMatchObject({
      kind: "period",
      start: "2026-01-01",
      end: "2026-12-31",
    });
    expect(inlineTimeframe("Tổ chức giải thưởng sáng tạo năm 2023", { start: "2023-01-01", end: "2023-12-31" })).toBe(
      null,
    );
    expect(tf("Xây dựng kế hoạch chuyển đổi số giai đoạn 2026 - 2030")).toBeUndefined();
    expect(tf("Triển khai chiến lược đến năm 2030")).toBeUndefined();
  });
  it("'hằng năm (trước ngày 15/11)' inside a sentence is recurring", () => {
    expect(tf("Báo cáo kết quả thực hiện phong trào hằng năm (trước ngày 15/11) về UBND tỉnh.")).toMatchObject({
      kind: "recurring",
      text: "hằng năm (trước ngày 15/11)",
    });
  });
});

describe("reporting rules of one frequency", () => {
  it("keeps two quarterly rules with different due days, in one paragraph or in two", () => {
    const p = plan([
      "III. CHẾ ĐỘ BÁO CÁO",
      "Các đơn vị báo cáo về Sở Nội vụ định kỳ hằng quý (trước ngày 15 tháng cuối quý). Sở Nội vụ tổng hợp, báo cáo UBND tỉnh định kỳ hằng quý (trước ngày 20 tháng cuối quý).",
    ]);
    expect(p.reporting.filter((r) => r.frequency === "quarterly").map((r) => r.day)).toEqual([15, 20]);
  });
  it("a repeat of the same rule, or a mention without a due day, is the same rule", () => {
    const q = { text: "", frequency: "quarterly" as const, month: null, month_in_period: 3, recipient: null };
    expect(sameReportingRule({ ...q, day: 15 }, { ...q, day: 15 })).toBe(true);
    expect(sameReportingRule({ ...q, day: 15 }, { ...q, day: null, month_in_period: null })).toBe(true);
    expect(sameReportingRule({ ...q, day: 15 }, { ...q, day: 20 })).toBe(false);
  });
});
