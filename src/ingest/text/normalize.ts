/**
 * Vietnamese text normalisation.
 *
 * - NFC everywhere.
 * - One tone-placement convention, the classic one used by the gold files: in an open syllable with two vowels the
 *   tone sits on the first ("hóa", "thủy", "khỏe", "mùa"); with a final consonant on the last vowel ("hoàng",
 *   "quyết"); a vowel with a shape mark (ă â ê ô ơ ư) always carries it ("thuế", "người").
 * - A tokenizer that splits text into words, numbers, punctuation and whitespace and re-joins exactly.
 */

/** Tones: 0 ngang, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng. */
export const TONE_MARK = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"] as const;

const MARK_TO_TONE = new Map<string, number>([
  ["\u0301", 1],
  ["\u0300", 2],
  ["\u0309", 3],
  ["\u0303", 4],
  ["\u0323", 5],
  // Greek tonos / legacy marks that some converters emit
  ["\u0341", 1],
  ["\u0340", 2],
]);

const VOWELS = new Set(["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]);
const SHAPED = new Set(["ă", "â", "ê", "ô", "ơ", "ư"]);

export function isVowel(ch: string): boolean {
  return VOWELS.has(ch);
}

/** Split a lower-case NFC word into its tone-less letters and its tone. Returns null if it has several tones. */
export function splitTone(word: string): { base: string; tone: number } | null {
  const d = word.normalize("NFD");
  let tone = 0;
  let base = "";
  for (const ch of d) {
    const t = MARK_TO_TONE.get(ch);
    if (t !== undefined) {
      if (tone !== 0 && tone !== t) return null;
      tone = t;
    } else base += ch;
  }
  return { base: base.normalize("NFC"), tone };
}

/**
 * Index of the letter carrying the tone in a lower-case, tone-less syllable (classic convention), or -1 if the
 * string has no vowel.
 */
export function tonePosition(base: string): number {
  const n = base.length;
  let start = 0;
  // onset consonants
  while (start < n && !VOWELS.has(base[start]!)) start++;
  if (start >= n) return -1;
  // "qu" + vowel, "gi" + vowel: u / i belong to the onset
  if (start === 1 && base[0] === "q" && base[1] === "u" && start + 1 < n && VOWELS.has(base[start + 1]!)) start++;
  else if (start === 1 && base[0] === "g" && base[1] === "i" && start + 1 < n && VOWELS.has(base[start + 1]!)) start++;
  let end = start;
  while (end < n && VOWELS.has(base[end]!)) end++;
  const len = end - start;
  const hasFinal = end < n;
  let shaped = -1;
  for (let i = start; i < end; i++) if (SHAPED.has(base[i]!)) shaped = i;
  if (shaped >= 0) return shaped;
  if (len === 1) return start;
  if (hasFinal) return end - 1;
  if (len >= 3) return start + 1;
  return start; // two vowels, open: classic "hóa", "thủy", "mùa"
}

/** Put a tone on a lower-case tone-less syllable by the classic rule. */
export function placeTone(base: string, tone: number): string {
  if (tone === 0) return base;
  const p = tonePosition(base);
  if (p < 0) return base;
  return (base.slice(0, p + 1) + TONE_MARK[tone]! + base.slice(p + 1)).normalize("NFC");
}

const toneCache = new Map<string, string>();

/** Normalise the tone placement of one lower-case word (returns it unchanged if it is not syllable-like). */
export function normalizeSyllable(word: string): string {
  let r = toneCache.get(word);
  if (r === undefined) {
    r = word;
    const s = splitTone(word);
    if (s && s.tone !== 0) {
      const placed = placeTone(s.base, s.tone);
      r = placed;
    } else if (s) r = s.base;
    if (toneCache.size > 50000) toneCache.clear();
    toneCache.set(word, r);
  }
  return r;
}

// ---------- case patterns ----------
export type CasePattern = "lower" | "upper" | "title" | "mixed";

export function casePattern(word: string): CasePattern {
  let up = 0;
  let low = 0;
  let firstUpper = false;
  let first = true;
  for (const ch of word) {
    const l = ch.toLowerCase();
    const u = ch.toUpperCase();
    if (l === u) continue; // not a cased letter
    const isUp = ch === u;
    if (first) {
      firstUpper = isUp;
      first = false;
    } else if (isUp) up++;
    else low++;
  }
  if (!firstUpper) return up > low ? "mixed" : "lower";
  if (up + low === 0) return "title";
  return up >= low ? "upper" : "title";
}

export function applyCase(word: string, pattern: CasePattern): string {
  switch (pattern) {
    case "upper":
      return word.toUpperCase();
    case "title":
      return word.length ? word[0]!.toUpperCase() + word.slice(1) : word;
    default:
      return word;
  }
}

/** Normalise tone placement of every word of a text, keeping case and everything else. */
export function normalizeText(text: string): string {
  const nfc = text.normalize("NFC");
  const toks = tokenize(nfc);
  let out = "";
  for (const t of toks) {
    if (t.kind === "word" && hasToneMark(t.text)) {
      const pat = casePattern(t.text);
      const lower = t.text.toLowerCase();
      const norm = normalizeSyllable(lower);
      out += norm === lower ? t.text : pat === "mixed" ? t.text : applyCase(norm, pat);
    } else out += t.text;
  }
  return out;
}

const TONED = /[\u0300\u0301\u0303\u0309\u0323]/;
const toneFlagCache = new Map<string, boolean>();
export function hasToneMark(word: string): boolean {
  let r = toneFlagCache.get(word);
  if (r === undefined) {
    r = TONED.test(word.normalize("NFD"));
    if (toneFlagCache.size > 50000) toneFlagCache.clear();
    toneFlagCache.set(word, r);
  }
  return r;
}

// ---------- tokenizer ----------
export type TokenKind = "word" | "space" | "punct";
export interface Token {
  kind: TokenKind;
  text: string;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const charClassCache = new Map<number, number>();
/** 0 punct, 1 word char, 2 space */
export function charClass(code: number, ch: string): number {
  if (code < 128) {
    // "&" is kept inside words: OCR reads ế/ở as "&" ("K& hoach", "s&")
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 38)
      return 1;
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 11 || code === 12) return 2;
    return 0;
  }
  let c = charClassCache.get(code);
  if (c === undefined) {
    if (/\s/u.test(ch)) c = 2;
    else if (LETTER_OR_DIGIT.test(ch) || ch === "¢" || ch === "€" || /\p{M}/u.test(ch)) c = 1;
    else c = 0;
    charClassCache.set(code, c);
  }
  return c;
}

/**
 * Split text into maximal runs: words (letters, digits, OCR look-alikes ¢ €), whitespace, and single punctuation
 * characters. `tokens.map(t => t.text).join("")` is the input.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const cls = charClass(code, text[i]!);
    if (cls === 0) {
      // a surrogate pair stays together
      const w = code >= 0xd800 && code <= 0xdbff && i + 1 < n ? 2 : 1;
      out.push({ kind: "punct", text: text.slice(i, i + w) });
      i += w;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const c2 = text.charCodeAt(j);
      if (charClass(c2, text[j]!) !== cls) break;
      j++;
    }
    out.push({ kind: cls === 1 ? "word" : "space", text: text.slice(i, j) });
    i = j;
  }
  return out;
}

export function joinTokens(tokens: readonly Token[]): string {
  let s = "";
  for (const t of tokens) s += t.text;
  return s;
}
