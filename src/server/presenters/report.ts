/** Unit reports, evidence, periods and notifications as the API returns them. */
import { daysBetween, type ReportingRate } from "../../core/index.js";
import type { Notification } from "../../store/repos/notifications.js";
import type { EvidenceFileMeta } from "../../store/repos/reports.js";
import type { ReportingPeriod } from "../../store/schema.js";
import type {
  NotificationDto,
  PeriodDto,
  ReportEvidenceDto,
  ReportItemDto,
  ReportingRateDto,
  UnitReportDto,
} from "../api-types.js";
import { editBlockReason, REPORT_STATUS_LABEL, type UnitReportContext } from "../services/unit-report.js";

export function presentEvidence(e: EvidenceFileMeta): ReportEvidenceDto {
  return {
    id: e.id,
    fileName: e.file_name,
    mime: e.mime,
    size: e.size,
    sha256: e.sha256,
    uploadedBy: e.uploaded_by,
    createdAt: e.created_at,
  };
}

export function presentPeriod(p: ReportingPeriod): PeriodDto {
  return {
    id: p.id,
    regimeId: p.regime_id,
    frequency: p.frequency,
    label: p.label,
    startDate: p.start_date,
    endDate: p.end_date,
    cutoffStart: p.cutoff_start,
    cutoffEnd: p.cutoff_end,
    dueDate: p.due_date,
    kind: p.kind,
    locked: p.locked === 1,
  };
}

export function presentRate(r: ReportingRate): ReportingRateDto {
  return {
    expected: r.expected,
    actual: r.actual,
    onTime: r.onTime,
    late: r.late,
    missing: r.missing,
    rate: r.rate,
    onTimeRate: r.onTimeRate,
  };
}

/**
 * `period` carries what the presenter cannot know by itself: today's date (Vietnam time) for the days left, and the
 * lock reason read from the audit trail.
 */
export function presentUnitReport(
  c: UnitReportContext,
  abilities: UnitReportDto["abilities"],
  period: { today: string; lockReason: string | null },
): UnitReportDto {
  const r = c.report?.report;
  const itemByTask = new Map((c.report?.items ?? []).map((i) => [i.task_id, i]));
  const evidenceByItem = new Map<string, ReportEvidenceDto[]>();
  for (const e of c.evidence) {
    const list = evidenceByItem.get(e.report_item_id) ?? [];
    list.push(presentEvidence(e));
    evidenceByItem.set(e.report_item_id, list);
  }
  const items: ReportItemDto[] = c.tasks.map((t) => {
    const i = itemByTask.get(t.id);
    return {
      taskId: t.id,
      ref: t.ref,
      title: t.title,
      groupRef: t.group_ref,
      groupTitle: t.group_title,
      role: t.role,
      dueDate: t.due_date,
      saved: !!i,
      status: i?.status ?? "not_started",
      percent: i?.percent ?? null,
      result: i?.result ?? null,
      difficulties: i?.difficulties ?? null,
      proposals: i?.proposals ?? null,
      completedOn: i?.completed_on ?? null,
      updatedAt: i?.updated_at ?? null,
      evidence: i ? (evidenceByItem.get(i.id) ?? []) : [],
    };
  });
  const status = r?.status ?? "draft";
  return {
    id: r?.id ?? null,
    planId: c.plan.id,
    planNumber: c.plan.number,
    planTitle: c.plan.title,
    unitId: c.unit.id,
    unitName: c.unit.name,
    period: {
      id: c.period.id,
      label: c.period.label,
      startDate: c.period.start_date,
      endDate: c.period.end_date,
      dueDate: c.period.due_date,
      locked: c.period.locked === 1,
      lockReason: c.period.locked === 1 ? period.lockReason : null,
      daysLeft: daysBetween(period.today, c.period.due_date),
    },
    status,
    statusLabel: REPORT_STATUS_LABEL[status],
    version: r?.version ?? 0,
    summary: r?.summary ?? null,
    difficulties: r?.difficulties ?? null,
    proposals: r?.proposals ?? null,
    submittedAt: r?.submitted_at ?? null,
    submittedBy: r?.submitted_by ?? null,
    approvedAt: r?.approved_at ?? null,
    approvedBy: r?.approved_by ?? null,
    reviewedAt: r?.reviewed_at ?? null,
    reviewedBy: r?.reviewed_by ?? null,
    reviewComment: r?.review_comment ?? null,
    updatedAt: r?.updated_at ?? null,
    updatedBy: r?.updated_by ?? null,
    lockedReason: editBlockReason(c),
    items,
    abilities,
  };
}

export function presentNotification(n: Notification): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    unitId: n.unit_id,
    createdAt: n.created_at,
    readAt: n.read_at,
  };
}
