/** Minimal rows for the store's own tests (the application's factories live in src/server/test/factories.ts). */
import type { Executor } from "../db.js";
import { newId, nowIso } from "../ids.js";
import { createUnit } from "../repos/units.js";
import type { Unit, UnitKind, User } from "../schema.js";

export async function insertTestUser(db: Executor, name = "Cán bộ"): Promise<User> {
  const now = nowIso();
  const id = newId();
  const row: User = {
    id,
    username: `user-${id}`,
    display_name: name,
    email: null,
    password_hash: "not-a-hash",
    is_admin: 0,
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    password_changed_at: now,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("users").values(row).execute();
  return row;
}

export async function insertTestUnit(
  db: Executor,
  name: string,
  kind: UnitKind = "department",
  parentId: string | null = null,
): Promise<Unit> {
  return createUnit(db, { name, kind, parent_id: parentId });
}
