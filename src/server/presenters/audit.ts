import type { AuditEvent } from "../../store/schema.js";
import type { AuditEventDto } from "../api-types.js";

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

export function presentAuditEvent(e: AuditEvent): AuditEventDto {
  return {
    id: e.id,
    at: e.created_at,
    actorUserId: e.actor_user_id,
    actorLabel: e.actor_label,
    action: e.action,
    entityType: e.entity_type,
    entityId: e.entity_id,
    before: parse(e.before_json),
    after: parse(e.after_json),
    ip: e.ip,
  };
}
