/**
 * Server configuration from the environment, validated once at start with messages an administrator can act on.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseSecretKey, SECRET_KEY_FORMAT_MESSAGE } from "./secret-box.js";

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
}

export interface AppConfig {
  /** `postgres://…` selects PostgreSQL; otherwise SQLite at `dbPath`. */
  databaseUrl: string | undefined;
  dbPath: string;
  port: number;
  host: string;
  /** The address users open, e.g. https://tiendo.govap.gov.vn (used for links in mail and the Origin check). */
  publicUrl: string | undefined;
  secureCookies: boolean;
  /** Trust X-Forwarded-* headers (behind a reverse proxy). */
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Consecutive wrong passwords before a temporary lockout. */
  loginMaxFailures: number;
  lockoutMinutes: number;
  /** Failed logins per IP+username within `lockoutMinutes` before requests are refused with 429. */
  loginRateLimit: number;
  smtp: SmtpConfig | undefined;
  /** Minutes between runs of the reminders job (0 = off). */
  reminderIntervalMinutes: number;
  /** Remind units this many days before a report is due. */
  reminderDaysBefore: number;
  /** Where the reminders job POSTs a JSON digest for chat integrations (optional). */
  webhookUrl: string | undefined;
  /**
   * Key encrypting secrets saved in the database (the SMTP password), from TIENDO_SECRET_KEY. Without it, SQLite keeps
   * a generated key file next to the database; PostgreSQL refuses to save such secrets (services/secret-keys).
   */
  secretKey?: Buffer | undefined;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Where the built web app lives (index.html); default dist/web under the package root. */
  webRoot: string;
  version: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** The directory holding package.json (works from src/ under tsx and from dist/). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

const bool = (name: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ["1", "0", "true", "false", "yes", "no", "on", "off"].includes(v), {
      message: `${name} phải là true hoặc false`,
    })
    .transform((v) => ["1", "true", "yes", "on"].includes(v));

const int = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { message: `${name} phải là số nguyên` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `${name} phải nằm trong khoảng ${min}–${max}` });

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const EnvSchema = z.object({
  DATABASE_URL: optionalText,
  TIENDO_DB_PATH: optionalText,
  PORT: int("PORT", 0, 65535).optional(),
  HOST: optionalText,
  TIENDO_PUBLIC_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/i.test(v), {
    message: "TIENDO_PUBLIC_URL phải là địa chỉ http:// hoặc https:// (ví dụ https://tiendo.example.gov.vn)",
  }),
  TIENDO_SECURE_COOKIES: bool("TIENDO_SECURE_COOKIES").optional(),
  TIENDO_TRUST_PROXY: bool("TIENDO_TRUST_PROXY").optional(),
  TIENDO_SESSION_IDLE_MINUTES: int("TIENDO_SESSION_IDLE_MINUTES", 5, 7 * 24 * 60).optional(),
  TIENDO_SESSION_MAX_HOURS: int("TIENDO_SESSION_MAX_HOURS", 1, 24 * 90).optional(),
  TIENDO_LOGIN_MAX_FAILURES: int("TIENDO_LOGIN_MAX_FAILURES", 1, 100).optional(),
  TIENDO_LOCKOUT_MINUTES: int("TIENDO_LOCKOUT_MINUTES", 1, 24 * 60).optional(),
  TIENDO_LOGIN_RATE_LIMIT: int("TIENDO_LOGIN_RATE_LIMIT", 1, 1000).optional(),
  TIENDO_WEB_ROOT: optionalText,
  SMTP_HOST: optionalText,
  SMTP_PORT: int("SMTP_PORT", 1, 65535).optional(),
  SMTP_SECURE: bool("SMTP_SECURE").optional(),
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  SMTP_FROM: optionalText,
  TIENDO_REMINDER_INTERVAL_MINUTES: int("TIENDO_REMINDER_INTERVAL_MINUTES", 0, 7 * 24 * 60).optional(),
  TIENDO_REMINDER_DAYS_BEFORE: int("TIENDO_REMINDER_DAYS_BEFORE", 0, 60).optional(),
  TIENDO_WEBHOOK_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/i.test(v), {
    message: "TIENDO_WEBHOOK_URL phải là địa chỉ http:// hoặc https://",
  }),
  TIENDO_SECRET_KEY: optionalText.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        parseSecretKey(v);
        return true;
      } catch {
        return false;
      }
    },
    { message: `TIENDO_SECRET_KEY ${SECRET_KEY_FORMAT_MESSAGE}` },
  ),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => (LOG_LEVELS as readonly string[]).includes(v), {
      message: `LOG_LEVEL phải là một trong: ${LOG_LEVELS.join(", ")}`,
    })
    .optional(),
});

export const DEFAULT_DB_PATH = "./data/tiendo.db";

/** Reads and validates the configuration; throws ConfigError listing every problem in Vietnamese. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .map((k) => [k, env[k]] as const)
      .filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = EnvSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? "");
        return /[^\x00-\x7F]/.test(i.message) ? i.message : `${name}: giá trị không hợp lệ`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.DATABASE_URL && !/^(postgres(ql)?|sqlite|file):/i.test(e.DATABASE_URL)) {
    problems.push("DATABASE_URL phải bắt đầu bằng postgres:// (PostgreSQL) hoặc sqlite:/file: (SQLite)");
  }
  let smtp: SmtpConfig | undefined;
  if (e.SMTP_HOST) {
    const from = e.SMTP_FROM ?? e.SMTP_USER;
    if (!from) problems.push("Khi đặt SMTP_HOST cần đặt SMTP_FROM (địa chỉ người gửi)");
    smtp = {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT ?? (e.SMTP_SECURE ? 465 : 587),
      secure: e.SMTP_SECURE ?? e.SMTP_PORT === 465,
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      from: from ?? "",
    };
  } else if (e.SMTP_USER || e.SMTP_PASSWORD || e.SMTP_FROM) {
    problems.push("Đã đặt SMTP_USER/SMTP_PASSWORD/SMTP_FROM nhưng thiếu SMTP_HOST");
  }
  if (problems.length) throw new ConfigError(problems);

  const publicUrl = e.TIENDO_PUBLIC_URL?.replace(/\/+$/, "");
  return {
    databaseUrl: e.DATABASE_URL,
    dbPath: e.TIENDO_DB_PATH ?? DEFAULT_DB_PATH,
    port: e.PORT ?? 3000,
    host: e.HOST ?? "127.0.0.1",
    publicUrl,
    secureCookies: e.TIENDO_SECURE_COOKIES ?? publicUrl?.toLowerCase().startsWith("https://") ?? false,
    trustProxy: e.TIENDO_TRUST_PROXY ?? false,
    sessionIdleMinutes: e.TIENDO_SESSION_IDLE_MINUTES ?? 480,
    sessionAbsoluteHours: e.TIENDO_SESSION_MAX_HOURS ?? 72,
    loginMaxFailures: e.TIENDO_LOGIN_MAX_FAILURES ?? 5,
    lockoutMinutes: e.TIENDO_LOCKOUT_MINUTES ?? 15,
    loginRateLimit: e.TIENDO_LOGIN_RATE_LIMIT ?? 10,
    smtp,
    reminderIntervalMinutes: e.TIENDO_REMINDER_INTERVAL_MINUTES ?? 60,
    reminderDaysBefore: e.TIENDO_REMINDER_DAYS_BEFORE ?? 3,
    webhookUrl: e.TIENDO_WEBHOOK_URL,
    secretKey: e.TIENDO_SECRET_KEY ? parseSecretKey(e.TIENDO_SECRET_KEY) : undefined,
    logLevel: (e.LOG_LEVEL as AppConfig["logLevel"] | undefined) ?? "info",
    webRoot: e.TIENDO_WEB_ROOT ?? path.join(packageRoot(), "dist", "web"),
    version: packageVersion(),
  };
}
