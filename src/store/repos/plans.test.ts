import { expect, it } from "vitest";
import { newId } from "../ids.js";
import { insertTestUnit, insertTestUser } from "../test/fixtures.js";
import { countingDb } from "../test/query-counter.js";
import { describeEachEngine } from "../testing.js";
import {
  addPlanLink,
  countPlans,
  getPlan,
  getPlanRevision,
  getPlanWithTasks,
  getTasksWithAssignments,
  insertPlanGraph,
  listChildTasks,
  listPlanRevisions,
  listPlans,
  listSubordinatePlans,
  listTasksForUnits,
  type PlanGraph,
  recordPlanRevision,
  updatePlan,
  updateTask,
} from "./plans.js";

const AT = "2025-03-01T02:00:00.000Z";

function graphFor(opts: {
  issuer: string;
  lead: string;
  support: string;
  tasks?: number;
  title?: string;
  number?: string;
  issuedAt?: string | null;
  status?: "draft" | "published" | "closed";
}): PlanGraph {
  const planId = newId();
  const groupId = newId();
  const regimeId = newId();
  const n = opts.tasks ?? 3;
  const tasks = Array.from({ length: n }, (_, i) => ({
    id: newId(),
    group_id: groupId,
    ref: String(i + 1),
    title: `Nhiệm vụ số ${i + 1}: chuyển đổi số`,
    tf_kind: "by",
    tf_text: "Quý II/2025",
    tf_end: i % 2 === 0 ? `2025-0${(i % 9) + 1}-30` : null,
    tf_deadlines: JSON.stringify(["2025-06-30"]),
    position: i,
  }));
  return {
    plan: {
      id: planId,
      doc_type: "Kế hoạch",
      number: opts.number ?? `${Math.floor(Math.random() * 1e6)}/KH-UBND`,
      issuer_unit_id: opts.issuer,
      issuer_name: "UBND tỉnh Quảng Trị",
      issued_at: opts.issuedAt === undefined ? "2025-02-14" : opts.issuedAt,
      title: opts.title ?? "Kế hoạch chuyển đổi số năm 2025",
      status: opts.status ?? "published",
      revision: 1,
      is_stub: 0,
      document_json: '{"format":"tiendo.plan.v1"}',
      created_at: AT,
      updated_at: AT,
    },
    groups: [{ id: groupId, ref: "I", title: "Nhiệm vụ chung", position: 0 }],
    tasks,
    assignments: tasks.flatMap((t) => [
      { task_id: t.id, unit_id: opts.lead, role: "lead" as const, printed_name: "Sở KH&CN" },
      { task_id: t.id, unit_id: opts.support, role: "support" as const, printed_name: "Sở Tài chính" },
      { task_id: t.id, unit_id: null, role: "support" as const, printed_name: "các đơn vị liên quan" },
    ]),
    regimes: [
      {
        id: regimeId,
        text: "Báo cáo quý trước ngày 15 tháng cuối quý",
        frequency: "quarterly",
        day: 15,
        month_in_period: 3,
      },
    ],
    periods: [
      {
        regime_id: regimeId,
        frequency: "quarterly",
        label: "Quý II/2025",
        start_date: "2025-04-01",
        end_date: "2025-06-30",
        due_date: "2025-06-15",
        period_key: "2025-Q2",
      },
      {
        regime_id: regimeId,
        frequency: "quarterly",
        label: "Quý I/2025",
        start_date: "2025-01-01",
        end_date: "2025-03-31",
        due_date: "2025-03-15",
        period_key: "2025-Q1",
      },
    ],
    targets: [{ text: "100% hồ sơ trực tuyến", metric: "tỷ lệ", comparator: ">=", value: 100, unit: "%", position: 0 }],
    emulation: [{ name: "Phong trào thi đua chuyển đổi số", data_json: '{"phases":[]}' }],
  };
}

describeEachEngine("plans repository", (getDb) => {
  async function units() {
    const { db } = getDb();
    const issuer = await insertTestUnit(db, "UBND tỉnh", "province");
    const lead = await insertTestUnit(db, "Sở Khoa học và Công nghệ", "department", issuer.id);
    const support = await insertTestUnit(db, "Sở Tài chính", "department", issuer.id);
    return { issuer: issuer.id, lead: lead.id, support: support.id };
  }

  it("inserts a plan graph and reads it back whole, in order", async () => {
    const { db } = getDb();
    const u = await units();
    const g = graphFor({ ...u, tasks: 3 });
    const counts = await db.transaction().execute((tx) => insertPlanGraph(tx, g));
    expect(counts).toEqual({
      groups: 1,
      tasks: 3,
      assignments: 9,
      regimes: 1,
      periods: 2,
      targets: 1,
      emulation: 1,
      links: 0,
    });
    const p = await getPlanWithTasks(db, g.plan.id);
    expect(p?.plan.title).toBe("Kế hoạch chuyển đổi số năm 2025");
    expect(p?.plan.search_key).toContain("ke hoach chuyen doi so nam 2025");
    expect(p?.tasks.map((t) => t.ref)).toEqual(["1", "2", "3"]);
    expect(p?.tasks[0]?.due_date).toBe("2025-01-30"); // defaulted from tf_end
    expect(p?.tasks[1]?.due_date).toBeNull();
    expect(p?.tasks[0]?.parent_weight).toBe(1);
    expect(JSON.parse(p!.tasks[0]!.tf_deadlines)).toEqual(["2025-06-30"]);
    const first = p!.assignments.filter((a) => a.task_id === p!.tasks[0]!.id);
    expect(first.map((a) => [a.role, a.unit_name, a.printed_name])).toEqual([
      ["lead", "Sở Khoa học và Công nghệ", "Sở KH&CN"],
      ["support", "Sở Tài chính", "Sở Tài chính"],
      ["support", null, "các đơn vị liên quan"],
    ]);
    expect(p?.periods.map((x) => x.label)).toEqual(["Quý I/2025", "Quý II/2025"]);
    expect(p?.periods[0]?.kind).toBe("regular");
    expect(p?.targets[0]?.value).toBe(100);
    expect(p?.emulation[0]?.name).toBe("Phong trào thi đua chuyển đổi số");
    expect(await getPlanWithTasks(db, "missing")).toBeUndefined();
    // The initial revision is on record.
    expect((await listPlanRevisions(db, g.plan.id)).map((r) => r.revision)).toEqual([1]);
  });

  it("uses a fixed number of statements whatever the plan's size (batched inserts, no N+1 reads)", async () => {
    const { db } = getDb();
    const u = await units();
    const counter = countingDb(db);
    const big = graphFor({ ...u, tasks: 1200 });
    await counter.db.transaction().execute((tx) => insertPlanGraph(tx, big));
    // plan + 8 child tables (assignments 3600 rows × 8 columns: 1 statement on PostgreSQL, 2 on SQLite) + revision
    expect(counter.count()).toBeLessThanOrEqual(16);
    counter.reset();
    const p = await getPlanWithTasks(counter.db, big.plan.id);
    expect(p?.tasks).toHaveLength(1200);
    expect(p?.assignments).toHaveLength(3600);
    expect(counter.count()).toBe(9);
    counter.reset();
    const small = graphFor({ ...u, tasks: 2 });
    await db.transaction().execute((tx) => insertPlanGraph(tx, small));
    await getPlanWithTasks(counter.db, small.plan.id);
    expect(counter.count()).toBe(9);
  });

  it("rolls the whole graph back when one row is invalid", async () => {
    const { db } = getDb();
    const u = await units();
    const g = graphFor({ ...u });
    g.assignments!.push({ task_id: "no-such-task", unit_id: u.lead, role: "lead", printed_name: "x" });
    await expect(db.transaction().execute((tx) => insertPlanGraph(tx, g))).rejects.toThrow();
    expect(await getPlan(db, g.plan.id)).toBeUndefined();
  });

  it("lists plans with task counts, filters and a stable order", async () => {
    const { db } = getDb();
    const u = await units();
    const a = graphFor({ ...u, tasks: 2, title: "Kế hoạch ứng dụng trí tuệ nhân tạo", issuedAt: "2025-01-10" });
    const b = graphFor({ ...u, tasks: 5, title: "Kế hoạch phát triển khoa học", issuedAt: "2025-05-10" });
    const c = graphFor({ ...u, tasks: 1, title: "Kế hoạch chưa ghi ngày", issuedAt: null, status: "draft" });
    for (const g of [a, b, c]) await db.transaction().execute((tx) => insertPlanGraph(tx, g));
    const mine = await listPlans(db, { issuerUnitIds: [u.issuer] });
    expect(mine.map((p) => [p.id, p.task_count])).toEqual([
      [b.plan.id, 5],
      [a.plan.id, 2],
      [c.plan.id, 1],
    ]);
    expect(mine[0]).not.toHaveProperty("document_json");
    expect(typeof mine[0]?.task_count).toBe("number");
    expect((await listPlans(db, { issuerUnitIds: [u.issuer], status: "draft" })).map((p) => p.id)).toEqual([c.plan.id]);
    expect((await listPlans(db, { query: "TRI TUE nhân tạo" })).map((p) => p.id)).toEqual([a.plan.id]);
    expect((await listPlans(db, { involvingUnitIds: [u.support] })).map((p) => p.id).sort()).toEqual(
      [a.plan.id, b.plan.id, c.plan.id].sort(),
    );
    expect(await listPlans(db, { involvingUnitIds: [] })).toEqual([]);
    expect(await countPlans(db, { issuerUnitIds: [u.issuer], issuedFrom: "2025-01-01" })).toBe(2);
    expect((await listPlans(db, { issuerUnitIds: [u.issuer], limit: 1, offset: 1 })).map((p) => p.id)).toEqual([
      a.plan.id,
    ]);
  });

  it("lists a unit's tasks soonest due first, with plan and role", async () => {
    const { db } = getDb();
    const u = await units();
    const g = graphFor({ ...u, tasks: 4 });
    const draft = graphFor({ ...u, tasks: 2, status: "draft" });
    for (const x of [g, draft]) await db.transaction().execute((tx) => insertPlanGraph(tx, x));
    const leadTasks = await listTasksForUnits(db, [u.lead], { planIds: [g.plan.id, draft.plan.id] });
    expect(leadTasks.map((t) => [t.ref, t.due_date, t.role])).toEqual([
      ["1", "2025-01-30", "lead"],
      ["3", "2025-03-30", "lead"],
      ["2", null, "lead"],
      ["4", null, "lead"],
    ]);
    expect(leadTasks[0]?.plan_title).toBe("Kế hoạch chuyển đổi số năm 2025");
    const both = await listTasksForUnits(db, [u.lead, u.support], { planIds: [g.plan.id], dueTo: "2025-02-01" });
    expect(both.map((t) => [t.unit_id, t.role]).sort()).toEqual(
      [
        [u.lead, "lead"],
        [u.support, "support"],
      ].sort(),
    );
    expect(await listTasksForUnits(db, [u.support], { planIds: [g.plan.id], role: "lead" })).toEqual([]);
    const withDraft = await listTasksForUnits(db, [u.lead], { planIds: [draft.plan.id], planStatus: ["draft"] });
    expect(withDraft).toHaveLength(2);
    await updateTask(db, g.tasks![0]!.id!, { paused_at: AT });
    expect(
      (await listTasksForUnits(db, [u.lead], { planIds: [g.plan.id], activeOnly: true })).map((t) => t.ref),
    ).toEqual(["3", "2", "4"]);
    const { tasks, assignments } = await getTasksWithAssignments(db, [g.tasks![1]!.id!]);
    expect(tasks).toHaveLength(1);
    expect(assignments).toHaveLength(3);
  });

  it("records revisions under a lock, consecutively", async () => {
    const { db } = getDb();
    const u = await units();
    const user = await insertTestUser(db);
    const g = graphFor({ ...u });
    await db.transaction().execute((tx) => insertPlanGraph(tx, g));
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        db
          .transaction()
          .execute((tx) =>
            recordPlanRevision(tx, g.plan.id, { changes: [{ field: "title", after: `v${i}` }], actor_id: user.id }),
          ),
      ),
    );
    expect(results.map((r) => r?.revision).sort()).toEqual([2, 3, 4]);
    expect((await getPlan(db, g.plan.id))?.revision).toBe(4);
    expect((await listPlanRevisions(db, g.plan.id)).map((r) => r.revision)).toEqual([4, 3, 2, 1]);
    expect((await getPlanRevision(db, g.plan.id, 1))?.document_json).toBe('{"format":"tiendo.plan.v1"}');
    expect(await db.transaction().execute((tx) => recordPlanRevision(tx, "missing", { changes: [] }))).toBeUndefined();
  });

  it("updates plan fields with the search key, links superior plans and child tasks", async () => {
    const { db } = getDb();
    const u = await units();
    const sup = graphFor({ ...u, title: "Kế hoạch của tỉnh" });
    const sub = graphFor({ ...u, title: "Kế hoạch của sở" });
    for (const x of [sup, sub]) await db.transaction().execute((tx) => insertPlanGraph(tx, x));
    const updated = await updatePlan(db, sub.plan.id, { title: "Kế hoạch triển khai của Sở Khoa học" });
    expect(updated?.search_key).toContain("ke hoach trien khai cua so khoa hoc");
    await addPlanLink(db, { plan_id: sub.plan.id, superior_plan_id: sup.plan.id, reference_text: "Kế hoạch số 1" });
    expect((await listSubordinatePlans(db, sup.plan.id)).map((p) => p.id)).toEqual([sub.plan.id]);
    const p = await getPlanWithTasks(db, sub.plan.id);
    expect(p?.links.map((l) => l.superior_title)).toEqual(["Kế hoạch của tỉnh"]);
    await updateTask(db, sub.tasks![0]!.id!, { parent_task_id: sup.tasks![0]!.id!, parent_weight: 0.5 });
    const children = await listChildTasks(db, [sup.tasks![0]!.id!]);
    expect(children.map((t) => [t.id, t.parent_weight])).toEqual([[sub.tasks![0]!.id, 0.5]]);
  });
});
