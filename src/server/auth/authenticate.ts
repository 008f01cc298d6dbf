/**
 * Who is calling: a Bearer API token (`Authorization: Bearer tdo_…`) or the `tiendo_session` cookie. A request with
 * neither is anonymous; a request with a bad credential is anonymous too, except a bad Bearer token, which is a 401
 * (a script must learn its token is wrong instead of silently acting as nobody).
 */
import type { Kysely } from "kysely";
import { findApiTokenByHash, touchApiToken } from "../../store/repos/api-tokens.js";
import { findSession, touchSession } from "../../store/repos/sessions.js";
import { findUserById } from "../../store/repos/users.js";
import type { DB, Session } from "../../store/schema.js";
import type { AppConfig } from "../config.js";
import type { UserActor } from "../context.js";
import { AppError } from "../errors.js";
import { loadUserActor } from "./actor.js";
import { sha256Hex } from "./tokens.js";

export const SESSION_COOKIE = "tiendo_session";

/** Touch last_seen_at at most this often, so reads do not all become writes. */
const TOUCH_INTERVAL_MS = 60_000;

export interface Authenticated {
  actor: UserActor;
  session: Session | null;
}

export function sessionIsLive(
  s: Pick<Session, "revoked_at" | "expires_at" | "last_seen_at">,
  now: Date,
  idleMinutes: number,
): boolean {
  if (s.revoked_at) return false;
  const t = now.getTime();
  if (Date.parse(s.expires_at) <= t) return false;
  return Date.parse(s.last_seen_at) + idleMinutes * 60_000 > t;
}

export async function authenticateBearer(db: Kysely<DB>, token: string, now: Date): Promise<Authenticated> {
  const row = await findApiTokenByHash(db, sha256Hex(token));
  const invalid = new AppError("UNAUTHENTICATED", "Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.");
  if (!row || row.revoked_at || (row.expires_at && Date.parse(row.expires_at) <= now.getTime())) throw invalid;
  const user = await findUserById(db, row.user_id);
  if (!user || user.disabled) throw invalid;
  if (!row.last_used_at || Date.parse(row.last_used_at) + TOUCH_INTERVAL_MS < now.getTime()) {
    await touchApiToken(db, row.id, now.toISOString());
  }
  return { actor: await loadUserActor(db, user, "token", { tokenId: row.id }), session: null };
}

export async function authenticateSession(
  db: Kysely<DB>,
  cookieValue: string,
  now: Date,
  config: Pick<AppConfig, "sessionIdleMinutes">,
): Promise<Authenticated | null> {
  const session = await findSession(db, sha256Hex(cookieValue));
  if (!session || !sessionIsLive(session, now, config.sessionIdleMinutes)) return null;
  const user = await findUserById(db, session.user_id);
  if (!user || user.disabled) return null;
  if (Date.parse(session.last_seen_at) + TOUCH_INTERVAL_MS < now.getTime()) {
    await touchSession(db, session.id, now.toISOString());
  }
  return { actor: await loadUserActor(db, user, "session", { sessionId: session.id }), session };
}

export function bearerTokenOf(authorization: string | undefined): string | null | undefined {
  if (!authorization) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return m ? m[1]! : null;
}
