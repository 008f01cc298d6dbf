/**
 * Runs the scheduled jobs of one app server. Every server may start it: the jobs take a database lease, so exactly
 * one of them works at a time. Started by the server (start.ts), never by buildApp, so tests run without it.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "../../store/db.js";
import type { AppConfig } from "../config.js";
import { notificationDefaults } from "../services/notification-settings.js";
import { secretKeysFor } from "../services/secret-keys.js";
import type { Mailer } from "./mailer.js";
import { type ReminderRunResult, runReminders } from "./reminders.js";

export interface Scheduler {
  /** Runs the reminders job now (what the timer does). */
  runNow(): Promise<ReminderRunResult | null>;
  stop(): void;
}

export interface SchedulerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export function startScheduler(
  database: Database,
  config: AppConfig,
  opts: { log?: SchedulerLog; mailer?: Mailer | null; clock?: () => Date } = {},
): Scheduler {
  const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  // Settings are read at every run (saved values over the environment), so changes apply without a restart; a
  // mailer given here replaces the one each run builds from the settings.
  const defaults = notificationDefaults(config);
  const secrets = secretKeysFor(database, config);
  let running: Promise<ReminderRunResult | null> | null = null;
  const runNow = () => {
    running ??= runReminders({
      db: database.db,
      now: (opts.clock ?? (() => new Date()))(),
      holder,
      defaults,
      secrets,
      ...(opts.mailer !== undefined ? { mailer: opts.mailer } : {}),
      publicUrl: config.publicUrl ?? null,
      log: opts.log,
    })
      .then((r) => {
        if (r.created || r.errors.length) opts.log?.info({ reminders: r }, "đã chạy nhắc hạn báo cáo");
        return r;
      })
      .catch((err) => {
        opts.log?.warn({ err }, "chạy nhắc hạn báo cáo thất bại");
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  let timer: NodeJS.Timeout | null = null;
  if (config.reminderIntervalMinutes > 0) {
    timer = setInterval(() => void runNow(), config.reminderIntervalMinutes * 60_000);
    timer.unref();
  }
  return {
    runNow,
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
      opts.mailer?.close();
    },
  };
}
