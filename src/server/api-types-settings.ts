/**
 * JSON shapes of the settings API (/api/v1/settings/…), shared with the web app (types only). Kept beside
 * `api-types.ts` so the settings area can grow without touching the shared file.
 */

/** The notification settings an administrator may change. */
export type NotificationSettingField =
  | "remindersEnabled"
  | "daysBefore"
  | "smtpHost"
  | "smtpPort"
  | "smtpSecure"
  | "smtpUser"
  | "smtpPassword"
  | "smtpFrom"
  | "webhookUrl";

/** GET/PUT /api/v1/settings/notifications — the settings in force (saved values over the server's environment). */
export interface NotificationSettingsDto {
  /** The reminders job sends reminders (in-app, e-mail, webhook). */
  remindersEnabled: boolean;
  /** Remind this many days before a report is due (0–60). */
  daysBefore: number;
  /** null = no mail server: reminders are only shown in the app. */
  smtpHost: string | null;
  smtpPort: number;
  /** TLS from the start (usually port 465); otherwise STARTTLS when the server offers it. */
  smtpSecure: boolean;
  smtpUser: string | null;
  /** The password is never returned; this says whether one is set. */
  smtpPasswordSet: boolean;
  smtpFrom: string | null;
  webhookUrl: string | null;
  /** Settings still taken from the server's environment variables (never saved by an administrator). */
  fromEnvironment: NotificationSettingField[];
  /** Minutes between runs of the reminders job (environment TIENDO_REMINDER_INTERVAL_MINUTES; 0 = job off). */
  intervalMinutes: number;
  /** When an administrator last saved; null = never (everything from the environment). */
  updatedAt: string | null;
}

/** PUT /api/v1/settings/notifications */
export interface UpdateNotificationSettingsInput {
  remindersEnabled: boolean;
  daysBefore: number;
  /** null or "" = no mail server. */
  smtpHost: string | null;
  smtpPort: number;
  smtpSecure: boolean;
  smtpUser: string | null;
  /** Absent or "" = keep the current password; null = remove it; a string = the new password. */
  smtpPassword?: string | null;
  smtpFrom: string | null;
  webhookUrl: string | null;
}

/** POST /api/v1/settings/notifications/test-email and /test-webhook */
export interface NotificationTestResultDto {
  ok: boolean;
  /** Vietnamese, ready to show: what was sent, or why it failed. */
  message: string;
}
