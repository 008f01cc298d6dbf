import type { Kysely } from "kysely";
import { listMembershipsOfUsers } from "../../store/repos/memberships.js";
import type { DB, User } from "../../store/schema.js";
import type { UserActor } from "../context.js";

/** The actor for a user row without loading memberships (for audit labels where roles do not matter). */
export function basicUserActor(
  user: User,
  via: UserActor["via"],
  ids: { sessionId?: string | null; tokenId?: string | null } = {},
): UserActor {
  return {
    kind: "user",
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    isAdmin: user.is_admin === 1,
    memberships: [],
    via,
    sessionId: ids.sessionId ?? null,
    tokenId: ids.tokenId ?? null,
  };
}

export async function loadUserActor(
  db: Kysely<DB>,
  user: User,
  via: UserActor["via"],
  ids: { sessionId?: string | null; tokenId?: string | null } = {},
): Promise<UserActor> {
  const memberships = await listMembershipsOfUsers(db, [user.id]);
  return {
    kind: "user",
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    isAdmin: user.is_admin === 1,
    memberships: memberships.map((m) => ({ unitId: m.unit_id, unitName: m.unit_name, role: m.role })),
    via,
    sessionId: ids.sessionId ?? null,
    tokenId: ids.tokenId ?? null,
  };
}
