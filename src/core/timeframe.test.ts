import { describe, expect, it } from "vitest";
import type { Timeframe } from "./plan-v1.js";
import { describeSpan, describeTimeframe } from "./timeframe.js";

const tf = (
  kind: Timeframe["kind"],
  start: string | null = null,
  end: string | null = null,
  deadlines: string[] = [],
  text: string | null = null,
): Timeframe => ({
  text,
  kind,
  start,
  end,
  deadlines,
});

describe("describeSpan", () => {
  it.each([
    ["2025-01-01", "2025-12-31", "Năm 2025"],
    ["2025-01-01", "2026-12-31", "Năm 2025 - 2026"],
    ["2025-12-01", "2025-12-31", "Tháng 12/2025"],
    ["2025-04-01", "2025-05-31", "Tháng 4 - 5/2025"],
    ["2024-02-01", "2024-02-29", "Tháng 2/2024"],
    ["2025-04-15", "2025-05-31", "Từ 15/04/2025 đến 31/05/2025"],
    ["2025-11-01", "2026-02-28", "Từ 01/11/2025 đến 28/02/2026"],
  ])("%s..%s → %s", (s, e, want) => {
    expect(describeSpan(s, e)).toBe(want);
  });
});

describe("describeTimeframe", () => {
  it.each([
    [tf("ongoing"), "Thường xuyên"],
    [tf("recurring"), "Hằng năm"],
    [tf("recurring", null, null, ["2025-10-01", "2024-10-01"]), "Hằng năm (hạn 01/10/2024, 01/10/2025)"],
    [tf("by", null, "2025-09-30"), "Hạn 30/09/2025"],
    [tf("by", null, null, ["2024-10-01", "2025-10-01"]), "Hạn 01/10/2025"],
    [tf("by"), "Chưa xác định thời hạn"],
    [tf("period", "2025-04-01", "2025-05-31"), "Tháng 4 - 5/2025"],
    [tf("period", null, "2025-05-31"), "Hạn 31/05/2025"],
    [tf("period", "2025-05-01", null), "Từ 01/05/2025"],
    [tf("conditional"), "Khi đủ điều kiện (chưa có thời hạn)"],
    [tf("conditional", null, "2025-10-15"), "Hạn 15/10/2025"],
    [tf("unspecified"), "Theo thời gian thực hiện kế hoạch"],
  ])("%o → %s", (t, want) => {
    expect(describeTimeframe(t)).toBe(want);
  });

  it("prefers the document's text, capitalised", () => {
    const t = tf("ongoing", null, null, [], "thường xuyên");
    expect(describeTimeframe(t)).toBe("Thường xuyên");
    expect(describeTimeframe(tf("by", null, "2025-09-30", [], "Hoàn thành tháng 9/2025"))).toBe(
      "Hoàn thành tháng 9/2025",
    );
    expect(describeTimeframe(tf("by", null, "2025-09-30", [], "Hoàn thành tháng 9/2025"), { preferText: false })).toBe(
      "Hạn 30/09/2025",
    );
  });
});
