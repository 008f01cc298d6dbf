import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "../../store/repos/audit.js";
import { setPublicPlanRow } from "../../store/repos/public-plans.js";
import { insertTestPlan } from "../../store/test/plan-fixture.js";
import { countingDb } from "../../store/test/query-counter.js";
import { describeEachEngine } from "../../store/testing.js";
import type { PlanOverviewDto, PlanPublicStateDto, PublicPlanDto, PublicPlanSummaryDto } from "../api-types.js";
import { returnReport } from "../commands/return-report.js";
import { saveUnitReport } from "../commands/save-unit-report.js";
import { submitReport } from "../commands/submit-report.js";
import { runCommand, SYSTEM_ACTOR } from "../context.js";
import { csvField, listPublicPlanSummaries, loadPublicPlan } from "../services/public-progress.js";
import { loadUnitReport } from "../services/unit-report.js";
import { buildTestApp, login, makeUser } from "../test/factories.js";
import { makeReportingWorld, type ReportingWorld, reportAndAccept } from "../test/reporting.js";

/** Texts that must never reach the public: report texts (accepted or not), a return comment. */
const PRIVATE_TEXTS = [
  "Đã tổ chức 2 hội nghị quán triệt",
  "Thiếu kinh phí thuê hội trường",
  "Đề nghị bố trí kinh phí tập huấn",
  "Bản nháp chưa nộp của phường",
  "Số liệu chưa khớp, đề nghị bổ sung minh chứng",
];

describeEachEngine("public progress (Công khai)", (getDb) => {
  let app: FastifyInstance;
  let w: ReportingWorld;
  let draftPlanId: string;

  beforeAll(async () => {
    const database = getDb();
    app = await buildTestApp(database);
    w = await makeReportingWorld(database, { emails: true });
    const [t1, t2, t3] = w.taskIds;
    // Q1: A reports and is accepted (with texts that stay private).
    await reportAndAccept(
      database,
      w,
      w.unitA,
      0,
      [
        { taskId: t1, status: "in_progress", percent: 50, result: "Đã tổ chức 2 hội nghị quán triệt." },
        { taskId: t2, status: "in_progress", percent: 40, difficulties: "Thiếu kinh phí thuê hội trường." },
        { taskId: t3, status: "done", completedOn: "2025-03-20", result: "Phối hợp khảo sát." },
      ],
      { submit: "2025-03-10T03:00:00Z", accept: "2025-03-20T03:00:00Z" },
      { proposals: "Đề nghị bố trí kinh phí tập huấn kỹ năng số." },
    );
    // Q1: B submits (never accepted) with its own figures; they must not count.
    await reportAndAccept(
      database,
      w,
      w.unitB,
      0,
      [
        { taskId: t1, status: "in_progress", percent: 90, result: "Bản nháp chưa nộp của phường." },
        { taskId: t3, status: "done", completedOn: "2025-03-01" },
      ],
      { submit: "2025-03-12T03:00:00Z", accept: null },
    );
    // Q2: A's report is returned with a comment.
    const key = { planId: w.planId, periodId: w.periodIds[1], unitId: w.unitA.id };
    const c0 = await loadUnitReport(database.db, SYSTEM_ACTOR, key);
    await runCommand(database, { actor: SYSTEM_ACTOR, now: new Date("2025-06-10T03:00:00Z") }, (ctx) =>
      saveUnitReport(ctx, {
        context: c0,
        version: 0,
        items: [
          { taskId: t1, status: "done", completedOn: "2025-06-01", result: "Hoàn thành." },
          { taskId: t2, status: "in_progress", percent: 70 },
          { taskId: t3, status: "done", completedOn: "2025-03-20" },
        ],
      }),
    );
    const c1 = await loadUnitReport(database.db, SYSTEM_ACTOR, key);
    await runCommand(database, { actor: SYSTEM_ACTOR }, (ctx) => submitReport(ctx, { context: c1 }));
    const c2 = await loadUnitReport(database.db, SYSTEM_ACTOR, key);
    await runCommand(database, { actor: SYSTEM_ACTOR }, (ctx) =>
      returnReport(ctx, { context: c2, comment: "Số liệu chưa khớp, đề nghị bổ sung minh chứng." }),
    );
    draftPlanId = (await makeReportingWorld(database, { planStatus: "draft" })).planId;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const call = (method: InjectOptions["method"], url: string, headers?: Record<string, string>, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, ...(headers ? { headers } : {}), ...(payload ? { payload } : {}) });
  const auditFor = async (entityId: string) =>
    (await listAuditEvents(getDb().db, { entityId, action: "plan.updated", limit: 50, offset: 0 })).rows;

  describe("making a plan public", () => {
    it("is refused to a reporter, an outsider and without login; the plan stays private", async () => {
      expect((await call("PUT", `/plans/${w.planId}/public`, undefined, { public: true })).statusCode).toBe(401);
      expect((await call("PUT", `/plans/${w.planId}/public`, w.reporterA.headers, { public: true })).statusCode).toBe(
        403,
      );
      expect((await call("PUT", `/plans/${w.planId}/public`, w.leaderA.headers, { public: true })).statusCode).toBe(
        403,
      );
      const state = (await call("GET", `/plans/${w.planId}/public`, w.reporterA.headers)).json()
        .data as PlanPublicStateDto;
      expect(state).toEqual({ planId: w.planId, public: false, publicSince: null, canChange: false });
      expect((await call("GET", `/public/plans/${w.planId}`)).statusCode).toBe(404);
      expect(await auditFor(w.planId)).toHaveLength(0);
    });

    it("validates the body and refuses a draft plan or an unknown one", async () => {
      expect((await call("PUT", `/plans/${w.planId}/public`, w.coordinator.headers, { public: "có" })).statusCode).toBe(
        400,
      );
      expect((await call("PUT", "/plans/khong-co/public", w.coordinator.headers, { public: true })).statusCode).toBe(
        404,
      );
      const admin = await makeUser(getDb(), { isAdmin: true });
      const session = await login(app, admin.user.username, admin.password);
      const res = await call("PUT", `/plans/${draftPlanId}/public`, session.headers, { public: true });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toMatch(/chưa ban hành/);
    });

    it("lets the issuer's coordinator publish (audited once) and says so", async () => {
      const state = (await call("GET", `/plans/${w.planId}/public`, w.coordinator.headers)).json()
        .data as PlanPublicStateDto;
      expect(state.canChange).toBe(true);
      const res = await call("PUT", `/plans/${w.planId}/public`, w.coordinator.headers, { public: true });
      expect(res.statusCode).toBe(200);
      const data = res.json().data as PlanPublicStateDto;
      expect(data.public).toBe(true);
      expect(data.publicSince).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      // Asking again changes nothing and records nothing.
      expect((await call("PUT", `/plans/${w.planId}/public`, w.coordinator.headers, { public: true })).statusCode).toBe(
        200,
      );
      const events = await auditFor(w.planId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor_user_id: w.coordinator.user.id, entity_type: "plan" });
      expect(JSON.stringify(events[0])).toContain("plan.public");
    });

    it("works with a cookie session and its CSRF token (and refuses it without)", async () => {
      const other = await makeUser(getDb(), { memberships: [{ unitId: w.issuer.id, role: "coordinator" }] });
      const session = await login(app, other.user.username, other.password);
      const noCsrf = await call("PUT", `/plans/${w.planId}/public`, { cookie: session.cookie }, { public: true });
      expect(noCsrf.statusCode).toBe(403);
      expect((await call("PUT", `/plans/${w.planId}/public`, session.headers, { public: true })).statusCode).toBe(200);
    });
  });

  describe("reading without login", () => {
    it("lists the public plans with counts and completion, the same as the overview", async () => {
      const res = await call("GET", "/public/plans");
      expect(res.statusCode).toBe(200);
      const list = res.json().data as PublicPlanSummaryDto[];
      expect(list.map((p) => p.id)).toEqual([w.planId]);
      const item = list[0]!;
      expect(item).toMatchObject({
        title: expect.stringContaining("chuyển đổi số"),
        status: "published",
        taskCount: 3,
      });
      expect(item.counts.map((c) => c.status)).toHaveLength(7);

      const overview = (await call("GET", `/plans/${w.planId}/overview`, w.coordinator.headers)).json()
        .data as PlanOverviewDto;
      const detail = (await call("GET", `/public/plans/${w.planId}`)).json().data as PublicPlanDto;
      expect(item.counts).toEqual(overview.counts);
      expect(detail.counts).toEqual(overview.counts);
      expect(item.percentDone).toBe(overview.completionRate);
      expect(detail.percentDone).toBe(overview.completionRate);
      expect(item.taskCount).toBe(overview.totalTasks);
    });

    it("shows a plan's groups and tasks with derived status from ACCEPTED reports only", async () => {
      const res = await call("GET", `/public/plans/${w.planId}`);
      expect(res.statusCode).toBe(200);
      const plan = res.json().data as PublicPlanDto;
      expect(plan.groups.map((g) => [g.ref, g.title])).toEqual([
        ["I", "Nâng cao nhận thức về chuyển đổi số"],
        ["II", "Phát triển hạ tầng số"],
      ]);
      const [t1, t2, t3] = plan.tasks;
      expect(t1).toMatchObject({
        ref: "1",
        groupId: w.groupIds[0],
        title: "Tuyên truyền, phổ biến về chuyển đổi số",
        leadUnits: [w.unitA.name],
        partnerUnits: [w.unitB.name],
        timeframe: "Trước 30/6/2025",
        dueDate: "2025-06-30",
        percent: 50,
      });
      expect(t2).toMatchObject({ status: "thuong_xuyen", statusLabel: "Thường xuyên", percent: 40 });
      // A's Q2 "done" for task 1 was returned, B's 90 % never accepted: neither counts (still 50 %, now overdue).
      expect(t1!.status).toBe("qua_han_chua_hoan_thanh");
      // Task 3 is led by B, who has nothing accepted: A's accepted "done" speaks for it, as on the dashboard.
      expect(t3).toMatchObject({ leadUnits: [w.unitB.name], status: "hoan_thanh_dung_han", percent: 100 });
    });

    it("leaks no personal data: no user names, e-mails, report texts or comments", async () => {
      const bodies = [
        (await call("GET", "/public/plans")).body,
        (await call("GET", `/public/plans/${w.planId}`)).body,
        (await call("GET", `/public/plans/${w.planId}/tasks.csv`)).body,
        (await call("GET", `/public/plans/${w.planId}/tasks.json`)).body,
      ];
      const people = [w.coordinator, w.reporterA, w.leaderA, w.reporterB];
      for (const body of bodies) {
        for (const p of people) {
          expect(body).not.toContain(p.user.username);
          expect(body).not.toContain(p.user.display_name);
          expect(body).not.toContain(p.user.id);
          if (p.user.email) expect(body).not.toContain(p.user.email);
        }
        for (const text of PRIVATE_TEXTS) expect(body).not.toContain(text);
        expect(body).not.toMatch(/"(signer|createdBy|actorId|reviewComment|result|difficulties|proposals|email)"/);
      }
      const detail = JSON.parse(bodies[1]!).data as Record<string, unknown>;
      expect(Object.keys(detail).sort()).toEqual(
        [
          "asOf",
          "counts",
          "docType",
          "groups",
          "id",
          "issuedAt",
          "issuerName",
          "number",
          "overdueCount",
          "percentDone",
          "periodEnd",
          "periodStart",
          "publicSince",
          "status",
          "taskCount",
          "tasks",
          "title",
        ].sort(),
      );
    });

    it("downloads the tasks as CSV (UTF-8 with BOM, quoted) and JSON", async () => {
      const csv = await call("GET", `/public/plans/${w.planId}/tasks.csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(String(csv.headers["content-disposition"])).toMatch(/^attachment; filename="tien-do-.*\.csv"/);
      const raw = csv.rawPayload;
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = raw.subarray(3).toString("utf8");
      const lines = text.split("\r\n");
      expect(lines[0]).toBe(
        "TT,Nhóm nhiệm vụ,Nhiệm vụ,Sản phẩm,Đơn vị chủ trì,Đơn vị phối hợp,Thời gian thực hiện,Hạn hoàn thành,Tình trạng,Tỷ lệ hoàn thành (%)",
      );
      // A title with a comma is quoted; dates are dd/mm/yyyy; percent uses the decimal comma.
      expect(lines[1]).toContain('"Tuyên truyền, phổ biến về chuyển đổi số"');
      expect(lines[1]).toContain("30/06/2025");
      expect(lines[1]).toMatch(/,50$/);
      expect(lines).toHaveLength(5); // header, 3 tasks, final line end

      const json = await call("GET", `/public/plans/${w.planId}/tasks.json`);
      expect(json.statusCode).toBe(200);
      expect(json.headers["content-type"]).toBe("application/json; charset=utf-8");
      const doc = JSON.parse(json.body) as PublicPlanDto;
      expect(doc.tasks.map((t) => t.title)).toContain("Phủ sóng 4G toàn địa bàn");
      expect(doc.counts).toEqual(
        ((await call("GET", `/public/plans/${w.planId}`)).json().data as PublicPlanDto).counts,
      );
    });

    it("works with an expired or foreign cookie and needs no CSRF token", async () => {
      const res = await call("GET", `/public/plans/${w.planId}`, { cookie: "tiendo_session=khong-hop-le" });
      expect(res.statusCode).toBe(200);
    });

    it("answers 404 in Vietnamese for an unknown, draft or non-public plan", async () => {
      const other = await insertTestPlan(getDb().db, { tasks: 2 });
      for (const id of ["khong-co", draftPlanId, other.planId]) {
        for (const suffix of ["", "/tasks.csv", "/tasks.json"]) {
          const res = await call("GET", `/public/plans/${id}${suffix}`);
          expect(res.statusCode).toBe(404);
          expect(res.json().error.message).toMatch(/Không tìm thấy kế hoạch công khai/);
        }
      }
      // Even a public row on a draft plan does not publish it.
      await setPublicPlanRow(getDb().db, draftPlanId, new Date().toISOString(), null);
      expect((await call("GET", `/public/plans/${draftPlanId}`)).statusCode).toBe(404);
      expect(((await call("GET", "/public/plans")).json().data as PublicPlanSummaryDto[]).map((p) => p.id)).toEqual([
        w.planId,
      ]);
      await setPublicPlanRow(getDb().db, draftPlanId, null, null);
    });

    it("reads a fixed number of queries whatever the number of plans and tasks (no N+1)", async () => {
      const db = getDb().db;
      const counter = countingDb(db);
      counter.reset();
      await listPublicPlanSummaries(counter.db, new Date());
      const listOne = counter.count();
      const big = await insertTestPlan(db, { tasks: 40, periods: 3 });
      const small = await insertTestPlan(db, { tasks: 2, periods: 1 });
      for (const id of [big.planId, small.planId]) await setPublicPlanRow(db, id, new Date().toISOString(), null);
      counter.reset();
      const list = await listPublicPlanSummaries(counter.db, new Date());
      expect(list).toHaveLength(3);
      expect(counter.count()).toBe(listOne);
      counter.reset();
      await loadPublicPlan(counter.db, small.planId, new Date());
      const a = counter.count();
      counter.reset();
      await loadPublicPlan(counter.db, big.planId, new Date());
      expect(counter.count()).toBe(a);
      expect(a).toBeLessThanOrEqual(12);
    });
  });

  describe("withdrawing", () => {
    it("takes the plan off the public pages and records it", async () => {
      const res = await call("PUT", `/plans/${w.planId}/public`, w.coordinator.headers, { public: false });
      expect(res.statusCode).toBe(200);
      expect((res.json().data as PlanPublicStateDto).public).toBe(false);
      expect((await call("GET", `/public/plans/${w.planId}`)).statusCode).toBe(404);
      expect((await call("GET", `/public/plans/${w.planId}/tasks.csv`)).statusCode).toBe(404);
      const ids = ((await call("GET", "/public/plans")).json().data as PublicPlanSummaryDto[]).map((p) => p.id);
      expect(ids).not.toContain(w.planId);
      const events = await auditFor(w.planId);
      expect(events).toHaveLength(2);
    });
  });
});

describe("CSV fields", () => {
  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    expect(csvField("Phường Gò Vấp")).toBe("Phường Gò Vấp");
    expect(csvField("Tuyên truyền, phổ biến")).toBe('"Tuyên truyền, phổ biến"');
    expect(csvField('Đề án "Chuyển đổi số"')).toBe('"Đề án ""Chuyển đổi số"""');
    expect(csvField("dòng 1\ndòng 2")).toBe('"dòng 1\ndòng 2"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    // A leading minus starts a formula in Excel even when a space follows (DDE: "- cmd|' /C calc'!A0").
    expect(csvField("- Tuyên truyền")).toBe("'- Tuyên truyền");
    expect(csvField("- 1+cmd|' /C calc'!A0")).toBe("'- 1+cmd|' /C calc'!A0");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("+ 2")).toBe("'+ 2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });
});
