/**
 * Cascade roll-up: a task's progress from the tasks that implement it (district plans' tasks under a province
 * task, sub-tasks under a task), as the weighted mean of the children's percent, level by level.
 *
 * - Weights are editable per child (tasks.parent_weight). A missing, non-finite or negative weight counts as 1
 *   (the default); a weight of 0 leaves the child out. If every child of a node weighs 0, they count equally — a
 *   parent is never left without progress because of its weights. Weights are normalised to shares summing to 1.
 * - A leaf's percent is its reported percent (clamped to 0..100). A leaf without one counts as 0 (nothing
 *   reported, nothing done) unless `missing: "skip"`, which leaves it out of its parent's mean; a node whose
 *   children are all skipped has percent null.
 * - A node with children takes its percent from them; its own reported percent is used only when no child has a
 *   value (all skipped).
 * - Cycle-safe: parent links that close a loop are cut (the loop's smallest id becomes a root) and reported;
 *   a link to an unknown parent makes the node a root and is reported too.
 */

export interface RollupNode {
  id: string;
  parentId: string | null;
  /** Weight in the parent's mean; see the module comment for missing/zero weights. */
  weight?: number | null;
  /** Reported percent (leaves), 0..100. */
  percent?: number | null;
}

export interface RollupOptions {
  /** Children without a percent: count as 0 (default) or leave them out. */
  missing?: "zero" | "skip";
}

export interface RollupResult {
  /** Computed percent of every node (0..100, unrounded), null when unknown. */
  percent: Record<string, number | null>;
  /** Normalised share of each node in its parent's mean (0 for excluded children, 1 for roots). */
  share: Record<string, number>;
  /** Children per node, in input order (after cutting cycles). */
  children: Record<string, string[]>;
  /** Parent links cut to break cycles: [child, parent]. */
  cycleLinks: [string, string][];
  /** Nodes whose parent is not in the input. */
  orphans: string[];
}

/** A weight as the roll-up reads it: missing/invalid → 1, negative → 1, otherwise the number. */
export function effectiveWeight(weight: number | null | undefined): number {
  return weight == null || !Number.isFinite(weight) || weight < 0 ? 1 : weight;
}

/** Weights → shares summing to 1 (all-zero → equal shares; empty → []). */
export function normalizeWeights(weights: readonly (number | null | undefined)[]): number[] {
  const w = weights.map(effectiveWeight);
  const sum = w.reduce((a, b) => a + b, 0);
  if (w.length === 0) return [];
  if (sum <= 0) return w.map(() => 1 / w.length);
  return w.map((x) => x / sum);
}

function clampPercent(p: number | null | undefined): number | null {
  if (p == null || !Number.isFinite(p)) return null;
  return Math.max(0, Math.min(100, p));
}

export function rollUp(nodes: readonly RollupNode[], options: RollupOptions = {}): RollupResult {
  const missing = options.missing ?? "zero";
  const byId = new Map<string, RollupNode>();
  for (const n of nodes) if (!byId.has(n.id)) byId.set(n.id, n);

  // Effective parent of each node, with unknown parents and cycles cut.
  const parent = new Map<string, string | null>();
  const orphans: string[] = [];
  for (const n of byId.values()) {
    const p = n.parentId;
    if (p !== null && p !== undefined && !byId.has(p)) orphans.push(n.id);
    parent.set(n.id, p != null && byId.has(p) && p !== n.id ? p : null);
  }
  const cycleLinks: [string, string][] = [];
  for (const n of byId.values()) if (n.parentId === n.id) cycleLinks.push([n.id, n.id]);
  const settled = new Set<string>();
  for (const start of byId.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: string | null = start;
    while (cur !== null && !settled.has(cur)) {
      if (onPath.has(cur)) {
        const loop = path.slice(path.indexOf(cur));
        const root = [...loop].sort()[0]!;
        cycleLinks.push([root, parent.get(root)!]);
        parent.set(root, null);
        break;
      }
      onPath.add(cur);
      path.push(cur);
      cur = parent.get(cur) ?? null;
    }
    for (const id of path) settled.add(id);
  }

  const children: Record<string, string[]> = {};
  for (const id of byId.keys()) children[id] = [];
  for (const [id, p] of parent) if (p !== null) children[p]!.push(id);

  const percent: Record<string, number | null> = {};
  const share: Record<string, number> = {};
  for (const [id, p] of parent) if (p === null) share[id] = 1;

  // Post-order without recursion: parents after their children.
  const order: string[] = [];
  const roots = [...parent].filter(([, p]) => p === null).map(([id]) => id);
  const stack: [string, boolean][] = roots.reverse().map((id) => [id, false]);
  while (stack.length) {
    const [id, expanded] = stack.pop()!;
    if (expanded) {
      order.push(id);
      continue;
    }
    stack.push([id, true]);
    const kids = children[id]!;
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, false]);
  }

  for (const id of order) {
    const kids = children[id]!;
    const own = clampPercent(byId.get(id)!.percent);
    if (kids.length === 0) {
      percent[id] = own ?? (missing === "zero" ? 0 : null);
      continue;
    }
    const contributing = kids.filter((k) => percent[k] !== null);
    const weights = contributing.map((k) => byId.get(k)!.weight);
    const shares = normalizeWeights(weights);
    for (const k of kids) share[k] = 0;
    // Σ wᵢ·pᵢ / Σ wᵢ (one division: fewer rounding errors than summing shares).
    // Scaled by the largest weight, so tiny (even subnormal) weights do not underflow to 0 in wᵢ·pᵢ.
    const raw = weights.map(effectiveWeight);
    const maxWeight = Math.max(0, ...raw);
    const w = maxWeight > 0 ? raw.map((x) => x / maxWeight) : raw;
    const allZero = w.every((x) => x === 0);
    let num = 0;
    let den = 0;
    contributing.forEach((k, i) => {
      share[k] = shares[i]!;
      const wi = allZero ? 1 : w[i]!;
      num += wi * percent[k]!;
      den += wi;
    });
    const value = den > 0 ? num / den : 0;
    percent[id] = contributing.length ? Math.min(100, Math.max(0, value)) : own;
  }

  return { percent, share, children, cycleLinks, orphans };
}

/** Percent rounded for display (one decimal by default). */
export function roundPercent(p: number | null, decimals = 1): number | null {
  if (p === null) return null;
  const f = 10 ** decimals;
  return Math.round(p * f) / f;
}
