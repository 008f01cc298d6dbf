/**
 * Drill-down from the overview: one task across units and periods, one unit across a plan's periods. A fixed number
 * of queries each; reports a reader may not open show only once accepted (accepted results are the plan's record).
 */
import { evaluateTask, reportingGrid, TASK_STATUS_LABEL } from "../../core/index.js";
import type { Executor } from "../../store/db.js";
import { unitPath, unitPaths } from "../../store/repos/memberships.js";
import { listItemsForTask, listItemsForUnitInPlan } from "../../store/repos/overview.js";
import { listPeriodsForPlan } from "../../store/repos/periods.js";
import { getTask, getTasksWithAssignments } from "../../store/repos/plans.js";
import { listReportsForUnit } from "../../store/repos/reports.js";
import { getUnit } from "../../store/repos/units.js";
import type { TaskHistoryDto, UnitHistoryDto } from "../api-types.js";
import type { Actor } from "../context.js";
import { AppError } from "../errors.js";
import { authorize, can } from "../policies/index.js";
import { presentRate } from "../presenters/report.js";
import { CELL_LABEL, rateUnits, timeframeOf, todayOf } from "./plan-overview.js";
import { loadReadablePlan } from "./unit-report.js";

export async function taskHistory(db: Executor, actor: Actor, taskId: string, now: Date): Promise<TaskHistoryDto> {
  const task = await getTask(db, taskId);
  if (!task) throw new AppError("NOT_FOUND", "Không tìm thấy nhiệm vụ.");
  const { plan, target } = await loadReadablePlan(db, actor, task.plan_id);
  const [rows, { assignments }] = await Promise.all([
    listItemsForTask(db, task.id),
    getTasksWithAssignments(db, [task.id]),
  ]);
  // Which units' unaccepted reports this reader may open (the paths of all reporting units in one query).
  const unitIds = [...new Set(rows.filter((r) => r.report_status !== "accepted").map((r) => r.unit_id))];
  const paths = await unitPaths(db, unitIds);
  const readable = new Set<string>();
  for (const id of unitIds) {
    const path = paths.get(id) ?? [];
    if (
      can(actor, "report.read", { id: "", status: "draft", unitPath: path, planIssuerUnitPath: target.issuerUnitPath })
    ) {
      readable.add(id);
    }
  }
  const visible = rows.filter((r) => r.report_status === "accepted" || readable.has(r.unit_id));
  const leads = new Set(assignments.filter((a) => a.role === "lead" && a.unit_id).map((a) => a.unit_id!));
  const accepted = rows.filter((r) => r.report_status === "accepted");
  const fromLeads = accepted.filter((r) => leads.has(r.unit_id));
  const e = evaluateTask({
    timeframe: timeframeOf(task),
    planPeriod: { start: plan.period_start, end: plan.period_end },
    reports: (fromLeads.length ? fromLeads : accepted).map((r) => ({
      periodEnd: r.period_end,
      acceptedAt: r.reviewed_at,
      status: r.status,
      percent: r.percent,
      completedOn: r.completed_on,
    })),
    today: todayOf(now),
    pausedAt: task.paused_at,
  });
  return {
    taskId: task.id,
    planId: plan.id,
    ref: task.ref,
    title: task.title,
    status: e.status,
    statusLabel: TASK_STATUS_LABEL[e.status],
    dueDate: e.due,
    percent: e.percent,
    items: visible.map((r) => ({
      periodId: r.period_id,
      periodLabel: r.period_label,
      periodEnd: r.period_end,
      unitId: r.unit_id,
      unitName: r.unit_name,
      reportStatus: r.report_status,
      status: r.status,
      percent: r.percent,
      result: r.result,
      difficulties: r.difficulties,
      proposals: r.proposals,
      completedOn: r.completed_on,
    })),
  };
}

export async function unitHistory(
  db: Executor,
  actor: Actor,
  planId: string,
  unitId: string,
  now: Date,
): Promise<UnitHistoryDto> {
  const { target } = await loadReadablePlan(db, actor, planId);
  const unit = await getUnit(db, unitId);
  if (!unit) throw new AppError("NOT_FOUND", "Không tìm thấy đơn vị.");
  const path = await unitPath(db, unit.id);
  authorize(actor, "report.read", {
    id: "",
    status: "draft",
    unitPath: path,
    planIssuerUnitPath: target.issuerUnitPath,
  });
  const [periods, reports, items] = await Promise.all([
    listPeriodsForPlan(db, planId),
    listReportsForUnit(db, unit.id, { planId, limit: 10_000 }),
    listItemsForUnitInPlan(db, planId, unit.id),
  ]);
  const grid = reportingGrid(
    rateUnits([unit]),
    periods.map((p) => ({ periodId: p.id, start: p.start_date, end: p.end_date, due: p.due_date })),
    reports.map((r) => ({ unitId: r.unit_id, periodId: r.period_id, status: r.status, submittedAt: r.submitted_at })),
    { asOf: todayOf(now) },
  );
  const reportOf = new Map(reports.map((r) => [r.period_id, r]));
  const itemsOf = new Map<string, typeof items>();
  for (const i of items) {
    const list = itemsOf.get(i.report_id) ?? [];
    list.push(i);
    itemsOf.set(i.report_id, list);
  }
  return {
    planId,
    unitId: unit.id,
    unitName: unit.name,
    rate: presentRate(grid.byUnit[unit.id]!),
    periods: periods.map((p) => {
      const r = reportOf.get(p.id);
      const cell = grid.cell(unit.id, p.id)!;
      return {
        periodId: p.id,
        label: p.label,
        dueDate: p.due_date,
        state: cell.state,
        stateLabel: CELL_LABEL[cell.state],
        reportId: r?.id ?? null,
        reportStatus: r?.status ?? null,
        submittedAt: r?.submitted_at ?? null,
        reviewComment: r?.review_comment ?? null,
        items: (r ? (itemsOf.get(r.id) ?? []) : []).map((i) => ({
          taskId: i.task_id,
          status: i.status,
          percent: i.percent,
          result: i.result,
        })),
      };
    }),
  };
}
