/**
 * Pure helpers of the import review editor: Vietnamese labels of the plan's enumerations, empty rows, removing a row
 * without losing what points at it (task links are keyed by task index, source spans follow the rows' origins), and
 * finding a field's place in the source.
 */
import type {
  Comparator,
  Emulation,
  EmulationPhase,
  PlanGroup,
  PlanSpans,
  PlanTarget,
  PlanTask,
  PlanV1,
  ReportingFrequency,
  ReportingRule,
  Span,
  TimeframeKind,
} from "../../../core/plan-v1.js";
import type { ImportDto, ImportReviewDto } from "../../../server/api-types.js";

export const TIMEFRAME_KIND_LABELS: readonly (readonly [TimeframeKind, string])[] = [
  ["ongoing", "Thường xuyên"],
  ["recurring", "Hằng năm"],
  ["by", "Hoàn thành trước"],
  ["period", "Trong khoảng"],
  ["conditional", "Theo điều kiện"],
  ["unspecified", "Không ghi"],
];

export const FREQUENCY_LABELS: readonly (readonly [ReportingFrequency, string])[] = [
  ["monthly", "Hằng tháng"],
  ["quarterly", "Hằng quý"],
  ["semiannual", "6 tháng"],
  ["annual", "Hằng năm"],
  ["adhoc", "Đột xuất"],
];

export const COMPARATOR_LABELS: readonly (readonly [Comparator, string])[] = [
  [">=", "Ít nhất (≥)"],
  [">", "Lớn hơn (>)"],
  ["=", "Bằng (=)"],
  ["<=", "Không quá (≤)"],
  ["<", "Nhỏ hơn (<)"],
];

export function labelOf<T extends string>(labels: readonly (readonly [T, string])[], value: T): string {
  return labels.find(([v]) => v === value)?.[1] ?? value;
}

export function emptyTask(group: string | null): PlanTask {
  return {
    ref: null,
    group,
    title: "",
    lead: [],
    support: [],
    product: null,
    timeframe: { text: null, kind: "unspecified", start: null, end: null, deadlines: [] },
  };
}

export const emptyGroup = (): PlanGroup => ({ ref: "", title: "" });

export const emptyRule = (): ReportingRule => ({
  text: "",
  frequency: "quarterly",
  day: null,
  month: null,
  month_in_period: null,
  recipient: null,
});

export const emptyTarget = (): PlanTarget => ({
  text: "",
  metric: null,
  comparator: null,
  value: null,
  unit: null,
  owner: null,
});

export const emptyPhase = (): EmulationPhase => ({ name: "", start: null, end: null, milestone: null });

export const emptyEmulation = (): Emulation => ({
  name: null,
  standing_body: null,
  subjects: [],
  contents: [],
  phases: [],
  criteria: [],
  awards: [],
});

/** `items` with item `i` replaced by `update(item)`. */
export function updateAt<T>(items: readonly T[], i: number, update: (item: T) => T): T[] {
  return items.map((x, j) => (j === i ? update(x) : x));
}

export function removeAt<T>(items: readonly T[], i: number): T[] {
  return items.filter((_, j) => j !== i);
}

/** Task links are keyed by task index: removing task `i` drops its link and moves the later ones down by one. */
export function shiftTaskParents(
  parents: ImportReviewDto["taskParents"],
  removed: number,
): ImportReviewDto["taskParents"] {
  const out: ImportReviewDto["taskParents"] = {};
  for (const [key, link] of Object.entries(parents)) {
    const i = Number(key);
    if (i < removed) out[key] = link;
    else if (i > removed) out[String(i - 1)] = link;
  }
  return out;
}

/** Renaming a group's ref carries its tasks along (when no other group has the old ref). */
export function renameGroupRef(plan: PlanV1, index: number, ref: string): PlanV1 {
  const old = plan.groups[index]?.ref;
  const shared = plan.groups.some((g, j) => j !== index && g.ref === old);
  return {
    ...plan,
    groups: updateAt(plan.groups, index, (g) => ({ ...g, ref })),
    tasks:
      old === undefined || shared ? plan.tasks : plan.tasks.map((t) => (t.group === old ? { ...t, group: ref } : t)),
  };
}

/** Removing a group leaves its tasks without a group (rather than pointing at nothing). */
export function removeGroup(plan: PlanV1, index: number): PlanV1 {
  const old = plan.groups[index]?.ref;
  const shared = plan.groups.some((g, j) => j !== index && g.ref === old);
  return {
    ...plan,
    groups: removeAt(plan.groups, index),
    tasks: shared ? plan.tasks : plan.tasks.map((t) => (t.group === old ? { ...t, group: null } : t)),
  };
}

/**
 * For each row of the lists, the extracted row it came from: a row added in the review has no place in the source
 * (null). Kept through removals, insertions and undo here, sent with each save (the server keeps them with the draft
 * and shows the spans on the rows that came from the extracted ones).
 */
export type Origins = ImportDto["origins"];

/** A draft as extracted: each row its own origin. */
export function initialOrigins(plan: PlanV1 | null): Origins {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    tasks: ids(plan?.tasks.length ?? 0),
    groups: ids(plan?.groups.length ?? 0),
    reporting: ids(plan?.reporting.length ?? 0),
    targets: ids(plan?.targets.length ?? 0),
  };
}

/**
 * Where a field of the form came from in the source text: the span of the path itself, else of its closest
 * enclosing field (or that field's text/title). `spans` are keyed by the rows of the last saved plan, whose origins
 * are `saved`; a row being edited (`current`) is found there by its origin, so highlighting follows rows removed or
 * added since that save.
 */
export function spanOf(spans: PlanSpans, saved: Origins, current: Origins, path: string): Span | null {
  const m = /^(tasks|groups|reporting|targets)\.(\d+)(.*)$/.exec(path);
  let p = path;
  if (m) {
    const list = m[1] as keyof Origins;
    const i = Number(m[2]);
    const rows = current[list];
    // Beyond the tracked rows, the index is taken as is.
    const origin = i < rows.length ? rows[i] : undefined;
    if (origin === null) return null;
    const at = origin === undefined ? i : saved[list].indexOf(origin);
    if (at < 0) return null;
    p = `${m[1]}.${at}${m[3]}`;
  }
  for (; p; p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "") {
    const hit = spans[p] ?? spans[`${p}.text`] ?? spans[`${p}.title`];
    if (hit) return hit;
    if (/^(tasks|groups|reporting|targets|plan|emulation)$/.test(p)) break;
  }
  return null;
}
