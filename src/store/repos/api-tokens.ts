/**
 * Personal API tokens (Bearer). Stored as SHA-256; `prefix` identifies a token in lists.
 */
import type { Kysely } from "kysely";
import type { ApiToken, DB } from "../schema.js";

export async function insertApiToken(db: Kysely<DB>, token: ApiToken): Promise<void> {
  await db.insertInto("api_tokens").values(token).execute();
}

export async function findApiTokenById(db: Kysely<DB>, id: string): Promise<ApiToken | undefined> {
  return db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findApiTokenByHash(db: Kysely<DB>, tokenHash: string): Promise<ApiToken | undefined> {
  return db.selectFrom("api_tokens").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/** The user's tokens, newest first; revoked ones included only when asked. */
export async function listApiTokens(
  db: Kysely<DB>,
  userId: string,
  opts: { includeRevoked?: boolean } = {},
): Promise<ApiToken[]> {
  let q = db.selectFrom("api_tokens").selectAll().where("user_id", "=", userId);
  if (!opts.includeRevoked) q = q.where("revoked_at", "is", null);
  return q.orderBy("created_at", "desc").orderBy("id").execute();
}

export async function revokeApiToken(db: Kysely<DB>, id: string, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable("api_tokens")
    .set({ revoked_at: nowIso })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function revokeUserApiTokens(db: Kysely<DB>, userId: string, nowIso: string): Promise<number> {
  const r = await db
    .updateTable("api_tokens")
    .set({ revoked_at: nowIso })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function touchApiToken(db: Kysely<DB>, id: string, nowIso: string): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: nowIso }).where("id", "=", id).execute();
}
