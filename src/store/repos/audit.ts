/**
 * The append-only audit table: insert and read, never update (the schema makes every column's update type `never`).
 */
import type { Kysely } from "kysely";
import { newId } from "../ids.js";
import type { AuditEvent, DB } from "../schema.js";

export interface AuditInsert {
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  at: Date;
}

export async function insertAuditEvent(db: Kysely<DB>, e: AuditInsert): Promise<string> {
  const id = newId();
  await db
    .insertInto("audit_events")
    .values({
      id,
      actor_user_id: e.actorUserId,
      actor_label: e.actorLabel,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      before_json: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
      ip: e.ip,
      created_at: e.at.toISOString(),
    })
    .execute();
  return id;
}

export interface AuditFilter {
  actorUserId?: string;
  /** Exact action ("report.submitted") or a prefix ending with "." ("report."). */
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Inclusive ISO bounds on created_at. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

function filteredEvents(db: Kysely<DB>, f: Omit<AuditFilter, "limit" | "offset">) {
  let q = db.selectFrom("audit_events");
  if (f.actorUserId) q = q.where("actor_user_id", "=", f.actorUserId);
  if (f.action) {
    if (f.action.endsWith(".")) {
      const prefix = f.action;
      q = q.where((eb) => eb(eb.fn("substr", [eb.ref("action"), eb.val(1), eb.val(prefix.length)]), "=", prefix));
    } else q = q.where("action", "=", f.action);
  }
  if (f.entityType) q = q.where("entity_type", "=", f.entityType);
  if (f.entityId) q = q.where("entity_id", "=", f.entityId);
  if (f.from) q = q.where("created_at", ">=", f.from);
  if (f.to) q = q.where("created_at", "<=", f.to);
  return q;
}

export async function listAuditEvents(db: Kysely<DB>, f: AuditFilter): Promise<{ rows: AuditEvent[]; total: number }> {
  const q = filteredEvents(db, f);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy("created_at", "desc").orderBy("id", "desc").limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Every event matching the filter, newest first, read in batches of `batchSize` with a keyset cursor
 * (created_at, id): memory stays at one batch however long the log, and no batch re-reads skipped rows.
 */
export async function* iterateAuditEvents(
  db: Kysely<DB>,
  f: Omit<AuditFilter, "limit" | "offset">,
  batchSize = 1000,
): AsyncGenerator<AuditEvent> {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let q = filteredEvents(db, f);
    if (after) {
      const { at, id } = after;
      q = q.where((eb) => eb.or([eb("created_at", "<", at), eb.and([eb("created_at", "=", at), eb("id", "<", id)])]));
    }
    const rows = await q.selectAll().orderBy("created_at", "desc").orderBy("id", "desc").limit(batchSize).execute();
    yield* rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < batchSize) return;
    after = { at: last.created_at, id: last.id };
  }
}
