import type { Actor } from "../context.js";
import { isSystemAdmin } from "./predicates.js";

/** System settings (mail server, webhook, reminders) are for system administrators only. */
export const settingsRules = {
  "settings.read": (actor: Actor, _t: null) => isSystemAdmin(actor),
  "settings.manage": (actor: Actor, _t: null) => isSystemAdmin(actor),
};
