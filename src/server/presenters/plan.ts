import type { TaskEvaluation } from "../../core/task-status.js";
import type {
  AssignmentWithUnit,
  PlanListRow,
  PlanRevision,
  PlanWithTasks,
  UnitTaskRow,
} from "../../store/repos/plans.js";
import type { SourceFileMeta } from "../../store/repos/source-files.js";
import type { Plan, Task } from "../../store/schema.js";
import { parseJsonText } from "../../store/sql/json.js";
import type {
  PlanChangeDto,
  PlanDto,
  PlanListItemDto,
  PlanRefDto,
  PlanRevisionDto,
  TaskDto,
  TimeframeDto,
  UnitTaskDto,
} from "../api-types.js";
import { presentPlanRef } from "../services/import-review.js";
import type { PlanListStats } from "../services/plan-progress.js";
import { presentSourceFile } from "./import.js";

export { presentPlanRef };

export function presentPlanListItem(p: PlanListRow | Plan, stats: PlanListStats | undefined): PlanListItemDto {
  return {
    ...presentPlanRef(p),
    issuerUnitId: p.issuer_unit_id,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    publishedAt: p.published_at,
    taskCount: stats?.taskCount ?? 0,
    nextPeriod: stats?.nextPeriod ?? null,
    percentDone: stats?.percentDone ?? null,
    overdueCount: stats?.overdueCount ?? 0,
  };
}

export function presentTimeframe(
  t: Pick<Task, "tf_text" | "tf_kind" | "tf_start" | "tf_end" | "tf_deadlines">,
): TimeframeDto {
  return {
    text: t.tf_text,
    kind: t.tf_kind as TimeframeDto["kind"],
    start: t.tf_start,
    end: t.tf_end,
    deadlines: parseJsonText<string[]>(t.tf_deadlines, []),
  };
}

export function presentTask(t: Task, assignments: readonly AssignmentWithUnit[], ev: TaskEvaluation): TaskDto {
  return {
    id: t.id,
    ref: t.ref,
    groupId: t.group_id,
    title: t.title,
    detail: t.detail,
    product: t.product,
    timeframe: presentTimeframe(t),
    dueDate: t.due_date,
    parentTaskId: t.parent_task_id,
    parentWeight: t.parent_weight,
    pausedAt: t.paused_at,
    status: ev.status,
    statusLabel: ev.label,
    dueSoon: ev.dueSoon,
    percent: ev.percent,
    assignments: assignments.map((a) => ({
      id: a.id,
      unitId: a.unit_id,
      unitName: a.unit_name,
      role: a.role,
      printedName: a.printed_name,
      unitGroupId: a.unit_group_id,
    })),
  };
}

export function presentPlan(
  g: PlanWithTasks,
  opts: {
    stats: PlanListStats | undefined;
    evaluations: ReadonlyMap<string, TaskEvaluation>;
    subordinates: readonly PlanRefDto[];
    superiors: readonly PlanRefDto[];
    source: SourceFileMeta | undefined;
    abilities: PlanDto["abilities"];
  },
): PlanDto {
  const byTask = new Map<string, AssignmentWithUnit[]>();
  for (const a of g.assignments) {
    const list = byTask.get(a.task_id) ?? [];
    list.push(a);
    byTask.set(a.task_id, list);
  }
  const p = g.plan;
  return {
    ...presentPlanListItem(p, opts.stats),
    place: p.place,
    signer: p.signer,
    revision: p.revision,
    sourceFile: opts.source ? presentSourceFile(opts.source) : null,
    superiorPlans: [...opts.superiors],
    subordinatePlans: [...opts.subordinates],
    groups: g.groups.map((x) => ({ id: x.id, ref: x.ref, title: x.title })),
    tasks: g.tasks.map((t) => presentTask(t, byTask.get(t.id) ?? [], opts.evaluations.get(t.id)!)),
    regimes: g.regimes.map((r) => ({
      id: r.id,
      text: r.text,
      frequency: r.frequency,
      day: r.day,
      month: r.month,
      monthInPeriod: r.month_in_period,
      recipient: r.recipient,
    })),
    periods: g.periods.map((r) => ({
      id: r.id,
      regimeId: r.regime_id,
      frequency: r.frequency,
      label: r.label,
      startDate: r.start_date,
      endDate: r.end_date,
      cutoffStart: r.cutoff_start,
      cutoffEnd: r.cutoff_end,
      dueDate: r.due_date,
      kind: r.kind,
      locked: r.locked === 1,
    })),
    targets: g.targets.map((t) => ({
      id: t.id,
      text: t.text,
      metric: t.metric,
      comparator: t.comparator,
      value: t.value,
      unit: t.unit,
      ownerUnitId: t.owner_unit_id,
      ownerText: t.owner_text,
    })),
    emulation: g.emulation[0] ? parseJsonText<unknown>(g.emulation[0].data_json, null) : null,
    abilities: opts.abilities,
  };
}

export function presentRevision(r: Omit<PlanRevision, "document_json">): PlanRevisionDto {
  return {
    id: r.id,
    revision: r.revision,
    changes: parseJsonText<PlanChangeDto[]>(r.changes_json, []),
    actorId: r.actor_id,
    createdAt: r.created_at,
  };
}

export function presentUnitTask(row: UnitTaskRow, ev: TaskEvaluation): UnitTaskDto {
  return {
    taskId: row.id,
    planId: row.plan_id,
    planNumber: row.plan_number,
    planTitle: row.plan_title,
    unitId: row.unit_id,
    role: row.role,
    ref: row.ref,
    title: row.title,
    dueDate: row.due_date,
    status: ev.status,
    statusLabel: ev.label,
    dueSoon: ev.dueSoon,
    percent: ev.percent,
  };
}
