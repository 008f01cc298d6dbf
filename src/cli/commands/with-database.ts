import { type AppConfig, loadConfig } from "../../server/config.js";
import { openAndMigrate } from "../../server/start.js";
import type { Database } from "../../store/db.js";

/** Opens (and migrates) the configured database for one CLI command, closing it afterwards. */
export async function withDatabase<T>(fn: (database: Database, config: AppConfig) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const database = await openAndMigrate(config);
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}
