import { z } from "zod";
import type {
  NotificationSettingField,
  NotificationSettingsDto,
  NotificationTestResultDto,
} from "../api-types-settings.js";
import { FORBIDDEN_WEBHOOK_MESSAGE, isForbiddenWebhookAddress } from "../services/notification-settings.js";
import { dto } from "./common.schema.js";

const FIELDS = [
  "remindersEnabled",
  "daysBefore",
  "smtpHost",
  "smtpPort",
  "smtpSecure",
  "smtpUser",
  "smtpPassword",
  "smtpFrom",
  "webhookUrl",
] as const satisfies readonly NotificationSettingField[];

const EMAIL = z.email();

export const isHttpUrl = (v: string): boolean => {
  try {
    const u = new URL(v);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
};

/** Optional text: trimmed, "" and null both mean "none" (null). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v ? v : null));

export const UpdateNotificationSettingsBody = z
  .object({
    remindersEnabled: z.boolean(),
    daysBefore: z
      .number({ error: "Số ngày nhắc trước hạn phải là số nguyên từ 0 đến 60." })
      .int({ error: "Số ngày nhắc trước hạn phải là số nguyên từ 0 đến 60." })
      .min(0, { error: "Số ngày nhắc trước hạn phải là số nguyên từ 0 đến 60." })
      .max(60, { error: "Số ngày nhắc trước hạn phải là số nguyên từ 0 đến 60." }),
    smtpHost: optionalText(255).refine((v) => v === null || /^[^\s/:@]+$/.test(v), {
      error: "Tên máy chủ SMTP không hợp lệ (ví dụ smtp.govap.gov.vn).",
    }),
    smtpPort: z
      .number({ error: "Cổng SMTP phải là số nguyên từ 1 đến 65535." })
      .int({ error: "Cổng SMTP phải là số nguyên từ 1 đến 65535." })
      .min(1, { error: "Cổng SMTP phải là số nguyên từ 1 đến 65535." })
      .max(65535, { error: "Cổng SMTP phải là số nguyên từ 1 đến 65535." }),
    smtpSecure: z.boolean(),
    smtpUser: optionalText(255),
    /** Absent or "" = keep; null = remove; otherwise the new password (never trimmed). */
    smtpPassword: z.string().max(500).nullish(),
    smtpFrom: optionalText(254).refine((v) => v === null || EMAIL.safeParse(v).success, {
      error: "Địa chỉ người gửi phải là địa chỉ email hợp lệ, ví dụ tiendo@govap.gov.vn.",
    }),
    webhookUrl: optionalText(2000)
      .refine((v) => v === null || isHttpUrl(v), {
        error: "Địa chỉ webhook phải là địa chỉ http:// hoặc https:// hợp lệ.",
      })
      .refine((v) => v === null || !isHttpUrl(v) || !isForbiddenWebhookAddress(new URL(v).hostname), {
        error: FORBIDDEN_WEBHOOK_MESSAGE,
      }),
  })
  .superRefine((v, ctx) => {
    if (v.smtpHost && !v.smtpFrom) {
      ctx.addIssue({
        code: "custom",
        path: ["smtpFrom"],
        message: "Cần nhập địa chỉ người gửi khi đã nhập máy chủ SMTP.",
      });
    }
  });

export const TestEmailBody = z.object({
  to: z
    .string({ error: "Nhập địa chỉ email nhận thư thử." })
    .trim()
    .min(1, { error: "Nhập địa chỉ email nhận thư thử." })
    .max(254)
    .pipe(z.email({ error: "Địa chỉ email nhận thư thử không hợp lệ." })),
});

export const NotificationSettingsDtoSchema = dto<NotificationSettingsDto>()(
  z.object({
    remindersEnabled: z.boolean(),
    daysBefore: z.number().int(),
    smtpHost: z.string().nullable(),
    smtpPort: z.number().int(),
    smtpSecure: z.boolean(),
    smtpUser: z.string().nullable(),
    smtpPasswordSet: z.boolean(),
    smtpFrom: z.string().nullable(),
    webhookUrl: z.string().nullable(),
    fromEnvironment: z.array(z.enum(FIELDS)),
    intervalMinutes: z.number().int(),
    updatedAt: z.string().nullable(),
  }),
);

export const NotificationTestResultDtoSchema = dto<NotificationTestResultDto>()(
  z.object({ ok: z.boolean(), message: z.string() }),
);
