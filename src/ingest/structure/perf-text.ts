/**
 * Fast, behaviour-identical versions of the per-character text helpers the layout and structure stages call on every
 * line: `foldKeepLength` (core/text.ts) and the "vi" locale case tests (`toLocaleLowerCase("vi")` /
 * `toLocaleUpperCase("vi")` per character). Results are memoized per code unit / code point in typed arrays, so each
 * character's answer is computed once per process by the original slow path and then read from a table.
 */
import { foldChar, foldKeepLength } from "../../core/text.js";

/** Folded code unit + 1 for each BMP non-surrogate code unit (0 = not computed yet). */
const FOLD = new Uint32Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  const ch = String.fromCharCode(c);
  FOLD[c] = foldChar(ch).charCodeAt(0) + 1;
}

function foldUnit(c: number): number {
  let v = FOLD[c]!;
  if (v === 0) {
    const f = foldChar(String.fromCharCode(c));
    // foldChar keeps the length: one code unit in, one code unit out.
    v = (f.length === 1 ? f.charCodeAt(0) : c) + 1;
    FOLD[c] = v;
  }
  return v - 1;
}

const CHUNK = 8192;

/**
 * Folds computed in the current `withFoldCache` scope: the structure stages fold the same lines and fields many
 * times over (about 60% of the calls on a plan). Only inside a scope (one document's import), so memory is bounded
 * by the document and nothing is remembered from one document to the next.
 */
let foldCache: Map<string, string> | null = null;

/** Run `f` with fastFold memoised; the memo is dropped when `f` returns. Scopes nest (the inner one is reused). */
export function withFoldCache<T>(f: () => T): T {
  if (foldCache) return f();
  foldCache = new Map();
  try {
    return f();
  } finally {
    foldCache = null;
  }
}

/** Same result as `foldKeepLength(s)`: every code unit mapped to its folded code unit, same length. */
export function fastFold(s: string): string {
  const n = s.length;
  let i = 0;
  // Unchanged prefix (digits, punctuation, lower-case ASCII): nothing to build when the whole string folds to itself.
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || FOLD[c]! - 1 !== c) break;
  }
  if (i === n) return s;
  const cache = foldCache;
  if (cache === null) return foldFrom(s);
  let r = cache.get(s);
  if (r === undefined) {
    r = foldFrom(s);
    cache.set(s, r);
  }
  return r;
}

/** Does index k of s fall between the two halves of a surrogate pair? */
function splitsPair(s: string, k: number): boolean {
  if (k <= 0 || k >= s.length) return false;
  const hi = s.charCodeAt(k - 1);
  const lo = s.charCodeAt(k);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/**
 * `fastFold(s.slice(a, b))` given `f = fastFold(s)`: the fold maps each code point on its own, keeping the length, so
 * the fold of a slice is the slice of the fold unless a cut splits a surrogate pair.
 */
export function foldSlice(s: string, f: string, a: number, b?: number): string {
  const n = s.length;
  const x = a < 0 ? Math.max(0, n + a) : Math.min(a, n);
  let y = b === undefined ? n : b < 0 ? Math.max(0, n + b) : Math.min(b, n);
  if (y < x) y = x;
  if (splitsPair(s, x) || splitsPair(s, y)) return fastFold(s.slice(a, b));
  return f.slice(x, y);
}

/** Remember `f` as the fold of `s` in the current scope (`f` must equal `fastFold(s)`). */
export function primeFold(s: string, f: string): void {
  if (foldCache !== null && s !== f) foldCache.set(s, f);
}

const decoder = new TextDecoder("utf-16le", { ignoreBOM: true });
let units = new Uint16Array(0);
/** from this length on, the folded code units are decoded from a typed array (one native call) */
const DECODE_MIN = 256;

function foldFrom(s: string): string {
  const n = s.length;
  if (n >= DECODE_MIN) {
    if (units.length < n) units = new Uint16Array(Math.max(n, units.length * 2));
    const u = units;
    for (let k = 0; k < n; k++) {
      const c = s.charCodeAt(k);
      // Surrogates (astral characters, lone halves): the original, code-point-wise path.
      if (c >= 0xd800 && c <= 0xdfff) return foldKeepLength(s);
      const v = FOLD[c]!;
      u[k] = v !== 0 ? v - 1 : foldUnit(c);
    }
    // utf-16le of non-surrogate code units is exact (ignoreBOM: a leading U+FEFF is kept)
    return decoder.decode(u.subarray(0, n));
  }
  let out = "";
  let start = 0;
  while (start < n) {
    const end = Math.min(n, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let k = start; k < end; k++) {
      const c = s.charCodeAt(k);
      // Surrogates (astral characters, lone halves): the original, code-point-wise path.
      if (c >= 0xd800 && c <= 0xdfff) return foldKeepLength(s);
      const v = FOLD[c]!;
      codes[k - start] = v !== 0 ? v - 1 : foldUnit(c);
    }
    out += String.fromCharCode.apply(null, codes);
    start = end;
  }
  return out;
}

// Case classes of a code point under the "vi" locale: bit 1 = computed, 2 = letter (lower !== upper),
// 4 = ch === upper, 8 = ch === lower.
const COMPUTED = 1;
const LETTER = 2;
const IS_UPPER = 4;
const IS_LOWER = 8;
const CASE = new Uint8Array(0x110000);

function caseClass(cp: number): number {
  let v = CASE[cp]!;
  if (v === 0) {
    const ch = String.fromCodePoint(cp);
    const lo = ch.toLocaleLowerCase("vi");
    const hi = ch.toLocaleUpperCase("vi");
    v = COMPUTED | (lo !== hi ? LETTER : 0) | (ch === hi ? IS_UPPER : 0) | (ch === lo ? IS_LOWER : 0);
    CASE[cp] = v;
  }
  return v;
}

/**
 * Upper-case and letter counts over the code points of `s` (a letter: lower-case form ≠ upper-case form; upper: the
 * character equals its upper-case form), as `for (const ch of s)` with `toLocale*Case("vi")` would count them.
 */
export function caseCounts(s: string, out: { up: number; letters: number }): void {
  let up = 0;
  let letters = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    const v = caseClass(cp);
    if (v & LETTER) {
      letters++;
      if (v & IS_UPPER) up++;
    }
  }
  out.up = up;
  out.letters = letters;
}

/**
 * For the code point at `i` (ch): `ch === ch.toLocaleLowerCase("vi") && ch !== ch.toLocaleUpperCase("vi")`.
 */
export function lowerLetterAt(s: string, i: number): boolean {
  const cp = s.codePointAt(i);
  if (cp === undefined) return false;
  const v = caseClass(cp);
  return (v & IS_LOWER) !== 0 && (v & IS_UPPER) === 0;
}

/** Is the code unit at `i` an upper-case letter? (`isUpperAt` of text-utils, without the locale calls.) */
export function upperUnitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (Number.isNaN(c)) return false; // out of range
  const v = caseClass(c);
  return (v & LETTER) !== 0 && (v & IS_UPPER) !== 0;
}

/** Is the code unit one of the characters `\s` matches (WhiteSpace and LineTerminator, BMP)? */
export function isSpaceUnit(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `s.replace(/\s+/g, " ").trim()`, without building a new string when every space run is already one " ". */
export function collapseSpaces(s: string): string {
  let prevSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const sp = isSpaceUnit(c);
    if (sp && (c !== 32 || prevSpace)) return s.replace(/\s+/g, " ").trim();
    prevSpace = sp;
  }
  return s.trim();
}

/**
 * `s.replace(/[\s.;,:]+$/u, "").replace(/\s*\.\/\.?$/u, "")` by scanning back from the end (linear even on long
 * runs of separators, where the end-anchored regex retries from every position of the run).
 */
export function stripTrailingSeparators(s: string): string {
  let e = s.length;
  while (e > 0) {
    const c = s.charCodeAt(e - 1);
    if (c === 46 || c === 59 || c === 44 || c === 58 || isSpaceUnit(c)) e--;
    else break;
  }
  // "./" or "./." at the end, with the spaces before it
  let k = -1;
  if (e >= 3 && s.charCodeAt(e - 1) === 46 && s.charCodeAt(e - 2) === 47 && s.charCodeAt(e - 3) === 46) k = e - 3;
  else if (e >= 2 && s.charCodeAt(e - 1) === 47 && s.charCodeAt(e - 2) === 46) k = e - 2;
  if (k >= 0) {
    while (k > 0 && isSpaceUnit(s.charCodeAt(k - 1))) k--;
    e = k;
  }
  return e === s.length ? s : s.slice(0, e);
}

/**
 * `s.replace(/[\s<chars>]+$/u, "")` for single-code-unit `chars` (e.g. ".;,"), by scanning back from the end: the
 * end-anchored regex retries from every position of a long run of such characters (quadratic on "..., , , , x").
 */
export function trimEndOf(s: string, chars: string): string {
  let e = s.length;
  while (e > 0) {
    const c = s.charCodeAt(e - 1);
    if (isSpaceUnit(c) || chars.includes(s[e - 1]!)) e--;
    else break;
  }
  return e === s.length ? s : s.slice(0, e);
}
