import { expect, it } from "vitest";
import { newId, nowIso } from "../ids.js";
import { describeEachEngine } from "../testing.js";
import {
  deleteEndedSessions,
  findSession,
  insertSession,
  revokeSession,
  revokeUserSessions,
  touchSession,
} from "./sessions.js";
import { insertUser } from "./users.js";

describeEachEngine("sessions repo", (getDb) => {
  const makeUser = async () => {
    const now = nowIso();
    return insertUser(getDb().db, {
      id: newId(),
      username: `s${newId().slice(0, 8)}`,
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
  };
  const session = (userId: string, expires = "2099-01-01T00:00:00.000Z") => ({
    id: newId(),
    user_id: userId,
    csrf_token: "c",
    ip: "127.0.0.1",
    user_agent: null,
    created_at: nowIso(),
    last_seen_at: nowIso(),
    expires_at: expires,
    revoked_at: null,
  });

  it("inserts, touches and revokes one session once", async () => {
    const db = getDb().db;
    const u = await makeUser();
    const s = session(u.id);
    await insertSession(db, s);
    await touchSession(db, s.id, "2030-01-01T00:00:00.000Z");
    expect((await findSession(db, s.id))?.last_seen_at).toBe("2030-01-01T00:00:00.000Z");
    expect(await revokeSession(db, s.id, nowIso())).toBe(true);
    expect(await revokeSession(db, s.id, nowIso())).toBe(false);
  });

  it("revokes a user's other live sessions and deletes ended ones", async () => {
    const db = getDb().db;
    const u = await makeUser();
    const keep = session(u.id);
    const other = session(u.id);
    const expired = session(u.id, "2000-01-01T00:00:00.000Z");
    for (const s of [keep, other, expired]) await insertSession(db, s);
    expect(await revokeUserSessions(db, u.id, nowIso(), keep.id)).toBe(1);
    expect((await findSession(db, keep.id))?.revoked_at).toBeNull();
    expect((await findSession(db, other.id))?.revoked_at).not.toBeNull();
    expect(await deleteEndedSessions(db, "2001-01-01T00:00:00.000Z")).toBeGreaterThanOrEqual(1);
    expect(await findSession(db, expired.id)).toBeUndefined();
    expect(await findSession(db, keep.id)).toBeDefined();
  });
});
