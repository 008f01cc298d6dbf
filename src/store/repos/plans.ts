/**
 * Plans [kế hoạch] and everything a published plan carries: task groups, tasks, assignments, reporting regimes and
 * periods, targets, emulation movements, links to superior plans, revisions.
 *
 * Writes of a whole plan go through `insertPlanGraph` (multi-row INSERTs, a handful of statements whatever the size);
 * reads of a whole plan through `getPlanWithTasks` (a fixed number of queries, never one per task).
 */
import type { Insertable, Selectable, Transaction, Updateable } from "kysely";
import { sql } from "kysely";
import { searchKey } from "../../core/text.js";
import { type Executor, inTransaction } from "../db.js";
import { newId, nowIso } from "../ids.js";
import type {
  AssignmentRole,
  DB,
  EmulationMovementsTable,
  Plan,
  PlanLinksTable,
  PlanRevisionsTable,
  PlanStatus,
  PlansTable,
  ReportingPeriod,
  ReportingPeriodsTable,
  ReportingRegimesTable,
  TargetsTable,
  Task,
  TaskAssignment,
  TaskAssignmentsTable,
  TaskGroupsTable,
  TasksTable,
} from "../schema.js";
import { forUpdate } from "../sql/dialect.js";
import { chunked, insertInChunks } from "../sql/insert.js";
import { toJsonText } from "../sql/json.js";
import { likeContains } from "../sql/text.js";
import { sortPeriods } from "./periods.js";

export type TaskGroup = Selectable<TaskGroupsTable>;
export type ReportingRegime = Selectable<ReportingRegimesTable>;
export type Target = Selectable<TargetsTable>;
export type EmulationMovement = Selectable<EmulationMovementsTable>;
export type PlanLink = Selectable<PlanLinksTable>;
export type PlanRevision = Selectable<PlanRevisionsTable>;

/** A child row of the graph: plan_id is filled in, and so are the listed columns when omitted. */
type GraphRow<T, Auto extends keyof T = never> = Omit<Insertable<T>, "plan_id" | Auto> &
  Partial<Pick<Insertable<T>, Extract<Auto, keyof Insertable<T>>>>;

/**
 * A plan with its content, ready to insert. Ids are optional (generated when absent) but give them wherever rows
 * point at each other (task.group_id → a group's id, assignment.task_id → a task's id, period.regime_id → a regime's
 * id). Filled in when omitted: plan_id everywhere; created_at/updated_at from the plan; tasks' due_date from tf_end,
 * tf_deadlines "[]", parent_weight 1; periods' kind "regular", locked 0.
 */
export interface PlanGraph {
  plan: Omit<Insertable<PlansTable>, "search_key">;
  groups?: GraphRow<TaskGroupsTable, "id">[];
  tasks?: GraphRow<TasksTable, "id" | "created_at" | "updated_at" | "tf_deadlines" | "due_date" | "parent_weight">[];
  assignments?: GraphRow<TaskAssignmentsTable, "id">[];
  regimes?: GraphRow<ReportingRegimesTable, "id">[];
  periods?: GraphRow<ReportingPeriodsTable, "id" | "created_at" | "kind" | "locked">[];
  targets?: GraphRow<TargetsTable, "id">[];
  emulation?: GraphRow<EmulationMovementsTable, "id">[];
  links?: GraphRow<PlanLinksTable, "id" | "created_at">[];
  /** Recorded as the plan's first plan_revisions row (revision = plan.revision). Default: changes [] and the plan's document. */
  revision?: { changes?: unknown; actor_id?: string | null };
}

export interface PlanGraphCounts {
  groups: number;
  tasks: number;
  assignments: number;
  regimes: number;
  periods: number;
  targets: number;
  emulation: number;
  links: number;
}

export function planSearchKey(p: {
  number?: string | null;
  title?: string | null;
  issuer_name?: string | null;
}): string {
  return [p.number, p.title, p.issuer_name]
    .map((s) => searchKey(s ?? ""))
    .filter(Boolean)
    .join(" | ");
}

/**
 * Inserts a plan and its content in batched multi-row INSERTs (one or a few statements per table). Takes a
 * transaction: a half-inserted plan must never be visible.
 */
export async function insertPlanGraph(tx: Transaction<DB>, graph: PlanGraph): Promise<PlanGraphCounts> {
  const plan = { ...graph.plan, search_key: planSearchKey(graph.plan) };
  const planId = plan.id;
  const at = plan.created_at;
  await tx.insertInto("plans").values(plan).execute();

  const withPlan = <T extends object>(rows: T[] | undefined) =>
    (rows ?? []).map((r) => ({ id: newId(), ...r, plan_id: planId }));

  const groups = withPlan(graph.groups);
  const tasks = (graph.tasks ?? []).map((t) => ({
    id: newId(),
    created_at: at,
    updated_at: at,
    tf_deadlines: "[]",
    parent_weight: 1,
    ...t,
    due_date: t.due_date !== undefined ? t.due_date : (t.tf_end ?? null),
    plan_id: planId,
  }));
  const periods = (graph.periods ?? []).map((p) => ({
    id: newId(),
    created_at: at,
    kind: "regular",
    locked: 0,
    ...p,
    plan_id: planId,
  }));
  const links = (graph.links ?? []).map((l) => ({ id: newId(), created_at: at, ...l, plan_id: planId }));

  const counts: PlanGraphCounts = {
    groups: await insertInChunks(tx, "task_groups", groups),
    tasks: await insertInChunks(tx, "tasks", tasks),
    assignments: 0,
    regimes: await insertInChunks(tx, "reporting_regimes", withPlan(graph.regimes)),
    periods: 0,
    targets: 0,
    emulation: 0,
    links: 0,
  };
  // Without explicit positions, assignments keep the order they were given in.
  const assignments = (graph.assignments ?? []).map((a, i) => ({ id: newId(), position: i, ...a, plan_id: planId }));
  counts.assignments = await insertInChunks(tx, "task_assignments", assignments);
  counts.periods = await insertInChunks(tx, "reporting_periods", periods);
  counts.targets = await insertInChunks(tx, "targets", withPlan(graph.targets));
  counts.emulation = await insertInChunks(tx, "emulation_movements", withPlan(graph.emulation));
  counts.links = await insertInChunks(tx, "plan_links", links);

  await tx
    .insertInto("plan_revisions")
    .values({
      id: newId(),
      plan_id: planId,
      revision: plan.revision,
      changes_json: toJsonText(graph.revision?.changes ?? []),
      document_json: plan.document_json ?? null,
      actor_id: graph.revision?.actor_id ?? plan.created_by ?? null,
      created_at: at,
    })
    .execute();
  return counts;
}

export type AssignmentWithUnit = TaskAssignment & { unit_name: string | null };
export type PlanLinkWithSuperior = PlanLink & {
  superior_title: string;
  superior_number: string | null;
  superior_issued_at: string | null;
};

export interface PlanWithTasks {
  plan: Plan;
  groups: TaskGroup[];
  /** In document order (position). */
  tasks: Task[];
  assignments: AssignmentWithUnit[];
  regimes: ReportingRegime[];
  /** By due date. */
  periods: ReportingPeriod[];
  targets: Target[];
  emulation: EmulationMovement[];
  links: PlanLinkWithSuperior[];
}

/** A plan with all its content in nine queries whatever its size; undefined when it does not exist. */
export async function getPlanWithTasks(db: Executor, id: string): Promise<PlanWithTasks | undefined> {
  const plan = await getPlan(db, id);
  if (!plan) return undefined;
  const [groups, tasks, assignments, regimes, periods, targets, emulation, links] = await Promise.all([
    db.selectFrom("task_groups").selectAll().where("plan_id", "=", id).orderBy("position").execute(),
    db.selectFrom("tasks").selectAll().where("plan_id", "=", id).orderBy("position").orderBy("id").execute(),
    db
      .selectFrom("task_assignments as a")
      .leftJoin("units as u", "u.id", "a.unit_id")
      .selectAll("a")
      .select("u.name as unit_name")
      .where("a.plan_id", "=", id)
      .orderBy("a.task_id")
      .orderBy("a.position")
      .orderBy("a.role")
      .execute(),
    db.selectFrom("reporting_regimes").selectAll().where("plan_id", "=", id).orderBy("id").execute(),
    db
      .selectFrom("reporting_periods")
      .selectAll()
      .where("plan_id", "=", id)
      .orderBy("due_date")
      .orderBy("start_date")
      .execute(),
    db.selectFrom("targets").selectAll().where("plan_id", "=", id).orderBy("position").execute(),
    db.selectFrom("emulation_movements").selectAll().where("plan_id", "=", id).orderBy("id").execute(),
    db
      .selectFrom("plan_links as l")
      .innerJoin("plans as s", "s.id", "l.superior_plan_id")
      .selectAll("l")
      .select(["s.title as superior_title", "s.number as superior_number", "s.issued_at as superior_issued_at"])
      .where("l.plan_id", "=", id)
      .orderBy("l.created_at")
      .execute(),
  ]);
  return { plan, groups, tasks, assignments, regimes, periods: sortPeriods(periods), targets, emulation, links };
}

export async function getPlan(db: Executor, id: string): Promise<Plan | undefined> {
  return db.selectFrom("plans").selectAll().where("id", "=", id).executeTakeFirst();
}

export type PlanPatch = Omit<Updateable<PlansTable>, "id" | "created_at" | "search_key" | "revision">;

/** Updates plan fields (not the revision: see recordPlanRevision), keeping search_key in step. */
export async function updatePlan(
  db: Executor,
  id: string,
  patch: PlanPatch,
  now = nowIso(),
): Promise<Plan | undefined> {
  return inTransaction(db, async (tx) => {
    const current = await getPlan(tx, id);
    if (!current) return undefined;
    const next = { ...current, ...patch };
    return tx
      .updateTable("plans")
      .set({ ...patch, search_key: planSearchKey(next), updated_at: now })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
  });
}

export async function deletePlan(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom("plans").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Plans with this number (folded comparison, "Số 12/KH-UBND" = "12/KH-UBND" is the caller's business). */
export async function findPlansByNumber(db: Executor, number: string): Promise<Plan[]> {
  return db.selectFrom("plans").selectAll().where("number", "=", number.trim()).orderBy("created_at").execute();
}

export interface PlanFilter {
  ids?: readonly string[];
  status?: PlanStatus | readonly PlanStatus[];
  issuerUnitIds?: readonly string[];
  /** Plans issued by, or assigning a task to, any of these units. */
  involvingUnitIds?: readonly string[];
  /** Words that must all occur in the number, title or issuer name (diacritics-insensitive). */
  query?: string;
  issuedFrom?: string;
  issuedTo?: string;
  includeStubs?: boolean;
  limit?: number;
  offset?: number;
}

export type PlanListRow = Omit<Plan, "document_json"> & { task_count: number };

function filteredPlans(db: Executor, f: PlanFilter) {
  let q = db.selectFrom("plans");
  if (f.ids) q = q.where("plans.id", "in", f.ids.length ? [...f.ids] : [""]);
  if (f.status !== undefined)
    q = q.where("plans.status", "in", typeof f.status === "string" ? [f.status] : [...f.status]);
  if (f.issuerUnitIds) q = q.where("plans.issuer_unit_id", "in", f.issuerUnitIds.length ? [...f.issuerUnitIds] : [""]);
  if (f.involvingUnitIds) {
    const ids = f.involvingUnitIds.length ? [...f.involvingUnitIds] : [""];
    q = q.where((eb) =>
      eb.or([
        eb("plans.issuer_unit_id", "in", ids),
        eb.exists(
          eb
            .selectFrom("task_assignments as ta")
            .select("ta.id")
            .whereRef("ta.plan_id", "=", "plans.id")
            .where("ta.unit_id", "in", ids),
        ),
      ]),
    );
  }
  for (const w of searchKey(f.query ?? "")
    .split(" ")
    .filter(Boolean)) {
    q = q.where(likeContains(sql.ref("plans.search_key"), w));
  }
  if (f.issuedFrom) q = q.where("plans.issued_at", ">=", f.issuedFrom);
  if (f.issuedTo) q = q.where("plans.issued_at", "<=", f.issuedTo);
  if (!f.includeStubs) q = q.where("plans.is_stub", "=", 0);
  return q;
}

/** Plans, newest issue date first (undated last), each with its number of tasks; without the document JSON. */
export async function listPlans(db: Executor, filter: PlanFilter = {}): Promise<PlanListRow[]> {
  return (
    filteredPlans(db, filter)
      .select([
        "plans.id",
        "plans.doc_type",
        "plans.number",
        "plans.issuer_unit_id",
        "plans.issuer_name",
        "plans.issued_at",
        "plans.place",
        "plans.title",
        "plans.period_start",
        "plans.period_end",
        "plans.signer",
        "plans.status",
        "plans.revision",
        "plans.source_file_id",
        "plans.source_sha256",
        "plans.is_stub",
        "plans.created_by",
        "plans.created_at",
        "plans.updated_at",
        "plans.published_at",
        "plans.search_key",
      ])
      .select((eb) =>
        eb
          .selectFrom("tasks")
          .select((eb2) => eb2.fn.countAll<number>().as("n"))
          .whereRef("tasks.plan_id", "=", "plans.id")
          .as("task_count"),
      )
      // coalesce: SQLite sorts NULL first, PostgreSQL last; '' puts undated plans last on both when descending.
      .orderBy(sql`coalesce(plans.issued_at, '')`, "desc")
      .orderBy("plans.created_at", "desc")
      .orderBy("plans.id")
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0)
      .execute() as Promise<PlanListRow[]>
  );
}

export async function countPlans(db: Executor, filter: PlanFilter = {}): Promise<number> {
  const r = await filteredPlans(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface UnitTaskFilter {
  role?: AssignmentRole;
  planIds?: readonly string[];
  /** Default: published plans only. */
  planStatus?: PlanStatus | readonly PlanStatus[];
  dueFrom?: string;
  dueTo?: string;
  /** Exclude paused tasks. */
  activeOnly?: boolean;
  limit?: number;
  offset?: number;
}

export type UnitTaskRow = Task & {
  assignment_id: string;
  unit_id: string;
  role: AssignmentRole;
  plan_title: string;
  plan_number: string | null;
  plan_status: PlanStatus;
};

/**
 * The tasks assigned to any of `unitIds` (one row per assignment), soonest due first, undated last:
 * "my tasks", "due soon", a unit's overdue list.
 */
export async function listTasksForUnits(
  db: Executor,
  unitIds: readonly string[],
  filter: UnitTaskFilter = {},
): Promise<UnitTaskRow[]> {
  const ids = [...new Set(unitIds)];
  if (ids.length === 0) return [];
  const statuses: PlanStatus[] =
    filter.planStatus === undefined
      ? ["published"]
      : typeof filter.planStatus === "string"
        ? [filter.planStatus]
        : [...filter.planStatus];
  const out: UnitTaskRow[] = [];
  // Chunked `in` lists keep any number of units under the parameter limit; sorting is redone after merging.
  for (const part of chunked(ids, 5000)) {
    let q = db
      .selectFrom("task_assignments as a")
      .innerJoin("tasks as t", "t.id", "a.task_id")
      .innerJoin("plans as p", "p.id", "t.plan_id")
      .selectAll("t")
      .select([
        "a.id as assignment_id",
        "a.role as role",
        "p.title as plan_title",
        "p.number as plan_number",
        "p.status as plan_status",
      ])
      .select(sql<string>`a.unit_id`.as("unit_id"))
      .where("a.unit_id", "in", part)
      .where("p.status", "in", statuses);
    if (filter.role) q = q.where("a.role", "=", filter.role);
    if (filter.planIds) q = q.where("t.plan_id", "in", filter.planIds.length ? [...filter.planIds] : [""]);
    if (filter.dueFrom) q = q.where("t.due_date", ">=", filter.dueFrom);
    if (filter.dueTo) q = q.where("t.due_date", "<=", filter.dueTo);
    if (filter.activeOnly) q = q.where("t.paused_at", "is", null);
    const rows = await q
      .orderBy(sql`coalesce(t.due_date, '9999-12-31')`)
      .orderBy("t.plan_id")
      .orderBy("t.position")
      .orderBy("a.id")
      .limit((filter.offset ?? 0) + (filter.limit ?? 500))
      .execute();
    out.push(...rows);
  }
  const key = (r: UnitTaskRow) => r.due_date ?? "9999-12-31";
  if (ids.length > 5000) {
    out.sort(
      (a, b) =>
        key(a).localeCompare(key(b)) ||
        a.plan_id.localeCompare(b.plan_id) ||
        a.position - b.position ||
        a.assignment_id.localeCompare(b.assignment_id),
    );
  }
  const start = filter.offset ?? 0;
  return out.slice(start, start + (filter.limit ?? 500));
}

export type TaskPatch = Omit<Updateable<TasksTable>, "id" | "plan_id" | "created_at">;

export async function updateTask(
  db: Executor,
  id: string,
  patch: TaskPatch,
  now = nowIso(),
): Promise<Task | undefined> {
  return db
    .updateTable("tasks")
    .set({ ...patch, updated_at: now })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

export async function getTask(db: Executor, id: string): Promise<Task | undefined> {
  return db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Tasks by id with their assignments, two queries. */
export async function getTasksWithAssignments(
  db: Executor,
  taskIds: readonly string[],
): Promise<{ tasks: Task[]; assignments: AssignmentWithUnit[] }> {
  const tasks: Task[] = [];
  const assignments: AssignmentWithUnit[] = [];
  for (const part of chunked([...new Set(taskIds)])) {
    if (!part.length) continue;
    tasks.push(...(await db.selectFrom("tasks").selectAll().where("id", "in", part).execute()));
    assignments.push(
      ...(await db
        .selectFrom("task_assignments as a")
        .leftJoin("units as u", "u.id", "a.unit_id")
        .selectAll("a")
        .select("u.name as unit_name")
        .where("a.task_id", "in", part)
        .execute()),
    );
  }
  return { tasks, assignments };
}

/** Tasks of other plans that implement tasks of this one (cascade roll-up). */
export async function listChildTasks(db: Executor, parentTaskIds: readonly string[]): Promise<Task[]> {
  const out: Task[] = [];
  for (const part of chunked([...new Set(parentTaskIds)])) {
    if (part.length)
      out.push(...(await db.selectFrom("tasks").selectAll().where("parent_task_id", "in", part).execute()));
  }
  return out;
}

// ── links ──────────────────────────────────────────────────────────────────────────────────────────────────────

export async function addPlanLink(
  db: Executor,
  input: { plan_id: string; superior_plan_id: string; reference_text?: string | null },
  now = nowIso(),
): Promise<PlanLink> {
  const row: PlanLink = { id: newId(), reference_text: null, ...input, created_at: now };
  await db.insertInto("plan_links").values(row).execute();
  return row;
}

/** Plans that implement `superiorPlanId` (any status, stubs included). */
export async function listSubordinatePlans(db: Executor, superiorPlanId: string): Promise<PlanListRow[]> {
  const links = await db
    .selectFrom("plan_links")
    .select("plan_id")
    .where("superior_plan_id", "=", superiorPlanId)
    .execute();
  const rows: PlanListRow[] = [];
  for (const part of chunked(links.map((r) => r.plan_id))) {
    if (part.length) rows.push(...(await listPlans(db, { ids: part, includeStubs: true, limit: part.length })));
  }
  return rows;
}

// ── revisions ──────────────────────────────────────────────────────────────────────────────────────────────────

export interface RecordRevisionInput {
  /** The list of changes (field, before, after), stored as JSON. */
  changes: unknown;
  /** The reviewed tiendo.plan.v1 document after the change; also becomes the plan's document_json. */
  document_json?: string | null;
  actor_id?: string | null;
}

/**
 * Bumps the plan's revision and records what changed, under a row lock so two concurrent edits get consecutive
 * revisions. Returns the new revision row; undefined when the plan does not exist.
 */
export async function recordPlanRevision(
  tx: Transaction<DB>,
  planId: string,
  input: RecordRevisionInput,
  now = nowIso(),
): Promise<PlanRevision | undefined> {
  const current = await tx
    .selectFrom("plans")
    .select(["id", "revision", "document_json"])
    .where("id", "=", planId)
    .$call(forUpdate(tx))
    .executeTakeFirst();
  if (!current) return undefined;
  const revision = current.revision + 1;
  const documentJson = input.document_json !== undefined ? input.document_json : current.document_json;
  await tx
    .updateTable("plans")
    .set({ revision, document_json: documentJson, updated_at: now })
    .where("id", "=", planId)
    .execute();
  const row: PlanRevision = {
    id: newId(),
    plan_id: planId,
    revision,
    changes_json: toJsonText(input.changes),
    document_json: documentJson,
    actor_id: input.actor_id ?? null,
    created_at: now,
  };
  await tx.insertInto("plan_revisions").values(row).execute();
  return row;
}

/** Revisions newest first, without the documents. */
export async function listPlanRevisions(db: Executor, planId: string): Promise<Omit<PlanRevision, "document_json">[]> {
  return db
    .selectFrom("plan_revisions")
    .select(["id", "plan_id", "revision", "changes_json", "actor_id", "created_at"])
    .where("plan_id", "=", planId)
    .orderBy("revision", "desc")
    .execute();
}

export async function getPlanRevision(
  db: Executor,
  planId: string,
  revision: number,
): Promise<PlanRevision | undefined> {
  return db
    .selectFrom("plan_revisions")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("revision", "=", revision)
    .executeTakeFirst();
}
