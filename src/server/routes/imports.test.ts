import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_GROUPS, DEMO_UNITS } from "../../cli/demo/directory.js";
import { demoGroups, flattenUnits, stableId } from "../../cli/demo/seed.js";
import type { PlanV1 } from "../../core/plan-v1.js";
import { newId } from "../../store/ids.js";
import { listAuditEvents } from "../../store/repos/audit.js";
import { getPlanWithTasks, insertPlanGraph } from "../../store/repos/plans.js";
import { describeEachEngine } from "../../store/testing.js";
import type { ImportDto } from "../api-types.js";
import { seedDirectory } from "../commands/seed-directory.js";
import { runCommand, SYSTEM_ACTOR } from "../context.js";
import { buildTestApp, type LoggedIn, login, makeUser } from "../test/factories.js";

const SEEDS = path.resolve(import.meta.dirname, "../../../tests/fixtures/seeds");
const MY_HAO_FILE = "002_f50e818c4aeba819.txt";
const MY_HAO_TEXT = fs.readFileSync(path.join(SEEDS, MY_HAO_FILE), "utf8");

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer; type?: string }) {
  const boundary = `----tiendo${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
    );
    chunks.push(file.content, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describeEachEngine("imports API", (getDb) => {
  let app: FastifyInstance;
  let coordinator: LoggedIn;
  let otherCoordinator: LoggedIn;
  let reporter: LoggedIn;
  const myHao = stableId("hy/myhao");

  beforeAll(async () => {
    const database = getDb();
    await runCommand(database, { actor: SYSTEM_ACTOR }, (ctx) =>
      seedDirectory(ctx, { units: flattenUnits(DEMO_UNITS), groups: demoGroups(DEMO_GROUPS) }),
    );
    app = await buildTestApp(database);
    const c = await makeUser(database, { memberships: [{ unitId: myHao, role: "coordinator" }] });
    coordinator = await login(app, c.user.username, c.password);
    const o = await makeUser(database, { memberships: [{ unitId: stableId("hcm/govap"), role: "coordinator" }] });
    otherCoordinator = await login(app, o.user.username, o.password);
    const r = await makeUser(database, { memberships: [{ unitId: stableId("hy/myhao/noivu"), role: "reporter" }] });
    reporter = await login(app, r.user.username, r.password);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  const auditFor = async (entityId: string, action: string) =>
    (await listAuditEvents(getDb().db, { entityId, action, limit: 50, offset: 0 })).rows;

  const paste = (who: LoggedIn, text = MY_HAO_TEXT, fileName = MY_HAO_FILE) =>
    app.inject({ method: "POST", url: "/api/v1/imports", headers: who.headers, payload: { fileName, text } });

  async function pasted(who: LoggedIn = coordinator): Promise<ImportDto> {
    const res = await paste(who);
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { data: ImportDto }).data;
  }

  describe("POST /imports", () => {
    it("refuses anonymous callers with 401", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/imports",
        payload: { fileName: "a.txt", text: "x" },
      });
      expect(res.statusCode).toBe(401);
    });

    it("refuses a reporter with 403", async () => {
      const res = await paste(reporter);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toContain("thường trực");
    });

    it("answers 400 with Vietnamese field messages when the text is missing", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/imports",
        headers: coordinator.headers,
        payload: { fileName: "a.txt" },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.text).toBe("Bắt buộc nhập.");
    });

    it("imports pasted text: plan, spans, cleaned text, unit matches, problems; audited", async () => {
      const dto = await pasted();
      expect(dto.status).toBe("ready");
      expect(dto.version).toBeGreaterThanOrEqual(1);
      expect(dto.ownerUnitId).toBe(myHao);
      expect(dto.plan?.plan.number).toBe("121/KH-UBND");
      expect(dto.cleanedText).toContain("Mỹ Hào");
      expect(Object.keys(dto.spans).length).toBeGreaterThan(10);
      expect(dto.issuer.chosen?.id).toBe(myHao);
      const vhkhtt = dto.matches.find((m) => m.chosen?.id === stableId("hy/myhao/vhkhtt"));
      expect(vhkhtt?.roles).toContain("lead");
      const group = dto.matches.find((m) => m.chosen?.type === "group");
      expect(group?.chosen?.members.length).toBeGreaterThan(0);
      expect(dto.sourceFile?.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(dto.abilities).toEqual({ edit: true, publish: true });
      const audit = await auditFor(dto.id, "import.created");
      expect(audit).toHaveLength(1);
    });

    it("accepts a multipart upload", async () => {
      const { payload, headers } = multipart(
        { unitId: myHao },
        { name: MY_HAO_FILE, content: Buffer.from(MY_HAO_TEXT), type: "text/plain" },
      );
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/imports",
        headers: { ...coordinator.headers, ...headers },
        payload,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().data.fileName).toBe(MY_HAO_FILE);
    });

    it("reads one file per request: a second file part is refused with 413 before it is buffered", async () => {
      const one = multipart({}, { name: MY_HAO_FILE, content: Buffer.from(MY_HAO_TEXT), type: "text/plain" });
      const boundary = /boundary=(.*)$/.exec(one.headers["content-type"])![1]!;
      const extra = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="other"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${"x".repeat(1000)}\r\n`,
      );
      const payload = Buffer.concat([extra, one.payload]);
      const before = (await app.inject({ method: "GET", url: "/api/v1/imports", headers: coordinator.headers })).json()
        .data.total;
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/imports",
        headers: { ...coordinator.headers, ...one.headers },
        payload,
      });
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().error.code).toBe("PAYLOAD_TOO_LARGE");
      const after = (await app.inject({ method: "GET", url: "/api/v1/imports", headers: coordinator.headers })).json()
        .data.total;
      expect(after).toBe(before);
    });

    it("refuses a unit outside the coordinator's subtree with 403", async () => {
      const { payload, headers } = multipart(
        { unitId: stableId("hcm/govap") },
        { name: MY_HAO_FILE, content: Buffer.from(MY_HAO_TEXT), type: "text/plain" },
      );
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/imports",
        headers: { ...coordinator.headers, ...headers },
        payload,
      });
      expect(res.statusCode).toBe(403);
    });

    it("keeps an unreadable file as a failed import and answers 422 in Vietnamese", async () => {
      const junk = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(64, 0)]);
      const { payload, headers } = multipart({}, { name: "hong.pdf", content: junk, type: "application/pdf" });
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/imports",
        headers: { ...coordinator.headers, ...headers },
        payload,
      });
      expect(res.statusCode).toBe(422);
      const body = res.json() as { error: { code: string; message: string; importId: string } };
      expect(body.error.message).toContain("Không đọc được tệp “hong.pdf”");
      const shown = await app.inject({
        method: "GET",
        url: `/api/v1/imports/${body.error.importId}`,
        headers: coordinator.headers,
      });
      expect(shown.statusCode).toBe(200);
      expect(shown.json().data).toMatchObject({ status: "failed", plan: null });
      expect(shown.json().data.error).toBeTruthy();
      const src = await app.inject({
        method: "GET",
        url: `/api/v1/imports/${body.error.importId}/source`,
        headers: coordinator.headers,
      });
      expect(src.statusCode).toBe(200);
      expect(src.rawPayload.equals(junk)).toBe(true);
      expect(String(src.headers["content-disposition"])).toContain("hong.pdf");
    });
  });

  describe("GET /imports", () => {
    it("lists own imports and hides them from another unit's coordinator", async () => {
      const dto = await pasted();
      const mine = await app.inject({ method: "GET", url: "/api/v1/imports", headers: coordinator.headers });
      expect(mine.statusCode).toBe(200);
      expect(mine.json().data.items.map((i: { id: string }) => i.id)).toContain(dto.id);
      const theirs = await app.inject({ method: "GET", url: "/api/v1/imports", headers: otherCoordinator.headers });
      expect(theirs.json().data.items.map((i: { id: string }) => i.id)).not.toContain(dto.id);
      const one = await app.inject({
        method: "GET",
        url: `/api/v1/imports/${dto.id}`,
        headers: otherCoordinator.headers,
      });
      expect(one.statusCode).toBe(404);
      const src = await app.inject({
        method: "GET",
        url: `/api/v1/imports/${dto.id}/source`,
        headers: otherCoordinator.headers,
      });
      expect(src.statusCode).toBe(404);
      const anon = await app.inject({ method: "GET", url: "/api/v1/imports" });
      expect(anon.statusCode).toBe(401);
    });
  });

  describe("PUT /imports/:id", () => {
    it("saves with the current version and refuses a stale one with 409 and the current content", async () => {
      const dto = await pasted();
      const plan = structuredClone(dto.plan!) as PlanV1;
      plan.plan.title = "Tiêu đề đã sửa";
      const ok = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dto.id}`,
        headers: coordinator.headers,
        payload: { version: dto.version, plan },
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().data.version).toBe(dto.version + 1);
      expect(ok.json().data.plan.plan.title).toBe("Tiêu đề đã sửa");
      expect(await auditFor(dto.id, "import.updated")).toHaveLength(1);

      const stale = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dto.id}`,
        headers: coordinator.headers,
        payload: { version: dto.version, plan: dto.plan },
      });
      expect(stale.statusCode).toBe(409);
      const err = stale.json().error;
      expect(err.code).toBe("CONFLICT");
      expect(err.current.version).toBe(dto.version + 1);
      expect(err.current.plan.plan.title).toBe("Tiêu đề đã sửa");
    });

    it("bounds every array of the draft: an oversized emulation list is a 400 with a Vietnamese field message", async () => {
      const dto = await pasted();
      const emulation = {
        name: "Phong trào thi đua",
        standing_body: null,
        subjects: [],
        contents: [],
        phases: [],
        criteria: [],
        awards: Array.from({ length: 501 }, (_, i) => `Giải ${i}`),
      };
      const res = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dto.id}`,
        headers: coordinator.headers,
        payload: { version: dto.version, plan: { ...dto.plan, emulation } },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields["plan.emulation.awards"]).toBe("Tối đa 500 mục.");
    });

    it("validates the body (400), hides others' drafts (404) and refuses reporters (404 — cannot read)", async () => {
      const dto = await pasted();
      const bad = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dto.id}`,
        headers: coordinator.headers,
        payload: { version: "x" },
      });
      expect(bad.statusCode).toBe(400);
      const other = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dto.id}`,
        headers: otherCoordinator.headers,
        payload: { version: dto.version },
      });
      expect(other.statusCode).toBe(404);
      const rep = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dto.id}`,
        headers: reporter.headers,
        payload: { version: dto.version },
      });
      expect(rep.statusCode).toBe(404);
    });

    it("recomputes problems from the review: an unresolved lead blocks publishing", async () => {
      const dto = await pasted();
      const lead = dto.plan!.tasks[0]!.lead[0]!;
      const res = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dto.id}`,
        headers: coordinator.headers,
        payload: { version: dto.version, review: { ...dto.review, units: { [lead]: null } } },
      });
      expect(res.statusCode).toBe(200);
      const problems = (res.json().data as ImportDto).problems;
      expect(problems.find((p) => p.path === "tasks.0.lead.0")).toMatchObject({
        severity: "error",
        code: "unresolved_unit",
      });
      const pub = await app.inject({
        method: "POST",
        url: `/api/v1/imports/${dto.id}/publish`,
        headers: coordinator.headers,
        payload: {},
      });
      expect(pub.statusCode).toBe(422);
      expect(pub.json().error.message).toContain("Chưa thể ban hành kế hoạch");
      expect(pub.json().error.fields["tasks.0.lead.0"]).toContain("chưa được khớp");
    });
  });

  /** A pasted draft whose unresolved lead names the coordinator resolved by hand (as on the review screen). */
  async function resolvedDraft(): Promise<ImportDto> {
    const dto = await pasted();
    const units: ImportDto["review"]["units"] = {};
    for (const m of dto.matches) {
      if (!m.chosen && m.roles.includes("lead")) units[m.name] = { type: "unit", id: stableId("hy/myhao/doithue") };
    }
    if (Object.keys(units).length === 0) return dto;
    const res = await app.inject({
      method: "PUT",
      url: `/api/v1/imports/${dto.id}`,
      headers: coordinator.headers,
      payload: { version: dto.version, review: { ...dto.review, units } },
    });
    expect(res.statusCode).toBe(200);
    const saved = (res.json() as { data: ImportDto }).data;
    expect(saved.problems.filter((p) => p.severity === "error")).toEqual([]);
    return saved;
  }

  describe("POST /imports/:id/publish", () => {
    it("refuses (403) a plan whose issuer is outside the coordinator's units", async () => {
      const dto = await resolvedDraft();
      const plan = structuredClone(dto.plan!) as PlanV1;
      plan.plan.issuer = "Ủy ban nhân dân tỉnh Hưng Yên";
      const saved = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dto.id}`,
        headers: coordinator.headers,
        payload: { version: dto.version, plan },
      });
      expect((saved.json().data as ImportDto).issuer.chosen?.id).toBe(stableId("hy"));
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/imports/${dto.id}/publish`,
        headers: coordinator.headers,
        payload: {},
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toContain("đơn vị mình phụ trách");
    });

    it("publishes the plan graph in one transaction, then warns on the same number (409) unless confirmed", async () => {
      const dto = await resolvedDraft();
      const reporterTry = await app.inject({
        method: "POST",
        url: `/api/v1/imports/${dto.id}/publish`,
        headers: reporter.headers,
        payload: {},
      });
      expect(reporterTry.statusCode).toBe(404);
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/imports/${dto.id}/publish`,
        headers: coordinator.headers,
        payload: {},
      });
      expect(res.statusCode, res.body).toBe(201);
      const planId = res.json().data.planId as string;
      const plan = await getPlanWithTasks(getDb().db, planId);
      expect(plan?.plan).toMatchObject({
        status: "published",
        number: "121/KH-UBND",
        issuer_unit_id: myHao,
        revision: 1,
      });
      expect(plan?.plan.source_sha256).toBe(dto.sourceFile?.sha256);
      expect(plan?.tasks).toHaveLength(dto.plan!.tasks.length);
      expect(plan?.assignments.every((a) => a.unit_id)).toBe(true);
      expect(plan?.periods.length).toBeGreaterThan(0);
      expect(plan?.regimes).toHaveLength(dto.plan!.reporting.length);
      expect(await auditFor(planId, "plan.published")).toHaveLength(1);

      const again = await app.inject({
        method: "POST",
        url: `/api/v1/imports/${dto.id}/publish`,
        headers: coordinator.headers,
        payload: {},
      });
      expect(again.statusCode).toBe(403);

      const dup = await resolvedDraft();
      const warn = await app.inject({
        method: "POST",
        url: `/api/v1/imports/${dup.id}/publish`,
        headers: coordinator.headers,
        payload: {},
      });
      expect(warn.statusCode).toBe(409);
      expect(warn.json().error.code).toBe("CONFLICT");
      expect(warn.json().error.existing.map((p: { id: string }) => p.id)).toContain(planId);
      // Leave one member out of a group and link the first task to the first plan's first task.
      const group = dup.matches.find((m) => m.chosen?.type === "group" && m.chosen.members.length > 1)!;
      const excluded = group.chosen!.members[0]!.id;
      const parentTaskId = plan!.tasks[0]!.id;
      const bad = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dup.id}`,
        headers: coordinator.headers,
        payload: {
          version: dup.version,
          review: { ...dup.review, taskParents: { "0": { parentTaskId: "khong-co", weight: 2 } } },
        },
      });
      expect((bad.json().data as ImportDto).problems[0]).toMatchObject({ path: "tasks.0.parent", severity: "error" });
      const edited = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dup.id}`,
        headers: coordinator.headers,
        payload: {
          version: dup.version + 1,
          review: {
            ...dup.review,
            units: {
              ...dup.review.units,
              [group.name]: { type: "group", id: group.chosen!.id, excludedUnitIds: [excluded] },
            },
            taskParents: { "0": { parentTaskId, weight: 2 } },
          },
        },
      });
      expect(edited.statusCode, edited.body).toBe(200);
      const confirmed = await app.inject({
        method: "POST",
        url: `/api/v1/imports/${dup.id}/publish`,
        headers: coordinator.headers,
        payload: { confirmDuplicate: true },
      });
      expect(confirmed.statusCode, confirmed.body).toBe(201);
      const second = await getPlanWithTasks(getDb().db, confirmed.json().data.planId);
      expect(second?.tasks[0]).toMatchObject({ parent_task_id: parentTaskId, parent_weight: 2 });
      // Exclusions belong to the printed name they were made for.
      const fromGroup = second!.assignments.filter(
        (a) => a.unit_group_id === group.chosen!.id && a.printed_name === group.name,
      );
      expect(fromGroup.length).toBeGreaterThan(0);
      expect(fromGroup.some((a) => a.unit_id === excluded)).toBe(false);
    });
  });

  describe("source spans follow their rows", () => {
    const put = (id: string, payload: object) =>
      app.inject({ method: "PUT", url: `/api/v1/imports/${id}`, headers: coordinator.headers, payload });
    const get = async (id: string) => {
      const res = await app.inject({ method: "GET", url: `/api/v1/imports/${id}`, headers: coordinator.headers });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { data: ImportDto }).data;
    };
    const textAt = (dto: ImportDto, path: string) => {
      const s = dto.spans[path];
      return s ? dto.cleanedText!.slice(s.start, s.end) : undefined;
    };

    it("a removed task takes its span along: the next task's span moves up to its row, after a reload too", async () => {
      const dto = await pasted();
      expect(dto.plan!.tasks.length).toBeGreaterThanOrEqual(5);
      const before = [0, 1, 2, 3, 4].map((i) => textAt(dto, `tasks.${i}.title`));
      expect(before.every((t) => !!t)).toBe(true);
      const removed = Object.keys(dto.spans).filter((k) => k.startsWith("tasks.1."));
      expect(removed.length).toBeGreaterThan(0);
      const plan = structuredClone(dto.plan!) as PlanV1;
      plan.tasks.splice(1, 1);
      // Sent as a plain client would (no origins): the server lines the rows up by content.
      const res = await put(dto.id, { version: dto.version, plan });
      expect(res.statusCode, res.body).toBe(200);
      expect(textAt(res.json().data as ImportDto, "tasks.1.title")).toBe(before[2]);

      const after = await get(dto.id);
      expect(after.plan!.tasks).toHaveLength(dto.plan!.tasks.length - 1);
      expect(after.spans["tasks.1.title"]).toEqual(dto.spans["tasks.2.title"]);
      expect(textAt(after, "tasks.0.title")).toBe(before[0]);
      expect(textAt(after, "tasks.1.title")).toBe(before[2]);
      expect(textAt(after, "tasks.2.title")).toBe(before[3]);
      expect(textAt(after, "tasks.3.title")).toBe(before[4]);
      // The removed task's spans are gone: no row points at its text any more.
      const removedSpans = removed.map((k) => JSON.stringify(dto.spans[k]));
      const taskSpans = Object.entries(after.spans).filter(([k]) => k.startsWith("tasks."));
      expect(taskSpans.filter(([, v]) => removedSpans.includes(JSON.stringify(v)))).toEqual([]);
      // Everything outside the task list is untouched.
      expect(after.spans["plan.number"]).toEqual(dto.spans["plan.number"]);
      expect(Object.keys(after.spans).length).toBe(Object.keys(dto.spans).length - removed.length);
      expect((await auditFor(dto.id, "import.updated"))[0]?.after_json).toContain('"rows"');
      expect(after.origins.tasks.slice(0, 3)).toEqual([0, 2, 3]);

      // Undone: the row sent back with where it came from gets its spans back.
      const undone = await put(dto.id, {
        version: after.version,
        plan: dto.plan,
        origins: { ...after.origins, tasks: dto.plan!.tasks.map((_, i) => i) },
      });
      expect(undone.statusCode, undone.body).toBe(200);
      expect((await get(dto.id)).spans).toEqual(dto.spans);
    });

    it("an inserted task has no span; with the origins sent, rows reordered and edited keep theirs", async () => {
      const dto = await pasted();
      const n = dto.plan!.tasks.length;
      const plan = structuredClone(dto.plan!) as PlanV1;
      const fresh = { ...plan.tasks[0]!, ref: null, title: "Nhiệm vụ mới thêm khi rà soát" };
      // New task first, old tasks 0 and 1 swapped, old task 1 also edited.
      const [t0, t1, ...rest] = plan.tasks;
      plan.tasks = [fresh, { ...t1!, title: `${t1!.title} (đã sửa)` }, t0!, ...rest];
      const origins = { tasks: [null, 1, 0, ...rest.map((_, i) => i + 2)] };
      const res = await put(dto.id, {
        version: dto.version,
        plan,
        origins,
        review: { ...dto.review, taskParents: {} },
      });
      expect(res.statusCode, res.body).toBe(200);
      const after = await get(dto.id);
      expect(after.plan!.tasks).toHaveLength(n + 1);
      expect(Object.keys(after.spans).filter((k) => k.startsWith("tasks.0."))).toEqual([]);
      expect(after.spans["tasks.1.title"]).toEqual(dto.spans["tasks.1.title"]);
      expect(after.spans["tasks.2.title"]).toEqual(dto.spans["tasks.0.title"]);
      expect(after.spans[`tasks.${n}.title`]).toEqual(dto.spans[`tasks.${n - 1}.title`]);

      // Origins that do not fit the version edited are refused, and nothing is written.
      const bad = await put(after.id, { version: after.version, plan: dto.plan, origins: { tasks: [0, 0] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields["origins.tasks"]).toContain("Cần đúng");
      expect((await get(dto.id)).version).toBe(after.version);
    });

    it("renumbers the stored task links when only the plan is sent", async () => {
      const dto = await pasted();
      const saved = await put(dto.id, {
        version: dto.version,
        review: {
          ...dto.review,
          taskParents: { "0": { parentTaskId: "a", weight: 1 }, "2": { parentTaskId: "c", weight: 2 } },
        },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const plan = structuredClone(dto.plan!) as PlanV1;
      plan.tasks.splice(1, 1);
      const res = await put(dto.id, { version: dto.version + 1, plan });
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json().data as ImportDto).review.taskParents).toEqual({
        "0": { parentTaskId: "a", weight: 1 },
        "1": { parentTaskId: "c", weight: 2 },
      });
    });
  });

  describe("explicit choice of the superior plan", () => {
    const at = "2025-04-16T00:00:00.000Z";
    let named: { planId: string; taskId: string } | undefined;
    let otherId: string | undefined;

    /** A published plan the reference "82/KH-UBND" names (once per engine), and another plan of the system. */
    async function superiors(dto: ImportDto) {
      if (named && otherId) return { named, otherId };
      const ref = dto.references.find((r) => r.number === "82/KH-UBND");
      expect(ref, JSON.stringify(dto.references)).toBeTruthy();
      const planId = newId();
      const taskId = newId();
      otherId = newId();
      await getDb()
        .db.transaction()
        .execute(async (tx) => {
          await insertPlanGraph(tx, {
            plan: {
              id: planId,
              doc_type: ref!.docType ?? "Kế hoạch",
              number: ref!.number,
              title: "Kế hoạch cấp tỉnh được văn bản căn cứ nêu",
              issuer_name: ref!.issuer,
              issued_at: ref!.issuedAt,
              status: "published",
              revision: 1,
              is_stub: 0,
              issuer_unit_id: stableId("hy"),
              created_at: at,
              updated_at: at,
            },
            tasks: [{ id: taskId, title: dto.plan!.tasks[0]!.title, tf_kind: "ongoing", position: 0 }],
          });
          await insertPlanGraph(tx, {
            plan: {
              id: otherId!,
              doc_type: "Kế hoạch",
              number: "5/KH-UBND",
              title: "Một kế hoạch khác của tỉnh",
              issuer_name: "Ủy ban nhân dân tỉnh Hưng Yên",
              status: "published",
              revision: 1,
              is_stub: 0,
              issuer_unit_id: stableId("hy"),
              created_at: at,
              updated_at: at,
            },
          });
        });
      named = { planId, taskId };
      return { named, otherId };
    }

    const publish = async (id: string) => {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/imports/${id}/publish`,
        headers: coordinator.headers,
        payload: { confirmDuplicate: true },
      });
      expect(res.statusCode, res.body).toBe(201);
      const planId = res.json().data.planId as string;
      const audit = await auditFor(planId, "plan.published");
      return {
        plan: (await getPlanWithTasks(getDb().db, planId))!,
        audit: JSON.parse(audit[0]!.after_json ?? "{}") as Record<string, unknown>,
      };
    };

    it("“no superior plan in the system”: stored in the draft, no plan or task link on publish, audited", async () => {
      const first = await resolvedDraft();
      const { named } = await superiors(first);
      const dto = await resolvedDraft();
      expect(dto.review.noSuperiorPlan).toBe(false);
      expect(dto.references.find((r) => r.number === "82/KH-UBND")?.plans.map((p) => p.id)).toEqual([named.planId]);
      expect(dto.taskLinks.find((l) => l.taskIndex === 0)?.candidates[0]?.taskId).toBe(named.taskId);

      const both = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dto.id}`,
        headers: coordinator.headers,
        payload: {
          version: dto.version,
          review: { ...dto.review, noSuperiorPlan: true, superiorPlanIds: [named.planId] },
        },
      });
      expect(both.statusCode).toBe(400);
      expect(both.json().error.fields["review.superiorPlanIds"]).toContain("Không liên kết kế hoạch cấp trên");

      const res = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dto.id}`,
        headers: coordinator.headers,
        payload: {
          version: dto.version,
          review: {
            ...dto.review,
            noSuperiorPlan: true,
            taskParents: { "0": { parentTaskId: named.taskId, weight: 1 } },
          },
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const saved = res.json().data as ImportDto;
      expect(saved.review.noSuperiorPlan).toBe(true);
      expect(saved.taskLinks).toEqual([]);
      expect(saved.problems).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: "task_links_without_superior", severity: "warning" })]),
      );

      const { plan, audit } = await publish(dto.id);
      expect(plan.links).toEqual([]);
      expect(plan.tasks.every((t) => t.parent_task_id === null)).toBe(true);
      expect(audit).toMatchObject({ superiorChoice: "none", superiorPlanIds: [], links: 0 });

      // Without the explicit choice, the same draft links the plan the reference names.
      const auto = await resolvedDraft();
      const linked = await publish(auto.id);
      expect(linked.plan.links.map((l) => l.superior_plan_id)).toEqual([named.planId]);
      expect(linked.audit).toMatchObject({ superiorChoice: "automatic", superiorPlanIds: [named.planId], links: 1 });
    });

    it("a different plan chosen instead of the one the reference names: only that link", async () => {
      const dto = await resolvedDraft();
      const { named, otherId } = await superiors(dto);
      const res = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dto.id}`,
        headers: coordinator.headers,
        payload: { version: dto.version, review: { ...dto.review, superiorPlanIds: [otherId] } },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json().data as ImportDto).problems.filter((p) => p.severity === "error")).toEqual([]);
      const { plan, audit } = await publish(dto.id);
      expect(plan.links.map((l) => l.superior_plan_id)).toEqual([otherId]);
      expect(plan.links.map((l) => l.superior_plan_id)).not.toContain(named.planId);
      expect(audit).toMatchObject({ superiorChoice: "chosen", superiorPlanIds: [otherId], links: 1 });
    });
  });

  describe("superior plans named by id", () => {
    it("never shows, suggests or links a draft plan of another issuer (plan.read is 404 for it)", async () => {
      const dto = await pasted();
      // Another district's unpublished plan whose tasks copy this document's titles (the best possible suggestions).
      const draftId = newId();
      const draftTaskId = newId();
      const at = "2025-01-05T00:00:00.000Z";
      await getDb()
        .db.transaction()
        .execute((tx) =>
          insertPlanGraph(tx, {
            plan: {
              id: draftId,
              doc_type: "Kế hoạch",
              number: "99/KH-MAT",
              title: "Kế hoạch mật chưa ban hành",
              status: "draft",
              revision: 1,
              is_stub: 0,
              issuer_unit_id: stableId("hcm/govap"),
              created_at: at,
              updated_at: at,
            },
            tasks: dto.plan!.tasks.slice(0, 3).map((t, i) => ({
              id: i === 0 ? draftTaskId : newId(),
              title: t.title,
              tf_kind: "ongoing",
              position: i,
            })),
          }),
        );
      const readDraft = await app.inject({
        method: "GET",
        url: `/api/v1/plans/${draftId}`,
        headers: coordinator.headers,
      });
      expect(readDraft.statusCode).toBe(404);

      const res = await app.inject({
        method: "PUT",
        url: `/api/v1/imports/${dto.id}`,
        headers: coordinator.headers,
        payload: {
          version: dto.version,
          review: {
            ...dto.review,
            superiorPlanIds: [draftId],
            taskParents: { "0": { parentTaskId: draftTaskId, weight: 1 } },
          },
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const saved = res.json().data as ImportDto;
      expect(JSON.stringify(saved.taskLinks)).not.toContain(draftId);
      expect(saved.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: "superiorPlanIds.0", severity: "error" }),
          expect.objectContaining({ path: "tasks.0.parent", severity: "error" }),
        ]),
      );
      const publish = await app.inject({
        method: "POST",
        url: `/api/v1/imports/${dto.id}/publish`,
        headers: coordinator.headers,
        payload: { confirmDuplicate: true },
      });
      expect(publish.statusCode).toBe(422);
    });
  });
});
