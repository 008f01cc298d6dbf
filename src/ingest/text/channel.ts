/**
 * OCR channel model: for a damaged token, the syllables it may stand for, each with a cost (≈ -ln P(token | syllable)).
 *
 * Folded syllables (lower case, no tone or shape marks but keeping đ) sit in a trie; a weighted edit distance that
 * knows OCR look-alikes (6→ô, 0→o, 1→l, 4/3→ã, w→ư, "ir"→ư, ¢/€→ê, P/B→Đ, é standing for any marked vowel, d/b/g
 * for a mangled o) is computed down the trie with pruning. Costs are set by rule, tuned on the damaged seeds.
 * The restorer precomputes the candidate lists of common spellings at model build time (model-build.ts) and
 * searches live only for the rest (scoreKey, memoised).
 */
import { hasToneMark, normalizeSyllable, splitTone } from "./normalize.js";
import { foldText, syllableInventory } from "./syllables.js";

export interface Candidate {
  /** lower-case syllable with diacritics */
  syl: string;
  cost: number;
}

/** fold keeping đ: "Đổi" → "đoi" */
function foldD(s: string): string {
  return foldText(s, true);
}

interface TrieNode {
  ch: string;
  children: Map<string, TrieNode>;
  syls: string[] | null;
}

let trieRoot: TrieNode | null = null;
function trie(): TrieNode {
  if (trieRoot) return trieRoot;
  const root: TrieNode = { ch: "", children: new Map(), syls: null };
  // folds in order of first appearance in the inventory, each with its syllables in inventory order: the nodes and
  // their children come out in the same order as when every syllable is walked down on its own
  for (const [f, syls] of foldGroups()) {
    let node = root;
    for (const ch of f) {
      let nx = node.children.get(ch);
      if (!nx) {
        nx = { ch, children: new Map(), syls: null };
        node.children.set(ch, nx);
      }
      node = nx;
    }
    node.syls = syls;
  }
  trieRoot = root;
  return root;
}

/** fold (keeping đ) → the inventory's syllables with that fold, in inventory order */
let groups: Map<string, string[]> | null = null;
function foldGroups(): Map<string, string[]> {
  if (groups) return groups;
  const syls = channelSyllables();
  const folds = sylFolds!;
  const g = new Map<string, string[]>();
  for (let i = 0; i < syls.length; i++) {
    const f = folds[i]!;
    const l = g.get(f);
    if (l) l.push(syls[i]!);
    else g.set(f, [syls[i]!]);
  }
  groups = g;
  return g;
}

const VOW = new Set(["a", "e", "i", "o", "u", "y"]);

// token char → fold char → cost (look-alikes and common OCR swaps)
const SUB: Record<string, Record<string, number>> = {
  "6": { o: 0.15, e: 0.8, a: 0.9 },
  "0": { o: 0.25 },
  "1": { l: 0.25, i: 0.4, t: 0.9 },
  "4": { a: 0.35 },
  "3": { a: 0.45 },
  "5": { s: 0.8 },
  "9": { g: 0.8, q: 0.9 },
  "¢": { e: 0.15, c: 0.6 },
  "€": { e: 0.15 },
  "&": { e: 0.3, o: 0.3, a: 0.8 },
  $: { s: 0.5 },
  w: { u: 0.2 },
  q: { o: 0.5, g: 0.7 },
  f: { t: 0.8 },
  j: { i: 0.3, y: 0.6 },
  d: { o: 0.6, đ: 0.02, a: 1.0 },
  đ: { d: 0.5 },
  b: { o: 0.5, đ: 0.9, h: 0.9 },
  p: { đ: 0.6 },
  g: { o: 0.7, q: 0.6, y: 1.0 },
  e: { c: 0.6, o: 0.7, a: 0.8, i: 0.9 },
  c: { e: 0.8, o: 0.8, t: 0.9, g: 1.0 },
  l: { i: 0.5, t: 0.8, h: 1.0 },
  i: { l: 0.5, a: 0.7, u: 0.8, e: 0.8, t: 0.8, y: 0.7 },
  t: { l: 0.8, c: 0.9, r: 0.9, i: 0.9 },
  y: { u: 0.5, i: 0.6 },
  u: { y: 0.7, a: 0.8, o: 0.9, i: 0.9, n: 0.7 },
  a: { u: 0.8, i: 0.8, o: 0.9, e: 0.9 },
  o: { a: 0.9, e: 0.8, u: 0.9, d: 1.1 },
  n: { m: 0.8, u: 0.7, h: 0.9, r: 1.0 },
  m: { n: 0.8 },
  h: { b: 0.9, n: 0.9, k: 1.0 },
  r: { t: 0.9, n: 1.0 },
  k: { h: 1.0 },
  s: { x: 1.0 },
  x: { s: 1.0 },
  v: { y: 1.0 },
};
// two token chars → one fold char
const SUB2: Record<string, Record<string, number>> = {
  ir: { u: 0.15 },
  it: { u: 0.5 },
  tr: { u: 0.6 },
  ii: { u: 0.5 },
  rn: { m: 0.4 },
  cl: { d: 0.6 },
  li: { h: 0.7 },
  ti: { u: 0.8 },
  "¢6": { o: 0.3 },
};
const DEL: Record<string, number> = { "¢": 0.3, "&": 0.6, "€": 0.4, d: 0.8, "'": 0.2 };
const INS: Record<string, number> = { o: 0.7, a: 0.8, e: 0.9, i: 0.9, u: 0.9, h: 0.8, g: 0.8, n: 0.9, r: 0.9 };

const EO = 0.35;
const EA = 0.6;
const MAX_COST = 2.0;

/** Fold one token char to its letter (é → e, ư → u) for matching; digits and symbols stay. */
function baseChar(ch: string): string {
  if (ch === "đ") return "đ";
  const f = foldD(ch);
  return f.length === 1 ? f : ch;
}

function isMarked(ch: string): boolean {
  return ch !== baseChar(ch);
}

function subCost(tc: string, tb: string, marked: boolean, fc: string, onset: boolean): number {
  if (tb === fc) return 0;
  if (tb === "d" && fc === "đ") return 0.02;
  const t = SUB[tb]?.[fc];
  let c = t ?? (VOW.has(tb) && VOW.has(fc) ? 1.2 : 1.4);
  if (marked && VOW.has(tb) && VOW.has(fc)) {
    // a marked vowel is evidence of "some marked vowel here"
    c = Math.min(c, tb === "e" ? (fc === "o" ? EO : fc === "a" ? EA : 0.7) : 0.6);
  }
  if ((fc === "đ" && (tb === "p" || tb === "b")) || (fc === "đ" && tc === "d")) return onset ? c : 2;
  return c;
}

/** Alphabet of folded syllables. */
const ALPHA = "abcdefghiklmnopqrstuvxyđ";
const ALPHA_IDX = new Map<string, number>([...ALPHA].map((c, i) => [c, i]));
const A = ALPHA.length;

/** subCost of one token char against every letter, [(letter) * 2 + onset], per char (it depends on nothing else). */
const subRows = new Map<string, Float64Array>();
function subRow(tc: string, tb: string, marked: boolean): Float64Array {
  let r = subRows.get(tc);
  if (r === undefined) {
    r = new Float64Array(A * 2);
    for (let c = 0; c < A; c++) {
      const fc = ALPHA[c]!;
      r[c * 2] = subCost(tc, tb, marked, fc, false);
      r[c * 2 + 1] = subCost(tc, tb, marked, fc, true);
    }
    subRows.set(tc, r);
  }
  return r;
}

interface FlatTrie {
  /** per node: first child index into childNode/childChar, child count */
  first: Int32Array;
  count: Int32Array;
  childNode: Int32Array;
  childChar: Int32Array;
  syls: (string[] | null)[];
  /** per node: channel syllable ids of the syllables folding to it (empty when none) */
  sylIds: Int32Array[];
}
let flat: FlatTrie | null = null;
function flatTrie(): FlatTrie {
  if (flat) return flat;
  const nodes: TrieNode[] = [];
  const index = new Map<TrieNode, number>();
  const order = (n: TrieNode) => {
    index.set(n, nodes.length);
    nodes.push(n);
    for (const c of n.children.values()) order(c);
  };
  order(trie());
  const first = new Int32Array(nodes.length);
  const count = new Int32Array(nodes.length);
  const childNode: number[] = [];
  const childChar: number[] = [];
  const syls: (string[] | null)[] = [];
  nodes.forEach((n, i) => {
    first[i] = childNode.length;
    count[i] = n.children.size;
    for (const c of n.children.values()) {
      childNode.push(index.get(c)!);
      childChar.push(ALPHA_IDX.get(c.ch) ?? 0);
    }
    syls.push(n.syls);
  });
  channelSyllables();
  const sylIdArr = syls.map((l) => Int32Array.from(l ?? [], (x) => sylIds!.get(x)!));
  flat = {
    first,
    count,
    childNode: Int32Array.from(childNode),
    childChar: Int32Array.from(childChar),
    syls,
    sylIds: sylIdArr,
  };
  return flat;
}

/**
 * Candidate folded forms for a token via weighted edit distance down the trie (rows reused per depth, costs
 * precomputed per token position × letter). `chars` are the token's lower-case characters.
 */
function searchTrie(chars: string[], maxCost: number): Map<number, number> {
  const n = chars.length;
  const T = flatTrie();
  const bases = chars.map(baseChar);
  const marked = chars.map(isMarked);
  // sub[(j * A + c) * 2 + onset]
  const sub = new Float64Array(n * A * 2);
  const sub2 = new Float64Array(n * A).fill(Infinity); // two chars ending at j → letter
  const del = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    sub.set(subRow(chars[j]!, bases[j]!, marked[j]!), j * A * 2);
    if (j >= 1) {
      const r1 = SUB2[bases[j - 1]! + bases[j]!];
      const r2 = SUB2[chars[j - 1]! + chars[j]!];
      if (r1 !== undefined || r2 !== undefined) {
        for (let c = 0; c < A; c++) {
          const fc = ALPHA[c]!;
          const s2 = r1?.[fc] ?? r2?.[fc];
          if (s2 !== undefined) sub2[j * A + c] = s2;
        }
      }
    }
    del[j] = DEL[chars[j]!] ?? DEL[bases[j]!] ?? 1.0;
  }
  const ins = new Float64Array(A);
  for (let c = 0; c < A; c++) ins[c] = INS[ALPHA[c]!] ?? 1.0;
  const maxDepth = n + 3;
  const rows: Float64Array[] = [];
  for (let d = 0; d <= maxDepth; d++) rows.push(new Float64Array(n + 1));
  const row0 = rows[0]!;
  for (let j = 1; j <= n; j++) row0[j] = row0[j - 1]! + del[j - 1]!;
  const found = new Map<number, number>();
  const visit = (node: number, depth: number) => {
    if (depth >= maxDepth) return;
    const prev = rows[depth]!;
    const row = rows[depth + 1]!;
    const onset = depth === 0 ? 1 : 0;
    const end = T.first[node]! + T.count[node]!;
    for (let k = T.first[node]!; k < end; k++) {
      const c = T.childChar[k]!;
      const child = T.childNode[k]!;
      const ic = ins[c]!;
      row[0] = prev[0]! + ic;
      let min = row[0]!;
      for (let j = 1; j <= n; j++) {
        let best = prev[j - 1]! + sub[((j - 1) * A + c) * 2 + onset]!;
        const vi = prev[j]! + ic;
        if (vi < best) best = vi;
        const vd = row[j - 1]! + del[j - 1]!;
        if (vd < best) best = vd;
        if (j >= 2) {
          const v2 = prev[j - 2]! + sub2[(j - 1) * A + c]!;
          if (v2 < best) best = v2;
        }
        row[j] = best;
        if (best < min) min = best;
      }
      if (min > maxCost) continue;
      const last = row[n]!;
      if (T.syls[child] && last <= maxCost) {
        const old = found.get(child);
        if (old === undefined || last < old) found.set(child, last);
      }
      visit(child, depth + 1);
    }
  };
  visit(0, 0);
  return found;
}

/** per character: the tone marks of its NFD form as splitTone reads them (0 none, 1–5, -1 two different ones) */
const charTones = new Map<string, number>();
function charTone(ch: string): number {
  let t = charTones.get(ch);
  if (t === undefined) {
    const s = splitTone(ch);
    t = s ? s.tone : -1;
    charTones.set(ch, t);
  }
  return t;
}

/**
 * splitTone(word)?.tone ?? 0, per character: the tone marks of NFD(word) are those of its characters' NFD forms
 * (canonical reordering moves marks, it adds or drops none), and splitTone only asks whether they agree.
 */
function toneOf(word: string): number {
  let tone = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    // ASCII letters and digits carry no tone mark
    if (c < 0x80) continue;
    const t = charTone(c >= 0xd800 && c <= 0xdbff && i + 1 < word.length ? word.slice(i, ++i + 1) : word[i]!);
    if (t === 0) continue;
    if (t < 0 || (tone !== 0 && tone !== t)) return 0;
    tone = t;
  }
  return tone;
}

let foldSet: Set<string> | null = null;
function FOLD_SET(): Set<string> {
  if (!foldSet) foldSet = new Set(foldGroups().keys());
  return foldSet;
}

/** The inventory as an array (index = syllable id of the channel), with per-syllable tone and mark flags. */
let sylArr: string[] | null = null;
let sylTone: Uint8Array | null = null;
let sylMarked: Uint8Array | null = null;
let sylIds: Map<string, number> | null = null;
/** per syllable id: its fold keeping đ */
let sylFolds: string[] | null = null;
export function channelSyllables(): string[] {
  if (!sylArr) {
    const arr = [...syllableInventory()];
    const tones = new Uint8Array(arr.length);
    const marks = new Uint8Array(arr.length);
    const folds: string[] = new Array(arr.length);
    const ids = new Map<string, number>();
    for (let i = 0; i < arr.length; i++) {
      const syl = arr[i]!;
      const f = foldD(syl);
      const tone = toneOf(syl);
      folds[i] = f;
      tones[i] = tone;
      // a mark: a tone, or a shape that the fold drops (đ is kept by the fold)
      marks[i] = tone !== 0 || syl !== f ? 1 : 0;
      ids.set(syl, i);
    }
    sylTone = tones;
    sylMarked = marks;
    sylFolds = folds;
    sylIds = ids;
    sylArr = arr;
  }
  return sylArr;
}

/** Prepare the channel's tables (trie, syllable flags) ahead of the first damaged word. */
export function warmChannel(): void {
  channelSyllables();
  flatTrie();
  FOLD_SET();
}

/** Scored candidates of a key: parallel arrays of channel syllable ids and costs, unsorted. */
export interface Scored {
  ids: Int32Array;
  costs: Float64Array;
}

let bufIds = new Int32Array(4096);
let bufCosts = new Float64Array(4096);
const scoredCache = new Map<string, Scored>();

/**
 * All candidates of a channel key within the beam (cost ≤ best + 1.6), unsorted. The key's own spelling, if it is
 * a syllable, costs 0.
 */
export function scoreKey(lower: string): Scored {
  let r = scoredCache.get(lower);
  if (r) return r;
  r = computeScored(lower);
  if (scoredCache.size > 50_000) scoredCache.clear();
  scoredCache.set(lower, r);
  return r;
}

const EVIDENCE = /[0-9¢€&w]/;
const EMPTY: Scored = { ids: new Int32Array(0), costs: new Float64Array(0) };

function computeScored(lower: string): Scored {
  if (lower.length > 9) return EMPTY;
  channelSyllables();
  const ids = sylIds!;
  const toneArr = sylTone!;
  const markArr = sylMarked!;
  const toneMarked = hasToneMark(lower);
  const self = toneMarked ? normalizeSyllable(lower) : lower;
  const selfId = ids.get(self) ?? -1;
  const tokTone = toneMarked ? toneOf(lower) : 0;
  let hasEvidence = toneMarked;
  for (const ch of lower) if (isMarked(ch) || EVIDENCE.test(ch)) hasEvidence = true;
  // A token that already spells a syllable needs only near alternatives ("mai" → "mới", "tit" → "tất").
  const validFold = FOLD_SET().has(foldD(self));
  const found = searchTrie([...lower], validFold ? 1.1 : MAX_COST);
  const T = flatTrie();
  let n = 0;
  let best = Infinity;
  for (const [node, ed] of found) {
    for (const id of T.sylIds[node]!) {
      let cost = ed;
      if (id === selfId) cost = 0;
      else if (hasEvidence) {
        const t = toneArr[id]!;
        if (!markArr[id]) cost += 0.7;
        else if (tokTone !== 0) cost += t === tokTone ? 0.15 : t === 0 ? 0.5 : 0.35;
        else cost += 0.15;
      }
      if (n === bufIds.length) {
        const ni = new Int32Array(n * 2);
        ni.set(bufIds);
        bufIds = ni;
        const nc = new Float64Array(n * 2);
        nc.set(bufCosts);
        bufCosts = nc;
      }
      bufIds[n] = id;
      bufCosts[n] = cost;
      n++;
      if (cost < best) best = cost;
    }
  }
  const lim = best + 1.6;
  let k = 0;
  for (let i = 0; i < n; i++) if (bufCosts[i]! <= lim) k++;
  const out: Scored = { ids: new Int32Array(k), costs: new Float64Array(k) };
  k = 0;
  for (let i = 0; i < n; i++) {
    if (bufCosts[i]! > lim) continue;
    out.ids[k] = bufIds[i]!;
    out.costs[k++] = bufCosts[i]!;
  }
  return out;
}

/**
 * The channel's lookup key for a word token: lower case, NFC, with a capital I inside a non-capital word read as
 * the digit 1 (OCR's l: "Ia" → "1a" → "là").
 */
export function candidateKey(token: string): string {
  const allCaps = token === token.toUpperCase();
  let lower = "";
  for (const ch of token) lower += !allCaps && ch === "I" ? "1" : ch.toLowerCase();
  return lower.normalize("NFC");
}

/**
 * Candidates for one word token (any case), best first. The token itself, if it is a syllable, is included with
 * cost 0. Empty when nothing is close enough.
 */
export function candidates(token: string): Candidate[] {
  return keyCandidates(candidateKey(token));
}

/** Candidates for a key made by candidateKey, best first. */
export function keyCandidates(key: string): Candidate[] {
  const sc = scoreKey(key);
  const syls = channelSyllables();
  const out: Candidate[] = [];
  for (let i = 0; i < sc.ids.length; i++) out.push({ syl: syls[sc.ids[i]!]!, cost: sc.costs[i]! });
  out.sort((a, b) => a.cost - b.cost || (a.syl < b.syl ? -1 : a.syl > b.syl ? 1 : 0));
  return out;
}
