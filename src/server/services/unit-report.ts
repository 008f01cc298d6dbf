/**
 * Loading a unit's report for a period with everything the routes and commands need: the plan, the period, the
 * unit and its path, the tasks the unit leads or supports, the report (if started) and its evidence. Access is
 * checked here once: a plan, period or unit the actor cannot see is a 404, never a hint that it exists.
 */

import type { Executor } from "../../store/db.js";
import { unitPath } from "../../store/repos/memberships.js";
import { listUnitTasksInPlan, type UnitTaskInPlanRow } from "../../store/repos/overview.js";
import { getPeriod } from "../../store/repos/periods.js";
import { getPlan } from "../../store/repos/plans.js";
import {
  type EvidenceFileMeta,
  getUnitReport,
  listEvidenceFiles,
  type ReportWithItems,
} from "../../store/repos/reports.js";
import { getUnit } from "../../store/repos/units.js";
import type { Plan, ProgressReport, ReportingPeriod, ReportStatus, Unit } from "../../store/schema.js";
import type { Actor } from "../context.js";
import { AppError } from "../errors.js";
import { authorize, can, type PlanTarget, type ReportTarget } from "../policies/index.js";

export interface UnitReportKey {
  planId: string;
  periodId: string;
  unitId: string;
}

export interface UnitReportContext {
  plan: Plan;
  period: ReportingPeriod;
  unit: Unit;
  unitPath: string[];
  issuerPath: string[];
  tasks: UnitTaskInPlanRow[];
  report: ReportWithItems | undefined;
  evidence: EvidenceFileMeta[];
  target: ReportTarget;
}

export const REPORT_STATUS_LABEL: Readonly<Record<ReportStatus, string>> = {
  draft: "Đang soạn",
  submitted: "Đã nộp",
  approved: "Lãnh đạo đã duyệt",
  accepted: "Đã tiếp nhận",
  returned: "Trả lại",
};

/** A plan the actor may read (404 otherwise, drafts included), with its policy target. */
export async function loadReadablePlan(
  db: Executor,
  actor: Actor | null,
  planId: string,
): Promise<{ plan: Plan; target: PlanTarget }> {
  const plan = await getPlan(db, planId);
  if (!plan) throw new AppError("NOT_FOUND", "Không tìm thấy kế hoạch.");
  const issuerPath = plan.issuer_unit_id ? await unitPath(db, plan.issuer_unit_id) : [];
  const target: PlanTarget = { id: plan.id, status: plan.status, issuerUnitPath: issuerPath };
  authorize(actor, "plan.read", target);
  return { plan, target };
}

export async function loadUnitReport(
  db: Executor,
  actor: Actor | null,
  key: UnitReportKey,
): Promise<UnitReportContext> {
  const [plan, period, unit] = await Promise.all([
    getPlan(db, key.planId),
    getPeriod(db, key.periodId),
    getUnit(db, key.unitId),
  ]);
  if (!plan) throw new AppError("NOT_FOUND", "Không tìm thấy kế hoạch.");
  const [issuerPath, path] = await Promise.all([
    plan.issuer_unit_id ? unitPath(db, plan.issuer_unit_id) : Promise.resolve([] as string[]),
    unit ? unitPath(db, unit.id) : Promise.resolve([] as string[]),
  ]);
  authorize(actor, "plan.read", { id: plan.id, status: plan.status, issuerUnitPath: issuerPath });
  if (!period || period.plan_id !== plan.id) throw new AppError("NOT_FOUND", "Không tìm thấy kỳ báo cáo.");
  if (!unit) throw new AppError("NOT_FOUND", "Không tìm thấy đơn vị.");
  const [tasks, report] = await Promise.all([
    listUnitTasksInPlan(db, plan.id, unit.id),
    getUnitReport(db, period.id, unit.id),
  ]);
  const target: ReportTarget = {
    id: report?.report.id ?? "",
    status: report?.report.status ?? "draft",
    unitPath: path,
    planIssuerUnitPath: issuerPath,
  };
  authorize(actor, "report.read", target);
  if (!tasks.length && !report) {
    throw new AppError("NOT_FOUND", "Đơn vị không được giao nhiệm vụ nào trong kế hoạch này.");
  }
  const evidence = report
    ? await listEvidenceFiles(
        db,
        report.items.map((i) => i.id),
      )
    : [];
  return { plan, period, unit, unitPath: path, issuerPath, tasks, report, evidence, target };
}

/** Why the report cannot be changed by its unit now, in Vietnamese; null when it can. */
export function editBlockReason(c: Pick<UnitReportContext, "plan" | "period" | "report">): string | null {
  if (c.plan.status === "draft") return "Kế hoạch chưa được ban hành, chưa thể báo cáo.";
  if (c.plan.status === "closed") return "Kế hoạch đã kết thúc, không nhận thêm báo cáo.";
  if (c.period.locked) {
    return `Kỳ báo cáo “${c.period.label}” đã bị khóa, không thể sửa hoặc nộp báo cáo. Vui lòng liên hệ cơ quan chủ trì kế hoạch để được mở khóa.`;
  }
  switch (c.report?.report.status) {
    case "submitted":
      return "Báo cáo đã nộp, đang chờ tiếp nhận; không thể sửa. Nếu cần sửa, đề nghị cơ quan tiếp nhận trả lại báo cáo.";
    case "approved":
      return "Báo cáo đã được lãnh đạo đơn vị duyệt, đang chờ tiếp nhận; không thể sửa.";
    case "accepted":
      return "Báo cáo đã được tiếp nhận; không thể sửa.";
    default:
      return null;
  }
}

export type ReviewVerb = "accept" | "return";

const REVIEW_VERB: Readonly<Record<ReviewVerb, string>> = { accept: "tiếp nhận", return: "trả lại" };

/**
 * Why the plan's coordinator cannot accept or return the report now, in Vietnamese; null when they can. The one rule
 * for reviewing, used by the single and the bulk actions alike: a locked period is closed to review too (returning
 * would reopen a report its unit cannot edit; accepting would change figures already consolidated), and only a
 * submitted (or leader-approved) report can be reviewed.
 */
export function reviewBlockReason(
  c: {
    period: Pick<ReportingPeriod, "label" | "locked">;
    report: { report: Pick<ProgressReport, "status"> } | undefined;
  },
  verb: ReviewVerb,
): string | null {
  const v = REVIEW_VERB[verb];
  if (c.period.locked) {
    return `Kỳ báo cáo “${c.period.label}” đã bị khóa, không thể ${v} báo cáo. Hãy mở khóa kỳ báo cáo trước khi ${v}.`;
  }
  switch (c.report?.report.status) {
    case undefined:
    case "draft":
      return "Báo cáo chưa được nộp.";
    case "returned":
      return "Báo cáo đã được trả lại, đơn vị chưa nộp lại.";
    case "accepted":
      return "Báo cáo đã được tiếp nhận trước đó.";
    default:
      return null;
  }
}

/** Throws 409 STATE with the reason when the report cannot be changed by its unit. */
export function assertEditable(c: Pick<UnitReportContext, "plan" | "period" | "report">): void {
  const reason = editBlockReason(c);
  if (reason) throw new AppError("STATE", reason);
}

export type ReportAction = "report.edit" | "report.submit" | "report.approve" | "report.review";

/** The statuses from which each workflow action may start. */
export const ALLOWED_FROM: Readonly<Record<ReportAction, readonly ReportStatus[]>> = {
  "report.edit": ["draft", "returned"],
  "report.submit": ["draft", "returned"],
  "report.approve": ["submitted"],
  "report.review": ["submitted", "approved"],
};

/**
 * Authorizes a workflow action: 404 if the actor cannot read the report, 409 STATE with the Vietnamese reason when
 * the actor would be allowed but the report is not in a state the action starts from, else 403.
 */
export function authorizeTransition(
  actor: Actor | null,
  action: ReportAction,
  target: ReportTarget,
  stateMessage: string,
): void {
  if (can(actor, action, target)) return;
  const from = ALLOWED_FROM[action];
  if (!from.includes(target.status) && from.some((status) => can(actor, action, { ...target, status }))) {
    throw new AppError("STATE", stateMessage);
  }
  authorize(actor, action, target);
}
