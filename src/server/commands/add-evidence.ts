import { getPeriod } from "../../store/repos/periods.js";
import { ensureReport, ensureReportItem } from "../../store/repos/report-items.js";
import { addEvidenceFile, type EvidenceFileMeta } from "../../store/repos/reports.js";
import { recordAudit } from "../audit.js";
import { actorUserId, type CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { checkEvidenceFile, cleanFileName } from "../services/evidence-file.js";
import { assertEditable, type UnitReportContext } from "../services/unit-report.js";

/**
 * Attaches a file to a task's line of the unit's report. The content must really be PDF, DOCX, XLSX, JPG or PNG
 * (magic bytes, not the extension). Creates the report/line when missing without changing the report's version,
 * so the person autosaving the form is not thrown into a conflict.
 */
export async function addEvidence(
  ctx: CommandContext,
  input: { context: UnitReportContext; taskId: string; fileName: string; content: Buffer },
): Promise<EvidenceFileMeta> {
  const c = input.context;
  const period = (await getPeriod(ctx.tx, c.period.id)) ?? c.period;
  assertEditable({ plan: c.plan, period, report: c.report });
  if (!c.tasks.some((t) => t.id === input.taskId)) {
    throw new AppError("NOT_FOUND", "Nhiệm vụ không thuộc báo cáo của đơn vị.");
  }
  const fileName = cleanFileName(input.fileName);
  const check = checkEvidenceFile(fileName, input.content);
  if (!check.ok) throw new AppError("UNSUPPORTED_FILE", check.message);
  const now = ctx.now.toISOString();
  const report = await ensureReport(
    ctx.tx,
    {
      plan_id: c.plan.id,
      period_id: c.period.id,
      unit_id: c.unit.id,
      plan_revision: c.plan.revision,
      updated_by: actorUserId(ctx.actor),
    },
    now,
  );
  if (report.status !== "draft" && report.status !== "returned") {
    throw new AppError("STATE", "Báo cáo đã nộp; không thể đính kèm thêm minh chứng.");
  }
  const item = await ensureReportItem(ctx.tx, report.id, input.taskId, now);
  const meta = await addEvidenceFile(
    ctx.tx,
    {
      report_item_id: item.id,
      file_name: fileName,
      mime: check.mime,
      content: input.content,
      uploaded_by: actorUserId(ctx.actor),
    },
    now,
  );
  await recordAudit(ctx, {
    action: "evidence.added",
    entityId: meta.id,
    after: {
      reportId: report.id,
      taskId: input.taskId,
      fileName,
      mime: meta.mime,
      size: meta.size,
      sha256: meta.sha256,
    },
  });
  return meta;
}
