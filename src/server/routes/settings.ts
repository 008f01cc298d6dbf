/**
 * System settings an administrator changes from the web (Quản trị → Thông báo): reminders, mail server, webhook.
 * The environment gives the defaults; saved values override them and take effect at the next reminders run.
 */
import { z } from "zod";
import { updateNotificationSettings } from "../commands/update-notification-settings.js";
import { runCommand } from "../context.js";
import { authorize } from "../policies/index.js";
import {
  loadNotificationSettings,
  notificationDefaults,
  presentNotificationSettings,
  sendTestEmail,
  sendTestWebhook,
} from "../services/notification-settings.js";
import { secretKeysFor } from "../services/secret-keys.js";
import type { RegisterRoutes } from "./deps.js";
import {
  NotificationSettingsDtoSchema,
  NotificationTestResultDtoSchema,
  TestEmailBody,
  UpdateNotificationSettingsBody,
} from "./settings.schema.js";

const TAG = "Cấu hình hệ thống";

export const registerSettingsRoutes: RegisterRoutes = (routes, { database, config }) => {
  const defaults = () => notificationDefaults(config);
  const keys = secretKeysFor(database, config);

  routes.add({
    method: "GET",
    url: "/settings/notifications",
    summary: "Cấu hình thông báo: nhắc hạn, máy chủ gửi thư (SMTP), webhook (không trả về mật khẩu)",
    tag: TAG,
    auth: "user",
    response: NotificationSettingsDtoSchema,
    errors: [403],
    handler: async ({ actor }) => {
      authorize(actor, "settings.read", null);
      return presentNotificationSettings(await loadNotificationSettings(database.db, defaults(), keys), config);
    },
  });

  routes.add({
    method: "PUT",
    url: "/settings/notifications",
    summary: "Lưu cấu hình thông báo (giá trị đã lưu thay cho biến môi trường; có hiệu lực từ lần nhắc kế tiếp)",
    tag: TAG,
    auth: "user",
    body: UpdateNotificationSettingsBody,
    response: NotificationSettingsDtoSchema,
    errors: [403],
    handler: async ({ actor, body, req }) => {
      authorize(actor, "settings.manage", null);
      const saved = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        updateNotificationSettings(ctx, body, defaults(), keys),
      );
      return presentNotificationSettings(saved, config);
    },
  });

  routes.add({
    method: "POST",
    url: "/settings/notifications/test-email",
    summary: "Gửi thư thử bằng cấu hình SMTP đang dùng (kết quả: thành công hoặc lý do thất bại)",
    tag: TAG,
    auth: "user",
    body: TestEmailBody,
    response: NotificationTestResultDtoSchema,
    errors: [403],
    handler: async ({ actor, body }) => {
      authorize(actor, "settings.manage", null);
      return sendTestEmail(await loadNotificationSettings(database.db, defaults(), keys), body.to);
    },
  });

  routes.add({
    method: "POST",
    url: "/settings/notifications/test-webhook",
    summary: "Gửi tin thử tới địa chỉ webhook đang dùng (kết quả: thành công hoặc lý do thất bại)",
    tag: TAG,
    auth: "user",
    body: z.object({}),
    response: NotificationTestResultDtoSchema,
    errors: [403],
    handler: async ({ actor }) => {
      authorize(actor, "settings.manage", null);
      return sendTestWebhook(await loadNotificationSettings(database.db, defaults(), keys));
    },
  });
};
