/**
 * Vietnamese diacritics restorer for OCR-damaged text.
 *
 * restoreVietnamese(text): scan the text into words and punctuation; lines that look clean keep their words (tone
 * placement normalised); in damaged lines every word gets candidate syllables from the OCR channel model
 * (channel.ts, precomputed for common spellings in the model file) and a Viterbi search over channel cost +
 * syllable trigram LM (lm.ts) picks the sequence. Case pattern, punctuation, numbers, whitespace, line breaks and
 * tabs are kept exactly.
 *
 * Speed: everything that depends only on a word's spelling (clean/damaged state, tone-normalised form, candidate
 * list) is computed once per distinct word and memoised; the LM is a set of typed-array hash tables
 * (data/vi-model.bin), loaded without parsing; the Viterbi runs on preallocated typed arrays.
 */
import fs from "node:fs";
import { CandTable, type SlotList } from "./cand-table.js";
import { candidateKey, channelSyllables, scoreKey, warmChannel } from "./channel.js";
import { BOS, type CompiledLm, type LmData, NgramModel, NUM, OTHER, PUNCT } from "./lm.js";
import { decodeStrings, encodeStrings, readSections, type Sections } from "./model-file.js";
import { applyCase, type CasePattern, casePattern, charClass, hasToneMark, normalizeSyllable } from "./normalize.js";
import { foldText, isSyllable, setSyllableInventory, syllableFoldIndex } from "./syllables.js";

export const MODEL_URL = new URL("./data/vi-model.bin", import.meta.url);

// Weights.
const CHANNEL_WEIGHT = 6;
const PRUNE_MARGIN = 9;
const MAX_CANDS = 10;
/** Viterbi beam (nats): states further behind the slot's best are dropped */
const BEAM = 10;
/** LM-context memo: (candidate list, t, u) → the candidates' LM costs, in an open-addressing table */
const MEMO_BITS = 17;

/** slots of the per-model front cache of word lookups (wordAt) */
const FRONT_SIZE = 1 << 14;

/** Candidates of one slot, ready for the Viterbi. */
interface Cands {
  text: string[];
  lm: Int32Array;
  cost: Float64Array;
  /** id for the LM-context memo (memoRow) */
  id: number;
}

interface WordInfo {
  clean: boolean;
  syllable: boolean;
  marked: boolean;
  allDigits: boolean;
  /** LM id of the word as printed */
  fixedLm: number;
  /** tone-placement-normalised spelling when it differs, for clean lines */
  norm: string | null;
  /** document-code abbreviation whose Đ the OCR lost */
  abbr: string | null;
  acronym: boolean;
  /** a Roman numeral with OCR'd 1/l: the fixed spelling */
  roman: string | null;
  /** at least two capitals (document-code piece when glued to / or -) */
  caps2: boolean;
  /** kept as printed in damaged lines: "3D", "4G" (digits then capitals) */
  keep: boolean;
  /** ALL-CAPS Latin word that is no stripped syllable ("STEM", "IOT"): kept unless a look-alike repair is cheap */
  capsLatin: boolean;
  /** a syllable far less likely than another spelling with the same letters ("dia" for "địa", "nghé" for "nghệ") */
  suspect: boolean;
  /** "25thdang": where the letters start (split in damaged lines), 0 when not splittable; -1 not computed */
  split: number;
  cands: Cands | null | undefined;
  pat: CasePattern | undefined;
}

class Bundle {
  readonly words = new Map<string, WordInfo>();
  readonly keyCands = new Map<string, Cands | null>();
  /** wordAt's direct-mapped cache: the word and its info per slot */
  readonly frontKeys: (string | undefined)[] = new Array(FRONT_SIZE);
  readonly frontInfo: (WordInfo | undefined)[] = new Array(FRONT_SIZE);
  readonly bos: number;
  readonly num: number;
  readonly other: number;
  readonly punct: number;
  private sylLmIds: Int32Array | null = null;

  constructor(
    readonly m: NgramModel,
    readonly syls: string[] | null,
    readonly sylLm: Int32Array | null,
    readonly table: CandTable | null,
  ) {
    this.bos = m.id(BOS);
    this.num = m.id(NUM);
    this.other = m.id(OTHER);
    this.punct = m.id(PUNCT);
  }

  /** candidates for a channel key: precomputed list, else computed live (both memoised) */
  cands(key: string): Cands | null {
    let r = this.keyCands.get(key);
    if (r !== undefined) return r;
    let l = this.table?.get(key);
    if (!l) {
      const t0 = performance.now();
      l = liveSlotList(this.m, key, this.lmIds());
      restoreStats.liveKeys++;
      restoreStats.liveMs += performance.now() - t0;
    }
    const n = l.syl.length;
    if (n === 0) r = null;
    else {
      const syls = channelSyllables();
      const lmIds = this.lmIds();
      const text: string[] = new Array(n);
      const lm = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        text[i] = syls[l.syl[i]!]!;
        lm[i] = lmIds[l.syl[i]!]!;
      }
      r = { text, lm, cost: Float64Array.from(l.cost), id: ++candsIds };
    }
    if (this.keyCands.size > 200_000) this.keyCands.clear();
    this.keyCands.set(key, r);
    return r;
  }

  lmIds(): Int32Array {
    if (!this.sylLmIds) this.sylLmIds = this.sylLm ?? syllableLmIds(this.m);
    return this.sylLmIds;
  }
}

/**
 * The pruned, weighted candidate list of a channel key under a model (what the table stores): the MAX_CANDS best
 * by weighted channel cost + LM unigram cost, within PRUNE_MARGIN of the best. `sylLm`: LM id per channel
 * syllable id.
 */
export function liveSlotList(m: NgramModel, key: string, sylLm: Int32Array): SlotList {
  const sc = scoreKey(key);
  const syls = channelSyllables();
  const selId: number[] = [];
  const selKey: number[] = [];
  const selCost: number[] = [];
  const unk = m.unk;
  for (let i = 0; i < sc.ids.length; i++) {
    const id = sc.ids[i]!;
    const c = sc.costs[i]! * CHANNEL_WEIGHT;
    const k = c + m.unigramCost(sylLm[id]!);
    // Syllables the LM has never seen share one LM token: the Viterbi can only pick the channel-best of them, so
    // only that one is kept (the others would take places from syllables the LM can judge).
    if (sylLm[id] === unk) {
      const at = selId.findIndex((x) => sylLm[x] === unk);
      if (at >= 0) {
        const ok = selKey[at]!;
        if (k > ok || (k === ok && syls[id]! >= syls[selId[at]!]!)) continue;
        selId.splice(at, 1);
        selKey.splice(at, 1);
        selCost.splice(at, 1);
      }
    }
    if (selId.length === MAX_CANDS) {
      const lk = selKey[MAX_CANDS - 1]!;
      if (k > lk || (k === lk && syls[id]! >= syls[selId[MAX_CANDS - 1]!]!)) continue;
      selId.pop();
      selKey.pop();
      selCost.pop();
    }
    let j = selId.length;
    while (j > 0 && (selKey[j - 1]! > k || (selKey[j - 1] === k && syls[selId[j - 1]!]! > syls[id]!))) j--;
    selId.splice(j, 0, id);
    selKey.splice(j, 0, k);
    selCost.splice(j, 0, c);
  }
  const out: SlotList = { syl: [], cost: [] };
  if (selId.length === 0) return out;
  const cut = selKey[0]! + PRUNE_MARGIN;
  for (let j = 0; j < selId.length; j++) {
    if (selKey[j]! > cut) break;
    const id = selId[j]!;
    out.syl.push(id);
    out.cost.push(selCost[j]!);
  }
  return out;
}

/** LM id of every channel syllable under a model. */
export function syllableLmIds(m: NgramModel): Int32Array {
  return Int32Array.from(channelSyllables(), (s) => m.id(s));
}

/** The model file's sections: LM tables, vocabulary, syllable table and precomputed candidate lists. */
export function modelSections(lm: CompiledLm, table: Sections): Sections {
  const syls = channelSyllables();
  const sylLm = syllableLmIds(new NgramModel(lm));
  return {
    vocab: encodeStrings(lm.vocab),
    uni: lm.uni,
    biBack: lm.biBack,
    biKeys: lm.biKeys,
    biVals: lm.biVals,
    ctxKeys: lm.ctxKeys,
    ctxIdx: lm.ctxIdx,
    ctxBack: lm.ctxBack,
    triKeys: lm.triKeys,
    triVals: lm.triVals,
    syls: encodeStrings(syls),
    sylLm,
    ...table,
  };
}

export function bundleFromSections(s: Sections): Bundle {
  const lm: CompiledLm = {
    vocab: decodeStrings(s.vocab as Uint8Array),
    uni: s.uni as Float32Array,
    biBack: s.biBack as Float32Array,
    biKeys: s.biKeys as Uint32Array,
    biVals: s.biVals as Float32Array,
    ctxKeys: s.ctxKeys as Uint32Array,
    ctxIdx: s.ctxIdx as Int32Array,
    ctxBack: s.ctxBack as Float32Array,
    triKeys: s.triKeys as Uint32Array,
    triVals: s.triVals as Float32Array,
  };
  const table = CandTable.has(s) ? new CandTable(s) : null;
  const syls = decodeStrings(s.syls as Uint8Array);
  setSyllableInventory(syls);
  warmChannel();
  return new Bundle(new NgramModel(lm), syls, s.sylLm as Int32Array, table);
}

/** Channel keys whose candidates were not precomputed and had to be searched (count, time). */
export const restoreStats = { liveKeys: 0, liveMs: 0 };
let bundle: Bundle | null = null;

function current(): Bundle {
  if (!bundle) {
    try {
      bundle = bundleFromSections(readSections(fs.readFileSync(MODEL_URL)));
    } catch {
      const empty: LmData = { format: "tiendo.vi-lm.v1", vocab: [BOS], bigrams: [], trigrams: [] };
      bundle = new Bundle(new NgramModel(empty), null, null, null);
    }
  }
  return bundle;
}

/** The shipped model (data/vi-model.bin), loaded once. */
export function defaultModel(): NgramModel {
  return current().m;
}

/** Replace the model (tests, evaluation with held-out data); candidates are then computed live. null: default. */
export function setModel(m: NgramModel | null): void {
  bundle = m ? new Bundle(m, null, null, null) : null;
}

/** Precomputed candidate lists in the loaded model (0 when computed live). */
export function precomputedKeys(): number {
  return current().table?.size ?? 0;
}

// Document-code abbreviations whose Đ the OCR lost.
// A Map, not an object literal: `ABBR[w]` on an object also finds inherited keys such as "constructor".
const ABBR = new Map<string, string>([
  ["QD", "QĐ"],
  ["QB", "QĐ"],
  ["ND", "NĐ"],
  ["DU", "ĐU"],
  ["HDND", "HĐND"],
  ["TD", "TĐ"],
]);

const VOWEL_RE = /[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
const DIGIT_RE = /[0-9]/;
const ALL_DIGITS = /^[0-9]+$/;
const LETTERS_ONLY = /^\p{L}+$/u;
const SHAPE_RE = /[ăâêôơưđ]/;
const ROMAN = /^[IVX1l]+$/;
const ROMAN_LETTER = /[IVX]/;
const MERGED = /^([0-9]{2,})(\p{L}{3,})$/u;
const DIGITS_CAPS = /^[0-9]+[A-Z]+$/;
const CAPS_LATIN = /^[A-Z]+$/;
/** weighted channel cost from which an ALL-CAPS Latin word is rather a foreign word or acronym than damage */
const CAPS_KEEP_COST = 0.8 * CHANNEL_WEIGHT;

const KNOWN_ACRONYMS = new Set(
  "UBND HĐND HDND MTTQ UBMTTQ KHCN ĐMST CĐS CNTT TW NQ CP TTg BNV BCĐ BCH VT UB ISO TCVN OCOP VNeID GDĐT LĐTBXH CCHC DVC PCI PAPI SIPAS THCS THPT BHXH BHYT KHĐT TNMT VHTT VHTTDL TT-TT NĐ QĐ".split(
    " ",
  ),
);

function isAcronym(w: string): boolean {
  if (KNOWN_ACRONYMS.has(w)) return true;
  return (
    LETTERS_ONLY.test(w) &&
    w.length >= 2 &&
    w === w.toUpperCase() &&
    w !== w.toLowerCase() &&
    !VOWEL_RE.test(w) &&
    !DIGIT_RE.test(w)
  );
}

function lmIdOf(b: Bundle, w: string, n: string): number {
  if (ALL_DIGITS.test(w)) return b.num;
  return isSyllable(n) ? b.m.id(n) : b.m.id(OTHER);
}

function makeInfo(b: Bundle, w: string): WordInfo {
  const lower = w.toLowerCase();
  const toned = hasToneMark(lower);
  const n = toned ? normalizeSyllable(lower) : lower;
  const allDigits = ALL_DIGITS.test(w);
  const info: WordInfo = {
    clean: false,
    syllable: false,
    marked: false,
    allDigits,
    fixedLm: lmIdOf(b, w, n),
    norm: toned && n !== lower ? applyCase(n, casePattern(w)) : null,
    abbr: ABBR.get(w) ?? null,
    acronym: false,
    roman: null,
    caps2: false,
    keep: DIGITS_CAPS.test(w),
    capsLatin: false,
    suspect: false,
    split: -1,
    cands: undefined,
    pat: undefined,
  };
  let caps = 0;
  for (const ch of w) if (ch !== ch.toLowerCase()) caps++;
  info.caps2 = caps >= 2;
  if (ROMAN.test(w) && ROMAN_LETTER.test(w)) info.roman = w.replace(/[1l]/g, "I");
  info.acronym = isAcronym(w);
  info.capsLatin = w.length >= 3 && CAPS_LATIN.test(w) && !syllableFoldIndex().has(lower);
  if (allDigits) {
    info.clean = true;
    return info;
  }
  if (!LETTERS_ONLY.test(w)) return info;
  info.marked = toned || SHAPE_RE.test(lower);
  info.syllable = isSyllable(n);
  if (info.syllable) {
    info.clean = true;
    info.suspect = suspectSpelling(b, n);
  } else if (info.acronym) info.clean = true;
  // marked but not a syllable: damage; unmarked: a stripped syllable ("phuong", "cac") is damage, anything else is
  // a foreign word or a code
  else info.clean = !info.marked && !syllableFoldIndex().has(lower);
  return info;
}

/** nats by which a spelling's unigram cost may exceed the best spelling with the same letters */
const SUSPECT_MARGIN = 3;
/** a line with at least this many suspect spellings, making up this share of its syllables, is damaged */
const SUSPECT_MIN = 1;
const SUSPECT_SHARE = 0.15;

function suspectSpelling(b: Bundle, n: string): boolean {
  const forms = syllableFoldIndex().get(foldText(n));
  if (!forms || forms.length < 2) return false;
  const m = b.m;
  let best = Infinity;
  for (const f of forms) {
    const c = m.unigramCost(m.id(f));
    if (c < best) best = c;
  }
  return m.unigramCost(m.id(n)) - best > SUSPECT_MARGIN;
}

function minOf(a: Float64Array): number {
  let m = Infinity;
  for (let i = 0; i < a.length; i++) if (a[i]! < m) m = a[i]!;
  return m;
}

function wordInfo(b: Bundle, w: string): WordInfo {
  let r = b.words.get(w);
  if (r === undefined) {
    if (b.words.size > 200_000) b.words.clear();
    r = makeInfo(b, w);
    b.words.set(w, r);
  }
  return r;
}

/** Front cache of wordInfo for words read in place (no substring): direct-mapped by the scan's FNV-1a hash. */
const FRONT_MASK = FRONT_SIZE - 1;

function wordAt(b: Bundle, text: string, s: number, e: number, hash: number): WordInfo {
  const at = hash & FRONT_MASK;
  const key = b.frontKeys[at];
  if (key !== undefined && key.length === e - s) {
    let i = 0;
    while (i < key.length && key.charCodeAt(i) === text.charCodeAt(s + i)) i++;
    if (i === key.length) return b.frontInfo[at]!;
  }
  const w = text.slice(s, e);
  const info = wordInfo(b, w);
  b.frontKeys[at] = w;
  b.frontInfo[at] = info;
  return info;
}

function infoCands(b: Bundle, info: WordInfo, w: string): Cands | null {
  if (info.cands === undefined) info.cands = b.cands(candidateKey(w));
  return info.cands;
}

function infoSplit(b: Bundle, info: WordInfo, w: string): number {
  if (info.split < 0) {
    info.split = 0;
    if (!info.allDigits && DIGIT_RE.test(w)) {
      const mm = MERGED.exec(w);
      if (mm && b.cands(candidateKey(mm[2]!))) info.split = mm[1]!.length;
    }
  }
  return info.split;
}

function outPattern(info: WordInfo, w: string): CasePattern {
  if (info.pat === undefined) {
    // a capital I before lower-case letters is an OCR'd l ("Ia" → "là"); digits and symbols carry no case
    const pat = casePattern(w.replace(/^I(?=\p{Ll})/u, "l").replace(/[0-9¢€&]/g, ""));
    info.pat = pat === "mixed" ? "lower" : pat;
  }
  return info.pat;
}

// ---- reusable scratch arrays ----
let cap = 0;
let itemKind = new Uint8Array(0); // 0 word, 1 sentence punct, 2 other punct
let itemS = new Int32Array(0);
let itemE = new Int32Array(0);
let itemLine = new Int32Array(0);
let itemLineStart = new Uint8Array(0);
let itemHash = new Int32Array(0);
const itemInfo: (WordInfo | undefined)[] = [];
let lineBad = new Uint8Array(256);
function ensure(n: number): void {
  if (n <= cap) return;
  cap = Math.max(n, cap * 2, 256);
  const grow8 = (a: Uint8Array) => {
    const r = new Uint8Array(cap);
    r.set(a);
    return r;
  };
  const grow32 = (a: Int32Array) => {
    const r = new Int32Array(cap);
    r.set(a);
    return r;
  };
  itemKind = grow8(itemKind);
  itemS = grow32(itemS);
  itemE = grow32(itemE);
  itemLine = grow32(itemLine);
  itemLineStart = grow8(itemLineStart);
  itemHash = grow32(itemHash);
  itemInfo.length = cap;
}

let sCap = 0;
let slotFixed = new Int32Array(0); // LM id, or -1 when the slot has candidates
let slotItem = new Int32Array(0);
let slotPart = new Uint8Array(0); // 1: the letter part of a split "25thdang"
let slotCands: (Cands | null)[] = [];
let back = new Int32Array(256 * MAX_CANDS);
let stateCand = new Int32Array(256 * MAX_CANDS);
function ensureBack(n: number): void {
  if (n <= back.length) return;
  const nb = new Int32Array(Math.max(n, back.length * 2));
  nb.set(back);
  back = nb;
  const nc = new Int32Array(nb.length);
  nc.set(stateCand);
  stateCand = nc;
}
function ensureSlots(n: number): void {
  if (n <= sCap) return;
  sCap = Math.max(n, sCap * 2, 256);
  slotFixed = new Int32Array(sCap);
  slotItem = new Int32Array(sCap);
  slotPart = new Uint8Array(sCap);
  slotCands = new Array(sCap);
}
const scoreA = new Float64Array(MAX_CANDS);
const scoreB = new Float64Array(MAX_CANDS);
const idA = new Int32Array(MAX_CANDS);
const idB = new Int32Array(MAX_CANDS);
const ppA = new Int32Array(MAX_CANDS);
const ppB = new Int32Array(MAX_CANDS);
const tmpScore = new Float64Array(MAX_CANDS);
const tmpBack = new Int32Array(MAX_CANDS);
let candsIds = 0;
const MEMO_SIZE = 1 << MEMO_BITS;
const MEMO_MASK = MEMO_SIZE - 1;
/** records kept before the memo starts over */
const MEMO_CAP = MEMO_SIZE >> 1;
// The memo is an index (one Int32 per slot: record number + 1 in the low 17 bits, a 15-bit tag of the key above it;
// 0 = empty), small enough to stay in the core's cache, over records appended in order of first use, 64 bytes each
// (one cache line): [list id, t, u, 10 float32 costs, pad]. Records used together (the same words in the same
// contexts) sit together. Allocated on the first damaged text (0.5 MB index + 4 MB records).
const REC = 16;
const REC_BITS = 17;
const REC_MASK = (1 << REC_BITS) - 1;
let memoIdx = new Int32Array(0);
let memoI = new Int32Array(0);
let memoF = new Float32Array(0);
let memoModel: NgramModel | null = null;
let memoUsed = 0;

function memoHash(id: number, t: number, u: number): number {
  return Math.imul(id, 0x9e3779b1) ^ Math.imul(t, 0x85ebca6b) ^ Math.imul(u, 0xc2b2ae35);
}

function memoReset(m: NgramModel): void {
  if (memoIdx.length === 0) {
    memoIdx = new Int32Array(MEMO_SIZE);
    memoI = new Int32Array(MEMO_CAP * REC);
    memoF = new Float32Array(memoI.buffer);
  } else memoIdx.fill(0);
  memoUsed = 0;
  memoModel = m;
}

/** Offset into memoF of the LM costs of c's candidates after (t, u); computed on a miss. */
function memoRow(m: NgramModel, c: Cands, t: number, u: number): number {
  if (memoModel !== m || memoUsed >= MEMO_CAP) memoReset(m);
  const id = c.id;
  const hf = memoHash(id, t, u);
  const tag = (hf & 0x7fff) << REC_BITS;
  const idx = memoIdx;
  const mi = memoI;
  let h = hf >>> (32 - MEMO_BITS);
  for (;;) {
    const e = idx[h]!;
    if (e === 0) break;
    if ((e & ~REC_MASK) === tag) {
      const r = ((e & REC_MASK) - 1) * REC;
      if (mi[r] === id && mi[r + 1] === t && mi[r + 2] === u) return r + 3;
    }
    h = (h + 1) & MEMO_MASK;
  }
  const r = memoUsed * REC;
  memoUsed++;
  idx[h] = tag | memoUsed;
  mi[r] = id;
  mi[r + 1] = t;
  mi[r + 2] = u;
  const lm = c.lm;
  const ctx = m.context(t, u);
  const mf = memoF;
  for (let q = 0; q < lm.length; q++) mf[r + 3 + q] = m.costIn(ctx, u, lm[q]!);
  return r + 3;
}

/** Split text into word and punctuation items (whitespace skipped); returns the item count. */
function scan(text: string): number {
  const n = text.length;
  ensure(Math.min(n + 1, 4096));
  if (lineBad.length <= n) lineBad = new Uint8Array(Math.max(n + 1, lineBad.length * 2));
  let k = 0;
  let line = 0;
  let lineStart = 1;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const cls = classOf(text, code, i);
    if (cls === 2) {
      if (code === 10) {
        line++;
        lineStart = 1;
      }
      i++;
      continue;
    }
    if (cls === 0) {
      const w = code >= 0xd800 && code <= 0xdbff && i + 1 < n ? 2 : 1;
      if (k >= cap) ensure(k + 1);
      itemKind[k] = code === 46 || code === 59 || code === 33 || code === 63 ? 1 : 2;
      itemS[k] = i;
      itemE[k] = i + w;
      itemLine[k] = line;
      itemLineStart[k] = 0;
      lineStart = 0;
      k++;
      i += w;
      continue;
    }
    let j = i + 1;
    let hash = Math.imul(0x811c9dc5 ^ code, 0x01000193);
    while (j < n) {
      const c2 = text.charCodeAt(j);
      if (classOf(text, c2, j) !== 1) break;
      hash = Math.imul(hash ^ c2, 0x01000193);
      j++;
    }
    if (k >= cap) ensure(k + 1);
    itemKind[k] = 0;
    itemHash[k] = hash;
    itemS[k] = i;
    itemE[k] = j;
    itemLine[k] = line;
    itemLineStart[k] = lineStart;
    lineStart = 0;
    k++;
    i = j;
  }
  return k;
}

/** charClass per UTF-16 code unit, + 1 (0: not looked up yet) */
const unitClass = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) unitClass[c] = charClass(c, String.fromCharCode(c)) + 1;

function classOf(text: string, code: number, i: number): number {
  const v = unitClass[code]!;
  if (v !== 0) return v - 1;
  const c = charClass(code, text[i]!);
  // charClass of a surrogate depends only on the code unit too (text[i] is that lone unit)
  unitClass[code] = c + 1;
  return c;
}

function build(text: string, k: number, repl: (string | undefined)[]): string {
  let out = "";
  let last = 0;
  for (let i = 0; i < k; i++) {
    const r = repl[i];
    if (r === undefined) continue;
    out += text.slice(last, itemS[i]!) + r;
    last = itemE[i]!;
  }
  return last === 0 ? text : out + text.slice(last);
}

export function restoreVietnamese(text: string): string {
  const nfc = text.normalize("NFC");
  if (nfc.length === 0) return nfc;
  const b = current();
  const k = scan(nfc);
  if (k === 0) return nfc;
  const anyBad = markLines(b, nfc, k);
  const repl: (string | undefined)[] = new Array(k);
  if (!anyBad) {
    // clean text: only the tone placement is normalised
    let changed = false;
    for (let i = 0; i < k; i++) {
      if (itemKind[i] !== 0) continue;
      const nm = itemInfo[i]!.norm;
      if (nm !== null) {
        repl[i] = nm;
        changed = true;
      }
    }
    return changed ? build(nfc, k, repl) : nfc;
  }
  const ns = buildSlots(b, nfc, k, repl);
  viterbi(b, nfc, ns, repl);
  return build(nfc, k, repl);
}

/** Look up every word and flag the damaged lines; true when any line is damaged. */
function markLines(b: Bundle, nfc: string, k: number): boolean {
  let anyBad = false;
  {
    let i = 0;
    while (i < k) {
      const line = itemLine[i]!;
      let bad = false;
      let syl = 0;
      let markedSyl = 0;
      let suspect = 0;
      let j = i;
      for (; j < k && itemLine[j] === line; j++) {
        if (itemKind[j] !== 0) continue;
        const info = wordAt(b, nfc, itemS[j]!, itemE[j]!, itemHash[j]!);
        itemInfo[j] = info;
        if (!info.clean) bad = true;
        if (info.syllable) {
          syl++;
          if (info.marked) markedSyl++;
          if (info.suspect) suspect++;
        }
      }
      // Vietnamese prose has marks on most syllables; an unmarked run is stripped text.
      if (!bad && syl > 0 && (syl >= 3 ? markedSyl < 0.45 * syl : markedSyl === 0)) bad = true;
      // improbable spellings ("trén dia ban quén") are what scanners make of marked words
      if (!bad && suspect >= SUSPECT_MIN && suspect >= SUSPECT_SHARE * syl) bad = true;
      lineBad[line] = bad ? 1 : 0;
      if (bad) anyBad = true;
      i = j;
    }
  }
  return anyBad;
}

const MARKER_LETTER = /^[a-zđ]$/;
const MARKER_ROMAN = /^[IVXLl1]{1,5}$/;

/**
 * Is the word at s..e a list marker — "a)", "(đ)" or a (possibly OCR-damaged) Roman numeral "l.", "IV:" — at the
 * start of its line? Markers are structure, not words: restored as words "b)" would become "bộ)". They are kept as
 * printed, and the item's text after them starts a sentence for the LM (measured: feeding the marker itself to the LM
 * as context, "d" then ")", misleads the first words).
 */
function isListMarker(nfc: string, s: number, e: number): boolean {
  let p = s - 1;
  let paren = false;
  for (; p >= 0; p--) {
    const c = nfc.charCodeAt(p);
    if (c === 32 || c === 9 || c === 13) continue;
    if (c === 40 && !paren) {
      paren = true;
      continue;
    }
    if (c !== 10) return false;
    break;
  }
  const w = nfc.slice(s, e);
  if (MARKER_LETTER.test(w) && nfc.charCodeAt(e) === 41) return true;
  if (paren || !MARKER_ROMAN.test(w)) return false;
  let q = e;
  while (nfc.charCodeAt(q) === 32) q++;
  const c = nfc.charCodeAt(q);
  return c === 46 || c === 44 || c === 58;
}

/** The slots of the LM sequence (fixed tokens and candidate lists); fixed replacements go to repl. */
function buildSlots(b: Bundle, nfc: string, k: number, repl: (string | undefined)[]): number {
  ensureSlots(2 * k + 1);
  let ns = 0;
  let lastPunct = true;
  const fixed = (id: number) => {
    slotFixed[ns] = id;
    slotItem[ns] = -1;
    slotCands[ns] = null;
    ns++;
  };
  for (let i = 0; i < k; i++) {
    const kind = itemKind[i]!;
    if (kind !== 0) {
      if (kind === 1) {
        fixed(b.bos);
        lastPunct = true;
      } else if (!lastPunct) {
        fixed(b.punct);
        lastPunct = true;
      }
      continue;
    }
    lastPunct = false;
    const info = itemInfo[i]!;
    if (!lineBad[itemLine[i]!]) {
      if (info.norm !== null) repl[i] = info.norm;
      fixed(info.fixedLm);
      continue;
    }
    if (info.allDigits) {
      fixed(b.num);
      continue;
    }
    const s = itemS[i]!;
    const e = itemE[i]!;
    if (info.roman !== null && itemLineStart[i] && nfc.charCodeAt(e) === 46) {
      repl[i] = info.roman;
      fixed(b.other);
      continue;
    }
    if (
      (itemLineStart[i] || (i > 0 && itemKind[i - 1] === 2 && nfc.charCodeAt(itemS[i - 1]!) === 40)) &&
      isListMarker(nfc, s, e)
    ) {
      // the item's text starts after the marker, as a sentence does: context (<s>, <s>)
      fixed(b.bos);
      fixed(b.bos);
      lastPunct = true;
      continue;
    }
    if (info.abbr !== null) {
      repl[i] = info.abbr;
      fixed(b.other);
      continue;
    }
    if (info.acronym || info.keep) {
      fixed(b.other);
      continue;
    }
    if (info.caps2) {
      const p = nfc.charCodeAt(s - 1);
      const nx = nfc.charCodeAt(e);
      if (p === 47 || p === 45 || nx === 47 || nx === 45) {
        fixed(b.other);
        continue;
      }
    }
    // the word is cut out of the text only when its split / candidates are not known yet
    const sp = info.split >= 0 ? info.split : infoSplit(b, info, nfc.slice(s, e));
    if (sp > 0) {
      const letters = nfc.slice(s + sp, e);
      const li = wordInfo(b, letters);
      fixed(b.num);
      slotFixed[ns] = -1;
      slotItem[ns] = i;
      slotPart[ns] = 1;
      slotCands[ns] = infoCands(b, li, letters);
      ns++;
      continue;
    }
    const cands = info.cands !== undefined ? info.cands : infoCands(b, info, nfc.slice(s, e));
    if (!cands || (info.capsLatin && minOf(cands.cost) >= CAPS_KEEP_COST)) {
      fixed(info.fixedLm);
      continue;
    }
    slotFixed[ns] = -1;
    slotItem[ns] = i;
    slotPart[ns] = 0;
    slotCands[ns] = cands;
    ns++;
  }

  return ns;
}

/** Viterbi: state = candidate at the current slot; trigram context from the back-pointer. */
function viterbi(b: Bundle, nfc: string, ns: number, repl: (string | undefined)[]): void {
  const m = b.m;
  let prevScore = scoreA;
  let prevId = idA;
  let prevPP = ppA;
  let curScore = scoreB;
  let curId = idB;
  let curPP = ppB;
  prevScore[0] = 0;
  prevId[0] = b.bos;
  prevPP[0] = b.bos;
  let np = 1;
  // A fixed slot collapses the states to one, which decides the path before it: back-pointers are kept only for
  // the run of candidate slots since the last fixed slot (memory stays bounded on long documents).
  let seg = 0;
  for (let s = 0; s < ns; s++) {
    const f = slotFixed[s]!;
    if (f >= 0) {
      let best = Infinity;
      let arg = 0;
      for (let p = 0; p < np; p++) {
        const v = prevScore[p]! + m.cost(prevPP[p]!, prevId[p]!, f);
        if (v < best) {
          best = v;
          arg = p;
        }
      }
      emitPath(b, nfc, repl, seg, s - 1, arg);
      seg = s + 1;
      curScore[0] = best;
      curId[0] = f;
      curPP[0] = prevId[arg]!;
      np = 1;
    } else {
      const bo = (s - seg) * MAX_CANDS;
      ensureBack(bo + MAX_CANDS);
      const c = slotCands[s]!;
      const lm = c.lm;
      const kc = lm.length;
      if (np === 1) {
        // one state before (the common case after a fixed slot): its scores, as the loop below would leave them
        // (the LM costs are finite)
        const row = memoRow(m, c, prevPP[0]!, prevId[0]!);
        const base = prevScore[0]!;
        const mf = memoF;
        for (let q = 0; q < kc; q++) {
          tmpScore[q] = base + mf[row + q]!;
          tmpBack[q] = 0;
        }
      } else {
        for (let q = 0; q < kc; q++) tmpScore[q] = Infinity;
        for (let p = 0; p < np; p++) {
          const u = prevId[p]!;
          const t = prevPP[p]!;
          // LM costs of this slot's candidates after (t, u), memoised per (candidate list, t, u)
          const row = memoRow(m, c, t, u);
          const base = prevScore[p]!;
          const mf = memoF;
          for (let q = 0; q < kc; q++) {
            const v = base + mf[row + q]!;
            if (v < tmpScore[q]!) {
              tmpScore[q] = v;
              tmpBack[q] = p;
            }
          }
        }
      }
      const cost = c.cost;
      let min = Infinity;
      for (let q = 0; q < kc; q++) {
        const v = tmpScore[q]! + cost[q]!;
        tmpScore[q] = v;
        if (v < min) min = v;
      }
      // beam: states far behind the best cannot win in practice
      const lim = min + BEAM;
      let j = 0;
      for (let q = 0; q < kc; q++) {
        if (tmpScore[q]! > lim) continue;
        curScore[j] = tmpScore[q]!;
        curId[j] = lm[q]!;
        curPP[j] = prevId[tmpBack[q]!]!;
        back[bo + j] = tmpBack[q]!;
        stateCand[bo + j] = q;
        j++;
      }
      np = j;
    }
    const ts = prevScore;
    prevScore = curScore;
    curScore = ts;
    let ti = prevId;
    prevId = curId;
    curId = ti;
    ti = prevPP;
    prevPP = curPP;
    curPP = ti;
  }
  let arg = 0;
  for (let q = 1; q < np; q++) if (prevScore[q]! < prevScore[arg]!) arg = q;
  emitPath(b, nfc, repl, seg, ns - 1, arg);
}

/** Write the chosen syllables of candidate slots seg..last, whose path ends in state `arg` of slot `last`. */
function emitPath(b: Bundle, nfc: string, repl: (string | undefined)[], seg: number, last: number, arg: number): void {
  for (let s = last; s >= seg; s--) {
    const bo = (s - seg) * MAX_CANDS;
    const i = slotItem[s]!;
    const syl = slotCands[s]!.text[stateCand[bo + arg]!]!;
    if (slotPart[s] === 1) {
      const w = nfc.slice(itemS[i]!, itemE[i]!);
      const sp = itemInfo[i]!.split;
      const letters = w.slice(sp);
      repl[i] = w.slice(0, sp) + " " + applyCase(syl, outPattern(wordInfo(b, letters), letters));
    } else {
      const info = itemInfo[i]!;
      const pat = info.pat ?? outPattern(info, nfc.slice(itemS[i]!, itemE[i]!));
      repl[i] = pat === "lower" ? syl : applyCase(syl, pat);
    }
    arg = back[bo + arg]!;
  }
}
