/**
 * SQL behind the directory administration: tree checks (cycles), what a unit still has open (tasks of published plans
 * not completed, unsent reports), the groups a unit belongs to, and the set-based moves a merge or split makes.
 *
 * "Open" assignment: the task's plan is published and the assigned unit has no accepted report saying the task is
 * done (`report_items.status = 'done'` in an accepted report of that unit). Completed work stays with the unit that
 * did it, so the history of a merged commune keeps its finished tasks.
 */
import { type ExpressionBuilder, type Insertable, type Selectable, sql, type Transaction } from "kysely";
import type { Executor } from "../db.js";
import { newId } from "../ids.js";
import type {
  DB,
  ProgressReportsTable,
  ReportStatus,
  Role,
  SuccessionKind,
  TaskAssignmentsTable,
  Unit,
  UnitKind,
} from "../schema.js";
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
  input: { fromUnitIds: readonly string[]; toUnitId: string; taskIds?: readonly string[]; dryRun?: boolean },
): Promise<{ moved: MovedAssignment[]; dropped: string[]; droppedTaskIds: string[] }> {
  const from = [...new Set(input.fromUnitIds)];
  if (from.length === 0 || input.taskIds?.length === 0) return { moved: [], dropped: [], droppedTaskIds: [] };
  const taskChunks: (string[] | null)[] = input.taskIds ? chunked([...new Set(input.taskIds)]) : [null];

  const candidates: AssignmentRow[] = [];
  for (const tasks of taskChunks) {
    let q = tx
      .selectFrom("task_assignments")
      .select(["id", "task_id", "unit_id", "role"])
      .where("unit_id", "in", from)
      .where(openAssignment);
    if (tasks) q = q.where("task_id", "in", tasks);
    candidates.push(
      ...(await q
        .orderBy("id")
        .$call(input.dryRun ? (x) => x : forUpdate(tx))
        .execute()),
    );
  }
  if (candidates.length === 0) return { moved: [], dropped: [], droppedTaskIds: [] };

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
  const droppedTaskIds: string[] = [];
  const moved: MovedAssignment[] = [];
  for (const c of candidates) {
    const key = `${c.task_id}\u0000${c.role}`;
    if (held.has(key)) {
      dropped.push(c.id);
      droppedTaskIds.push(c.task_id);
    } else {
      held.add(key);
      moved.push({ id: c.id, taskId: c.task_id, fromUnitId: c.unit_id as string, toUnitId: input.toUnitId });
    }
  }
  if (input.dryRun) return { moved, dropped, droppedTaskIds };
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
  return { moved, dropped, droppedTaskIds };
}

export interface MovedReport {
  id: string;
  periodId: string;
  fromUnitId: string;
  toUnitId: string;
}

/**
 * Moves the unsent reports (draft/returned) of `fromUnitIds` to `toUnitId` with one UPDATE per chunk of ids. A unit
 * has one report per period, so a report is moved only when the receiving unit has none for its period (and, among
 * several predecessors' reports for the same period, only the first by id); the others stay where they are and are
 * returned as kept. With `dryRun` nothing is written: the result says what would move.
 */
export async function moveUnsentReports(
  tx: Transaction<DB>,
  input: { fromUnitIds: readonly string[]; toUnitId: string; now: string; dryRun?: boolean },
): Promise<{ moved: MovedReport[]; kept: KeptReport[] }> {
  const from = [...new Set(input.fromUnitIds)];
  if (from.length === 0) return { moved: [], kept: [] };
  const candidates = await tx
    .selectFrom("progress_reports")
    .select(["id", "period_id", "unit_id"])
    .where("unit_id", "in", from)
    .where("status", "in", [...UNSENT_REPORT_STATUSES])
    .orderBy("id")
    .$call(input.dryRun ? (x) => x : forUpdate(tx))
    .execute();
  if (candidates.length === 0) return { moved: [], kept: [] };
  const taken = new Set<string>();
  for (const part of chunked([...new Set(candidates.map((c) => c.period_id))])) {
    const rows = await tx
      .selectFrom("progress_reports")
      .select("period_id")
      .where("unit_id", "=", input.toUnitId)
      .where("period_id", "in", part)
      .execute();
    for (const r of rows) taken.add(r.period_id);
  }
  const moved: MovedReport[] = [];
  const kept: KeptReport[] = [];
  for (const c of candidates) {
    if (taken.has(c.period_id)) kept.push({ id: c.id, periodId: c.period_id, unitId: c.unit_id });
    else {
      taken.add(c.period_id);
      moved.push({ id: c.id, periodId: c.period_id, fromUnitId: c.unit_id, toUnitId: input.toUnitId });
    }
  }
  if (!input.dryRun) {
    for (const part of chunked(moved.map((m) => m.id))) {
      await tx
        .updateTable("progress_reports")
        .set({ unit_id: input.toUnitId, updated_at: input.now })
        .where("id", "in", part)
        .execute();
    }
  }
  return { moved, kept };
}

export interface KeptReport {
  id: string;
  periodId: string;
  unitId: string;
}

export interface CreatedReport {
  id: string;
  periodId: string;
  unitId: string;
  /** The report whose items it received. */
  fromReportId: string;
}

export interface MovedReportItem {
  id: string;
  taskId: string;
  fromReportId: string;
  toReportId: string;
  toUnitId: string;
}

/**
 * Shares the unsent reports (draft/returned) of a unit being split among the units taking its tasks over. Each item
 * goes with its task: to `unitOfTask(taskId)` when that names a unit, else to `defaultUnitId`. The report itself
 * (with its own text: summary, difficulties, proposals) goes to the default unit with the items left in it; every
 * other receiving unit gets its own report for the period (created with the report's status and review, or its
 * existing report when it has one) and the items move there by id, so their text and evidence files follow. Nothing
 * is copied or deleted. A report the default unit cannot take (it already has one for the period) stays with the old
 * unit and is returned as kept; so do items a receiving report already has for the same task.
 */
export async function splitUnsentReports(
  tx: Transaction<DB>,
  input: {
    unitId: string;
    defaultUnitId: string;
    unitOfTask: ReadonlyMap<string, string>;
    now: string;
    by: string | null;
  },
): Promise<{ moved: MovedReport[]; kept: KeptReport[]; created: CreatedReport[]; items: MovedReportItem[] }> {
  const out = {
    moved: [] as MovedReport[],
    kept: [] as KeptReport[],
    created: [] as CreatedReport[],
    items: [] as MovedReportItem[],
  };
  const reports = await tx
    .selectFrom("progress_reports")
    .selectAll()
    .where("unit_id", "=", input.unitId)
    .where("status", "in", [...UNSENT_REPORT_STATUSES])
    .orderBy("id")
    .$call(forUpdate(tx))
    .execute();
  if (reports.length === 0) return out;
  const items: { id: string; report_id: string; task_id: string }[] = [];
  for (const part of chunked(reports.map((r) => r.id))) {
    items.push(
      ...(await tx
        .selectFrom("report_items")
        .select(["id", "report_id", "task_id"])
        .where("report_id", "in", part)
        .orderBy("id")
        .execute()),
    );
  }
  const receivers = [...new Set([input.defaultUnitId, ...input.unitOfTask.values()])];
  // The receiving units' own reports for these periods (none for freshly created parts).
  const existing = new Map<string, { id: string; taskIds: Set<string> }>();
  const key = (unitId: string, periodId: string) => `${unitId}\u0000${periodId}`;
  for (const part of chunked([...new Set(reports.map((r) => r.period_id))])) {
    const rows = await tx
      .selectFrom("progress_reports")
      .select(["id", "unit_id", "period_id"])
      .where("unit_id", "in", receivers)
      .where("period_id", "in", part)
      .execute();
    for (const r of rows) existing.set(key(r.unit_id, r.period_id), { id: r.id, taskIds: new Set() });
  }
  if (existing.size) {
    const byId = new Map([...existing.values()].map((e) => [e.id, e]));
    for (const part of chunked([...byId.keys()])) {
      const rows = await tx
        .selectFrom("report_items")
        .select(["report_id", "task_id"])
        .where("report_id", "in", part)
        .execute();
      for (const r of rows) byId.get(r.report_id)?.taskIds.add(r.task_id);
    }
  }

  const newReports: Insertable<ProgressReportsTable>[] = [];
  /** Target report id → ids of the items it receives. */
  const itemMoves = new Map<string, string[]>();
  const touched = new Set<string>();
  for (const r of reports) {
    const byUnit = new Map<string, typeof items>();
    for (const it of items) {
      if (it.report_id !== r.id) continue;
      const to = input.unitOfTask.get(it.task_id) ?? input.defaultUnitId;
      byUnit.set(to, [...(byUnit.get(to) ?? []), it]);
    }
    const defaultHas = existing.get(key(input.defaultUnitId, r.period_id));
    if (defaultHas) out.kept.push({ id: r.id, periodId: r.period_id, unitId: r.unit_id });
    else out.moved.push({ id: r.id, periodId: r.period_id, fromUnitId: r.unit_id, toUnitId: input.defaultUnitId });
    for (const [unitId, its] of byUnit) {
      // Items of the default unit stay in the report when the report itself moves.
      if (unitId === input.defaultUnitId && !defaultHas) continue;
      let target = existing.get(key(unitId, r.period_id));
      if (!target) {
        const id = newId();
        newReports.push({
          ...r,
          id,
          unit_id: unitId,
          version: 1,
          summary: null,
          difficulties: null,
          proposals: null,
          created_at: input.now,
          updated_at: input.now,
          updated_by: input.by,
        });
        out.created.push({ id, periodId: r.period_id, unitId, fromReportId: r.id });
        target = { id, taskIds: new Set() };
        existing.set(key(unitId, r.period_id), target);
      }
      for (const it of its) {
        if (target.taskIds.has(it.task_id)) continue;
        target.taskIds.add(it.task_id);
        itemMoves.set(target.id, [...(itemMoves.get(target.id) ?? []), it.id]);
        out.items.push({ id: it.id, taskId: it.task_id, fromReportId: r.id, toReportId: target.id, toUnitId: unitId });
        touched.add(r.id);
      }
    }
  }
  await insertInChunks(tx, "progress_reports", newReports);
  for (const [reportId, ids] of itemMoves) {
    for (const part of chunked(ids)) {
      await tx.updateTable("report_items").set({ report_id: reportId }).where("id", "in", part).execute();
    }
  }
  for (const part of chunked(out.moved.map((m) => m.id))) {
    await tx
      .updateTable("progress_reports")
      .set({ unit_id: input.defaultUnitId, updated_at: input.now })
      .where("id", "in", part)
      .execute();
  }
  // A report that lost items changes under whoever had it open: bump its version so a stale autosave conflicts.
  for (const part of chunked([...touched])) {
    await tx
      .updateTable("progress_reports")
      .set((eb) => ({ version: eb("version", "+", 1), updated_at: input.now }))
      .where("id", "in", part)
      .execute();
  }
  return out;
}

export interface MovedChildUnit {
  id: string;
  name: string;
  fromParentId: string;
  toParentId: string;
}

/**
 * Re-parents the children of `fromUnitIds` (optionally only `unitIds`) that are still in force on `activeOn` under
 * `toUnitId`, in one UPDATE per chunk. Children that ended before stay under their former parent (history), and so do
 * children that are themselves among `fromUnitIds`. The caller checks that this makes no cycle.
 */
export async function moveChildUnits(
  tx: Transaction<DB>,
  input: {
    fromUnitIds: readonly string[];
    toUnitId: string;
    activeOn: string;
    now: string;
    unitIds?: readonly string[];
    dryRun?: boolean;
  },
): Promise<MovedChildUnit[]> {
  const from = [...new Set(input.fromUnitIds)];
  if (from.length === 0 || input.unitIds?.length === 0) return [];
  let q = tx
    .selectFrom("units")
    .select(["id", "name", "parent_id"])
    .where("parent_id", "in", from)
    .where("id", "not in", from)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", input.activeOn)]));
  if (input.unitIds) q = q.where("id", "in", [...new Set(input.unitIds)]);
  const rows = await q.orderBy("id").execute();
  const moved = rows.map((r) => ({
    id: r.id,
    name: r.name,
    fromParentId: r.parent_id as string,
    toParentId: input.toUnitId,
  }));
  if (!input.dryRun) {
    for (const part of chunked(moved.map((m) => m.id))) {
      await tx
        .updateTable("units")
        .set({ parent_id: input.toUnitId, updated_at: input.now })
        .where("id", "in", part)
        .execute();
    }
  }
  return moved;
}

export interface MovedMembership {
  id: string;
  userId: string;
  role: Role;
  fromUnitId: string;
  toUnitId: string;
}

export interface DroppedMembership {
  id: string;
  userId: string;
  role: Role;
  unitId: string;
}

/**
 * Moves the memberships (users' roles) in `fromUnitIds` (optionally only those of `userIds`) to `toUnitId`: one
 * UPDATE per chunk of ids. A role the user already holds in the receiving unit (or that another moved membership
 * already brings) is deleted instead of duplicated.
 */
export async function moveMemberships(
  tx: Transaction<DB>,
  input: { fromUnitIds: readonly string[]; toUnitId: string; userIds?: readonly string[]; dryRun?: boolean },
): Promise<{ moved: MovedMembership[]; dropped: DroppedMembership[] }> {
  const from = [...new Set(input.fromUnitIds)];
  if (from.length === 0 || input.userIds?.length === 0) return { moved: [], dropped: [] };
  let q = tx.selectFrom("memberships").select(["id", "user_id", "unit_id", "role"]).where("unit_id", "in", from);
  if (input.userIds) q = q.where("user_id", "in", [...new Set(input.userIds)]);
  const rows = await q.orderBy("id").execute();
  if (rows.length === 0) return { moved: [], dropped: [] };
  const held = new Set<string>();
  for (const part of chunked([...new Set(rows.map((r) => r.user_id))])) {
    const existing = await tx
      .selectFrom("memberships")
      .select(["user_id", "role"])
      .where("unit_id", "=", input.toUnitId)
      .where("user_id", "in", part)
      .execute();
    for (const m of existing) held.add(`${m.user_id}\u0000${m.role}`);
  }
  const moved: MovedMembership[] = [];
  const dropped: DroppedMembership[] = [];
  for (const r of rows) {
    const k = `${r.user_id}\u0000${r.role}`;
    if (held.has(k)) dropped.push({ id: r.id, userId: r.user_id, role: r.role, unitId: r.unit_id });
    else {
      held.add(k);
      moved.push({ id: r.id, userId: r.user_id, role: r.role, fromUnitId: r.unit_id, toUnitId: input.toUnitId });
    }
  }
  if (!input.dryRun) {
    for (const part of chunked(dropped.map((d) => d.id))) {
      await tx.deleteFrom("memberships").where("id", "in", part).execute();
    }
    for (const part of chunked(moved.map((m) => m.id))) {
      await tx.updateTable("memberships").set({ unit_id: input.toUnitId }).where("id", "in", part).execute();
    }
  }
  return { moved, dropped };
}

export interface GroupReplacement {
  id: string;
  name: string;
  removedUnitIds: string[];
  addedUnitIds: string[];
}

/**
 * In every explicit/chosen group listing one of `fromUnitIds`, replaces them by `toUnitIds` (those the group does not
 * list yet): one INSERT and one DELETE per chunk. Rule-based groups are evaluated against the tree and need nothing.
 */
export async function replaceInGroups(
  tx: Transaction<DB>,
  input: { fromUnitIds: readonly string[]; toUnitIds: readonly string[]; dryRun?: boolean },
): Promise<GroupReplacement[]> {
  const from = [...new Set(input.fromUnitIds)];
  const to = [...new Set(input.toUnitIds)];
  if (from.length === 0) return [];
  const rows = await tx
    .selectFrom("unit_group_members as m")
    .innerJoin("unit_groups as g", "g.id", "m.group_id")
    .select(["m.group_id", "m.unit_id", "g.name"])
    .where("m.unit_id", "in", from)
    .where("g.rule", "in", ["explicit", "chosen"])
    .orderBy("m.group_id")
    .orderBy("m.unit_id")
    .execute();
  if (rows.length === 0) return [];
  const groups = new Map<string, GroupReplacement>();
  for (const r of rows) {
    const g = groups.get(r.group_id) ?? { id: r.group_id, name: r.name, removedUnitIds: [], addedUnitIds: [] };
    g.removedUnitIds.push(r.unit_id);
    groups.set(r.group_id, g);
  }
  const listed = new Set<string>();
  if (to.length) {
    for (const part of chunked([...groups.keys()])) {
      const have = await tx
        .selectFrom("unit_group_members")
        .select(["group_id", "unit_id"])
        .where("group_id", "in", part)
        .where("unit_id", "in", to)
        .execute();
      for (const h of have) listed.add(`${h.group_id}\u0000${h.unit_id}`);
    }
  }
  for (const g of groups.values()) g.addedUnitIds = to.filter((u) => !listed.has(`${g.id}\u0000${u}`));
  if (!input.dryRun) {
    const inserts = [...groups.values()].flatMap((g) => g.addedUnitIds.map((unit_id) => ({ group_id: g.id, unit_id })));
    await insertInChunks(tx, "unit_group_members", inserts);
    for (const part of chunked([...groups.keys()])) {
      await tx.deleteFrom("unit_group_members").where("group_id", "in", part).where("unit_id", "in", from).execute();
    }
  }
  return [...groups.values()];
}

/** Sets `valid_to` on the given units (they cease on that date). */
export async function endUnits(tx: Transaction<DB>, ids: readonly string[], validTo: string, now: string) {
  for (const part of chunked([...new Set(ids)])) {
    if (part.length) {
      await tx.updateTable("units").set({ valid_to: validTo, updated_at: now }).where("id", "in", part).execute();
    }
  }
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

/** Distinct ids of the users holding a role in a unit. */
export async function memberUserIdsOf(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db.selectFrom("memberships").select("user_id").distinct().where("unit_id", "=", unitId).execute();
  return rows.map((r) => r.user_id);
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
