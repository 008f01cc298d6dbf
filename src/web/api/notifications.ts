import type { NotificationListDto } from "../../server/api-types.js";
import { api } from "./client.js";

export function listNotifications(signal?: AbortSignal) {
  return api.get<NotificationListDto>("/notifications", { query: { limit: 10 }, signal });
}

export function markNotificationRead(id: string) {
  return api.post<unknown>(`/notifications/${encodeURIComponent(id)}/read`, {});
}
