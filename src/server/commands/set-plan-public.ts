import { getPlan } from "../../store/repos/plans.js";
import { getPublicPlanRow, type PublicPlanRow, setPublicPlanRow } from "../../store/repos/public-plans.js";
import { recordAudit } from "../audit.js";
import { actorUserId, type CommandContext } from "../context.js";
import { AppError } from "../errors.js";

export interface SetPlanPublicInput {
  planId: string;
  public: boolean;
}

/**
 * Publishes a plan's progress to everyone ("Công khai": the public pages and CSV/JSON downloads, no login) or
 * withdraws it. Only an issued plan (published or closed) can be public. Asking for the state the plan is already in
 * changes nothing and records nothing.
 */
export async function setPlanPublic(ctx: CommandContext, input: SetPlanPublicInput): Promise<PublicPlanRow | null> {
  const plan = await getPlan(ctx.tx, input.planId);
  if (!plan) throw new AppError("NOT_FOUND", "Không tìm thấy kế hoạch.");
  if (input.public && plan.status === "draft") {
    throw new AppError("STATE", "Kế hoạch chưa ban hành nên chưa thể công khai tiến độ.");
  }
  const current = (await getPublicPlanRow(ctx.tx, plan.id)) ?? null;
  if (input.public === (current !== null)) return current;
  const since = input.public ? ctx.now.toISOString() : null;
  const row = (await setPublicPlanRow(ctx.tx, plan.id, since, actorUserId(ctx.actor))) ?? null;
  await recordAudit(ctx, {
    action: "plan.updated",
    entityId: plan.id,
    before: { revision: plan.revision, public: current !== null, publicSince: current?.public_since ?? null },
    after: {
      revision: plan.revision,
      public: input.public,
      publicSince: since,
      changes: [{ field: "plan.public", before: current !== null, after: input.public }],
    },
  });
  return row;
}
