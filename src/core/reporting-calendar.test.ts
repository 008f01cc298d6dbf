import { describe, expect, it } from "vitest";
import { createWorkingCalendar } from "./holidays.js";
import type { ReportingRule } from "./plan-v1.js";
import {
  adhocPeriod,
  daysUntilDue,
  nextDuePeriod,
  periodsContaining,
  regularPeriod,
  reportingPeriods,
  romanQuarter,
  withDue,
} from "./reporting-calendar.js";

const rule = (r: Partial<ReportingRule> & Pick<ReportingRule, "frequency">): ReportingRule => ({
  text: "",
  day: null,
  month: null,
  month_in_period: null,
  recipient: null,
  ...r,
});

// The "reporting" arrays of the seed gold files.
const SEED_000: ReportingRule[] = [
  rule({ text: "định kỳ hằng tháng (vào ngày 05 hằng tháng)", frequency: "monthly", day: 5 }),
  rule({ text: "06 tháng (trước ngày 10/6)", frequency: "semiannual", day: 10, month: 6 }),
  rule({ text: "năm (trước ngày 10/11)", frequency: "annual", day: 10, month: 11 }),
];
const SEED_002: ReportingRule[] = [
  rule({
    text: "định kỳ 03 tháng (trước ngày 03 của tháng cuối quý)",
    frequency: "quarterly",
    day: 3,
    month_in_period: 3,
  }),
  rule({ text: "báo cáo kết quả thực hiện năm (trước ngày 20/11)", frequency: "annual", day: 20, month: 11 }),
  rule({ text: "thực hiện chế độ báo cáo định kỳ hoặc đột xuất theo yêu cầu", frequency: "adhoc" }),
];
const SEED_003: ReportingRule[] = [
  rule({ text: "theo định kỳ trước ngày 05/11", frequency: "annual", day: 5, month: 11 }),
  rule({ text: "hoặc khi có văn bản yêu cầu", frequency: "adhoc" }),
];
const SEED_004: ReportingRule[] = [
  rule({ text: "Định kỳ trước ngày 15/12 hằng năm", frequency: "annual", day: 15, month: 12 }),
];

const brief = (p: {
  key: string;
  label: string;
  start: string;
  end: string;
  cutoffStart: string;
  cutoffEnd: string;
  due: string;
}) => [p.key, p.label, p.start, p.end, p.cutoffStart, p.cutoffEnd, p.due];

describe("regularPeriod: bounds, labels, ND 09 cut-off, default due (20th of the last month)", () => {
  it.each([
    [
      { frequency: "monthly", year: 2025, index: 5 },
      ["2025-M05", "Tháng 5/2025", "2025-05-01", "2025-05-31", "2025-04-15", "2025-05-14", "2025-05-20"],
    ],
    [
      { frequency: "monthly", year: 2025, index: 1 },
      ["2025-M01", "Tháng 1/2025", "2025-01-01", "2025-01-31", "2024-12-15", "2025-01-14", "2025-01-20"],
    ],
    [
      { frequency: "monthly", year: 2024, index: 2 },
      ["2024-M02", "Tháng 2/2024", "2024-02-01", "2024-02-29", "2024-01-15", "2024-02-14", "2024-02-20"],
    ],
    [
      { frequency: "quarterly", year: 2025, index: 1 },
      ["2025-Q1", "Quý I/2025", "2025-01-01", "2025-03-31", "2024-12-15", "2025-03-14", "2025-03-20"],
    ],
    [
      { frequency: "quarterly", year: 2025, index: 2 },
      ["2025-Q2", "Quý II/2025", "2025-04-01", "2025-06-30", "2025-03-15", "2025-06-14", "2025-06-20"],
    ],
    [
      { frequency: "quarterly", year: 2025, index: 3 },
      ["2025-Q3", "Quý III/2025", "2025-07-01", "2025-09-30", "2025-06-15", "2025-09-14", "2025-09-20"],
    ],
    [
      { frequency: "quarterly", year: 2025, index: 4 },
      ["2025-Q4", "Quý IV/2025", "2025-10-01", "2025-12-31", "2025-09-15", "2025-12-14", "2025-12-20"],
    ],
    [
      { frequency: "semiannual", year: 2025, index: 1 },
      ["2025-H1", "6 tháng đầu năm 2025", "2025-01-01", "2025-06-30", "2024-12-15", "2025-06-14", "2025-06-20"],
    ],
    [
      { frequency: "semiannual", year: 2025, index: 2 },
      ["2025-H2", "6 tháng cuối năm 2025", "2025-07-01", "2025-12-31", "2025-06-15", "2025-12-14", "2025-12-20"],
    ],
    [
      { frequency: "nine_month", year: 2025, index: 1 },
      ["2025-9M", "9 tháng năm 2025", "2025-01-01", "2025-09-30", "2024-12-15", "2025-09-14", "2025-09-20"],
    ],
    [
      { frequency: "annual", year: 2025, index: 1 },
      ["2025-Y", "Năm 2025", "2025-01-01", "2025-12-31", "2024-12-15", "2025-12-14", "2025-12-20"],
    ],
  ] as const)("%o", (ref, want) => {
    const p = regularPeriod(ref);
    expect(brief(p)).toEqual(want);
    expect(p.dueSource).toBe("default");
    expect(p.kind).toBe("regular");
  });

  it("calendar cut-off uses the period bounds", () => {
    const p = regularPeriod({ frequency: "quarterly", year: 2025, index: 2 }, null, { cutoff: "calendar" });
    expect([p.cutoffStart, p.cutoffEnd]).toEqual(["2025-04-01", "2025-06-30"]);
  });

  it("rejects out-of-range indexes", () => {
    expect(() => regularPeriod({ frequency: "monthly", year: 2025, index: 13 })).toThrow(RangeError);
    expect(() => regularPeriod({ frequency: "quarterly", year: 2025, index: 0 })).toThrow(RangeError);
    expect(() => regularPeriod({ frequency: "semiannual", year: 2025, index: 3 })).toThrow(RangeError);
  });

  it("roman quarters", () => {
    expect([1, 2, 3, 4].map(romanQuarter)).toEqual(["I", "II", "III", "IV"]);
  });
});

describe("regularPeriod: due date by the plan's rule", () => {
  it.each([
    // [rule, period, due]
    [
      "ngày 05 hằng tháng → next month",
      rule({ frequency: "monthly", day: 5 }),
      { frequency: "monthly", year: 2025, index: 5 },
      "2025-06-05",
    ],
    [
      "ngày 05 hằng tháng, December → January",
      rule({ frequency: "monthly", day: 5 }),
      { frequency: "monthly", year: 2025, index: 12 },
      "2026-01-05",
    ],
    [
      "trước ngày 20 hằng tháng → same month",
      rule({ frequency: "monthly", day: 20 }),
      { frequency: "monthly", year: 2025, index: 5 },
      "2025-05-20",
    ],
    [
      "ngày 14 = cut-off end → same month",
      rule({ frequency: "monthly", day: 14 }),
      { frequency: "monthly", year: 2025, index: 5 },
      "2025-05-14",
    ],
    [
      "ngày 31 hằng tháng clamps",
      rule({ frequency: "monthly", day: 31 }),
      { frequency: "monthly", year: 2025, index: 4 },
      "2025-04-30",
    ],
    [
      "ngày 30, February clamps",
      rule({ frequency: "monthly", day: 30 }),
      { frequency: "monthly", year: 2025, index: 2 },
      "2025-02-28",
    ],
    [
      "trước ngày 03 của tháng cuối quý",
      rule({ frequency: "quarterly", day: 3, month_in_period: 3 }),
      { frequency: "quarterly", year: 2025, index: 3 },
      "2025-09-03",
    ],
    [
      "ngày 10 tháng đầu quý sau (mip 4)",
      rule({ frequency: "quarterly", day: 10, month_in_period: 4 }),
      { frequency: "quarterly", year: 2025, index: 4 },
      "2026-01-10",
    ],
    [
      "hằng quý trước ngày 15 (no mip) → last month",
      rule({ frequency: "quarterly", day: 15 }),
      { frequency: "quarterly", year: 2025, index: 1 },
      "2025-03-15",
    ],
    [
      "hằng quý trước ngày 05 (no mip) → month after",
      rule({ frequency: "quarterly", day: 5 }),
      { frequency: "quarterly", year: 2025, index: 1 },
      "2025-04-05",
    ],
    [
      "06 tháng trước ngày 10/6",
      rule({ frequency: "semiannual", day: 10, month: 6 }),
      { frequency: "semiannual", year: 2025, index: 1 },
      "2025-06-10",
    ],
    [
      "06 tháng trước ngày 10/6, second half → 10/12",
      rule({ frequency: "semiannual", day: 10, month: 6 }),
      { frequency: "semiannual", year: 2025, index: 2 },
      "2025-12-10",
    ],
    [
      "06 tháng trước ngày 05/7",
      rule({ frequency: "semiannual", day: 5, month: 7 }),
      { frequency: "semiannual", year: 2025, index: 1 },
      "2025-07-05",
    ],
    [
      "06 tháng trước ngày 15 (no month)",
      rule({ frequency: "semiannual", day: 15 }),
      { frequency: "semiannual", year: 2025, index: 1 },
      "2025-06-15",
    ],
    [
      "năm trước ngày 20/11",
      rule({ frequency: "annual", day: 20, month: 11 }),
      { frequency: "annual", year: 2025, index: 1 },
      "2025-11-20",
    ],
    [
      "năm trước ngày 15/01 năm sau",
      rule({ frequency: "annual", day: 15, month: 1 }),
      { frequency: "annual", year: 2025, index: 1 },
      "2026-01-15",
    ],
    [
      "năm trước ngày 15 (no month) → December",
      rule({ frequency: "annual", day: 15 }),
      { frequency: "annual", year: 2025, index: 1 },
      "2025-12-15",
    ],
    [
      "rule without day → default",
      rule({ frequency: "annual" }),
      { frequency: "annual", year: 2025, index: 1 },
      "2025-12-20",
    ],
    [
      "nonsense day → default",
      rule({ frequency: "monthly", day: 0 }),
      { frequency: "monthly", year: 2025, index: 5 },
      "2025-05-20",
    ],
  ] as const)("%s", (_name, r, ref, due) => {
    const p = regularPeriod(ref, r);
    expect(p.due).toBe(due);
  });
});

describe("due dates on non-working days", () => {
  it("moves to the previous working day when asked", () => {
    const r = rule({ frequency: "monthly", day: 5 });
    // Report of January 2023 is due Sunday 05/02/2023.
    const keep = regularPeriod({ frequency: "monthly", year: 2023, index: 1 }, r);
    expect([keep.due, keep.dueUnadjusted]).toEqual(["2023-02-05", null]);
    const prev = regularPeriod({ frequency: "monthly", year: 2023, index: 1 }, r, {
      adjustDue: "previous_working_day",
    });
    expect([prev.due, prev.dueUnadjusted]).toEqual(["2023-02-03", "2023-02-05"]);
    const next = regularPeriod({ frequency: "monthly", year: 2023, index: 1 }, r, { adjustDue: "next_working_day" });
    expect(next.due).toBe("2023-02-06");
  });

  it("skips holidays: due 01/05/2025 → 29/04/2025", () => {
    const r = rule({ frequency: "monthly", day: 1 });
    const p = regularPeriod({ frequency: "monthly", year: 2025, index: 4 }, r, { adjustDue: "previous_working_day" });
    expect([p.due, p.dueUnadjusted]).toEqual(["2025-04-29", "2025-05-01"]);
  });

  it("uses the given calendar", () => {
    const calendar = createWorkingCalendar({ extraWorkingDays: ["2023-02-04"] });
    const r = rule({ frequency: "monthly", day: 5 });
    const p = regularPeriod({ frequency: "monthly", year: 2023, index: 1 }, r, {
      adjustDue: "previous_working_day",
      calendar,
    });
    expect(p.due).toBe("2023-02-04");
  });
});

describe("reportingPeriods from the seeds' rules", () => {
  it("seed 000 (2023): 12 monthly + 6 tháng + năm", () => {
    const ps = reportingPeriods(SEED_000, { start: "2023-01-01", end: "2023-12-31" });
    expect(ps).toHaveLength(14);
    expect(ps.filter((p) => p.frequency === "monthly").map((p) => p.due)).toEqual([
      "2023-02-05",
      "2023-03-05",
      "2023-04-05",
      "2023-05-05",
      "2023-06-05",
      "2023-07-05",
      "2023-08-05",
      "2023-09-05",
      "2023-10-05",
      "2023-11-05",
      "2023-12-05",
      "2024-01-05",
    ]);
    const h1 = ps.find((p) => p.frequency === "semiannual")!;
    expect(brief(h1)).toEqual([
      "2023-H1",
      "6 tháng đầu năm 2023",
      "2023-01-01",
      "2023-06-30",
      "2022-12-15",
      "2023-06-14",
      "2023-06-10",
    ]);
    expect(h1.ruleIndex).toBe(1);
    const y = ps.find((p) => p.frequency === "annual")!;
    expect(brief(y)).toEqual([
      "2023-Y",
      "Năm 2023",
      "2023-01-01",
      "2023-12-31",
      "2022-12-15",
      "2023-12-14",
      "2023-11-10",
    ]);
    expect(y.dueSource).toBe("rule");
    // Sorted by due date.
    expect(ps.map((p) => p.due)).toEqual([...ps.map((p) => p.due)].sort());
  });

  it("seed 000 with both halves and a 9-month report", () => {
    const ps = reportingPeriods(
      SEED_000,
      { start: "2023-01-01", end: "2023-12-31" },
      { semiannualHalves: "both", nineMonth: true },
    );
    expect(ps.filter((p) => p.frequency !== "monthly").map((p) => [p.label, p.due])).toEqual([
      ["6 tháng đầu năm 2023", "2023-06-10"],
      ["9 tháng năm 2023", "2023-09-20"],
      ["Năm 2023", "2023-11-10"],
      ["6 tháng cuối năm 2023", "2023-12-10"],
    ]);
  });

  it("seed 002 (2025): quarters due on the 3rd of the quarter's last month, year on 20/11, adhoc none", () => {
    const ps = reportingPeriods(
      SEED_002,
      { start: "2025-01-01", end: "2025-12-31" },
      { adjustDue: "previous_working_day" },
    );
    expect(ps.map((p) => [p.label, p.due, p.ruleIndex])).toEqual([
      ["Quý I/2025", "2025-03-03", 0],
      ["Quý II/2025", "2025-06-03", 0],
      ["Quý III/2025", "2025-09-03", 0],
      ["Năm 2025", "2025-11-20", 1],
      ["Quý IV/2025", "2025-12-03", 0],
    ]);
  });

  it("seed 003 (2024–2025): one annual report per year", () => {
    const ps = reportingPeriods(SEED_003, { start: "2024-01-01", end: "2025-12-31" });
    expect(ps.map((p) => [p.label, p.due])).toEqual([
      ["Năm 2024", "2024-11-05"],
      ["Năm 2025", "2025-11-05"],
    ]);
  });

  it("seed 004 (2025–2030): 15/12 yearly, weekend dues moved back", () => {
    const ps = reportingPeriods(
      SEED_004,
      { start: "2025-01-01", end: "2030-12-31" },
      { adjustDue: "previous_working_day" },
    );
    expect(ps.map((p) => [p.label, p.due, p.dueUnadjusted])).toEqual([
      ["Năm 2025", "2025-12-15", null],
      ["Năm 2026", "2026-12-15", null],
      ["Năm 2027", "2027-12-15", null],
      ["Năm 2028", "2028-12-15", null],
      ["Năm 2029", "2029-12-14", "2029-12-15"],
      ["Năm 2030", "2030-12-13", "2030-12-15"],
    ]);
  });

  it("a plan starting mid-year gets the periods that overlap it", () => {
    const ps = reportingPeriods(SEED_002, { start: "2025-04-25", end: "2025-12-31" });
    expect(ps.map((p) => p.key)).toEqual(["2025-Q2", "2025-Q3", "2025-Y", "2025-Q4"]);
  });

  it("duplicate rules of one frequency: the first wins", () => {
    const ps = reportingPeriods(
      [rule({ frequency: "annual", day: 10, month: 11 }), rule({ frequency: "annual", day: 15, month: 12 })],
      { start: "2025-01-01", end: "2025-12-31" },
    );
    expect(ps.map((p) => [p.key, p.due, p.ruleIndex])).toEqual([["2025-Y", "2025-11-10", 0]]);
  });

  it.each([
    [null],
    [{ start: null, end: "2025-12-31" }],
    [{ start: "2025-01-01", end: null }],
    [{ start: "2025-12-31", end: "2025-01-01" }],
    [{ start: "2025-02-30", end: "2025-12-31" }],
  ])("no periods for a missing or invalid plan period %o", (period) => {
    expect(reportingPeriods(SEED_004, period)).toEqual([]);
  });

  it("no rules → no periods", () => {
    expect(reportingPeriods([], { start: "2025-01-01", end: "2025-12-31" })).toEqual([]);
  });
});

describe("adhocPeriod", () => {
  it("defaults to the due date's year up to the due date", () => {
    const p = adhocPeriod("Báo cáo đột xuất kết quả chuyển đổi số", "2025-08-15");
    expect(p).toEqual({
      frequency: "adhoc",
      kind: "adhoc",
      key: "adhoc:2025-08-15",
      label: "Báo cáo đột xuất kết quả chuyển đổi số",
      start: "2025-01-01",
      end: "2025-08-15",
      cutoffStart: "2025-01-01",
      cutoffEnd: "2025-08-15",
      due: "2025-08-15",
      dueSource: "request",
      dueUnadjusted: null,
      ruleIndex: null,
    });
  });

  it("takes explicit bounds", () => {
    const p = adhocPeriod(" Sơ kết 3 năm ", "2025-10-10", "2022-01-01", "2025-09-30");
    expect([p.label, p.start, p.end, p.cutoffEnd]).toEqual(["Sơ kết 3 năm", "2022-01-01", "2025-09-30", "2025-09-30"]);
  });

  it("rejects bad input", () => {
    expect(() => adhocPeriod("x", "2025-02-30")).toThrow(RangeError);
    expect(() => adhocPeriod("x", "2025-10-10", "2025-10-01", "2025-09-01")).toThrow(RangeError);
    expect(() => adhocPeriod("  ", "2025-10-10")).toThrow(RangeError);
  });
});

describe("helpers", () => {
  const ps = reportingPeriods(SEED_002, { start: "2025-01-01", end: "2025-12-31" });

  it("nextDuePeriod", () => {
    expect(nextDuePeriod(ps, "2025-03-03")?.label).toBe("Quý I/2025");
    expect(nextDuePeriod(ps, "2025-03-04")?.label).toBe("Quý II/2025");
    expect(nextDuePeriod(ps, "2025-11-01")?.label).toBe("Năm 2025");
    expect(nextDuePeriod(ps, "2025-12-04")).toBeNull();
  });

  it("periodsContaining", () => {
    expect(periodsContaining(ps, "2025-05-10").map((p) => p.key)).toEqual(["2025-Q2", "2025-Y"]);
  });

  it("daysUntilDue", () => {
    expect(daysUntilDue({ due: "2025-03-03" }, "2025-02-28")).toBe(3);
    expect(daysUntilDue({ due: "2025-03-03" }, "2025-03-05")).toBe(-2);
  });

  it("withDue", () => {
    const p = withDue(ps[0]!, "2025-03-08", { adjustDue: "next_working_day" });
    expect([p.due, p.dueUnadjusted, p.label]).toEqual(["2025-03-10", "2025-03-08", "Quý I/2025"]);
    expect(() => withDue(ps[0]!, "bad")).toThrow(RangeError);
  });
});
