import { describe, expect, it } from "vitest";
import { initialOrigins, type Origins, shiftTaskParents, spanOf } from "./plan-edit.js";

const span = (start: number) => ({ start, end: start + 5 });

describe("spanOf", () => {
  const origins = (tasks: (number | null)[]): Origins => ({ tasks, groups: [], reporting: [], targets: [] });

  it("finds a row's span by where it came from, in the spans of the last save", () => {
    // Saved: old task 1 already removed (rows 0, 2, 3 as extracted); spans keyed by the saved rows.
    const saved = origins([0, 2, 3]);
    const spans = {
      "tasks.0.title": span(0),
      "tasks.1.title": span(20),
      "tasks.2.title": span(30),
      "plan.number": span(1),
    };
    // Since then: a task added first, and extracted task 2 removed.
    const current = origins([null, 0, 3]);
    expect(spanOf(spans, saved, current, "tasks.0.title")).toBeNull();
    expect(spanOf(spans, saved, current, "tasks.1.title")).toEqual(span(0));
    expect(spanOf(spans, saved, current, "tasks.2.title")).toEqual(span(30));
    // A field without its own span: its row's title.
    expect(spanOf(spans, saved, current, "tasks.2.product")).toEqual(span(30));
    expect(spanOf(spans, saved, current, "plan.number")).toEqual(span(1));
  });

  it("takes rows beyond the tracked ones as they are", () => {
    const o = initialOrigins(null);
    expect(spanOf({ "tasks.4.title": span(4) }, o, o, "tasks.4.title")).toEqual(span(4));
  });
});

describe("shiftTaskParents", () => {
  it("drops the removed task's link and moves the later ones down", () => {
    const l = (id: string) => ({ parentTaskId: id, weight: 1 });
    expect(shiftTaskParents({ "0": l("a"), "1": l("b"), "2": l("c") }, 1)).toEqual({ "0": l("a"), "1": l("c") });
  });
});
