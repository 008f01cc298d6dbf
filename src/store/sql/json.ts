/**
 * JSON is stored as text on both engines (schema.ts conventions): serialized and parsed here, in the application,
 * so no query depends on json1 (SQLite) or jsonb operators (PostgreSQL).
 */

export function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Parses a JSON text column; `fallback` for NULL or text that is not JSON (never throws on stored data). */
export function parseJsonText<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === "") return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
