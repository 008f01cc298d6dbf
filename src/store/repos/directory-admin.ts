/**
 * SQL behind the directory administration: tree checks (cycles), what a unit still has open (tasks of published plans
 * not completed, unsent reports), the groups a unit belongs to, and the set-based moves a merge or split makes.
 *
 * "Open" assignment: the task's plan is published and the assigned unit has no accepted report saying the task is
 * done (`report_items.status = 'done'` in an accepted report of that unit). Completed work stays with the unit that
 * did it, so the history of a merged commune keeps its finished tasks.
 */
import { type ExpressionBuilder, type Selectable, sql, type Transaction } from "kysely";
import type { Executor } from "../db.js";
import { newId } from "../ids.js";
import type { DB, ReportStatus, SuccessionKind, TaskAssignmentsTable, Unit, UnitKind } from "../schema.js";
import { forUpdate } from "../sql/dialect.js";
import { chunked, insertInChunks } from "../sql/insert.js";
import { RULE_KINDS, type UnitGroup } from "./unit-groups.js";
import { getUnits, listAncestorUnits, listUnitSuccessions, type UnitSuccession } from "./units.js";

export const UNSENT_REPORT_STATUSES: readonly ReportStatus[] = ["draft", "returned"];
export const PENDING_REPORT_STATUSES: readonly ReportStatus[] = ["submitted", "approved"];

/** The assignment (row of `task_assignments` in scope) is open: published plan, not reported done by its unit. */
export function openAssignment(eb: ExpressionBuilder<DB, "task_assignments">) {
  return eb.and([
    eb.exists(
      eb
        .selectFrom("plans")
        .select("plans.id")
        .whereRef("plans.id", "=", "task_assignments.plan_id")
        .where("plans.status", "=", "published"),
    ),
    eb.not(
      eb.exists(
        eb
          .selectFrom("report_items as di")
          .innerJoin("progress_reports as dr", "dr.id", "di.report_id")
          .select("di.id")
          .whereRef("di.task_id", "=", "task_assignments.task_id")
          .whereRef("dr.unit_id", "=", "task_assignments.unit_id")
          .where("dr.status", "=", "accepted")
          .where("di.status", "=", "done"),
      ),
    ),
  ]);
}

/** True when `unitId` is `rootId` or lies below it. */
export async function isSelfOrDescendant(db: Executor, rootId: string, unitId: string): Promise<boolean> {
  if (rootId === unitId) return true;
  return (await listAncestorUnits(db, unitId)).some((a) => a.id === rootId);
}

/** Every unit reached by following successions forward from `unitId` (what it became, transitively), without it. */
export async function transitiveSuccessorIds(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db
    .withRecursive("chain(id, depth)", (qb) =>
      qb
        .selectFrom("unit_successions as s")
        .select(["s.successor_id as id", sql<number>`1`.as("depth")])
        .where("s.predecessor_id", "=", unitId)
        .unionAll((qb2) =>
          qb2
            .selectFrom("unit_successions as s")
            .innerJoin("chain", "chain.id", "s.predecessor_id")
            .select(["s.successor_id as id", sql<number>`chain.depth + 1`.as("depth")])
            .where("chain.depth", "<", 32),
        ),
    )
    .selectFrom("chain")
    .select("chain.id")
    .execute();
  return [...new Set(rows.map((r) => r.id))].filter((id) => id !== unitId);
}

export type SuccessionWithUnit = UnitSuccession & { unit: Unit };

/** A unit's predecessors (what it absorbed) and successors (what it became), each with the other unit's row. */
export async function listSuccessionsWithUnits(
  db: Executor,
  unitId: string,
): Promise<{ predecessors: SuccessionWithUnit[]; successors: SuccessionWithUnit[] }> {
  const { predecessors, successors } = await listUnitSuccessions(db, unitId);
  const others = new Map(
    (await getUnits(db, [...predecessors.map((s) => s.predecessor_id), ...successors.map((s) => s.successor_id)])).map(
      (u) => [u.id, u],
    ),
  );
  const withUnit = (s: UnitSuccession, otherId: string): SuccessionWithUnit[] => {
    const unit = others.get(otherId);
    return unit ? [{ ...s, unit }] : [];
  };
  return {
    predecessors: predecessors.flatMap((s) => withUnit(s, s.predecessor_id)),
    successors: successors.flatMap((s) => withUnit(s, s.successor_id)),
  };
}

export interface UnitWorkCounts {
  openTasks: number;
  unsentReports: number;
  pendingReports: number;
}

/** Open tasks (distinct) and reports by state for one unit: three aggregate queries. */
export async function unitWorkCounts(db: Executor, unitId: string): Promise<UnitWorkCounts> {
  const [tasks, reports] = await Promise.all([
    db
      .selectFrom("task_assignments")
      .select((eb) => eb.fn.count<number>("task_assignments.task_id").distinct().as("n"))
      .where("task_assignments.unit_id", "=", unitId)
      .where(openAssignment)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("progress_reports")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("unit_id", "=", unitId)
      .groupBy("status")
      .execute(),
  ]);
  const count = (statuses: readonly ReportStatus[]) =>
    reports.filter((r) => statuses.includes(r.status)).reduce((s, r) => s + Number(r.n), 0);
  return {
    openTasks: Number(tasks.n),
    unsentReports: count(UNSENT_REPORT_STATUSES),
    pendingReports: count(PENDING_REPORT_STATUSES),
  };
}

/**
 * Groups the unit belongs to: explicit/chosen groups listing it, "communes_under" groups owned by an ancestor (when
 * the unit is a commune, ward or town) and "offices_of" groups owned by its parent (when it is an office-like unit).
 */
export async function listGroupsContainingUnit(
  db: Executor,
  unit: Pick<Unit, "id" | "kind" | "parent_id">,
  ancestorIds: readonly string[],
): Promise<UnitGroup[]> {
  const isCommune = RULE_KINDS.communes_under.includes(unit.kind);
  const isOffice = RULE_KINDS.offices_of.includes(unit.kind);
  return db
    .selectFrom("unit_groups")
    .selectAll()
    .where((eb) => {
      const ors = [
        eb.and([
          eb("rule", "in", ["explicit", "chosen"]),
          eb.exists(
            eb
              .selectFrom("unit_group_members as m")
              .select("m.unit_id")
              .whereRef("m.group_id", "=", "unit_groups.id")
              .where("m.unit_id", "=", unit.id),
          ),
        ]),
      ];
      if (isCommune && ancestorIds.length) {
        ors.push(eb.and([eb("rule", "=", "communes_under"), eb("owner_unit_id", "in", [...ancestorIds])]));
      }
      if (isOffice && unit.parent_id) {
        ors.push(eb.and([eb("rule", "=", "offices_of"), eb("owner_unit_id", "=", unit.parent_id)]));
      }
      return eb.or(ors);
    })
    .orderBy("name")
    .execute();
}

export async function listGroupsOwnedBy(db: Executor, unitId: string): Promise<UnitGroup[]> {
  return db.selectFrom("unit_groups").selectAll().where("owner_unit_id", "=", unitId).orderBy("name").execute();
}

// ── moves (merge / split) ──────────────────────────────────────────────────────────────────────────────────────────

type AssignmentRow = Pick<Selectable<TaskAssignmentsTable>, "id" | "task_id" | "unit_id" | "role">;

export interface MovedAssignment {
  id: string;
  taskId: string;
  fromUnitId: string;
  toUnitId: string;
}

/**
 * Moves the open assignments of `fromUnitIds` (optionally only those of `taskIds`) to `toUnitId` with one UPDATE per
 * chunk of the task list (one in all without a task list). An assignment whose task the receiving unit already holds
 * in the same role (or that another moved assignment already brings) is deleted instead of duplicated.
 */
export async function moveOpenAssignments(
  tx: Transaction<DB>,
  input: { fromUnitIds: readonly string[]; toUnitId: string; taskIds?: readonly string[] },
): Promise<{ moved: MovedAssignment[]; dropped: string[] }> {
  const from = [...new Set(input.fromUnitIds)];
  if (from.length === 0 || input.taskIds?.length === 0) return { moved: [], dropped: [] };
  const taskChunks: (string[] | null)[] = input.taskIds ? chunked([...new Set(input.taskIds)]) : [null];

  const candidates: AssignmentRow[] = [];
  for (const tasks of taskChunks) {
    let q = tx
      .selectFrom("task_assignments")
      .select(["id", "task_id", "unit_id", "role"])
      .where("unit_id", "in", from)
      .where(openAssignment);
    if (tasks) q = q.where("task_id", "in", tasks);
    candidates.push(...(await q.orderBy("id").$call(forUpdate(tx)).execute()));
  }
  if (candidates.length === 0) return { moved: [], dropped: [] };

  // What the receiving unit already holds, per (task, role).
  const held = new Set<string>();
  for (const part of chunked([...new Set(candidates.map((c) => c.task_id))])) {
    const rows = await tx
      .selectFrom("task_assignments")
      .select(["task_id", "role"])
      .where("unit_id", "=", input.toUnitId)
      .where("task_id", "in", part)
      .execute();
    for (const r of rows) held.add(`${r.task_id}\u0000${r.role}`);
  }
  const dropped: string[] = [];
  const moved: MovedAssignment[] = [];
  for (const c of candidates) {
    const key = `${c.task_id}\u0000${c.role}`;
    if (held.has(key)) dropped.push(c.id);
    else {
      held.add(key);
      moved.push({ id: c.id, taskId: c.task_id, fromUnitId: c.unit_id as string, toUnitId: input.toUnitId });
    }
  }
  for (const part of chunked(dropped)) await tx.deleteFrom("task_assignments").where("id", "in", part).execute();
  for (const tasks of taskChunks) {
    let q = tx
      .updateTable("task_assignments")
      .set({ unit_id: input.toUnitId })
      .where("unit_id", "in", from)
      .where(openAssignment);
    if (tasks) q = q.where("task_id", "in", tasks);
    await q.execute();
  }
  return { moved, dropped };
}

export interface MovedReport {
  id: string;
  periodId: string;
  fromUnitId: string;
  toUnitId: string;
}

/**
 * Moves the unsent reports (draft/returned) of `fromUnitIds` to `toUnitId` in one UPDATE. A unit has one report per
 * period, so a report is moved only when the receiving unit has none for its period (and, among several
 * predecessors' reports for the same period, only the first); the others stay where they are and are returned as kept.
 */
export async function moveUnsentReports(
  tx: Transaction<DB>,
  input: { fromUnitIds: readonly string[]; toUnitId: string; now: string },
): Promise<{ moved: MovedReport[]; kept: { id: string; periodId: string; unitId: string }[] }> {
  const from = [...new Set(input.fromUnitIds)];
  if (from.length === 0) return { moved: [], kept: [] };
  const statuses = [...UNSENT_REPORT_STATUSES];
  const candidates = await tx
    .selectFrom("progress_reports")
    .select(["id", "period_id", "unit_id"])
    .where("unit_id", "in", from)
    .where("status", "in", statuses)
    .orderBy("id")
    .$call(forUpdate(tx))
    .execute();
  if (candidates.length === 0) return { moved: [], kept: [] };
  await tx
    .updateTable("progress_reports")
    .set({ unit_id: input.toUnitId, updated_at: input.now })
    .where("unit_id", "in", from)
    .where("status", "in", statuses)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("progress_reports as other")
            .select("other.id")
            .whereRef("other.period_id", "=", "progress_reports.period_id")
            .where("other.unit_id", "=", input.toUnitId),
        ),
      ),
    )
    .where((eb) =>
      eb(
        "progress_reports.id",
        "=",
        eb
          .selectFrom("progress_reports as first")
          .select((e) => e.fn.min<string>("first.id").as("id"))
          .whereRef("first.period_id", "=", "progress_reports.period_id")
          .where("first.unit_id", "in", from)
          .where("first.status", "in", statuses),
      ),
    )
    .execute();
  const nowOwned = new Set<string>();
  for (const part of chunked(candidates.map((c) => c.id))) {
    const rows = await tx
      .selectFrom("progress_reports")
      .select("id")
      .where("id", "in", part)
      .where("unit_id", "=", input.toUnitId)
      .execute();
    for (const r of rows) nowOwned.add(r.id);
  }
  const moved: MovedReport[] = [];
  const kept: { id: string; periodId: string; unitId: string }[] = [];
  for (const c of candidates) {
    if (nowOwned.has(c.id))
      moved.push({ id: c.id, periodId: c.period_id, fromUnitId: c.unit_id, toUnitId: input.toUnitId });
    else kept.push({ id: c.id, periodId: c.period_id, unitId: c.unit_id });
  }
  return { moved, kept };
}

/** Sets `valid_to` on the given units (they cease on that date). */
export async function endUnits(tx: Transaction<DB>, ids: readonly string[], validTo: string, now: string) {
  for (const part of chunked([...new Set(ids)])) {
    if (part.length) {
      await tx.updateTable("units").set({ valid_to: validTo, updated_at: now }).where("id", "in", part).execute();
    }
  }
}

/** Adds `toUnitId` to every explicit/chosen group that lists one of `fromUnitIds` and does not list it yet. */
export async function addSuccessorToGroups(tx: Transaction<DB>, fromUnitIds: readonly string[], toUnitId: string) {
  const from = [...new Set(fromUnitIds)];
  if (from.length === 0) return 0;
  const groups = await tx
    .selectFrom("unit_group_members as m")
    .innerJoin("unit_groups as g", "g.id", "m.group_id")
    .select("m.group_id")
    .distinct()
    .where("m.unit_id", "in", from)
    .where("g.rule", "in", ["explicit", "chosen"])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("unit_group_members as x")
            .select("x.unit_id")
            .whereRef("x.group_id", "=", "m.group_id")
            .where("x.unit_id", "=", toUnitId),
        ),
      ),
    )
    .execute();
  if (groups.length) {
    await tx
      .insertInto("unit_group_members")
      .values(groups.map((g) => ({ group_id: g.group_id, unit_id: toUnitId })))
      .execute();
  }
  return groups.length;
}

/** The kinds a unit group's rule selects (re-exported for the presenters). */
export function ruleKinds(rule: "communes_under" | "offices_of"): readonly UnitKind[] {
  return RULE_KINDS[rule];
}

/** Distinct ids of the tasks a unit holds open assignments on. */
export async function openTaskIdsOf(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("task_assignments")
    .select("task_id")
    .distinct()
    .where("unit_id", "=", unitId)
    .where(openAssignment)
    .execute();
  return rows.map((r) => r.task_id);
}

/** Records successions in one INSERT. */
export async function insertSuccessions(
  tx: Transaction<DB>,
  rows: readonly { predecessor_id: string; successor_id: string; kind: SuccessionKind; effective_on: string }[],
  now: string,
): Promise<void> {
  if (rows.length === 0) return;
  await insertInChunks(
    tx,
    "unit_successions",
    rows.map((r) => ({ id: newId(), ...r, created_at: now })),
  );
}

/** Explicit members of several groups in one query: group id → unit ids. */
export async function listMembersOfGroups(db: Executor, groupIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(groupIds.map((id) => [id, []]));
  for (const part of chunked([...new Set(groupIds)])) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom("unit_group_members")
      .select(["group_id", "unit_id"])
      .where("group_id", "in", part)
      .execute();
    for (const r of rows) out.get(r.group_id)?.push(r.unit_id);
  }
  return out;
}

/** Every unit's parent, in one query (the directory import checks the tree it would produce). */
export async function allUnitParents(db: Executor): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom("units").select(["id", "parent_id"]).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}
