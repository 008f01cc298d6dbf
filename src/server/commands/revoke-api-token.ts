import * as tokens from "../../store/repos/api-tokens.js";
import type { ApiToken } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";

/** Revokes a token (callers load and authorize it first); revoking twice changes nothing. */
export async function revokeApiToken(ctx: CommandContext, token: ApiToken): Promise<boolean> {
  const revoked = await tokens.revokeApiToken(ctx.tx, token.id, ctx.now.toISOString());
  if (revoked) {
    await recordAudit(ctx, {
      action: "token.revoked",
      entityId: token.id,
      before: { userId: token.user_id, name: token.name, prefix: token.prefix },
    });
  }
  return revoked;
}
