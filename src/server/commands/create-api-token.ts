import { newId } from "../../store/ids.js";
import { insertApiToken } from "../../store/repos/api-tokens.js";
import { findUserById } from "../../store/repos/users.js";
import type { ApiToken } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import { newApiToken, sha256Hex, tokenDisplayPrefix } from "../auth/tokens.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";

/** A personal API token acting with its owner's roles. The secret is returned once and stored only as a hash. */
export async function createApiToken(
  ctx: CommandContext,
  input: { userId: string; name: string; expiresAt?: string | null },
): Promise<{ token: string; row: ApiToken }> {
  const user = await findUserById(ctx.tx, input.userId);
  if (!user) throw new AppError("NOT_FOUND", "Không tìm thấy tài khoản.");
  if (input.expiresAt && Date.parse(input.expiresAt) <= ctx.now.getTime()) {
    throw new AppError("VALIDATION", "Ngày hết hạn phải ở tương lai.", {
      fields: { expiresAt: "Ngày hết hạn phải ở tương lai." },
    });
  }
  const token = newApiToken();
  const row: ApiToken = {
    id: newId(),
    user_id: user.id,
    name: input.name.trim() || "API",
    token_hash: sha256Hex(token),
    prefix: tokenDisplayPrefix(token),
    created_at: ctx.now.toISOString(),
    last_used_at: null,
    expires_at: input.expiresAt ?? null,
    revoked_at: null,
  };
  await insertApiToken(ctx.tx, row);
  await recordAudit(ctx, {
    action: "token.created",
    entityId: row.id,
    after: { userId: user.id, name: row.name, prefix: row.prefix },
  });
  return { token, row };
}
