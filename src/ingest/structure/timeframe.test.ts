import { describe, expect, it } from "vitest";
import { inlineTimeframe, parseTimeframe } from "./timeframe.js";

const kindEnd = (s: string) => {
  const t = parseTimeframe(s);
  return [t.kind, t.start, t.end];
};

describe("parseTimeframe", () => {
  it("reads the kinds of the contract table", () => {
    expect(kindEnd("Thường xuyên.")).toEqual(["ongoing", null, null]);
    expect(kindEnd("Hằng năm")).toEqual(["recurring", null, null]);
    expect(kindEnd("Hoàn thành tháng 9/2025.")).toEqual(["by", null, "2025-09-30"]);
    expect(kindEnd("trước ngày 01/10/2024")).toEqual(["by", null, "2024-10-01"]);
    expect(kindEnd("Tháng 4-5/2025")).toEqual(["period", "2025-04-01", "2025-05-31"]);
    expect(kindEnd("Tháng 12/2025")).toEqual(["period", "2025-12-01", "2025-12-31"]);
    expect(kindEnd("Năm 2025")).toEqual(["period", "2025-01-01", "2025-12-31"]);
    expect(kindEnd("Năm 2025 - 2026")).toEqual(["period", "2025-01-01", "2026-12-31"]);
    expect(kindEnd("Trong năm 2024, 2025 (cao điểm trong tháng 5)")).toEqual(["period", "2024-01-01", "2025-12-31"]);
    expect(kindEnd("Theo hướng dẫn của tỉnh.")).toEqual(["conditional", null, null]);
    expect(kindEnd("Sau khi có văn bản chỉ đạo của chính phủ, của tỉnh.")).toEqual(["conditional", null, null]);
    expect(kindEnd("Khi có kế hoạch đề nghị phối hợp của Thành phố")).toEqual(["conditional", null, null]);
    expect(parseTimeframe(null)).toEqual({ text: null, kind: "unspecified", start: null, end: null, deadlines: [] });
  });
  it("lists every explicit date as a deadline and ends at the last", () => {
    const t = parseTimeframe("- Năm 2024: trước ngày 01/10/2024; - Năm 2025: trước ngày 01/10/2025");
    expect(t.kind).toBe("by");
    expect(t.end).toBe("2025-10-01");
    expect(t.deadlines).toEqual(["2024-10-01", "2025-10-01"]);
  });
  it("tolerates OCR-damaged words", () => {
    expect(parseTimeframe("Thuong xuyén").kind).toBe("ongoing");
    expect(parseTimeframe("Quý II/2025").end).toBe("2025-06-30");
  });
});

describe("inlineTimeframe", () => {
  it("finds timeframes written inside a duty", () => {
    expect(inlineTimeframe("Thường xuyên phát động phong trào đổi mới sáng tạo")?.timeframe.kind).toBe("ongoing");
    expect(inlineTimeframe("cung cấp danh sách doanh nghiệp trên địa bàn (khi có yêu cầu);")?.timeframe).toMatchObject({
      kind: "conditional",
      text: "khi có yêu cầu",
    });
    expect(inlineTimeframe("Định kỳ trước ngày 15/12 hằng năm báo cáo tình hình")?.timeframe).toMatchObject({
      kind: "recurring",
      text: "Định kỳ trước ngày 15/12 hằng năm",
    });
    expect(inlineTimeframe("Hướng dẫn các cụm, khối thi đua bổ sung tiêu chí chấm điểm")).toBeNull();
  });
});
