import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysBetween } from "../../core/index.js";
import { comparePeriods, insertPeriods } from "../../store/repos/periods.js";
import { describeEachEngine } from "../../store/testing.js";
import type {
  MyReportDto,
  PeriodWithRateDto,
  PlanDto,
  PlanOverviewDto,
  UnitReportDto,
  UnitReportStatusDto,
} from "../api-types.js";
import { todayOf } from "../services/plan-overview.js";
import { buildTestApp } from "../test/factories.js";
import { makeReportingWorld, type ReportingWorld, reportUrl } from "../test/reporting.js";

describe("comparePeriods", () => {
  const p = (id: string, start: string, end: string, due: string) => ({
    id,
    start_date: start,
    end_date: end,
    due_date: due,
  });
  it("orders by due date, then the shorter period first, then start and id", () => {
    const year = p("a", "2025-01-01", "2025-12-31", "2025-12-15");
    const q4 = p("b", "2025-10-01", "2025-12-31", "2025-12-15");
    const dec = p("c", "2025-12-01", "2025-12-31", "2025-12-15");
    const q3 = p("d", "2025-07-01", "2025-09-30", "2025-09-15");
    const h2 = p("e", "2025-07-01", "2025-12-31", "2025-12-20");
    expect([year, h2, q4, dec, q3].sort(comparePeriods).map((x) => x.id)).toEqual(["d", "c", "b", "a", "e"]);
    expect(comparePeriods(q4, { ...q4, id: "z" })).toBeLessThan(0);
  });
});

describeEachEngine("GET /plans/:id/periods", (getDb) => {
  let app: FastifyInstance;
  let w: ReportingWorld;
  let yearId: string;
  let q4Id: string;
  let q3Id: string;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    w = await makeReportingWorld(getDb(), { year: 2025 });
    // Inserted year first, so that neither insertion order nor start date puts the quarter first by accident.
    const rows = await insertPeriods(getDb().db, w.planId, [
      {
        frequency: "annual",
        label: "Năm 2025",
        start_date: "2025-01-01",
        end_date: "2025-12-31",
        due_date: "2025-12-15",
        period_key: "2025-Y",
      },
      {
        frequency: "quarterly",
        label: "Quý IV/2025",
        start_date: "2025-10-01",
        end_date: "2025-12-31",
        due_date: "2025-12-15",
        period_key: "2025-Q4",
      },
      {
        frequency: "quarterly",
        label: "Quý III/2025",
        start_date: "2025-07-01",
        end_date: "2025-09-30",
        due_date: "2025-09-15",
        period_key: "2025-Q3",
      },
    ]);
    [yearId, q4Id, q3Id] = rows.map((r) => r.id) as [string, string, string];
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = async <T>(url: string, headers = w.coordinator.headers): Promise<T> => {
    const res = await app.inject({ method: "GET", url: `/api/v1${url}`, headers });
    expect(res.statusCode).toBe(200);
    return (res.json() as { data: T }).data;
  };
  const ORDER = ["Quý I/2025", "Quý II/2025", "Quý III/2025", "Quý IV/2025", "Năm 2025"];

  it("lists periods by due date, the quarter due with the year before the year", async () => {
    const periods = await get<PeriodWithRateDto[]>(`/plans/${w.planId}/periods`);
    expect(periods.map((p) => p.label)).toEqual(ORDER);
    expect(periods.map((p) => p.id).slice(2)).toEqual([q3Id, q4Id, yearId]);
    // The same order for a unit's reporter, and in the plan and its overview grid.
    expect(
      (await get<PeriodWithRateDto[]>(`/plans/${w.planId}/periods`, w.reporterA.headers)).map((p) => p.label),
    ).toEqual(ORDER);
    expect((await get<PlanDto>(`/plans/${w.planId}`)).periods.map((p) => p.label)).toEqual(ORDER);
    expect((await get<PlanOverviewDto>(`/plans/${w.planId}/overview`)).grid.periods.map((p) => p.label)).toEqual(ORDER);
  });

  it("keeps that order in the reports lists of /me/reports", async () => {
    const mine = (await get<MyReportDto[]>("/me/reports?queue=report", w.reporterA.headers)).filter(
      (r) => r.planId === w.planId,
    );
    expect(mine.map((r) => r.period.label)).toEqual(ORDER);
    const reach = await get<UnitReportStatusDto[]>(
      "/me/reports/units?from=2025-01-01&to=2025-12-31",
      w.leaderA.headers,
    );
    expect(reach.map((r) => r.period.label)).toEqual([
      "Quý IV/2025",
      "Năm 2025",
      "Quý III/2025",
      "Quý II/2025",
      "Quý I/2025",
    ]);
  });

  it("gives a locked period's reason in the list and on the unit's report, with the days left", async () => {
    const lock = await app.inject({
      method: "POST",
      url: `/api/v1/plans/${w.planId}/periods/${q4Id}/lock`,
      headers: w.coordinator.headers,
      payload: { reason: "Đã chốt số liệu để tổng hợp báo cáo năm" },
    });
    expect(lock.statusCode).toBe(200);
    const noReason = await app.inject({
      method: "POST",
      url: `/api/v1/plans/${w.planId}/periods/${q3Id}/lock`,
      headers: w.coordinator.headers,
      payload: {},
    });
    expect(noReason.statusCode).toBe(200);
    const periods = await get<PeriodWithRateDto[]>(`/plans/${w.planId}/periods`);
    const byLabel = new Map(periods.map((p) => [p.label, p]));
    expect(byLabel.get("Quý IV/2025")).toMatchObject({
      locked: true,
      lockReason: "Đã chốt số liệu để tổng hợp báo cáo năm",
    });
    expect(byLabel.get("Quý III/2025")).toMatchObject({ locked: true, lockReason: null });
    expect(byLabel.get("Năm 2025")).toMatchObject({ locked: false, lockReason: null });

    const url = reportUrl(w, w.unitA).replace(w.periodIds[0], q4Id);
    const report = await get<UnitReportDto>(url.replace("/api/v1", ""), w.reporterA.headers);
    expect(report.period).toMatchObject({ locked: true, lockReason: "Đã chốt số liệu để tổng hợp báo cáo năm" });
    expect(report.period.daysLeft).toBe(daysBetween(todayOf(new Date()), "2025-12-15"));
    expect(report.lockedReason).toContain("đã bị khóa");

    // Unlocked: no reason any more; locked again without one: none (the latest lock counts).
    const post = (action: string, payload: object) =>
      app.inject({
        method: "POST",
        url: `/api/v1/plans/${w.planId}/periods/${q4Id}/${action}`,
        headers: w.coordinator.headers,
        payload,
      });
    expect((await post("unlock", {})).statusCode).toBe(200);
    expect((await get<UnitReportDto>(url.replace("/api/v1", ""), w.reporterA.headers)).period.lockReason).toBeNull();
    expect((await post("lock", { reason: "  " })).statusCode).toBe(200);
    expect((await get<UnitReportDto>(url.replace("/api/v1", ""), w.reporterA.headers)).period).toMatchObject({
      locked: true,
      lockReason: null,
    });
  });
});
