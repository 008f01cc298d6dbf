import { getPeriod } from "../../store/repos/periods.js";
import type { ProgressReport } from "../../store/schema.js";
import { actorUserId, type CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { moveReport, type TransitionInput } from "../services/report-workflow.js";
import { assertEditable } from "../services/unit-report.js";

/** The unit sends its report (draft or returned → submitted). Every task of the unit must have been reported. */
export async function submitReport(ctx: CommandContext, input: TransitionInput): Promise<ProgressReport> {
  const c = input.context;
  const period = (await getPeriod(ctx.tx, c.period.id)) ?? c.period;
  assertEditable({ plan: c.plan, period, report: c.report });
  if (!c.report) throw new AppError("STATE", "Báo cáo chưa có nội dung: hãy nhập và lưu báo cáo trước khi nộp.");
  const reported = new Set(c.report.items.map((i) => i.task_id));
  const missing = c.tasks.filter((t) => !reported.has(t.id));
  if (missing.length) {
    const names = missing.slice(0, 5).map((t) => (t.ref ? `${t.ref}. ${t.title}` : t.title));
    const more = missing.length > 5 ? ` và ${missing.length - 5} nhiệm vụ khác` : "";
    throw new AppError("STATE", `Chưa báo cáo ${missing.length} nhiệm vụ: ${names.join("; ")}${more}.`);
  }
  return moveReport(ctx, input, {
    to: "submitted",
    from: ["draft", "returned"],
    action: "report.submitted",
    // A new submission needs a new approval and a new review.
    patch: {
      submitted_at: ctx.now.toISOString(),
      submitted_by: actorUserId(ctx.actor),
      approved_at: null,
      approved_by: null,
      updated_by: actorUserId(ctx.actor),
    },
  });
}
