/**
 * Server-side sessions. The primary key is the SHA-256 of the cookie token; the token itself is never stored.
 */
import type { Kysely } from "kysely";
import type { DB, Session } from "../schema.js";

export async function insertSession(db: Kysely<DB>, session: Session): Promise<void> {
  await db.insertInto("sessions").values(session).execute();
}

export async function findSession(db: Kysely<DB>, id: string): Promise<Session | undefined> {
  return db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, id: string, nowIso: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: nowIso }).where("id", "=", id).execute();
}

export async function revokeSession(db: Kysely<DB>, id: string, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable("sessions")
    .set({ revoked_at: nowIso })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Revokes the user's live sessions except `exceptId`; returns how many. */
export async function revokeUserSessions(
  db: Kysely<DB>,
  userId: string,
  nowIso: string,
  exceptId?: string | null,
): Promise<number> {
  let q = db
    .updateTable("sessions")
    .set({ revoked_at: nowIso })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", nowIso);
  if (exceptId) q = q.where("id", "<>", exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Removes sessions that ended before `beforeIso` (expired or revoked); returns how many. */
export async function deleteEndedSessions(db: Kysely<DB>, beforeIso: string): Promise<number> {
  const r = await db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("expires_at", "<", beforeIso), eb("revoked_at", "<", beforeIso)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
