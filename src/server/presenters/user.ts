import type { MembershipWithUnit } from "../../store/repos/memberships.js";
import type { User } from "../../store/schema.js";
import type { MembershipDto, UserDto } from "../api-types.js";

export function presentMembership(m: Pick<MembershipWithUnit, "unit_id" | "unit_name" | "role">): MembershipDto {
  return { unitId: m.unit_id, unitName: m.unit_name, role: m.role };
}

export function presentUser(user: User, memberships: readonly MembershipWithUnit[]): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    isAdmin: user.is_admin === 1,
    memberships: memberships.filter((m) => m.user_id === user.id).map(presentMembership),
  };
}
