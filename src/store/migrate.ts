/**
 * Forward-only migrations. The provider lists the migration modules explicitly (no directory scan), so it works the
 * same from dist/ (compiled .js) and from tsx (.ts) and in bundled tests. To add a migration: create
 * `migrations/YYYYMMDDHHMM-slug.ts` exporting `up(db: Kysely<any>)`, import it here, add it to MIGRATIONS.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from "kysely";
import * as m202611220000 from "./migrations/202611220000-initial.js";
import * as m202611220100 from "./migrations/202611220100-reporting-indexes.js";
import * as m202611221000 from "./migrations/202611221000-public-plans.js";
import * as m202611221300 from "./migrations/202611221300-settings.js";
import type { DB } from "./schema.js";

const MIGRATIONS: Record<string, Migration> = {
  "202611220000-initial": m202611220000,
  "202611220100-reporting-indexes": m202611220100,
  "202611221000-public-plans": m202611221000,
  "202611221300-settings": m202611221300,
};

const provider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

export const migrationNames: readonly string[] = Object.keys(MIGRATIONS).sort();

async function createMigrator(db: Kysely<DB>): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Kysely looks for its bookkeeping tables in every schema unless told which one; with several schemas in one
    // database (one per test run, or one per deployment) it must be the schema we are working in.
    const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = r.rows[0]?.schema ?? undefined;
  }
  return new Migrator({
    db,
    provider,
    allowUnorderedMigrations: false,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

/** Applies every pending migration; returns the names applied now (empty when already up to date). */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = await createMigrator(db);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      failed
        ? `Cập nhật cấu trúc cơ sở dữ liệu thất bại ở bước "${failed}": ${why}`
        : `Cập nhật cấu trúc cơ sở dữ liệu thất bại: ${why}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Names of the migrations not yet applied, in order. */
export async function pendingMigrations(db: Kysely<DB>): Promise<string[]> {
  const migrator = await createMigrator(db);
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
