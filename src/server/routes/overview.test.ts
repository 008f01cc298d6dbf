import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertTestPlan } from "../../store/test/plan-fixture.js";
import { countingDb } from "../../store/test/query-counter.js";
import { describeEachEngine } from "../../store/testing.js";
import type { PlanOverviewDto, TaskHistoryDto, UnitHistoryDto } from "../api-types.js";
import { buildOverview, loadPlanFacts } from "../services/plan-overview.js";
import { buildTestApp } from "../test/factories.js";
import { makeReportingWorld, type ReportingWorld, reportAndAccept } from "../test/reporting.js";

describeEachEngine("overview, history, consolidated report, calendar", (getDb) => {
  let app: FastifyInstance;
  let w: ReportingWorld;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    w = await makeReportingWorld(getDb());
    const [t1, t2, t3] = w.taskIds;
    // Q1 (due 15/3): A on time, B late; both accepted.
    await reportAndAccept(
      getDb(),
      w,
      w.unitA,
      0,
      [
        { taskId: t1, status: "in_progress", percent: 50, result: "Đã tổ chức 2 hội nghị quán triệt." },
        { taskId: t2, status: "in_progress", percent: 40, result: "Cập nhật 35 tin bài." },
        { taskId: t3, status: "done", completedOn: "2025-03-20", result: "Phối hợp khảo sát vùng lõm sóng." },
      ],
      { submit: "2025-03-10T03:00:00Z", accept: "2025-03-20T03:00:00Z" },
      { proposals: "Đề nghị bố trí kinh phí tập huấn kỹ năng số." },
    );
    await reportAndAccept(
      getDb(),
      w,
      w.unitB,
      0,
      [
        { taskId: t1, status: "in_progress", percent: 30, result: "Đăng tin trên trang thông tin điện tử phường." },
        {
          taskId: t3,
          status: "in_progress",
          percent: 80,
          result: "Đã lắp đặt 3/4 trạm.",
          difficulties: "Thiếu mặt bằng đặt trạm BTS.",
        },
      ],
      { submit: "2025-03-18T03:00:00Z", accept: "2025-03-25T03:00:00Z" },
    );
    // Q2 (due 15/6): A on time and accepted; B never reports.
    await reportAndAccept(
      getDb(),
      w,
      w.unitA,
      1,
      [
        { taskId: t1, status: "done", completedOn: "2025-06-10", result: "Hoàn thành 5 hội nghị." },
        { taskId: t2, status: "in_progress", percent: 60, result: "Cập nhật 80 tin bài." },
        { taskId: t3, status: "done", completedOn: "2025-03-20", result: "Đã hoàn thành phần phối hợp." },
      ],
      { submit: "2025-06-12T03:00:00Z", accept: "2025-06-20T03:00:00Z" },
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string, headers: Record<string, string>) => app.inject({ method: "GET", url, headers });
  const count = (o: PlanOverviewDto, status: string) => o.counts.find((c) => c.status === status)?.count;

  it("derives status from the lead's accepted reports, lists overdue tasks and the reporting grid", async () => {
    expect((await app.inject({ method: "GET", url: `/api/v1/plans/${w.planId}/overview` })).statusCode).toBe(401);
    expect((await get("/api/v1/plans/khong-co/overview", w.coordinator.headers)).statusCode).toBe(404);
    const res = await get(`/api/v1/plans/${w.planId}/overview`, w.coordinator.headers);
    expect(res.statusCode).toBe(200);
    const o = (res.json() as { data: PlanOverviewDto }).data;
    expect(o.totalTasks).toBe(3);
    expect(count(o, "hoan_thanh_dung_han")).toBe(1);
    expect(count(o, "thuong_xuyen")).toBe(1);
    // Task 3 is led by B (80 %, due 31/3): overdue although partner A says its part is done.
    expect(count(o, "qua_han_chua_hoan_thanh")).toBe(1);
    expect(o.overdue.map((t) => [t.ref, t.percent, t.leadUnits.map((u) => u.id)])).toEqual([["3", 80, [w.unitB.id]]]);
    expect(o.completionRate).toBe(50);
    const cell = (unitId: string, p: number) =>
      o.grid.cells.find((c) => c.unitId === unitId && c.periodId === w.periodIds[p]);
    expect(cell(w.unitA.id, 0)).toMatchObject({ state: "on_time", label: "Nộp đúng hạn" });
    expect(cell(w.unitB.id, 0)).toMatchObject({ state: "late", label: "Nộp muộn" });
    expect(cell(w.unitA.id, 1)).toMatchObject({ state: "on_time" });
    expect(cell(w.unitB.id, 1)).toMatchObject({ state: "missing", label: "Chưa nộp" });
    expect(o.grid.total).toMatchObject({ expected: 4, actual: 3, onTime: 2, late: 1, rate: 75 });
    expect(o.groups.map((g) => [g.ref, g.taskCount, g.completed, g.percent])).toEqual([
      ["I", 2, 1, 80],
      ["II", 1, 0, 80],
    ]);
    expect(o.trend.map((p) => [p.label, p.completionRate, p.reportingRate])).toEqual([
      ["Quý I/2025", 0, 100],
      ["Quý II/2025", 50, 50],
    ]);
  });

  it("shows a period as a snapshot at its end", async () => {
    const res = await get(`/api/v1/plans/${w.planId}/overview?period=${w.periodIds[0]}`, w.reporterB.headers);
    expect(res.statusCode).toBe(200);
    const o = (res.json() as { data: PlanOverviewDto }).data;
    expect(o.asOf).toBe("2025-03-31");
    expect(o.period?.label).toBe("Quý I/2025");
    expect(count(o, "dang_thuc_hien")).toBe(2);
    expect(o.overdue).toEqual([]);
    expect((await get(`/api/v1/plans/${w.planId}/overview?period=khong-co`, w.coordinator.headers)).statusCode).toBe(
      404,
    );
  });

  it("uses a fixed number of queries whatever the plan's size (no N+1)", async () => {
    const small = await insertTestPlan(getDb().db, { tasks: 2, periods: 1 });
    const large = await insertTestPlan(getDb().db, { tasks: 60, periods: 4 });
    const counter = countingDb(getDb().db);
    const run = async (planId: string) => {
      counter.reset();
      buildOverview(await loadPlanFacts(counter.db, planId), { now: new Date() });
      return counter.count();
    };
    const a = await run(small.planId);
    const b = await run(large.planId);
    expect(a).toBe(b);
    expect(b).toBeLessThanOrEqual(10);
  });

  it("drills down into a unit's and a task's history", async () => {
    const url = `/api/v1/plans/${w.planId}/units/${w.unitB.id}/history`;
    expect((await get(url, w.outsider.headers)).statusCode).toBe(404);
    expect((await get(url, w.reporterA.headers)).statusCode).toBe(404);
    const res = await get(url, w.coordinator.headers);
    expect(res.statusCode).toBe(200);
    const h = (res.json() as { data: UnitHistoryDto }).data;
    expect(h.periods.map((p) => [p.label, p.state, p.reportStatus, p.items.length])).toEqual([
      ["Quý I/2025", "late", "accepted", 2],
      ["Quý II/2025", "missing", null, 0],
    ]);
    expect(h.rate).toMatchObject({ expected: 2, actual: 1, late: 1 });

    const t = await get(`/api/v1/tasks/${w.taskIds[2]}/history`, w.outsider.headers);
    expect(t.statusCode).toBe(200);
    const th = (t.json() as { data: TaskHistoryDto }).data;
    expect(th).toMatchObject({
      status: "qua_han_chua_hoan_thanh",
      statusLabel: "Quá hạn chưa hoàn thành",
      percent: 80,
    });
    expect(th.items.map((i) => [i.periodLabel, i.unitId, i.status])).toEqual(
      expect.arrayContaining([
        ["Quý I/2025", w.unitB.id, "in_progress"],
        ["Quý II/2025", w.unitA.id, "done"],
      ]),
    );
    expect((await get("/api/v1/tasks/khong-co/history", w.coordinator.headers)).statusCode).toBe(404);
  });

  it("produces the consolidated DOCX and streams the XLSX appendix for the issuer's staff", async () => {
    const url = `/api/v1/plans/${w.planId}/consolidated`;
    expect((await get(`${url}.docx`, w.reporterA.headers)).statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url: `${url}.docx` })).statusCode).toBe(401);
    const docx = await get(`${url}.docx?period=${w.periodIds[0]}`, w.coordinator.headers);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    expect(String(docx.headers["content-disposition"])).toContain("Qu%C3%BD%20I");
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))["word/document.xml"]!);
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("Phủ sóng 4G toàn địa bàn");
    expect(text).toContain("Thiếu mặt bằng đặt trạm BTS");
    expect(text).toContain("Đề nghị bố trí kinh phí tập huấn kỹ năng số");
    expect(text).toContain("Đã lắp đặt 3/4 trạm");

    const xlsx = await get(`${url}.xlsx?period=${w.periodIds[1]}`, w.coordinator.headers);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.join("\n")).toContain("Hoàn thành 5 hội nghị.");
    expect(cells).toContain("Hoàn thành đúng hạn");
  });

  it("serves the unit's due dates as iCalendar with ?token= or Bearer", async () => {
    const url = `/api/v1/units/${w.unitA.id}/calendar.ics`;
    expect((await app.inject({ method: "GET", url })).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: `${url}?token=tdo_khong_hop_le_0000` })).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: `${url}?token=${w.outsider.token}` })).statusCode).toBe(404);
    const res = await app.inject({ method: "GET", url: `${url}?token=${w.reporterA.token}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/calendar");
    const ics = res.body.replace(/\r\n[ \t]/g, "");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("Hạn nộp báo cáo Quý I/2025");
    expect(ics).toContain("DTSTART;VALUE=DATE:20250315");
    expect((await get(url, w.leaderA.headers)).statusCode).toBe(200);
  });
});
