/**
 * Every API route module, in one list. A new area adds its `register…Routes` here.
 */
import type { ApiRoutes } from "../routing.js";
import { registerAuditRoutes } from "./audit.js";
import { registerAuthRoutes } from "./auth.js";
import { registerCalendarRoutes } from "./calendar.js";
import { registerConsolidatedRoutes } from "./consolidated.js";
import type { RegisterRoutes, RouteDeps } from "./deps.js";
import { registerHealthRoutes } from "./health.js";
import { registerImportRoutes } from "./imports.js";
import { registerListExportRoutes } from "./list-exports.js";
import { registerMyReportRoutes } from "./my-reports.js";
import { registerNotificationRoutes } from "./notifications.js";
import { registerOverviewRoutes } from "./overview.js";
import { registerPeriodRoutes } from "./periods.js";
import { registerPlanRoutes } from "./plans.js";
import { registerPublicRoutes } from "./public.js";
import { registerReportRoutes } from "./reports.js";
import { registerSettingsRoutes } from "./settings.js";
import { registerTokenRoutes } from "./tokens.js";
import { registerUnitRoutes } from "./units.js";
import { registerUserRoutes } from "./users.js";

export const ROUTE_MODULES: RegisterRoutes[] = [
  registerHealthRoutes,
  registerAuthRoutes,
  registerTokenRoutes,
  registerUserRoutes,
  registerUnitRoutes,
  registerAuditRoutes,
  registerImportRoutes,
  registerPlanRoutes,
  registerPeriodRoutes,
  registerReportRoutes,
  registerMyReportRoutes,
  registerOverviewRoutes,
  registerConsolidatedRoutes,
  registerCalendarRoutes,
  registerListExportRoutes,
  registerNotificationRoutes,
  registerPublicRoutes,
  registerSettingsRoutes,
];

export function registerAllRoutes(routes: ApiRoutes, deps: RouteDeps): void {
  for (const register of ROUTE_MODULES) register(routes, deps);
}
