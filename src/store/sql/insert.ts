import type { Insertable, Kysely, Transaction } from "kysely";
import type { DB } from "../schema.js";
import { maxParameters } from "./dialect.js";

/**
 * Inserts many rows with multi-row INSERT statements, as few as the engine's parameter limit allows
 * (never one statement per row). Rows may omit different optional columns: Kysely sends DEFAULT (PostgreSQL) or
 * NULL (SQLite) for the holes, so give every row the same keys when a column has a non-null default.
 * Returns the number of rows inserted.
 */
export async function insertInChunks<T extends keyof DB & string>(
  db: Kysely<DB> | Transaction<DB>,
  table: T,
  rows: readonly Insertable<DB[T]>[],
  chunkSize = 1000,
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = new Set<string>();
  for (const row of rows) for (const k of Object.keys(row as object)) columns.add(k);
  const perStatement = Math.max(1, Math.min(chunkSize, Math.floor(maxParameters(db) / Math.max(1, columns.size))));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    // The generic table name defeats Kysely's per-table typing; the signature above already checked the rows.
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    const untyped = db as Kysely<any>;
    await untyped
      .insertInto(table)
      .values(chunk as Record<string, unknown>[])
      .execute();
  }
  return rows.length;
}

/** Splits values for `where x in (…)` lists so a statement stays under the parameter limit. */
export function chunked<T>(values: readonly T[], size = 5000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
