/**
 * Calendar dates as ISO strings `YYYY-MM-DD`, with no time and no time zone.
 *
 * Arithmetic goes through a day number (days since 1970-01-01 in the proleptic Gregorian calendar), computed with
 * integer formulas (H. Hinnant's `days_from_civil`), so nothing depends on the host's time zone or on `Date`.
 * The only function that looks at an instant is `isoDateAt(instant, offsetMinutes)`, and it takes the clock value as
 * a parameter.
 */
import type { IsoDate } from "./plan-v1.js";

export type { IsoDate };

export interface DateParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

/** Vietnam's time zone: UTC+7, no daylight saving. */
export const VIETNAM_UTC_OFFSET_MINUTES = 420;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return MONTH_DAYS[month - 1] ?? Number.NaN;
}

function validParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Parts of a valid ISO date, or null ("2025-02-30" → null). */
export function tryParseIsoDate(s: string | null | undefined): DateParts | null {
  if (typeof s !== "string") return null;
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return validParts(year, month, day) ? { year, month, day } : null;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === "string" && tryParseIsoDate(s) !== null;
}

/** Parts of an ISO date; throws RangeError on anything else. */
export function parseIsoDate(s: IsoDate): DateParts {
  const p = tryParseIsoDate(s);
  if (!p) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return p;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** (2025, 4, 5) → "2025-04-05"; throws RangeError for a date that does not exist. */
export function toIsoDate(year: number, month: number, day: number): IsoDate {
  if (!validParts(year, month, day)) throw new RangeError(`Invalid date: ${year}-${month}-${day}`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Days since 1970-01-01 (negative before). */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function partsFromDayNumber(n: number): DateParts {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return dayNumberFromParts(year, month, day);
}

export function fromDayNumber(n: number): IsoDate {
  const { year, month, day } = partsFromDayNumber(n);
  return toIsoDate(year, month, day);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Adds calendar months, clamping to the month's last day: ("2025-01-31", 1) → "2025-02-28". */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return toIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addYears(date: IsoDate, n: number): IsoDate {
  return addMonths(date, 12 * n);
}

/** `b - a` in days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** -1, 0 or 1. Valid ISO dates compare as strings; parsing checks them. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  parseIsoDate(a);
  parseIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isBefore(a: IsoDate, b: IsoDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: IsoDate, b: IsoDate): boolean {
  return compareDates(a, b) > 0;
}

/** start ≤ date ≤ end; a null bound is open. */
export function isWithin(date: IsoDate, start: IsoDate | null, end: IsoDate | null): boolean {
  return (start === null || compareDates(start, date) <= 0) && (end === null || compareDates(date, end) <= 0);
}

export function minDate(...dates: IsoDate[]): IsoDate {
  if (dates.length === 0) throw new RangeError("minDate of nothing");
  return dates.reduce((a, b) => (compareDates(a, b) <= 0 ? a : b));
}

export function maxDate(...dates: IsoDate[]): IsoDate {
  if (dates.length === 0) throw new RangeError("maxDate of nothing");
  return dates.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
}

export function lastDayOfMonth(year: number, month: number): IsoDate {
  return toIsoDate(year, month, daysInMonth(year, month));
}

export function firstDayOfMonth(year: number, month: number): IsoDate {
  return toIsoDate(year, month, 1);
}

export function startOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return firstDayOfMonth(year, month);
}

export function endOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return lastDayOfMonth(year, month);
}

export type Quarter = 1 | 2 | 3 | 4;

export function quarterOf(date: IsoDate): Quarter {
  return (Math.floor((parseIsoDate(date).month - 1) / 3) + 1) as Quarter;
}

export function quarterStart(year: number, quarter: Quarter): IsoDate {
  return firstDayOfMonth(year, (quarter - 1) * 3 + 1);
}

export function quarterEnd(year: number, quarter: Quarter): IsoDate {
  return lastDayOfMonth(year, quarter * 3);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** Vietnamese weekday names: "Chủ nhật", "Thứ Hai" … "Thứ Bảy". */
export const WEEKDAY_VI = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"] as const;

/** "2025-04-25" → "25/04/2025". A null/invalid input gives "". */
export function formatDateVi(date: IsoDate | null | undefined): string {
  const p = tryParseIsoDate(date);
  if (!p) return "";
  return `${pad(p.day, 2)}/${pad(p.month, 2)}/${pad(p.year, 4)}`;
}

/** "2025-04-25" → "ngày 25 tháng 4 năm 2025" (the administrative long form). */
export function formatDateViLong(date: IsoDate | null | undefined): string {
  const p = tryParseIsoDate(date);
  if (!p) return "";
  return `ngày ${pad(p.day, 2)} tháng ${p.month <= 2 ? pad(p.month, 2) : p.month} năm ${p.year}`;
}

const VI_DMY_RE = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})\s*$/;
const VI_LONG_RE = /^\s*(?:ng[aà]y\s+)?(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})\s*$/iu;

/**
 * Day-first Vietnamese dates → ISO: "25/4/2025", "25/04/2025", "25-4-2025", "25.4.2025", "25/4/25" (20xx),
 * "ngày 25 tháng 4 năm 2025". Null when the text is not one of these or the date does not exist.
 */
export function parseDateVi(s: string | null | undefined): IsoDate | null {
  if (typeof s !== "string") return null;
  const text = s.normalize("NFC");
  const m = VI_DMY_RE.exec(text) ?? VI_LONG_RE.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  let year = Number(m[3]);
  if (m[3]!.length === 2) year += 2000;
  return validParts(year, month, day) ? toIsoDate(year, month, day) : null;
}

/**
 * The calendar date at an instant in a fixed-offset time zone (Vietnam by default). The instant is a parameter:
 * core never reads the clock.
 */
export function isoDateAt(instant: Date | string | number, offsetMinutes = VIETNAM_UTC_OFFSET_MINUTES): IsoDate {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === "number" ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid instant: ${String(instant)}`);
  const shifted = ms + offsetMinutes * 60_000;
  return fromDayNumber(Math.floor(shifted / 86_400_000));
}

/** Every date from start to end inclusive (empty if end < start). */
export function eachDay(start: IsoDate, end: IsoDate): IsoDate[] {
  const a = toDayNumber(start);
  const b = toDayNumber(end);
  const out: IsoDate[] = [];
  for (let n = a; n <= b; n++) out.push(fromDayNumber(n));
  return out;
}
