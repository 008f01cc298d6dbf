/**
 * Opening the database.
 *
 * Two engines, one schema and one code path:
 * - SQLite (better-sqlite3) is the embedded default: a single file under ./data, nothing to install, WAL so readers
 *   never wait for the writer. Right for one office running tiendo on one machine.
 * - PostgreSQL when `url` is `postgres://…`: app servers become stateless and several can share one database.
 *
 * The schema avoids engine-specific types (see schema.ts: text ids, ISO text timestamps, 0/1 booleans, JSON as text,
 * Buffer blobs), so repositories are written once; the few real differences live in src/store/sql/.
 */
import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import type { DB } from "./schema.js";
import type { Engine } from "./sql/dialect.js";

export type { Engine };

export interface Database {
  db: Kysely<DB>;
  dialect: Engine;
  /** SQLite only: the database file (absolute); undefined in memory and on PostgreSQL. */
  file?: string | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…` / `postgresql://…` selects PostgreSQL; anything else (or nothing) selects SQLite. */
  url?: string;
  /** SQLite file; default `./data/tiendo.db`; `:memory:` for a throw-away database. */
  sqlitePath?: string;
  /** PostgreSQL schema to work in (created if missing); default: the server's search_path. */
  pgSchema?: string;
}

export const DEFAULT_SQLITE_PATH = "./data/tiendo.db";

export function isPostgresUrl(url: string | undefined): boolean {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  if (opts.url && isPostgresUrl(opts.url)) return openPostgres(opts.url, opts.pgSchema);
  let file = opts.sqlitePath;
  if (!file && opts.url) file = opts.url.replace(/^(sqlite|file):(\/\/)?/i, "");
  return openSqlite(file || DEFAULT_SQLITE_PATH);
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function openSqlite(file: string): Database {
  const where = file === ":memory:" ? "bộ nhớ (:memory:)" : path.resolve(file);
  let handle: SqliteDatabase.Database | undefined;
  try {
    if (file !== ":memory:") {
      try {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      } catch (err) {
        throw new Error(`không tạo được thư mục ${path.dirname(path.resolve(file))}: ${reason(err)}`);
      }
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
        throw new Error("đường dẫn là một thư mục, không phải tệp");
      }
    }
    handle = new SqliteDatabase(file);
    // journal_mode is the first statement that reads the file header, so a file that is not a database fails here.
    handle.pragma("journal_mode = WAL");
    handle.pragma("foreign_keys = ON");
    handle.pragma("busy_timeout = 5000");
    handle.pragma("synchronous = NORMAL");
    handle.prepare("select count(*) from sqlite_master").get();
  } catch (err) {
    handle?.close();
    const msg = reason(err);
    const hint = /not a database|file is encrypted/i.test(msg) ? " (tệp không phải cơ sở dữ liệu SQLite)" : "";
    throw new Error(`Không mở được cơ sở dữ liệu SQLite tại ${where}: ${msg}${hint}`, { cause: err });
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    db,
    dialect: "sqlite",
    file: file === ":memory:" || file === "" ? undefined : path.resolve(file),
    close: () => db.destroy(),
  };
}

/** pg returns int8 (COUNT(*), SUM of integers) and NUMERIC as strings; our numbers fit a JS number. */
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === 20) return (v: string) => Number(v);
    if (oid === 1700) return (v: string) => Number.parseFloat(v);
    return pg.types.getTypeParser(oid, format as "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The URL without its password, for messages. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(địa chỉ không hợp lệ)";
  }
}

async function openPostgres(url: string, schema: string | undefined): Promise<Database> {
  const where = redactUrl(url);
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Tên schema PostgreSQL không hợp lệ: "${schema}" (chỉ dùng chữ cái, chữ số, dấu gạch dưới)`);
  }
  const poolConfig: pg.PoolConfig = { connectionString: url, types: pgTypes, connectionTimeoutMillis: 10_000 };
  if (schema) {
    // Create the schema before the pool exists, so every pooled connection can start with it in search_path.
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query(`create schema if not exists "${schema}"`);
    } catch (err) {
      throw new Error(`Không kết nối được PostgreSQL tại ${where}: ${reason(err)}`, { cause: err });
    } finally {
      await client.end().catch(() => {});
    }
    poolConfig.options = `-c search_path=${schema}`;
  }
  const pool = new pg.Pool(poolConfig);
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => {});
    throw new Error(`Không kết nối được PostgreSQL tại ${where}: ${reason(err)}`, { cause: err });
  }
  return { db, dialect: "postgres", close: () => db.destroy() };
}

/** What repository functions take first: the database or a transaction of it; the caller decides. */
export type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Runs `fn` in a transaction: inside the caller's transaction when given one, else in a new one. For repository
 * functions that write several statements that must land together.
 */
export async function inTransaction<T>(db: Executor, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<DB>);
  return db.transaction().execute(fn);
}
