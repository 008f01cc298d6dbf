import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../store/testing.js";
import type { MyReportDto, UnitReportStatusDto } from "../api-types.js";
import { buildTestApp } from "../test/factories.js";
import { makePerson, makeReportingWorld, type Person, type ReportingWorld, reportUrl } from "../test/reporting.js";

describeEachEngine("GET /me/reports", (getDb) => {
  let app: FastifyInstance;
  let w: ReportingWorld;
  let admin: Person;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    w = await makeReportingWorld(getDb(), { year: 2025 });
    admin = await makePerson(getDb(), [], { isAdmin: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  const mine = async (who: Person, query = "") => {
    const res = await app.inject({ method: "GET", url: `/api/v1/me/reports${query}`, headers: who.headers });
    expect(res.statusCode).toBe(200);
    return (res.json() as { data: MyReportDto[] }).data;
  };
  const keys = (list: MyReportDto[]) => list.map((r) => `${r.queue}:${r.unitId}:${r.period.id}:${r.status}`).sort();
  const post = (who: Person, action: string, period: number, body: object = {}) =>
    app.inject({
      method: "POST",
      url: reportUrl(w, w.unitA, period, `/${action}`),
      headers: who.headers,
      payload: body,
    });

  it("answers 401 anonymous and 400 for a bad query", async () => {
    expect((await app.inject({ method: "GET", url: "/api/v1/me/reports" })).statusCode).toBe(401);
    const bad = await app.inject({ method: "GET", url: "/api/v1/me/reports?queue=all", headers: w.reporterA.headers });
    expect(bad.statusCode).toBe(400);
  });

  it("lists the periods the reporter's unit still has to report, overdue ones with negative days left", async () => {
    const list = await mine(w.reporterA);
    expect(keys(list)).toEqual(
      [`report:${w.unitA.id}:${w.periodIds[0]}:draft`, `report:${w.unitA.id}:${w.periodIds[1]}:draft`].sort(),
    );
    const q1 = list.find((r) => r.period.id === w.periodIds[0])!;
    expect(q1).toMatchObject({
      reportId: null,
      statusLabel: "Chưa lập",
      planId: w.planId,
      period: { label: "Quý I/2025" },
    });
    expect(q1.daysLeft).toBeLessThan(0);
    // Nothing of another unit, nothing for an outsider or an administrator without memberships.
    expect((await mine(w.reporterB)).every((r) => r.unitId === w.unitB.id)).toBe(true);
    expect(await mine(w.outsider)).toEqual([]);
    expect(await mine(admin)).toEqual([]);
  });

  it("moves a submitted report to the leader's approval and the coordinator's acceptance lists", async () => {
    const items = w.taskIds.map((taskId) => ({
      taskId,
      status: "in_progress",
      percent: 30,
      result: "Đang triển khai.",
    }));
    const saved = await app.inject({
      method: "PUT",
      url: reportUrl(w, w.unitA, 0),
      headers: w.reporterA.headers,
      payload: { version: 0, items },
    });
    expect(saved.statusCode).toBe(200);
    expect((await post(w.reporterA, "submit", 0, { version: 1 })).statusCode).toBe(200);
    expect(keys(await mine(w.reporterA))).toEqual([`report:${w.unitA.id}:${w.periodIds[1]}:draft`]);
    expect(keys(await mine(w.leaderA, "?queue=approve"))).toEqual([
      `approve:${w.unitA.id}:${w.periodIds[0]}:submitted`,
    ]);
    expect(keys(await mine(w.coordinator))).toEqual([`accept:${w.unitA.id}:${w.periodIds[0]}:submitted`]);
    expect((await mine(w.reporterB)).some((r) => r.queue !== "report")).toBe(false);
  });

  it("brings a returned report back to the unit with the coordinator's comment", async () => {
    const res = await post(w.coordinator, "return", 0, { comment: "Bổ sung số liệu nhiệm vụ 1." });
    expect(res.statusCode).toBe(200);
    const returned = (await mine(w.reporterA, "?queue=report")).find((r) => r.period.id === w.periodIds[0]);
    expect(returned).toMatchObject({
      status: "returned",
      statusLabel: "Trả lại",
      reviewComment: "Bổ sung số liệu nhiệm vụ 1.",
    });
    expect(await mine(w.coordinator)).toEqual([]);
    expect(await mine(w.leaderA, "?queue=approve")).toEqual([]);
  });

  describe("GET /me/reports/units (read-only, for those who follow reports)", () => {
    const inReach = async (who: Person, query = "?from=2025-01-01&to=2025-12-31") => {
      const res = await app.inject({ method: "GET", url: `/api/v1/me/reports/units${query}`, headers: who.headers });
      expect(res.statusCode).toBe(200);
      return (res.json() as { data: UnitReportStatusDto[] }).data;
    };
    const rowKeys = (list: UnitReportStatusDto[]) => list.map((r) => `${r.unitId}:${r.period.id}:${r.status}`).sort();

    it("answers 401 anonymous and 400 for bad dates", async () => {
      expect((await app.inject({ method: "GET", url: "/api/v1/me/reports/units" })).statusCode).toBe(401);
      const bad = await app.inject({
        method: "GET",
        url: "/api/v1/me/reports/units?from=15/03/2025",
        headers: w.reporterA.headers,
      });
      expect(bad.statusCode).toBe(400);
    });

    it("shows a viewer of the issuing unit every unit's report of its plan, with status and due date", async () => {
      const viewer = await makePerson(getDb(), [{ unitId: w.issuer.id, role: "viewer" }]);
      const list = await inReach(viewer);
      const [q1, q2] = w.periodIds;
      // Q1 of unit A was submitted then returned (tests above); the rest were never started.
      expect(rowKeys(list)).toEqual(
        [
          `${w.unitA.id}:${q1}:returned`,
          `${w.unitA.id}:${q2}:draft`,
          `${w.unitB.id}:${q1}:draft`,
          `${w.unitB.id}:${q2}:draft`,
        ].sort(),
      );
      // Latest due first.
      expect(list[0]!.period).toMatchObject({ label: "Quý II/2025", dueDate: "2025-06-15", locked: false });
      const notStarted = list.find((r) => r.unitId === w.unitB.id && r.period.id === q1)!;
      expect(notStarted).toMatchObject({ reportId: null, statusLabel: "Chưa lập", planId: w.planId });
      expect(notStarted.daysLeft).toBeLessThan(0);
      expect(list.find((r) => r.unitId === w.unitA.id && r.period.id === q1)).toMatchObject({
        statusLabel: "Trả lại",
        reviewComment: "Bổ sung số liệu nhiệm vụ 1.",
      });
      // The window on the due date.
      expect(rowKeys(await inReach(viewer, "?from=2025-04-01&to=2025-12-31"))).toEqual(
        [`${w.unitA.id}:${q2}:draft`, `${w.unitB.id}:${q2}:draft`].sort(),
      );
      expect(await inReach(viewer, "?from=2025-12-31&to=2025-01-01")).toEqual([]);
    });

    it("limits a unit's viewer or leader to that unit, and gives outsiders and the unassigned nothing", async () => {
      const viewerB = await makePerson(getDb(), [{ unitId: w.unitB.id, role: "viewer" }]);
      expect(new Set((await inReach(viewerB)).map((r) => r.unitId))).toEqual(new Set([w.unitB.id]));
      expect(await inReach(viewerB)).toHaveLength(2);
      expect(new Set((await inReach(w.leaderA)).map((r) => r.unitId))).toEqual(new Set([w.unitA.id]));
      expect(await inReach(w.outsider)).toEqual([]);
      expect(await inReach(admin)).toEqual([]);
      // The action lists stay empty for a viewer: this list is what their "Báo cáo" page shows.
      expect(await mine(viewerB)).toEqual([]);
    });
  });
});
