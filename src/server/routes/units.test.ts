import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_GROUPS, DEMO_UNITS } from "../../cli/demo/directory.js";
import { demoGroups, flattenUnits, stableId } from "../../cli/demo/seed.js";
import type { Database } from "../../store/db.js";
import { newId } from "../../store/ids.js";
import { listAuditEvents } from "../../store/repos/audit.js";
import { getUnit, listUnitSuccessions } from "../../store/repos/units.js";
import type { PlanStatus, ReportStatus, Unit, UnitKind } from "../../store/schema.js";
import { describeEachEngine } from "../../store/testing.js";
import type { UnitListItemDto } from "../api-types.js";
import type {
  UnitDetailDto,
  UnitGroupDto,
  UnitGroupPreviewDto,
  UnitMergeResultDto,
  UnitSplitResultDto,
  UnitTreeDto,
} from "../api-types-directory.js";
import { seedDirectory } from "../commands/seed-directory.js";
import { runCommand, SYSTEM_ACTOR } from "../context.js";
import { buildTestApp, type LoggedIn, login, makeUnit, makeUser, unique } from "../test/factories.js";

function multipartFile(name: string, content: Buffer, type = "application/octet-stream") {
  const boundary = `----tiendo${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const NOW = new Date().toISOString();

/** A plan (of the given status) with one task assigned to `unitId`, and one reporting period. */
async function planWithTask(
  database: Database,
  unitId: string,
  opts: { status?: PlanStatus; role?: "lead" | "support" } = {},
) {
  const db = database.db;
  const planId = newId();
  const taskId = newId();
  const assignmentId = newId();
  const periodId = newId();
  await db
    .insertInto("plans")
    .values({
      id: planId,
      doc_type: "KH",
      title: unique("Kế hoạch thử "),
      status: opts.status ?? "published",
      revision: 1,
      is_stub: 0,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto("tasks")
    .values({
      id: taskId,
      plan_id: planId,
      title: "Nhiệm vụ thử",
      tf_kind: "by",
      tf_deadlines: "[]",
      position: 0,
      parent_weight: 1,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto("task_assignments")
    .values({
      id: assignmentId,
      task_id: taskId,
      plan_id: planId,
      unit_id: unitId,
      role: opts.role ?? "lead",
      printed_name: "Đơn vị thử",
    })
    .execute();
  await db
    .insertInto("reporting_periods")
    .values({
      id: periodId,
      plan_id: planId,
      frequency: "quarterly",
      label: "Quý II/2025",
      start_date: "2025-04-01",
      end_date: "2025-06-30",
      due_date: "2025-06-25",
      kind: "regular",
      locked: 0,
      created_at: NOW,
      period_key: "2025-Q2",
    })
    .execute();
  return { planId, taskId, assignmentId, periodId };
}

async function report(
  database: Database,
  p: { planId: string; periodId: string },
  unitId: string,
  status: ReportStatus,
  doneTaskId?: string,
) {
  const id = newId();
  await database.db
    .insertInto("progress_reports")
    .values({
      id,
      plan_id: p.planId,
      period_id: p.periodId,
      unit_id: unitId,
      plan_revision: 1,
      status,
      version: 1,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  if (doneTaskId) {
    await database.db
      .insertInto("report_items")
      .values({ id: newId(), report_id: id, task_id: doneTaskId, status: "done", updated_at: NOW })
      .execute();
  }
  return id;
}

describeEachEngine("units API", (getDb) => {
  let app: FastifyInstance;
  let province: Unit;
  let district: Unit;
  let otherDistrict: Unit;
  let admin: LoggedIn;
  let coordinator: LoggedIn;
  let otherCoordinator: LoggedIn;
  let reporter: LoggedIn;
  let viewer: LoggedIn;

  beforeAll(async () => {
    const database = getDb();
    await runCommand(database, { actor: SYSTEM_ACTOR }, (ctx) =>
      seedDirectory(ctx, { units: flattenUnits(DEMO_UNITS), groups: demoGroups(DEMO_GROUPS) }),
    );
    app = await buildTestApp(database);
    province = await makeUnit(database, { name: unique("Tỉnh Thử "), kind: "province" });
    district = await makeUnit(database, { name: unique("Huyện Thử "), kind: "district", parentId: province.id });
    otherDistrict = await makeUnit(database, { name: unique("Huyện Khác "), kind: "district", parentId: province.id });
    const a = await makeUser(database, { isAdmin: true });
    const c = await makeUser(database, { memberships: [{ unitId: district.id, role: "coordinator" }] });
    const o = await makeUser(database, { memberships: [{ unitId: otherDistrict.id, role: "coordinator" }] });
    const r = await makeUser(database, { memberships: [{ unitId: district.id, role: "reporter" }] });
    const v = await makeUser(database, { memberships: [{ unitId: district.id, role: "viewer" }] });
    admin = await login(app, a.user.username, a.password);
    coordinator = await login(app, c.user.username, c.password);
    otherCoordinator = await login(app, o.user.username, o.password);
    reporter = await login(app, r.user.username, r.password);
    viewer = await login(app, v.user.username, v.password);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  const audit = async (action: string, entityId?: string) =>
    (await listAuditEvents(getDb().db, { action, ...(entityId ? { entityId } : {}), limit: 50, offset: 0 })).rows;

  const commune = (name = unique("Xã Thử "), parentId = district.id, kind: UnitKind = "commune") =>
    makeUnit(getDb(), { name, kind, parentId });

  const post = (who: LoggedIn | null, url: string, payload: object) =>
    app.inject({ method: "POST", url: `/api/v1${url}`, ...(who ? { headers: who.headers } : {}), payload });
  const put = (who: LoggedIn | null, url: string, payload: object) =>
    app.inject({ method: "PUT", url: `/api/v1${url}`, ...(who ? { headers: who.headers } : {}), payload });
  const get = (who: LoggedIn | null, url: string) =>
    app.inject({ method: "GET", url: `/api/v1${url}`, ...(who ? { headers: { cookie: who.cookie } } : {}) });

  describe("POST /units", () => {
    it("401 without a session", async () => {
      expect((await post(null, "/units", { name: "Xã A", kind: "commune" })).statusCode).toBe(401);
    });

    it("400 with Vietnamese field messages", async () => {
      const res = await post(coordinator, "/units", { kind: "xa", parentId: district.id });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.name).toBe("Bắt buộc nhập.");
      expect(res.json().error.fields.kind).toContain("Giá trị phải là một trong");
    });

    it("403 for a reporter, and for a coordinator outside their subtree or at the top level", async () => {
      const body = { name: "Xã Mới", kind: "commune", parentId: district.id };
      expect((await post(reporter, "/units", body)).statusCode).toBe(403);
      expect((await post(otherCoordinator, "/units", body)).statusCode).toBe(403);
      const top = await post(coordinator, "/units", { name: "Tỉnh Mới", kind: "province" });
      expect(top.statusCode).toBe(403);
      expect(top.json().error.message).toContain("quản trị hệ thống");
    });

    it("400 when the parent does not exist", async () => {
      const res = await post(coordinator, "/units", { name: "Xã Mới", kind: "commune", parentId: "khong-co" });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.parentId).toBe("Không tìm thấy đơn vị cấp trên.");
    });

    it("creates a unit in the coordinator's subtree, audited; 409 on a duplicate code", async () => {
      const id = unique("xa-moi-");
      const res = await post(coordinator, "/units", {
        id,
        name: "Xã Hòa Bình",
        shortName: "Hòa Bình",
        kind: "commune",
        parentId: district.id,
        aliases: ["UBND xã Hòa Bình", " UBND xã Hòa Bình "],
        validFrom: "2025-07-01",
      });
      expect(res.statusCode, res.body).toBe(201);
      const dto = res.json().data as UnitDetailDto;
      expect(dto).toMatchObject({ id, name: "Xã Hòa Bình", kind: "commune", parentId: district.id });
      expect(dto.aliases).toEqual(["UBND xã Hòa Bình"]);
      expect(dto.validFrom).toBe("2025-07-01");
      expect(dto.abilities.manage).toBe(true);
      const rows = await audit("unit.created", id);
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]!.after_json!)).toMatchObject({ name: "Xã Hòa Bình", parentId: district.id });
      const dup = await post(coordinator, "/units", { id, name: "Xã khác", kind: "commune", parentId: district.id });
      expect(dup.statusCode).toBe(409);
    });

    it("an administrator may add a top-level unit", async () => {
      const res = await post(admin, "/units", { name: unique("Tỉnh Mới "), kind: "province" });
      expect(res.statusCode).toBe(201);
    });
  });

  describe("PUT /units/:id", () => {
    it("401, 404, and 403 for a reporter or another district's coordinator", async () => {
      const c = await commune();
      expect((await put(null, `/units/${c.id}`, { name: "X" })).statusCode).toBe(401);
      expect((await put(coordinator, "/units/khong-co", { name: "X" })).statusCode).toBe(404);
      expect((await put(reporter, `/units/${c.id}`, { name: "X" })).statusCode).toBe(403);
      expect((await put(otherCoordinator, `/units/${c.id}`, { name: "X" })).statusCode).toBe(403);
      expect((await put(coordinator, `/units/${c.id}`, {})).statusCode).toBe(400);
    });

    it("renames, sets aliases and validity; audited with the changed fields only", async () => {
      const c = await commune();
      const res = await put(coordinator, `/units/${c.id}`, {
        name: "Phường Tân Tiến",
        kind: "ward",
        aliases: ["UBND phường Tân Tiến"],
        validTo: "2030-01-01",
      });
      expect(res.statusCode, res.body).toBe(200);
      const dto = res.json().data as UnitDetailDto;
      expect(dto).toMatchObject({ name: "Phường Tân Tiến", kind: "ward", validTo: "2030-01-01" });
      const rows = await audit("unit.updated", c.id);
      expect(rows).toHaveLength(1);
      const before = JSON.parse(rows[0]!.before_json!);
      const after = JSON.parse(rows[0]!.after_json!);
      expect(before.name).toBe(c.name);
      expect(after).toMatchObject({ name: "Phường Tân Tiến", kind: "ward", validTo: "2030-01-01" });
      expect(after).not.toHaveProperty("parentId");
      // Search keys follow the new name and aliases.
      const found = await get(viewer, `/units?q=${encodeURIComponent("ubnd phuong tan tien")}`);
      expect((found.json().data as UnitListItemDto[]).map((u) => u.id)).toContain(c.id);
    });

    it("400 when validity ends before it starts", async () => {
      const c = await commune();
      const res = await put(coordinator, `/units/${c.id}`, { validFrom: "2025-07-01", validTo: "2025-01-01" });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.validTo).toBeDefined();
    });

    it("422 when the new parent would make a cycle (the unit itself or a descendant)", async () => {
      const c = await commune();
      const village = await makeUnit(getDb(), { name: "Thôn 1", kind: "other", parentId: c.id });
      const res = await put(admin, `/units/${district.id}`, { parentId: village.id });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toContain("vòng lặp");
      expect((await put(admin, `/units/${c.id}`, { parentId: c.id })).statusCode).toBe(422);
      expect((await getUnit(getDb().db, district.id))?.parent_id).toBe(province.id);
    });

    it("moving a unit needs rights over the new parent too", async () => {
      const c = await commune();
      const res = await put(coordinator, `/units/${c.id}`, { parentId: otherDistrict.id });
      expect(res.statusCode).toBe(403);
      const ok = await put(admin, `/units/${c.id}`, { parentId: otherDistrict.id });
      expect(ok.statusCode).toBe(200);
      expect((ok.json().data as UnitDetailDto).ancestors.map((a) => a.id)).toEqual([province.id, otherDistrict.id]);
    });
  });

  describe("GET /units/tree and /units/:id", () => {
    it("401 without a session", async () => {
      expect((await get(null, "/units/tree")).statusCode).toBe(401);
      expect((await get(null, `/units/${district.id}`)).statusCode).toBe(401);
    });

    it("the whole tree in pre-order with depths; viewers may read it", async () => {
      const c = await commune(unique("Xã Cây "));
      const res = await get(viewer, "/units/tree");
      expect(res.statusCode).toBe(200);
      const tree = res.json().data as UnitTreeDto;
      expect(tree.canCreate).toBe(false);
      const idx = (id: string) => tree.nodes.findIndex((n) => n.id === id);
      expect(idx(province.id)).toBeGreaterThanOrEqual(0);
      expect(idx(province.id)).toBeLessThan(idx(district.id));
      expect(idx(district.id)).toBeLessThan(idx(c.id));
      expect(tree.nodes[idx(c.id)]!.depth).toBe(tree.nodes[idx(province.id)]!.depth + 2);
      expect(tree.nodes[idx(district.id)]!.childCount).toBeGreaterThan(0);
      expect((await get(coordinator, "/units/tree")).json().data.canCreate).toBe(true);
      const active = await get(viewer, "/units/tree?activeOn=2025-13-01");
      expect(active.statusCode).toBe(400);
    });

    it("404 for an unknown unit; a reporter reads but may not manage", async () => {
      expect((await get(reporter, "/units/khong-co")).statusCode).toBe(404);
      const res = await get(reporter, `/units/${district.id}`);
      expect(res.statusCode).toBe(200);
      const dto = res.json().data as UnitDetailDto;
      expect(dto.abilities).toEqual({ manage: false, merge: false, split: false, createChild: false });
      expect(dto.ancestors.map((a) => a.id)).toEqual([province.id]);
    });

    it("shows children, groups, owned groups and open work counts", async () => {
      const c = await commune();
      const p = await planWithTask(getDb(), c.id);
      await report(getDb(), p, c.id, "draft");
      const done = await planWithTask(getDb(), c.id);
      await report(getDb(), done, c.id, "accepted", done.taskId);
      await planWithTask(getDb(), c.id, { status: "draft" });
      const groupRes = await post(coordinator, "/unit-groups", {
        name: "UBND các xã",
        rule: "communes_under",
        ownerUnitId: district.id,
      });
      expect(groupRes.statusCode).toBe(201);
      const dto = (await get(coordinator, `/units/${c.id}`)).json().data as UnitDetailDto;
      expect(dto.counts).toEqual({ openTasks: 1, unsentReports: 1, pendingReports: 0 });
      expect(dto.groups.map((g) => g.id)).toContain(groupRes.json().data.id);
      expect(dto.abilities).toEqual({ manage: true, merge: true, split: true, createChild: true });
      const parent = (await get(coordinator, `/units/${district.id}`)).json().data as UnitDetailDto;
      expect(parent.children.map((u) => u.id)).toContain(c.id);
      expect(parent.ownedGroups.map((g) => g.id)).toContain(groupRes.json().data.id);
    });
  });

  describe("POST /units/:id/merge", () => {
    it("401, 400, 403 and 404", async () => {
      const a = await commune();
      const b = await commune();
      const body = { intoUnitId: b.id, effectiveOn: "2025-07-01" };
      expect((await post(null, `/units/${a.id}/merge`, body)).statusCode).toBe(401);
      const bad = await post(coordinator, `/units/${a.id}/merge`, { intoUnitId: b.id });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields.effectiveOn).toBe("Bắt buộc nhập.");
      const neither = await post(coordinator, `/units/${a.id}/merge`, { effectiveOn: "2025-07-01" });
      expect(neither.statusCode).toBe(400);
      expect((await post(reporter, `/units/${a.id}/merge`, body)).statusCode).toBe(403);
      expect((await post(otherCoordinator, `/units/${a.id}/merge`, body)).statusCode).toBe(403);
      expect((await post(coordinator, "/units/khong-co/merge", body)).statusCode).toBe(404);
      const unknownInto = await post(coordinator, `/units/${a.id}/merge`, { ...body, intoUnitId: "khong-co" });
      expect(unknownInto.statusCode).toBe(400);
      expect(unknownInto.json().error.fields.intoUnitId).toBe("Không tìm thấy đơn vị.");
    });

    it("422 refuses cycles: into itself, into a descendant, into a unit it absorbed before", async () => {
      const a = await commune();
      const village = await makeUnit(getDb(), { name: "Thôn Đông", kind: "other", parentId: a.id });
      const self = await post(coordinator, `/units/${a.id}/merge`, { intoUnitId: a.id, effectiveOn: "2025-07-01" });
      expect(self.statusCode).toBe(422);
      expect(self.json().error.message).toContain("chính nó");
      const down = await post(coordinator, `/units/${a.id}/merge`, {
        intoUnitId: village.id,
        effectiveOn: "2025-07-01",
      });
      expect(down.statusCode).toBe(422);
      expect(down.json().error.message).toContain("trực thuộc");
      // b was merged into c; merging c into b would loop the succession.
      const b = await commune();
      const c = await commune();
      const first = await post(coordinator, `/units/${b.id}/merge`, { intoUnitId: c.id, effectiveOn: "2025-07-01" });
      expect(first.statusCode, first.body).toBe(200);
      const back = await post(coordinator, `/units/${c.id}/merge`, { intoUnitId: b.id, effectiveOn: "2025-08-01" });
      expect(back.statusCode).toBe(422);
      expect(back.json().error.message).toMatch(/hết hiệu lực|vòng lặp/);
      // Merging b again is refused too: it no longer exists.
      const again = await post(coordinator, `/units/${b.id}/merge`, { intoUnitId: a.id, effectiveOn: "2025-09-01" });
      expect(again.statusCode).toBe(422);
      expect(await audit("unit.merged", b.id)).toHaveLength(0);
    });

    it("moves open tasks and unsent reports in bulk, leaves completed work; one audit event", async () => {
      const db = getDb();
      const a = await commune(unique("Xã Đông "));
      const b = await commune(unique("Xã Tây "));
      const into = await commune(unique("Xã Đông Tây "));
      const open1 = await planWithTask(db, a.id);
      const open2 = await planWithTask(db, b.id, { role: "support" });
      const completed = await planWithTask(db, a.id);
      const closedPlan = await planWithTask(db, a.id, { status: "closed" });
      const draftReport = await report(db, open1, a.id, "draft");
      const returnedReport = await report(db, open2, b.id, "returned");
      const submitted = await report(db, closedPlan, a.id, "submitted");
      const accepted = await report(db, completed, a.id, "accepted", completed.taskId);
      // Both predecessors and the successor hold the same task: one assignment survives.
      const shared = await planWithTask(db, into.id);
      await db.db
        .insertInto("task_assignments")
        .values([
          {
            id: newId(),
            task_id: shared.taskId,
            plan_id: shared.planId,
            unit_id: a.id,
            role: "lead",
            printed_name: "x",
          },
        ])
        .execute();
      // Two predecessors with unsent reports for the same period: one moves, one stays.
      const samePeriod = await planWithTask(db, a.id);
      await db.db
        .insertInto("task_assignments")
        .values({
          id: newId(),
          task_id: samePeriod.taskId,
          plan_id: samePeriod.planId,
          unit_id: b.id,
          role: "support",
          printed_name: "x",
        })
        .execute();
      const spA = await report(db, samePeriod, a.id, "draft");
      const spB = await report(db, samePeriod, b.id, "draft");

      const res = await post(coordinator, `/units/${a.id}/merge`, {
        otherUnitIds: [b.id],
        intoUnitId: into.id,
        effectiveOn: "2025-07-01",
      });
      expect(res.statusCode, res.body).toBe(200);
      const result = res.json().data as UnitMergeResultDto;
      expect(result.successor.id).toBe(into.id);
      expect(result.predecessors.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());

      const unitOf = async (assignmentId: string) =>
        (await db.db.selectFrom("task_assignments").select("unit_id").where("id", "=", assignmentId).executeTakeFirst())
          ?.unit_id;
      expect(await unitOf(open1.assignmentId)).toBe(into.id);
      expect(await unitOf(open2.assignmentId)).toBe(into.id);
      expect(await unitOf(completed.assignmentId)).toBe(a.id);
      expect(await unitOf(closedPlan.assignmentId)).toBe(a.id);
      const sharedRows = await db.db
        .selectFrom("task_assignments")
        .select(["unit_id", "role"])
        .where("task_id", "=", shared.taskId)
        .execute();
      expect(sharedRows).toEqual([{ unit_id: into.id, role: "lead" }]);
      expect(result.moved.duplicateAssignmentsDropped).toHaveLength(1);

      const reportUnit = async (id: string) =>
        (await db.db.selectFrom("progress_reports").select("unit_id").where("id", "=", id).executeTakeFirst())?.unit_id;
      expect(await reportUnit(draftReport)).toBe(into.id);
      expect(await reportUnit(returnedReport)).toBe(into.id);
      expect(await reportUnit(submitted)).toBe(a.id);
      expect(await reportUnit(accepted)).toBe(a.id);
      const spUnits = [await reportUnit(spA), await reportUnit(spB)];
      expect(spUnits.filter((u) => u === into.id)).toHaveLength(1);
      expect(result.moved.reportsKept).toHaveLength(1);
      expect(result.moved.reports.map((r) => r.id)).toEqual(expect.arrayContaining([draftReport, returnedReport]));

      expect((await getUnit(db.db, a.id))?.valid_to).toBe("2025-07-01");
      expect((await getUnit(db.db, b.id))?.valid_to).toBe("2025-07-01");
      expect((await listUnitSuccessions(db.db, into.id)).predecessors.map((s) => s.predecessor_id).sort()).toEqual(
        [a.id, b.id].sort(),
      );
      const rows = await audit("unit.merged", into.id);
      expect(rows).toHaveLength(1);
      const after = JSON.parse(rows[0]!.after_json!);
      expect(after.predecessorIds.sort()).toEqual([a.id, b.id].sort());
      expect(after.moved.assignments.map((m: { id: string }) => m.id)).toEqual(
        expect.arrayContaining([open1.assignmentId, open2.assignmentId]),
      );
      expect(after.moved.reports).toHaveLength(3);

      const detail = (await get(viewer, `/units/${into.id}`)).json().data as UnitDetailDto;
      expect(detail.predecessors.map((p) => p.unit.id).sort()).toEqual([a.id, b.id].sort());
      expect(detail.predecessors[0]!.kind).toBe("merge");
      const old = (await get(coordinator, `/units/${a.id}`)).json().data as UnitDetailDto;
      expect(old.successors.map((s) => s.unit.id)).toEqual([into.id]);
      expect(old.abilities.merge).toBe(false);
    });

    it("merges into a new unit created by the merge", async () => {
      const a = await commune();
      const b = await commune();
      const open = await planWithTask(getDb(), b.id);
      const res = await post(coordinator, `/units/${a.id}/merge`, {
        otherUnitIds: [b.id],
        newUnit: { name: unique("Xã Hợp Nhất "), kind: "commune", parentId: district.id },
        effectiveOn: "2025-07-01",
      });
      expect(res.statusCode, res.body).toBe(200);
      const result = res.json().data as UnitMergeResultDto;
      const created = await getUnit(getDb().db, result.successor.id);
      expect(created?.valid_from).toBe("2025-07-01");
      expect(result.moved.assignments.map((m) => m.id)).toEqual([open.assignmentId]);
      const x = await commune();
      const underItself = await post(coordinator, `/units/${x.id}/merge`, {
        newUnit: { name: "Xã X", kind: "commune", parentId: x.id },
        effectiveOn: "2025-07-01",
      });
      expect(underItself.statusCode).toBe(422);
      expect((await getUnit(getDb().db, x.id))?.valid_to).toBeNull();
    });

    it("moves child units, users' roles (deduplicated) and explicit group places; the dry run says the same and writes nothing", async () => {
      const db = getDb();
      const a = await commune(unique("Xã Một "));
      const b = await commune(unique("Xã Hai "));
      const into = await commune(unique("Xã Một Hai "));
      const other = await commune();
      const villageA = await makeUnit(db, { name: unique("Thôn A "), kind: "other", parentId: a.id });
      const hamlet = await makeUnit(db, { name: unique("Xóm A "), kind: "other", parentId: villageA.id });
      const villageB = await makeUnit(db, { name: unique("Thôn B "), kind: "other", parentId: b.id });
      const endedVillage = await makeUnit(db, { name: unique("Thôn Cũ "), kind: "other", parentId: a.id });
      await db.db.updateTable("units").set({ valid_to: "2025-01-01" }).where("id", "=", endedVillage.id).execute();
      const u1 = await makeUser(db, { memberships: [{ unitId: a.id, role: "reporter" }] });
      // u2 already reports for the successor: its role in a is dropped, not duplicated.
      const u2 = await makeUser(db, {
        memberships: [
          { unitId: a.id, role: "reporter" },
          { unitId: into.id, role: "reporter" },
        ],
      });
      // u3 holds roles in both predecessors, one of them twice over.
      const u3 = await makeUser(db, {
        memberships: [
          { unitId: a.id, role: "coordinator" },
          { unitId: b.id, role: "viewer" },
          { unitId: b.id, role: "coordinator" },
        ],
      });
      const groupRes = await post(coordinator, "/unit-groups", {
        name: unique("Nhóm xã thử "),
        rule: "explicit",
        ownerUnitId: district.id,
        memberIds: [a.id, b.id, other.id],
      });
      expect(groupRes.statusCode, groupRes.body).toBe(201);
      const group = groupRes.json().data as UnitGroupDto;
      const open = await planWithTask(db, a.id);
      const draft = await report(db, open, a.id, "draft");
      const body = { otherUnitIds: [b.id], intoUnitId: into.id, effectiveOn: "2025-07-01" };

      const membershipsOf = async (...unitIds: string[]) =>
        (
          await db.db
            .selectFrom("memberships")
            .select(["user_id", "unit_id", "role"])
            .where("unit_id", "in", unitIds)
            .execute()
        )
          .map((m) => `${m.user_id}:${m.unit_id}:${m.role}`)
          .sort();
      const before = await membershipsOf(a.id, b.id, into.id);
      const parentOf = async (id: string) => (await getUnit(db.db, id))?.parent_id;

      const dry = await post(coordinator, `/units/${a.id}/merge`, { ...body, dryRun: true });
      expect(dry.statusCode, dry.body).toBe(200);
      const preview = dry.json().data as UnitMergeResultDto;
      expect(preview.dryRun).toBe(true);
      expect(preview.moved.counts).toEqual({ tasks: 1, reports: 1, childUnits: 2, memberships: 5 });
      expect(preview.moved.childUnits.map((c) => c.id).sort()).toEqual([villageA.id, villageB.id].sort());
      // Nothing written.
      expect((await getUnit(db.db, a.id))?.valid_to).toBeNull();
      expect(await parentOf(villageA.id)).toBe(a.id);
      expect(await membershipsOf(a.id, b.id, into.id)).toEqual(before);
      expect((await listUnitSuccessions(db.db, into.id)).predecessors).toEqual([]);
      expect(await audit("unit.merged", into.id)).toHaveLength(0);
      const stillA = await db.db
        .selectFrom("progress_reports")
        .select("unit_id")
        .where("id", "=", draft)
        .executeTakeFirst();
      expect(stillA?.unit_id).toBe(a.id);
      expect((await get(viewer, `/unit-groups/${group.id}`)).json().data.memberIds.sort()).toEqual(
        [a.id, b.id, other.id].sort(),
      );

      const res = await post(coordinator, `/units/${a.id}/merge`, body);
      expect(res.statusCode, res.body).toBe(200);
      const result = res.json().data as UnitMergeResultDto;
      expect(result.dryRun).toBe(false);
      // The preview was exact.
      expect(result.moved).toEqual(preview.moved);

      // Child units still in force follow (with their own subtree); the one that ended before stays.
      expect(await parentOf(villageA.id)).toBe(into.id);
      expect(await parentOf(villageB.id)).toBe(into.id);
      expect(await parentOf(hamlet.id)).toBe(villageA.id);
      expect(await parentOf(endedVillage.id)).toBe(a.id);
      const tree = (await get(viewer, "/units/tree")).json().data as UnitTreeDto;
      const ids = tree.nodes.map((n) => n.id);
      expect(ids.indexOf(villageA.id)).toBeGreaterThan(ids.indexOf(into.id));

      // Roles moved, none duplicated, none left on the ceased units.
      expect(await membershipsOf(a.id, b.id)).toEqual([]);
      expect(await membershipsOf(into.id)).toEqual(
        [
          `${u1.user.id}:${into.id}:reporter`,
          `${u2.user.id}:${into.id}:reporter`,
          `${u3.user.id}:${into.id}:coordinator`,
          `${u3.user.id}:${into.id}:viewer`,
        ].sort(),
      );
      expect(result.moved.memberships).toHaveLength(3);
      expect(result.moved.duplicateMembershipsDropped.map((m) => m.userId).sort()).toEqual(
        [u2.user.id, u3.user.id].sort(),
      );
      // The coordinator of a now manages the successor.
      const u3Session = await login(app, u3.user.username, u3.password);
      expect(((await get(u3Session, `/units/${into.id}`)).json().data as UnitDetailDto).abilities.manage).toBe(true);

      // The explicit group lists the successor instead of the ceased units.
      expect((await get(viewer, `/unit-groups/${group.id}`)).json().data.memberIds.sort()).toEqual(
        [into.id, other.id].sort(),
      );
      expect(result.moved.groups).toHaveLength(1);
      expect(result.moved.groups[0]).toMatchObject({ id: group.id, name: group.name, addedUnitIds: [into.id] });
      expect(result.moved.groups[0]!.removedUnitIds.sort()).toEqual([a.id, b.id].sort());

      const rows = await audit("unit.merged", into.id);
      expect(rows).toHaveLength(1);
      const after = JSON.parse(rows[0]!.after_json!);
      expect(after.counts).toEqual({ tasks: 1, reports: 1, childUnits: 2, memberships: 5 });
      expect(after.moved.childUnits.map((c: { id: string }) => c.id).sort()).toEqual([villageA.id, villageB.id].sort());
      expect(after.moved.memberships.map((m: { id: string }) => m.id).sort()).toEqual(
        result.moved.memberships.map((m) => m.id).sort(),
      );
      expect(after.moved.duplicateMembershipsDropped).toHaveLength(2);
      expect(after.moved.reports.map((r: { id: string }) => r.id)).toEqual([draft]);
      expect(after.moved.groups[0].id).toBe(group.id);
    });

    it("422 refuses a merge that would make the tree loop through the re-parented children; a dry run refuses it too", async () => {
      const db = getDb();
      const a = await commune();
      const village = await makeUnit(db, { name: unique("Thôn Bắc "), kind: "other", parentId: a.id });
      const hamlet = await makeUnit(db, { name: unique("Xóm Bắc "), kind: "other", parentId: village.id });
      const member = await makeUser(db, { memberships: [{ unitId: a.id, role: "reporter" }] });
      // a's children would go under the hamlet, which is below one of them.
      for (const dryRun of [true, false]) {
        const res = await post(coordinator, `/units/${a.id}/merge`, {
          intoUnitId: hamlet.id,
          effectiveOn: "2025-07-01",
          dryRun,
        });
        expect(res.statusCode).toBe(422);
        expect(res.json().error.message).toContain("vòng lặp");
        const underChild = await post(coordinator, `/units/${a.id}/merge`, {
          newUnit: { name: "Xã Mới", kind: "commune", parentId: village.id },
          effectiveOn: "2025-07-01",
          dryRun,
        });
        expect(underChild.statusCode).toBe(422);
      }
      expect((await getUnit(db.db, a.id))?.valid_to).toBeNull();
      expect((await getUnit(db.db, village.id))?.parent_id).toBe(a.id);
      expect((await getUnit(db.db, hamlet.id))?.parent_id).toBe(village.id);
      const roles = await db.db
        .selectFrom("memberships")
        .select("unit_id")
        .where("user_id", "=", member.user.id)
        .execute();
      expect(roles).toEqual([{ unit_id: a.id }]);
      expect(await audit("unit.merged", hamlet.id)).toHaveLength(0);
    });

    it("merging a unit into one of its ancestors does not move its users' roles up the tree (no escalation)", async () => {
      const db = getDb();
      const a = await commune();
      const communeAdmin = await makeUser(db, { memberships: [{ unitId: a.id, role: "admin" }] });
      // The district's coordinator cannot grant roles; merging the commune into the district must not make the
      // commune's administrator an administrator of the whole district.
      for (const dryRun of [true, false]) {
        const res = await post(coordinator, `/units/${a.id}/merge`, {
          intoUnitId: district.id,
          effectiveOn: "2025-07-01",
          dryRun,
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().data.moved.memberships).toEqual([]);
      }
      const roles = await db.db
        .selectFrom("memberships")
        .select(["unit_id", "role"])
        .where("user_id", "=", communeAdmin.user.id)
        .execute();
      expect(roles).toEqual([{ unit_id: a.id, role: "admin" }]);
      const [event] = await audit("unit.merged", district.id);
      expect(JSON.parse(event!.after_json!)).toMatchObject({ membershipsKeptUnitIds: [a.id] });
    });

    it("a dry run into a new unit creates nothing and refuses a code already used", async () => {
      const db = getDb();
      const a = await commune();
      const code = unique("xa-moi-");
      const res = await post(coordinator, `/units/${a.id}/merge`, {
        newUnit: { id: code, name: "Xã Mới Thử", kind: "commune", parentId: district.id },
        effectiveOn: "2025-07-01",
        dryRun: true,
      });
      expect(res.statusCode, res.body).toBe(200);
      const preview = res.json().data as UnitMergeResultDto;
      expect(preview).toMatchObject({ dryRun: true, successor: { id: code, name: "Xã Mới Thử" } });
      expect(await getUnit(db.db, code)).toBeUndefined();
      expect(await audit("unit.created", code)).toHaveLength(0);
      const taken = await post(coordinator, `/units/${a.id}/merge`, {
        newUnit: { id: district.id, name: "Xã Trùng Mã", kind: "commune", parentId: district.id },
        effectiveOn: "2025-07-01",
        dryRun: true,
      });
      expect(taken.statusCode).toBe(409);
    });
  });

  describe("POST /units/:id/split", () => {
    it("400 before any work when the task or member maps are too large", async () => {
      const u = await commune(unique("Xã Lớn "));
      const many = Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [`t${i}`, 0]));
      for (const key of ["tasks", "members"]) {
        const res = await post(coordinator, `/units/${u.id}/split`, {
          parts: [
            { name: unique("Xã Bắc "), kind: "commune" },
            { name: unique("Xã Nam "), kind: "commune" },
          ],
          effectiveOn: "2025-07-01",
          assignTo: { default: 0, [key]: many },
        });
        expect(res.statusCode).toBe(400);
        expect(Object.keys(res.json().error.fields)).toEqual([`assignTo.${key}`]);
      }
    });

    it("splits a unit: chosen tasks to their part, the rest and unsent reports to the default part", async () => {
      const db = getDb();
      const u = await commune(unique("Xã Lớn "));
      const t1 = await planWithTask(db, u.id);
      const t2 = await planWithTask(db, u.id);
      const draft = await report(db, t2, u.id, "draft");
      const partId = unique("xa-bac-");
      const body = {
        parts: [
          { id: partId, name: unique("Xã Bắc "), kind: "commune" },
          { name: unique("Xã Nam "), kind: "commune" },
        ],
        effectiveOn: "2025-07-01",
        assignTo: { default: 1, tasks: { [t1.taskId]: partId } },
      };
      expect((await post(null, `/units/${u.id}/split`, body)).statusCode).toBe(401);
      expect((await post(reporter, `/units/${u.id}/split`, body)).statusCode).toBe(403);
      expect((await post(coordinator, "/units/khong-co/split", body)).statusCode).toBe(404);
      const badRef = await post(coordinator, `/units/${u.id}/split`, { ...body, assignTo: { default: 5 } });
      expect(badRef.statusCode).toBe(400);
      expect(badRef.json().error.fields["assignTo.default"]).toBeDefined();
      const topLevel = await post(coordinator, `/units/${u.id}/split`, {
        ...body,
        parts: [{ ...body.parts[0], parentId: null }, body.parts[1]],
      });
      expect(topLevel.statusCode).toBe(403);
      const one = await post(coordinator, `/units/${u.id}/split`, { ...body, parts: [body.parts[0]] });
      expect(one.statusCode).toBe(400);

      const res = await post(coordinator, `/units/${u.id}/split`, body);
      expect(res.statusCode, res.body).toBe(200);
      const result = res.json().data as UnitSplitResultDto;
      expect(result.parts).toHaveLength(2);
      const [north, south] = result.parts;
      expect(north!.id).toBe(partId);
      expect(north!.parentId).toBe(district.id);
      const unitOf = async (id: string) =>
        (await db.db.selectFrom("task_assignments").select("unit_id").where("id", "=", id).executeTakeFirst())?.unit_id;
      expect(await unitOf(t1.assignmentId)).toBe(north!.id);
      expect(await unitOf(t2.assignmentId)).toBe(south!.id);
      const r = await db.db.selectFrom("progress_reports").select("unit_id").where("id", "=", draft).executeTakeFirst();
      expect(r?.unit_id).toBe(south!.id);
      expect((await getUnit(db.db, u.id))?.valid_to).toBe("2025-07-01");
      const rows = await audit("unit.split", u.id);
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]!.after_json!).partIds).toEqual([north!.id, south!.id]);
      const again = await post(coordinator, `/units/${u.id}/split`, {
        ...body,
        parts: body.parts.map((p) => ({ ...p, id: undefined })),
        assignTo: { default: 0 },
      });
      expect(again.statusCode).toBe(422);
    });

    it("each part takes the unsent report items of its tasks; drafts keep their text; mapped users' roles move", async () => {
      const db = getDb();
      const u = await commune(unique("Xã Chia "));
      const t1 = await planWithTask(db, u.id);
      // A second task of the same plan, so one report (same period) holds items of tasks going to different parts.
      const t1b = newId();
      await db.db
        .insertInto("tasks")
        .values({
          id: t1b,
          plan_id: t1.planId,
          title: "Nhiệm vụ thử 2",
          tf_kind: "by",
          tf_deadlines: "[]",
          position: 1,
          parent_weight: 1,
          created_at: NOW,
          updated_at: NOW,
        })
        .execute();
      await db.db
        .insertInto("task_assignments")
        .values({ id: newId(), task_id: t1b, plan_id: t1.planId, unit_id: u.id, role: "lead", printed_name: "x" })
        .execute();
      const draft = await report(db, t1, u.id, "draft");
      await db.db
        .updateTable("progress_reports")
        .set({ summary: "Tóm tắt chung của xã", difficulties: "Thiếu kinh phí" })
        .where("id", "=", draft)
        .execute();
      const itemA = newId();
      const itemB = newId();
      await db.db
        .insertInto("report_items")
        .values([
          {
            id: itemA,
            report_id: draft,
            task_id: t1.taskId,
            status: "in_progress",
            percent: 40,
            result: "Đã khảo sát 3 thôn",
            updated_at: NOW,
          },
          {
            id: itemB,
            report_id: draft,
            task_id: t1b,
            status: "in_progress",
            percent: 10,
            result: "Đang xây dựng dự toán",
            updated_at: NOW,
          },
        ])
        .execute();
      const evidence = newId();
      await db.db
        .insertInto("evidence_files")
        .values({
          id: evidence,
          report_item_id: itemA,
          file_name: "bien-ban.pdf",
          mime: "application/pdf",
          size: 4,
          sha256: "0".repeat(64),
          content: Buffer.from("%PDF"),
          uploaded_by: null,
          created_at: NOW,
        })
        .execute();
      // A returned report whose only task goes to the first part.
      const t2 = await planWithTask(db, u.id);
      const returned = await report(db, t2, u.id, "returned");
      await db.db
        .updateTable("progress_reports")
        .set({ summary: "Báo cáo quý II", review_comment: "Bổ sung minh chứng" })
        .where("id", "=", returned)
        .execute();
      const item2 = newId();
      await db.db
        .insertInto("report_items")
        .values({
          id: item2,
          report_id: returned,
          task_id: t2.taskId,
          status: "done",
          result: "Hoàn thành",
          updated_at: NOW,
        })
        .execute();
      const mover = await makeUser(db, { memberships: [{ unitId: u.id, role: "reporter" }] });
      const stayer = await makeUser(db, { memberships: [{ unitId: u.id, role: "viewer" }] });
      const groupRes = await post(coordinator, "/unit-groups", {
        name: unique("Nhóm chia "),
        rule: "explicit",
        ownerUnitId: district.id,
        memberIds: [u.id],
      });
      const group = groupRes.json().data as UnitGroupDto;

      const outsider = newId();
      const partId = unique("xa-chia-bac-");
      const body = {
        parts: [
          { id: partId, name: unique("Xã Chia Bắc "), kind: "commune" },
          { name: unique("Xã Chia Nam "), kind: "commune" },
        ],
        effectiveOn: "2025-07-01",
        assignTo: {
          default: 1,
          tasks: { [t1.taskId]: partId, [t2.taskId]: 0 },
          members: { [mover.user.id]: partId },
        },
      };
      const badMember = await post(coordinator, `/units/${u.id}/split`, {
        ...body,
        assignTo: { ...body.assignTo, members: { [outsider]: 0 } },
      });
      expect(badMember.statusCode).toBe(400);
      expect(badMember.json().error.fields[`assignTo.members.${outsider}`]).toBe(
        "Người dùng không có vai trò tại đơn vị này.",
      );

      const res = await post(coordinator, `/units/${u.id}/split`, body);
      expect(res.statusCode, res.body).toBe(200);
      const result = res.json().data as UnitSplitResultDto;
      const [north, south] = result.parts;

      const reportRow = (id: string) =>
        db.db.selectFrom("progress_reports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const itemsOf = async (reportId: string) =>
        (
          await db.db
            .selectFrom("report_items")
            .select(["id", "task_id", "result", "percent"])
            .where("report_id", "=", reportId)
            .orderBy("task_id")
            .execute()
        ).map((i) => ({ ...i, percent: i.percent === null ? null : Number(i.percent) }));
      // The draft goes to the default part with its own text and the item of the task it took over.
      const moved = await reportRow(draft);
      expect(moved).toMatchObject({
        unit_id: south!.id,
        status: "draft",
        summary: "Tóm tắt chung của xã",
        difficulties: "Thiếu kinh phí",
        version: 2,
      });
      expect(await itemsOf(draft)).toEqual([{ id: itemB, task_id: t1b, result: "Đang xây dựng dự toán", percent: 10 }]);
      // The first part has its own report for the same period with the item of its task, evidence included.
      const northReport = await db.db
        .selectFrom("progress_reports")
        .selectAll()
        .where("unit_id", "=", north!.id)
        .where("period_id", "=", t1.periodId)
        .executeTakeFirstOrThrow();
      expect(northReport).toMatchObject({ status: "draft", plan_id: t1.planId, version: 1, summary: null });
      expect(await itemsOf(northReport.id)).toEqual([
        { id: itemA, task_id: t1.taskId, result: "Đã khảo sát 3 thôn", percent: 40 },
      ]);
      const ev = await db.db
        .selectFrom("evidence_files")
        .select("report_item_id")
        .where("id", "=", evidence)
        .executeTakeFirst();
      expect(ev?.report_item_id).toBe(itemA);
      // The returned report's item follows its task; the reviewer's comment goes along, the report's text stays.
      const northReturned = await db.db
        .selectFrom("progress_reports")
        .selectAll()
        .where("unit_id", "=", north!.id)
        .where("period_id", "=", t2.periodId)
        .executeTakeFirstOrThrow();
      expect(northReturned).toMatchObject({ status: "returned", review_comment: "Bổ sung minh chứng" });
      expect((await itemsOf(northReturned.id)).map((i) => i.id)).toEqual([item2]);
      expect(await reportRow(returned)).toMatchObject({ unit_id: south!.id, summary: "Báo cáo quý II" });
      expect(await itemsOf(returned)).toEqual([]);
      // Nothing typed was lost: every item still exists, once.
      const all = await db.db
        .selectFrom("report_items")
        .select("id")
        .where("id", "in", [itemA, itemB, item2])
        .execute();
      expect(all).toHaveLength(3);

      expect(result.moved.reportsCreated.map((r) => r.unitId)).toEqual([north!.id, north!.id]);
      expect(result.moved.reportItems.map((i) => i.id).sort()).toEqual([itemA, item2].sort());
      expect(result.moved.counts).toEqual({ tasks: 3, reports: 4, childUnits: 0, memberships: 1 });

      // Mapped roles move; the others stay on the old unit.
      const rolesOf = async (userId: string) =>
        (await db.db.selectFrom("memberships").select("unit_id").where("user_id", "=", userId).execute()).map(
          (m) => m.unit_id,
        );
      expect(await rolesOf(mover.user.id)).toEqual([north!.id]);
      expect(await rolesOf(stayer.user.id)).toEqual([u.id]);
      // The explicit group lists the parts instead of the old unit.
      expect((await get(viewer, `/unit-groups/${group.id}`)).json().data.memberIds.sort()).toEqual(
        [north!.id, south!.id].sort(),
      );

      const rows = await audit("unit.split", u.id);
      expect(rows).toHaveLength(1);
      const after = JSON.parse(rows[0]!.after_json!);
      expect(after.counts).toEqual(result.moved.counts);
      expect(after.moved.reportItems.map((i: { id: string }) => i.id).sort()).toEqual([itemA, item2].sort());
      expect(after.moved.memberships.map((m: { userId: string }) => m.userId)).toEqual([mover.user.id]);
    });
  });

  describe("unit groups", () => {
    it("401, 400, 403, 404", async () => {
      expect((await get(null, "/unit-groups")).statusCode).toBe(401);
      const noOwner = await post(coordinator, "/unit-groups", { name: "UBND các xã", rule: "communes_under" });
      expect(noOwner.statusCode).toBe(403); // no owner = system administrators' group
      const adminNoOwner = await post(admin, "/unit-groups", { name: "UBND các xã", rule: "communes_under" });
      expect(adminNoOwner.statusCode).toBe(400);
      expect(adminNoOwner.json().error.fields.ownerUnitId).toBeDefined();
      const byReporter = await post(reporter, "/unit-groups", {
        name: "Các đơn vị",
        rule: "explicit",
        ownerUnitId: district.id,
      });
      expect(byReporter.statusCode).toBe(403);
      expect((await get(viewer, "/unit-groups/khong-co")).statusCode).toBe(404);
      expect((await put(coordinator, "/unit-groups/khong-co", { name: "x" })).statusCode).toBe(404);
    });

    it("explicit groups: create with members, replace members, audited; 422 for members of a rule group", async () => {
      const a = await commune();
      const b = await commune();
      const res = await post(coordinator, "/unit-groups", {
        name: "Các đơn vị liên quan",
        rule: "explicit",
        ownerUnitId: district.id,
        aliases: ["Các đơn vị có liên quan"],
        memberIds: [a.id],
      });
      expect(res.statusCode, res.body).toBe(201);
      const group = res.json().data as UnitGroupDto;
      expect(group.memberIds).toEqual([a.id]);
      expect(group.abilities.manage).toBe(true);
      expect((await audit("unit_group.created", group.id)).length).toBe(1);

      const setRes = await put(coordinator, `/unit-groups/${group.id}/members`, { memberIds: [a.id, b.id] });
      expect(setRes.statusCode).toBe(200);
      expect((setRes.json().data as UnitGroupDto).memberIds.sort()).toEqual([a.id, b.id].sort());
      const upd = await audit("unit_group.updated", group.id);
      expect(upd).toHaveLength(1);
      expect(JSON.parse(upd[0]!.after_json!).memberIds).toHaveLength(2);
      expect((await put(reporter, `/unit-groups/${group.id}/members`, { memberIds: [] })).statusCode).toBe(403);
      const unknown = await put(coordinator, `/unit-groups/${group.id}/members`, { memberIds: ["khong-co"] });
      expect(unknown.statusCode).toBe(400);

      const preview = await get(viewer, `/unit-groups/${group.id}/preview`);
      expect((preview.json().data as UnitGroupPreviewDto).members.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());

      const ruleGroup = await post(coordinator, "/unit-groups", {
        name: "Các phòng, ban, ngành",
        rule: "offices_of",
        ownerUnitId: district.id,
      });
      const members = await put(coordinator, `/unit-groups/${ruleGroup.json().data.id}/members`, { memberIds: [a.id] });
      expect(members.statusCode).toBe(422);

      const renamed = await put(coordinator, `/unit-groups/${group.id}`, { name: "Các đơn vị liên quan (sửa)" });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().data.name).toBe("Các đơn vị liên quan (sửa)");
      const list = await get(viewer, `/unit-groups?ownerUnitId=${district.id}`);
      expect((list.json().data as UnitGroupDto[]).map((g) => g.id)).toContain(group.id);
      const search = await get(viewer, `/unit-groups?q=${encodeURIComponent("cac don vi co lien quan")}`);
      expect((search.json().data as UnitGroupDto[]).map((g) => g.id)).toContain(group.id);
    });

    it("previews what a rule resolves to: communes and wards under the owner, offices of the owner", async () => {
      const d = await makeUnit(getDb(), { name: unique("Huyện Xem "), kind: "district", parentId: province.id });
      const x = await commune(unique("Xã Một "), d.id);
      const w = await commune(unique("Phường Hai "), d.id, "ward");
      const office = await makeUnit(getDb(), { name: "Phòng Nội vụ", kind: "office", parentId: d.id });
      const gone = await makeUnit(getDb(), { name: "Xã Cũ", kind: "commune", parentId: d.id });
      await put(admin, `/units/${gone.id}`, { validTo: "2025-07-01" });
      const communes = await post(viewer, "/unit-groups/preview", {
        rule: "communes_under",
        ownerUnitId: d.id,
        activeOn: "2025-08-01",
      });
      expect(communes.statusCode, communes.body).toBe(200);
      expect((communes.json().data as UnitGroupPreviewDto).members.map((m) => m.id).sort()).toEqual(
        [x.id, w.id].sort(),
      );
      const offices = await post(viewer, "/unit-groups/preview", { rule: "offices_of", ownerUnitId: d.id });
      expect((offices.json().data as UnitGroupPreviewDto).members.map((m) => m.id)).toEqual([office.id]);
      const bad = await post(viewer, "/unit-groups/preview", { rule: "communes_under", ownerUnitId: "khong-co" });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe("directory file", () => {
    async function exportXlsx(who: LoggedIn) {
      const res = await get(who, "/units/export.xlsx");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("spreadsheetml");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return wb;
    }

    const upload = (who: LoggedIn | null, name: string, content: Buffer) => {
      const { payload, headers } = multipartFile(name, content);
      return app.inject({
        method: "POST",
        url: "/api/v1/units/import",
        headers: { ...headers, ...(who ? who.headers : {}) },
        payload,
      });
    };

    it("exports XLSX and CSV with Vietnamese columns and kind labels; 401 without a session", async () => {
      expect((await get(null, "/units/export.xlsx")).statusCode).toBe(401);
      const wb = await exportXlsx(viewer);
      const ws = wb.worksheets[0]!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
        "Mã",
        "Tên",
        "Tên viết tắt",
        "Loại",
        "Mã đơn vị cha",
        "Tên gọi khác",
        "Hiệu lực từ",
        "Hiệu lực đến",
      ]);
      let districtRow: unknown[] | undefined;
      ws.eachRow((row) => {
        if (row.getCell(1).value === district.id) districtRow = (row.values as unknown[]).slice(1);
      });
      expect(districtRow?.[3]).toBe("Quận, huyện, thị xã");
      expect(districtRow?.[4]).toBe(province.id);
      const csv = await get(viewer, "/units/export.csv");
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.body.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(
        "Mã,Tên,Tên viết tắt,Loại,Mã đơn vị cha,Tên gọi khác,Hiệu lực từ,Hiệu lực đến",
      );
      expect(csv.body).toContain("Phòng Văn hóa và Thông tin quận Gò Vấp");
    });

    it("XLSX round-trip: the exported file imports unchanged; edits and new rows are applied and audited", async () => {
      const c = await commune(unique("Xã Vòng "));
      const wb = await exportXlsx(admin);
      const ws = wb.worksheets[0]!;
      const total = ws.actualRowCount - 1;
      const same = await upload(admin, "danh-muc.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
      expect(same.statusCode, same.body).toBe(200);
      expect(same.json().data).toEqual({ created: 0, updated: 0, unchanged: total });

      ws.eachRow((row) => {
        if (row.getCell(1).value === c.id) {
          row.getCell(2).value = "Xã Vòng Đã Sửa";
          row.getCell(6).value = "UBND xã Vòng; Xã VĐS";
          row.getCell(8).value = "01/07/2025";
        }
      });
      const newId1 = unique("thon-");
      const newId2 = unique("thon-");
      // A child listed before its (new) parent.
      ws.addRow([newId2, "Tổ dân phố 2", "", "Khác", newId1, "", "", ""]);
      ws.addRow([newId1, "Thôn 1", "", "other", c.id, "", "01/01/2020", ""]);
      const res = await upload(coordinator, "danh-muc.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
      // The coordinator's file holds every unit of the country: rows outside the district are refused.
      expect(res.statusCode).toBe(403);
      const ok = await upload(admin, "danh-muc.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().data).toEqual({ created: 2, updated: 1, unchanged: total - 1 });
      const edited = await getUnit(getDb().db, c.id);
      expect(edited).toMatchObject({ name: "Xã Vòng Đã Sửa", valid_to: "2025-07-01" });
      expect(JSON.parse(edited!.aliases)).toEqual(["UBND xã Vòng", "Xã VĐS"]);
      expect(await getUnit(getDb().db, newId2)).toMatchObject({ parent_id: newId1, kind: "other" });
      expect(await getUnit(getDb().db, newId1)).toMatchObject({ parent_id: c.id, valid_from: "2020-01-01" });
      const rows = await audit("directory.imported");
      expect(rows.map((r) => JSON.parse(r.after_json!))).toContainEqual({
        created: 2,
        updated: 1,
        unchanged: total - 1,
        fileName: "danh-muc.xlsx",
      });
    });

    it("a coordinator imports a CSV of their own subtree", async () => {
      const id = unique("xa-csv-");
      const csv = `Mã;Tên;Loại;Mã đơn vị cha;Tên gọi khác\n${id};"Xã Cờ; Sê Vê";Xã;${district.id};UBND xã CSV\n`;
      const res = await upload(coordinator, "xa.csv", Buffer.from(csv));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().data).toEqual({ created: 1, updated: 0, unchanged: 0 });
      expect(await getUnit(getDb().db, id)).toMatchObject({ name: "Xã Cờ; Sê Vê", kind: "commune" });
    });

    it("a bad file applies nothing and lists every problem by row", async () => {
      const c = await commune(unique("Xã Giữ "));
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Đơn vị");
      ws.addRow(["Mã", "Tên", "Tên viết tắt", "Loại", "Mã đơn vị cha", "Tên gọi khác", "Hiệu lực từ", "Hiệu lực đến"]);
      ws.addRow([c.id, "Tên mới", "", "Xã", district.id, "", "", ""]);
      ws.addRow([unique("x-"), "Đơn vị lạ", "", "Huyện đảo", district.id, "", "", ""]);
      ws.addRow([unique("x-"), "", "", "Xã", district.id, "", "32/13/2025", ""]);
      ws.addRow([unique("x-"), "Xã mồ côi", "", "Xã", "khong-co-cha", "", "", ""]);
      const res = await upload(admin, "loi.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
      expect(res.statusCode).toBe(400);
      const err = res.json().error;
      expect(err.code).toBe("VALIDATION");
      expect(err.problems).toContain("Dòng 3: Loại đơn vị không hợp lệ (“Huyện đảo”).");
      expect(err.problems).toContain("Dòng 4: Thiếu tên đơn vị.");
      expect(err.problems.some((p: string) => p.startsWith("Dòng 4: Ngày “Hiệu lực từ” không hợp lệ"))).toBe(true);
      expect(err.fields["rows.3"]).toContain("Loại đơn vị không hợp lệ");
      expect((await getUnit(getDb().db, c.id))?.name).toBe(c.name);

      // Rows valid on their own but with an unknown parent: still nothing applied.
      const wb2 = new ExcelJS.Workbook();
      const ws2 = wb2.addWorksheet("Đơn vị");
      ws2.addRow(["Mã", "Tên", "Loại", "Mã đơn vị cha"]);
      ws2.addRow([c.id, "Tên mới", "Xã", district.id]);
      ws2.addRow([unique("x-"), "Xã mồ côi", "Xã", "khong-co-cha"]);
      const res2 = await upload(admin, "loi2.xlsx", Buffer.from(await wb2.xlsx.writeBuffer()));
      expect(res2.statusCode).toBe(400);
      expect(res2.json().error.problems).toEqual(["Dòng 3: Không tìm thấy đơn vị cha “khong-co-cha”."]);
      expect((await getUnit(getDb().db, c.id))?.name).toBe(c.name);

      // A cycle through the file.
      const wb3 = new ExcelJS.Workbook();
      const ws3 = wb3.addWorksheet("Đơn vị");
      ws3.addRow(["Mã", "Tên", "Loại", "Mã đơn vị cha"]);
      ws3.addRow([district.id, district.name, "Quận, huyện, thị xã", c.id]);
      const res3 = await upload(admin, "vong.xlsx", Buffer.from(await wb3.xlsx.writeBuffer()));
      expect(res3.statusCode).toBe(400);
      expect(res3.json().error.problems[0]).toContain("vòng lặp");

      const corrupt = await upload(admin, "hong.xlsx", Buffer.from("PK không phải zip"));
      expect(corrupt.statusCode).toBe(400);
      expect(corrupt.json().error.message).toContain("Không đọc được tệp XLSX");
    });

    it("401 and 403 for import; 400 without a file", async () => {
      const csv = Buffer.from("Mã,Tên,Loại\nx,Y,Xã\n");
      expect((await upload(null, "a.csv", csv)).statusCode).toBe(401);
      expect((await upload(reporter, "a.csv", csv)).statusCode).toBe(403);
      expect((await upload(viewer, "a.csv", csv)).statusCode).toBe(403);
      const noFile = await app.inject({
        method: "POST",
        url: "/api/v1/units/import",
        headers: { ...coordinator.headers, "content-type": "multipart/form-data; boundary=xyz" },
        payload: "--xyz--\r\n",
      });
      expect(noFile.statusCode).toBe(400);
    });
  });

  describe("search without diacritics", () => {
    const search = async (q: string) =>
      ((await get(viewer, `/units?q=${encodeURIComponent(q)}&limit=50`)).json().data as UnitListItemDto[]).map(
        (u) => u.name,
      );

    it("“phong kinh te” finds Phòng Kinh tế", async () => {
      expect(await search("phong kinh te")).toContain("Phòng Kinh tế quận Gò Vấp");
    });

    it("abbreviations in aliases match: “vhtt” finds Phòng Văn hóa và Thông tin", async () => {
      expect(await search("vhtt")).toContain("Phòng Văn hóa và Thông tin quận Gò Vấp");
      expect(await search("Phòng VHTT")).toContain("Phòng Văn hóa và Thông tin quận Gò Vấp");
    });

    it("case and diacritics do not matter either way", async () => {
      const id = stableId("hcm/govap/kinhte");
      const names = await search("PHÒNG KINH TẾ gò vấp");
      expect(names[0]).toBe("Phòng Kinh tế quận Gò Vấp");
      expect((await getUnit(getDb().db, id))?.name).toBe("Phòng Kinh tế quận Gò Vấp");
    });
  });
});
