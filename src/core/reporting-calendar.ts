/**
 * Concrete reporting periods (kỳ báo cáo) from a plan's reporting rules (chế độ báo cáo) and its period.
 *
 * Data cut-off (thời gian chốt số liệu), Nghị định 09/2019/NĐ-CP art. 12 defaults:
 * - monthly:    15th of the previous month → 14th of the month;
 * - quarterly:  15th of the month before the quarter → 14th of the quarter's last month;
 * - 6 months:   15/12 of the previous year → 14/6 ("6 tháng cuối năm": 15/6 → 14/12);
 * - 9 months:   15/12 of the previous year → 14/9;
 * - annual:     15/12 of the previous year → 14/12.
 * `cutoff: "calendar"` uses the period's own bounds instead (for plans that say "số liệu tính đến hết kỳ").
 *
 * Due date (hạn nộp) — the plan's rule wins:
 * - quarterly with `month_in_period`: day `day` of that month of the quarter
 *   ("trước ngày 03 của tháng cuối quý" → 03/03, 03/06, 03/09, 03/12), taken literally;
 * - quarterly / monthly with `day` only: the first such day on or after the cut-off end
 *   ("ngày 05 hằng tháng" → report of May due 05/06; "trước ngày 20 hằng tháng" → 20/05);
 * - semiannual / nine-month / annual with `day` + `month`: that date in the period's year
 *   ("06 tháng trước ngày 10/6" → 10/6; "năm trước ngày 20/11" → 20/11), except an annual month ≤ 6, which means
 *   the following year ("trước ngày 15/01 năm sau");
 * - `day` past the month's end is clamped to its last day.
 * Default when the rule gives no day: the 20th of the period's last month — NĐ 09/2019 art. 13 requires periodic
 * reports to reach the final recipient no later than the 20th of the last month of the period.
 * Optionally a due date on a non-working day moves to the previous (or next) working day.
 *
 * Semiannual rules produce "6 tháng đầu năm" (the annual report covers the second half) unless
 * `semiannualHalves: "both"`. Ad-hoc rules produce no period: a coordinator opens one with `adhocPeriod`.
 */
import {
  compareDates,
  daysBetween,
  daysInMonth,
  type IsoDate,
  isIsoDate,
  lastDayOfMonth,
  parseIsoDate,
  toIsoDate,
} from "./dates.js";
import { defaultWorkingCalendar, type WorkingCalendar } from "./holidays.js";
import type { ReportingFrequency, ReportingRule } from "./plan-v1.js";

/** The plan frequencies plus ND 09's 9-month report (not a plan rule on its own; see `regularPeriod`). */
export type PeriodFrequency = Exclude<ReportingFrequency, "adhoc"> | "nine_month";

export interface ReportingPeriodSpec {
  frequency: PeriodFrequency | "adhoc";
  kind: "regular" | "adhoc";
  /** Stable within a plan: "2025-M05", "2025-Q2", "2025-H1", "2025-H2", "2025-9M", "2025-Y"; adhoc: "adhoc:<due>". */
  key: string;
  /** "Tháng 5/2025", "Quý II/2025", "6 tháng đầu năm 2025", "9 tháng năm 2025", "Năm 2025", or the request's title. */
  label: string;
  start: IsoDate;
  end: IsoDate;
  cutoffStart: IsoDate;
  cutoffEnd: IsoDate;
  due: IsoDate;
  /** Where the due date came from. */
  dueSource: "rule" | "default" | "request";
  /** The due date before moving it off a non-working day, when it was moved. */
  dueUnadjusted: IsoDate | null;
  /** Index of the rule in the plan's `reporting` array, null for adhoc requests and extra periods. */
  ruleIndex: number | null;
}

export type CutoffMode = "nd09" | "calendar";
export type DueAdjustment = "none" | "previous_working_day" | "next_working_day";

export interface ReportingCalendarOptions {
  /** Default "nd09". */
  cutoff?: CutoffMode;
  /** Move a due date that falls on a non-working day. Default "none". */
  adjustDue?: DueAdjustment;
  /** Working calendar used by adjustDue (default: statutory holidays, Sat–Sun weekend). */
  calendar?: WorkingCalendar;
  /** Semiannual rules give the first half only (default) or both halves. */
  semiannualHalves?: "first" | "both";
  /** Also produce a 9-month report per year (ND 09 art. 12), due by the semiannual/annual rules' default. */
  nineMonth?: boolean;
}

/** The default due day of the period's last month (NĐ 09/2019 art. 13). */
export const DEFAULT_DUE_DAY = 20;
/** ND 09 cut-off: the period's data run from the 15th … */
export const CUTOFF_START_DAY = 15;
/** … to the 14th. */
export const CUTOFF_END_DAY = 14;

const ROMAN = ["I", "II", "III", "IV"] as const;

export function romanQuarter(q: number): string {
  return ROMAN[q - 1] ?? String(q);
}

function clampedDate(year: number, month: number, day: number): IsoDate {
  // Normalise month overflow (month 13 → January of the next year).
  const index = year * 12 + (month - 1);
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return toIsoDate(y, m, Math.max(1, Math.min(day, daysInMonth(y, m))));
}

/** Index of a regular period within its year: month 1..12, quarter 1..4, half 1..2; ignored for annual/nine_month. */
export interface PeriodRef {
  frequency: PeriodFrequency;
  year: number;
  index: number;
}

interface PeriodBounds {
  key: string;
  label: string;
  start: IsoDate;
  end: IsoDate;
  /** First and last month (1-based, possibly the same) of the period in `year`. */
  firstMonth: number;
  lastMonth: number;
  year: number;
}

function bounds(ref: PeriodRef): PeriodBounds {
  const { frequency, year, index } = ref;
  switch (frequency) {
    case "monthly": {
      if (index < 1 || index > 12) throw new RangeError(`Month out of range: ${index}`);
      return {
        key: `${year}-M${String(index).padStart(2, "0")}`,
        label: `Tháng ${index}/${year}`,
        start: toIsoDate(year, index, 1),
        end: lastDayOfMonth(year, index),
        firstMonth: index,
        lastMonth: index,
        year,
      };
    }
    case "quarterly": {
      if (index < 1 || index > 4) throw new RangeError(`Quarter out of range: ${index}`);
      const first = (index - 1) * 3 + 1;
      return {
        key: `${year}-Q${index}`,
        label: `Quý ${romanQuarter(index)}/${year}`,
        start: toIsoDate(year, first, 1),
        end: lastDayOfMonth(year, first + 2),
        firstMonth: first,
        lastMonth: first + 2,
        year,
      };
    }
    case "semiannual": {
      if (index !== 1 && index !== 2) throw new RangeError(`Half out of range: ${index}`);
      const first = index === 1 ? 1 : 7;
      return {
        key: `${year}-H${index}`,
        label: index === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`,
        start: toIsoDate(year, first, 1),
        end: lastDayOfMonth(year, first + 5),
        firstMonth: first,
        lastMonth: first + 5,
        year,
      };
    }
    case "nine_month":
      return {
        key: `${year}-9M`,
        label: `9 tháng năm ${year}`,
        start: toIsoDate(year, 1, 1),
        end: lastDayOfMonth(year, 9),
        firstMonth: 1,
        lastMonth: 9,
        year,
      };
    case "annual":
      return {
        key: `${year}-Y`,
        label: `Năm ${year}`,
        start: toIsoDate(year, 1, 1),
        end: toIsoDate(year, 12, 31),
        firstMonth: 1,
        lastMonth: 12,
        year,
      };
  }
}

function cutoffOf(b: PeriodBounds, mode: CutoffMode): { cutoffStart: IsoDate; cutoffEnd: IsoDate } {
  if (mode === "calendar") return { cutoffStart: b.start, cutoffEnd: b.end };
  // Periods that start in January (6 tháng đầu năm, 9 tháng, năm) start their data on 15/12 of the previous year —
  // the same as "the 15th of the month before the period" for every frequency.
  return {
    cutoffStart: clampedDate(b.year, b.firstMonth - 1, CUTOFF_START_DAY),
    cutoffEnd: clampedDate(b.year, b.lastMonth, CUTOFF_END_DAY),
  };
}

function dueOf(
  b: PeriodBounds,
  frequency: PeriodFrequency,
  cutoffEnd: IsoDate,
  rule: ReportingRule | null,
): { due: IsoDate; source: "rule" | "default" } {
  const day = rule?.day ?? null;
  if (rule && day !== null && Number.isInteger(day) && day >= 1 && day <= 31) {
    switch (frequency) {
      case "monthly":
      case "quarterly": {
        const mip = rule.month_in_period;
        if (frequency === "quarterly" && mip !== null && Number.isInteger(mip) && mip >= 1) {
          return { due: clampedDate(b.year, b.firstMonth + mip - 1, day), source: "rule" };
        }
        // The first `day` on or after the cut-off end.
        const { year, month } = parseIsoDate(cutoffEnd);
        let due = clampedDate(year, month, day);
        if (compareDates(due, cutoffEnd) < 0) due = clampedDate(year, month + 1, day);
        return { due, source: "rule" };
      }
      case "semiannual": {
        const m = rule.month;
        if (m !== null && Number.isInteger(m) && m >= 1 && m <= 12) {
          // The rule names the first half's date ("trước ngày 10/6"); the second half falls six months later.
          const month = b.firstMonth === 7 && m <= 6 ? m + 6 : m;
          return { due: clampedDate(b.year, month, day), source: "rule" };
        }
        return { due: clampedDate(b.year, b.lastMonth, day), source: "rule" };
      }
      case "annual": {
        const m = rule.month;
        if (m !== null && Number.isInteger(m) && m >= 1 && m <= 12) {
          return { due: clampedDate(m <= 6 ? b.year + 1 : b.year, m, day), source: "rule" };
        }
        return { due: clampedDate(b.year, 12, day), source: "rule" };
      }
      case "nine_month":
        break;
    }
  }
  return { due: clampedDate(b.year, b.lastMonth, DEFAULT_DUE_DAY), source: "default" };
}

function adjust(due: IsoDate, options: ReportingCalendarOptions): { due: IsoDate; unadjusted: IsoDate | null } {
  const mode = options.adjustDue ?? "none";
  if (mode === "none") return { due, unadjusted: null };
  const cal = options.calendar ?? defaultWorkingCalendar;
  const moved = mode === "previous_working_day" ? cal.workingDayOnOrBefore(due) : cal.workingDayOnOrAfter(due);
  return moved === due ? { due, unadjusted: null } : { due: moved, unadjusted: due };
}

/**
 * One regular period: its bounds, ND 09 cut-off, and due date by `rule` (or the default when the rule is null or
 * gives no day).
 */
export function regularPeriod(
  ref: PeriodRef,
  rule: ReportingRule | null = null,
  options: ReportingCalendarOptions = {},
  ruleIndex: number | null = null,
): ReportingPeriodSpec {
  const b = bounds(ref);
  const { cutoffStart, cutoffEnd } = cutoffOf(b, options.cutoff ?? "nd09");
  const { due: rawDue, source } = dueOf(b, ref.frequency, cutoffEnd, rule);
  const { due, unadjusted } = adjust(rawDue, options);
  return {
    frequency: ref.frequency,
    kind: "regular",
    key: b.key,
    label: b.label,
    start: b.start,
    end: b.end,
    cutoffStart,
    cutoffEnd,
    due,
    dueSource: source,
    dueUnadjusted: unadjusted,
    ruleIndex,
  };
}

function refsInYear(frequency: PeriodFrequency, year: number, halves: "first" | "both"): PeriodRef[] {
  const count =
    frequency === "monthly"
      ? 12
      : frequency === "quarterly"
        ? 4
        : frequency === "semiannual" && halves === "both"
          ? 2
          : 1;
  return Array.from({ length: count }, (_, i) => ({ frequency, year, index: i + 1 }));
}

export interface PlanPeriod {
  start: IsoDate | null;
  end: IsoDate | null;
}

/**
 * Every regular period of the plan: for each non-adhoc rule, each period overlapping the plan period
 * (start ≤ plan end and end ≥ plan start), sorted by due date, then start, then key.
 * Returns [] when the plan period is missing or invalid (plan validation reports that).
 */
export function reportingPeriods(
  rules: readonly ReportingRule[],
  planPeriod: PlanPeriod | null,
  options: ReportingCalendarOptions = {},
): ReportingPeriodSpec[] {
  const start = planPeriod?.start ?? null;
  const end = planPeriod?.end ?? null;
  if (!isIsoDate(start) || !isIsoDate(end) || compareDates(start, end) > 0) return [];
  const firstYear = parseIsoDate(start).year;
  const lastYear = parseIsoDate(end).year;
  const halves = options.semiannualHalves ?? "first";
  const out: ReportingPeriodSpec[] = [];
  const seen = new Set<string>();

  const addFor = (frequency: PeriodFrequency, rule: ReportingRule | null, ruleIndex: number | null) => {
    for (let y = firstYear; y <= lastYear; y++) {
      for (const ref of refsInYear(frequency, y, halves)) {
        const p = regularPeriod(ref, rule, options, ruleIndex);
        if (compareDates(p.start, end) > 0 || compareDates(p.end, start) < 0) continue;
        if (seen.has(p.key)) continue; // two rules of one frequency: the first wins
        seen.add(p.key);
        out.push(p);
      }
    }
  };

  rules.forEach((rule, i) => {
    if (rule.frequency !== "adhoc") addFor(rule.frequency, rule, i);
  });
  if (options.nineMonth) addFor("nine_month", null, null);

  return out.sort((a, b) => compareDates(a.due, b.due) || compareDates(a.start, b.start) || a.key.localeCompare(b.key));
}

/**
 * A period opened by a coordinator's request (báo cáo đột xuất). Without dates it covers the due date's year up to
 * the due date ("từ đầu năm đến nay"); the cut-off is the period itself. Throws RangeError on invalid dates.
 */
export function adhocPeriod(
  label: string,
  due: IsoDate,
  start?: IsoDate | null,
  end?: IsoDate | null,
): ReportingPeriodSpec {
  if (!isIsoDate(due)) throw new RangeError(`Invalid due date: ${String(due)}`);
  const e = end ?? due;
  const s = start ?? toIsoDate(parseIsoDate(e).year, 1, 1);
  if (!isIsoDate(s) || !isIsoDate(e)) throw new RangeError("Invalid period dates");
  if (compareDates(s, e) > 0) throw new RangeError(`Period start ${s} is after its end ${e}`);
  const title = label.trim();
  if (title === "") throw new RangeError("An adhoc period needs a label");
  return {
    frequency: "adhoc",
    kind: "adhoc",
    key: `adhoc:${due}`,
    label: title,
    start: s,
    end: e,
    cutoffStart: s,
    cutoffEnd: e,
    due,
    dueSource: "request",
    dueUnadjusted: null,
    ruleIndex: null,
  };
}

/** The first period whose due date is today or later (the "kỳ báo cáo tới"), or null. */
export function nextDuePeriod<P extends { due: IsoDate }>(periods: readonly P[], today: IsoDate): P | null {
  let best: P | null = null;
  for (const p of periods) {
    if (compareDates(p.due, today) >= 0 && (best === null || compareDates(p.due, best.due) < 0)) best = p;
  }
  return best;
}

/** Periods whose [start, end] contains the date. */
export function periodsContaining<P extends { start: IsoDate; end: IsoDate }>(
  periods: readonly P[],
  date: IsoDate,
): P[] {
  return periods.filter((p) => compareDates(p.start, date) <= 0 && compareDates(date, p.end) <= 0);
}

/** Days from `today` to the due date (negative once overdue). */
export function daysUntilDue(period: { due: IsoDate }, today: IsoDate): number {
  return daysBetween(today, period.due);
}

/** The same period with another due date (a coordinator extends a deadline), moved off non-working days as asked. */
export function withDue(
  period: ReportingPeriodSpec,
  due: IsoDate,
  options: Pick<ReportingCalendarOptions, "adjustDue" | "calendar"> = {},
): ReportingPeriodSpec {
  if (!isIsoDate(due)) throw new RangeError(`Invalid due date: ${String(due)}`);
  const { due: d, unadjusted } = adjust(due, options);
  return { ...period, due: d, dueUnadjusted: unadjusted };
}
