import { getPeriod } from "../../store/repos/periods.js";
import { deleteEvidenceFile, type EvidenceFileMeta } from "../../store/repos/reports.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { assertEditable, type UnitReportContext } from "../services/unit-report.js";

/** Removes an evidence file from the unit's (editable) report. */
export async function removeEvidence(
  ctx: CommandContext,
  input: { context: UnitReportContext; file: EvidenceFileMeta; taskId: string },
): Promise<void> {
  const c = input.context;
  const period = (await getPeriod(ctx.tx, c.period.id)) ?? c.period;
  assertEditable({ plan: c.plan, period, report: c.report });
  await deleteEvidenceFile(ctx.tx, input.file.id);
  await recordAudit(ctx, {
    action: "evidence.removed",
    entityId: input.file.id,
    before: {
      reportId: c.report?.report.id ?? null,
      taskId: input.taskId,
      fileName: input.file.file_name,
      size: input.file.size,
      sha256: input.file.sha256,
    },
  });
}
