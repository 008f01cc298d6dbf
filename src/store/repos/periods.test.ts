import { expect, it } from "vitest";
import { insertTestPlan } from "../test/plan-fixture.js";
import { describeEachEngine } from "../testing.js";
import {
  deletePeriod,
  findPeriodContaining,
  getPeriod,
  insertPeriods,
  listPeriodsDue,
  listPeriodsForPlan,
  setPeriodLocked,
  upsertPeriods,
} from "./periods.js";

describeEachEngine("periods repository", (getDb) => {
  it("lists a plan's periods by due date and finds the one containing a date", async () => {
    const { db } = getDb();
    const t = await insertTestPlan(db, { periods: 2 });
    const extra = await insertPeriods(db, t.planId, [
      {
        frequency: "adhoc",
        kind: "adhoc",
        label: "Báo cáo đột xuất",
        start_date: "2025-01-01",
        end_date: "2025-02-10",
        due_date: "2025-02-12",
        period_key: "adhoc:2025-02-12",
      },
    ]);
    const periods = await listPeriodsForPlan(db, t.planId);
    expect(periods.map((p) => p.label)).toEqual(["Báo cáo đột xuất", "Quý I/2025", "Quý II/2025"]);
    expect((await getPeriod(db, extra[0]!.id))?.kind).toBe("adhoc");
    expect((await findPeriodContaining(db, t.planId, "2025-05-20"))?.label).toBe("Quý II/2025");
    expect((await findPeriodContaining(db, t.planId, "2025-02-01"))?.label).toBe("Quý I/2025");
    expect(await findPeriodContaining(db, t.planId, "2026-01-01")).toBeUndefined();
  });

  it("lists periods due in a range across published plans", async () => {
    const { db } = getDb();
    const t = await insertTestPlan(db, { periods: 2 });
    const due = (await listPeriodsDue(db, { from: "2025-06-01", to: "2025-06-30" })).filter(
      (p) => p.plan_id === t.planId,
    );
    expect(due.map((p) => [p.label, p.plan_title])).toEqual([["Quý II/2025", "Kế hoạch thử nghiệm"]]);
    const drafts = (await listPeriodsDue(db, { from: "2025-01-01", to: "2025-12-31", planStatus: ["draft"] })).filter(
      (p) => p.plan_id === t.planId,
    );
    expect(drafts).toEqual([]);
  });

  it("upserts by period key without touching locked periods", async () => {
    const { db } = getDb();
    const t = await insertTestPlan(db, { periods: 2 });
    await setPeriodLocked(db, t.periodIds[0]!, true);
    const after = await upsertPeriods(db, t.planId, [
      {
        frequency: "quarterly",
        label: "Quý I/2025 (sửa)",
        start_date: "2025-01-01",
        end_date: "2025-03-31",
        due_date: "2025-03-20",
        period_key: "2025-Q1",
      },
      {
        frequency: "quarterly",
        label: "Quý II/2025",
        start_date: "2025-04-01",
        end_date: "2025-06-30",
        due_date: "2025-06-20",
        period_key: "2025-Q2",
      },
      {
        frequency: "quarterly",
        label: "Quý III/2025",
        start_date: "2025-07-01",
        end_date: "2025-09-30",
        due_date: "2025-09-20",
        period_key: "2025-Q3",
      },
    ]);
    expect(after.map((p) => [p.period_key, p.label, p.due_date])).toEqual([
      ["2025-Q1", "Quý I/2025", "2025-03-15"],
      ["2025-Q2", "Quý II/2025", "2025-06-20"],
      ["2025-Q3", "Quý III/2025", "2025-09-20"],
    ]);
    // Existing periods keep their ids (reports point at them).
    expect(after.find((p) => p.period_key === "2025-Q2")?.id).toBe(t.periodIds[1]);
    await expect(
      upsertPeriods(db, t.planId, [
        { frequency: "adhoc", label: "x", start_date: "2025-01-01", end_date: "2025-01-02", due_date: "2025-01-03" },
      ]),
    ).rejects.toThrow(/period_key/);
    expect(await deletePeriod(db, after[2]!.id)).toBe(true);
    expect(await listPeriodsForPlan(db, t.planId)).toHaveLength(2);
  });
});
