/**
 * Named building blocks for the rules. A unit path is the unit's id followed by its ancestors' ids up to the root,
 * so "the actor holds role R in the subtree containing this unit" is one membership lookup, no query.
 */
import type { Role } from "../../store/schema.js";
import type { Actor } from "../context.js";

export type UnitPath = readonly string[];

export const isSystem = (actor: Actor): boolean => actor.kind === "system";

export const isSystemAdmin = (actor: Actor): boolean => actor.kind === "system" || actor.isAdmin;

export const isUser = (actor: Actor, userId: string): boolean => actor.kind === "user" && actor.id === userId;

/** The actor holds one of `roles` in a unit on `unitPath` (that unit or one of its ancestors). */
export function hasRoleOver(actor: Actor, roles: readonly Role[], unitPath: UnitPath): boolean {
  if (actor.kind !== "user") return false;
  return actor.memberships.some((m) => roles.includes(m.role) && unitPath.includes(m.unitId));
}

export const inUnitSubtree = (actor: Actor, unitPath: UnitPath): boolean =>
  hasRoleOver(actor, ["admin", "coordinator", "leader", "reporter", "viewer"], unitPath);

export function hasRoleAnywhere(actor: Actor, roles: readonly Role[]): boolean {
  return actor.kind === "user" && actor.memberships.some((m) => roles.includes(m.role));
}

export const any =
  <T>(...rules: ((actor: Actor, target: T) => boolean)[]) =>
  (actor: Actor, target: T): boolean =>
    rules.some((r) => r(actor, target));
