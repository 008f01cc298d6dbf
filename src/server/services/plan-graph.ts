/**
 * A reviewed tiendo.plan.v1 document plus the coordinator's resolutions → the rows of a published plan (PlanGraph):
 * task groups, tasks with their timeframe columns and due date, assignments (a group expands to its member units,
 * keeping the group id and the printed name; excluded members are skipped), reporting regimes with their concrete
 * periods (core reporting calendar), targets, the emulation movement and links to superior plans. Pure.
 */
import { isIsoDate } from "../../core/dates.js";
import type { PlanV1 } from "../../core/plan-v1.js";
import { reportingPeriods } from "../../core/reporting-calendar.js";
import { effectiveDueDate } from "../../core/task-status.js";
import { newId } from "../../store/ids.js";
import type { PlanGraph } from "../../store/repos/plans.js";
import type { UnitMatchDto } from "../api-types.js";
import { assignedUnitIds } from "./import-review.js";

export interface PlanGraphInput {
  document: PlanV1;
  planId?: string;
  issuerUnitId: string;
  matches: readonly UnitMatchDto[];
  sourceFileId: string | null;
  sourceSha256: string | null;
  superiorPlanIds: readonly string[];
  /** Task index → parent task in a superior plan. */
  taskParents: Record<string, { parentTaskId: string; weight: number }>;
  actorId: string | null;
  now: string;
}

const nullIfInvalid = (d: string | null | undefined) => (d && isIsoDate(d) ? d : null);

export function buildPlanGraph(input: PlanGraphInput): PlanGraph {
  const doc = input.document;
  const meta = doc.plan;
  const planId = input.planId ?? newId();
  const planPeriod = { start: nullIfInvalid(meta.period?.start), end: nullIfInvalid(meta.period?.end) };

  const groups = doc.groups.map((g, position) => ({ id: newId(), ref: g.ref, title: g.title, position }));
  const groupIdByRef = new Map(groups.map((g) => [g.ref, g.id]));
  const matchByName = new Map(input.matches.map((m) => [m.name, m]));

  const tasks: NonNullable<PlanGraph["tasks"]> = [];
  const assignments: NonNullable<PlanGraph["assignments"]> = [];
  doc.tasks.forEach((t, position) => {
    const id = newId();
    const tf = t.timeframe;
    const deadlines = (tf.deadlines ?? []).filter(isIsoDate);
    const parent = input.taskParents[String(position)];
    tasks.push({
      id,
      group_id: t.group ? (groupIdByRef.get(t.group) ?? null) : null,
      ref: t.ref,
      title: t.title,
      detail: t.detail ?? null,
      product: t.product,
      tf_text: tf.text,
      tf_kind: tf.kind,
      tf_start: nullIfInvalid(tf.start),
      tf_end: nullIfInvalid(tf.end),
      tf_deadlines: JSON.stringify(deadlines),
      due_date: effectiveDueDate({ kind: tf.kind, end: nullIfInvalid(tf.end), deadlines }, planPeriod),
      position,
      parent_task_id: parent?.parentTaskId ?? null,
      parent_weight: parent?.weight ?? 1,
      paused_at: null,
    });
    // One assignment per (unit, role); a unit named as lead is not also a supporter.
    const seen = new Set<string>();
    let order = 0;
    for (const role of ["lead", "support"] as const) {
      for (const raw of t[role] ?? []) {
        const m = matchByName.get(raw.trim());
        if (!m?.chosen) continue;
        for (const unitId of assignedUnitIds(m.chosen)) {
          if (seen.has(unitId)) continue;
          seen.add(unitId);
          assignments.push({
            task_id: id,
            unit_id: unitId,
            role,
            printed_name: raw.trim(),
            unit_group_id: m.chosen.type === "group" ? m.chosen.id : null,
            position: order++,
          });
        }
      }
    }
  });

  const regimes = doc.reporting.map((r) => ({
    id: newId(),
    text: r.text,
    frequency: r.frequency,
    day: r.day,
    month: r.month,
    month_in_period: r.month_in_period,
    recipient: r.recipient,
    recipient_unit_id: null,
  }));
  const periods = reportingPeriods(doc.reporting, planPeriod).map((p) => ({
    regime_id: p.ruleIndex !== null ? (regimes[p.ruleIndex]?.id ?? null) : null,
    frequency: p.frequency,
    label: p.label,
    start_date: p.start,
    end_date: p.end,
    cutoff_start: p.cutoffStart,
    cutoff_end: p.cutoffEnd,
    due_date: p.due,
    kind: p.kind,
    period_key: p.key,
  }));

  const targets = doc.targets.map((t, position) => {
    const owner = t.owner ? matchByName.get(t.owner.trim())?.chosen : undefined;
    return {
      text: t.text,
      metric: t.metric,
      comparator: t.comparator,
      value: t.value,
      unit: t.unit,
      owner_unit_id: owner?.type === "unit" ? owner.id : null,
      owner_text: t.owner,
      position,
    };
  });

  const emulation = doc.emulation
    ? [
        {
          name: doc.emulation.name,
          standing_body: doc.emulation.standing_body,
          data_json: JSON.stringify(doc.emulation),
        },
      ]
    : [];

  return {
    plan: {
      id: planId,
      doc_type: meta.doc_type ?? "Kế hoạch",
      number: meta.number,
      issuer_unit_id: input.issuerUnitId,
      issuer_name: meta.issuer,
      issued_at: nullIfInvalid(meta.issued_at),
      place: meta.place,
      title: meta.title ?? "",
      period_start: planPeriod.start,
      period_end: planPeriod.end,
      signer: meta.signer,
      status: "published",
      revision: 1,
      source_file_id: input.sourceFileId,
      source_sha256: input.sourceSha256,
      is_stub: 0,
      document_json: JSON.stringify(doc),
      created_by: input.actorId,
      created_at: input.now,
      updated_at: input.now,
      published_at: input.now,
    },
    groups,
    tasks,
    assignments,
    regimes,
    periods,
    targets,
    emulation,
    links: [...new Set(input.superiorPlanIds)].map((superior_plan_id) => ({ superior_plan_id, reference_text: null })),
    revision: { changes: [{ field: "plan", before: null, after: "published" }], actor_id: input.actorId },
  };
}
