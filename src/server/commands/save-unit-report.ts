import { getPeriod } from "../../store/repos/periods.js";
import { type ReportItemInput, type ReportWithItems, saveReport } from "../../store/repos/reports.js";
import type { ItemStatus } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import { actorUserId, type CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { ReportVersionConflict } from "../services/report-errors.js";
import { assertEditable, type UnitReportContext } from "../services/unit-report.js";

export interface ReportItemEdit {
  taskId: string;
  status: ItemStatus;
  percent?: number | null;
  result?: string | null;
  difficulties?: string | null;
  proposals?: string | null;
  completedOn?: string | null;
}

export interface SaveUnitReportInput {
  context: UnitReportContext;
  /** The version being edited; 0 when the report does not exist yet. */
  version: number;
  summary?: string | null;
  difficulties?: string | null;
  proposals?: string | null;
  items: readonly ReportItemEdit[];
  /** Where the content came from (the form's autosave or an uploaded XLSX), for the audit trail. */
  source?: "form" | "xlsx";
}

const blankToNull = (s: string | null | undefined) => (s === undefined ? undefined : s?.trim() ? s.trim() : null);

/**
 * Saves (creates or updates) a unit's report for a period: an autosave. Optimistic locking: a stale `version`
 * throws ReportVersionConflict and nothing is written. Only tasks the unit leads or supports may be reported.
 */
export async function saveUnitReport(ctx: CommandContext, input: SaveUnitReportInput): Promise<ReportWithItems> {
  const { context: c } = input;
  const period = (await getPeriod(ctx.tx, c.period.id)) ?? c.period;
  assertEditable({ plan: c.plan, period, report: c.report });

  const own = new Set(c.tasks.map((t) => t.id));
  const fields: Record<string, string> = {};
  input.items.forEach((item, i) => {
    if (!own.has(item.taskId)) fields[`items.${i}.taskId`] = "Nhiệm vụ không thuộc báo cáo của đơn vị.";
    if (item.status !== "done" && item.completedOn) {
      fields[`items.${i}.completedOn`] = "Chỉ nhập ngày hoàn thành khi nhiệm vụ đã hoàn thành.";
    }
  });
  if (Object.keys(fields).length) {
    throw new AppError("VALIDATION", "Dữ liệu báo cáo không hợp lệ. Vui lòng kiểm tra các dòng được đánh dấu.", {
      fields,
    });
  }

  const items: ReportItemInput[] = input.items.map((i) => ({
    task_id: i.taskId,
    status: i.status,
    percent: i.status === "done" ? 100 : (i.percent ?? null),
    result: blankToNull(i.result) ?? null,
    difficulties: blankToNull(i.difficulties) ?? null,
    proposals: blankToNull(i.proposals) ?? null,
    completed_on: i.status === "done" ? (i.completedOn ?? null) : null,
  }));
  const before = c.report?.report;
  const saved = await saveReport(
    ctx.tx,
    {
      plan_id: c.plan.id,
      period_id: c.period.id,
      unit_id: c.unit.id,
      plan_revision: c.plan.revision,
      expected_version: input.version === 0 ? null : input.version,
      summary: blankToNull(input.summary),
      difficulties: blankToNull(input.difficulties),
      proposals: blankToNull(input.proposals),
      items,
      updated_by: actorUserId(ctx.actor),
    },
    ctx.now.toISOString(),
  );
  if (!saved) throw new ReportVersionConflict();
  await recordAudit(ctx, {
    action: "report.saved",
    entityId: saved.report.id,
    before: before ? { version: before.version, status: before.status } : null,
    after: {
      version: saved.report.version,
      status: saved.report.status,
      planId: c.plan.id,
      periodId: c.period.id,
      unitId: c.unit.id,
      source: input.source ?? "form",
      tasks: items.map((i) => i.task_id),
    },
  });
  return saved;
}
