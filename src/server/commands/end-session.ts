import { revokeSession } from "../../store/repos/sessions.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";

/** Logout: the session stops working at once, on this and every other instance. */
export async function endSession(ctx: CommandContext, input: { sessionId: string }): Promise<void> {
  if (ctx.actor.kind !== "user") throw new AppError("UNAUTHENTICATED");
  const revoked = await revokeSession(ctx.tx, input.sessionId, ctx.now.toISOString());
  if (revoked) {
    await recordAudit(ctx, {
      action: "auth.logout",
      entityId: ctx.actor.id,
      after: { sessionId: input.sessionId.slice(0, 12) },
    });
  }
}
