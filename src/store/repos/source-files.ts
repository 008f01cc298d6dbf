/** Uploaded plan documents, kept as received and addressed by their SHA-256 (the same file is stored once). */
import { createHash } from "node:crypto";
import type { Selectable } from "kysely";
import type { Executor } from "../db.js";
import { newId, nowIso } from "../ids.js";
import type { SourceFilesTable } from "../schema.js";

export type SourceFile = Selectable<SourceFilesTable>;
export type SourceFileMeta = Omit<SourceFile, "content">;

export function sha256Hex(content: Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

export interface StoreSourceFileInput {
  file_name: string;
  mime: string;
  content: Buffer;
  created_by?: string | null;
}

/**
 * Stores a file unless one with the same content exists; either way returns the stored row's metadata and whether
 * this call created it. Safe under concurrent uploads of the same file (ON CONFLICT on the unique sha256).
 */
export async function storeSourceFile(
  db: Executor,
  input: StoreSourceFileInput,
  now = nowIso(),
): Promise<{ file: SourceFileMeta; created: boolean }> {
  const sha256 = sha256Hex(input.content);
  const id = newId();
  const inserted = await db
    .insertInto("source_files")
    .values({
      id,
      sha256,
      file_name: input.file_name,
      mime: input.mime,
      size: input.content.length,
      content: input.content,
      created_by: input.created_by ?? null,
      created_at: now,
    })
    .onConflict((oc) => oc.column("sha256").doNothing())
    .returning("id")
    .executeTakeFirst();
  const file = await getSourceFileMetaBySha256(db, sha256);
  if (!file) throw new Error(`Không lưu được tệp ${input.file_name}`);
  return { file, created: inserted?.id === id };
}

const META_COLUMNS = ["id", "sha256", "file_name", "mime", "size", "created_by", "created_at"] as const;

export async function getSourceFile(db: Executor, id: string): Promise<SourceFile | undefined> {
  return db.selectFrom("source_files").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function getSourceFileMeta(db: Executor, id: string): Promise<SourceFileMeta | undefined> {
  return db.selectFrom("source_files").select(META_COLUMNS).where("id", "=", id).executeTakeFirst();
}

export async function getSourceFileBySha256(db: Executor, sha256: string): Promise<SourceFile | undefined> {
  return db.selectFrom("source_files").selectAll().where("sha256", "=", sha256.toLowerCase()).executeTakeFirst();
}

export async function getSourceFileMetaBySha256(db: Executor, sha256: string): Promise<SourceFileMeta | undefined> {
  return db
    .selectFrom("source_files")
    .select(META_COLUMNS)
    .where("sha256", "=", sha256.toLowerCase())
    .executeTakeFirst();
}
