/**
 * Reporting rates (tỷ lệ báo cáo), computed the way DHIS2 computes data-set reporting rates:
 *
 * - expected = units assigned to the plan that are active during the period: the unit's validity
 *   (valid_from/valid_to, units merge and close) and its assignment dates overlap [period.start, period.end]
 *   (DHIS2: organisation units opened after the period or closed before it are not expected);
 * - actual = complete registrations: reports whose status is submitted, approved or accepted. A returned report is
 *   not counted — returning reopens the report, like "incomplete" in DHIS2, and the unit must submit again; a draft
 *   is not counted either. (Option `countedStatuses` changes the set.)
 * - on time = actual reports submitted (latest submission date, Vietnam time) on or before the period's due date
 *   (DHIS2: completed within the data set's timely days after the period end);
 * - rate = actual / expected × 100 and on-time rate = on time / expected × 100, rounded to one decimal and capped at
 *   100, as DHIS2 does: actual counts every counted report from an assigned unit, even one not active in the period,
 *   so it can exceed expected. Without expected reports the rates are null.
 * - `asOf` (today): periods due on or after it are still open — listed in the grid, left out of the rates. Without
 *   it every period counts (a static, DHIS2-style figure).
 */
import { compareDates, type IsoDate, isIsoDate, isoDateAt } from "./dates.js";

export type ProgressReportStatus = "draft" | "submitted" | "approved" | "accepted" | "returned";

export const DEFAULT_COUNTED_STATUSES: readonly ProgressReportStatus[] = ["submitted", "approved", "accepted"];

export interface RateUnit {
  unitId: string;
  /** Unit validity (units.valid_from / valid_to); null = open. */
  validFrom?: IsoDate | null;
  validTo?: IsoDate | null;
  /** Assignment to the plan, when it started or ended later than the plan; null = open. */
  assignedFrom?: IsoDate | null;
  assignedTo?: IsoDate | null;
}

export interface RatePeriod {
  periodId: string;
  start: IsoDate;
  end: IsoDate;
  due: IsoDate;
}

export interface RateReport {
  unitId: string;
  periodId: string;
  status: ProgressReportStatus;
  /** Latest submission (date or timestamp), null if never submitted. */
  submittedAt: string | null;
}

export interface RateOptions {
  countedStatuses?: readonly ProgressReportStatus[];
  /** Today: periods due on or after it are open — shown in the grid, not counted in the rates. */
  asOf?: IsoDate | null;
}

export interface ReportingRate {
  expected: number;
  actual: number;
  onTime: number;
  late: number;
  /** Expected but without a counted report. */
  missing: number;
  /** actual / expected × 100, one decimal, ≤ 100; null when nothing is expected. */
  rate: number | null;
  onTimeRate: number | null;
}

/**
 * State of one unit × period cell:
 * - `not_expected`: the unit is not active in the period (and sent nothing counted);
 * - `open`: expected, nothing counted yet, the period is still open (due ≥ `asOf`);
 * - `missing`: expected, nothing counted, due date passed — "Chưa nộp";
 * - `on_time` / `late`: counted report submitted by / after the due date — "Đã nộp" / "Nộp muộn";
 * - `returned`: the latest report was returned and not yet resubmitted — "Trả lại".
 */
export type ReportCellState = "not_expected" | "open" | "missing" | "on_time" | "late" | "returned";

export const REPORT_CELL_LABEL: Readonly<Record<ReportCellState, string>> = {
  not_expected: "Không yêu cầu",
  open: "Chưa đến hạn",
  missing: "Chưa nộp",
  on_time: "Đã nộp",
  late: "Nộp muộn",
  returned: "Trả lại",
};

export interface ReportCell {
  unitId: string;
  periodId: string;
  expected: boolean;
  /** Counted as actual. */
  submitted: boolean;
  state: ReportCellState;
  status: ProgressReportStatus | null;
  /** Submission date (Vietnam time), if any. */
  submittedOn: IsoDate | null;
}

export interface ReportingGrid {
  cells: ReportCell[];
  /** Cell lookup: `cell(unitId, periodId)`. */
  cell(unitId: string, periodId: string): ReportCell | undefined;
  byPeriod: Record<string, ReportingRate>;
  byUnit: Record<string, ReportingRate>;
  total: ReportingRate;
}

function overlaps(from: IsoDate | null | undefined, to: IsoDate | null | undefined, p: RatePeriod): boolean {
  return (!from || compareDates(from, p.end) <= 0) && (!to || compareDates(to, p.start) >= 0);
}

/** The unit is expected to report for the period (validity and assignment overlap the period). */
export function isUnitExpected(unit: RateUnit, period: RatePeriod): boolean {
  return overlaps(unit.validFrom, unit.validTo, period) && overlaps(unit.assignedFrom, unit.assignedTo, period);
}

function dateOf(value: string | null): IsoDate | null {
  if (!value) return null;
  if (isIsoDate(value)) return value;
  try {
    return isoDateAt(value);
  } catch {
    return null;
  }
}

function percent(n: number, d: number): number | null {
  if (d <= 0) return null;
  return Math.min(100, Math.round((n / d) * 1000) / 10);
}

function emptyRate(): ReportingRate {
  return { expected: 0, actual: 0, onTime: 0, late: 0, missing: 0, rate: null, onTimeRate: null };
}

function finish(r: ReportingRate): ReportingRate {
  return { ...r, rate: percent(r.actual, r.expected), onTimeRate: percent(r.onTime, r.expected) };
}

function add(r: ReportingRate, c: ReportCell) {
  if (c.expected) r.expected++;
  if (c.submitted) {
    r.actual++;
    if (c.state === "on_time") r.onTime++;
    else r.late++;
  } else if (c.expected) r.missing++;
}

/** The unit × period grid of one plan with rates per period, per unit and overall. */
export function reportingGrid(
  units: readonly RateUnit[],
  periods: readonly RatePeriod[],
  reports: readonly RateReport[],
  options: RateOptions = {},
): ReportingGrid {
  const counted = new Set(options.countedStatuses ?? DEFAULT_COUNTED_STATUSES);
  const asOf = options.asOf ?? null;
  // One report per unit × period; when several are given, a counted one wins, then the latest submission.
  const reportOf = new Map<string, RateReport>();
  for (const r of reports) {
    const k = `${r.unitId}\u0000${r.periodId}`;
    const prev = reportOf.get(k);
    if (!prev || better(r, prev, counted)) reportOf.set(k, r);
  }

  const cells: ReportCell[] = [];
  const index = new Map<string, ReportCell>();
  const byPeriod: Record<string, ReportingRate> = {};
  const byUnit: Record<string, ReportingRate> = {};
  const total = emptyRate();
  for (const u of units) byUnit[u.unitId] = emptyRate();

  for (const p of periods) {
    const open = asOf !== null && compareDates(p.due, asOf) >= 0;
    const pr = emptyRate();
    for (const u of units) {
      const expected = isUnitExpected(u, p);
      const r = reportOf.get(`${u.unitId}\u0000${p.periodId}`) ?? null;
      const submittedOn = r ? dateOf(r.submittedAt) : null;
      const submitted = r !== null && counted.has(r.status);
      let state: ReportCellState;
      if (submitted) state = submittedOn !== null && compareDates(submittedOn, p.due) <= 0 ? "on_time" : "late";
      else if (!expected) state = "not_expected";
      else if (r?.status === "returned") state = "returned";
      else if (open) state = "open";
      else state = "missing";
      const cell: ReportCell = {
        unitId: u.unitId,
        periodId: p.periodId,
        expected,
        submitted,
        state,
        status: r?.status ?? null,
        submittedOn,
      };
      cells.push(cell);
      index.set(`${u.unitId}\u0000${p.periodId}`, cell);
      if (open) continue;
      add(pr, cell);
      add(byUnit[u.unitId]!, cell);
      add(total, cell);
    }
    byPeriod[p.periodId] = finish(pr);
  }
  for (const id of Object.keys(byUnit)) byUnit[id] = finish(byUnit[id]!);

  return {
    cells,
    cell: (unitId, periodId) => index.get(`${unitId}\u0000${periodId}`),
    byPeriod,
    byUnit,
    total: finish(total),
  };
}

function better(a: RateReport, b: RateReport, counted: Set<ProgressReportStatus>): boolean {
  const ca = counted.has(a.status);
  const cb = counted.has(b.status);
  if (ca !== cb) return ca;
  return (dateOf(a.submittedAt) ?? "") > (dateOf(b.submittedAt) ?? "");
}

/** Rates of a single period. */
export function reportingRate(
  units: readonly RateUnit[],
  period: RatePeriod,
  reports: readonly RateReport[],
  options: Omit<RateOptions, "asOf"> = {},
): ReportingRate {
  return reportingGrid(units, [period], reports, options).byPeriod[period.periodId]!;
}

/** Sums several rates (e.g. several plans) and recomputes the percentages. */
export function combineRates(rates: Iterable<ReportingRate>): ReportingRate {
  const out = emptyRate();
  for (const r of rates) {
    out.expected += r.expected;
    out.actual += r.actual;
    out.onTime += r.onTime;
    out.late += r.late;
    out.missing += r.missing;
  }
  return finish(out);
}

export interface PlanRateInput {
  planId: string;
  units: readonly RateUnit[];
  periods: readonly RatePeriod[];
  reports: readonly RateReport[];
}

export interface MultiPlanGrid {
  /** One grid per plan. */
  byPlan: Record<string, ReportingGrid>;
  /** Each unit over every plan it is assigned to. */
  byUnit: Record<string, ReportingRate>;
  total: ReportingRate;
}

/** Plan × unit × period: a grid per plan, and each unit's rate over all its plans. */
export function reportingGrids(plans: readonly PlanRateInput[], options: RateOptions = {}): MultiPlanGrid {
  const byPlan: Record<string, ReportingGrid> = {};
  const unitRates = new Map<string, ReportingRate[]>();
  for (const p of plans) {
    const g = reportingGrid(p.units, p.periods, p.reports, options);
    byPlan[p.planId] = g;
    for (const [unitId, r] of Object.entries(g.byUnit)) {
      const list = unitRates.get(unitId) ?? [];
      list.push(r);
      unitRates.set(unitId, list);
    }
  }
  const byUnit: Record<string, ReportingRate> = {};
  for (const [unitId, list] of unitRates) byUnit[unitId] = combineRates(list);
  return { byPlan, byUnit, total: combineRates(Object.values(byPlan).map((g) => g.total)) };
}
