import { z } from "zod";
import type { AuditEventDto } from "../api-types.js";
import { dto, Pagination } from "./common.schema.js";

export const ListAuditQuery = Pagination.extend({
  /** Exact action ("auth.login") or a prefix ending with a dot ("report."). */
  action: z.string().trim().max(100).optional(),
  actorUserId: z.string().max(100).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  /** From this date (YYYY-MM-DD) or timestamp, inclusive. */
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /** Until this date (YYYY-MM-DD, whole day) or timestamp, inclusive. */
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});

export const AuditEventDtoSchema = dto<AuditEventDto>()(
  z.object({
    id: z.string(),
    at: z.string(),
    actorUserId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    ip: z.string().nullable(),
  }),
);
