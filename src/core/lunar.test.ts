import { describe, expect, it } from "vitest";
import { addDays } from "./dates.js";
import { jdFromDate, jdToDate, lunarMonthLength, lunarNewYear, lunarToSolar, solarToLunar } from "./lunar.js";

describe("lunarNewYear (Tết Nguyên đán, UTC+7)", () => {
  it.each([
    [1985, "1985-01-21"], // Vietnam a month before China (1985-02-20): the UTC+7 month-11 case
    [2007, "2007-02-17"], // China 2007-02-18
    [2020, "2020-01-25"],
    [2021, "2021-02-12"],
    [2022, "2022-02-01"],
    [2023, "2023-01-22"],
    [2024, "2024-02-10"],
    [2025, "2025-01-29"],
    [2026, "2026-02-17"],
    [2027, "2027-02-06"],
    [2028, "2028-01-26"],
    [2030, "2030-02-02"], // new moon 2/2 23:07 at UTC+7, 3/2 in China
  ])("%i → %s", (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
  });
});

describe("solarToLunar", () => {
  it.each([
    ["2024-02-10", { day: 1, month: 1, year: 2024, leap: false }],
    ["2024-02-09", { day: 30, month: 12, year: 2023, leap: false }],
    ["2025-01-28", { day: 29, month: 12, year: 2024, leap: false }],
    ["2025-04-07", { day: 10, month: 3, year: 2025, leap: false }],
    ["2025-07-25", { day: 1, month: 6, year: 2025, leap: true }], // tháng 6 nhuận 2025
    ["2025-06-25", { day: 1, month: 6, year: 2025, leap: false }],
    ["2023-03-22", { day: 1, month: 2, year: 2023, leap: true }], // tháng 2 nhuận 2023
    ["2025-10-06", { day: 15, month: 8, year: 2025, leap: false }], // Trung thu 2025
    ["2024-12-31", { day: 1, month: 12, year: 2024, leap: false }],
  ])("%s", (date, lunar) => {
    expect(solarToLunar(date)).toEqual(lunar);
  });
});

describe("every day 1900–2199", () => {
  it("has a lunar date (day 1..30) that converts back to itself, also beside new moons the mean estimate misplaces", () => {
    // The day before a new moon: the last day (30) of the month, not day 0.
    expect(solarToLunar("2054-05-07")).toEqual({ day: 30, month: 3, year: 2054, leap: false });
    expect(solarToLunar("2062-04-09").day).toBeGreaterThan(0);
    let bad = 0;
    for (let d = "1900-01-01"; d <= "2199-12-31"; d = addDays(d, 1)) {
      const l = solarToLunar(d);
      if (l.day < 1 || l.day > 30 || lunarToSolar(l) !== d) bad++;
    }
    expect(bad).toBe(0);
  });
});

describe("lunarToSolar", () => {
  it.each([
    [{ day: 10, month: 3, year: 2024, leap: false }, "2024-04-18"],
    [{ day: 10, month: 3, year: 2025, leap: false }, "2025-04-07"],
    [{ day: 10, month: 3, year: 2026, leap: false }, "2026-04-26"],
    [{ day: 10, month: 3, year: 2023, leap: false }, "2023-04-29"],
    [{ day: 1, month: 6, year: 2025, leap: true }, "2025-07-25"],
    [{ day: 15, month: 8, year: 2025, leap: false }, "2025-10-06"],
  ])("%o → %s", (lunar, date) => {
    expect(lunarToSolar(lunar)).toBe(date);
  });

  it("returns null for dates that do not exist", () => {
    expect(lunarToSolar({ day: 1, month: 5, year: 2025, leap: true })).toBeNull(); // 2025's leap month is 6
    expect(lunarToSolar({ day: 1, month: 1, year: 2024, leap: true })).toBeNull(); // 2024 has no leap month
    expect(lunarToSolar({ day: 30, month: 12, year: 2024, leap: false })).toBeNull(); // 12/2024 has 29 days
    expect(lunarToSolar({ day: 0, month: 1, year: 2025, leap: false })).toBeNull();
    expect(lunarToSolar({ day: 1, month: 13, year: 2025, leap: false })).toBeNull();
  });

  it("month lengths", () => {
    expect(lunarMonthLength(2024, 12)).toBe(29);
    expect(lunarMonthLength(2023, 12)).toBe(30);
  });

  it("round-trips every day from 2000 to 2040", () => {
    let d = "2000-01-01";
    while (d <= "2040-12-31") {
      const l = solarToLunar(d);
      expect(lunarToSolar(l)).toBe(d);
      d = addDays(d, 1);
    }
  });
});

describe("Julian day numbers", () => {
  it("matches known values", () => {
    expect(jdFromDate(1, 1, 2000)).toBe(2451545);
    expect(jdToDate(2451545)).toEqual([1, 1, 2000]);
    expect(jdToDate(jdFromDate(4, 10, 1582))).toEqual([4, 10, 1582]);
  });
});
