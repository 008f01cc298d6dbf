/**
 * The engine behind an executor, and the few places where SQLite and PostgreSQL need different SQL.
 * Repositories ask here instead of branching on their own.
 */
import { type Kysely, PostgresAdapter, type Transaction } from "kysely";

export type Engine = "sqlite" | "postgres";

// biome-ignore lint/suspicious/noExplicitAny: works for any database interface.
type AnyExecutor = Kysely<any> | Transaction<any>;

export function engineOf(db: AnyExecutor): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/**
 * Largest number of bound parameters one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32766 since
 * 3.32) and PostgreSQL's wire-protocol limit (65535).
 */
export function maxParameters(db: AnyExecutor): number {
  return engineOf(db) === "postgres" ? 65535 : 32766;
}

/**
 * `SELECT … FOR UPDATE` on PostgreSQL. SQLite has no row locks: Kysely runs all of a SQLite database's statements
 * on one connection and a transaction holds it until commit, so the read-then-write is already serialized.
 * Use as `.$call(forUpdate(tx))`; it asks for a Transaction because a lock outside one is released at once.
 */
// biome-ignore lint/suspicious/noExplicitAny: works for any database interface.
export function forUpdate(tx: Transaction<any>) {
  const pg = engineOf(tx) === "postgres";
  return <QB extends { forUpdate(): QB }>(qb: QB): QB => (pg ? qb.forUpdate() : qb);
}
