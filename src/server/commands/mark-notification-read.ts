import { markNotificationRead, type Notification } from "../../store/repos/notifications.js";
import type { CommandContext } from "../context.js";

/**
 * Marks one of the actor's notifications read. Personal bookkeeping, not a change to shared data: no audit row.
 */
export async function markNotificationReadCommand(
  ctx: CommandContext,
  input: { notification: Notification },
): Promise<Notification> {
  return (await markNotificationRead(ctx.tx, input.notification.id, ctx.now.toISOString())) ?? input.notification;
}
