import { describe, expect, it } from "vitest";
import { dueText, reachSummary } from "./reports-page.js";

describe("reachSummary", () => {
  it("counts sent, pending and overdue reports", () => {
    expect(
      reachSummary([
        { status: "accepted", daysLeft: -30 },
        { status: "submitted", daysLeft: -2 },
        { status: "approved", daysLeft: 4 },
        { status: "draft", daysLeft: -3 },
        { status: "returned", daysLeft: -1 },
        { status: "draft", daysLeft: 10 },
      ]),
    ).toBe("6 báo cáo: 3 đã nộp, 3 chưa nộp (2 quá hạn)");
    expect(reachSummary([{ status: "draft", daysLeft: 5 }])).toBe("1 báo cáo: 0 đã nộp, 1 chưa nộp");
  });
  it("words the due date relative to today", () => {
    expect(dueText({ daysLeft: 0 })).toBe("Hạn nộp hôm nay");
    expect(dueText({ daysLeft: 3 })).toBe("Còn 3 ngày");
    expect(dueText({ daysLeft: -12 })).toBe("Quá hạn 12 ngày");
  });
});
