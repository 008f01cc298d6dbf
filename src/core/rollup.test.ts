import { describe, expect, it } from "vitest";
import { effectiveWeight, normalizeWeights, type RollupNode, rollUp, roundPercent } from "./rollup.js";

describe("weights", () => {
  it.each([
    [null, 1],
    [undefined, 1],
    [Number.NaN, 1],
    [-2, 1],
    [0, 0],
    [2.5, 2.5],
  ])("effectiveWeight(%s) = %s", (w, want) => {
    expect(effectiveWeight(w)).toBe(want);
  });

  it.each([
    [[], []],
    [
      [1, 1],
      [0.5, 0.5],
    ],
    [
      [3, 1],
      [0.75, 0.25],
    ],
    [
      [0, 0],
      [0.5, 0.5],
    ],
    [
      [0, 2],
      [0, 1],
    ],
    [
      [null, 3],
      [0.25, 0.75],
    ],
  ])("normalizeWeights(%o) = %o", (w, want) => {
    expect(normalizeWeights(w)).toEqual(want);
  });
});

const n = (id: string, parentId: string | null, percent?: number | null, weight?: number | null): RollupNode => ({
  id,
  parentId,
  percent,
  weight,
});

describe("rollUp", () => {
  it.each([
    ["equal weights", [n("p", null), n("a", "p", 100), n("b", "p", 0)], 50],
    ["weighted", [n("p", null), n("a", "p", 100, 3), n("b", "p", 0, 1)], 75],
    ["zero weight excluded", [n("p", null), n("a", "p", 100, 0), n("b", "p", 40, 1)], 40],
    ["all zero → equal", [n("p", null), n("a", "p", 100, 0), n("b", "p", 40, 0)], 70],
    ["missing weight counts as 1", [n("p", null), n("a", "p", 100, null), n("b", "p", 40, 3)], 55],
    ["missing percent counts as 0", [n("p", null), n("a", "p", 100), n("b", "p", null)], 50],
    ["percent clamped", [n("p", null), n("a", "p", 150), n("b", "p", -10)], 50],
    ["own percent of a parent is ignored", [n("p", null, 90), n("a", "p", 20)], 20],
    ["leaf root keeps its percent", [n("p", null, 35)], 35],
    ["leaf root without percent → 0", [n("p", null)], 0],
  ])("%s", (_name, nodes, want) => {
    expect(rollUp(nodes).percent.p).toBeCloseTo(want, 10);
  });

  it("nested levels (province ← district ← commune)", () => {
    const r = rollUp([
      n("province", null),
      n("d1", "province", null, 2),
      n("d2", "province", 30, 1),
      n("c1", "d1", 100),
      n("c2", "d1", 50),
      n("c3", "d1", 0),
    ]);
    expect(r.percent.d1).toBe(50);
    expect(r.percent.province).toBeCloseTo((2 * 50 + 30) / 3, 10);
    expect(r.share.d1).toBeCloseTo(2 / 3, 10);
    expect(r.share.province).toBe(1);
    expect(r.children.d1).toEqual(["c1", "c2", "c3"]);
  });

  it('missing: "skip" leaves unreported children out', () => {
    const nodes = [n("p", null), n("a", "p", 80), n("b", "p", null), n("q", null, 10), n("c", "q", null)];
    const r = rollUp(nodes, { missing: "skip" });
    expect(r.percent.p).toBe(80);
    expect(r.share.b).toBe(0);
    expect(r.percent.b).toBeNull();
    // every child skipped → the parent's own percent
    expect(r.percent.q).toBe(10);
  });

  it("cuts cycles and reports them", () => {
    const r = rollUp([n("a", "c", 10), n("b", "a", 20), n("c", "b", 30), n("x", "b", 90)]);
    expect(r.cycleLinks).toEqual([["a", "c"]]);
    // a is the root now: a ← b ← c, and b ← x
    expect(r.percent.c).toBe(30);
    expect(r.percent.b).toBe(60);
    expect(r.percent.a).toBe(60);
    const self = rollUp([n("a", "a", 40)]);
    expect(self.cycleLinks).toEqual([["a", "a"]]);
    expect(self.percent.a).toBe(40);
  });

  it("unknown parents make roots", () => {
    const r = rollUp([n("a", "ghost", 40)]);
    expect(r.orphans).toEqual(["a"]);
    expect(r.percent.a).toBe(40);
    expect(r.share.a).toBe(1);
  });

  it("handles deep chains without recursion limits", () => {
    const nodes: RollupNode[] = [n("0", null)];
    for (let i = 1; i < 20000; i++) nodes.push(n(String(i), String(i - 1), i === 19999 ? 70 : null));
    expect(rollUp(nodes).percent["0"]).toBe(70);
  });

  it("roundPercent", () => {
    expect(roundPercent(66.66666)).toBe(66.7);
    expect(roundPercent(66.66666, 0)).toBe(67);
    expect(roundPercent(null)).toBeNull();
  });
});
