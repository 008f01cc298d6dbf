/**
 * The one policy module: who may do what. Rules are pure functions of (actor, action, target); the action names form
 * a typed union derived from the rule tables, and each action fixes its target type.
 *
 * - `can` answers; `authorize` throws (404 when the actor may not even read the target, else 403);
 * - `allowedIds` is the bulk form (which of these ids may the actor act on);
 * - `abilities` serializes answers for a response so the web shows exactly the buttons that will work.
 */
import type { Actor } from "../context.js";
import { AppError } from "../errors.js";
import { auditRules } from "./audit.js";
import { planRules } from "./plans.js";
import { reportRules } from "./reports.js";
import { settingsRules } from "./settings.js";
import { tokenRules } from "./tokens.js";
import { unitRules } from "./units.js";
import { userRules } from "./users.js";

export type { ImportDraftTarget, ImportTarget, PlanTarget } from "./plans.js";
export type { UnitPath } from "./predicates.js";
export * from "./predicates.js";
export type { ReportTarget } from "./reports.js";
export type { TokenTarget } from "./tokens.js";
export type { UnitTarget } from "./units.js";
export type { UserTarget } from "./users.js";

const RULES = {
  ...unitRules,
  ...userRules,
  ...tokenRules,
  ...auditRules,
  ...planRules,
  ...reportRules,
  ...settingsRules,
};

type Rules = typeof RULES;
export type Action = keyof Rules;
export type TargetOf<A extends Action> = Parameters<Rules[A]>[1];

/** For an action on an entity, the action that decides whether the actor may see the entity at all. */
const READ_ACTION: Partial<Record<Action, Action>> = {
  "unit.manage": "unit.read",
  "user.update": "user.read",
  "token.revoke": "token.read",
  "plan.manage": "plan.read",
  "plan.publish": "plan.read",
  "plan.close": "plan.read",
  "plan.publicize": "plan.read",
  "plan.consolidate": "plan.read",
  "import.edit": "import.read",
  "import.publish": "import.read",
  "report.edit": "report.read",
  "report.submit": "report.read",
  "report.approve": "report.read",
  "report.review": "report.read",
};

export function can<A extends Action>(actor: Actor | null, action: A, target: TargetOf<A>): boolean {
  if (!actor) return false;
  if (actor.kind === "system") return true;
  const rule = RULES[action] as (a: Actor, t: TargetOf<A>) => boolean;
  return rule(actor, target);
}

/** Throws unless allowed: UNAUTHENTICATED without an actor, NOT_FOUND when the target is not readable, else FORBIDDEN. */
export function authorize<A extends Action>(
  actor: Actor | null,
  action: A,
  target: TargetOf<A>,
  message?: string,
): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  if (can(actor, action, target)) return;
  // Not found = cannot read: refusing a read, or an action on something the actor cannot see, is a 404.
  if (action.endsWith(".read") && target !== null) throw new AppError("NOT_FOUND");
  const read = READ_ACTION[action];
  if (read && !can(actor, read, target as never)) throw new AppError("NOT_FOUND");
  throw new AppError("FORBIDDEN", message);
}

/** The ids among `targets` the actor may `action` (for bulk operations that report per item). */
export function allowedIds<A extends Action>(
  actor: Actor | null,
  action: A,
  targets: readonly (TargetOf<A> & { id: string })[],
): Set<string> {
  const out = new Set<string>();
  for (const t of targets) if (can(actor, action, t)) out.add(t.id);
  return out;
}

/** `{ "report.submit": true, … }` for the given actions on one target, to ship with the entity. */
export function abilities<A extends Action>(
  actor: Actor | null,
  actions: readonly A[],
  target: TargetOf<A>,
): Record<A, boolean> {
  const out = {} as Record<A, boolean>;
  for (const a of actions) out[a] = can(actor, a, target);
  return out;
}
