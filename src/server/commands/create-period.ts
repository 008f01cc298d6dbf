import { adhocPeriod, compareDates } from "../../core/index.js";
import { insertPeriods, listPeriodsForPlan } from "../../store/repos/periods.js";
import type { Plan, ReportingPeriod } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";

export interface CreatePeriodInput {
  plan: Plan;
  label: string;
  dueDate: string;
  startDate?: string | null;
  endDate?: string | null;
}

/**
 * A coordinator's ad-hoc request (báo cáo đột xuất): a period with its own label and due date. Without dates it
 * covers the due date's year up to the due date (core adhocPeriod).
 */
export async function createPeriod(ctx: CommandContext, input: CreatePeriodInput): Promise<ReportingPeriod> {
  if (input.plan.status !== "published") {
    throw new AppError("STATE", "Chỉ yêu cầu báo cáo đột xuất với kế hoạch đang thực hiện (đã ban hành).");
  }
  if (input.startDate && input.endDate && compareDates(input.startDate, input.endDate) > 0) {
    throw new AppError("VALIDATION", "Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc.", {
      fields: { startDate: "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc." },
    });
  }
  let spec: ReturnType<typeof adhocPeriod>;
  try {
    spec = adhocPeriod(input.label, input.dueDate, input.startDate ?? null, input.endDate ?? null);
  } catch {
    throw new AppError("VALIDATION", "Thông tin kỳ báo cáo không hợp lệ.", {
      fields: { dueDate: "Kiểm tra lại ngày bắt đầu, kết thúc và hạn nộp." },
    });
  }
  // Two requests due the same day get distinct keys.
  const keys = new Set((await listPeriodsForPlan(ctx.tx, input.plan.id)).map((p) => p.period_key));
  let key = spec.key;
  for (let n = 2; keys.has(key); n++) key = `${spec.key}:${n}`;
  const [row] = await insertPeriods(
    ctx.tx,
    input.plan.id,
    [
      {
        frequency: "adhoc",
        kind: "adhoc",
        label: spec.label,
        start_date: spec.start,
        end_date: spec.end,
        cutoff_start: spec.cutoffStart,
        cutoff_end: spec.cutoffEnd,
        due_date: spec.due,
        period_key: key,
      },
    ],
    ctx.now.toISOString(),
  );
  if (!row) throw new Error("createPeriod: no row inserted");
  await recordAudit(ctx, {
    action: "period.created",
    entityId: row.id,
    after: {
      planId: row.plan_id,
      kind: row.kind,
      label: row.label,
      startDate: row.start_date,
      endDate: row.end_date,
      dueDate: row.due_date,
    },
  });
  return row;
}
