/**
 * Notification settings (reminders, SMTP, webhook): the server's environment gives the defaults, what an
 * administrator saved in app_settings overrides them field by field. Read afresh wherever they are used (each run of
 * the reminders job, each test message), so a change takes effect without a restart.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import net from "node:net";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import type { Executor } from "../../store/db.js";
import { type AppSettingsRow, getAppSettings } from "../../store/repos/app-settings.js";
import type { NotificationSettingField, NotificationSettingsDto } from "../api-types-settings.js";
import type { AppConfig, SmtpConfig } from "../config.js";
import { createMailer } from "../jobs/mailer.js";
import { decryptSecret } from "../secret-box.js";
import type { SecretKeys } from "./secret-keys.js";

/** Associated data binding an encrypted SMTP password to its column. */
export const SMTP_PASSWORD_CONTEXT = "tiendo:app_settings.smtp_password";

/** Every notification setting with its value in force (null = none). */
export interface NotificationSettingValues {
  remindersEnabled: boolean;
  daysBefore: number;
  smtpHost: string | null;
  smtpPort: number;
  smtpSecure: boolean;
  smtpUser: string | null;
  smtpPassword: string | null;
  smtpFrom: string | null;
  webhookUrl: string | null;
  /** Why the saved SMTP password cannot be used (missing/wrong key, altered value); `smtpPassword` is then null. */
  smtpPasswordError?: string | null;
}

export interface NotificationSettings extends NotificationSettingValues {
  /** Fields not saved by an administrator (taken from `defaults`). */
  fromEnvironment: NotificationSettingField[];
  updatedAt: string | null;
}

const DEFAULT_SMTP_PORT = 587;

/** The environment's values: the defaults every saved setting overrides. */
export function notificationDefaults(config: AppConfig): NotificationSettingValues {
  return {
    remindersEnabled: true,
    daysBefore: config.reminderDaysBefore,
    smtpHost: config.smtp?.host ?? null,
    smtpPort: config.smtp?.port ?? DEFAULT_SMTP_PORT,
    smtpSecure: config.smtp?.secure ?? false,
    smtpUser: config.smtp?.user ?? null,
    smtpPassword: config.smtp?.password ?? null,
    smtpFrom: config.smtp?.from || null,
    webhookUrl: config.webhookUrl ?? null,
  };
}

/** Which column holds each field. */
const COLUMN: Record<NotificationSettingField, keyof AppSettingsRow> = {
  remindersEnabled: "reminders_enabled",
  daysBefore: "reminder_days_before",
  smtpHost: "smtp_host",
  smtpPort: "smtp_port",
  smtpSecure: "smtp_secure",
  smtpUser: "smtp_user",
  smtpPassword: "smtp_password",
  smtpFrom: "smtp_from",
  webhookUrl: "webhook_url",
};

export const NOTIFICATION_SETTING_FIELDS = Object.keys(COLUMN) as NotificationSettingField[];

/** The key to read saved secrets with, or why there is none usable. */
export interface SecretReadKey {
  key?: Buffer | undefined;
  error?: string | undefined;
}

/** The saved SMTP password decrypted ("" = saved "none"), or the reason it cannot be. */
function savedPassword(
  stored: string | null | undefined,
  secret: SecretReadKey,
): { value: string | null | undefined; error: string | null } {
  if (!stored) return { value: stored, error: null };
  try {
    if (secret.error) throw new Error(secret.error);
    return { value: decryptSecret(stored, secret.key, SMTP_PASSWORD_CONTEXT), error: null };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      value: "",
      error: `Không dùng được mật khẩu SMTP đã lưu: ${why} Hãy đặt lại đúng khóa mã hóa hoặc nhập lại mật khẩu SMTP rồi lưu.`,
    };
  }
}

/**
 * Saved values over the defaults; "" in a text column is a saved "none". The saved SMTP password is decrypted with
 * `secret.key` (legacy plaintext is read as is).
 */
export function resolveNotificationSettings(
  row: AppSettingsRow | undefined,
  defaults: NotificationSettingValues,
  secret: SecretReadKey = {},
): NotificationSettings {
  const password = savedPassword(row?.smtp_password, secret);
  const fromEnvironment = NOTIFICATION_SETTING_FIELDS.filter((f) => row?.[COLUMN[f]] == null);
  const text = (v: string | null | undefined, d: string | null) => (v == null ? d : v === "" ? null : v);
  const num = (v: number | null | undefined, d: number) => (v == null ? d : Number(v));
  const bool = (v: number | null | undefined, d: boolean) => (v == null ? d : Number(v) === 1);
  return {
    remindersEnabled: bool(row?.reminders_enabled, defaults.remindersEnabled),
    daysBefore: num(row?.reminder_days_before, defaults.daysBefore),
    smtpHost: text(row?.smtp_host, defaults.smtpHost),
    smtpPort: num(row?.smtp_port, defaults.smtpPort),
    smtpSecure: bool(row?.smtp_secure, defaults.smtpSecure),
    smtpUser: text(row?.smtp_user, defaults.smtpUser),
    smtpPassword: text(password.value, defaults.smtpPassword),
    smtpPasswordError: password.error,
    smtpFrom: text(row?.smtp_from, defaults.smtpFrom),
    webhookUrl: text(row?.webhook_url, defaults.webhookUrl),
    fromEnvironment,
    updatedAt: row?.updated_at ?? null,
  };
}

/** The read key of `keys`, or the reason it cannot be had (an invalid key file). */
export async function readKeyOf(keys: SecretKeys | undefined): Promise<SecretReadKey> {
  try {
    return { key: await keys?.readKey() };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

export async function loadNotificationSettings(
  db: Executor,
  defaults: NotificationSettingValues,
  keys?: SecretKeys,
): Promise<NotificationSettings> {
  const row = await getAppSettings(db);
  return resolveNotificationSettings(row, defaults, row?.smtp_password ? await readKeyOf(keys) : {});
}

/** The mail server to use, or undefined when none is configured. */
export function smtpConfigOf(s: NotificationSettingValues): SmtpConfig | undefined {
  if (!s.smtpHost) return undefined;
  return {
    host: s.smtpHost,
    port: s.smtpPort,
    secure: s.smtpSecure,
    user: s.smtpUser ?? undefined,
    password: s.smtpUser ? (s.smtpPassword ?? undefined) : undefined,
    from: s.smtpFrom ?? s.smtpUser ?? "",
  };
}

/** The API's view: never the password, only whether one is set. */
export function presentNotificationSettings(s: NotificationSettings, config: AppConfig): NotificationSettingsDto {
  return {
    remindersEnabled: s.remindersEnabled,
    daysBefore: s.daysBefore,
    smtpHost: s.smtpHost,
    smtpPort: s.smtpPort,
    smtpSecure: s.smtpSecure,
    smtpUser: s.smtpUser,
    smtpPasswordSet: !!s.smtpPassword || !!s.smtpPasswordError,
    smtpFrom: s.smtpFrom,
    webhookUrl: s.webhookUrl,
    fromEnvironment: s.fromEnvironment,
    intervalMinutes: config.reminderIntervalMinutes,
    updatedAt: s.updatedAt,
  };
}

export interface TestResult {
  ok: boolean;
  message: string;
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  return String(e?.code ?? e?.cause?.code ?? "");
}

function rawMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A mail-sending failure in words an administrator can act on. */
export function describeSmtpError(err: unknown, smtp: SmtpConfig): string {
  const code = errorCode(err);
  const raw = rawMessage(err);
  const where = `${smtp.host}:${smtp.port}`;
  if (code === "EAUTH" || /auth/i.test(code))
    return `Máy chủ SMTP từ chối đăng nhập: sai tên đăng nhập hoặc mật khẩu (${raw}).`;
  if (/ECONNREFUSED/.test(raw) || code === "ECONNREFUSED")
    return `Không kết nối được máy chủ SMTP ${where}: máy chủ từ chối kết nối. Kiểm tra địa chỉ và cổng.`;
  if (/ENOTFOUND|EAI_AGAIN/.test(raw) || code === "EDNS")
    return `Không tìm thấy máy chủ SMTP “${smtp.host}”. Kiểm tra lại tên máy chủ.`;
  if (/timeout|ETIMEDOUT/i.test(raw) || code === "ETIMEDOUT")
    return `Hết thời gian chờ khi kết nối máy chủ SMTP ${where}. Kiểm tra địa chỉ, cổng và tường lửa.`;
  if (code === "ETLS" || /ssl|tls|certificate|wrong version number/i.test(raw))
    return `Lỗi kết nối bảo mật (TLS) với máy chủ SMTP ${where}. Kiểm tra tùy chọn “Kết nối bảo mật” và cổng (${raw}).`;
  if (code === "EENVELOPE") return `Máy chủ SMTP từ chối địa chỉ người gửi hoặc người nhận (${raw}).`;
  return `Gửi thư thất bại: ${raw}`;
}

/** A webhook delivery failure in Vietnamese. */
export function describeWebhookError(err: unknown, url: string): string {
  const code = errorCode(err);
  const raw = rawMessage(err);
  const name = (err as { name?: string } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError" || code === "UND_ERR_CONNECT_TIMEOUT")
    return `Hết thời gian chờ phản hồi từ địa chỉ webhook ${url}.`;
  if (code === "ECONNREFUSED") return `Không kết nối được địa chỉ webhook ${url}: máy chủ từ chối kết nối.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `Không tìm thấy máy chủ của địa chỉ webhook ${url}.`;
  if (err instanceof WebhookTargetError) return raw;
  const status = /^HTTP (\d{3})$/.exec(raw)?.[1];
  if (status?.startsWith("3")) {
    return `Địa chỉ webhook chuyển hướng sang địa chỉ khác (HTTP ${status}); hãy nhập đúng địa chỉ nhận cuối cùng.`;
  }
  if (status) return `Địa chỉ webhook trả về lỗi HTTP ${status}.`;
  const cause = (err as { cause?: unknown } | null)?.cause;
  return `Gửi webhook thất bại: ${raw}${cause instanceof Error ? ` (${cause.message})` : ""}`;
}

// ── webhook targets ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Addresses a webhook may never reach: link-local (169.254.0.0/16, fe80::/10) where cloud metadata services live
 * (169.254.169.254 hands out instance credentials), the AWS IPv6 metadata address, and "this host" 0.0.0.0/8 / ::.
 * Loopback and private networks stay allowed: an internal chat server is a normal webhook target, and only system
 * administrators set the address.
 */
export function isForbiddenWebhookAddress(address: string): boolean {
  let ip = address.replace(/^\[|\]$/g, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) ip = mapped[1]!;
  else if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(ip)) {
    const [hi, lo] = ip
      .slice(7)
      .split(":")
      .map((h) => Number.parseInt(h, 16)) as [number, number];
    ip = `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  if (net.isIPv4(ip)) {
    const [a, b] = ip.split(".").map(Number) as [number, number];
    return a === 0 || (a === 169 && b === 254);
  }
  if (net.isIPv6(ip)) {
    return ip === "::" || /^fe[89ab][0-9a-f]:/.test(ip) || ip === "fd00:ec2::254";
  }
  return false;
}

export const FORBIDDEN_WEBHOOK_MESSAGE =
  "Địa chỉ webhook trỏ tới địa chỉ nội bộ của máy chủ (link-local 169.254.x.x, fe80::, dịch vụ metadata) nên không được dùng.";

/**
 * Why the webhook at `url` must not be called (not http(s), or a host resolving to a forbidden address), or null.
 * Checked right before each delivery; redirects are not followed (see `postWebhook`), so the checked host is the one
 * called.
 */
export async function webhookTargetProblem(
  url: string,
  lookup: (host: string) => Promise<{ address: string }[]> = (host) => dnsLookup(host, { all: true, verbatim: true }),
): Promise<string | null> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "Địa chỉ webhook không hợp lệ.";
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    return "Địa chỉ webhook phải là địa chỉ http:// hoặc https://.";
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (isForbiddenWebhookAddress(host)) return FORBIDDEN_WEBHOOK_MESSAGE;
  if (net.isIP(host)) return null;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host);
  } catch {
    return null; // Let the request fail and be described like any other DNS failure.
  }
  return addresses.some((a) => isForbiddenWebhookAddress(a.address)) ? FORBIDDEN_WEBHOOK_MESSAGE : null;
}

/** POSTs JSON to a webhook without following redirects (a redirect answers as a failure). */
export async function postWebhook(
  url: string,
  body: unknown,
  opts: { fetchImpl?: typeof fetch; lookup?: Parameters<typeof webhookTargetProblem>[1] } = {},
): Promise<Response> {
  const problem = await webhookTargetProblem(url, opts.lookup);
  if (problem) throw new WebhookTargetError(problem);
  const res = await (opts.fetchImpl ?? fetch)(url, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify(body),
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res;
}

export class WebhookTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookTargetError";
  }
}

/** Sends one test e-mail with the settings in force. */
export async function sendTestEmail(
  s: NotificationSettingValues,
  to: string,
  opts: { now?: Date; transport?: Partial<SMTPTransport.Options> } = {},
): Promise<TestResult> {
  const smtp = smtpConfigOf(s);
  if (smtp && s.smtpUser && s.smtpPasswordError) return { ok: false, message: s.smtpPasswordError };
  if (!smtp) {
    return {
      ok: false,
      message: "Chưa cấu hình máy chủ gửi thư (SMTP). Hãy nhập máy chủ SMTP, lưu cấu hình rồi gửi thử.",
    };
  }
  if (!smtp.from) return { ok: false, message: "Chưa nhập địa chỉ người gửi. Hãy nhập, lưu cấu hình rồi gửi thử." };
  const mailer = createMailer(smtp, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
    ...opts.transport,
  });
  try {
    await mailer.send({
      to,
      subject: "[tiendo] Thư thử cấu hình gửi thư",
      text: [
        "Kính gửi anh/chị,",
        "",
        `Đây là thư thử do quản trị viên gửi từ hệ thống theo dõi tiến độ tiendo lúc ${(opts.now ?? new Date()).toISOString()}.`,
        "Nhận được thư này nghĩa là cấu hình máy chủ gửi thư (SMTP) đã đúng: thư nhắc hạn báo cáo sẽ được gửi đi.",
        "",
        "Đây là thư tự động; vui lòng không trả lời thư này.",
      ].join("\n"),
    });
    return { ok: true, message: `Đã gửi thư thử tới ${to}. Vui lòng kiểm tra hộp thư (kể cả mục thư rác).` };
  } catch (err) {
    return { ok: false, message: describeSmtpError(err, smtp) };
  } finally {
    mailer.close();
  }
}

/** POSTs one test message to the webhook in force. */
export async function sendTestWebhook(
  s: NotificationSettingValues,
  opts: { now?: Date; fetchImpl?: typeof fetch; lookup?: Parameters<typeof webhookTargetProblem>[1] } = {},
): Promise<TestResult> {
  const url = s.webhookUrl;
  if (!url) {
    return { ok: false, message: "Chưa cấu hình địa chỉ webhook. Hãy nhập địa chỉ, lưu cấu hình rồi gửi thử." };
  }
  try {
    const res = await postWebhook(
      url,
      {
        type: "tiendo.test",
        generatedAt: (opts.now ?? new Date()).toISOString(),
        text: "Tin thử từ hệ thống tiendo: webhook nhắc hạn báo cáo đã được cấu hình đúng.",
        units: [],
      },
      opts,
    );
    return { ok: true, message: `Đã gửi tin thử tới webhook (máy chủ trả lời HTTP ${res.status}).` };
  } catch (err) {
    return { ok: false, message: describeWebhookError(err, url) };
  }
}
