/**
 * Accounts. Usernames are stored lower-case and trimmed, so "Admin" and "admin" are the same account.
 */
import type { Kysely, Updateable } from "kysely";
import type { DB, NewUser, User, UsersTable } from "../schema.js";
import { likeContains } from "../sql/text.js";

export function normalizeUsername(username: string): string {
  return username.normalize("NFC").trim().toLowerCase();
}

export async function findUserById(db: Kysely<DB>, id: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findUserByUsername(db: Kysely<DB>, username: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("username", "=", normalizeUsername(username)).executeTakeFirst();
}

export async function insertUser(db: Kysely<DB>, user: NewUser): Promise<User> {
  const row = { ...user, username: normalizeUsername(user.username) };
  await db.insertInto("users").values(row).execute();
  const saved = await findUserById(db, row.id);
  if (!saved) throw new Error("insertUser: row not found after insert");
  return saved;
}

export async function updateUser(
  db: Kysely<DB>,
  id: string,
  patch: Omit<Updateable<UsersTable>, "id" | "username">,
): Promise<void> {
  await db.updateTable("users").set(patch).where("id", "=", id).execute();
}

export interface ListUsersOptions {
  /** Folded text matched against username and display name. */
  q?: string;
  limit: number;
  offset: number;
}

export async function listUsers(db: Kysely<DB>, opts: ListUsersOptions): Promise<{ rows: User[]; total: number }> {
  let query = db.selectFrom("users");
  if (opts.q) {
    const needle = opts.q.toLowerCase();
    query = query.where((eb) =>
      eb.or([likeContains(eb.ref("username"), needle), likeContains(eb.fn("lower", [eb.ref("display_name")]), needle)]),
    );
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy("username").limit(opts.limit).offset(opts.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Adds one to the consecutive-failure counter; returns the new count. */
export async function incrementFailedLogins(db: Kysely<DB>, id: string, nowIso: string): Promise<number> {
  await db
    .updateTable("users")
    .set((eb) => ({ failed_logins: eb("failed_logins", "+", 1), updated_at: nowIso }))
    .where("id", "=", id)
    .execute();
  const r = await db.selectFrom("users").select("failed_logins").where("id", "=", id).executeTakeFirst();
  return Number(r?.failed_logins ?? 0);
}

export async function lockUser(db: Kysely<DB>, id: string, untilIso: string, nowIso: string): Promise<void> {
  await db.updateTable("users").set({ locked_until: untilIso, updated_at: nowIso }).where("id", "=", id).execute();
}

export async function clearLoginFailures(db: Kysely<DB>, id: string): Promise<void> {
  await db.updateTable("users").set({ failed_logins: 0, locked_until: null }).where("id", "=", id).execute();
}

/** True when the database answers a trivial query (health check). */
export async function databaseReachable(db: Kysely<DB>): Promise<boolean> {
  try {
    await db.selectNoFrom((eb) => eb.val(1).as("ok")).execute();
    return true;
  } catch {
    return false;
  }
}
