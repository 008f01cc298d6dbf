import { getAppSettings, saveAppSettings } from "../../store/repos/app-settings.js";
import type { UpdateNotificationSettingsInput } from "../api-types-settings.js";
import { recordAudit } from "../audit.js";
import { actorUserId, type CommandContext } from "../context.js";
import {
  type NotificationSettings,
  type NotificationSettingValues,
  resolveNotificationSettings,
} from "../services/notification-settings.js";

/** What the audit trail keeps of the settings: everything but the password (only whether one is set). */
function snapshot(s: NotificationSettings): Record<string, unknown> {
  const { smtpPassword, ...rest } = s;
  return { ...rest, smtpPasswordSet: !!smtpPassword, updatedAt: undefined };
}

/**
 * Saves the notification settings (every field becomes a saved value, overriding the environment). The password is
 * kept when `smtpPassword` is absent or "", removed when null. Callers authorize "settings.manage". Audited as
 * "settings.updated" with the changed fields; the password itself is never written to the audit trail.
 */
export async function updateNotificationSettings(
  ctx: CommandContext,
  input: UpdateNotificationSettingsInput,
  defaults: NotificationSettingValues,
): Promise<NotificationSettings> {
  const current = await getAppSettings(ctx.tx);
  const before = resolveNotificationSettings(current, defaults);
  const passwordChanged =
    input.smtpPassword === null || (input.smtpPassword !== undefined && input.smtpPassword !== "");
  const row = await saveAppSettings(ctx.tx, {
    reminders_enabled: input.remindersEnabled ? 1 : 0,
    reminder_days_before: input.daysBefore,
    smtp_host: input.smtpHost ?? "",
    smtp_port: input.smtpPort,
    smtp_secure: input.smtpSecure ? 1 : 0,
    smtp_user: input.smtpUser ?? "",
    ...(passwordChanged ? { smtp_password: input.smtpPassword ?? "" } : {}),
    smtp_from: input.smtpFrom ?? "",
    webhook_url: input.webhookUrl ?? "",
    updated_at: ctx.now.toISOString(),
    updated_by: actorUserId(ctx.actor),
  });
  const after = resolveNotificationSettings(row, defaults);
  const b = snapshot(before);
  const a = snapshot(after);
  const changed = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  if (changed.length > 0 || passwordChanged) {
    await recordAudit(ctx, {
      action: "settings.updated",
      entityId: "notifications",
      before: Object.fromEntries(changed.map((k) => [k, b[k]])),
      after: {
        ...Object.fromEntries(changed.map((k) => [k, a[k]])),
        ...(passwordChanged ? { smtpPasswordChanged: true } : {}),
      },
    });
  }
  return after;
}
