import type {
  NotificationSettingsDto,
  NotificationTestResultDto,
  UpdateNotificationSettingsInput,
} from "../../server/api-types-settings.js";
import { api } from "./client.js";

export function getNotificationSettings(signal?: AbortSignal) {
  return api.get<NotificationSettingsDto>("/settings/notifications", { signal });
}

export function saveNotificationSettings(input: UpdateNotificationSettingsInput) {
  return api.put<NotificationSettingsDto>("/settings/notifications", input);
}

export function sendTestEmail(to: string) {
  return api.post<NotificationTestResultDto>("/settings/notifications/test-email", { to });
}

export function sendTestWebhook() {
  return api.post<NotificationTestResultDto>("/settings/notifications/test-webhook", {});
}
