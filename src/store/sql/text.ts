import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";

/** Escapes LIKE wildcards so user input matches literally (escape character: backslash). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column LIKE '%needle%'` with the needle taken literally. Both engines get an explicit ESCAPE clause (SQLite has
 * no default escape character). Case: compare folded keys (search_key) with a folded needle, so SQLite's
 * ASCII-case-insensitive LIKE and PostgreSQL's case-sensitive LIKE agree.
 */
export function likeContains(column: Expression<string | null>, needle: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${"%" + escapeLike(needle) + "%"} escape '\\'`;
}

/** `column LIKE 'prefix%'`, literal prefix. */
export function likePrefix(column: Expression<string | null>, prefix: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${escapeLike(prefix) + "%"} escape '\\'`;
}
