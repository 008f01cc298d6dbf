import { revokeUserSessions } from "../../store/repos/sessions.js";
import { findUserById, updateUser } from "../../store/repos/users.js";
import type { User } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import { assertAcceptablePassword, hashPassword } from "../auth/password.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";

/** An administrator (or the CLI) sets a user's password: lockout cleared, all of the user's sessions end. */
export async function setUserPassword(ctx: CommandContext, input: { userId: string; password: string }): Promise<User> {
  const user = await findUserById(ctx.tx, input.userId);
  if (!user) throw new AppError("NOT_FOUND", "Không tìm thấy tài khoản.");
  assertAcceptablePassword(input.password, user.username);
  const nowIso = ctx.now.toISOString();
  await updateUser(ctx.tx, user.id, {
    password_hash: await hashPassword(input.password),
    password_changed_at: nowIso,
    failed_logins: 0,
    locked_until: null,
    updated_at: nowIso,
  });
  const revokedSessions = await revokeUserSessions(ctx.tx, user.id, nowIso);
  await recordAudit(ctx, { action: "user.password_set", entityId: user.id, after: { revokedSessions } });
  return (await findUserById(ctx.tx, user.id))!;
}
