import { expect, it } from "vitest";
import { newId, nowIso } from "../ids.js";
import { describeEachEngine } from "../testing.js";
import {
  clearLoginFailures,
  databaseReachable,
  findUserById,
  findUserByUsername,
  incrementFailedLogins,
  insertUser,
  listUsers,
  lockUser,
} from "./users.js";

const newUser = (username: string, displayName = "Nguyễn Văn A") => {
  const now = nowIso();
  return {
    id: newId(),
    username,
    display_name: displayName,
    email: null,
    password_hash: "x",
    is_admin: 0,
    disabled: 0,
    locked_until: null,
    password_changed_at: now,
    created_at: now,
    updated_at: now,
  };
};

describeEachEngine("users repo", (getDb) => {
  it("stores usernames lower-case and finds them case-insensitively", async () => {
    const db = getDb().db;
    const u = await insertUser(db, newUser(`  CanBo.${Date.now()}  `));
    expect(u.username).toBe(u.username.trim().toLowerCase());
    expect((await findUserByUsername(db, u.username.toUpperCase()))?.id).toBe(u.id);
    expect(u.failed_logins).toBe(0);
  });

  it("counts failures, locks and clears", async () => {
    const db = getDb().db;
    const u = await insertUser(db, newUser(`lock${Date.now()}`));
    expect(await incrementFailedLogins(db, u.id, nowIso())).toBe(1);
    expect(await incrementFailedLogins(db, u.id, nowIso())).toBe(2);
    await lockUser(db, u.id, "2099-01-01T00:00:00.000Z", nowIso());
    expect((await findUserById(db, u.id))?.locked_until).toBe("2099-01-01T00:00:00.000Z");
    await clearLoginFailures(db, u.id);
    expect(await findUserById(db, u.id)).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it("lists with a search on username or display name, with the total", async () => {
    const db = getDb().db;
    const tag = `tim${Date.now()}`;
    await insertUser(db, newUser(`${tag}a`, "Lê Thị Hoa"));
    await insertUser(db, newUser(`${tag}b`, "Trần Văn Bình"));
    const page = await listUsers(db, { q: tag, limit: 1, offset: 0 });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.username)).toEqual([`${tag}a`]);
    expect(await databaseReachable(db)).toBe(true);
  });
});
