import type { Actor } from "../context.js";
import { isSystemAdmin } from "./predicates.js";

export const auditRules = {
  "audit.read": (actor: Actor, _t: null) => isSystemAdmin(actor),
};
