/**
 * Running the server: open and migrate the database (refusing to start, with the reason, when either fails), listen,
 * clean up expired sessions now and then, and shut down cleanly on SIGTERM/SIGINT.
 */
import type { FastifyInstance } from "fastify";
import { type Database, openDatabase } from "../store/db.js";
import { migrateToLatest } from "../store/migrate.js";
import { deleteLoginAttemptsBefore } from "../store/repos/login-attempts.js";
import { deleteEndedSessions } from "../store/repos/sessions.js";
import { buildApp } from "./app.js";
import type { AppConfig } from "./config.js";
import { startScheduler } from "./jobs/scheduler.js";

export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StartupError";
  }
}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Opens the configured database and brings its schema up to date. */
export async function openAndMigrate(config: AppConfig): Promise<Database> {
  let database: Database;
  try {
    database = await openDatabase({ url: config.databaseUrl, sqlitePath: config.dbPath });
  } catch (err) {
    throw new StartupError(`Không mở được cơ sở dữ liệu: ${reason(err)}`, { cause: err });
  }
  try {
    await migrateToLatest(database.db);
  } catch (err) {
    await database.close().catch(() => {});
    throw new StartupError(`Không cập nhật được cấu trúc cơ sở dữ liệu: ${reason(err)}`, { cause: err });
  }
  return database;
}

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

export async function startServer(
  config: AppConfig,
  opts: { handleSignals?: boolean; logger?: boolean | object } = {},
): Promise<RunningServer> {
  const database = await openAndMigrate(config);
  let app: FastifyInstance;
  try {
    app = await buildApp({ database, config, logger: opts.logger ?? { level: config.logLevel } });
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await database.close().catch(() => {});
    const hint = (err as { code?: string }).code === "EADDRINUSE" ? ` (cổng ${config.port} đang được dùng)` : "";
    throw new StartupError(`Không khởi động được máy chủ: ${reason(err)}${hint}`, { cause: err });
  }

  const cleanup = async () => {
    const cutoff = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
    try {
      await deleteEndedSessions(database.db, cutoff);
      await deleteLoginAttemptsBefore(database.db, cutoff);
    } catch (err) {
      app.log.warn({ err }, "dọn phiên hết hạn thất bại");
    }
  };
  const timer = setInterval(cleanup, CLEANUP_INTERVAL_MS);
  timer.unref();
  // Reminders: every instance schedules, the lease in job_locks lets exactly one of them send.
  const scheduler = startScheduler(database, config, { log: app.log });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(timer);
      scheduler.stop();
      await app.close();
      await database.close();
    })();
    return stopping;
  };

  if (opts.handleSignals ?? true) {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        app.log.info(`Nhận ${signal}: đang dừng máy chủ…`);
        stop()
          .then(() => process.exit(0))
          .catch((err) => {
            console.error(err);
            process.exit(1);
          });
      });
    }
  }

  const shownHost = ["0.0.0.0", "::", "127.0.0.1", "::1"].includes(config.host) ? "localhost" : config.host;
  return { app, database, url: config.publicUrl ?? `http://${shownHost}:${config.port}`, stop };
}
