/**
 * Leases for scheduled jobs: with several app servers on one database, exactly one runs a job at a time. Taking a
 * lease is one atomic statement (INSERT … ON CONFLICT DO UPDATE … WHERE the current lease has expired or is ours),
 * so two servers racing for it cannot both win, on SQLite and on PostgreSQL alike.
 */
import type { Executor } from "../db.js";

export interface Lease {
  name: string;
  holder: string;
  lockedUntil: string;
}

/**
 * Takes (or renews) the lease `name` for `holder` until `now + ttlMs`. Returns the lease when taken, null when
 * another holder's lease is still running.
 */
export async function tryAcquireLease(
  db: Executor,
  name: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<Lease | null> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + ttlMs).toISOString();
  const row = await db
    .insertInto("job_locks")
    .values({ name, holder, locked_until: until })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ holder, locked_until: until })
        .where((eb) => eb.or([eb("job_locks.locked_until", "<=", nowIso), eb("job_locks.holder", "=", holder)])),
    )
    .returning(["name", "holder", "locked_until"])
    .executeTakeFirst();
  if (!row || row.holder !== holder) return null;
  return { name: row.name, holder: row.holder, lockedUntil: row.locked_until };
}

/** Gives the lease back early (only if still ours). */
export async function releaseLease(db: Executor, name: string, holder: string): Promise<void> {
  await db.deleteFrom("job_locks").where("name", "=", name).where("holder", "=", holder).execute();
}

export async function getLease(db: Executor, name: string): Promise<Lease | undefined> {
  const row = await db.selectFrom("job_locks").selectAll().where("name", "=", name).executeTakeFirst();
  return row ? { name: row.name, holder: row.holder, lockedUntil: row.locked_until } : undefined;
}
