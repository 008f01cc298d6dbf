/**
 * Derived task status and progress for presentation: each task's status from its timeframe, the latest accepted
 * report items of its units and today's date (core/task-status), plan list columns (next period, % done, overdue)
 * and the cascade roll-up (core/rollup). A fixed number of queries whatever the number of tasks.
 */
import { isoDateAt } from "../../core/dates.js";
import type { TimeframeKind } from "../../core/plan-v1.js";
import { nextDuePeriod } from "../../core/reporting-calendar.js";
import { rollUp, roundPercent } from "../../core/rollup.js";
import {
  completionRate,
  countStatuses,
  evaluateTask,
  type TaskEvaluation,
  type TaskReportFact,
} from "../../core/task-status.js";
import type { Executor } from "../../store/db.js";
import { listTaskStatsForPlans, listUpcomingPeriodsForPlans } from "../../store/repos/plan-stats.js";
import { getTasksWithAssignments, listChildTasks, listPlans } from "../../store/repos/plans.js";
import { latestItemsForTasks } from "../../store/repos/reports.js";
import type { Plan, Task } from "../../store/schema.js";
import { parseJsonText } from "../../store/sql/json.js";
import type { PeriodSummaryDto, RollupTaskDto } from "../api-types.js";

export type TaskForStatus = Pick<
  Task,
  "id" | "plan_id" | "tf_kind" | "tf_start" | "tf_end" | "tf_deadlines" | "paused_at"
>;

export function todayIso(now: Date = new Date()): string {
  return isoDateAt(now);
}

/**
 * Each task's evaluation. `leadUnits` (task id → lead unit ids) makes the leads' reports speak for the task when
 * they exist; otherwise every unit's latest accepted item counts.
 */
export async function evaluateTasks(
  db: Executor,
  tasks: readonly TaskForStatus[],
  planPeriods: ReadonlyMap<string, { start: string | null; end: string | null }>,
  today: string,
  leadUnits?: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<Map<string, TaskEvaluation>> {
  const items = await latestItemsForTasks(
    db,
    tasks.map((t) => t.id),
  );
  const facts = new Map<string, { lead: TaskReportFact[]; all: TaskReportFact[] }>();
  for (const it of items) {
    const f: TaskReportFact = {
      periodEnd: it.period_end,
      acceptedAt: it.updated_at,
      status: it.status,
      percent: it.percent,
      completedOn: it.completed_on,
    };
    let e = facts.get(it.task_id);
    if (!e) {
      e = { lead: [], all: [] };
      facts.set(it.task_id, e);
    }
    e.all.push(f);
    if (leadUnits?.get(it.task_id)?.has(it.unit_id)) e.lead.push(f);
  }
  const out = new Map<string, TaskEvaluation>();
  for (const t of tasks) {
    const f = facts.get(t.id);
    const reports = f ? (f.lead.length ? f.lead : f.all) : [];
    out.set(
      t.id,
      evaluateTask({
        timeframe: {
          kind: t.tf_kind as TimeframeKind,
          start: t.tf_start,
          end: t.tf_end,
          deadlines: parseJsonText<string[]>(t.tf_deadlines, []),
        },
        planPeriod: planPeriods.get(t.plan_id) ?? null,
        reports,
        today,
        pausedAt: t.paused_at,
        acceptedOnly: false,
      }),
    );
  }
  return out;
}

export interface PlanListStats {
  taskCount: number;
  nextPeriod: PeriodSummaryDto | null;
  percentDone: number | null;
  overdueCount: number;
}

/** List columns for a page of plans: four queries in all. */
export async function planListStats(
  db: Executor,
  plans: readonly Pick<Plan, "id" | "period_start" | "period_end">[],
  today: string,
): Promise<Map<string, PlanListStats>> {
  const ids = plans.map((p) => p.id);
  const [tasks, periods] = await Promise.all([
    listTaskStatsForPlans(db, ids),
    listUpcomingPeriodsForPlans(db, ids, today),
  ]);
  const periodsOf = new Map(plans.map((p) => [p.id, { start: p.period_start, end: p.period_end }]));
  const evals = await evaluateTasks(db, tasks, periodsOf, today);
  const out = new Map<string, PlanListStats>();
  for (const id of ids) {
    const own = tasks.filter((t) => t.plan_id === id);
    const counts = countStatuses(own.map((t) => evals.get(t.id)!.status));
    const next = nextDuePeriod(
      periods.filter((p) => p.plan_id === id).map((p) => ({ ...p, due: p.due_date })),
      today,
    );
    out.set(id, {
      taskCount: own.length,
      nextPeriod: next ? { id: next.id, label: next.label, dueDate: next.due_date } : null,
      percentDone: completionRate(counts),
      overdueCount: counts.qua_han_chua_hoan_thanh,
    });
  }
  return out;
}

/**
 * The roll-up of a plan's tasks from the tasks of other plans that implement them (several levels down), with each
 * child's weight, share and percent.
 */
export async function planRollup(
  db: Executor,
  planTasks: readonly Task[],
  planPeriod: { start: string | null; end: string | null },
  today: string,
): Promise<RollupTaskDto[]> {
  // Walk down the cascade level by level (one query per level), guarding against cycles.
  const all = new Map<string, Task>(planTasks.map((t) => [t.id, t]));
  let frontier = planTasks.map((t) => t.id);
  for (let depth = 0; depth < 8 && frontier.length; depth++) {
    const kids = (await listChildTasks(db, frontier)).filter((k) => !all.has(k.id));
    for (const k of kids) all.set(k.id, k);
    frontier = kids.map((k) => k.id);
  }
  const tasks = [...all.values()];
  const planIds = [...new Set(tasks.map((t) => t.plan_id))];
  const plans =
    planIds.length > 1 ? await listPlans(db, { ids: planIds, includeStubs: true, limit: planIds.length }) : [];
  const periods = new Map<string, { start: string | null; end: string | null }>(
    plans.map((p) => [p.id, { start: p.period_start, end: p.period_end }]),
  );
  for (const t of planTasks) periods.set(t.plan_id, planPeriod);
  const numbers = new Map(plans.map((p) => [p.id, p.number]));
  const { assignments } = await getTasksWithAssignments(
    db,
    tasks.map((t) => t.id),
  );
  const leads = new Map<string, Set<string>>();
  for (const a of assignments) {
    if (a.role !== "lead" || !a.unit_id) continue;
    const s = leads.get(a.task_id) ?? new Set<string>();
    s.add(a.unit_id);
    leads.set(a.task_id, s);
  }
  const evals = await evaluateTasks(db, tasks, periods, today, leads);
  const rolled = rollUp(
    tasks.map((t) => ({
      id: t.id,
      parentId: all.has(t.parent_task_id ?? "") ? t.parent_task_id : null,
      weight: t.parent_weight,
      percent: evals.get(t.id)?.percent ?? null,
    })),
  );
  return planTasks.map((t) => ({
    taskId: t.id,
    ref: t.ref,
    title: t.title,
    ownPercent: roundPercent(evals.get(t.id)?.percent ?? null),
    percent: roundPercent(rolled.percent[t.id] ?? null),
    children: (rolled.children[t.id] ?? []).map((cid) => {
      const c = all.get(cid)!;
      return {
        taskId: c.id,
        planId: c.plan_id,
        planNumber: numbers.get(c.plan_id) ?? null,
        ref: c.ref,
        title: c.title,
        weight: c.parent_weight,
        share: Math.round((rolled.share[cid] ?? 0) * 1000) / 1000,
        percent: roundPercent(rolled.percent[cid] ?? null),
      };
    }),
  }));
}
