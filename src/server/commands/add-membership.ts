import { newId } from "../../store/ids.js";
import { existingUnitIds, findMembership, insertMembership } from "../../store/repos/memberships.js";
import { findUserById } from "../../store/repos/users.js";
import type { Membership, Role } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";

/** Gives a user a role in a unit; adding a membership the user already has changes nothing. */
export async function addMembership(
  ctx: CommandContext,
  input: { userId: string; unitId: string; role: Role },
): Promise<{ membership: Membership; created: boolean }> {
  if (!(await findUserById(ctx.tx, input.userId))) throw new AppError("NOT_FOUND", "Không tìm thấy tài khoản.");
  if (!(await existingUnitIds(ctx.tx, [input.unitId])).has(input.unitId)) {
    throw new AppError("VALIDATION", "Không tìm thấy đơn vị.", { fields: { unitId: "Không tìm thấy đơn vị." } });
  }
  const existing = await findMembership(ctx.tx, input.userId, input.unitId, input.role);
  if (existing) return { membership: existing, created: false };
  const membership: Membership = {
    id: newId(),
    user_id: input.userId,
    unit_id: input.unitId,
    role: input.role,
    created_at: ctx.now.toISOString(),
  };
  await insertMembership(ctx.tx, membership);
  await recordAudit(ctx, {
    action: "membership.added",
    entityId: membership.id,
    after: { userId: input.userId, unitId: input.unitId, role: input.role },
  });
  return { membership, created: true };
}
