/**
 * Dashboards of a plan from a fixed number of queries, whatever its size: the plan graph (getPlanWithTasks), every
 * report's state, every accepted item, the assigned units. Task status comes from core `evaluateTask` (timeframe,
 * latest ACCEPTED items, today), reporting rates from core `reportingGrid`; everything else is in-memory grouping.
 */
import {
  compareDates,
  completionRate,
  countStatuses,
  daysBetween,
  evaluateTask,
  isCompleted,
  isoDateAt,
  type RateUnit,
  type ReportCellState,
  type ReportingGrid,
  reportingGrid,
  type StatusCounts,
  TASK_STATUS_LABEL,
  TASK_STATUSES,
  type TaskEvaluation,
  type TaskReportFact,
  type TaskStatus,
  type Timeframe,
} from "../../core/index.js";
import type { Executor } from "../../store/db.js";
import {
  getPlanCore,
  listAcceptedFactsForPlan,
  listReportStatesForPlan,
  type PlanCore,
  type ReportStateRow,
  type TaskFactRow,
} from "../../store/repos/overview.js";
import { getUnits } from "../../store/repos/units.js";
import type { ReportingPeriod, Task, Unit } from "../../store/schema.js";
import { parseJsonText } from "../../store/sql/json.js";
import type {
  GridCellDto,
  GroupProgressDto,
  OverdueTaskDto,
  PlanOverviewDto,
  StatusCountDto,
  TrendPointDto,
} from "../api-types.js";
import { AppError } from "../errors.js";
import { presentRate } from "../presenters/report.js";

export const CELL_LABEL: Readonly<Record<ReportCellState, string>> = {
  on_time: "Nộp đúng hạn",
  late: "Nộp muộn",
  missing: "Chưa nộp",
  open: "Chưa đến hạn",
  returned: "Trả lại",
  not_expected: "Không yêu cầu",
};

export interface PlanFacts {
  graph: PlanCore;
  reports: ReportStateRow[];
  /** Items of accepted reports, every period (without texts). */
  acceptedItems: TaskFactRow[];
  /** Assigned units (resolved), by name. */
  units: Unit[];
  /** Task id → unit ids leading it. */
  leadsOf: Map<string, Set<string>>;
  periodById: Map<string, ReportingPeriod>;
  /** Parsed timeframes by task, filled on first use. */
  timeframes?: Map<string, Pick<Timeframe, "kind" | "start" | "end" | "deadlines">>;
}

/** Everything the dashboards need, in 9 queries whatever the plan's size. */
export async function loadPlanFacts(db: Executor, planId: string): Promise<PlanFacts> {
  const [graph, reports, acceptedItems] = await Promise.all([
    getPlanCore(db, planId),
    listReportStatesForPlan(db, planId),
    listAcceptedFactsForPlan(db, planId),
  ]);
  if (!graph) throw new AppError("NOT_FOUND", "Không tìm thấy kế hoạch.");
  const unitIds = [...new Set(graph.assignments.map((a) => a.unit_id).filter((id): id is string => !!id))];
  const units = (await getUnits(db, unitIds)).sort(
    (a, b) => a.name.localeCompare(b.name, "vi") || a.id.localeCompare(b.id),
  );
  const leadsOf = new Map<string, Set<string>>();
  for (const a of graph.assignments) {
    if (a.role !== "lead" || !a.unit_id) continue;
    const set = leadsOf.get(a.task_id) ?? new Set<string>();
    set.add(a.unit_id);
    leadsOf.set(a.task_id, set);
  }
  return { graph, reports, acceptedItems, units, leadsOf, periodById: new Map(graph.periods.map((p) => [p.id, p])) };
}

export function timeframeOf(t: Task): Pick<Timeframe, "kind" | "start" | "end" | "deadlines"> {
  return {
    kind: t.tf_kind as Timeframe["kind"],
    start: t.tf_start,
    end: t.tf_end,
    deadlines: parseJsonText<string[]>(t.tf_deadlines, []),
  };
}

export type TaskFact = TaskReportFact & { unitId: string };

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const acceptedDate = (at: string | null): string | null => {
  if (!at) return null;
  try {
    return isoDateAt(at);
  } catch {
    return null;
  }
};

/**
 * The facts that speak for each task: items of its lead units (all units' items when it has no resolved lead),
 * oldest first (period end, then acceptance date), acceptance already turned into a Vietnam date.
 */
export function factsByTask(facts: PlanFacts): Map<string, TaskFact[]> {
  const out = new Map<string, TaskFact[]>();
  const all = new Map<string, TaskFact[]>();
  // Items of one report share its acceptance time: convert each distinct timestamp once.
  const dates = new Map<string | null, string | null>();
  for (const row of facts.acceptedItems) {
    let acceptedAt = dates.get(row.reviewed_at);
    if (acceptedAt === undefined) {
      acceptedAt = acceptedDate(row.reviewed_at);
      dates.set(row.reviewed_at, acceptedAt);
    }
    const fact: TaskFact = {
      unitId: row.unit_id,
      periodEnd: row.period_end,
      acceptedAt,
      status: row.status,
      percent: row.percent,
      completedOn: row.completed_on,
    };
    const list = all.get(row.task_id);
    if (list) list.push(fact);
    else all.set(row.task_id, [fact]);
  }
  for (const [taskId, list] of all) {
    const leads = facts.leadsOf.get(taskId);
    const fromLeads = leads ? list.filter((f) => leads.has(f.unitId)) : [];
    const chosen = fromLeads.length ? fromLeads : list;
    // ISO dates order as plain strings (no locale collation needed).
    chosen.sort((a, b) => cmp(a.periodEnd, b.periodEnd) || cmp(a.acceptedAt ?? "", b.acceptedAt ?? ""));
    out.set(taskId, chosen);
  }
  return out;
}

export interface EvaluateOptions {
  /** The day to evaluate on. */
  asOf: string;
  /** Only reports of periods ending on or before this date count (a snapshot at a period). */
  periodEndUpTo?: string | null;
}

/**
 * The facts evaluateTask needs from a sorted list: the latest counted one, and one with progress (percent > 0) if
 * any — "latest" and "any progress" are all the rules read, so one or two facts give the same status as all of them
 * (and keep a 36-period trend of a thousand tasks cheap).
 */
function decisiveFacts(sorted: readonly TaskFact[], opts: EvaluateOptions): TaskFact[] {
  const upTo = opts.periodEndUpTo ?? null;
  let latest: TaskFact | undefined;
  let progress: TaskFact | undefined;
  for (const f of sorted) {
    if (upTo !== null && f.periodEnd > upTo) break;
    // Without a snapshot, only what was accepted by the day of evaluation counts.
    if (upTo === null && (f.acceptedAt === null || f.acceptedAt > opts.asOf)) continue;
    latest = f;
    if (!progress && (f.percent ?? 0) > 0) progress = f;
  }
  if (!latest) return [];
  return progress && progress !== latest ? [latest, progress] : [latest];
}

/** Status of every task of the plan. */
export function evaluateTasks(
  facts: PlanFacts,
  byTask: Map<string, TaskFact[]>,
  opts: EvaluateOptions,
): Map<string, TaskEvaluation> {
  const plan = facts.graph.plan;
  const planPeriod = { start: plan.period_start, end: plan.period_end };
  const out = new Map<string, TaskEvaluation>();
  facts.timeframes ??= new Map(facts.graph.tasks.map((t) => [t.id, timeframeOf(t)]));
  for (const t of facts.graph.tasks) {
    out.set(
      t.id,
      evaluateTask({
        timeframe: facts.timeframes.get(t.id) ?? timeframeOf(t),
        planPeriod,
        reports: decisiveFacts(byTask.get(t.id) ?? [], opts),
        today: opts.asOf,
        pausedAt: t.paused_at,
        // Already filtered above (a snapshot counts acceptances made after its period too).
        acceptedOnly: false,
      }),
    );
  }
  return out;
}

export function rateUnits(units: readonly Unit[]): RateUnit[] {
  return units.map((u) => ({ unitId: u.id, validFrom: u.valid_from, validTo: u.valid_to }));
}

export function planGrid(facts: PlanFacts, asOf: string | null): ReportingGrid {
  return reportingGrid(
    rateUnits(facts.units),
    facts.graph.periods.map((p) => ({ periodId: p.id, start: p.start_date, end: p.end_date, due: p.due_date })),
    facts.reports.map((r) => ({
      unitId: r.unit_id,
      periodId: r.period_id,
      status: r.status,
      submittedAt: r.submitted_at,
    })),
    { asOf },
  );
}

export function statusCounts(counts: StatusCounts): StatusCountDto[] {
  return TASK_STATUSES.map((s) => ({ status: s, label: TASK_STATUS_LABEL[s], count: counts[s] }));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function todayOf(now: Date): string {
  return isoDateAt(now);
}

/** GET /plans/:id/overview. */
export function buildOverview(facts: PlanFacts, opts: { now: Date; periodId?: string | null }): PlanOverviewDto {
  const today = todayOf(opts.now);
  const { graph } = facts;
  let period: ReportingPeriod | null = null;
  if (opts.periodId) {
    period = facts.periodById.get(opts.periodId) ?? null;
    if (!period) throw new AppError("NOT_FOUND", "Không tìm thấy kỳ báo cáo của kế hoạch.");
  }
  // A period's view is a snapshot at its end (or today, for a period still running).
  const asOf = period && compareDates(period.end_date, today) < 0 ? period.end_date : today;
  const byTask = factsByTask(facts);
  const evals = evaluateTasks(facts, byTask, { asOf, periodEndUpTo: period ? period.end_date : null });

  const counts = countStatuses([...evals.values()].map((e) => e.status));
  const overdue: OverdueTaskDto[] = [];
  const unitName = new Map(facts.units.map((u) => [u.id, u.name]));
  const groupRef = new Map(graph.groups.map((g) => [g.id, g.ref]));
  for (const t of graph.tasks) {
    const e = evals.get(t.id)!;
    if (e.status !== "qua_han_chua_hoan_thanh") continue;
    overdue.push({
      taskId: t.id,
      ref: t.ref,
      title: t.title,
      groupRef: t.group_id ? (groupRef.get(t.group_id) ?? null) : null,
      dueDate: e.due,
      daysOverdue: e.due ? daysBetween(e.due, asOf) : 0,
      percent: e.percent,
      leadUnits: [...(facts.leadsOf.get(t.id) ?? [])].map((id) => ({ id, name: unitName.get(id) ?? "" })),
    });
  }
  overdue.sort(
    (a, b) => b.daysOverdue - a.daysOverdue || (a.ref ?? "").localeCompare(b.ref ?? "", "vi", { numeric: true }),
  );

  const grid = planGrid(facts, today);
  const cells: GridCellDto[] = grid.cells.map((c) => ({
    unitId: c.unitId,
    periodId: c.periodId,
    state: c.state,
    label: CELL_LABEL[c.state],
    reportStatus: c.status,
    submittedOn: c.submittedOn,
  }));

  const groups: GroupProgressDto[] = [];
  const byGroup = new Map<string | null, Task[]>();
  for (const t of graph.tasks) {
    const list = byGroup.get(t.group_id) ?? [];
    list.push(t);
    byGroup.set(t.group_id, list);
  }
  const orderedGroups: { id: string | null; ref: string | null; title: string | null }[] = [
    ...graph.groups.map((g) => ({ id: g.id, ref: g.ref, title: g.title })),
    ...(byGroup.has(null) ? [{ id: null, ref: null, title: null }] : []),
  ];
  for (const g of orderedGroups) {
    const tasks = byGroup.get(g.id) ?? [];
    if (!tasks.length) continue;
    let completed = 0;
    let late = 0;
    let sum = 0;
    for (const t of tasks) {
      const e = evals.get(t.id)!;
      if (isCompleted(e.status)) completed++;
      if (e.status === "qua_han_chua_hoan_thanh") late++;
      sum += e.percent ?? 0;
    }
    groups.push({
      groupId: g.id,
      ref: g.ref,
      title: g.title,
      taskCount: tasks.length,
      completed,
      overdue: late,
      percent: round1(sum / tasks.length),
    });
  }

  // Trend: the status counts at the end of each regular period that has started.
  const regular = graph.periods.filter((p) => p.kind === "regular");
  const trendPeriods = (regular.length ? regular : graph.periods)
    .filter((p) => compareDates(p.start_date, asOf) <= 0)
    .sort((a, b) => compareDates(a.end_date, b.end_date) || a.id.localeCompare(b.id));
  const trend: TrendPointDto[] = trendPeriods.map((p) => {
    const at = compareDates(p.end_date, today) < 0 ? p.end_date : today;
    const e = evaluateTasks(facts, byTask, { asOf: at, periodEndUpTo: p.end_date });
    const c = countStatuses([...e.values()].map((x) => x.status));
    return {
      periodId: p.id,
      label: p.label,
      endDate: p.end_date,
      counts: statusCounts(c),
      completionRate: completionRate(c),
      reportingRate: grid.byPeriod[p.id]?.rate ?? null,
    };
  });

  return {
    planId: graph.plan.id,
    asOf,
    period: period ? { id: period.id, label: period.label, dueDate: period.due_date } : null,
    totalTasks: counts.total,
    counts: statusCounts(counts),
    completionRate: completionRate(counts),
    dueSoon: [...evals.values()].filter((e) => e.dueSoon).length,
    overdue,
    grid: {
      units: facts.units.map((u) => ({ id: u.id, name: u.name, rate: presentRate(grid.byUnit[u.id]!) })),
      periods: graph.periods.map((p) => ({
        id: p.id,
        label: p.label,
        dueDate: p.due_date,
        rate: presentRate(grid.byPeriod[p.id]!),
      })),
      cells,
      total: presentRate(grid.total),
    },
    groups,
    trend,
  };
}

export type { TaskStatus };
