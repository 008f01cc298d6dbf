import type { ProgressReport } from "../../store/schema.js";
import { actorUserId, type CommandContext } from "../context.js";
import { moveReport, type TransitionInput } from "../services/report-workflow.js";

/** The coordinator accepts a submitted (or approved) report: its items now count for task status. */
export async function acceptReport(
  ctx: CommandContext,
  input: TransitionInput & { comment?: string | null },
): Promise<ProgressReport> {
  const comment = input.comment?.trim() || null;
  return moveReport(ctx, input, {
    to: "accepted",
    from: ["submitted", "approved"],
    action: "report.accepted",
    patch: {
      reviewed_at: ctx.now.toISOString(),
      reviewed_by: actorUserId(ctx.actor),
      review_comment: comment,
      updated_by: actorUserId(ctx.actor),
    },
    comment,
  });
}
