import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  eachDay,
  endOfMonth,
  formatDateVi,
  formatDateViLong,
  fromDayNumber,
  isIsoDate,
  isoDateAt,
  isWeekend,
  isWithin,
  lastDayOfMonth,
  maxDate,
  minDate,
  parseDateVi,
  parseIsoDate,
  quarterEnd,
  quarterOf,
  quarterStart,
  startOfMonth,
  toDayNumber,
  toIsoDate,
  tryParseIsoDate,
} from "./dates.js";

describe("parse / validate", () => {
  it.each([
    ["2025-04-25", true],
    ["2024-02-29", true],
    ["2025-02-29", false],
    ["2100-02-29", false],
    ["2000-02-29", true],
    ["2025-13-01", false],
    ["2025-00-10", false],
    ["2025-04-31", false],
    ["2025-4-25", false],
    ["25/04/2025", false],
    ["", false],
  ])("isIsoDate(%s) = %s", (s, ok) => {
    expect(isIsoDate(s)).toBe(ok);
  });

  it("rejects non-strings", () => {
    expect(isIsoDate(null)).toBe(false);
    expect(isIsoDate(20250425)).toBe(false);
    expect(tryParseIsoDate(undefined)).toBeNull();
  });

  it("parses parts and throws on bad input", () => {
    expect(parseIsoDate("2025-04-05")).toEqual({ year: 2025, month: 4, day: 5 });
    expect(() => parseIsoDate("2025-02-30")).toThrow(RangeError);
    expect(toIsoDate(2025, 4, 5)).toBe("2025-04-05");
    expect(() => toIsoDate(2025, 2, 29)).toThrow(RangeError);
  });
});

describe("day numbers", () => {
  it.each([
    ["1970-01-01", 0],
    ["1970-01-02", 1],
    ["1969-12-31", -1],
    ["2000-03-01", 11017],
    ["2025-04-25", 20203],
  ])("%s ↔ %i", (d, n) => {
    expect(toDayNumber(d)).toBe(n);
    expect(fromDayNumber(n)).toBe(d);
  });

  it("round-trips every day of 1900..2101", () => {
    let n = toDayNumber("1900-01-01");
    const end = toDayNumber("2101-12-31");
    let prev = fromDayNumber(n - 1);
    for (; n <= end; n++) {
      const d = fromDayNumber(n);
      expect(d > prev).toBe(true);
      expect(toDayNumber(d)).toBe(n);
      prev = d;
    }
  });
});

describe("arithmetic", () => {
  it.each([
    ["2025-04-25", 1, "2025-04-26"],
    ["2025-04-30", 1, "2025-05-01"],
    ["2024-12-31", 1, "2025-01-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2025-02-28", 1, "2025-03-01"],
    ["2025-03-01", -1, "2025-02-28"],
    ["2025-01-01", 365, "2026-01-01"],
    ["2025-01-01", -366, "2024-01-01"],
    ["2025-01-01", -367, "2023-12-31"],
  ])("addDays(%s, %i) = %s", (d, n, want) => {
    expect(addDays(d, n)).toBe(want);
  });

  it.each([
    ["2025-01-31", 1, "2025-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2025-03-31", -1, "2025-02-28"],
    ["2025-11-15", 2, "2026-01-15"],
    ["2025-01-15", -1, "2024-12-15"],
    ["2025-01-15", -13, "2023-12-15"],
    ["2025-05-31", 12, "2026-05-31"],
    ["2025-08-31", 0, "2025-08-31"],
  ])("addMonths(%s, %i) = %s", (d, n, want) => {
    expect(addMonths(d, n)).toBe(want);
  });

  it("addYears clamps 29/2", () => {
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
  });

  it("daysBetween", () => {
    expect(daysBetween("2025-01-01", "2025-12-31")).toBe(364);
    expect(daysBetween("2025-03-01", "2025-02-01")).toBe(-28);
  });

  it("compare, min, max, within", () => {
    expect(compareDates("2025-01-01", "2025-01-02")).toBe(-1);
    expect(compareDates("2025-01-02", "2025-01-02")).toBe(0);
    expect(compareDates("2025-10-01", "2025-09-30")).toBe(1);
    expect(() => compareDates("2025-1-1", "2025-01-01")).toThrow(RangeError);
    expect(minDate("2025-05-01", "2024-12-31", "2025-01-01")).toBe("2024-12-31");
    expect(maxDate("2025-05-01", "2024-12-31", "2025-01-01")).toBe("2025-05-01");
    expect(isWithin("2025-05-01", "2025-05-01", "2025-05-31")).toBe(true);
    expect(isWithin("2025-06-01", "2025-05-01", "2025-05-31")).toBe(false);
    expect(isWithin("2025-06-01", null, null)).toBe(true);
  });
});

describe("months and quarters", () => {
  it.each([
    [2025, 2, 28, "2025-02-28"],
    [2024, 2, 29, "2024-02-29"],
    [2025, 4, 30, "2025-04-30"],
    [2025, 12, 31, "2025-12-31"],
  ])("%i-%i has %i days", (y, m, n, last) => {
    expect(daysInMonth(y, m)).toBe(n);
    expect(lastDayOfMonth(y, m)).toBe(last);
  });

  it("start/end of month", () => {
    expect(startOfMonth("2025-09-17")).toBe("2025-09-01");
    expect(endOfMonth("2025-09-17")).toBe("2025-09-30");
  });

  it.each([
    ["2025-01-01", 1],
    ["2025-03-31", 1],
    ["2025-04-01", 2],
    ["2025-06-30", 2],
    ["2025-07-01", 3],
    ["2025-10-01", 4],
    ["2025-12-31", 4],
  ] as const)("quarterOf(%s) = %i", (d, q) => {
    expect(quarterOf(d)).toBe(q);
  });

  it("quarter bounds", () => {
    expect(quarterStart(2025, 2)).toBe("2025-04-01");
    expect(quarterEnd(2025, 1)).toBe("2025-03-31");
    expect(quarterEnd(2025, 4)).toBe("2025-12-31");
  });
});

describe("weekdays", () => {
  it.each([
    ["2025-04-25", 5],
    ["2025-04-26", 6],
    ["2025-04-27", 0],
    ["2024-09-02", 1],
    ["1970-01-01", 4],
    ["1969-12-28", 0],
  ])("dayOfWeek(%s) = %i", (d, w) => {
    expect(dayOfWeek(d)).toBe(w);
  });

  it("isWeekend", () => {
    expect(isWeekend("2025-04-26")).toBe(true);
    expect(isWeekend("2025-04-27")).toBe(true);
    expect(isWeekend("2025-04-28")).toBe(false);
  });
});

describe("Vietnamese formats", () => {
  it.each([
    ["2025-04-25", "25/04/2025"],
    ["2025-01-05", "05/01/2025"],
    [null, ""],
    ["2025-02-30", ""],
  ])("formatDateVi(%s) = %s", (d, want) => {
    expect(formatDateVi(d)).toBe(want);
  });

  it("formatDateViLong pads day and months 1-2 (NĐ 30/2020)", () => {
    expect(formatDateViLong("2025-04-05")).toBe("ngày 05 tháng 4 năm 2025");
    expect(formatDateViLong("2025-02-15")).toBe("ngày 15 tháng 02 năm 2025");
    expect(formatDateViLong("2025-12-25")).toBe("ngày 25 tháng 12 năm 2025");
  });

  it.each([
    ["25/4/2025", "2025-04-25"],
    ["25/04/2025", "2025-04-25"],
    [" 5/1/2025 ", "2025-01-05"],
    ["25-4-2025", "2025-04-25"],
    ["25.4.2025", "2025-04-25"],
    ["25/4/25", "2025-04-25"],
    ["ngày 25 tháng 4 năm 2025", "2025-04-25"],
    ["Ngày 05 tháng 02 năm 2024", "2024-02-05"],
    ["29/2/2025", null],
    ["32/1/2025", null],
    ["4/2025", null],
    ["2025-04-25", null],
    ["", null],
    [null, null],
  ])("parseDateVi(%s) = %s", (s, want) => {
    expect(parseDateVi(s)).toBe(want);
  });
});

describe("isoDateAt", () => {
  it("uses Vietnam's +7 offset by default", () => {
    expect(isoDateAt("2025-04-24T16:59:59Z")).toBe("2025-04-24");
    expect(isoDateAt("2025-04-24T17:00:00Z")).toBe("2025-04-25");
    expect(isoDateAt(new Date("2025-04-24T17:00:00Z"), 0)).toBe("2025-04-24");
    expect(() => isoDateAt("nonsense")).toThrow(RangeError);
  });
});

describe("eachDay", () => {
  it("lists inclusive ranges", () => {
    expect(eachDay("2025-02-27", "2025-03-02")).toEqual(["2025-02-27", "2025-02-28", "2025-03-01", "2025-03-02"]);
    expect(eachDay("2025-03-02", "2025-03-01")).toEqual([]);
  });
});
