/**
 * Import drafts: an uploaded plan document on its way to a published plan (processing → ready → published, or
 * failed). The review screen autosaves; each save names the version it edited, and a stale save gets null.
 */
import type { Selectable, Updateable } from "kysely";
import type { Executor } from "../db.js";
import { newId, nowIso } from "../ids.js";
import type { ImportRow, ImportStatus, ImportsTable } from "../schema.js";

export interface CreateImportInput {
  id?: string;
  file_name: string;
  created_by: string;
  source_file_id?: string | null;
  owner_unit_id?: string | null;
  status?: ImportStatus;
}

/** What may change on an import; id, version, creator and creation time are managed here. */
export type ImportPatch = Omit<Updateable<ImportsTable>, "id" | "version" | "created_by" | "created_at" | "updated_at">;

/** An import without its large text columns, for lists. */
export type ImportSummary = Omit<Selectable<ImportsTable>, "plan_json" | "spans_json" | "cleaned_text" | "review_json">;

const SUMMARY_COLUMNS = [
  "id",
  "source_file_id",
  "file_name",
  "status",
  "error",
  "version",
  "published_plan_id",
  "created_by",
  "owner_unit_id",
  "created_at",
  "updated_at",
] as const;

export async function createImport(db: Executor, input: CreateImportInput, now = nowIso()): Promise<ImportRow> {
  const row: ImportRow = {
    id: input.id ?? newId(),
    source_file_id: input.source_file_id ?? null,
    file_name: input.file_name,
    status: input.status ?? "processing",
    plan_json: null,
    spans_json: null,
    cleaned_text: null,
    review_json: null,
    error: null,
    version: 1,
    published_plan_id: null,
    created_by: input.created_by,
    owner_unit_id: input.owner_unit_id ?? null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("imports").values(row).execute();
  return row;
}

export async function getImport(db: Executor, id: string): Promise<ImportRow | undefined> {
  return db.selectFrom("imports").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface ImportFilter {
  createdBy?: string;
  /** Imports owned by any of these units. */
  ownerUnitIds?: readonly string[];
  status?: ImportStatus | readonly ImportStatus[];
  limit?: number;
  offset?: number;
}

/** Newest first, without the large columns. */
export async function listImports(db: Executor, filter: ImportFilter = {}): Promise<ImportSummary[]> {
  let q = db.selectFrom("imports").select(SUMMARY_COLUMNS);
  if (filter.createdBy) q = q.where("created_by", "=", filter.createdBy);
  if (filter.ownerUnitIds) {
    if (filter.ownerUnitIds.length === 0) return [];
    q = q.where("owner_unit_id", "in", [...filter.ownerUnitIds]);
  }
  if (filter.status !== undefined) {
    const statuses: ImportStatus[] = typeof filter.status === "string" ? [filter.status] : [...filter.status];
    q = q.where("status", "in", statuses);
  }
  return q
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(filter.limit ?? 50)
    .offset(filter.offset ?? 0)
    .execute();
}

/**
 * Saves `patch` if the import is still at `expectedVersion`, bumping the version; null when someone saved first
 * (or the import does not exist): the caller answers CONFLICT and the client reloads.
 */
export async function updateImport(
  db: Executor,
  id: string,
  expectedVersion: number,
  patch: ImportPatch,
  now = nowIso(),
): Promise<ImportRow | null> {
  const row = await db
    .updateTable("imports")
    .set((eb) => ({ ...patch, version: eb("version", "+", 1), updated_at: now }))
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Saves without a version check, still bumping the version so open editors notice: for the extraction job and
 * for publishing, which own the import at that moment. Null when the import does not exist.
 */
export async function forceUpdateImport(
  db: Executor,
  id: string,
  patch: ImportPatch,
  now = nowIso(),
): Promise<ImportRow | null> {
  const row = await db
    .updateTable("imports")
    .set((eb) => ({ ...patch, version: eb("version", "+", 1), updated_at: now }))
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function deleteImport(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom("imports").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
