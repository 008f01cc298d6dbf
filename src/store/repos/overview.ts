/**
 * Aggregate reads for dashboards, consolidation, history and reminders. Each function is one statement (or one per
 * chunk of a long id list) whatever the size of the plan: the callers compute in memory, never query per row.
 */
import { sql } from "kysely";
import type { Executor } from "../db.js";
import type { ItemStatus, ReportingPeriod, ReportStatus, Role } from "../schema.js";
import { chunked } from "../sql/insert.js";
import { sortPeriods } from "./periods.js";

export interface ReportStateRow {
  id: string;
  plan_id: string;
  unit_id: string;
  period_id: string;
  status: ReportStatus;
  submitted_at: string | null;
  reviewed_at: string | null;
}

/** Every report of a plan (status and dates only): the reporting-rate grid. */
export async function listReportStatesForPlan(db: Executor, planId: string): Promise<ReportStateRow[]> {
  return db
    .selectFrom("progress_reports")
    .select(["id", "plan_id", "unit_id", "period_id", "status", "submitted_at", "reviewed_at"])
    .where("plan_id", "=", planId)
    .execute();
}

/** Reports of the given periods (status and dates only): reminders. */
export async function listReportStatesForPeriods(
  db: Executor,
  periodIds: readonly string[],
): Promise<ReportStateRow[]> {
  const out: ReportStateRow[] = [];
  for (const part of chunked([...new Set(periodIds)])) {
    if (!part.length) continue;
    out.push(
      ...(await db
        .selectFrom("progress_reports")
        .select(["id", "plan_id", "unit_id", "period_id", "status", "submitted_at", "reviewed_at"])
        .where("period_id", "in", part)
        .execute()),
    );
  }
  return out;
}

export interface ReportedItemRow {
  item_id: string;
  report_id: string;
  task_id: string;
  unit_id: string;
  period_id: string;
  period_end: string;
  report_status: ReportStatus;
  reviewed_at: string | null;
  status: ItemStatus;
  percent: number | null;
  result: string | null;
  difficulties: string | null;
  proposals: string | null;
  completed_on: string | null;
  updated_at: string;
}

function reportedItems(db: Executor) {
  return db
    .selectFrom("report_items as i")
    .innerJoin("progress_reports as r", "r.id", "i.report_id")
    .innerJoin("reporting_periods as rp", "rp.id", "r.period_id")
    .select([
      "i.id as item_id",
      "i.report_id",
      "i.task_id",
      "r.unit_id",
      "r.period_id",
      "rp.end_date as period_end",
      "r.status as report_status",
      "r.reviewed_at",
      "i.status",
      "i.percent",
      "i.result",
      "i.difficulties",
      "i.proposals",
      "i.completed_on",
      "i.updated_at",
    ]);
}

/** Items of a plan's reports in `statuses` (default: accepted), every period: task status and trends. One query. */
export async function listReportedItemsForPlan(
  db: Executor,
  planId: string,
  statuses: readonly ReportStatus[] = ["accepted"],
): Promise<ReportedItemRow[]> {
  if (!statuses.length) return [];
  return reportedItems(db)
    .where("r.plan_id", "=", planId)
    .where("r.status", "in", [...statuses])
    .execute() as Promise<ReportedItemRow[]>;
}

/** Items of one period's reports in `statuses`: the consolidated report. One query. */
export async function listReportedItemsForPeriod(
  db: Executor,
  periodId: string,
  statuses: readonly ReportStatus[],
): Promise<ReportedItemRow[]> {
  if (!statuses.length) return [];
  return reportedItems(db)
    .where("r.period_id", "=", periodId)
    .where("r.status", "in", [...statuses])
    .execute() as Promise<ReportedItemRow[]>;
}

export type TaskHistoryRow = ReportedItemRow & {
  period_label: string;
  period_start: string;
  period_due: string;
  unit_name: string;
  submitted_at: string | null;
};

/** Every report item about one task, all units and periods, latest period first. One query. */
export async function listItemsForTask(db: Executor, taskId: string): Promise<TaskHistoryRow[]> {
  return reportedItems(db)
    .innerJoin("units as u", "u.id", "r.unit_id")
    .select([
      "rp.label as period_label",
      "rp.start_date as period_start",
      "rp.due_date as period_due",
      "u.name as unit_name",
      "r.submitted_at",
    ])
    .where("i.task_id", "=", taskId)
    .orderBy("rp.end_date", "desc")
    .orderBy("u.name")
    .execute() as Promise<TaskHistoryRow[]>;
}

export type UnitPlanItemRow = ReportedItemRow;

/** Every item a unit reported in a plan, all periods. One query. */
export async function listItemsForUnitInPlan(db: Executor, planId: string, unitId: string): Promise<ReportedItemRow[]> {
  return reportedItems(db).where("r.plan_id", "=", planId).where("r.unit_id", "=", unitId).execute() as Promise<
    ReportedItemRow[]
  >;
}

/** (plan, unit) pairs of the units assigned tasks in the given plans. */
export async function listAssignedUnitsOfPlans(
  db: Executor,
  planIds: readonly string[],
): Promise<{ plan_id: string; unit_id: string }[]> {
  const out: { plan_id: string; unit_id: string }[] = [];
  for (const part of chunked([...new Set(planIds)])) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom("task_assignments")
      .select(["plan_id", sql<string>`unit_id`.as("unit_id")])
      .distinct()
      .where("plan_id", "in", part)
      .where("unit_id", "is not", null)
      .execute();
    out.push(...rows);
  }
  return out;
}

export interface RecipientRow {
  user_id: string;
  unit_id: string;
  role: Role;
  email: string | null;
  display_name: string;
}

/** Enabled users holding one of `roles` in the given units: who receives a unit's reminders. */
export async function listUnitRecipients(
  db: Executor,
  unitIds: readonly string[],
  roles: readonly Role[] = ["reporter", "leader"],
): Promise<RecipientRow[]> {
  const out: RecipientRow[] = [];
  for (const part of chunked([...new Set(unitIds)])) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.user_id", "m.unit_id", "m.role", "u.email", "u.display_name"])
      .where("m.unit_id", "in", part)
      .where("m.role", "in", [...roles])
      .where("u.disabled", "=", 0)
      .orderBy("m.unit_id")
      .orderBy("m.user_id")
      .execute();
    out.push(...rows);
  }
  return out;
}

export type CalendarPeriodRow = ReportingPeriod & { plan_title: string; plan_number: string | null };

/** Reporting periods of published plans in which any of the units is assigned a task, due on/after `from`. */
export async function listPeriodsForUnits(
  db: Executor,
  unitIds: readonly string[],
  from: string,
): Promise<CalendarPeriodRow[]> {
  const ids = [...new Set(unitIds)];
  if (!ids.length) return [];
  return db
    .selectFrom("reporting_periods as rp")
    .innerJoin("plans as p", "p.id", "rp.plan_id")
    .selectAll("rp")
    .select(["p.title as plan_title", "p.number as plan_number"])
    .where("p.status", "=", "published")
    .where("rp.due_date", ">=", from)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("task_assignments as a")
          .select("a.id")
          .whereRef("a.plan_id", "=", "rp.plan_id")
          .where("a.unit_id", "in", ids),
      ),
    )
    .orderBy("rp.due_date")
    .orderBy("rp.id")
    .execute();
}

export interface UnitTaskInPlanRow {
  id: string;
  ref: string | null;
  title: string;
  group_id: string | null;
  group_ref: string | null;
  group_title: string | null;
  due_date: string | null;
  position: number;
  role: "lead" | "support";
}

/** The tasks of a plan assigned to a unit (lead or support), in document order, with their group. One query. */
export async function listUnitTasksInPlan(db: Executor, planId: string, unitId: string): Promise<UnitTaskInPlanRow[]> {
  const rows = await db
    .selectFrom("task_assignments as a")
    .innerJoin("tasks as t", "t.id", "a.task_id")
    .leftJoin("task_groups as g", "g.id", "t.group_id")
    .select([
      "t.id",
      "t.ref",
      "t.title",
      "t.group_id",
      "g.ref as group_ref",
      "g.title as group_title",
      "t.due_date",
      "t.position",
      "a.role",
    ])
    .where("a.plan_id", "=", planId)
    .where("a.unit_id", "=", unitId)
    .orderBy("t.position")
    .orderBy("t.id")
    .execute();
  // A unit both leading and supporting a task appears once, as lead.
  const byTask = new Map<string, UnitTaskInPlanRow>();
  for (const r of rows) {
    const seen = byTask.get(r.id);
    if (!seen || (seen.role === "support" && r.role === "lead")) byTask.set(r.id, r);
  }
  return [...byTask.values()];
}

export interface TaskFactRow {
  task_id: string;
  unit_id: string;
  period_end: string;
  reviewed_at: string | null;
  status: ItemStatus;
  percent: number | null;
  completed_on: string | null;
}

/** What task status is derived from: the accepted items of a plan, without their texts. One query. */
export async function listAcceptedFactsForPlan(db: Executor, planId: string): Promise<TaskFactRow[]> {
  return db
    .selectFrom("report_items as i")
    .innerJoin("progress_reports as r", "r.id", "i.report_id")
    .innerJoin("reporting_periods as rp", "rp.id", "r.period_id")
    .select([
      "i.task_id",
      "r.unit_id",
      "rp.end_date as period_end",
      "r.reviewed_at",
      "i.status",
      "i.percent",
      "i.completed_on",
    ])
    .where("r.plan_id", "=", planId)
    .where("r.status", "=", "accepted")
    .execute();
}

export type PlanCoreAssignment = {
  task_id: string;
  unit_id: string | null;
  role: "lead" | "support";
  printed_name: string;
  unit_name: string | null;
};

export interface PlanCore {
  plan: Omit<import("../schema.js").Plan, "document_json">;
  groups: import("../repos/plans.js").TaskGroup[];
  tasks: import("../schema.js").Task[];
  assignments: PlanCoreAssignment[];
  periods: ReportingPeriod[];
  regimes: { id: string; recipient: string | null }[];
}

/**
 * A plan's structure for dashboards and consolidation: the plan (without its source document), groups, tasks,
 * assignments, periods, regime recipients. Six queries whatever the size; undefined when the plan does not exist.
 */
export async function getPlanCore(db: Executor, planId: string): Promise<PlanCore | undefined> {
  const [plans, groups, tasks, assignments, periods, regimes] = await Promise.all([
    db
      .selectFrom("plans")
      .select([
        "id",
        "doc_type",
        "number",
        "issuer_unit_id",
        "issuer_name",
        "issued_at",
        "place",
        "title",
        "period_start",
        "period_end",
        "signer",
        "status",
        "revision",
        "source_file_id",
        "source_sha256",
        "is_stub",
        "created_by",
        "created_at",
        "updated_at",
        "published_at",
        "search_key",
      ])
      .where("id", "=", planId)
      .execute(),
    db.selectFrom("task_groups").selectAll().where("plan_id", "=", planId).orderBy("position").execute(),
    db.selectFrom("tasks").selectAll().where("plan_id", "=", planId).orderBy("position").orderBy("id").execute(),
    db
      .selectFrom("task_assignments as a")
      .leftJoin("units as u", "u.id", "a.unit_id")
      .select(["a.task_id", "a.unit_id", "a.role", "a.printed_name", "u.name as unit_name"])
      .where("a.plan_id", "=", planId)
      .orderBy("a.task_id")
      .orderBy("a.position")
      .orderBy("a.role")
      .execute(),
    db
      .selectFrom("reporting_periods")
      .selectAll()
      .where("plan_id", "=", planId)
      .orderBy("due_date")
      .orderBy("start_date")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("reporting_regimes")
      .select(["id", "recipient"])
      .where("plan_id", "=", planId)
      .orderBy("id")
      .execute(),
  ]);
  const plan = plans[0];
  if (!plan) return undefined;
  return { plan, groups, tasks, assignments, periods: sortPeriods(periods), regimes };
}
