import type { Database } from "../../store/db.js";
import type { AppConfig } from "../config.js";
import type { ApiRoutes } from "../routing.js";

export interface RouteDeps {
  database: Database;
  config: AppConfig;
}

/** Every route module exports one of these; src/server/routes/index.ts lists them. */
export type RegisterRoutes = (routes: ApiRoutes, deps: RouteDeps) => void;
