import { revokeUserSessions } from "../../store/repos/sessions.js";
import { findUserById, updateUser } from "../../store/repos/users.js";
import { recordAudit } from "../audit.js";
import { assertAcceptablePassword, hashPassword, verifyPassword } from "../auth/password.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";

/** The signed-in user changes their own password; every other session of theirs ends. */
export async function changePassword(
  ctx: CommandContext,
  input: { currentPassword: string; newPassword: string },
): Promise<{ revokedSessions: number }> {
  const actor = ctx.actor;
  if (actor.kind !== "user") throw new AppError("UNAUTHENTICATED");
  const user = await findUserById(ctx.tx, actor.id);
  if (!user) throw new AppError("UNAUTHENTICATED");
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError("VALIDATION", "Mật khẩu hiện tại không đúng.", {
      fields: { currentPassword: "Mật khẩu hiện tại không đúng." },
    });
  }
  assertAcceptablePassword(input.newPassword, user.username, "newPassword");
  if (input.newPassword === input.currentPassword) {
    throw new AppError("VALIDATION", "Mật khẩu mới phải khác mật khẩu hiện tại.", {
      fields: { newPassword: "Mật khẩu mới phải khác mật khẩu hiện tại." },
    });
  }
  const nowIso = ctx.now.toISOString();
  await updateUser(ctx.tx, user.id, {
    password_hash: await hashPassword(input.newPassword),
    password_changed_at: nowIso,
    updated_at: nowIso,
  });
  const revokedSessions = await revokeUserSessions(ctx.tx, user.id, nowIso, actor.sessionId);
  await recordAudit(ctx, { action: "auth.password_changed", entityId: user.id, after: { revokedSessions } });
  return { revokedSessions };
}
