/**
 * Login attempts, for rate limiting and lockout. Counting "failures since the last success" lets a successful login
 * clear the slate without deleting history.
 */
import type { Kysely } from "kysely";
import type { DB } from "../schema.js";

export async function insertLoginAttempt(
  db: Kysely<DB>,
  a: { id: string; username: string; ip: string | null; success: boolean; createdAt: string },
): Promise<void> {
  await db
    .insertInto("login_attempts")
    .values({ id: a.id, username: a.username, ip: a.ip, success: a.success ? 1 : 0, created_at: a.createdAt })
    .execute();
}

/**
 * Failed attempts after `sinceIso` and after the last success matching the same filter.
 * `username` and/or `ip` narrow the count (both: per IP+username; only ip: per address).
 */
export async function countRecentFailures(
  db: Kysely<DB>,
  filter: { username?: string; ip?: string | null },
  sinceIso: string,
): Promise<number> {
  let base = db.selectFrom("login_attempts").where("created_at", ">", sinceIso);
  if (filter.username !== undefined) base = base.where("username", "=", filter.username);
  if (filter.ip !== undefined)
    base = filter.ip === null ? base.where("ip", "is", null) : base.where("ip", "=", filter.ip);
  const lastSuccess = await base
    .where("success", "=", 1)
    .select((eb) => eb.fn.max("created_at").as("at"))
    .executeTakeFirst();
  let failures = base.where("success", "=", 0);
  if (lastSuccess?.at) failures = failures.where("created_at", ">", lastSuccess.at);
  const r = await failures.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Removes attempts older than `beforeIso`; returns how many. */
export async function deleteLoginAttemptsBefore(db: Kysely<DB>, beforeIso: string): Promise<number> {
  const r = await db.deleteFrom("login_attempts").where("created_at", "<", beforeIso).executeTakeFirst();
  return Number(r.numDeletedRows);
}
