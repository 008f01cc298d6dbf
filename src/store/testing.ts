/**
 * Test harness for every integration test in the project: a real, freshly migrated database per call, SQLite in
 * memory always and PostgreSQL too when TIENDO_TEST_PG_URL is set (e.g. postgres://root@127.0.0.1:5432/test).
 * Each PostgreSQL database lives in its own schema `t_<random>`, dropped on close, so parallel runs never collide.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe } from "vitest";
import { type Database, type Engine, openDatabase } from "./db.js";
import { migrateToLatest } from "./migrate.js";

export type { Database, Engine };

const PG_URL = process.env.TIENDO_TEST_PG_URL?.trim() || undefined;

/** The engines to test on: SQLite always; PostgreSQL only when TIENDO_TEST_PG_URL is set. */
export const testEngines: Engine[] = PG_URL ? ["sqlite", "postgres"] : ["sqlite"];

export async function openTestDatabase(engine: Engine): Promise<Database> {
  if (engine === "sqlite") {
    const database = await openDatabase({ sqlitePath: ":memory:" });
    await migrateToLatest(database.db);
    return database;
  }
  if (!PG_URL) throw new Error("TIENDO_TEST_PG_URL chưa được đặt: không có PostgreSQL để kiểm thử");
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const database = await openDatabase({ url: PG_URL, pgSchema: schema });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
    } finally {
      await database.close();
    }
  };
  try {
    await migrateToLatest(database.db);
  } catch (err) {
    await close();
    throw err;
  }
  return { db: database.db, dialect: "postgres", close };
}

/**
 * `describe` once per engine ("<name> [sqlite]", "<name> [postgres]"). One database per describe block, opened in
 * beforeAll and closed in afterAll: tests in a block share it, so each test creates its own rows (fresh ids) and
 * must not assume empty tables. Call `getDb()` inside tests/hooks, not at collection time.
 */
export function describeEachEngine(name: string, fn: (getDb: () => Database, engine: Engine) => void): void {
  for (const engine of testEngines) {
    describe(`${name} [${engine}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(engine);
      });
      afterAll(async () => {
        await database?.close();
        database = undefined;
      });
      fn(() => {
        if (!database) throw new Error("describeEachEngine: getDb() gọi ngoài test (cơ sở dữ liệu chưa mở)");
        return database;
      }, engine);
    });
  }
}
