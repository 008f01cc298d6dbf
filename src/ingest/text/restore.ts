/**
 * Vietnamese diacritics restorer for OCR-damaged text.
 *
 * restoreVietnamese(text): scan the text into words and punctuation; lines that look clean keep their words (tone
 * placement normalised); in damaged lines every word gets candidate syllables from the OCR channel model
 * (channel.ts, precomputed for common spellings in the model file) and a Viterbi search over channel cost +
 * syllable trigram LM (lm.ts) picks the sequence. Case pattern, punctuation, numbers, whitespace, line breaks and
 * tabs are kept exactly. In a damaged line where at least 40% of the words carry valid marks, marked syllables are
 * trusted: only mark repairs stay cheap for them (TRUST_SHARE, ocrLike); minority names ("Lắk", "Byă") and
 * "GD&ĐT" are kept as printed.
 *
 * Speed: everything that depends only on a word's spelling (clean/damaged state, tone-normalised form, candidate
 * list) is computed once per distinct word and memoised; the LM is a set of typed-array hash tables
 * (data/vi-model.bin), loaded without parsing; the Viterbi runs on preallocated typed arrays. Its working set is
 * laid out for the cache: candidate lists flattened into one pool (128 bytes each), LM-context memo records of one
 * cache line that also remember which record was used after them (text that comes again walks the records in order
 * instead of probing the index), fixed-slot LM costs in a direct-mapped cache with key and value side by side.
 * None of this changes a result: every cached value is the one the lookup would compute.
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

/**
 * Candidate lists, ready for the Viterbi, flattened into one pool: a list is a number, its offset in Float64 units
 * (-1: no candidates). Each list takes one 128-byte record (two cache lines) instead of an object and typed arrays
 * scattered over the heap: F64[o + q] the weighted channel costs, I32[2o + LM_AT + q] the LM ids, I32[2o + ID_AT] the
 * list's id for the LM-context memo (memoRow), I32[2o + N_AT] the count; the syllables in poolText[o / LIST * MAX_CANDS
 * + q] (emitPath only).
 */
type Cands = number;

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
  /** a marked syllable: trusted in a line whose marks look printed (TRUST_SHARE; trustedCands) */
  trustable: boolean;
  /** "25thdang": where the letters start (split in damaged lines), 0 when not splittable; -1 not computed */
  split: number;
  /** candidate list (pool offset, -1 none); -2 not looked up yet */
  cands: Cands;
  /** candidate list when trusted (trustedCands), -2 not looked up yet */
  trusted: Cands;
  pat: CasePattern | undefined;
}

const LIST = 16;
const LM_AT = 20;
const ID_AT = 30;
const N_AT = 31;
/** pool size (Float64 units) from which the pool, and the word memos pointing into it, start over (64 MB) */
const POOL_CAP = 1 << 23;
let poolBuf = new ArrayBuffer(0);
let poolF = new Float64Array(poolBuf);
let poolI = new Int32Array(poolBuf);
const poolText: string[] = [];
/** title-case forms of poolText, made on first use */
const poolTitle: (string | undefined)[] = [];
/** pool records used (Float64 units); the pool is shared by all bundles (lists are only ever appended between trims) */
let poolUsed = 0;
/** bumped when the pool starts over: a bundle holding offsets of an older generation drops them (Bundle.trim) */
let poolGen = 0;

/** Append a candidate list to the pool; its offset (-1 when empty). */
function pushList(text: readonly string[], lm: readonly number[], cost: readonly number[]): Cands {
  const n = text.length;
  if (n === 0) return -1;
  const o = poolUsed;
  if (o + LIST > poolF.length) {
    const nb = new ArrayBuffer(Math.max(o + LIST, poolF.length * 2, 4096 * LIST) * 8);
    new Float64Array(nb).set(poolF);
    poolBuf = nb;
    poolF = new Float64Array(nb);
    poolI = new Int32Array(nb);
  }
  poolUsed = o + LIST;
  const ti = (o / LIST) * MAX_CANDS;
  for (let i = 0; i < n; i++) {
    poolText[ti + i] = text[i]!;
    poolTitle[ti + i] = undefined;
    poolI[2 * o + LM_AT + i] = lm[i]!;
    poolF[o + i] = cost[i]!;
  }
  poolI[2 * o + ID_AT] = ++candsIds;
  poolI[2 * o + N_AT] = n;
  return o;
}

class Bundle {
  readonly words = new Map<string, WordInfo>();
  readonly keyCands = new Map<string, Cands>();
  /** pool generation of the offsets in keyCands and the word memos */
  private gen = poolGen;
  /** wordAt's direct-mapped cache: per slot the word, then its info (side by side: one cache line) */
  readonly front: (string | WordInfo | undefined)[] = new Array(2 * FRONT_SIZE).fill(undefined);
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
  cands(key: string): Cands {
    if (this.gen !== poolGen) this.drop();
    let r = this.keyCands.get(key);
    if (r !== undefined) return r;
    let l = this.table?.get(key);
    if (!l) {
      const t0 = performance.now();
      l = liveSlotList(this.m, key, this.lmIds());
      restoreStats.liveKeys++;
      restoreStats.liveMs += performance.now() - t0;
    }
    const syls = channelSyllables();
    const lmIds = this.lmIds();
    r = pushList(
      l.syl.map((id) => syls[id]!),
      l.syl.map((id) => lmIds[id]!),
      l.cost,
    );
    this.keyCands.set(key, r);
    return r;
  }

  /**
   * The candidates of a trusted word (a correctly marked syllable in a line whose marks look printed, not damaged):
   * the word's list with every change that is not a known OCR confusion of its marks (ocrLike) made dearer by
   * TRUST_COST. Memoised by key like cands.
   */
  trustedCands(key: string, self: string): Cands {
    const base = this.cands(key);
    if (base < 0) return base;
    const tk = TRUST_PREFIX + key;
    let r = this.keyCands.get(tk);
    if (r !== undefined) return r;
    const n = poolI[2 * base + N_AT]!;
    const ti = (base / LIST) * MAX_CANDS;
    const text: string[] = [];
    const lm: number[] = [];
    const cost: number[] = [];
    for (let q = 0; q < n; q++) {
      const syl = poolText[ti + q]!;
      text.push(syl);
      lm.push(poolI[2 * base + LM_AT + q]!);
      cost.push(poolF[base + q]! + (syl === self || ocrLike(self, syl) ? 0 : TRUST_COST));
    }
    r = pushList(text, lm, cost);
    this.keyCands.set(tk, r);
    return r;
  }

  /**
   * At the start of a call (no offsets in use): start the candidate memo, and the word memos pointing into it,
   * over when it has grown too big.
   */
  trim(): void {
    if (this.keyCands.size > 200_000 || poolUsed > POOL_CAP) {
      poolUsed = 0;
      poolGen++;
    }
    if (this.gen !== poolGen) this.drop();
  }

  private drop(): void {
    this.keyCands.clear();
    this.words.clear();
    this.front.fill(undefined);
    this.gen = poolGen;
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

// Trusted words. OCR loses marks and misreads one mark as another (ế → é, ơ → ô, â → á, đ → d); it does not print a
// full, valid set of marks that was not there. A correctly marked syllable in a line whose marks look printed
// (TRUST_SHARE of its words are such syllables) is therefore changed only by a mark repair (ocrLike) at the usual
// cost; any other change ("Tây" → "Tài", "cùng" → "cung", "cồng" → "công") costs TRUST_COST more.
const TRUST_SHARE = 0.4;
const TRUST_COST = 1 * CHANNEL_WEIGHT;
const TRUST_PREFIX = "\u0001";
/** printed letter (tone removed) → the letters OCR makes it from (a shape mark or đ's stroke lost or misread) */
const MARK_REPAIR: Record<string, string> = {
  a: "ăâ",
  ă: "â",
  â: "ă",
  e: "êôơâoa",
  ê: "ô",
  o: "ôơ",
  ô: "ơ",
  ơ: "ô",
  u: "ư",
  d: "đ",
  p: "đ",
  b: "đ",
};
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

function stripTone(s: string): string {
  return s.normalize("NFD").replace(TONE_MARKS, "").normalize("NFC");
}

/**
 * Is `cand` what OCR might have made `tok` from: the same letters, except shape marks the print lost or misread
 * (MARK_REPAIR), and no printed tone dropped unless a shape mark takes its place (â read as á)?
 */
function ocrLike(tok: string, cand: string): boolean {
  const t = stripTone(tok);
  const c = stripTone(cand);
  if (t.length !== c.length) return false;
  let repaired = false;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === c[i]) continue;
    if (!MARK_REPAIR[t[i]!]?.includes(c[i]!)) return false;
    repaired = true;
  }
  return repaired || !hasToneMark(tok) || hasToneMark(cand);
}

// Names of the ethnic minorities ("Đắk Lắk", "Y Thuận Byă", "Krông"): capitalised and marked, but spelled in ways no
// standard syllable is — a final k, a bare ă/â at the end, an onset cluster Vietnamese has not. OCR damage keeps the
// standard letters, so such words are printed names: kept as printed.
const NAME_FINAL = /(?:[aăâeêioôơuưy]k|[ăâ])$/;
const NAME_ONSET = /^[bcdđghklmnpqrstvx]+/;
const ONSETS = new Set("b c ch d đ g gh h k kh l m n ng ngh nh p ph q r s t th tr v x".split(" "));

function isMinorityName(w: string, lower: string): boolean {
  if (w[0] === lower[0]) return false;
  const t = stripTone(lower);
  if (NAME_FINAL.test(t)) return true;
  const on = NAME_ONSET.exec(t);
  return on !== null && on[0].length < t.length && !ONSETS.has(on[0]);
}

// Upper-case abbreviations joined by & ("GD&ĐT", "KH&CN"): codes, kept as printed ("K&" is a damaged "Kế").
const AMP_ABBR = /^\p{Lu}+&\p{Lu}+$/u;

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
    trustable: false,
    split: -1,
    cands: -2,
    trusted: -2,
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
  if (AMP_ABBR.test(w) && w.length >= 4) {
    info.clean = true;
    info.keep = true;
    return info;
  }
  if (!LETTERS_ONLY.test(w)) return info;
  info.marked = toned || SHAPE_RE.test(lower);
  info.syllable = isSyllable(n);
  if (!info.syllable && info.marked && isMinorityName(w, lower)) {
    info.clean = true;
    info.keep = true;
    return info;
  }
  if (info.syllable) {
    info.clean = true;
    info.suspect = suspectSpelling(b, n);
    info.trustable = info.marked;
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

function minCost(c: Cands): number {
  let m = Infinity;
  const n = poolI[2 * c + N_AT]!;
  for (let i = 0; i < n; i++) if (poolF[c + i]! < m) m = poolF[c + i]!;
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
  const at = 2 * (hash & FRONT_MASK);
  const front = b.front;
  const key = front[at] as string | undefined;
  if (key !== undefined && key.length === e - s) {
    let i = 0;
    while (i < key.length && key.charCodeAt(i) === text.charCodeAt(s + i)) i++;
    if (i === key.length) return front[at + 1] as WordInfo;
  }
  const w = text.slice(s, e);
  const info = wordInfo(b, w);
  front[at] = w;
  front[at + 1] = info;
  return info;
}

function infoCands(b: Bundle, info: WordInfo, w: string): Cands {
  if (info.cands === -2) info.cands = b.cands(candidateKey(w));
  return info.cands;
}

function trustedCands(b: Bundle, info: WordInfo, w: string): Cands {
  if (info.trusted === -2) {
    const lower = w.toLowerCase();
    info.trusted = b.trustedCands(candidateKey(w), hasToneMark(lower) ? normalizeSyllable(lower) : lower);
  }
  return info.trusted;
}

function infoSplit(b: Bundle, info: WordInfo, w: string): number {
  if (info.split < 0) {
    info.split = 0;
    if (!info.allDigits && DIGIT_RE.test(w)) {
      const mm = MERGED.exec(w);
      if (mm && b.cands(candidateKey(mm[2]!)) >= 0) info.split = mm[1]!.length;
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
/** per line: 1 when its marked syllables are trusted (TRUST_SHARE) */
let lineTrust = new Uint8Array(256);
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
let slotCands = new Int32Array(0);
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
  slotCands = new Int32Array(sCap);
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
/** pad slots of a record: the records used after it the last two times (memoNext), offset + 1 */
const SUCC = 3 + MAX_CANDS;
const REC_BITS = 17;
const REC_MASK = (1 << REC_BITS) - 1;
let memoIdx = new Int32Array(0);
let memoI = new Int32Array(0);
let memoF = new Float32Array(0);
let memoModel: NgramModel | null = null;
let memoUsed = 0;
/**
 * memoF offset - 3 of the record memoRow returned last. Records are appended in order of first use, so the record
 * after it is the likely next one (the next state of the slot, the first state of the next slot, when the same words
 * come again): memoNext checks that record's key before the index probe (a cache miss on the index otherwise).
 */
let memoLast = -REC;

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
  memoLast = -REC;
  memoModel = m;
}

/** Offset into memoF of the LM costs of c's candidates after (t, u); computed on a miss. */
function memoRow(m: NgramModel, c: Cands, t: number, u: number): number {
  if (memoModel !== m || memoUsed >= MEMO_CAP) memoReset(m);
  const id = poolI[2 * c + ID_AT]!;
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
      if (mi[r] === id && mi[r + 1] === t && mi[r + 2] === u) {
        memoLast = r;
        return r + 3;
      }
    }
    h = (h + 1) & MEMO_MASK;
  }
  const r = memoUsed * REC;
  memoLast = r;
  memoUsed++;
  idx[h] = tag | memoUsed;
  mi[r] = id;
  mi[r + 1] = t;
  mi[r + 2] = u;
  mi[r + SUCC] = 0;
  mi[r + SUCC + 1] = 0;
  const pi = poolI;
  const lo = 2 * c + LM_AT;
  const n = pi[2 * c + N_AT]!;
  const ctx = m.context(t, u);
  const mf = memoF;
  for (let q = 0; q < n; q++) mf[r + 3 + q] = m.costIn(ctx, u, pi[lo + q]!);
  return r + 3;
}

// Direct-mapped cache of m.cost(t, u, w) for fixed slots (the same words and punctuation come again and again):
// 16-byte entries, key and value in one cache line: I32[4e] = t << 16 | u (-1: empty), I32[4e + 1] = w,
// F64[2e + 1] = the cost.
const FIX_BITS = 14;
const fixBuf = new ArrayBuffer(16 << FIX_BITS);
const fixI = new Int32Array(fixBuf);
const fixF = new Float64Array(fixBuf);
let fixModel: NgramModel | null = null;

function fixedCost(m: NgramModel, t: number, u: number, w: number): number {
  if (fixModel !== m) {
    for (let e = 0; e < 1 << FIX_BITS; e++) fixI[4 * e] = -1;
    fixModel = m;
  }
  // LM ids are below 2^16 (lm.ts)
  const a = (t << 16) | u;
  const e = (Math.imul(a, 0x9e3779b1) ^ Math.imul(w, 0x85ebca6b)) >>> (32 - FIX_BITS);
  if (fixI[4 * e] === a && fixI[4 * e + 1] === w) return fixF[2 * e + 1]!;
  const v = m.cost(t, u, w);
  fixI[4 * e] = a;
  fixI[4 * e + 1] = w;
  fixF[2 * e + 1] = v;
  return v;
}

/** memoRow, trying the record after the last one first (the memo must be current for m: memoFresh). */
function memoNext(m: NgramModel, c: Cands, t: number, u: number): number {
  const mi = memoI;
  const last = memoLast;
  const id = poolI[2 * c + ID_AT]!;
  const end = memoUsed * REC;
  if (last >= 0) {
    // the records that followed the last one the previous two times (stored + 1 in its pad; 0 = none)
    const s = mi[last + SUCC]! - 1;
    if (s >= 0 && s < end && mi[s] === id && mi[s + 1] === t && mi[s + 2] === u) {
      memoLast = s;
      return s + 3;
    }
    const s2 = mi[last + SUCC + 1]! - 1;
    if (s2 >= 0 && s2 < end && mi[s2] === id && mi[s2 + 1] === t && mi[s2 + 2] === u) {
      mi[last + SUCC + 1] = s + 1;
      mi[last + SUCC] = s2 + 1;
      memoLast = s2;
      return s2 + 3;
    }
  }
  const r = last + REC;
  let row: number;
  if (r < end && mi[r] === id && mi[r + 1] === t && mi[r + 2] === u) {
    memoLast = r;
    row = r + 3;
  } else row = memoRow(m, c, t, u);
  if (last >= 0 && memoLast !== last) {
    mi[last + SUCC + 1] = mi[last + SUCC]!;
    mi[last + SUCC] = memoLast + 1;
  }
  return row;
}

/** Split text into word and punctuation items (whitespace skipped); returns the item count. */
function scan(text: string): number {
  const n = text.length;
  ensure(Math.min(n + 1, 4096));
  if (lineBad.length <= n) {
    lineBad = new Uint8Array(Math.max(n + 1, lineBad.length * 2));
    lineTrust = new Uint8Array(lineBad.length);
  }
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

/** pieces of the output text (reused): joined once instead of a chain of concatenations */
const parts: string[] = [];

function build(text: string, k: number, repl: (string | undefined)[]): string {
  let n = 0;
  let last = 0;
  for (let i = 0; i < k; i++) {
    const r = repl[i];
    if (r === undefined) continue;
    const s = itemS[i]!;
    if (s > last) parts[n++] = text.slice(last, s);
    parts[n++] = r;
    last = itemE[i]!;
  }
  if (last === 0) return text;
  parts[n++] = text.slice(last);
  parts.length = n;
  const out = parts.join("");
  parts.length = 0;
  return out;
}

/**
 * Code units that are a whole character, in NFC and never composed with the one before (NFC quick check "yes",
 * combining class 0): a text made only of them is its own NFC. Below U+0300 and the precomposed Vietnamese vowels
 * U+1EA0–U+1EF9; each one checked against String.prototype.normalize here.
 */
const nfcStable = new Uint8Array(0x10000);
for (const [a, z] of [
  [0, 0x2ff],
  [0x1ea0, 0x1ef9],
]) {
  for (let c = a!; c <= z!; c++) {
    const ch = String.fromCharCode(c);
    if (ch.normalize("NFC") === ch && !/\p{M}/u.test(ch)) nfcStable[c] = 1;
  }
}

function toNfc(text: string): string {
  for (let i = 0; i < text.length; i++) if (nfcStable[text.charCodeAt(i)] === 0) return text.normalize("NFC");
  return text;
}

export function restoreVietnamese(text: string): string {
  const nfc = toNfc(text);
  if (nfc.length === 0) return nfc;
  const b = current();
  b.trim();
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
      let words = 0;
      let trusted = 0;
      let j = i;
      for (; j < k && itemLine[j] === line; j++) {
        if (itemKind[j] !== 0) continue;
        const info = wordAt(b, nfc, itemS[j]!, itemE[j]!, itemHash[j]!);
        itemInfo[j] = info;
        if (!info.allDigits && !info.keep && !info.acronym) words++;
        if (info.trustable) trusted++;
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
      lineTrust[line] = trusted >= TRUST_SHARE * words ? 1 : 0;
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
    slotCands[ns] = -1;
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
    const cands =
      info.trustable && lineTrust[itemLine[i]!]
        ? trustedCands(b, info, nfc.slice(s, e))
        : info.cands !== -2
          ? info.cands
          : infoCands(b, info, nfc.slice(s, e));
    if (cands < 0 || (info.capsLatin && minCost(cands) >= CAPS_KEEP_COST)) {
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
  // memoNext reads records without memoRow's model check
  if (memoModel !== m) memoReset(m);
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
        const v = prevScore[p]! + fixedCost(m, prevPP[p]!, prevId[p]!, f);
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
      const pf = poolF;
      const pi = poolI;
      const kc = pi[2 * c + N_AT]!;
      const lo = 2 * c + LM_AT;
      let min = Infinity;
      if (np === 1) {
        // one state before (the common case after a fixed slot): its scores, as the loops below would leave them
        // (the LM costs are finite), the same additions in the same order
        const row = memoNext(m, c, prevPP[0]!, prevId[0]!);
        const base = prevScore[0]!;
        const mf = memoF;
        for (let q = 0; q < kc; q++) {
          const v = base + mf[row + q]! + pf[c + q]!;
          tmpScore[q] = v;
          tmpBack[q] = 0;
          if (v < min) min = v;
        }
      } else {
        // the first state sets every candidate's score (the LM costs are finite: as if from Infinity)
        {
          const row = memoNext(m, c, prevPP[0]!, prevId[0]!);
          const base = prevScore[0]!;
          const mf = memoF;
          for (let q = 0; q < kc; q++) {
            tmpScore[q] = base + mf[row + q]!;
            tmpBack[q] = 0;
          }
        }
        for (let p = 1; p < np; p++) {
          const u = prevId[p]!;
          const t = prevPP[p]!;
          // LM costs of this slot's candidates after (t, u), memoised per (candidate list, t, u)
          const row = memoNext(m, c, t, u);
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
        for (let q = 0; q < kc; q++) {
          const v = tmpScore[q]! + pf[c + q]!;
          tmpScore[q] = v;
          if (v < min) min = v;
        }
      }
      // beam: states far behind the best cannot win in practice
      const lim = min + BEAM;
      let j = 0;
      for (let q = 0; q < kc; q++) {
        if (tmpScore[q]! > lim) continue;
        curScore[j] = tmpScore[q]!;
        curId[j] = pi[lo + q]!;
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
    const ti = (slotCands[s]! / LIST) * MAX_CANDS + stateCand[bo + arg]!;
    const syl = poolText[ti]!;
    if (slotPart[s] === 1) {
      const w = nfc.slice(itemS[i]!, itemE[i]!);
      const sp = itemInfo[i]!.split;
      const letters = w.slice(sp);
      repl[i] = w.slice(0, sp) + " " + applyCase(syl, outPattern(wordInfo(b, letters), letters));
    } else {
      const info = itemInfo[i]!;
      const pat = info.pat ?? outPattern(info, nfc.slice(itemS[i]!, itemE[i]!));
      if (pat === "lower") repl[i] = syl;
      else if (pat === "title") {
        let tt = poolTitle[ti];
        if (tt === undefined) {
          tt = applyCase(syl, pat);
          poolTitle[ti] = tt;
        }
        repl[i] = tt;
      } else repl[i] = applyCase(syl, pat);
    }
    arg = back[bo + arg]!;
  }
}
