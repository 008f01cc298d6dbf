import { describe, expect, it } from "vitest";
import { DUE_SOON_DAYS, dueNotice } from "./report-page.js";

const report = (daysLeft: number, lockedReason: string | null = null) => ({
  lockedReason,
  period: { dueDate: "2025-12-15", daysLeft },
});

describe("dueNotice", () => {
  it("flags an overdue report with the days late and the due date (dd/mm/yyyy)", () => {
    expect(dueNotice(report(-1))).toEqual({ tone: "overdue", text: "Đã quá hạn nộp 1 ngày (hạn nộp 15/12/2025)" });
    expect(dueNotice(report(-1234))?.text).toBe("Đã quá hạn nộp 1.234 ngày (hạn nộp 15/12/2025)");
  });
  it("says how many days are left when the due date is close", () => {
    expect(dueNotice(report(0))).toEqual({ tone: "today", text: "Hạn nộp là hôm nay (15/12/2025)" });
    expect(dueNotice(report(3))).toEqual({ tone: "soon", text: "Còn 3 ngày (hạn nộp 15/12/2025)" });
    expect(dueNotice(report(DUE_SOON_DAYS))?.tone).toBe("soon");
    expect(dueNotice(report(DUE_SOON_DAYS + 1))).toBeNull();
  });
  it("says nothing about the due date of a report that cannot be sent (locked, submitted, plan closed)", () => {
    expect(dueNotice(report(-10, "Kỳ báo cáo “Quý IV/2025” đã bị khóa"))).toBeNull();
    expect(dueNotice(report(2, "Báo cáo đã nộp, đang chờ tiếp nhận; không thể sửa."))).toBeNull();
  });
});
