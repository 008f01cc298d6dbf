/**
 * Signing in with username and password. Failures are results, not exceptions: the attempt and the failure counter
 * must be committed even though the caller answers with an error.
 *
 * A wrong password, an unknown username and a disabled account get the same message; lockout and rate limiting apply
 * to unknown usernames exactly as to real ones, so answers never reveal which usernames exist.
 */
import { newId } from "../../store/ids.js";
import { countRecentFailures, insertLoginAttempt } from "../../store/repos/login-attempts.js";
import { insertSession } from "../../store/repos/sessions.js";
import {
  clearLoginFailures,
  findUserByUsername,
  incrementFailedLogins,
  lockUser,
  normalizeUsername,
} from "../../store/repos/users.js";
import type { Session, User } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import { basicUserActor } from "../auth/actor.js";
import { verifyAgainstDummy, verifyPassword } from "../auth/password.js";
import { newSessionToken, randomSecret, sha256Hex } from "../auth/tokens.js";
import type { AppConfig } from "../config.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";

export const BAD_CREDENTIALS_MESSAGE = "Tên đăng nhập hoặc mật khẩu không đúng.";

export type LoginPolicy = Pick<
  AppConfig,
  "loginMaxFailures" | "lockoutMinutes" | "loginRateLimit" | "sessionAbsoluteHours"
>;

export interface CreateSessionInput {
  username: string;
  password: string;
  userAgent: string | null;
  policy: LoginPolicy;
}

export type CreateSessionResult =
  | { ok: true; user: User; session: Session; token: string }
  | { ok: false; error: AppError };

function lockedError(minutes: number): AppError {
  return new AppError(
    "LOCKED",
    `Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
    { headers: { "retry-after": String(minutes * 60) } },
  );
}

export async function createSession(ctx: CommandContext, input: CreateSessionInput): Promise<CreateSessionResult> {
  const { tx, now, ip } = ctx;
  const { policy } = input;
  const username = normalizeUsername(input.username);
  const nowIso = now.toISOString();
  const since = new Date(now.getTime() - policy.lockoutMinutes * 60_000).toISOString();

  const [perPair, perIp] = await Promise.all([
    countRecentFailures(tx, { username, ip }, since),
    countRecentFailures(tx, { ip }, since),
  ]);
  if (perPair >= policy.loginRateLimit || perIp >= policy.loginRateLimit * 5) {
    return {
      ok: false,
      error: new AppError(
        "RATE_LIMITED",
        `Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau ${policy.lockoutMinutes} phút.`,
        { headers: { "retry-after": String(policy.lockoutMinutes * 60) } },
      ),
    };
  }

  const user = await findUserByUsername(tx, username);
  const lockedByCounter = (await countRecentFailures(tx, { username }, since)) >= policy.loginMaxFailures;
  const lockedByUser = !!user?.locked_until && Date.parse(user.locked_until) > now.getTime();
  if (lockedByUser || lockedByCounter) {
    const minutes = lockedByUser
      ? Math.max(1, Math.ceil((Date.parse(user!.locked_until!) - now.getTime()) / 60_000))
      : policy.lockoutMinutes;
    return { ok: false, error: lockedError(minutes) };
  }

  const passwordOk = user
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !passwordOk || user.disabled) {
    await insertLoginAttempt(tx, { id: newId(), username, ip, success: false, createdAt: nowIso });
    if (user && !passwordOk) {
      const failures = await incrementFailedLogins(tx, user.id, nowIso);
      if (failures >= policy.loginMaxFailures) {
        await lockUser(tx, user.id, new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString(), nowIso);
      }
    }
    return { ok: false, error: new AppError("UNAUTHENTICATED", BAD_CREDENTIALS_MESSAGE) };
  }

  await insertLoginAttempt(tx, { id: newId(), username, ip, success: true, createdAt: nowIso });
  await clearLoginFailures(tx, user.id);
  const token = newSessionToken();
  const session: Session = {
    id: sha256Hex(token),
    user_id: user.id,
    csrf_token: randomSecret(24),
    ip,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
    created_at: nowIso,
    last_seen_at: nowIso,
    expires_at: new Date(now.getTime() + policy.sessionAbsoluteHours * 3_600_000).toISOString(),
    revoked_at: null,
  };
  await insertSession(tx, session);
  await recordAudit(
    { ...ctx, actor: basicUserActor(user, "session", { sessionId: session.id }) },
    { action: "auth.login", entityId: user.id, after: { via: "password", sessionId: session.id.slice(0, 12) } },
  );
  return { ok: true, user: { ...user, failed_logins: 0, locked_until: null }, session, token };
}
