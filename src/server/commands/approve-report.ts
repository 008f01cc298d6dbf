import type { ProgressReport } from "../../store/schema.js";
import { actorUserId, type CommandContext } from "../context.js";
import { moveReport, type TransitionInput } from "../services/report-workflow.js";

/** The unit's leader approves the submitted report before the coordinator reviews it (optional step). */
export async function approveReport(ctx: CommandContext, input: TransitionInput): Promise<ProgressReport> {
  return moveReport(ctx, input, {
    to: "approved",
    from: ["submitted"],
    action: "report.approved",
    patch: {
      approved_at: ctx.now.toISOString(),
      approved_by: actorUserId(ctx.actor),
      updated_by: actorUserId(ctx.actor),
    },
  });
}
