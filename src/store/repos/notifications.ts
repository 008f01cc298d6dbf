/**
 * In-app notifications. Each reminder is created once: its `dedupe_key` is unique, and inserting a key that exists
 * changes nothing (INSERT … ON CONFLICT DO NOTHING), so a job run twice — or by two servers — never repeats one.
 */
import type { Selectable } from "kysely";
import type { Executor } from "../db.js";
import { newId } from "../ids.js";
import type { NotificationsTable } from "../schema.js";
import { chunked } from "../sql/insert.js";

export type Notification = Selectable<NotificationsTable>;

export interface NotificationInput {
  user_id: string | null;
  unit_id: string | null;
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
  dedupe_key: string;
}

/**
 * Inserts the notifications whose dedupe keys are new, in batched statements; returns only the rows created now.
 */
export async function insertNotificationsOnce(
  db: Executor,
  inputs: readonly NotificationInput[],
  now: string,
): Promise<Notification[]> {
  const created: Notification[] = [];
  const unique = [...new Map(inputs.map((i) => [i.dedupe_key, i])).values()];
  for (const part of chunked(unique, 500)) {
    if (!part.length) continue;
    const rows = part.map((i) => ({
      id: newId(),
      user_id: i.user_id,
      unit_id: i.unit_id,
      kind: i.kind,
      title: i.title,
      body: i.body ?? null,
      link: i.link ?? null,
      dedupe_key: i.dedupe_key,
      created_at: now,
      read_at: null,
      emailed_at: null,
    }));
    const inserted = await db
      .insertInto("notifications")
      .values(rows)
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returningAll()
      .execute();
    created.push(...inserted);
  }
  return created;
}

export async function listNotificationsForUser(
  db: Executor,
  userId: string,
  opts: { unreadOnly?: boolean; limit?: number; offset?: number } = {},
): Promise<{ rows: Notification[]; total: number; unread: number }> {
  let q = db.selectFrom("notifications").where("user_id", "=", userId);
  if (opts.unreadOnly) q = q.where("read_at", "is", null);
  const [rows, total, unread] = await Promise.all([
    q
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(opts.limit ?? 50)
      .offset(opts.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), unread: Number(unread.n) };
}

export async function getNotification(db: Executor, id: string): Promise<Notification | undefined> {
  return db.selectFrom("notifications").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Marks read (keeps the first reading time); returns the row. */
export async function markNotificationRead(db: Executor, id: string, now: string): Promise<Notification | undefined> {
  await db
    .updateTable("notifications")
    .set({ read_at: now })
    .where("id", "=", id)
    .where("read_at", "is", null)
    .execute();
  return getNotification(db, id);
}

export type PendingEmailRow = Notification & { email: string; display_name: string; unit_name: string | null };

/**
 * Notifications of `kinds` not yet emailed, created since `since`, for users who have an address and are enabled:
 * what the mailer still owes (a failed send is retried on the next run, a sent one never again).
 */
export async function listNotificationsToEmail(
  db: Executor,
  opts: { kinds: readonly string[]; since: string; limit?: number },
): Promise<PendingEmailRow[]> {
  const rows = await db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .leftJoin("units as un", "un.id", "n.unit_id")
    .selectAll("n")
    .select(["u.email", "u.display_name", "un.name as unit_name"])
    .where("n.emailed_at", "is", null)
    .where("n.kind", "in", [...opts.kinds])
    .where("n.created_at", ">=", opts.since)
    .where("u.email", "is not", null)
    .where("u.disabled", "=", 0)
    .orderBy("n.user_id")
    .orderBy("n.unit_id")
    .orderBy("n.created_at")
    .limit(opts.limit ?? 5000)
    .execute();
  return rows as PendingEmailRow[];
}

export async function markNotificationsEmailed(db: Executor, ids: readonly string[], now: string): Promise<void> {
  for (const part of chunked([...ids])) {
    if (part.length) await db.updateTable("notifications").set({ emailed_at: now }).where("id", "in", part).execute();
  }
}

export type OutboxRow = Notification & { unit_name: string | null };

/**
 * Unit-level notifications (no user) of `kind` not yet delivered (emailed_at doubles as "delivered at"): the
 * webhook outbox. A failed delivery stays here and is retried on the next run.
 */
export async function listUndeliveredUnitNotifications(
  db: Executor,
  opts: { kind: string; since: string; limit?: number },
): Promise<OutboxRow[]> {
  return db
    .selectFrom("notifications as n")
    .leftJoin("units as un", "un.id", "n.unit_id")
    .selectAll("n")
    .select("un.name as unit_name")
    .where("n.user_id", "is", null)
    .where("n.kind", "=", opts.kind)
    .where("n.emailed_at", "is", null)
    .where("n.created_at", ">=", opts.since)
    .orderBy("n.unit_id")
    .orderBy("n.created_at")
    .limit(opts.limit ?? 5000)
    .execute() as Promise<OutboxRow[]>;
}
