/** needles × text length up to which firstIndexes scans with indexOf */
const PLAIN_SCAN_BUDGET = 4_000_000;

/**
 * `src.indexOf(needle)` for many needles at once (Aho–Corasick over UTF-16 code units): one pass over `src` instead of
 * one scan per needle, which is quadratic on a long document with thousands of tasks.
 */
export function firstIndexes(src: string, needles: Iterable<string>): Map<string, number> {
  const result = new Map<string, number>();
  const patterns: string[] = [];
  for (const p of needles) {
    if (result.has(p)) continue;
    // indexOf("") is 0; a needle longer than the text never occurs.
    result.set(p, p.length === 0 ? 0 : -1);
    if (p.length > 0 && p.length <= src.length) patterns.push(p);
  }
  if (patterns.length === 0) return result;
  // a few needles, or a short text: plain scans (native, stopping at the first hit) are cheaper than building the
  // automaton; the budget bounds their worst case (needles absent from a long text) to a few million comparisons
  if (patterns.length <= 16 || patterns.length * src.length <= PLAIN_SCAN_BUDGET) {
    for (const p of patterns) result.set(p, src.indexOf(p));
    return result;
  }
  // trie
  const next: Map<number, number>[] = [new Map()];
  const depth: number[] = [0];
  const ends: number[][] = [[]];
  patterns.forEach((p, id) => {
    let node = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      let n = next[node]!.get(c);
      if (n === undefined) {
        n = next.length;
        next.push(new Map());
        depth.push(depth[node]! + 1);
        ends.push([]);
        next[node]!.set(c, n);
      }
      node = n;
    }
    ends[node]!.push(id);
  });
  // failure links (breadth first) and output links (nearest proper suffix node that ends a pattern)
  const fail = new Int32Array(next.length);
  const outLink = new Int32Array(next.length).fill(-1);
  const queue: number[] = [];
  for (const n of next[0]!.values()) queue.push(n);
  for (let qi = 0; qi < queue.length; qi++) {
    const node = queue[qi]!;
    for (const [c, child] of next[node]!) {
      let f = fail[node]!;
      while (f !== 0 && !next[f]!.has(c)) f = fail[f]!;
      const g = next[f]!.get(c);
      const fc = g !== undefined && g !== child ? g : 0;
      fail[child] = fc;
      outLink[child] = ends[fc]!.length > 0 ? fc : outLink[fc]!;
      queue.push(child);
    }
  }
  let remaining = patterns.length;
  const found = new Uint8Array(patterns.length);
  const report = (node: number, end: number) => {
    for (const id of ends[node]!) {
      if (found[id]) continue;
      found[id] = 1;
      remaining--;
      result.set(patterns[id]!, end - depth[node]! + 1);
    }
  };
  let node = 0;
  for (let i = 0; i < src.length && remaining > 0; i++) {
    const c = src.charCodeAt(i);
    let n = next[node]!.get(c);
    while (n === undefined && node !== 0) {
      node = fail[node]!;
      n = next[node]!.get(c);
    }
    node = n ?? 0;
    if (ends[node]!.length > 0) report(node, i);
    for (let o = outLink[node]!; o > 0; o = outLink[o]!) report(o, i);
  }
  return result;
}
