import { addPlanLink, getPlanWithTasks, type PlanLink } from "../../store/repos/plans.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";

export interface LinkPlanInput {
  planId: string;
  superiorPlanId: string;
  referenceText?: string | null;
}

/** Records that a plan implements a superior plan (cascade); linking twice changes nothing. */
export async function linkPlan(
  ctx: CommandContext,
  input: LinkPlanInput,
): Promise<{ link: PlanLink | null; created: boolean }> {
  if (input.planId === input.superiorPlanId) {
    throw new AppError("VALIDATION", "Kế hoạch không thể thực hiện chính nó.", {
      fields: { superiorPlanId: "Chọn một kế hoạch cấp trên khác." },
    });
  }
  const plan = await getPlanWithTasks(ctx.tx, input.planId);
  if (!plan) throw new AppError("NOT_FOUND", "Không tìm thấy kế hoạch.");
  const existing = plan.links.find((l) => l.superior_plan_id === input.superiorPlanId);
  if (existing) return { link: existing, created: false };
  const superior = await getPlanWithTasks(ctx.tx, input.superiorPlanId);
  if (superior?.links.some((l) => l.superior_plan_id === input.planId)) {
    throw new AppError("VALIDATION", "Kế hoạch cấp trên đang thực hiện kế hoạch này; không thể liên kết ngược lại.", {
      fields: { superiorPlanId: "Liên kết tạo vòng lặp." },
    });
  }
  const link = await addPlanLink(
    ctx.tx,
    { plan_id: input.planId, superior_plan_id: input.superiorPlanId, reference_text: input.referenceText ?? null },
    ctx.now.toISOString(),
  );
  await recordAudit(ctx, {
    action: "plan.linked",
    entityId: input.planId,
    before: null,
    after: { superiorPlanId: input.superiorPlanId, referenceText: input.referenceText ?? null },
  });
  return { link, created: true };
}
