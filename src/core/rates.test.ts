import { describe, expect, it } from "vitest";
import {
  combineRates,
  isUnitExpected,
  type RatePeriod,
  type RateReport,
  type RateUnit,
  reportingGrid,
  reportingGrids,
  reportingRate,
} from "./rates.js";

const Q1: RatePeriod = { periodId: "q1", start: "2025-01-01", end: "2025-03-31", due: "2025-03-03" };
const Q2: RatePeriod = { periodId: "q2", start: "2025-04-01", end: "2025-06-30", due: "2025-06-03" };
const Q3: RatePeriod = { periodId: "q3", start: "2025-07-01", end: "2025-09-30", due: "2025-09-03" };

const UNITS: RateUnit[] = [
  { unitId: "a" },
  { unitId: "b" },
  // A district office closed by the 1/7/2025 reorganisation…
  { unitId: "old", validFrom: null, validTo: "2025-06-30" },
  // …and the commune that took over.
  { unitId: "new", validFrom: "2025-07-01", validTo: null },
];

describe("isUnitExpected", () => {
  it.each([
    [{ unitId: "x" }, Q1, true],
    [{ unitId: "x", validTo: "2025-06-30" }, Q2, true],
    [{ unitId: "x", validTo: "2025-06-30" }, Q3, false],
    [{ unitId: "x", validFrom: "2025-07-01" }, Q2, false],
    [{ unitId: "x", validFrom: "2025-09-30" }, Q3, true],
    [{ unitId: "x", validTo: "2025-04-01" }, Q2, true],
    [{ unitId: "x", assignedFrom: "2025-05-01" }, Q1, false],
    [{ unitId: "x", assignedFrom: "2025-05-01" }, Q2, true],
    [{ unitId: "x", assignedTo: "2025-03-31" }, Q2, false],
  ] as const)("%o in %o → %s", (u, p, want) => {
    expect(isUnitExpected(u, p)).toBe(want);
  });
});

describe("reportingRate (one period)", () => {
  const rep = (
    unitId: string,
    status: RateReport["status"],
    submittedAt: string | null,
    periodId = "q1",
  ): RateReport => ({
    unitId,
    periodId,
    status,
    submittedAt,
  });

  it.each([
    ["nothing submitted", [], { expected: 3, actual: 0, onTime: 0, late: 0, missing: 3, rate: 0, onTimeRate: 0 }],
    [
      "submitted / approved / accepted all count",
      [rep("a", "submitted", "2025-03-01"), rep("b", "approved", "2025-03-03"), rep("old", "accepted", "2025-03-02")],
      { expected: 3, actual: 3, onTime: 3, late: 0, missing: 0, rate: 100, onTimeRate: 100 },
    ],
    [
      "draft and returned do not count",
      [rep("a", "draft", null), rep("b", "returned", "2025-03-01"), rep("old", "accepted", "2025-03-05")],
      { expected: 3, actual: 1, onTime: 0, late: 1, missing: 2, rate: 33.3, onTimeRate: 0 },
    ],
    [
      "timestamps are read in Vietnam time (3/3 23:30 +7 is on time)",
      [rep("a", "submitted", "2025-03-03T16:30:00Z"), rep("b", "submitted", "2025-03-03T17:30:00Z")],
      { expected: 3, actual: 2, onTime: 1, late: 1, missing: 1, rate: 66.7, onTimeRate: 33.3 },
    ],
    [
      "a report from a unit not expected counts, the rate is capped at 100",
      [
        rep("a", "submitted", "2025-03-01"),
        rep("b", "submitted", "2025-03-01"),
        rep("old", "submitted", "2025-03-01"),
        rep("new", "submitted", "2025-03-01"),
      ],
      { expected: 3, actual: 4, onTime: 4, late: 0, missing: 0, rate: 100, onTimeRate: 100 },
    ],
    [
      "a counted report wins over a returned one of the same cell",
      [rep("a", "returned", "2025-03-04"), rep("a", "accepted", "2025-03-02")],
      { expected: 3, actual: 1, onTime: 1, late: 0, missing: 2, rate: 33.3, onTimeRate: 33.3 },
    ],
    [
      "a counted report without a submission date is late",
      [rep("a", "accepted", null)],
      { expected: 3, actual: 1, onTime: 0, late: 1, missing: 2, rate: 33.3, onTimeRate: 0 },
    ],
    [
      "reports of other periods are ignored",
      [rep("a", "submitted", "2025-03-01", "q2")],
      { expected: 3, actual: 0, onTime: 0, late: 0, missing: 3, rate: 0, onTimeRate: 0 },
    ],
  ])("%s", (_name, reports, want) => {
    expect(reportingRate(UNITS, Q1, reports)).toEqual(want);
  });

  it("no expected units → null rates", () => {
    expect(reportingRate([{ unitId: "new", validFrom: "2025-07-01" }], Q1, [])).toEqual({
      expected: 0,
      actual: 0,
      onTime: 0,
      late: 0,
      missing: 0,
      rate: null,
      onTimeRate: null,
    });
  });

  it("countedStatuses can include returned reports", () => {
    const r = reportingRate(UNITS, Q1, [rep("a", "returned", "2025-03-01")], {
      countedStatuses: ["returned", "accepted"],
    });
    expect([r.actual, r.onTime]).toEqual([1, 1]);
  });
});

describe("reportingGrid", () => {
  const reports: RateReport[] = [
    { unitId: "a", periodId: "q1", status: "accepted", submittedAt: "2025-03-01" },
    { unitId: "b", periodId: "q1", status: "submitted", submittedAt: "2025-03-10" },
    { unitId: "a", periodId: "q2", status: "returned", submittedAt: "2025-06-01" },
    { unitId: "old", periodId: "q2", status: "accepted", submittedAt: "2025-06-02" },
    { unitId: "new", periodId: "q3", status: "draft", submittedAt: null },
  ];

  it("cells carry the Vietnamese states", () => {
    const g = reportingGrid(UNITS, [Q1, Q2, Q3], reports, { asOf: "2025-08-01" });
    const states = (pid: string) => UNITS.map((u) => g.cell(u.unitId, pid)!.state);
    expect(states("q1")).toEqual(["on_time", "late", "missing", "not_expected"]);
    expect(states("q2")).toEqual(["returned", "missing", "on_time", "not_expected"]);
    expect(states("q3")).toEqual(["open", "open", "not_expected", "open"]);
    expect(g.cells).toHaveLength(12);
    expect(g.cell("b", "q1")!.submittedOn).toBe("2025-03-10");
  });

  it("rates per period, per unit and overall leave open periods out", () => {
    const g = reportingGrid(UNITS, [Q1, Q2, Q3], reports, { asOf: "2025-08-01" });
    expect(g.byPeriod.q1).toEqual({
      expected: 3,
      actual: 2,
      onTime: 1,
      late: 1,
      missing: 1,
      rate: 66.7,
      onTimeRate: 33.3,
    });
    expect(g.byPeriod.q2).toEqual({
      expected: 3,
      actual: 1,
      onTime: 1,
      late: 0,
      missing: 2,
      rate: 33.3,
      onTimeRate: 33.3,
    });
    expect(g.byPeriod.q3!.expected).toBe(0);
    expect(g.byUnit.a).toEqual({ expected: 2, actual: 1, onTime: 1, late: 0, missing: 1, rate: 50, onTimeRate: 50 });
    expect(g.byUnit.new).toEqual({
      expected: 0,
      actual: 0,
      onTime: 0,
      late: 0,
      missing: 0,
      rate: null,
      onTimeRate: null,
    });
    expect(g.total).toEqual({ expected: 6, actual: 3, onTime: 2, late: 1, missing: 3, rate: 50, onTimeRate: 33.3 });
  });

  it("on its due date a period is still open", () => {
    const g = reportingGrid(UNITS, [Q3], [], { asOf: "2025-09-03" });
    expect(g.cell("a", "q3")!.state).toBe("open");
    expect(reportingGrid(UNITS, [Q3], [], { asOf: "2025-09-04" }).cell("a", "q3")!.state).toBe("missing");
  });

  it("without asOf every period counts", () => {
    const g = reportingGrid(UNITS, [Q1, Q2, Q3], reports);
    expect(g.cell("a", "q3")!.state).toBe("missing");
    expect(g.total.expected).toBe(9);
  });

  it("combineRates sums and recomputes", () => {
    const g = reportingGrid(UNITS, [Q1, Q2], reports);
    expect(combineRates([g.byPeriod.q1!, g.byPeriod.q2!])).toEqual(g.total);
    expect(combineRates([]).rate).toBeNull();
  });
});

describe("reportingGrids (plan × unit × period)", () => {
  it("aggregates units over plans", () => {
    const m = reportingGrids([
      {
        planId: "p1",
        units: [{ unitId: "a" }, { unitId: "b" }],
        periods: [Q1],
        reports: [{ unitId: "a", periodId: "q1", status: "accepted", submittedAt: "2025-03-01" }],
      },
      {
        planId: "p2",
        units: [{ unitId: "a" }],
        periods: [Q1, Q2],
        reports: [{ unitId: "a", periodId: "q2", status: "submitted", submittedAt: "2025-06-09" }],
      },
    ]);
    expect(m.byPlan.p1!.total.rate).toBe(50);
    expect(m.byPlan.p2!.total).toEqual({
      expected: 2,
      actual: 1,
      onTime: 0,
      late: 1,
      missing: 1,
      rate: 50,
      onTimeRate: 0,
    });
    expect(m.byUnit.a).toEqual({
      expected: 3,
      actual: 2,
      onTime: 1,
      late: 1,
      missing: 1,
      rate: 66.7,
      onTimeRate: 33.3,
    });
    expect(m.byUnit.b!.rate).toBe(0);
    expect(m.total.expected).toBe(4);
  });
});
