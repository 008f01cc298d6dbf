import type { ProgressReport } from "../../store/schema.js";
import { actorUserId, type CommandContext } from "../context.js";
import { assertReviewable, moveReport, type ReviewInput } from "../services/report-workflow.js";

/** The coordinator accepts a submitted (or approved) report: its items now count for task status. */
export async function acceptReport(
  ctx: CommandContext,
  input: ReviewInput & { comment?: string | null },
): Promise<ProgressReport> {
  const comment = input.comment?.trim() || null;
  await assertReviewable(ctx, input, "accept");
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
