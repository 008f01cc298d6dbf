import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  createWorkingCalendar,
  defaultNationalDayAdjacent,
  holidayOn,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  publicHolidays,
  statutoryHolidays,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from "./holidays.js";

const dates = (year: number) => publicHolidays(year).map((h) => h.date);

describe("statutoryHolidays", () => {
  it("2025: 11 statutory days", () => {
    const list = statutoryHolidays(2025);
    expect(list.map((h) => h.date)).toEqual([
      "2025-01-01",
      "2025-01-28", // 29 tháng Chạp: month 12 of Giáp Thìn has 29 days
      "2025-01-29",
      "2025-01-30",
      "2025-01-31",
      "2025-02-01",
      "2025-04-07", // Giỗ Tổ 10/3 âm lịch
      "2025-04-30",
      "2025-05-01",
      "2025-09-01",
      "2025-09-02",
    ]);
    expect(list.every((h) => h.name.length > 0)).toBe(true);
  });

  it.each([
    [2024, "2024-02-09", "2024-02-13"],
    [2025, "2025-01-28", "2025-02-01"],
    [2026, "2026-02-16", "2026-02-20"],
    [2027, "2027-02-05", "2027-02-09"],
  ])("Tết %i runs %s..%s", (year, first, last) => {
    const tet = statutoryHolidays(year).filter((h) => h.kind === "tet");
    expect(tet).toHaveLength(5);
    expect(tet[0]!.date).toBe(first);
    expect(tet[4]!.date).toBe(last);
  });

  it.each([
    [2021, ["2021-09-02", "2021-09-03"]],
    [2022, ["2022-09-01", "2022-09-02"]],
    [2023, ["2023-09-01", "2023-09-02"]],
    [2024, ["2024-09-02", "2024-09-03"]],
    [2025, ["2025-09-01", "2025-09-02"]],
    [2027, ["2027-09-02", "2027-09-03"]], // Thursday → Friday
    [2029, ["2029-09-02", "2029-09-03"]], // Sunday → Monday
  ])("Quốc khánh %i", (year, days) => {
    expect(
      statutoryHolidays(year)
        .filter((h) => h.kind === "national_day")
        .map((h) => h.date),
    ).toEqual(days);
  });

  it("the 2/9 side can be overridden", () => {
    expect(defaultNationalDayAdjacent(2025)).toBe("before");
    const list = statutoryHolidays(2025, { nationalDayAdjacent: { 2025: "after" } });
    expect(list.filter((h) => h.kind === "national_day").map((h) => h.date)).toEqual(["2025-09-02", "2025-09-03"]);
  });
});

describe("publicHolidays (with compensatory days)", () => {
  it("2023: Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon → off until Wed 3/5", () => {
    const h = publicHolidays(2023).filter((x) => x.date >= "2023-04-01" && x.date <= "2023-05-31");
    expect(h.map((x) => [x.date, x.kind])).toEqual([
      ["2023-04-29", "hung_kings"],
      ["2023-04-30", "reunification"],
      ["2023-05-01", "labour"],
      ["2023-05-02", "compensatory"],
      ["2023-05-03", "compensatory"],
    ]);
    expect(h[3]!.name).toBe("Nghỉ bù Giỗ Tổ Hùng Vương");
  });

  it("2023: Sat 2/9 → Mon 4/9 compensatory", () => {
    expect(dates(2023)).toContain("2023-09-04");
  });

  it("2024: Tết Sat 10/2 and Sun 11/2 → Wed 14/2 and Thu 15/2", () => {
    const comp = publicHolidays(2024)
      .filter((h) => h.kind === "compensatory")
      .map((h) => h.date);
    expect(comp).toEqual(["2024-02-14", "2024-02-15"]);
  });

  it("2022: 1/1 on Saturday → Monday 3/1; 30/4 Sat, 1/5 Sun → Mon 2/5, Tue 3/5", () => {
    const comp = publicHolidays(2022)
      .filter((h) => h.kind === "compensatory")
      .map((h) => h.date);
    expect(comp).toEqual(expect.arrayContaining(["2022-01-03", "2022-05-02", "2022-05-03"]));
  });

  it("2026: Giỗ Tổ on Sunday 26/4 → Monday 27/4", () => {
    expect(holidayOn("2026-04-26")?.kind).toBe("hung_kings");
    expect(holidayOn("2026-04-27")?.kind).toBe("compensatory");
  });

  it("no compensatory day in a year whose holidays all fall on weekdays", () => {
    // 2026: 1/1 Thu, Tết 16–20/2 Mon–Fri, 30/4 Thu, 1/5 Fri, 1–2/9 Tue–Wed; only Giỗ Tổ (Sun) compensates.
    expect(publicHolidays(2026).filter((h) => h.kind === "compensatory")).toHaveLength(1);
  });
});

describe("working days (default calendar)", () => {
  it.each([
    ["2025-04-25", true], // Friday
    ["2025-04-26", false], // Saturday
    ["2025-04-27", false], // Sunday
    ["2025-04-30", false],
    ["2025-05-01", false],
    ["2025-05-02", true],
    ["2025-01-01", false],
    ["2025-01-29", false],
    ["2025-02-03", false], // Tết mùng 4 on Saturday 1/2 → compensatory Monday 3/2
    ["2025-02-04", true],
    ["2025-09-01", false],
    ["2025-09-03", true],
  ])("isWorkingDay(%s) = %s", (d, ok) => {
    expect(isWorkingDay(d)).toBe(ok);
  });

  it.each([
    ["2025-04-25", 1, "2025-04-28"],
    ["2025-04-28", 2, "2025-05-02"], // skips 30/4 and 1/5
    ["2025-04-28", 0, "2025-04-28"],
    ["2025-05-02", -2, "2025-04-28"],
    ["2025-01-24", 1, "2025-01-27"],
    ["2025-01-27", 1, "2025-02-04"], // Tết 28/1–1/2, the weekend, compensatory 3/2
  ])("addWorkingDays(%s, %i) = %s", (d, n, want) => {
    expect(addWorkingDays(d, n)).toBe(want);
  });

  it("previous / next / on-or-before / on-or-after", () => {
    expect(previousWorkingDay("2025-05-02")).toBe("2025-04-29");
    expect(previousWorkingDay("2025-04-28")).toBe("2025-04-25");
    expect(nextWorkingDay("2025-04-29")).toBe("2025-05-02");
    expect(workingDayOnOrBefore("2025-04-29")).toBe("2025-04-29");
    expect(workingDayOnOrBefore("2025-05-01")).toBe("2025-04-29");
    expect(workingDayOnOrAfter("2025-05-01")).toBe("2025-05-02");
    expect(() => addWorkingDays("2025-05-01", 1.5)).toThrow(RangeError);
  });
});

describe("createWorkingCalendar options", () => {
  it("announced swaps: Tết 2025 bridge Mon 27/1 off, Sat 8/2 worked", () => {
    const cal = createWorkingCalendar({ extraDaysOff: ["2025-01-27"], extraWorkingDays: ["2025-02-08"] });
    expect(cal.isWorkingDay("2025-01-27")).toBe(false);
    expect(cal.holidayOn("2025-01-27")?.kind).toBe("extra");
    expect(cal.isWorkingDay("2025-02-08")).toBe(true);
    expect(cal.previousWorkingDay("2025-02-04")).toBe("2025-01-24");
    expect(cal.countWorkingDays("2025-01-20", "2025-02-09")).toBe(5 + 0 + 4 + 1);
  });

  it("a six-day week", () => {
    const cal = createWorkingCalendar({ weekendDays: [0] });
    expect(cal.isWorkingDay("2025-04-26")).toBe(true);
    expect(cal.nextWorkingDay("2025-04-26")).toBe("2025-04-28");
  });

  it("extra statutory holidays earn compensatory days", () => {
    const cal = createWorkingCalendar({ extraHolidays: [{ date: "2028-11-24", name: "Ngày Văn hóa Việt Nam" }] });
    // 24/11/2028 is a Friday.
    expect(cal.isWorkingDay("2028-11-24")).toBe(false);
    const cal2 = createWorkingCalendar({ extraHolidays: [{ date: "2029-11-24", name: "Ngày Văn hóa Việt Nam" }] });
    // Saturday → Monday 26/11.
    expect(cal2.holidayOn("2029-11-26")?.name).toBe("Nghỉ bù Ngày Văn hóa Việt Nam");
  });

  it("holidays(year) lists everything sorted", () => {
    const cal = createWorkingCalendar({ extraDaysOff: ["2025-01-27"] });
    const list = cal.holidays(2025).map((h) => h.date);
    expect(list).toEqual([...list].sort());
    expect(list).toContain("2025-01-27");
  });
});
