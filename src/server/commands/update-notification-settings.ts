import { getAppSettings, saveAppSettings } from "../../store/repos/app-settings.js";
import type { UpdateNotificationSettingsInput } from "../api-types-settings.js";
import { recordAudit } from "../audit.js";
import { actorUserId, type CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { encryptSecret, isEncryptedSecret } from "../secret-box.js";
import {
  type NotificationSettings,
  type NotificationSettingValues,
  readKeyOf,
  resolveNotificationSettings,
  SMTP_PASSWORD_CONTEXT,
} from "../services/notification-settings.js";
import { NO_SECRET_KEY_MESSAGE, type SecretKeys } from "../services/secret-keys.js";

/** What the audit trail keeps of the settings: everything but the password (only whether one is set). */
function snapshot(s: NotificationSettings): Record<string, unknown> {
  const { smtpPassword, smtpPasswordError, ...rest } = s;
  return { ...rest, smtpPasswordSet: !!smtpPassword, updatedAt: undefined };
}

/**
 * Saves the notification settings (every field becomes a saved value, overriding the environment). The password is
 * kept when `smtpPassword` is absent or "", removed when null. Callers authorize "settings.manage". Audited as
 * "settings.updated" with the changed fields; the password itself is never written to the audit trail.
 *
 * The password is stored encrypted (secret-box, key from `keys`); a legacy plaintext one is encrypted at this save.
 * Without any key (PostgreSQL without TIENDO_SECRET_KEY) a new password is refused with the reason.
 */
export async function updateNotificationSettings(
  ctx: CommandContext,
  input: UpdateNotificationSettingsInput,
  defaults: NotificationSettingValues,
  keys: SecretKeys,
): Promise<NotificationSettings> {
  const current = await getAppSettings(ctx.tx);
  const readKey = await readKeyOf(keys);
  const before = resolveNotificationSettings(current, defaults, readKey);
  const newPassword = input.smtpPassword ? input.smtpPassword : null;
  const passwordChanged = input.smtpPassword === null || newPassword !== null;
  const legacy = !passwordChanged && !!current?.smtp_password && !isEncryptedSecret(current.smtp_password);
  let storedPassword: string | undefined;
  let key: Buffer | undefined;
  if (newPassword !== null || legacy) {
    try {
      key = await keys.writeKey();
    } catch (err) {
      // An unusable key file: a new password cannot be saved (say why); a legacy one just stays as it is.
      if (newPassword !== null) throw new AppError("STATE", err instanceof Error ? err.message : String(err));
    }
    if (key) storedPassword = encryptSecret(newPassword ?? current!.smtp_password!, key, SMTP_PASSWORD_CONTEXT);
    else if (newPassword !== null) {
      throw new AppError("VALIDATION", NO_SECRET_KEY_MESSAGE, { fields: { smtpPassword: NO_SECRET_KEY_MESSAGE } });
    }
  } else if (input.smtpPassword === null) storedPassword = "";
  const reencrypted = legacy && storedPassword !== undefined;
  const row = await saveAppSettings(ctx.tx, {
    reminders_enabled: input.remindersEnabled ? 1 : 0,
    reminder_days_before: input.daysBefore,
    smtp_host: input.smtpHost ?? "",
    smtp_port: input.smtpPort,
    smtp_secure: input.smtpSecure ? 1 : 0,
    smtp_user: input.smtpUser ?? "",
    ...(storedPassword !== undefined ? { smtp_password: storedPassword } : {}),
    smtp_from: input.smtpFrom ?? "",
    webhook_url: input.webhookUrl ?? "",
    updated_at: ctx.now.toISOString(),
    updated_by: actorUserId(ctx.actor),
  });
  const after = resolveNotificationSettings(row, defaults, key ? { key } : readKey);
  const b = snapshot(before);
  const a = snapshot(after);
  const changed = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  if (changed.length > 0 || passwordChanged || reencrypted) {
    await recordAudit(ctx, {
      action: "settings.updated",
      entityId: "notifications",
      before: Object.fromEntries(changed.map((k) => [k, b[k]])),
      after: {
        ...Object.fromEntries(changed.map((k) => [k, a[k]])),
        ...(passwordChanged ? { smtpPasswordChanged: true } : {}),
        ...(reencrypted ? { smtpPasswordEncrypted: true } : {}),
      },
    });
  }
  return after;
}
