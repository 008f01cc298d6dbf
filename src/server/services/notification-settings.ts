/**
 * Notification settings (reminders, SMTP, webhook): the server's environment gives the defaults, what an
 * administrator saved in app_settings overrides them field by field. Read afresh wherever they are used (each run of
 * the reminders job, each test message), so a change takes effect without a restart.
 */
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import type { Executor } from "../../store/db.js";
import { type AppSettingsRow, getAppSettings } from "../../store/repos/app-settings.js";
import type { NotificationSettingField, NotificationSettingsDto } from "../api-types-settings.js";
import type { AppConfig, SmtpConfig } from "../config.js";
import { createMailer } from "../jobs/mailer.js";

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

/** Saved values over the defaults; "" in a text column is a saved "none". */
export function resolveNotificationSettings(
  row: AppSettingsRow | undefined,
  defaults: NotificationSettingValues,
): NotificationSettings {
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
    smtpPassword: text(row?.smtp_password, defaults.smtpPassword),
    smtpFrom: text(row?.smtp_from, defaults.smtpFrom),
    webhookUrl: text(row?.webhook_url, defaults.webhookUrl),
    fromEnvironment,
    updatedAt: row?.updated_at ?? null,
  };
}

export async function loadNotificationSettings(
  db: Executor,
  defaults: NotificationSettingValues,
): Promise<NotificationSettings> {
  return resolveNotificationSettings(await getAppSettings(db), defaults);
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
    smtpPasswordSet: !!s.smtpPassword,
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
  const status = /^HTTP (\d{3})$/.exec(raw)?.[1];
  if (status) return `Địa chỉ webhook trả về lỗi HTTP ${status}.`;
  const cause = (err as { cause?: unknown } | null)?.cause;
  return `Gửi webhook thất bại: ${raw}${cause instanceof Error ? ` (${cause.message})` : ""}`;
}

/** Sends one test e-mail with the settings in force. */
export async function sendTestEmail(
  s: NotificationSettingValues,
  to: string,
  opts: { now?: Date; transport?: Partial<SMTPTransport.Options> } = {},
): Promise<TestResult> {
  const smtp = smtpConfigOf(s);
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
  opts: { now?: Date; fetchImpl?: typeof fetch } = {},
): Promise<TestResult> {
  const url = s.webhookUrl;
  if (!url) {
    return { ok: false, message: "Chưa cấu hình địa chỉ webhook. Hãy nhập địa chỉ, lưu cấu hình rồi gửi thử." };
  }
  try {
    const res = await (opts.fetchImpl ?? fetch)(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({
        type: "tiendo.test",
        generatedAt: (opts.now ?? new Date()).toISOString(),
        text: "Tin thử từ hệ thống tiendo: webhook nhắc hạn báo cáo đã được cấu hình đúng.",
        units: [],
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return { ok: true, message: `Đã gửi tin thử tới webhook (máy chủ trả lời HTTP ${res.status}).` };
  } catch (err) {
    return { ok: false, message: describeWebhookError(err, url) };
  }
}
