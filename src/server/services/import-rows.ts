/**
 * Rows of an import draft through the coordinator's edits. The importer's spans name a row by its index as extracted
 * ("tasks.3.title") and the review's task links by its current index, so rows removed, inserted or reordered must not
 * leave them on the wrong row. Each row of the draft has an origin: the extracted row it came from (null for a row
 * added in the review). The origins are kept with the draft; the spans stay as extracted and are shown renumbered to
 * the current rows (a removed row's are gone, a new row has none; a removal undone brings them back).
 *
 * The review screen sends the origins it tracked; a client that does not is served by `inferOrigins`, which lines
 * the old and new lists up by their unchanged rows. Pure.
 */
import type { PlanSpans, PlanV1 } from "../../core/plan-v1.js";
import type { ImportReviewDto, ImportRowOriginsDto } from "../api-types.js";

export const ROW_LISTS = ["tasks", "groups", "reporting", "targets"] as const;
export type RowList = (typeof ROW_LISTS)[number];

/** For each row of a list, the row it came from (null: a new row). */
export type Origins = (number | null)[];
export type PlanOrigins = Record<RowList, Origins>;

/** Largest middle part (old × new rows) lined up in order; beyond it only unchanged rows are matched. */
const MAX_LCS_CELLS = 4_000_000;

/**
 * Lines up two versions of a list: unchanged rows (same content) keep their span wherever they moved; between two
 * unchanged rows, as many edited rows before as after are taken as the same rows edited in place. Anything else is
 * new (null).
 */
export function inferOrigins(before: readonly unknown[], after: readonly unknown[]): Origins {
  const a = before.map((x) => JSON.stringify(x));
  const b = after.map((x) => JSON.stringify(x));
  const out: Origins = b.map(() => null);
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) {
    out[p] = p;
    p++;
  }
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) {
    out[b.length - 1 - s] = a.length - 1 - s;
    s++;
  }
  const aEnd = a.length - s;
  const bEnd = b.length - s;
  const n = aEnd - p;
  const m = bEnd - p;
  if (n === 0 || m === 0) return out;

  // Unchanged rows of the middle kept in order (longest common subsequence), then the ones that moved.
  const anchors: [number, number][] = [];
  if (n * m <= MAX_LCS_CELLS) {
    const w = m + 1;
    const dp = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        dp[i * w + j] =
          a[p + i] === b[p + j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
      }
    }
    for (let i = 0, j = 0; i < n && j < m; ) {
      if (a[p + i] === b[p + j]) {
        anchors.push([p + i, p + j]);
        i++;
        j++;
      } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
      else j++;
    }
  }
  const usedOld = new Set<number>();
  for (const [i, j] of anchors) {
    out[j] = i;
    usedOld.add(i);
  }
  // Moved rows: the same content elsewhere in the middle.
  const free = new Map<string, number[]>();
  for (let i = p; i < aEnd; i++) {
    if (usedOld.has(i)) continue;
    const list = free.get(a[i]!) ?? [];
    list.push(i);
    free.set(a[i]!, list);
  }
  const moved = new Set<number>();
  for (let j = p; j < bEnd; j++) {
    if (out[j] !== null) continue;
    const i = free.get(b[j]!)?.shift();
    if (i !== undefined) {
      out[j] = i;
      usedOld.add(i);
      moved.add(j);
    }
  }
  // Edited in place: between consecutive anchors, gaps of equal length pair up in order.
  const bounds: [number, number][] = [[p - 1, p - 1], ...anchors, [aEnd, bEnd]];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [ai, bj] = bounds[k]!;
    const [ai2, bj2] = bounds[k + 1]!;
    const olds: number[] = [];
    for (let i = ai + 1; i < ai2; i++) if (!usedOld.has(i)) olds.push(i);
    const news: number[] = [];
    for (let j = bj + 1; j < bj2; j++) if (out[j] === null && !moved.has(j)) news.push(j);
    if (olds.length === news.length) for (const [x, j] of news.entries()) out[j] = olds[x]!;
  }
  return out;
}

/** Each row its own origin: a draft as extracted (or saved before origins were kept). */
export function identityOrigins(plan: PlanV1 | null): PlanOrigins {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    tasks: ids(plan?.tasks.length ?? 0),
    groups: ids(plan?.groups.length ?? 0),
    reporting: ids(plan?.reporting.length ?? 0),
    targets: ids(plan?.targets.length ?? 0),
  };
}

/** The origins stored with a draft, checked against its plan: a list that does not fit is taken as extracted. */
export function storedOrigins(plan: PlanV1 | null, stored: unknown): PlanOrigins {
  const out = identityOrigins(plan);
  if (!plan || !stored || typeof stored !== "object") return out;
  for (const list of ROW_LISTS) {
    const o = (stored as Record<string, unknown>)[list];
    if (
      Array.isArray(o) &&
      o.length === plan[list].length &&
      o.every((x) => x === null || (Number.isInteger(x) && x >= 0))
    ) {
      out[list] = o as Origins;
    }
  }
  return out;
}

/**
 * The origins of the rows of `after`, a new version of `before` whose rows came from `previous`: as the client sent
 * them (checked: one per row, no extracted row twice), else lined up by content with `before`. Also, for each row of
 * `after`, its index in `before` (to move what the review keys by task index).
 */
export function nextOrigins(
  before: PlanV1,
  previous: PlanOrigins,
  after: PlanV1,
  given: ImportRowOriginsDto | undefined,
): { origins: PlanOrigins; moves: PlanOrigins; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const origins = {} as PlanOrigins;
  const moves = {} as PlanOrigins;
  for (const list of ROW_LISTS) {
    const now = after[list] as readonly unknown[];
    const g = given?.[list];
    if (!g) {
      const inferred = inferOrigins(before[list] as readonly unknown[], now);
      moves[list] = inferred;
      origins[list] = inferred.map((i) => (i === null ? null : (previous[list][i] ?? null)));
      continue;
    }
    const seen = new Set<number>();
    const repeated = g.some((o) => {
      if (o === null) return false;
      if (seen.has(o)) return true;
      seen.add(o);
      return false;
    });
    if (g.length !== now.length) {
      problems[`origins.${list}`] = `Cần đúng ${now.length} vị trí (một cho mỗi dòng của kế hoạch gửi lên).`;
    } else if (repeated) {
      problems[`origins.${list}`] = "Mỗi dòng trích xuất chỉ là nguồn của một dòng; dòng mới là null.";
    }
    const byOrigin = new Map<number, number>();
    previous[list].forEach((o, i) => {
      if (o !== null && !byOrigin.has(o)) byOrigin.set(o, i);
    });
    origins[list] = g;
    moves[list] = g.map((o) => (o === null ? null : (byOrigin.get(o) ?? null)));
  }
  return { origins, moves, problems };
}

export function isIdentity(origins: Origins, beforeLength: number): boolean {
  return origins.length === beforeLength && origins.every((o, i) => o === i);
}

const ROW_PATH = /^(tasks|groups|reporting|targets)\.(\d+)(\..*)?$/;

/**
 * The spans with each row's paths moved to the row's index: "tasks.2.title" → "tasks.1.title" when row 1 came from
 * row 2; the paths of rows no row came from are dropped; a new row has none. Paths outside the row lists are kept.
 */
export function remapSpans(spans: PlanSpans, origins: Partial<PlanOrigins>): PlanSpans {
  const moves = new Map<RowList, Map<number, number[]>>();
  for (const list of ROW_LISTS) {
    const o = origins[list];
    if (!o) continue;
    const byOld = new Map<number, number[]>();
    o.forEach((from, to) => {
      if (from === null) return;
      const list = byOld.get(from) ?? [];
      list.push(to);
      byOld.set(from, list);
    });
    moves.set(list, byOld);
  }
  const out: PlanSpans = {};
  // Paths outside the lists first, then the rows in their new order: the same keys in a stable order.
  const rows: [string, PlanSpans[string]][] = [];
  for (const [path, span] of Object.entries(spans)) {
    const m = ROW_PATH.exec(path);
    const byOld = m ? moves.get(m[1] as RowList) : undefined;
    if (!m || !byOld) {
      out[path] = span;
      continue;
    }
    for (const to of byOld.get(Number(m[2])) ?? []) rows.push([`${m[1]}.${to}${m[3] ?? ""}`, span]);
  }
  for (const [path, span] of rows) out[path] = span;
  return out;
}

/** The review's task links (keyed by task index) moved with their tasks; a removed task's link is dropped. */
export function remapTaskParents(
  parents: ImportReviewDto["taskParents"],
  origins: Origins,
): ImportReviewDto["taskParents"] {
  const out: ImportReviewDto["taskParents"] = {};
  origins.forEach((from, to) => {
    const link = from === null ? undefined : parents[String(from)];
    if (link) out[String(to)] = link;
  });
  return out;
}
