import { listAuditEvents } from "../../store/repos/audit.js";
import { authorize } from "../policies/index.js";
import { presentAuditEvent } from "../presenters/audit.js";
import { AuditEventDtoSchema, ListAuditQuery } from "./audit.schema.js";
import { pageOf } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";

export const registerAuditRoutes: RegisterRoutes = (routes, { database }) => {
  routes.add({
    method: "GET",
    url: "/audit",
    summary: "Nhật ký hệ thống (quản trị hệ thống), lọc theo thao tác, người thực hiện, đối tượng, thời gian",
    tag: "Nhật ký",
    auth: "user",
    query: ListAuditQuery,
    response: pageOf(AuditEventDtoSchema),
    errors: [403],
    handler: async ({ actor, query }) => {
      authorize(actor, "audit.read", null);
      const to = query.to && query.to.length === 10 ? `${query.to}T23:59:59.999Z` : query.to;
      const { rows, total } = await listAuditEvents(database.db, { ...query, to });
      return { items: rows.map(presentAuditEvent), total, limit: query.limit, offset: query.offset };
    },
  });
};
