import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../store/ids.js";
import { listAuditEvents } from "../../store/repos/audit.js";
import type { Unit } from "../../store/schema.js";
import { describeEachEngine } from "../../store/testing.js";
import type { ApiError, BulkReviewResultDto, PeriodDto, UnitReportDto } from "../api-types.js";
import { applyBulkReview, BULK_FORBIDDEN_MESSAGE, loadBulkReview, planBulkReview } from "../services/bulk-review.js";
import { buildTestApp, makeUnit } from "../test/factories.js";
import { makePerson, makeReportingWorld, type Person, type ReportingWorld } from "../test/reporting.js";

describeEachEngine("bulk review of a period's reports over HTTP", (getDb) => {
  let app: FastifyInstance;
  let w: ReportingWorld;
  /** Another plan, with units of its own. */
  let w2: ReportingWorld;
  /** A third ward of the plan, leading task 2. */
  let unitC: Unit;
  let reporterC: Person;
  /** The tasks each unit reports on. */
  let tasksOf: Map<string, string[]>;
  let reporterOf: Map<string, Person>;

  beforeAll(async () => {
    const database = getDb();
    app = await buildTestApp(database);
    w = await makeReportingWorld(database);
    w2 = await makeReportingWorld(database);
    unitC = await makeUnit(database, { name: `Phường 3 ${newId().slice(0, 6)}`, kind: "ward", parentId: w.issuer.id });
    await database.db
      .insertInto("task_assignments")
      .values({
        id: newId(),
        task_id: w.taskIds[1],
        plan_id: w.planId,
        unit_id: unitC.id,
        role: "lead",
        printed_name: unitC.name,
        unit_group_id: null,
      })
      .execute();
    reporterC = await makePerson(database, [{ unitId: unitC.id, role: "reporter" }]);
    tasksOf = new Map([
      [w.unitA.id, [...w.taskIds]],
      [w.unitB.id, [w.taskIds[0], w.taskIds[2]]],
      [unitC.id, [w.taskIds[1]]],
    ]);
    reporterOf = new Map([
      [w.unitA.id, w.reporterA],
      [w.unitB.id, w.reporterB],
      [unitC.id, reporterC],
    ]);
  });
  afterAll(async () => {
    await app?.close();
  });

  const url = (unit: Unit, periodId: string, suffix = "") =>
    `/api/v1/reports/${w.planId}/${periodId}/${unit.id}${suffix}`;
  const bulkUrl = (periodId: string, verb: "accept" | "return", planId = w.planId) =>
    `/api/v1/plans/${planId}/periods/${periodId}/reports/${verb}`;
  const bulk = (headers: Record<string, string>, periodId: string, verb: "accept" | "return", payload: object) =>
    app.inject({ method: "POST", url: bulkUrl(periodId, verb), headers, payload });
  const resultOf = (res: { json(): unknown }) => (res.json() as { data: BulkReviewResultDto }).data;
  const getReport = async (unit: Unit, periodId: string, headers = w.coordinator.headers) => {
    const res = await app.inject({ method: "GET", url: url(unit, periodId), headers });
    expect(res.statusCode).toBe(200);
    return (res.json() as { data: UnitReportDto }).data;
  };
  const audit = async (entityId: string, action: string) =>
    (await listAuditEvents(getDb().db, { entityId, action, limit: 50, offset: 0 })).rows;

  /** The unit saves every one of its tasks; then submits unless told not to. Returns the report as it stands. */
  const prepare = async (unit: Unit, periodId: string, submit = true): Promise<UnitReportDto> => {
    const headers = reporterOf.get(unit.id)!.headers;
    const current = await getReport(unit, periodId, headers);
    const items = tasksOf.get(unit.id)!.map((taskId) => ({
      taskId,
      status: "in_progress",
      percent: 50,
      result: "Đã triển khai theo kế hoạch.",
    }));
    const saved = await app.inject({
      method: "PUT",
      url: url(unit, periodId),
      headers,
      payload: { version: current.version, items },
    });
    expect(saved.statusCode).toBe(200);
    if (submit) {
      const res = await app.inject({ method: "POST", url: url(unit, periodId, "/submit"), headers, payload: {} });
      expect(res.statusCode).toBe(200);
    }
    return getReport(unit, periodId, headers);
  };

  const adhocPeriod = async (label: string): Promise<string> => {
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/plans/${w.planId}/periods`,
      headers: w.coordinator.headers,
      payload: { label: `${label} ${newId().slice(0, 6)}`, dueDate: "2025-09-30" },
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as { data: PeriodDto }).data.id;
  };

  it("accepts a mixed batch item by item: only submitted or approved reports change, one audit event each", async () => {
    const periodId = w.periodIds[0];
    const a = await prepare(w.unitA, periodId);
    const approve = await app.inject({
      method: "POST",
      url: url(w.unitA, periodId, "/approve"),
      headers: w.leaderA.headers,
      payload: {},
    });
    expect(approve.statusCode).toBe(200);
    const b = await prepare(w.unitB, periodId, false);
    const c = await prepare(unitC, periodId);
    expect([b.status, c.status]).toEqual(["draft", "submitted"]);

    const res = await bulk(w.coordinator.headers, periodId, "accept", {
      unitIds: [w.unitA.id, w.unitB.id, w2.unitA.id, "khong-co-don-vi", unitC.id, w.unitA.id],
    });
    expect(res.statusCode).toBe(200);
    const out = resultOf(res);
    expect(out).toMatchObject({ action: "accept", okCount: 2, failedCount: 3 });
    // One item per distinct unit, in request order.
    expect(out.items.map((i) => i.unitId)).toEqual([w.unitA.id, w.unitB.id, w2.unitA.id, "khong-co-don-vi", unitC.id]);
    const [ia, ib, iOther, iUnknown, ic] = out.items;
    expect(ia).toEqual({ unitId: w.unitA.id, unitName: w.unitA.name, ok: true, status: "accepted" });
    expect(ib).toEqual({
      unitId: w.unitB.id,
      unitName: w.unitB.name,
      ok: false,
      status: "draft",
      error: { code: "STATE", message: "Báo cáo chưa được nộp." },
    });
    expect(iOther).toMatchObject({ ok: false, unitName: w2.unitA.name, error: { code: "NOT_FOUND" } });
    expect(iOther!.error!.message).toContain("không được giao nhiệm vụ");
    expect(iUnknown).toEqual({
      unitId: "khong-co-don-vi",
      unitName: null,
      ok: false,
      error: { code: "NOT_FOUND", message: "Không tìm thấy đơn vị." },
    });
    expect(ic).toMatchObject({ ok: true, status: "accepted" });

    // Statuses changed only where ok; the accepted reports carry the reviewer as a single accept does.
    expect(await getReport(w.unitA, periodId)).toMatchObject({ status: "accepted", reviewedBy: w.coordinator.user.id });
    expect(await getReport(unitC, periodId)).toMatchObject({ status: "accepted", reviewedBy: w.coordinator.user.id });
    expect((await getReport(w.unitB, periodId)).status).toBe("draft");
    expect(await audit(a.id!, "report.accepted")).toHaveLength(1);
    expect(await audit(c.id!, "report.accepted")).toHaveLength(1);
    expect(await audit(b.id!, "report.accepted")).toHaveLength(0);

    // Again: nothing left to accept, every item says why, no new audit events.
    const again = resultOf(await bulk(w.coordinator.headers, periodId, "accept", { unitIds: [w.unitA.id, unitC.id] }));
    expect(again.okCount).toBe(0);
    expect(again.items.map((i) => i.error?.message)).toEqual([
      "Báo cáo đã được tiếp nhận trước đó.",
      "Báo cáo đã được tiếp nhận trước đó.",
    ]);
    expect(await audit(a.id!, "report.accepted")).toHaveLength(1);
  });

  it("refuses reporters and outsiders (403), anonymous (401), another plan's period (404), and bad bodies (400)", async () => {
    const periodId = w.periodIds[0];
    const payload = { unitIds: [w.unitB.id] };
    const reporter = await bulk(w.reporterA.headers, periodId, "accept", payload);
    expect(reporter.statusCode).toBe(403);
    expect((reporter.json() as ApiError).error.message).toBe(BULK_FORBIDDEN_MESSAGE);
    expect((await bulk(w.reporterB.headers, periodId, "return", { ...payload, comment: "Sửa lại" })).statusCode).toBe(
      403,
    );
    expect((await bulk(w.outsider.headers, periodId, "accept", payload)).statusCode).toBe(403);
    expect((await app.inject({ method: "POST", url: bulkUrl(periodId, "accept"), payload })).statusCode).toBe(401);
    expect((await bulk(w.coordinator.headers, w2.periodIds[0], "accept", payload)).statusCode).toBe(404);
    const noPlan = await app.inject({
      method: "POST",
      url: bulkUrl(periodId, "accept", "khong-co"),
      headers: w.coordinator.headers,
      payload,
    });
    expect(noPlan.statusCode).toBe(404);

    for (const comment of [undefined, "", "   "]) {
      const res = await bulk(w.coordinator.headers, periodId, "return", { ...payload, comment });
      expect(res.statusCode, String(comment)).toBe(400);
      expect((res.json() as ApiError).error.fields?.comment).toBe("Vui lòng ghi rõ lý do trả lại báo cáo.");
    }
    const tooMany = await bulk(w.coordinator.headers, periodId, "accept", {
      unitIds: Array.from({ length: 201 }, (_, i) => `don-vi-${i}`),
    });
    expect(tooMany.statusCode).toBe(400);
    expect((tooMany.json() as ApiError).error.fields?.unitIds).toBe(
      "Mỗi lần chỉ xử lý được tối đa 200 báo cáo; hãy chia thành nhiều lần.",
    );
    const none = await bulk(w.coordinator.headers, periodId, "accept", { unitIds: [] });
    expect(none.statusCode).toBe(400);
    expect((none.json() as ApiError).error.fields?.unitIds).toBe("Chưa chọn báo cáo nào.");
    // Exactly at the limit is fine: 200 unknown units, each listed as not found.
    const atLimit = await bulk(w.coordinator.headers, periodId, "accept", {
      unitIds: Array.from({ length: 200 }, (_, i) => `don-vi-${i}`),
    });
    expect(atLimit.statusCode).toBe(200);
    expect(resultOf(atLimit)).toMatchObject({ okCount: 0, failedCount: 200 });
  });

  it("returns reports with the comment: they reopen for their units exactly as a single return does", async () => {
    const periodId = w.periodIds[1];
    const a = await prepare(w.unitA, periodId);
    const b = await prepare(w.unitB, periodId);
    const c = await prepare(unitC, periodId);
    const comment = "Bổ sung minh chứng cho nhiệm vụ 2.";

    const res = await bulk(w.coordinator.headers, periodId, "return", { unitIds: [w.unitA.id, unitC.id], comment });
    expect(res.statusCode).toBe(200);
    expect(resultOf(res).items).toEqual([
      { unitId: w.unitA.id, unitName: w.unitA.name, ok: true, status: "returned" },
      { unitId: unitC.id, unitName: unitC.name, ok: true, status: "returned" },
    ]);
    // Unit B gets the single action, for comparison.
    const single = await app.inject({
      method: "POST",
      url: url(w.unitB, periodId, "/return"),
      headers: w.coordinator.headers,
      payload: { comment },
    });
    expect(single.statusCode).toBe(200);

    const seen = (r: UnitReportDto) => ({
      status: r.status,
      statusLabel: r.statusLabel,
      reviewComment: r.reviewComment,
      reviewedBy: r.reviewedBy,
      lockedReason: r.lockedReason,
      abilities: r.abilities,
      version: r.version,
    });
    const bulkA = await getReport(w.unitA, periodId, w.reporterA.headers);
    const singleB = await getReport(w.unitB, periodId, w.reporterB.headers);
    expect(seen(bulkA)).toEqual(seen(singleB));
    expect(seen(bulkA)).toMatchObject({
      status: "returned",
      reviewComment: comment,
      reviewedBy: w.coordinator.user.id,
      lockedReason: null,
      abilities: { edit: true, submit: true },
    });
    for (const r of [a, b, c]) {
      const events = await audit(r.id!, "report.returned");
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0]!.after_json!)).toMatchObject({ status: "returned", comment });
    }
    // Reopened: the unit edits and sends it again.
    const resubmitted = await prepare(unitC, periodId);
    expect(resubmitted.status).toBe("submitted");
  });

  it("reviews nothing in a locked period (each item gives the lock as reason), the same as the single action", async () => {
    const periodId = await adhocPeriod("Báo cáo đột xuất");
    const a = await prepare(w.unitA, periodId);
    const lock = await app.inject({
      method: "POST",
      url: `/api/v1/plans/${w.planId}/periods/${periodId}/lock`,
      headers: w.coordinator.headers,
      payload: { reason: "Đã tổng hợp" },
    });
    expect(lock.statusCode).toBe(200);

    for (const verb of ["accept", "return"] as const) {
      const out = resultOf(
        await bulk(w.coordinator.headers, periodId, verb, { unitIds: [w.unitA.id, w.unitB.id], comment: "Sửa lại" }),
      );
      expect(out.okCount).toBe(0);
      expect(out.items[0]).toMatchObject({ ok: false, status: "submitted", error: { code: "STATE" } });
      expect(out.items[0]!.error!.message).toContain("đã bị khóa");
      expect(out.items[1]!.error!.message).toContain("đã bị khóa");
    }
    const single = await app.inject({
      method: "POST",
      url: url(w.unitA, periodId, "/accept"),
      headers: w.coordinator.headers,
      payload: {},
    });
    expect(single.statusCode).toBe(409);
    expect((single.json() as ApiError).error.message).toContain("đã bị khóa");
    const view = await getReport(w.unitA, periodId);
    expect(view).toMatchObject({ status: "submitted", abilities: { review: false } });
    expect(await audit(a.id!, "report.accepted")).toHaveLength(0);

    await app.inject({
      method: "POST",
      url: `/api/v1/plans/${w.planId}/periods/${periodId}/unlock`,
      headers: w.coordinator.headers,
      payload: {},
    });
    const after = resultOf(await bulk(w.coordinator.headers, periodId, "accept", { unitIds: [w.unitA.id] }));
    expect(after.items[0]).toMatchObject({ ok: true, status: "accepted" });
  });

  it("lists a report changed since the batch was loaded as a conflict and still applies the others", async () => {
    const database = getDb();
    const periodId = await adhocPeriod("Báo cáo nhanh");
    const a = await prepare(w.unitA, periodId);
    const c = await prepare(unitC, periodId);
    const actor = { actor: { kind: "system" as const, label: "test" } };
    const snapshot = await loadBulkReview(database.db, actor.actor, { planId: w.planId, periodId }, [
      w.unitA.id,
      unitC.id,
    ]);
    const steps = planBulkReview(actor.actor, "accept", [w.unitA.id, unitC.id], snapshot);
    expect(steps.map((s) => s.kind)).toEqual(["run", "run"]);
    // Someone else moves report A on between loading and applying.
    await database.db
      .updateTable("progress_reports")
      .set((eb) => ({ version: eb("version", "+", 1) }))
      .where("id", "=", a.id!)
      .execute();
    const out = await applyBulkReview(database, actor, snapshot, steps, { verb: "accept" });
    expect(out.items[0]).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(out.items[0]!.error!.message).toContain("người khác");
    expect(out.items[1]).toMatchObject({ ok: true, status: "accepted" });
    expect((await getReport(w.unitA, periodId)).status).toBe("submitted");
    expect(await audit(a.id!, "report.accepted")).toHaveLength(0);
    expect(await audit(c.id!, "report.accepted")).toHaveLength(1);
  });
});

describe("bulk review limits", () => {
  it("keeps the OpenAPI limit and the message in step", async () => {
    const { BULK_REVIEW_MAX, BulkAcceptBody } = await import("./reports.schema.js");
    expect(BULK_REVIEW_MAX).toBe(200);
    expect(BulkAcceptBody.safeParse({ unitIds: Array(BULK_REVIEW_MAX).fill("x") }).success).toBe(true);
    expect(BulkAcceptBody.safeParse({ unitIds: Array(BULK_REVIEW_MAX + 1).fill("x") }).success).toBe(false);
  });
});
