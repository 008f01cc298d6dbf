/** The signed-in user's in-app notifications (reminders of due and overdue reports). */
import { z } from "zod";
import { getNotification, listNotificationsForUser } from "../../store/repos/notifications.js";
import type { NotificationDto, NotificationListDto } from "../api-types.js";
import { markNotificationReadCommand } from "../commands/mark-notification-read.js";
import { runCommand } from "../context.js";
import { AppError } from "../errors.js";
import { presentNotification } from "../presenters/report.js";
import { dto, IdParams } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";

const NotificationDtoSchema = dto<NotificationDto>()(
  z.object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    link: z.string().nullable(),
    unitId: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  }),
);

const NotificationListDtoSchema = dto<NotificationListDto>()(
  z.object({
    items: z.array(NotificationDtoSchema),
    total: z.number().int(),
    unread: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  }),
);

const ListQuery = z.object({
  unread: z
    .enum(["true", "false", "1", "0"])
    .transform((v) => v === "true" || v === "1")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const registerNotificationRoutes: RegisterRoutes = (routes, { database }) => {
  const db = database.db;

  routes.add({
    method: "GET",
    url: "/notifications",
    summary: "Thông báo của tôi (nhắc hạn nộp báo cáo, báo cáo quá hạn), mới nhất trước",
    tag: "Thông báo",
    auth: "user",
    query: ListQuery,
    response: NotificationListDtoSchema,
    handler: async ({ actor, query }) => {
      const { rows, total, unread } = await listNotificationsForUser(db, actor.id, {
        unreadOnly: query.unread ?? false,
        limit: query.limit,
        offset: query.offset,
      });
      return { items: rows.map(presentNotification), total, unread, limit: query.limit, offset: query.offset };
    },
  });

  routes.add({
    method: "POST",
    url: "/notifications/:id/read",
    summary: "Đánh dấu đã đọc một thông báo",
    tag: "Thông báo",
    auth: "user",
    params: IdParams,
    response: NotificationDtoSchema,
    errors: [404],
    handler: async ({ actor, params, req }) => {
      const n = await getNotification(db, params.id);
      // Someone else's notification does not exist for this user.
      if (!n || n.user_id !== actor.id) throw new AppError("NOT_FOUND", "Không tìm thấy thông báo.");
      const row = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        markNotificationReadCommand(ctx, { notification: n }),
      );
      return presentNotification(row);
    },
  });
};
