import { describe, expect, it } from "vitest";
import type { BulkReviewItemDto, BulkReviewResultDto } from "../../server/api-types.js";
import { awaitsReview, bulkReviewSummary } from "./plan-reporting.js";

const ok = (unitId: string): BulkReviewItemDto => ({
  unitId,
  unitName: `Phường ${unitId}`,
  ok: true,
  status: "accepted",
});
const refused = (unitId: string, message: string, unitName: string | null = `Phường ${unitId}`): BulkReviewItemDto => ({
  unitId,
  unitName,
  ok: false,
  error: { code: "STATE", message },
});
const result = (action: "accept" | "return", items: BulkReviewItemDto[]): BulkReviewResultDto => ({
  action,
  okCount: items.filter((i) => i.ok).length,
  failedCount: items.filter((i) => !i.ok).length,
  items,
});
const names = (id: string) => `Đơn vị ${id}`;

describe("bulkReviewSummary", () => {
  it("counts the accepted reports and names each refused one with its reason", () => {
    const items = [ok("1"), ok("2"), ok("4"), ok("5"), ok("6"), refused("3", "Báo cáo chưa được nộp.")];
    expect(bulkReviewSummary(result("accept", items), names)).toBe(
      "Đã tiếp nhận 5 báo cáo; 1 báo cáo không tiếp nhận được: Phường 3 — Báo cáo chưa được nộp.",
    );
  });
  it("says so when everything went through, or nothing did (unknown units named from the list)", () => {
    expect(bulkReviewSummary(result("return", [ok("1"), ok("2")]), names)).toBe("Đã trả lại 2 báo cáo.");
    expect(
      bulkReviewSummary(
        result("return", [refused("1", "Báo cáo đã được trả lại, đơn vị chưa nộp lại."), refused("x", "Lỗi.", null)]),
        names,
      ),
    ).toBe("Không trả lại được báo cáo nào: Phường 1 — Báo cáo đã được trả lại, đơn vị chưa nộp lại; Đơn vị x — Lỗi.");
  });
});

describe("awaitsReview", () => {
  it("selects submitted and leader-approved reports only", () => {
    expect(
      ["draft", "submitted", "approved", "accepted", "returned", null].map((s) =>
        awaitsReview({ reportStatus: s as never }),
      ),
    ).toEqual([false, true, true, false, false, false]);
  });
});
