import { ListAuditQuery } from "./audit.schema.js";
import { ListPlansQuery, UnitTasksQuery } from "./plans.schema.js";

/** The lists' own filters, without paging: an export holds every row the filters select. */
export const PlansExportQuery = ListPlansQuery.omit({ limit: true, offset: true });
export const UnitTasksExportQuery = UnitTasksQuery.omit({ limit: true, offset: true });
export const AuditExportQuery = ListAuditQuery.omit({ limit: true, offset: true });
