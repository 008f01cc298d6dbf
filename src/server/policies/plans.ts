import type { ImportStatus, PlanStatus } from "../../store/schema.js";
import type { Actor } from "../context.js";
import { hasRoleAnywhere, hasRoleOver, inUnitSubtree, isSystemAdmin, isUser, type UnitPath } from "./predicates.js";

export interface PlanTarget {
  id: string;
  status: PlanStatus;
  /** Path of the issuing unit; empty when the issuer is not in the directory. */
  issuerUnitPath: UnitPath;
  /** Paths of the units assigned tasks in the plan (lead or support). */
  assignedUnitPaths?: readonly UnitPath[];
}

/** Target of "may import a plan for this unit"; null unit = anywhere. */
export interface ImportTarget {
  unitPath: UnitPath | null;
}

/** An import draft (the review screen's document on its way to a published plan). */
export interface ImportDraftTarget {
  id: string;
  status: ImportStatus;
  createdBy: string;
  /** Path of the unit the import was made for; empty when none. */
  ownerUnitPath: UnitPath;
}

const coordinatesImport = (actor: Actor, t: ImportDraftTarget) =>
  isSystemAdmin(actor) || isUser(actor, t.createdBy) || hasRoleOver(actor, ["admin", "coordinator"], t.ownerUnitPath);

const coordinates = (actor: Actor, plan: PlanTarget) =>
  isSystemAdmin(actor) || hasRoleOver(actor, ["admin", "coordinator"], plan.issuerUnitPath);

export const planRules = {
  /** Published and closed plans are visible to every signed-in user; drafts to the issuer's staff. */
  "plan.read": (actor: Actor, plan: PlanTarget) =>
    plan.status !== "draft" || isSystemAdmin(actor) || inUnitSubtree(actor, plan.issuerUnitPath),
  "plan.import": (actor: Actor, t: ImportTarget) =>
    isSystemAdmin(actor) ||
    (t.unitPath === null
      ? hasRoleAnywhere(actor, ["admin", "coordinator"])
      : hasRoleOver(actor, ["admin", "coordinator"], t.unitPath)),
  "plan.manage": coordinates,
  "plan.publish": (actor: Actor, plan: PlanTarget) => plan.status === "draft" && coordinates(actor, plan),
  "plan.close": (actor: Actor, plan: PlanTarget) => plan.status === "published" && coordinates(actor, plan),
  /** Publishing a plan's progress to everyone ("Công khai") or withdrawing it: the issuer's coordinators, once issued. */
  "plan.publicize": (actor: Actor, plan: PlanTarget) => plan.status !== "draft" && coordinates(actor, plan),
  /** The consolidated report (what goes to the superior body): the issuing body's staff. */
  "plan.consolidate": (actor: Actor, plan: PlanTarget) =>
    isSystemAdmin(actor) || inUnitSubtree(actor, plan.issuerUnitPath),
  /** Drafts are seen by whoever imported them and the coordinators/administrators of the unit they were made for. */
  "import.read": coordinatesImport,
  "import.edit": (actor: Actor, t: ImportDraftTarget) => t.status === "ready" && coordinatesImport(actor, t),
  "import.publish": (actor: Actor, t: ImportDraftTarget) => t.status === "ready" && coordinatesImport(actor, t),
};
