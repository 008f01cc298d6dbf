import { describe, expect, it } from "vitest";
import type { PlanV1 } from "../../core/plan-v1.js";
import {
  identityOrigins,
  inferOrigins,
  isIdentity,
  nextOrigins,
  remapSpans,
  remapTaskParents,
  storedOrigins,
} from "./import-rows.js";

const span = (start: number) => ({ start, end: start + 5 });

describe("remapSpans", () => {
  const spans = {
    "plan.number": span(0),
    "tasks.0.title": span(10),
    "tasks.1.title": span(20),
    "tasks.1.lead.0": span(25),
    "tasks.2.title": span(30),
    "tasks.3.title": span(40),
    "tasks.4.title": span(50),
    "reporting.0.text": span(60),
  };

  it("moves the spans of the rows after a removed one down, drops the removed row's, keeps the rest", () => {
    const out = remapSpans(spans, { tasks: [0, 2, 3, 4] });
    expect(out).toEqual({
      "plan.number": span(0),
      "tasks.0.title": span(10),
      "tasks.1.title": span(30),
      "tasks.2.title": span(40),
      "tasks.3.title": span(50),
      "reporting.0.text": span(60),
    });
  });

  it("gives an inserted row no span and follows reordered rows", () => {
    const out = remapSpans(spans, { tasks: [4, null, 1, 0, 2, 3] });
    expect(out).toEqual({
      "plan.number": span(0),
      "tasks.0.title": span(50),
      "tasks.2.title": span(20),
      "tasks.2.lead.0": span(25),
      "tasks.3.title": span(10),
      "tasks.4.title": span(30),
      "tasks.5.title": span(40),
      "reporting.0.text": span(60),
    });
    expect(Object.keys(out).filter((k) => k.startsWith("tasks.1."))).toEqual([]);
  });

  it("leaves a list without origins as it is", () => {
    expect(remapSpans(spans, { reporting: [null, 0] })).toMatchObject({
      "tasks.1.title": span(20),
      "reporting.1.text": span(60),
    });
  });
});

describe("inferOrigins", () => {
  const rows = ["a", "b", "c", "d", "e"].map((title) => ({ title }));

  it("lines up unchanged rows around a removal, an insertion and a move", () => {
    expect(inferOrigins(rows, [rows[0], rows[2], rows[3], rows[4]])).toEqual([0, 2, 3, 4]);
    expect(inferOrigins(rows, [rows[0], { title: "mới" }, ...rows.slice(1)])).toEqual([0, null, 1, 2, 3, 4]);
    expect(inferOrigins(rows, [rows[4], rows[0], rows[1], rows[2], rows[3]])).toEqual([4, 0, 1, 2, 3]);
  });

  it("takes edited rows between unchanged ones as the same rows", () => {
    expect(inferOrigins(rows, [rows[0], { title: "b sửa" }, rows[2], { title: "d sửa" }, rows[4]])).toEqual([
      0, 1, 2, 3, 4,
    ]);
    // One row removed and its neighbour edited in the same save: the edited row cannot be told apart.
    expect(inferOrigins(rows, [rows[0], { title: "c sửa" }, rows[3], rows[4]])).toEqual([0, null, 3, 4]);
    expect(inferOrigins([], [rows[0]])).toEqual([null]);
    expect(inferOrigins(rows, [])).toEqual([]);
  });
});

describe("nextOrigins and storedOrigins", () => {
  const plan = (tasks: number) =>
    ({
      groups: [],
      reporting: [],
      targets: [],
      tasks: Array.from({ length: tasks }, (_, i) => ({ title: `t${i}` })),
    }) as unknown as PlanV1;

  it("checks the origins sent: one per row, no extracted row twice; moves are relative to the version edited", () => {
    const previous = { ...identityOrigins(plan(3)), tasks: [0, null, 2] };
    expect(nextOrigins(plan(3), previous, plan(2), { tasks: [null, 2] })).toMatchObject({
      origins: { tasks: [null, 2] },
      moves: { tasks: [null, 2] },
      problems: {},
    });
    // An extracted row removed then restored (undo) gets its origin back, though it is new to the version edited.
    expect(nextOrigins(plan(3), previous, plan(4), { tasks: [0, 1, null, 2] }).moves.tasks).toEqual([0, null, null, 2]);
    expect(Object.keys(nextOrigins(plan(3), previous, plan(2), { tasks: [0] }).problems)).toEqual(["origins.tasks"]);
    expect(Object.keys(nextOrigins(plan(3), previous, plan(2), { tasks: [1, 1] }).problems)).toEqual(["origins.tasks"]);
  });

  it("without origins, lines the rows up with the version edited and keeps where those came from", () => {
    const before = plan(3);
    const after = { ...before, tasks: [before.tasks[0]!, before.tasks[2]!] } as PlanV1;
    const previous = { ...identityOrigins(before), tasks: [5, null, 7] };
    expect(nextOrigins(before, previous, after, undefined)).toMatchObject({
      origins: { tasks: [5, 7] },
      moves: { tasks: [0, 2] },
    });
    expect(isIdentity([0, 1, 2], 3)).toBe(true);
    expect(isIdentity([0, 1], 3)).toBe(false);
  });

  it("takes stored origins that do not fit the plan as extracted", () => {
    expect(storedOrigins(plan(2), { tasks: [1, null] }).tasks).toEqual([1, null]);
    expect(storedOrigins(plan(2), { tasks: [1] }).tasks).toEqual([0, 1]);
    expect(storedOrigins(plan(2), { tasks: [1, "x"] }).tasks).toEqual([0, 1]);
    expect(storedOrigins(plan(2), undefined).tasks).toEqual([0, 1]);
  });
});

describe("remapTaskParents", () => {
  it("moves task links with their tasks and drops a removed task's", () => {
    const link = (id: string) => ({ parentTaskId: id, weight: 1 });
    expect(remapTaskParents({ "0": link("a"), "1": link("b"), "3": link("d") }, [0, 2, null, 3])).toEqual({
      "0": link("a"),
      "3": link("d"),
    });
  });
});
