/**
 * Small text helpers for structure extraction. Everything works on NFC text and its same-length fold
 * (`foldKeepLength`), so a match found in folded text is cut from the original by the same indices.
 */
import { caseCounts, collapseSpaces, fastFold, stripTrailingSeparators, upperUnitAt } from "./perf-text.js";

/** `foldKeepLength` (core/text.ts), table-driven (perf-text.ts). */
export const fold = fastFold;

/** A piece of the cleaned text: `text` is what goes into the JSON, `start/end` the source range. */
export interface Piece {
  text: string;
  start: number;
  end: number;
}

/** Collapse whitespace to single spaces and trim. */
export function collapse(s: string): string {
  return collapseSpaces(s);
}

const LEADING_MARK = /^(?:[-–—+•*·_]+\s*|\(?[a-zđ¢]\)\s+|\d{1,2}(?:[.,]\d{1,2})*[.,)]\s*|[IVX]{1,5}[.,]\s+)/u;

/** Can LEADING_MARK match a string starting with code unit c? (- – — + • * · _ ( a-z đ ¢ 0-9 I V X) */
function markStart(c: number): boolean {
  if (c >= 97 && c <= 122) return true; // a-z
  if (c >= 48 && c <= 57) return true; // 0-9
  return (
    c === 45 || // -
    c === 0x2013 || // –
    c === 0x2014 || // —
    c === 43 || // +
    c === 0x2022 || // •
    c === 42 || // *
    c === 0xb7 || // ·
    c === 95 || // _
    c === 40 || // (
    c === 0x111 || // đ
    c === 0xa2 || // ¢
    c === 73 || // I
    c === 86 || // V
    c === 88 // X
  );
}

/** Remove a leading bullet / number / letter ("- ", "1.2. ", "a) ") — possibly repeated. */
export function stripLeadingMark(s: string): string {
  let out = s.trimStart();
  for (let i = 0; i < 3; i++) {
    if (!markStart(out.charCodeAt(0))) break;
    const m = LEADING_MARK.exec(out);
    if (!m) break;
    out = out.slice(m[0].length).trimStart();
  }
  return out;
}

/** A field value: collapsed, no leading bullet, no trailing separator punctuation. */
export function cleanField(s: string): string {
  // stripTrailingSeparators: .replace(/[\s.;,:]+$/u, "").replace(/\s*\.\/\.?$/u, "")
  return stripTrailingSeparators(collapse(stripLeadingMark(collapse(s)))).trim();
}

/** Trim a range of `src` so it starts/ends on non-space characters. */
export function trimRange(src: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(src[s] ?? "")) s++;
  while (e > s && /\s/u.test(src[e - 1] ?? "")) e--;
  return [s, e];
}

/** Make a Piece from `src[start, end)` with `cleanField` applied. */
export function piece(src: string, start: number, end: number, clean: (s: string) => string = cleanField): Piece {
  const [s, e] = trimRange(src, start, end);
  return { text: clean(src.slice(s, e)), start: s, end: e };
}

/** Upper-case the first letter. */
export function capitalizeFirst(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);
}

/** Levenshtein distance (small strings). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n]!;
}

/** Similarity 0..1 from edit distance. */
export function similarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - editDistance(a, b) / n;
}

/** Is the letter at index i an upper-case letter? */
export function isUpperAt(s: string, i: number): boolean {
  return upperUnitAt(s, i);
}

const counts = { up: 0, letters: 0 };

/** Share of letters that are upper case (0..1). */
export function upperRatio(s: string): number {
  caseCounts(s, counts);
  return counts.letters === 0 ? 0 : counts.up / counts.letters;
}

/** ISO date from parts, or null when the parts are not a real date. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function lastDayOfMonth(y: number, m: number): string | null {
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return isoDate(y, m, d);
}

/** Roman numeral (upper case) for 1..39. */
export function toRoman(n: number): string {
  const table: [number, string][] = [
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

export function fromRoman(s: string): number | null {
  const map: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = map[s[i]!];
    const next = map[s[i + 1] ?? ""] ?? 0;
    if (v === undefined) return null;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : null;
}
