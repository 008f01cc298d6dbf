import type { Actor } from "../context.js";
import { hasRoleOver, isSystemAdmin, isUser, type UnitPath } from "./predicates.js";

export interface UserTarget {
  id: string;
  /** Unit paths of the target user's memberships. */
  unitPaths: readonly UnitPath[];
}

const adminOfAnyUnitOf = (actor: Actor, user: UserTarget) =>
  user.unitPaths.some((p) => hasRoleOver(actor, ["admin"], p));

export const userRules = {
  /** Account administration is for system administrators; unit administrators manage roles inside their units. */
  "user.list": (actor: Actor, _t: null) => isSystemAdmin(actor),
  "user.create": (actor: Actor, _t: null) => isSystemAdmin(actor),
  "user.read": (actor: Actor, user: UserTarget) =>
    isSystemAdmin(actor) || isUser(actor, user.id) || adminOfAnyUnitOf(actor, user),
  "user.update": (actor: Actor, user: UserTarget) => isSystemAdmin(actor) || adminOfAnyUnitOf(actor, user),
  /** Making someone a system administrator is for system administrators only. */
  "user.grantSystemAdmin": (actor: Actor, _t: null) => isSystemAdmin(actor),
};
