/**
 * The coordinator's bulk review: accept or return many units' reports of one period in one request.
 *
 * Everything is loaded up front in a fixed number of queries (plan, period, the units asked for and their paths, the
 * plan's assigned units, the period's reports), whatever the batch size. Then each report goes through the very
 * command of the single action (acceptReport / returnReport: the same policy, the same in-transaction review rule,
 * the same audit event), each in its own transaction.
 *
 * One transaction per report, not one overall: the reports are independent, so one that is refused or loses a race
 * must not roll back the others, and what committed stays committed and is listed whatever happens to the next one.
 * Every unit asked for gets an item in the answer (ok, or the Vietnamese reason). Repeating a request is harmless:
 * reports already handled are refused with "đã được tiếp nhận trước đó" / "đã được trả lại".
 */

import type { Database, Executor } from "../../store/db.js";
import { unitPaths } from "../../store/repos/memberships.js";
import { listAssignedUnitsOfPlans } from "../../store/repos/overview.js";
import { getPeriod } from "../../store/repos/periods.js";
import { listReportsForPlanPeriod } from "../../store/repos/reports.js";
import { getUnits } from "../../store/repos/units.js";
import type { ProgressReport, ReportingPeriod, ReportStatus, Unit } from "../../store/schema.js";
import type { BulkReviewItemDto, BulkReviewResultDto, ErrorCode } from "../api-types.js";
import { acceptReport } from "../commands/accept-report.js";
import { returnReport } from "../commands/return-report.js";
import { type Actor, runCommand } from "../context.js";
import { AppError } from "../errors.js";
import { can, type ReportTarget, type UnitPath } from "../policies/index.js";
import { ReportVersionConflict } from "./report-errors.js";
import { authorizeTransition, loadReadablePlan, type ReviewVerb, reviewBlockReason } from "./unit-report.js";

export const BULK_FORBIDDEN_MESSAGE =
  "Chỉ cơ quan chủ trì kế hoạch mới được tiếp nhận hoặc trả lại báo cáo của đơn vị.";
export const BULK_CONFLICT_MESSAGE =
  "Báo cáo vừa được người khác thay đổi nên chưa được xử lý; hãy tải lại danh sách rồi thử lại.";
export const BULK_INTERNAL_MESSAGE = "Đã có lỗi hệ thống khi xử lý báo cáo này; báo cáo chưa được thay đổi.";

/** What the bulk review knows before acting, all loaded at once. */
export interface BulkReviewSnapshot {
  period: ReportingPeriod;
  issuerPath: UnitPath;
  units: ReadonlyMap<string, Unit>;
  paths: ReadonlyMap<string, string[]>;
  /** Units assigned a task in the plan (lead or support). */
  assigned: ReadonlySet<string>;
  /** The period's reports by unit. */
  reports: ReadonlyMap<string, ProgressReport>;
}

export type BulkReviewStep =
  | { kind: "run"; unitId: string; unitName: string; report: ProgressReport }
  | {
      kind: "refused";
      unitId: string;
      unitName: string | null;
      status?: ReportStatus;
      error: { code: ErrorCode; message: string };
    };

/** The ids in request order, each once. */
export function distinctIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Loads the plan (404 when the actor cannot read it), the period (404 unless it belongs to the plan) and, in one
 * query each, what the steps need for the units asked for. 403 unless the actor reviews this plan's reports at all:
 * the same `report.review` rule, asked for a report waiting for review (it depends on the plan's issuer only).
 */
export async function loadBulkReview(
  db: Executor,
  actor: Actor,
  key: { planId: string; periodId: string },
  unitIds: readonly string[],
): Promise<BulkReviewSnapshot> {
  const { plan, target } = await loadReadablePlan(db, actor, key.planId);
  const period = await getPeriod(db, key.periodId);
  if (!period || period.plan_id !== plan.id) throw new AppError("NOT_FOUND", "Không tìm thấy kỳ báo cáo.");
  const probe: ReportTarget = { id: "", status: "submitted", unitPath: [], planIssuerUnitPath: target.issuerUnitPath };
  if (!can(actor, "report.review", probe)) throw new AppError("FORBIDDEN", BULK_FORBIDDEN_MESSAGE);
  const ids = distinctIds(unitIds);
  const [units, paths, assigned, reports] = await Promise.all([
    getUnits(db, ids),
    unitPaths(db, ids),
    listAssignedUnitsOfPlans(db, [plan.id]),
    listReportsForPlanPeriod(db, plan.id, period.id),
  ]);
  const wanted = new Set(ids);
  return {
    period,
    issuerPath: target.issuerUnitPath,
    units: new Map(units.map((u) => [u.id, u])),
    paths,
    assigned: new Set(assigned.map((a) => a.unit_id)),
    reports: new Map(reports.filter((r) => wanted.has(r.unit_id)).map((r) => [r.unit_id, r])),
  };
}

/**
 * Pure: for each unit asked for (once, in request order), either run the command on its report or the reason why
 * not. The checks are those of the single action's route: the unit and its report must exist in the plan (404),
 * then `authorizeTransition` on `report.review` (409 STATE with the reason, else 403), then the review rule
 * (`reviewBlockReason`: a locked period). The command checks the rule again inside its transaction.
 */
export function planBulkReview(
  actor: Actor,
  verb: ReviewVerb,
  unitIds: readonly string[],
  s: BulkReviewSnapshot,
): BulkReviewStep[] {
  return distinctIds(unitIds).map((unitId): BulkReviewStep => {
    const unit = s.units.get(unitId);
    const refuse = (code: ErrorCode, message: string, status?: ReportStatus): BulkReviewStep => ({
      kind: "refused",
      unitId,
      unitName: unit?.name ?? null,
      ...(status ? { status } : {}),
      error: { code, message },
    });
    if (!unit) return refuse("NOT_FOUND", "Không tìm thấy đơn vị.");
    const report = s.reports.get(unitId);
    if (!report && !s.assigned.has(unitId)) {
      return refuse("NOT_FOUND", "Đơn vị không được giao nhiệm vụ nào trong kế hoạch này.");
    }
    const target: ReportTarget = {
      id: report?.id ?? "",
      status: report?.status ?? "draft",
      unitPath: s.paths.get(unitId) ?? [],
      planIssuerUnitPath: s.issuerPath,
    };
    if (!can(actor, "report.read", target)) return refuse("NOT_FOUND", "Không tìm thấy báo cáo của đơn vị.");
    const context = { period: s.period, report: report ? { report } : undefined };
    try {
      authorizeTransition(
        actor,
        "report.review",
        target,
        reviewBlockReason(context, verb) ?? "Không thể thực hiện thao tác ở trạng thái hiện tại của báo cáo.",
      );
    } catch (err) {
      if (err instanceof AppError) return refuse(err.code, err.message, report?.status);
      throw err;
    }
    const blocked = reviewBlockReason(context, verb);
    if (blocked || !report) return refuse("STATE", blocked ?? "Báo cáo chưa được nộp.", report?.status);
    return { kind: "run", unitId, unitName: unit.name, report };
  });
}

/** The answer's counts from its items. */
export function bulkReviewResult(verb: ReviewVerb, items: BulkReviewItemDto[]): BulkReviewResultDto {
  const okCount = items.filter((i) => i.ok).length;
  return { action: verb, okCount, failedCount: items.length - okCount, items };
}

/**
 * Runs the steps: each report to run goes through the single action's command in its own transaction (with its own
 * audit event); a refusal, a lost race (CONFLICT) or an unexpected error becomes that item's error, and the next
 * report proceeds. `onError` hears about unexpected errors (to log them).
 */
export async function applyBulkReview(
  database: Database,
  who: { actor: Actor; ip?: string | null; now?: Date },
  s: BulkReviewSnapshot,
  steps: readonly BulkReviewStep[],
  input: { verb: ReviewVerb; comment?: string | null },
  onError: (err: unknown, unitId: string) => void = () => {},
): Promise<BulkReviewResultDto> {
  const items: BulkReviewItemDto[] = [];
  for (const step of steps) {
    if (step.kind === "refused") {
      const { kind: _kind, ...item } = step;
      items.push({ ...item, ok: false });
      continue;
    }
    const context = { period: s.period, report: { report: step.report } };
    try {
      const row = await runCommand(database, who, (ctx) =>
        input.verb === "accept"
          ? acceptReport(ctx, { context, comment: input.comment ?? null })
          : returnReport(ctx, { context, comment: input.comment ?? "" }),
      );
      items.push({ unitId: step.unitId, unitName: step.unitName, ok: true, status: row.status });
    } catch (err) {
      const base = { unitId: step.unitId, unitName: step.unitName, ok: false };
      if (err instanceof ReportVersionConflict) {
        items.push({ ...base, error: { code: "CONFLICT", message: BULK_CONFLICT_MESSAGE } });
      } else if (err instanceof AppError) {
        items.push({ ...base, status: step.report.status, error: { code: err.code, message: err.message } });
      } else {
        onError(err, step.unitId);
        items.push({ ...base, error: { code: "INTERNAL", message: BULK_INTERNAL_MESSAGE } });
      }
    }
  }
  return bulkReviewResult(input.verb, items);
}
