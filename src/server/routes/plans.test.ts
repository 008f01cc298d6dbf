import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_GROUPS, DEMO_UNITS } from "../../cli/demo/directory.js";
import { demoGroups, flattenUnits, stableId } from "../../cli/demo/seed.js";
import { listAuditEvents } from "../../store/repos/audit.js";
import { describeEachEngine } from "../../store/testing.js";
import type { ImportDto, PlanDto, PlanListItemDto, PlanRevisionDto, RollupTaskDto, UnitTaskDto } from "../api-types.js";
import { seedDirectory } from "../commands/seed-directory.js";
import { runCommand, SYSTEM_ACTOR } from "../context.js";
import { publishSeedPlans, type SeedPublishOutcome } from "../demo/publish-seeds.js";
import { buildTestApp, type LoggedIn, login, makeUser } from "../test/factories.js";

const SEEDS = path.resolve(import.meta.dirname, "../../../tests/fixtures/seeds");

describeEachEngine("plans API", (getDb) => {
  let app: FastifyInstance;
  let myHaoCoordinator: LoggedIn;
  let goVapCoordinator: LoggedIn;
  let reporter: LoggedIn;
  let seeds: SeedPublishOutcome[];
  const planOf = (file: string) => seeds.find((s) => s.file.startsWith(file))!.planId!;

  beforeAll(async () => {
    const database = getDb();
    await runCommand(database, { actor: SYSTEM_ACTOR }, (ctx) =>
      seedDirectory(ctx, { units: flattenUnits(DEMO_UNITS), groups: demoGroups(DEMO_GROUPS) }),
    );
    seeds = await publishSeedPlans(database, { fixturesDir: SEEDS });
    app = await buildTestApp(database);
    const a = await makeUser(database, { memberships: [{ unitId: stableId("hy/myhao"), role: "coordinator" }] });
    myHaoCoordinator = await login(app, a.user.username, a.password);
    const b = await makeUser(database, { memberships: [{ unitId: stableId("hcm/govap"), role: "coordinator" }] });
    goVapCoordinator = await login(app, b.user.username, b.password);
    const c = await makeUser(database, { memberships: [{ unitId: stableId("hcm/govap/kinhte"), role: "reporter" }] });
    reporter = await login(app, c.user.username, c.password);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const call = (method: InjectOptions["method"], url: string, who?: LoggedIn, payload?: object) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      ...(who ? { headers: who.headers } : {}),
      ...(payload ? { payload } : {}),
    });

  const auditFor = async (entityId: string, action: string) =>
    (await listAuditEvents(getDb().db, { entityId, action, limit: 50, offset: 0 })).rows;

  describe("GET /plans", () => {
    it("needs a session (401) and validates filters (400)", async () => {
      expect((await call("GET", "/plans")).statusCode).toBe(401);
      expect((await call("GET", "/plans?year=abc", reporter)).statusCode).toBe(400);
    });

    it("lists published plans with the list columns, searchable without diacritics", async () => {
      const res = await call("GET", "/plans", reporter);
      expect(res.statusCode).toBe(200);
      const page = res.json().data as { items: PlanListItemDto[]; total: number };
      expect(page.total).toBe(5);
      const myHao = page.items.find((p) => p.number === "121/KH-UBND")!;
      expect(myHao).toMatchObject({ issuerUnitId: stableId("hy/myhao"), status: "published", taskCount: 45 });
      expect(typeof myHao.overdueCount).toBe("number");
      expect(myHao.percentDone === null || typeof myHao.percentDone === "number").toBe(true);
      const q = (await call("GET", "/plans?q=my%20hao", reporter)).json().data as { items: PlanListItemDto[] };
      expect(q.items.map((p) => p.number)).toEqual(["121/KH-UBND"]);
      const y = (await call("GET", "/plans?year=2024", reporter)).json().data as { items: PlanListItemDto[] };
      expect(y.items.map((p) => p.number)).toEqual(["2499/KH-UBND"]);
      const byIssuer = (await call("GET", `/plans?issuer=${stableId("hcm/govap")}`, reporter)).json().data as {
        total: number;
      };
      expect(byIssuer.total).toBe(3);
    });
  });

  describe("GET /plans/:id", () => {
    it("shows the plan with tasks, assignments, derived status, periods and abilities", async () => {
      const id = planOf("002");
      const res = await call("GET", `/plans/${id}`, myHaoCoordinator);
      expect(res.statusCode).toBe(200);
      const plan = res.json().data as PlanDto;
      expect(plan.tasks).toHaveLength(45);
      expect(plan.tasks[0]!.assignments.some((a) => a.role === "lead" && a.unitId)).toBe(true);
      expect(plan.tasks[0]!.statusLabel).toBeTruthy();
      expect(plan.periods.length).toBeGreaterThan(0);
      expect(plan.regimes.length).toBeGreaterThan(0);
      expect(plan.sourceFile?.fileName).toBe("002_f50e818c4aeba819.txt");
      expect(plan.abilities.manage).toBe(true);
      const asReporter = (await call("GET", `/plans/${id}`, reporter)).json().data as PlanDto;
      expect(asReporter.abilities.manage).toBe(false);
      expect((await call("GET", "/plans/khong-co", reporter)).statusCode).toBe(404);
      expect((await call("GET", `/plans/${id}`)).statusCode).toBe(401);
    });

    it("downloads the source document", async () => {
      const res = await call("GET", `/plans/${planOf("002")}/source`, reporter);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(fs.readFileSync(path.join(SEEDS, "002_f50e818c4aeba819.txt")))).toBe(true);
      expect((await call("GET", "/plans/khong-co/source", reporter)).statusCode).toBe(404);
      expect((await call("GET", `/plans/${planOf("002")}/source`)).statusCode).toBe(401);
    });
  });

  describe("PUT /plans/:id", () => {
    it("records a new revision with what changed; refuses stale revisions, reporters and bad input", async () => {
      const id = planOf("002");
      const before = (await call("GET", `/plans/${id}`, myHaoCoordinator)).json().data as PlanDto;
      const task = before.tasks[1]!;
      expect((await call("PUT", `/plans/${id}`, undefined, { revision: 1 })).statusCode).toBe(401);
      expect(
        (await call("PUT", `/plans/${id}`, myHaoCoordinator, { revision: 1, header: { issuedAt: "25/4" } })).statusCode,
      ).toBe(400);
      expect((await call("PUT", `/plans/${id}`, reporter, { revision: before.revision })).statusCode).toBe(403);
      expect((await call("PUT", "/plans/khong-co", myHaoCoordinator, { revision: 1 })).statusCode).toBe(404);
      const ok = await call("PUT", `/plans/${id}`, myHaoCoordinator, {
        revision: before.revision,
        header: { signer: "Nguyễn Văn Ký" },
        tasks: [{ id: task.id, title: `${task.title} (sửa)` }],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().data.revision).toBe(before.revision + 1);
      const stale = await call("PUT", `/plans/${id}`, myHaoCoordinator, {
        revision: before.revision,
        header: { signer: "X" },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.currentRevision).toBe(before.revision + 1);
      const revs = (await call("GET", `/plans/${id}/revisions`, reporter)).json().data as PlanRevisionDto[];
      expect(revs[0]!.revision).toBe(before.revision + 1);
      expect(revs[0]!.changes.map((c) => c.field)).toEqual(expect.arrayContaining(["plan.signer"]));
      expect(revs[0]!.changes.find((c) => c.field === "plan.signer")).toMatchObject({ after: "Nguyễn Văn Ký" });
      expect(await auditFor(id, "plan.updated")).toHaveLength(1);
      const after = (await call("GET", `/plans/${id}`, reporter)).json().data as PlanDto;
      expect(after.signer).toBe("Nguyễn Văn Ký");
      expect(after.tasks[1]!.title).toBe(`${task.title} (sửa)`);
    });
  });

  describe("cascade", () => {
    it("creates a stub superior plan, proposes it during review, links plans and tasks, and rolls up", async () => {
      // Stub: 403 for a reporter, 400 without number, 201, then 409 for the same number and issuer.
      const stubBody = {
        docType: "Kế hoạch",
        number: "82/KH-UBND",
        issuedAt: "2025-04-16",
        issuer: "Ủy ban nhân dân tỉnh Hưng Yên",
        title: "Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Hưng Yên năm 2025",
      };
      expect((await call("POST", "/plans/stub", reporter, stubBody)).statusCode).toBe(403);
      expect((await call("POST", "/plans/stub", myHaoCoordinator, { ...stubBody, number: "" })).statusCode).toBe(400);
      const created = await call("POST", "/plans/stub", myHaoCoordinator, stubBody);
      expect(created.statusCode, created.body).toBe(201);
      const stub = created.json().data as PlanListItemDto;
      expect(stub).toMatchObject({ isStub: true, issuerUnitId: stableId("hy") });
      expect(await auditFor(stub.id, "plan.stub_created")).toHaveLength(1);
      expect((await call("POST", "/plans/stub", myHaoCoordinator, stubBody)).statusCode).toBe(409);

      // Review proposes the stub for the reference of 121/KH-UBND.
      const text = fs.readFileSync(path.join(SEEDS, "002_f50e818c4aeba819.txt"), "utf8");
      const imp = await call("POST", "/imports", myHaoCoordinator, { fileName: "002.txt", text });
      expect(imp.statusCode).toBe(201);
      const draft = imp.json().data as ImportDto;
      const ref = draft.references.find((r) => r.number === "82/KH-UBND")!;
      expect(ref.plans.map((p) => p.id)).toContain(stub.id);
      expect(ref.canCreateStub).toBe(false);

      // Link the published plan to the stub.
      const myHao = planOf("002");
      expect(
        (await call("POST", `/plans/${myHao}/links`, goVapCoordinator, { superiorPlanId: stub.id })).statusCode,
      ).toBe(403);
      const link = await call("POST", `/plans/${myHao}/links`, myHaoCoordinator, { superiorPlanId: stub.id });
      expect(link.statusCode, link.body).toBe(201);
      expect(link.json().data.created).toBe(true);
      expect(await auditFor(myHao, "plan.linked")).toHaveLength(1);
      const plan = (await call("GET", `/plans/${myHao}`, reporter)).json().data as PlanDto;
      expect(plan.superiorPlans.map((p) => p.id)).toEqual([stub.id]);
      const stubView = (await call("GET", `/plans/${stub.id}`, reporter)).json().data as PlanDto;
      expect(stubView.subordinatePlans.map((p) => p.id)).toContain(myHao);

      // Task-to-task: a Gò Vấp task implements another Gò Vấp plan's task, with a weight.
      const parentPlan = (await call("GET", `/plans/${planOf("001")}`, reporter)).json().data as PlanDto;
      const childPlan = (await call("GET", `/plans/${planOf("003")}`, reporter)).json().data as PlanDto;
      const parent = parentPlan.tasks[0]!;
      const [c1, c2] = childPlan.tasks;
      expect((await call("PUT", `/tasks/${c1!.id}/parent`, undefined, { parentTaskId: parent.id })).statusCode).toBe(
        401,
      );
      expect((await call("PUT", `/tasks/${c1!.id}/parent`, goVapCoordinator, { parentTaskId: 5 })).statusCode).toBe(
        400,
      );
      expect(
        (await call("PUT", `/tasks/${c1!.id}/parent`, myHaoCoordinator, { parentTaskId: parent.id })).statusCode,
      ).toBe(403);
      expect(
        (await call("PUT", "/tasks/khong-co/parent", goVapCoordinator, { parentTaskId: parent.id })).statusCode,
      ).toBe(404);
      const set1 = await call("PUT", `/tasks/${c1!.id}/parent`, goVapCoordinator, {
        parentTaskId: parent.id,
        weight: 3,
      });
      expect(set1.statusCode, set1.body).toBe(200);
      expect(set1.json().data).toMatchObject({ parentTaskId: parent.id, parentWeight: 3 });
      expect(
        (await call("PUT", `/tasks/${c2!.id}/parent`, goVapCoordinator, { parentTaskId: parent.id })).statusCode,
      ).toBe(200);
      expect(await auditFor(c1!.id, "task.parent_set")).toHaveLength(1);
      // A cycle is refused.
      const cycle = await call("PUT", `/tasks/${parent.id}/parent`, goVapCoordinator, { parentTaskId: c1!.id });
      expect(cycle.statusCode).toBe(400);

      const rollup = (await call("GET", `/plans/${planOf("001")}/rollup`, reporter)).json().data as RollupTaskDto[];
      const row = rollup.find((r) => r.taskId === parent.id)!;
      expect(row.children.map((c) => c.taskId).sort()).toEqual([c1!.id, c2!.id].sort());
      expect(row.children.find((c) => c.taskId === c1!.id)).toMatchObject({ weight: 3, share: 0.75 });
      expect((await call("GET", "/plans/khong-co/rollup", reporter)).statusCode).toBe(404);

      // Suggestions by title similarity against the linked superior plan.
      const fresh = await call("POST", "/imports", goVapCoordinator, {
        fileName: "003.txt",
        text: fs.readFileSync(path.join(SEEDS, "003_4c9fb85aa79a0ef8.txt"), "utf8"),
      });
      const d2 = fresh.json().data as ImportDto;
      const withParent = await call("PUT", `/imports/${d2.id}`, goVapCoordinator, {
        version: d2.version,
        review: { ...d2.review, superiorPlanIds: [planOf("003")] },
      });
      const links = (withParent.json().data as ImportDto).taskLinks;
      expect(links[0]!.candidates[0]).toMatchObject({ taskId: childPlan.tasks[0]!.id, score: 1 });

      // Publishing the real 82/KH-UBND replaces the stub: the Mỹ Hào plan now links to it.
      const h = await makeUser(getDb(), { memberships: [{ unitId: stableId("hy"), role: "coordinator" }] });
      const hungYen = await login(app, h.user.username, h.password);
      const real = (await call("POST", "/imports", hungYen, { fileName: "82.txt", text })).json().data as ImportDto;
      const doc = structuredClone(real.plan!);
      doc.plan.number = "82/KH-UBND";
      doc.plan.issuer = "Ủy ban nhân dân tỉnh Hưng Yên";
      const units: ImportDto["review"]["units"] = {};
      for (const m of real.matches) if (!m.chosen) units[m.name] = { type: "unit", id: stableId("hy") };
      const put = await call("PUT", `/imports/${real.id}`, hungYen, {
        version: real.version,
        plan: doc,
        review: { ...real.review, units },
      });
      expect(put.statusCode, put.body).toBe(200);
      const unresolved = (put.json().data as ImportDto).matches.filter((m) => !m.chosen).map((m) => m.name);
      const put2 = await call("PUT", `/imports/${real.id}`, hungYen, {
        version: real.version + 1,
        review: {
          ...real.review,
          units: { ...units, ...Object.fromEntries(unresolved.map((n) => [n, { type: "unit", id: stableId("hy") }])) },
        },
      });
      expect(put2.statusCode).toBe(200);
      const pub = await call("POST", `/imports/${real.id}/publish`, hungYen, {});
      expect(pub.statusCode, pub.body).toBe(201);
      const realId = pub.json().data.planId as string;
      expect((await call("GET", `/plans/${stub.id}`, reporter)).statusCode).toBe(404);
      const relinked = (await call("GET", `/plans/${myHao}`, reporter)).json().data as PlanDto;
      expect(relinked.superiorPlans.map((p) => p.id)).toEqual([realId]);
      const audit = await auditFor(realId, "plan.published");
      expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ replacedStubIds: [stub.id], linksMoved: 1 });
    });
  });

  describe("unit tasks", () => {
    it("lists a unit's tasks across plans and mine, with filters", async () => {
      const unit = stableId("hcm/govap/kinhte");
      const res = await call("GET", `/units/${unit}/tasks`, reporter);
      expect(res.statusCode).toBe(200);
      const page = res.json().data as { items: UnitTaskDto[]; total: number };
      expect(page.total).toBeGreaterThan(0);
      expect(page.items.every((t) => t.unitId === unit)).toBe(true);
      const leads = (await call("GET", `/units/${unit}/tasks?role=lead`, reporter)).json().data as {
        items: UnitTaskDto[];
      };
      expect(leads.items.every((t) => t.role === "lead")).toBe(true);
      const mine = (await call("GET", "/me/tasks", reporter)).json().data as { total: number };
      expect(mine.total).toBe(page.total);
      const plan = (await call("GET", `/units/${unit}/tasks?planId=${planOf("003")}`, reporter)).json().data as {
        items: UnitTaskDto[];
      };
      expect(plan.items.every((t) => t.planId === planOf("003"))).toBe(true);
      expect((await call("GET", "/units/khong-co/tasks", reporter)).statusCode).toBe(404);
      expect((await call("GET", `/units/${unit}/tasks?status=xyz`, reporter)).statusCode).toBe(400);
      expect((await call("GET", "/me/tasks")).statusCode).toBe(401);
    });
  });
});
