/**
 * The audit trail. Every command records what it did through `recordAudit`, in the command's own transaction, so a
 * change and its audit row commit together or not at all. Actions form a typed union; each carries its own payload
 * types for `before`/`after`.
 */
import { insertAuditEvent } from "../store/repos/audit.js";
import type { Role } from "../store/schema.js";
import { actorLabel, actorUserId, type CommandContext } from "./context.js";

export interface UserSnapshot {
  username: string;
  displayName: string;
  email: string | null;
  isAdmin: boolean;
  disabled: boolean;
}

export interface MembershipSnapshot {
  userId: string;
  unitId: string;
  role: Role;
}

type Json = Record<string, unknown>;

/** action → entity type and payload shapes. Entries with `Json` payloads belong to areas that define them later. */
export interface AuditPayloads {
  "auth.login": { entity: "user"; before: null; after: { via: "password"; sessionId: string } };
  "auth.logout": { entity: "user"; before: null; after: { sessionId: string } };
  "auth.password_changed": { entity: "user"; before: null; after: { revokedSessions: number } };
  "user.created": { entity: "user"; before: null; after: UserSnapshot & { memberships: MembershipSnapshot[] } };
  "user.updated": { entity: "user"; before: Partial<UserSnapshot>; after: Partial<UserSnapshot> };
  "user.password_set": { entity: "user"; before: null; after: { revokedSessions: number } };
  "membership.added": { entity: "membership"; before: null; after: MembershipSnapshot };
  "membership.removed": { entity: "membership"; before: MembershipSnapshot; after: null };
  "token.created": { entity: "api_token"; before: null; after: { userId: string; name: string; prefix: string } };
  "token.revoked": { entity: "api_token"; before: { userId: string; name: string; prefix: string }; after: null };
  "unit.created": { entity: "unit"; before: null; after: Json };
  "unit.updated": { entity: "unit"; before: Json; after: Json };
  "unit_group.created": { entity: "unit_group"; before: null; after: Json };
  "unit_group.updated": { entity: "unit_group"; before: Json; after: Json };
  "unit.merged": {
    entity: "unit";
    before: { predecessors: Json[] };
    after: Json & { successorId: string; effectiveOn: string; moved: Json };
  };
  "unit.split": {
    entity: "unit";
    before: Json;
    after: Json & { partIds: string[]; effectiveOn: string; moved: Json };
  };
  "directory.imported": {
    entity: "directory";
    before: null;
    after: { created: number; updated: number; unchanged: number; fileName: string };
  };
  "directory.seeded": { entity: "directory"; before: null; after: { units: number; groups: number } };
  "import.created": { entity: "import"; before: null; after: Json };
  "import.updated": { entity: "import"; before: Json | null; after: Json };
  "import.deleted": { entity: "import"; before: Json; after: null };
  "plan.published": { entity: "plan"; before: Json | null; after: Json };
  "plan.updated": { entity: "plan"; before: Json; after: Json };
  "plan.closed": { entity: "plan"; before: Json; after: Json };
  "plan.linked": { entity: "plan"; before: null; after: Json };
  "plan.stub_created": { entity: "plan"; before: null; after: Json };
  "task.parent_set": { entity: "task"; before: Json; after: Json };
  "period.created": { entity: "reporting_period"; before: null; after: Json };
  "period.locked": { entity: "reporting_period"; before: Json; after: Json & { reason: string | null } };
  "period.unlocked": { entity: "reporting_period"; before: Json; after: Json };
  "report.saved": { entity: "progress_report"; before: Json | null; after: Json };
  "report.submitted": { entity: "progress_report"; before: Json; after: Json };
  "report.approved": { entity: "progress_report"; before: Json; after: Json };
  "report.accepted": { entity: "progress_report"; before: Json; after: Json };
  "report.returned": { entity: "progress_report"; before: Json; after: Json & { comment?: string } };
  "evidence.added": { entity: "evidence_file"; before: null; after: Json };
  "evidence.removed": { entity: "evidence_file"; before: Json; after: null };
  "target_value.recorded": { entity: "target_value"; before: Json | null; after: Json };
  "settings.updated": { entity: "settings"; before: Json | null; after: Json };
}

export type AuditAction = keyof AuditPayloads;
export type AuditEntityType = AuditPayloads[AuditAction]["entity"];

export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.logout",
  "auth.password_changed",
  "user.created",
  "user.updated",
  "user.password_set",
  "membership.added",
  "membership.removed",
  "token.created",
  "token.revoked",
  "unit.created",
  "unit.updated",
  "unit_group.created",
  "unit_group.updated",
  "unit.merged",
  "unit.split",
  "directory.seeded",
  "directory.imported",
  "import.created",
  "import.updated",
  "import.deleted",
  "plan.published",
  "plan.updated",
  "plan.closed",
  "plan.linked",
  "plan.stub_created",
  "task.parent_set",
  "period.created",
  "period.locked",
  "period.unlocked",
  "report.saved",
  "report.submitted",
  "report.approved",
  "report.accepted",
  "report.returned",
  "evidence.added",
  "evidence.removed",
  "target_value.recorded",
  "settings.updated",
] as const satisfies readonly AuditAction[];

// Compile-time check that the list above names every action.
type Missing = Exclude<AuditAction, (typeof AUDIT_ACTIONS)[number]>;
const _complete: Missing extends never ? true : Missing = true;
void _complete;

export type AuditEventInput = {
  [A in AuditAction]: {
    action: A;
    entityId: string | null;
    before?: AuditPayloads[A]["before"];
    after?: AuditPayloads[A]["after"];
  };
}[AuditAction];

const ENTITY_BY_PREFIX: Record<string, AuditEntityType> = {
  auth: "user",
  user: "user",
  membership: "membership",
  token: "api_token",
  unit: "unit",
  unit_group: "unit_group",
  directory: "directory",
  import: "import",
  plan: "plan",
  period: "reporting_period",
  task: "task",
  report: "progress_report",
  evidence: "evidence_file",
  target_value: "target_value",
  settings: "settings",
};

export function entityTypeOf(action: AuditAction): AuditEntityType {
  const prefix = action.slice(0, action.indexOf("."));
  const type = ENTITY_BY_PREFIX[prefix];
  if (!type) throw new Error(`audit: no entity type for ${action}`);
  return type;
}

/** Writes one audit row inside the command's transaction. */
export async function recordAudit(ctx: CommandContext, event: AuditEventInput): Promise<void> {
  await insertAuditEvent(ctx.tx, {
    actorUserId: actorUserId(ctx.actor),
    actorLabel: actorLabel(ctx.actor),
    action: event.action,
    entityType: entityTypeOf(event.action),
    entityId: event.entityId,
    before: event.before ?? null,
    after: event.after ?? null,
    ip: ctx.ip,
    at: ctx.now,
  });
}
