import type { ReportStatus } from "../../store/schema.js";
import type { Actor } from "../context.js";
import { hasRoleOver, inUnitSubtree, isSystemAdmin, type UnitPath } from "./predicates.js";

export interface ReportTarget {
  id: string;
  status: ReportStatus;
  /** The reporting unit. */
  unitPath: UnitPath;
  /** The unit that issued the plan (its coordinators review reports). */
  planIssuerUnitPath: UnitPath;
}

const reviews = (actor: Actor, r: ReportTarget) =>
  isSystemAdmin(actor) || hasRoleOver(actor, ["admin", "coordinator"], r.planIssuerUnitPath);
const editable = (r: ReportTarget) => r.status === "draft" || r.status === "returned";

export const reportRules = {
  "report.read": (actor: Actor, r: ReportTarget) =>
    isSystemAdmin(actor) || inUnitSubtree(actor, r.unitPath) || inUnitSubtree(actor, r.planIssuerUnitPath),
  "report.edit": (actor: Actor, r: ReportTarget) =>
    editable(r) && (isSystemAdmin(actor) || hasRoleOver(actor, ["reporter", "leader", "admin"], r.unitPath)),
  "report.submit": (actor: Actor, r: ReportTarget) =>
    editable(r) && (isSystemAdmin(actor) || hasRoleOver(actor, ["reporter", "leader", "admin"], r.unitPath)),
  "report.approve": (actor: Actor, r: ReportTarget) =>
    r.status === "submitted" && (isSystemAdmin(actor) || hasRoleOver(actor, ["leader"], r.unitPath)),
  "report.review": (actor: Actor, r: ReportTarget) =>
    (r.status === "submitted" || r.status === "approved") && reviews(actor, r),
};
