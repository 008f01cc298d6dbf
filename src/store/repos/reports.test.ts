import { expect, it } from "vitest";
import { insertTestUser } from "../test/fixtures.js";
import { insertTestPlan } from "../test/plan-fixture.js";
import { describeEachEngine } from "../testing.js";
import {
  addEvidenceFile,
  getEvidenceFile,
  getReport,
  getUnitReport,
  latestItemsForTasks,
  listEvidenceFiles,
  listReportsForPlanPeriod,
  listReportsForUnit,
  saveReport,
  setReportStatus,
} from "./reports.js";

describeEachEngine("reports repository", (getDb) => {
  it("creates a unit's report with items, then refuses a second creation", async () => {
    const { db } = getDb();
    const t = await insertTestPlan(db);
    const user = await insertTestUser(db);
    const base = {
      plan_id: t.planId,
      period_id: t.periodIds[0]!,
      unit_id: t.unitA.id,
      plan_revision: 1,
      updated_by: user.id,
    };
    const saved = await saveReport(db, {
      ...base,
      expected_version: null,
      summary: "Đã triển khai",
      items: [
        { task_id: t.taskIds[0]!, status: "in_progress", percent: 40, result: "Đã ban hành văn bản" },
        { task_id: t.taskIds[1]!, status: "done", percent: 100, completed_on: "2025-03-02" },
      ],
    });
    expect(saved?.report.version).toBe(1);
    expect(saved?.report.status).toBe("draft");
    expect(saved?.items.map((i) => [i.task_id, i.status, i.percent]).sort()).toEqual(
      [
        [t.taskIds[0], "in_progress", 40],
        [t.taskIds[1], "done", 100],
      ].sort(),
    );
    expect(await saveReport(db, { ...base, expected_version: null, summary: "trùng" })).toBeNull();
    expect((await getUnitReport(db, t.periodIds[0]!, t.unitA.id))?.report.summary).toBe("Đã triển khai");
    expect(await getUnitReport(db, t.periodIds[1]!, t.unitA.id)).toBeUndefined();
  });

  it("updates with the expected version, upserting items, and refuses a stale save atomically", async () => {
    const { db } = getDb();
    const t = await insertTestPlan(db);
    const base = { plan_id: t.planId, period_id: t.periodIds[0]!, unit_id: t.unitA.id, plan_revision: 1 };
    const first = await saveReport(db, {
      ...base,
      expected_version: null,
      items: [{ task_id: t.taskIds[0]!, status: "in_progress", percent: 10 }],
    });
    const second = await saveReport(db, {
      ...base,
      expected_version: 1,
      difficulties: "Thiếu kinh phí",
      items: [
        { task_id: t.taskIds[0]!, status: "in_progress", percent: 60 },
        { task_id: t.taskIds[2]!, status: "not_started" },
      ],
    });
    expect(second?.report.id).toBe(first?.report.id);
    expect(second?.report.version).toBe(2);
    expect(second?.report.difficulties).toBe("Thiếu kinh phí");
    expect(second?.items).toHaveLength(2);
    expect(second?.items.find((i) => i.task_id === t.taskIds[0])?.percent).toBe(60);
    const stale = await saveReport(db, {
      ...base,
      expected_version: 1,
      summary: "ghi đè",
      items: [{ task_id: t.taskIds[0]!, status: "done", percent: 100 }],
    });
    expect(stale).toBeNull();
    const now = await getReport(db, first!.report.id);
    expect(now?.report.summary).toBeNull();
    expect(now?.items.find((i) => i.task_id === t.taskIds[0])?.percent).toBe(60);
  });

  it("rolls back the report when an item is invalid", async () => {
    const { db } = getDb();
    const t = await insertTestPlan(db);
    await expect(
      saveReport(db, {
        plan_id: t.planId,
        period_id: t.periodIds[1]!,
        unit_id: t.unitB.id,
        plan_revision: 1,
        expected_version: null,
        items: [{ task_id: "no-such-task", status: "done" }],
      }),
    ).rejects.toThrow();
    expect(await getUnitReport(db, t.periodIds[1]!, t.unitB.id)).toBeUndefined();
  });

  it("moves status with the expected version and lists a period's reports", async () => {
    const { db } = getDb();
    const t = await insertTestPlan(db);
    const user = await insertTestUser(db);
    const a = await saveReport(db, {
      plan_id: t.planId,
      period_id: t.periodIds[0]!,
      unit_id: t.unitA.id,
      plan_revision: 1,
      expected_version: null,
      items: [{ task_id: t.taskIds[0]!, status: "done", percent: 100 }],
    });
    await saveReport(db, {
      plan_id: t.planId,
      period_id: t.periodIds[0]!,
      unit_id: t.unitB.id,
      plan_revision: 1,
      expected_version: null,
    });
    const submitted = await setReportStatus(db, a!.report.id, 1, "submitted", {
      submitted_at: "2025-03-10T01:00:00.000Z",
      submitted_by: user.id,
    });
    expect(submitted?.status).toBe("submitted");
    expect(submitted?.version).toBe(2);
    expect(await setReportStatus(db, a!.report.id, 1, "accepted")).toBeNull();
    const accepted = await setReportStatus(db, a!.report.id, 2, "accepted", {
      reviewed_at: "2025-03-11T01:00:00.000Z",
      reviewed_by: user.id,
    });
    expect(accepted?.status).toBe("accepted");

    const list = await listReportsForPlanPeriod(db, t.planId, t.periodIds[0]!);
    expect(list.map((r) => [r.unit_name, r.status, r.item_count])).toEqual([
      ["Sở Nội vụ", "accepted", 1],
      ["Sở Y tế", "draft", 0],
    ]);
    expect(
      (await listReportsForPlanPeriod(db, t.planId, t.periodIds[0]!, { status: ["draft"] })).map((r) => r.unit_id),
    ).toEqual([t.unitB.id]);
    const forUnit = await listReportsForUnit(db, t.unitA.id);
    expect(forUnit.map((r) => [r.period_label, r.plan_title])).toEqual([["Quý I/2025", "Kế hoạch thử nghiệm"]]);
  });

  it("finds the latest accepted item per task and unit", async () => {
    const { db } = getDb();
    const t = await insertTestPlan(db);
    const q1 = await saveReport(db, {
      plan_id: t.planId,
      period_id: t.periodIds[0]!,
      unit_id: t.unitA.id,
      plan_revision: 1,
      expected_version: null,
      status: "accepted",
      items: [{ task_id: t.taskIds[0]!, status: "in_progress", percent: 30 }],
    });
    await saveReport(db, {
      plan_id: t.planId,
      period_id: t.periodIds[1]!,
      unit_id: t.unitA.id,
      plan_revision: 1,
      expected_version: null,
      status: "accepted",
      items: [{ task_id: t.taskIds[0]!, status: "done", percent: 100 }],
    });
    await saveReport(db, {
      plan_id: t.planId,
      period_id: t.periodIds[1]!,
      unit_id: t.unitB.id,
      plan_revision: 1,
      expected_version: null,
      status: "draft",
      items: [{ task_id: t.taskIds[0]!, status: "done", percent: 100 }],
    });
    const latest = await latestItemsForTasks(db, [t.taskIds[0]!]);
    expect(latest.map((l) => [l.unit_id, l.status, l.percent, l.period_id])).toEqual([
      [t.unitA.id, "done", 100, t.periodIds[1]],
    ]);
    const withDrafts = await latestItemsForTasks(db, [t.taskIds[0]!], ["accepted", "draft"]);
    expect(withDrafts).toHaveLength(2);

    const item = q1!.items[0]!;
    const content = Buffer.from([1, 2, 3, 0, 255]);
    const ev = await addEvidenceFile(db, {
      report_item_id: item.id,
      file_name: "biên bản.pdf",
      mime: "application/pdf",
      content,
    });
    expect((await listEvidenceFiles(db, [item.id])).map((e) => [e.file_name, e.size])).toEqual([["biên bản.pdf", 5]]);
    expect(Buffer.compare((await getEvidenceFile(db, ev.id))!.content, content)).toBe(0);
  });
});
