/** Property checks across the date, calendar and roll-up modules (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, compareDates, daysBetween, fromDayNumber, toDayNumber } from "./dates.js";
import { addWorkingDays, isWorkingDay, workingDayOnOrBefore } from "./holidays.js";
import { lunarToSolar, solarToLunar } from "./lunar.js";
import { regularPeriod, reportingPeriods } from "./reporting-calendar.js";
import { type RollupNode, rollUp } from "./rollup.js";

const dayArb = fc.integer({ min: toDayNumber("1950-01-01"), max: toDayNumber("2100-12-31") }).map(fromDayNumber);

describe("dates", () => {
  it("addDays and daysBetween agree", () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });

  it("addMonths keeps the day when it exists and never leaves the target month", () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -240, max: 240 }), (d, n) => {
        const r = addMonths(d, n);
        const [y, m, day] = d.split("-").map(Number) as [number, number, number];
        const [ry, rm, rday] = r.split("-").map(Number) as [number, number, number];
        expect(ry * 12 + rm - (y * 12 + m)).toBe(n);
        expect(rday).toBeLessThanOrEqual(day);
      }),
    );
  });
});

describe("lunar calendar", () => {
  it("solar → lunar → solar is the identity", () => {
    fc.assert(
      fc.property(dayArb, (d) => {
        expect(lunarToSolar(solarToLunar(d))).toBe(d);
      }),
      { numRuns: 300 },
    );
  });
});

describe("working days", () => {
  it("addWorkingDays lands on a working day and counts exactly n", () => {
    const recent = fc.integer({ min: toDayNumber("2020-01-01"), max: toDayNumber("2035-12-31") }).map(fromDayNumber);
    fc.assert(
      fc.property(recent, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const r = addWorkingDays(d, n);
        expect(isWorkingDay(r)).toBe(true);
        let count = 0;
        for (let x = addDays(d, 1); compareDates(x, r) <= 0; x = addDays(x, 1)) if (isWorkingDay(x)) count++;
        expect(count).toBe(n);
        expect(compareDates(workingDayOnOrBefore(r), r)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe("reporting calendar", () => {
  const freq = fc.constantFrom("monthly", "quarterly", "annual" as const);
  it("periods of one frequency tile the plan years and their cut-offs chain without gaps", () => {
    fc.assert(
      fc.property(freq, fc.integer({ min: 2000, max: 2090 }), fc.integer({ min: 0, max: 4 }), (f, y, extra) => {
        const ps = reportingPeriods(
          [{ text: "", frequency: f, day: null, month: null, month_in_period: null, recipient: null }],
          {
            start: `${y}-01-01`,
            end: `${y + extra}-12-31`,
          },
        ).sort((a, b) => compareDates(a.start, b.start));
        expect(ps[0]!.start).toBe(`${y}-01-01`);
        expect(ps[ps.length - 1]!.end).toBe(`${y + extra}-12-31`);
        for (let i = 1; i < ps.length; i++) {
          expect(addDays(ps[i - 1]!.end, 1)).toBe(ps[i]!.start);
          expect(addDays(ps[i - 1]!.cutoffEnd, 1)).toBe(ps[i]!.cutoffStart);
        }
        for (const p of ps) expect(compareDates(p.cutoffEnd, p.due)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 100 },
    );
  });

  it("a quarterly rule's due date lies inside the quarter's month it names", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 3 }),
        (year, q, day, mip) => {
          const p = regularPeriod(
            { frequency: "quarterly", year, index: q },
            { text: "", frequency: "quarterly", day, month: null, month_in_period: mip, recipient: null },
          );
          expect(Number(p.due.slice(5, 7))).toBe((q - 1) * 3 + mip);
        },
      ),
    );
  });
});

describe("roll-up", () => {
  const forest = fc
    .array(
      fc.record({
        parent: fc.nat(30),
        weight: fc.option(fc.double({ min: -1, max: 10, noNaN: true })),
        percent: fc.option(fc.double({ min: -50, max: 150, noNaN: true })),
      }),
      { minLength: 1, maxLength: 30 },
    )
    .map((rows) =>
      rows.map(
        (r, i): RollupNode => ({
          id: `n${i}`,
          // arbitrary links, cycles included
          parentId: r.parent < rows.length ? `n${r.parent}` : null,
          weight: r.weight,
          percent: r.percent,
        }),
      ),
    );

  it("a parent of one child with a subnormal weight takes the child's percent (no underflow)", () => {
    const r = rollUp([
      { id: "p", parentId: null, weight: null, percent: null },
      { id: "a", parentId: "p", weight: 5e-324, percent: 1e-9 },
    ]);
    expect(r.percent.p).toBe(1e-9);
  });

  it("every percent lies in 0..100 and a parent lies between its children", () => {
    fc.assert(
      fc.property(forest, (nodes) => {
        const r = rollUp(nodes);
        for (const n of nodes) {
          const p = r.percent[n.id];
          expect(p).not.toBeNull();
          expect(p!).toBeGreaterThanOrEqual(0);
          expect(p!).toBeLessThanOrEqual(100);
          const kids = r.children[n.id]!;
          if (kids.length) {
            const values = kids.filter((k) => r.share[k]! > 0).map((k) => r.percent[k]!);
            expect(p!).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
            expect(p!).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
          }
        }
        // after cutting cycles every node reaches a root
        for (const n of nodes) {
          let cur: string | undefined = n.id;
          let steps = 0;
          const parentOf = new Map<string, string>();
          for (const [p, ks] of Object.entries(r.children)) for (const k of ks) parentOf.set(k, p);
          while (cur !== undefined && steps <= nodes.length) {
            cur = parentOf.get(cur);
            steps++;
          }
          expect(steps).toBeLessThanOrEqual(nodes.length);
        }
      }),
    );
  });
});
