import { setPeriodLocked } from "../../store/repos/periods.js";
import type { ReportingPeriod } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";

/**
 * Locks a period (units can no longer save, submit or attach evidence; reviews still work) or unlocks it. Locking a
 * locked period changes nothing and records nothing.
 */
export async function setPeriodLock(
  ctx: CommandContext,
  input: { period: ReportingPeriod; locked: boolean; reason?: string | null },
): Promise<ReportingPeriod> {
  const { period } = input;
  if ((period.locked === 1) === input.locked) return period;
  const row = (await setPeriodLocked(ctx.tx, period.id, input.locked)) ?? period;
  if (input.locked) {
    await recordAudit(ctx, {
      action: "period.locked",
      entityId: period.id,
      before: { locked: false },
      after: { locked: true, planId: period.plan_id, label: period.label, reason: input.reason?.trim() || null },
    });
  } else {
    await recordAudit(ctx, {
      action: "period.unlocked",
      entityId: period.id,
      before: { locked: true },
      after: { locked: false, planId: period.plan_id, label: period.label },
    });
  }
  return row;
}
