/**
 * Task status, derived from the timeframe, the accepted unit reports and today's date — never typed by hand.
 *
 * Effective due date (`effectiveDueDate`):
 * - `by`, `period`: the timeframe's end (else its last deadline);
 * - `unspecified`: the plan period's end (the task inherits the plan's period);
 * - `ongoing`, `recurring`: none — the status is "thường xuyên" (recurring tasks are also reported every period);
 * - `conditional`: none until a date is set on the timeframe (end, else the last deadline).
 *
 * Rules, in order (`deriveTaskStatus`):
 * 1. Only reports accepted on or before `today` count (option `acceptedOnly: false` counts every report given);
 *    the latest by period end (then acceptance) speaks for the task.
 * 2. ongoing / recurring → `thuong_xuyen`, unless the latest report is `paused` → `tam_dung`.
 * 3. Latest `done` → completion date = `completedOn`, else the report's period end. Due null or completion ≤ due →
 *    `hoan_thanh_dung_han`, else `hoan_thanh_qua_han`.
 * 4. Latest `paused` (or `pausedAt` ≤ today, a coordinator's decision) → `tam_dung` — a halted task is not overdue.
 * 5. Due date passed (today > due) → `qua_han_chua_hoan_thanh`.
 * 6. Latest `in_progress`, or any percent > 0 → `dang_thuc_hien`; otherwise `chua_thuc_hien`.
 * "Sắp đến hạn" is a flag, not a status: not completed, not paused, and today ≤ due ≤ today + N days.
 */
import { compareDates, daysBetween, type IsoDate, isIsoDate, isoDateAt, maxDate } from "./dates.js";
import type { Timeframe } from "./plan-v1.js";

export type TaskStatus =
  | "chua_thuc_hien"
  | "dang_thuc_hien"
  | "hoan_thanh_dung_han"
  | "hoan_thanh_qua_han"
  | "qua_han_chua_hoan_thanh"
  | "thuong_xuyen"
  | "tam_dung";

export const TASK_STATUSES: readonly TaskStatus[] = [
  "chua_thuc_hien",
  "dang_thuc_hien",
  "hoan_thanh_dung_han",
  "hoan_thanh_qua_han",
  "qua_han_chua_hoan_thanh",
  "thuong_xuyen",
  "tam_dung",
];

export const TASK_STATUS_LABEL: Readonly<Record<TaskStatus, string>> = {
  chua_thuc_hien: "Chưa thực hiện",
  dang_thuc_hien: "Đang thực hiện",
  hoan_thanh_dung_han: "Hoàn thành đúng hạn",
  hoan_thanh_qua_han: "Hoàn thành quá hạn",
  qua_han_chua_hoan_thanh: "Quá hạn chưa hoàn thành",
  thuong_xuyen: "Thường xuyên",
  tam_dung: "Tạm dừng",
};

/** The UX colour of each status (docs/design UX.md); "sắp đến hạn" is amber. Never shown without the label. */
export const TASK_STATUS_TONE: Readonly<
  Record<TaskStatus, "green" | "olive" | "blue" | "red" | "grey" | "teal" | "outlined">
> = {
  hoan_thanh_dung_han: "green",
  hoan_thanh_qua_han: "olive",
  dang_thuc_hien: "blue",
  qua_han_chua_hoan_thanh: "red",
  chua_thuc_hien: "grey",
  thuong_xuyen: "teal",
  tam_dung: "outlined",
};

export const DUE_SOON_LABEL = "Sắp đến hạn";

/** Default horizon of the "sắp đến hạn" flag, in days. */
export const DEFAULT_DUE_SOON_DAYS = 7;

export type ReportItemStatus = "not_started" | "in_progress" | "done" | "paused";

export interface TaskReportFact {
  /** End of the reporting period the report is for. */
  periodEnd: IsoDate;
  /** When the coordinator accepted it (ISO date or timestamp; timestamps are read in Vietnam time); null = not accepted. */
  acceptedAt: string | null;
  status: ReportItemStatus;
  percent: number | null;
  completedOn: IsoDate | null;
}

export interface TaskStatusInput {
  timeframe: Pick<Timeframe, "kind" | "start" | "end" | "deadlines">;
  planPeriod: { start: IsoDate | null; end: IsoDate | null } | null;
  reports: readonly TaskReportFact[];
  today: IsoDate;
  /** A coordinator's pause decision (tasks.paused_at), date or timestamp. */
  pausedAt?: string | null;
  /** Count only reports accepted on or before today (default true). */
  acceptedOnly?: boolean;
  /** Horizon of the "sắp đến hạn" flag (default 7 days). */
  dueSoonDays?: number;
}

export interface TaskEvaluation {
  status: TaskStatus;
  label: string;
  /** Effective due date, null for ongoing/recurring/conditional-without-date tasks. */
  due: IsoDate | null;
  /** Not completed, not paused, due within `dueSoonDays` days from today (today included). */
  dueSoon: boolean;
  /** Days from today to the due date (negative when overdue), null without a due date. */
  daysLeft: number | null;
  /** Percent done according to the latest counted report (100 when done), null without one. */
  percent: number | null;
  completedOn: IsoDate | null;
  /** The report that decided the status, if any. */
  latest: TaskReportFact | null;
}

function toDate(value: string | null | undefined): IsoDate | null {
  if (value == null || value === "") return null;
  if (isIsoDate(value)) return value;
  try {
    return isoDateAt(value);
  } catch {
    return null;
  }
}

function lastDeadline(deadlines: readonly IsoDate[]): IsoDate | null {
  const valid = deadlines.filter(isIsoDate);
  return valid.length ? maxDate(...valid) : null;
}

/** The date a task must be finished by, or null (see the module comment). */
export function effectiveDueDate(
  timeframe: Pick<Timeframe, "kind" | "end" | "deadlines">,
  planPeriod: { start: IsoDate | null; end: IsoDate | null } | null,
): IsoDate | null {
  const end = isIsoDate(timeframe.end) ? timeframe.end : null;
  switch (timeframe.kind) {
    case "by":
    case "period":
    case "conditional":
      return end ?? lastDeadline(timeframe.deadlines ?? []);
    case "unspecified":
      return isIsoDate(planPeriod?.end) ? planPeriod.end : null;
    case "ongoing":
    case "recurring":
      return null;
  }
}

/** The first deadline (or the due date) on or after today — the next milestone to show. */
export function nextDeadline(
  timeframe: Pick<Timeframe, "kind" | "end" | "deadlines">,
  planPeriod: { start: IsoDate | null; end: IsoDate | null } | null,
  today: IsoDate,
): IsoDate | null {
  const candidates = [...(timeframe.deadlines ?? []).filter(isIsoDate)];
  const due = effectiveDueDate(timeframe, planPeriod);
  if (due) candidates.push(due);
  const upcoming = candidates.filter((d) => compareDates(d, today) >= 0).sort();
  return upcoming[0] ?? null;
}

/** Counted reports, latest first (period end, then acceptance). */
function countedReports(input: TaskStatusInput): TaskReportFact[] {
  const acceptedOnly = input.acceptedOnly ?? true;
  const list = input.reports.filter((r) => {
    if (!isIsoDate(r.periodEnd)) return false;
    if (!acceptedOnly) return true;
    const at = toDate(r.acceptedAt);
    return at !== null && compareDates(at, input.today) <= 0;
  });
  return list.sort(
    (a, b) =>
      compareDates(b.periodEnd, a.periodEnd) || (toDate(b.acceptedAt) ?? "").localeCompare(toDate(a.acceptedAt) ?? ""),
  );
}

/** Status, due date, "sắp đến hạn" flag and percent of one task. */
export function evaluateTask(input: TaskStatusInput): TaskEvaluation {
  const { timeframe, planPeriod, today } = input;
  if (!isIsoDate(today)) throw new RangeError(`Invalid today: ${String(today)}`);
  const due = effectiveDueDate(timeframe, planPeriod);
  const reports = countedReports(input);
  const latest = reports[0] ?? null;
  const pausedAt = toDate(input.pausedAt ?? null);
  const paused = latest?.status === "paused" || (pausedAt !== null && compareDates(pausedAt, today) <= 0);
  const daysLeft = due === null ? null : daysBetween(today, due);
  const percent = latest === null ? null : latest.status === "done" ? 100 : clampPercent(latest.percent);

  const result = (status: TaskStatus, completedOn: IsoDate | null = null): TaskEvaluation => {
    const open = status !== "hoan_thanh_dung_han" && status !== "hoan_thanh_qua_han" && status !== "tam_dung";
    const horizon = input.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS;
    return {
      status,
      label: TASK_STATUS_LABEL[status],
      due,
      dueSoon: open && daysLeft !== null && daysLeft >= 0 && daysLeft <= horizon,
      daysLeft,
      percent,
      completedOn,
      latest,
    };
  };

  if (timeframe.kind === "ongoing" || timeframe.kind === "recurring") {
    return result(paused && latest?.status !== "done" ? "tam_dung" : "thuong_xuyen");
  }
  if (latest?.status === "done") {
    const completedOn = isIsoDate(latest.completedOn) ? latest.completedOn : latest.periodEnd;
    const onTime = due === null || compareDates(completedOn, due) <= 0;
    return result(onTime ? "hoan_thanh_dung_han" : "hoan_thanh_qua_han", completedOn);
  }
  if (paused) return result("tam_dung");
  if (due !== null && compareDates(today, due) > 0) return result("qua_han_chua_hoan_thanh");
  if (latest?.status === "in_progress" || reports.some((r) => (r.percent ?? 0) > 0)) return result("dang_thuc_hien");
  return result("chua_thuc_hien");
}

/** The derived status of one task. */
export function deriveTaskStatus(input: TaskStatusInput): TaskStatus {
  return evaluateTask(input).status;
}

function clampPercent(p: number | null): number | null {
  if (p === null || !Number.isFinite(p)) return null;
  return Math.max(0, Math.min(100, p));
}

/** "Sắp đến hạn": not completed/paused and due within `days` days of today. */
export function isDueSoon(
  status: TaskStatus,
  due: IsoDate | null,
  today: IsoDate,
  days = DEFAULT_DUE_SOON_DAYS,
): boolean {
  if (due === null) return false;
  if (status === "hoan_thanh_dung_han" || status === "hoan_thanh_qua_han" || status === "tam_dung") return false;
  const left = daysBetween(today, due);
  return left >= 0 && left <= days;
}

export function isCompleted(status: TaskStatus): boolean {
  return status === "hoan_thanh_dung_han" || status === "hoan_thanh_qua_han";
}

export type StatusCounts = Record<TaskStatus, number> & { total: number };

/** Counts per status, for dashboards. */
export function countStatuses(statuses: Iterable<TaskStatus>): StatusCounts {
  const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  let total = 0;
  for (const s of statuses) {
    counts[s]++;
    total++;
  }
  return { ...counts, total };
}

/**
 * Share of completed tasks among tasks that can complete (ongoing/recurring "thường xuyên" tasks excluded),
 * as a percentage 0..100 with one decimal, or null when no task can complete.
 */
export function completionRate(counts: StatusCounts): number | null {
  const eligible = counts.total - counts.thuong_xuyen;
  if (eligible <= 0) return null;
  return Math.round(((counts.hoan_thanh_dung_han + counts.hoan_thanh_qua_han) / eligible) * 1000) / 10;
}
