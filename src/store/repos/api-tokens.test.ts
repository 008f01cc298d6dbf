import { expect, it } from "vitest";
import { newId, nowIso } from "../ids.js";
import { describeEachEngine } from "../testing.js";
import {
  findApiTokenByHash,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
  revokeUserApiTokens,
} from "./api-tokens.js";
import { insertUser } from "./users.js";

describeEachEngine("api-tokens repo", (getDb) => {
  it("finds by hash, lists live tokens newest first, revokes", async () => {
    const db = getDb().db;
    const now = nowIso();
    const u = await insertUser(db, {
      id: newId(),
      username: `t${newId().slice(0, 8)}`,
      display_name: "A",
      email: null,
      password_hash: "x",
      is_admin: 0,
      disabled: 0,
      locked_until: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    const token = (name: string, created: string) => ({
      id: newId(),
      user_id: u.id,
      name,
      token_hash: newId(),
      prefix: "tdo_abcdef",
      created_at: created,
      last_used_at: null,
      expires_at: null,
      revoked_at: null,
    });
    const a = token("cũ", "2025-01-01T00:00:00.000Z");
    const b = token("mới", "2025-06-01T00:00:00.000Z");
    await insertApiToken(db, a);
    await insertApiToken(db, b);
    expect((await findApiTokenByHash(db, b.token_hash))?.id).toBe(b.id);
    expect((await listApiTokens(db, u.id)).map((t) => t.name)).toEqual(["mới", "cũ"]);
    expect(await revokeApiToken(db, a.id, nowIso())).toBe(true);
    expect((await listApiTokens(db, u.id)).map((t) => t.id)).toEqual([b.id]);
    expect(await listApiTokens(db, u.id, { includeRevoked: true })).toHaveLength(2);
    expect(await revokeUserApiTokens(db, u.id, nowIso())).toBe(1);
  });
});
