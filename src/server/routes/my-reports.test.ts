import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../store/testing.js";
import type { MyReportDto } from "../api-types.js";
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
});
