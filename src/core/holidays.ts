/**
 * Vietnamese public holidays and working days (Bộ luật Lao động 2019, art. 111–112).
 *
 * Statutory holidays (art. 112.1):
 * - Tết Dương lịch: 1/1;
 * - Tết Âm lịch: 5 days — by default lunar new year's eve (the last day of lunar month 12) and 1–4 tháng Giêng;
 * - Giỗ Tổ Hùng Vương: 10/3 lunar;
 * - Ngày Chiến thắng 30/4 and Quốc tế lao động 1/5;
 * - Quốc khánh: 2/9 and one day before or after. The Government picks that day each year; known picks are in
 *   `NATIONAL_DAY_ADJACENT_KNOWN`, other years use a rule that joins the holiday to a weekend
 *   (see `defaultNationalDayAdjacent`); override per year with `options.nationalDayAdjacent`.
 * Compensatory days (art. 111.3): a holiday on a weekly rest day gives a day off on the next working day; several
 * such holidays give that many days, taken after the holiday block.
 * Weekly rest days for public bodies: Saturday and Sunday (configurable).
 *
 * The Government also moves working days around Tết and 2/9 by an annual notice (swap a Saturday for a bridge day).
 * Those are data, not rules: pass them as `extraDaysOff` / `extraWorkingDays`.
 */
import { addDays, compareDates, dayOfWeek, type IsoDate, parseIsoDate, toDayNumber, toIsoDate } from "./dates.js";
import { lunarToSolar, VIETNAM_TIME_ZONE } from "./lunar.js";

export type HolidayKind =
  | "new_year"
  | "tet"
  | "hung_kings"
  | "reunification"
  | "labour"
  | "national_day"
  | "compensatory"
  | "extra";

export interface Holiday {
  date: IsoDate;
  /** Vietnamese name: "Tết Nguyên đán", "Nghỉ bù Ngày Quốc khánh", … */
  name: string;
  kind: HolidayKind;
}

export interface HolidayOptions {
  /** Weekly rest days, 0 = Sunday … 6 = Saturday. Default [0, 6]. */
  weekendDays?: readonly number[];
  /** Which day joins 2/9, per year; overrides the built-in choice. */
  nationalDayAdjacent?: Readonly<Record<number, "before" | "after">>;
  /** Extra days off announced by the Government (bridge days, swapped days). */
  extraDaysOff?: readonly IsoDate[];
  /** Weekend days made working days (làm bù). */
  extraWorkingDays?: readonly IsoDate[];
  /** Further holidays (e.g. a new statutory day); they earn compensatory days like the others. */
  extraHolidays?: readonly { date: IsoDate; name: string }[];
}

/** The Government's announced choice of the day next to 2/9 (Labour Code 2019 years). */
export const NATIONAL_DAY_ADJACENT_KNOWN: Readonly<Record<number, "before" | "after">> = {
  2021: "after", // Thu 2/9 + Fri 3/9
  2022: "before", // Thu 1/9 + Fri 2/9
  2023: "before", // Fri 1/9 + Sat 2/9 (+ Mon 4/9 compensatory)
  2024: "after", // Mon 2/9 + Tue 3/9
  2025: "before", // Mon 1/9 + Tue 2/9
};

/**
 * The day next to 2/9 when no announcement is known: the side that joins the holiday to the weekend
 * (Tue → Mon 1/9, Fri/Sat → 1/9, Sun/Mon/Thu → 3/9); Wednesday → 1/9.
 */
export function defaultNationalDayAdjacent(year: number): "before" | "after" {
  const known = NATIONAL_DAY_ADJACENT_KNOWN[year];
  if (known) return known;
  switch (dayOfWeek(toIsoDate(year, 9, 2))) {
    case 0:
    case 1:
    case 4:
      return "after";
    default:
      return "before";
  }
}

/** The statutory holidays of a solar year, without compensatory days, sorted by date. */
export function statutoryHolidays(year: number, options: HolidayOptions = {}): Holiday[] {
  const out: Holiday[] = [{ date: toIsoDate(year, 1, 1), name: "Tết Dương lịch", kind: "new_year" }];

  const newYear = lunarToSolar({ day: 1, month: 1, year, leap: false }, VIETNAM_TIME_ZONE);
  if (newYear === null) throw new RangeError(`No lunar new year for ${year}`);
  out.push({ date: addDays(newYear, -1), name: "Tết Nguyên đán (ngày cuối năm Âm lịch)", kind: "tet" });
  for (let i = 0; i < 4; i++) {
    out.push({ date: addDays(newYear, i), name: `Tết Nguyên đán (mùng ${i + 1})`, kind: "tet" });
  }

  const hung = lunarToSolar({ day: 10, month: 3, year, leap: false }, VIETNAM_TIME_ZONE);
  if (hung !== null) out.push({ date: hung, name: "Giỗ Tổ Hùng Vương", kind: "hung_kings" });

  out.push({ date: toIsoDate(year, 4, 30), name: "Ngày Chiến thắng", kind: "reunification" });
  out.push({ date: toIsoDate(year, 5, 1), name: "Ngày Quốc tế lao động", kind: "labour" });

  const side = options.nationalDayAdjacent?.[year] ?? defaultNationalDayAdjacent(year);
  out.push({ date: toIsoDate(year, 9, side === "before" ? 1 : 2), name: "Ngày Quốc khánh", kind: "national_day" });
  out.push({ date: toIsoDate(year, 9, side === "before" ? 2 : 3), name: "Ngày Quốc khánh", kind: "national_day" });

  for (const h of options.extraHolidays ?? []) {
    if (parseIsoDate(h.date).year === year) out.push({ date: h.date, name: h.name, kind: "extra" });
  }
  return dedupeSorted(out);
}

function dedupeSorted(list: Holiday[]): Holiday[] {
  const byDate = new Map<IsoDate, Holiday>();
  for (const h of list) if (!byDate.has(h.date)) byDate.set(h.date, h);
  return [...byDate.values()].sort((a, b) => compareDates(a.date, b.date));
}

const DEFAULT_WEEKEND: readonly number[] = [0, 6];

/** Statutory holidays plus compensatory days (nghỉ bù) of a solar year, sorted. */
export function publicHolidays(year: number, options: HolidayOptions = {}): Holiday[] {
  const weekend = new Set(options.weekendDays ?? DEFAULT_WEEKEND);
  const statutory = statutoryHolidays(year, options);
  const taken = new Set(statutory.map((h) => h.date));
  const out = [...statutory];
  for (const h of statutory) {
    if (!weekend.has(dayOfWeek(h.date))) continue;
    let d = addDays(h.date, 1);
    while (weekend.has(dayOfWeek(d)) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    out.push({ date: d, name: `Nghỉ bù ${baseName(h.name)}`, kind: "compensatory" });
  }
  return out.sort((a, b) => compareDates(a.date, b.date));
}

function baseName(name: string): string {
  return name.replace(/ \(.*\)$/, "");
}

export interface WorkingCalendar {
  readonly options: HolidayOptions;
  /** Holidays and compensatory days of the year (extra days off included, kind "extra"). */
  holidays(year: number): Holiday[];
  /** The holiday on this date, if any (statutory, compensatory or an extra day off). */
  holidayOn(date: IsoDate): Holiday | null;
  isWorkingDay(date: IsoDate): boolean;
  /** n working days after (n > 0) or before (n < 0) date; n = 0 returns date itself. */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** The last working day strictly before date. */
  previousWorkingDay(date: IsoDate): IsoDate;
  /** The first working day strictly after date. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** date itself if it is a working day, else the previous working day. */
  workingDayOnOrBefore(date: IsoDate): IsoDate;
  /** date itself if it is a working day, else the next working day. */
  workingDayOnOrAfter(date: IsoDate): IsoDate;
  /** Working days in [start, end], both inclusive (0 if end < start). */
  countWorkingDays(start: IsoDate, end: IsoDate): number;
}

/** A working-day calendar for Vietnamese public bodies; holiday lists are computed once per year. */
export function createWorkingCalendar(options: HolidayOptions = {}): WorkingCalendar {
  const weekend = new Set(options.weekendDays ?? DEFAULT_WEEKEND);
  const extraOff = new Set(options.extraDaysOff ?? []);
  const extraWork = new Set(options.extraWorkingDays ?? []);
  const cache = new Map<number, { list: Holiday[]; byDate: Map<IsoDate, Holiday> }>();

  function yearData(year: number) {
    let data = cache.get(year);
    if (!data) {
      const list = publicHolidays(year, options);
      const byDate = new Map(list.map((h) => [h.date, h] as const));
      for (const d of extraOff) {
        if (parseIsoDate(d).year === year && !byDate.has(d)) {
          const h: Holiday = { date: d, name: "Nghỉ theo thông báo của Chính phủ", kind: "extra" };
          byDate.set(d, h);
          list.push(h);
        }
      }
      list.sort((a, b) => compareDates(a.date, b.date));
      data = { list, byDate };
      cache.set(year, data);
    }
    return data;
  }

  const holidayOn = (date: IsoDate): Holiday | null => yearData(parseIsoDate(date).year).byDate.get(date) ?? null;

  const isWorkingDay = (date: IsoDate): boolean => {
    if (holidayOn(date)) return false;
    return !weekend.has(dayOfWeek(date)) || extraWork.has(date);
  };

  const step = (date: IsoDate, dir: 1 | -1): IsoDate => {
    let d = addDays(date, dir);
    // A year has far fewer than 60 consecutive days off; the bound guards against a misconfigured weekend.
    for (let i = 0; i < 60 && !isWorkingDay(d); i++) d = addDays(d, dir);
    if (!isWorkingDay(d)) throw new RangeError("No working day found: check weekendDays / extraDaysOff");
    return d;
  };

  return {
    options,
    holidays: (year) => [...yearData(year).list],
    holidayOn,
    isWorkingDay,
    addWorkingDays(date, n) {
      if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs an integer, got ${n}`);
      let d = date;
      const dir = n < 0 ? -1 : 1;
      for (let i = 0; i < Math.abs(n); i++) d = step(d, dir);
      return d;
    },
    previousWorkingDay: (date) => step(date, -1),
    nextWorkingDay: (date) => step(date, 1),
    workingDayOnOrBefore: (date) => (isWorkingDay(date) ? date : step(date, -1)),
    workingDayOnOrAfter: (date) => (isWorkingDay(date) ? date : step(date, 1)),
    countWorkingDays(start, end) {
      let count = 0;
      const last = toDayNumber(end);
      let d = start;
      for (let n = toDayNumber(start); n <= last; n++, d = addDays(d, 1)) if (isWorkingDay(d)) count++;
      return count;
    },
  };
}

/** The default calendar: statutory holidays, Saturday–Sunday weekend, no announced swaps. */
export const defaultWorkingCalendar: WorkingCalendar = createWorkingCalendar();

export const isWorkingDay = (date: IsoDate): boolean => defaultWorkingCalendar.isWorkingDay(date);
export const addWorkingDays = (date: IsoDate, n: number): IsoDate => defaultWorkingCalendar.addWorkingDays(date, n);
export const previousWorkingDay = (date: IsoDate): IsoDate => defaultWorkingCalendar.previousWorkingDay(date);
export const nextWorkingDay = (date: IsoDate): IsoDate => defaultWorkingCalendar.nextWorkingDay(date);
export const workingDayOnOrBefore = (date: IsoDate): IsoDate => defaultWorkingCalendar.workingDayOnOrBefore(date);
export const workingDayOnOrAfter = (date: IsoDate): IsoDate => defaultWorkingCalendar.workingDayOnOrAfter(date);
export const holidayOn = (date: IsoDate): Holiday | null => defaultWorkingCalendar.holidayOn(date);
