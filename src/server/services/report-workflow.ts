/**
 * The report workflow: draft → submitted → (approved) → accepted | returned; a returned report reopens for editing
 * and is submitted again. Each move is one command (submit-report, approve-report, accept-report, return-report)
 * sharing this step: optimistic version check, status change, audit row, in the command's transaction.
 */
import { getPeriod } from "../../store/repos/periods.js";
import { type ReportStatusPatch, setReportStatus } from "../../store/repos/reports.js";
import type { ProgressReport, ReportingPeriod, ReportStatus } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { ReportVersionConflict } from "./report-errors.js";
import { type ReviewVerb, reviewBlockReason, type UnitReportContext } from "./unit-report.js";

export interface TransitionInput {
  context: UnitReportContext;
  /** The version the caller saw; omitted = the version loaded with the context. */
  version?: number | undefined;
}

/**
 * What accepting or returning needs of a report: its period (for the lock) and its row, so the bulk review can pass
 * the rows it loaded in one query; a full UnitReportContext fits too.
 */
export interface ReviewInput {
  context: { period: ReportingPeriod; report: { report: ProgressReport } | undefined };
  /** The version the caller saw; omitted = the version loaded with the context. */
  version?: number | undefined;
}

/**
 * The review rule inside the command's transaction (409 STATE with the reason): the period is read again, so a
 * period locked since the report was loaded refuses too. Single and bulk review both pass here.
 */
export async function assertReviewable(ctx: CommandContext, input: ReviewInput, verb: ReviewVerb): Promise<void> {
  const period = (await getPeriod(ctx.tx, input.context.period.id)) ?? input.context.period;
  const reason = reviewBlockReason({ period, report: input.context.report }, verb);
  if (reason) throw new AppError("STATE", reason);
}

export async function moveReport(
  ctx: CommandContext,
  input: { context: { report: { report: ProgressReport } | undefined }; version?: number | undefined },
  move: {
    to: ReportStatus;
    from: readonly ReportStatus[];
    action: "report.submitted" | "report.approved" | "report.accepted" | "report.returned";
    patch: ReportStatusPatch;
    comment?: string | null;
  },
): Promise<ProgressReport> {
  const current = input.context.report?.report;
  if (!current) throw new AppError("STATE", "Báo cáo chưa được lập: hãy nhập và lưu báo cáo trước.");
  if (!move.from.includes(current.status)) {
    throw new AppError("STATE", "Không thể thực hiện thao tác ở trạng thái hiện tại của báo cáo.");
  }
  const version = input.version ?? current.version;
  const row = await setReportStatus(ctx.tx, current.id, version, move.to, move.patch, ctx.now.toISOString());
  if (!row) throw new ReportVersionConflict();
  const after = { status: row.status, version: row.version, periodId: row.period_id, unitId: row.unit_id };
  const before = { status: current.status, version: current.version };
  if (move.action === "report.returned") {
    await recordAudit(ctx, {
      action: move.action,
      entityId: row.id,
      before,
      after: { ...after, comment: move.comment ?? undefined },
    });
  } else {
    await recordAudit(ctx, {
      action: move.action,
      entityId: row.id,
      before,
      after: move.comment ? { ...after, comment: move.comment } : after,
    });
  }
  return row;
}
