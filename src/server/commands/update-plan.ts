import type { PlanV1, Timeframe } from "../../core/plan-v1.js";
import { reportingPeriods } from "../../core/reporting-calendar.js";
import { effectiveDueDate } from "../../core/task-status.js";
import { upsertPeriods } from "../../store/repos/periods.js";
import {
  getPlanWithTasks,
  type PlanPatch,
  recordPlanRevision,
  updatePlan as savePlan,
  type TaskPatch,
  updateTask,
} from "../../store/repos/plans.js";
import type { Plan } from "../../store/schema.js";
import { parseJsonText } from "../../store/sql/json.js";
import type { PlanChangeDto } from "../api-types.js";
import { recordAudit } from "../audit.js";
import { actorUserId, type CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { DetailedAppError } from "../services/http-errors.js";

export interface PlanHeaderEdit {
  docType?: string;
  number?: string | null;
  title?: string;
  issuedAt?: string | null;
  place?: string | null;
  signer?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
}

export interface TaskEdit {
  id: string;
  title?: string;
  product?: string | null;
  detail?: string | null;
  timeframe?: Timeframe;
}

export interface UpdatePlanInput {
  planId: string;
  /** The revision the editor started from; a newer one on the server is a conflict. */
  revision: number;
  header?: PlanHeaderEdit;
  tasks?: TaskEdit[];
}

const HEADER_COLUMNS: Record<keyof PlanHeaderEdit, keyof PlanPatch & keyof Plan> = {
  docType: "doc_type",
  number: "number",
  title: "title",
  issuedAt: "issued_at",
  place: "place",
  signer: "signer",
  periodStart: "period_start",
  periodEnd: "period_end",
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Edits a published plan as a new revision: records each changed field (before/after), who and when, keeps the
 * reviewed document in step, and refreshes unlocked reporting periods when the plan period moves. Reports keep the
 * revision they were made against.
 */
export async function updatePlan(ctx: CommandContext, input: UpdatePlanInput): Promise<Plan> {
  const g = await getPlanWithTasks(ctx.tx, input.planId);
  if (!g) throw new AppError("NOT_FOUND", "Không tìm thấy kế hoạch.");
  if (g.plan.revision !== input.revision) {
    throw new DetailedAppError(
      "CONFLICT",
      `Kế hoạch đã được chỉnh sửa (lần ${g.plan.revision}) sau khi bạn mở. Hãy tải lại trước khi sửa tiếp.`,
      { currentRevision: g.plan.revision },
    );
  }
  const now = ctx.now.toISOString();
  const doc = parseJsonText<PlanV1 | null>(g.plan.document_json, null);
  const changes: PlanChangeDto[] = [];

  const patch: PlanPatch = {};
  for (const [key, column] of Object.entries(HEADER_COLUMNS) as [
    keyof PlanHeaderEdit,
    keyof PlanPatch & keyof Plan,
  ][]) {
    const value = input.header?.[key];
    if (value === undefined || same(value, g.plan[column])) continue;
    changes.push({ field: `plan.${key}`, before: g.plan[column], after: value });
    (patch as Record<string, unknown>)[column] = value;
  }
  const period = {
    start: patch.period_start !== undefined ? patch.period_start : g.plan.period_start,
    end: patch.period_end !== undefined ? patch.period_end : g.plan.period_end,
  };
  if (period.start && period.end && period.start > period.end) {
    throw new AppError("VALIDATION", "Ngày bắt đầu kế hoạch sau ngày kết thúc.", {
      fields: { "header.periodStart": "Ngày bắt đầu phải trước ngày kết thúc." },
    });
  }
  if (doc) {
    const h = input.header ?? {};
    if (h.docType !== undefined) doc.plan.doc_type = h.docType;
    if (h.number !== undefined) doc.plan.number = h.number;
    if (h.title !== undefined) doc.plan.title = h.title;
    if (h.issuedAt !== undefined) doc.plan.issued_at = h.issuedAt;
    if (h.place !== undefined) doc.plan.place = h.place;
    if (h.signer !== undefined) doc.plan.signer = h.signer;
    if (h.periodStart !== undefined || h.periodEnd !== undefined) doc.plan.period = { ...period };
  }

  const byId = new Map(g.tasks.map((t) => [t.id, t]));
  const taskPatches: [string, TaskPatch][] = [];
  for (const [i, edit] of (input.tasks ?? []).entries()) {
    const t = byId.get(edit.id);
    if (!t) {
      throw new AppError("VALIDATION", "Nhiệm vụ không thuộc kế hoạch này.", {
        fields: { [`tasks.${i}.id`]: "Không tìm thấy nhiệm vụ trong kế hoạch." },
      });
    }
    const tp: TaskPatch = {};
    const label = t.ref ? `tasks.${t.ref}` : `tasks.#${t.position + 1}`;
    for (const field of ["title", "product", "detail"] as const) {
      const v = edit[field];
      if (v === undefined || same(v, t[field])) continue;
      changes.push({ field: `${label}.${field}`, before: t[field], after: v });
      tp[field] = v as string;
    }
    if (edit.timeframe) {
      const tf = edit.timeframe;
      const before = {
        text: t.tf_text,
        kind: t.tf_kind,
        start: t.tf_start,
        end: t.tf_end,
        deadlines: parseJsonText<string[]>(t.tf_deadlines, []),
      };
      if (!same(before, tf)) {
        changes.push({ field: `${label}.timeframe`, before, after: tf });
        Object.assign(tp, {
          tf_text: tf.text,
          tf_kind: tf.kind,
          tf_start: tf.start,
          tf_end: tf.end,
          tf_deadlines: JSON.stringify(tf.deadlines),
        });
      }
    }
    const tfNow = {
      kind: (tp.tf_kind ?? t.tf_kind) as Timeframe["kind"],
      end: tp.tf_end !== undefined ? tp.tf_end : t.tf_end,
      deadlines: parseJsonText<string[]>(tp.tf_deadlines ?? t.tf_deadlines, []),
    };
    const due = effectiveDueDate(tfNow, period);
    if (due !== t.due_date) tp.due_date = due;
    if (Object.keys(tp).length) taskPatches.push([t.id, tp]);
    const dt = doc?.tasks[t.position];
    if (dt) {
      if (edit.title !== undefined) dt.title = edit.title;
      if (edit.product !== undefined) dt.product = edit.product;
      if (edit.detail !== undefined) dt.detail = edit.detail;
      if (edit.timeframe) dt.timeframe = edit.timeframe;
    }
  }
  // A moved plan period changes the due date of tasks that inherit it ("unspecified").
  if (patch.period_end !== undefined) {
    for (const t of g.tasks) {
      if (t.tf_kind !== "unspecified" || taskPatches.some(([id]) => id === t.id)) continue;
      taskPatches.push([t.id, { due_date: period.end }]);
    }
  }

  if (changes.length === 0) return g.plan;
  if (Object.keys(patch).length) await savePlan(ctx.tx, g.plan.id, patch, now);
  for (const [id, tp] of taskPatches) await updateTask(ctx.tx, id, tp, now);

  if ((patch.period_start !== undefined || patch.period_end !== undefined) && doc) {
    const regimeFor = (i: number) =>
      g.regimes.find((r) => r.text === doc.reporting[i]?.text && r.frequency === doc.reporting[i]?.frequency)?.id ??
      null;
    const periods = reportingPeriods(doc.reporting, period).map((p) => ({
      regime_id: p.ruleIndex !== null ? regimeFor(p.ruleIndex) : null,
      frequency: p.frequency,
      label: p.label,
      start_date: p.start,
      end_date: p.end,
      cutoff_start: p.cutoffStart,
      cutoff_end: p.cutoffEnd,
      due_date: p.due,
      kind: p.kind as "regular" | "adhoc",
      period_key: p.key,
    }));
    if (periods.length) await upsertPeriods(ctx.tx, g.plan.id, periods, now);
  }

  const revision = await recordPlanRevision(
    ctx.tx,
    g.plan.id,
    { changes, document_json: doc ? JSON.stringify(doc) : undefined, actor_id: actorUserId(ctx.actor) },
    now,
  );
  await recordAudit(ctx, {
    action: "plan.updated",
    entityId: g.plan.id,
    before: { revision: g.plan.revision },
    after: { revision: revision?.revision ?? g.plan.revision + 1, changes },
  });
  return (await getPlanWithTasks(ctx.tx, g.plan.id))!.plan;
}
