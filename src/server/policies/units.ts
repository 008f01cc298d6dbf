import type { Actor } from "../context.js";
import { hasRoleAnywhere, hasRoleOver, isSystemAdmin, type UnitPath } from "./predicates.js";

export interface UnitTarget {
  id: string;
  /** The unit's id then its ancestors' ids. */
  unitPath: UnitPath;
}

/** Where a new unit would go: the parent's path, or null for a new top-level unit. */
export interface NewUnitTarget {
  parentPath: UnitPath | null;
}

/** A unit group: its owner unit's path (empty for a group without owner). */
export interface UnitGroupTarget {
  id: string;
  ownerPath: UnitPath;
}

/** Directory editors: system administrators, and administrators/coordinators within their subtree. */
const editsDirectoryAt = (actor: Actor, path: UnitPath): boolean =>
  isSystemAdmin(actor) || hasRoleOver(actor, ["admin", "coordinator"], path);

export const unitRules = {
  /** The directory is not secret: every signed-in user may look units up (assignment and reporting need it). */
  "unit.read": (_actor: Actor, _unit: UnitTarget) => true,
  /** Edit a unit (name, aliases, validity, parent), merge it, split it. */
  "unit.manage": (actor: Actor, unit: UnitTarget) => editsDirectoryAt(actor, unit.unitPath),
  /** Add a unit under a parent; a new top-level unit (a province) is for system administrators only. */
  "unit.create": (actor: Actor, t: NewUnitTarget) =>
    t.parentPath === null ? isSystemAdmin(actor) : editsDirectoryAt(actor, t.parentPath),
  /** Upload a directory file; each row is then checked against the actor's subtree. */
  "unit.import": (actor: Actor, _t: null) => isSystemAdmin(actor) || hasRoleAnywhere(actor, ["admin", "coordinator"]),
  "unit_group.read": (_actor: Actor, _g: UnitGroupTarget) => true,
  /** Groups without an owner belong to the system administrators. */
  "unit_group.manage": (actor: Actor, g: UnitGroupTarget) =>
    g.ownerPath.length === 0 ? isSystemAdmin(actor) : editsDirectoryAt(actor, g.ownerPath),
};
