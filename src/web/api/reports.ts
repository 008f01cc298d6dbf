import type {
  BulkReviewActionName,
  BulkReviewResultDto,
  MyReportDto,
  MyReportQueueName,
  PeriodDto,
  PeriodWithRateDto,
  ReportEvidenceDto,
  ReportItemStatusName,
  UnitReportDto,
} from "../../server/api-types.js";
import { ApiRequestError, api, errorMessage, upload } from "./client.js";

export interface ReportKey {
  planId: string;
  periodId: string;
  unitId: string;
}

function base(k: ReportKey): string {
  return `/reports/${encodeURIComponent(k.planId)}/${encodeURIComponent(k.periodId)}/${encodeURIComponent(k.unitId)}`;
}

export function reportPath(k: ReportKey): string {
  return `/bao-cao/${encodeURIComponent(k.planId)}/${encodeURIComponent(k.periodId)}/${encodeURIComponent(k.unitId)}`;
}

export function getReport(k: ReportKey, signal?: AbortSignal) {
  return api.get<UnitReportDto>(base(k), { signal });
}

export interface SaveItem {
  taskId: string;
  status: ReportItemStatusName;
  percent: number | null;
  result: string | null;
  difficulties: string | null;
  proposals: string | null;
  completedOn: string | null;
}

export interface SaveReportInput {
  version: number;
  summary: string | null;
  difficulties: string | null;
  proposals: string | null;
  items: SaveItem[];
}

export function saveReport(k: ReportKey, input: SaveReportInput) {
  return api.put<UnitReportDto>(base(k), input);
}

export type Transition = "submit" | "approve" | "accept" | "return";

export function transitionReport(k: ReportKey, action: Transition, body: { version: number; comment?: string | null }) {
  return api.post<UnitReportDto>(`${base(k)}/${action}`, body);
}

export function uploadEvidence(k: ReportKey, taskId: string, file: File) {
  return upload<ReportEvidenceDto>(`${base(k)}/items/${encodeURIComponent(taskId)}/evidence`, file);
}

export function deleteEvidence(k: ReportKey, fileId: string) {
  return api.delete<unknown>(`${base(k)}/evidence/${encodeURIComponent(fileId)}`);
}

export function evidenceUrl(k: ReportKey, fileId: string): string {
  return `/api/v1${base(k)}/evidence/${encodeURIComponent(fileId)}`;
}

export function xlsxUrl(k: ReportKey): string {
  return `/api/v1${base(k)}/xlsx`;
}

export function listPeriods(planId: string, signal?: AbortSignal) {
  return api.get<PeriodWithRateDto[]>(`/plans/${encodeURIComponent(planId)}/periods`, { signal });
}

/** The report as the server now has it, when a save or transition lost a race (409). */
export function conflictCurrent(err: unknown): UnitReportDto | null {
  if (!(err instanceof ApiRequestError) || err.code !== "CONFLICT") return null;
  const current = err.detail?.current;
  return current && typeof current === "object" ? (current as UnitReportDto) : null;
}

export const ITEM_STATUS_LABELS: Record<ReportItemStatusName, string> = {
  not_started: "Chưa thực hiện",
  in_progress: "Đang thực hiện",
  done: "Đã hoàn thành",
  paused: "Tạm dừng",
};

/** Upload a filled-in XLSX form: the server checks every row and applies all of them or none. */
export function uploadReportXlsx(k: ReportKey, file: File) {
  return upload<UnitReportDto>(`${base(k)}/xlsx`, file);
}

/** GET /me/reports: reports waiting for the signed-in user (to send, to approve, to accept). */
export function myReports(query: { queue?: MyReportQueueName; days?: number }, signal?: AbortSignal) {
  return api.get<MyReportDto[]>("/me/reports", { query: { ...query }, signal });
}

/** A coordinator's ad-hoc report request: a new period with its own due date. */
export function createAdhocPeriod(
  planId: string,
  body: { label: string; dueDate: string; startDate?: string | null; endDate?: string | null },
) {
  return api.post<PeriodDto>(`/plans/${encodeURIComponent(planId)}/periods`, body);
}

export function setPeriodLocked(planId: string, periodId: string, locked: boolean, reason?: string | null) {
  return api.post<PeriodDto>(
    `/plans/${encodeURIComponent(planId)}/periods/${encodeURIComponent(periodId)}/${locked ? "lock" : "unlock"}`,
    { reason: reason ?? null },
  );
}

/** The most reports the server accepts or returns in one request (BULK_REVIEW_MAX in reports.schema.ts). */
export const BULK_REVIEW_MAX = 200;

/**
 * The coordinator accepts or returns many units' reports of a period at once; the answer lists every unit (ok, or
 * why not). Larger selections go in parts of BULK_REVIEW_MAX, one after the other, and their answers are merged.
 */
export async function bulkReviewReports(
  planId: string,
  periodId: string,
  action: BulkReviewActionName,
  body: { unitIds: string[]; comment?: string | null },
): Promise<BulkReviewResultDto> {
  const url = `/plans/${encodeURIComponent(planId)}/periods/${encodeURIComponent(periodId)}/reports/${action}`;
  const merged: BulkReviewResultDto = { action, okCount: 0, failedCount: 0, items: [] };
  for (let i = 0; i < body.unitIds.length; i += BULK_REVIEW_MAX) {
    let part: BulkReviewResultDto;
    try {
      part = await api.post<BulkReviewResultDto>(url, { ...body, unitIds: body.unitIds.slice(i, i + BULK_REVIEW_MAX) });
    } catch (err) {
      // Nothing done yet: the caller shows the error. Otherwise keep what was done and list the rest as not done.
      if (i === 0) throw err;
      const message = `Chưa xử lý: ${errorMessage(err)}`;
      for (const unitId of body.unitIds.slice(i)) {
        merged.items.push({ unitId, unitName: null, ok: false, error: { code: "INTERNAL", message } });
        merged.failedCount += 1;
      }
      break;
    }
    merged.okCount += part.okCount;
    merged.failedCount += part.failedCount;
    merged.items.push(...part.items);
  }
  return merged;
}

/** The consolidated report of a plan for a period (DOCX) or its appendix (XLSX). */
export function consolidatedUrl(planId: string, periodId: string, kind: "docx" | "xlsx"): string {
  return `/api/v1/plans/${encodeURIComponent(planId)}/consolidated.${kind}?period=${encodeURIComponent(periodId)}`;
}

/** A unit's iCalendar feed of report and task due dates. */
export function unitCalendarUrl(unitId: string): string {
  return `/api/v1/units/${encodeURIComponent(unitId)}/calendar.ics`;
}
