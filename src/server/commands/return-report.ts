import type { ProgressReport } from "../../store/schema.js";
import { actorUserId, type CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { assertReviewable, moveReport, type ReviewInput } from "../services/report-workflow.js";

/** The coordinator returns a submitted report with a comment; the unit fixes it and submits again. */
export async function returnReport(
  ctx: CommandContext,
  input: ReviewInput & { comment: string },
): Promise<ProgressReport> {
  const comment = input.comment.trim();
  if (!comment) {
    throw new AppError("VALIDATION", "Vui lòng ghi rõ lý do trả lại báo cáo.", {
      fields: { comment: "Bắt buộc nhập." },
    });
  }
  await assertReviewable(ctx, input, "return");
  return moveReport(ctx, input, {
    to: "returned",
    from: ["submitted", "approved"],
    action: "report.returned",
    patch: {
      reviewed_at: ctx.now.toISOString(),
      reviewed_by: actorUserId(ctx.actor),
      review_comment: comment,
      updated_by: actorUserId(ctx.actor),
    },
    comment,
  });
}
