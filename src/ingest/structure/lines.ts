/**
 * The line model: the cleaned text is one logical line per heading / list item / paragraph / table row.
 * Each line is classified (roman section, numbered item, lettered item, bullet, table row, paragraph) with the
 * offsets of its marker and body in the cleaned text.
 */
import { primeFold } from "./perf-text.js";
import { fold, fromRoman, upperRatio } from "./text-utils.js";

export type LineKind = "section" | "numbered" | "lettered" | "bullet" | "subbullet" | "row" | "para";

export interface Line {
  index: number;
  kind: LineKind;
  /** Whole line, as in the cleaned text. */
  text: string;
  /** Folded `text`. */
  f: string;
  start: number;
  end: number;
  /** Offset (in the cleaned text) where the body begins, after the marker. */
  bodyStart: number;
  /** "III" for sections, "1.2" for numbered items, "a" for lettered items. */
  ref: string | null;
  /** Number of levels of a numbered ref ("1.2" → 2). */
  depth: number;
  /** All-caps line (headings). */
  caps: boolean;
}

const ROMAN_TOKEN = /^([IVXLl1|]{1,5})\s*[.,:]\s*(?=\S)/u;
const DIGIT_SECTION = /^(\d)\s*[.,]\s*(?=\S)/u;
const NUMBERED = /^(\d{1,2}(?:\s*[.,]\s*\d{1,2}){0,3})\s*([.,)])?\s+(?=\S)/u;
const NUMBERED_TIGHT = /^(\d{1,2}(?:[.,]\d{1,2}){1,3})[.,)]?(?=\S)/u;
const LETTERED = /^\(?([a-zđ¢])\s*\)\s*(?=\S)/u;
const BULLET = /^[-–—•*·_)]\s*(?=\S)/u;
const SUBBULLET = /^\+\s*(?=\S)/u;

function body(line: string, markerLen: number): string {
  return line.slice(markerLen);
}

/** Split the cleaned text into classified lines. */
export function toLines(cleaned: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  let sectionNo = 0;
  const raw = cleaned.split("\n");
  // one fold of the whole text, sliced per line (foldSlice: a cut at a line break never splits a surrogate pair)
  const whole = fold(cleaned);
  for (let i = 0; i < raw.length; i++) {
    const text = raw[i]!;
    const start = pos;
    const end = pos + text.length;
    pos = end + 1;
    const f = whole.slice(start, end);
    primeFold(text, f);
    const line: Line = {
      index: out.length,
      kind: "para",
      text,
      f,
      start,
      end,
      bodyStart: start,
      ref: null,
      depth: 0,
      caps: false,
    };
    if (text.includes("\t")) {
      line.kind = "row";
      out.push(line);
      continue;
    }
    let m = ROMAN_TOKEN.exec(text);
    const rest = m ? body(text, m[0].length) : "";
    if (m && upperRatio(rest) >= 0.75 && /\p{L}{2}/u.test(rest)) {
      const token = m[1]!.replace(/[l1|]/g, "I");
      let n = fromRoman(token);
      if (n === null || n > sectionNo + 2 || n <= sectionNo - 1) n = sectionNo + 1;
      sectionNo = n;
      line.kind = "section";
      line.ref = romanOf(n);
      line.bodyStart = start + m[0].length;
      line.caps = true;
      out.push(line);
      continue;
    }
    m = DIGIT_SECTION.exec(text);
    if (m && upperRatio(body(text, m[0].length)) >= 0.8 && body(text, m[0].length).length >= 4 && sectionNo === 0) {
      sectionNo = Number(m[1]);
      line.kind = "section";
      line.ref = romanOf(sectionNo);
      line.bodyStart = start + m[0].length;
      line.caps = true;
      out.push(line);
      continue;
    }
    m = NUMBERED.exec(text) ?? NUMBERED_TIGHT.exec(text);
    if (m) {
      const ref = m[1]!.replace(/\s+/g, "").replace(/,/g, ".");
      const single = !ref.includes(".");
      // "16 phường" is not a numbered item: a single number needs its "." or ")".
      if (!single || m[2] !== undefined) {
        line.kind = "numbered";
        line.ref = ref;
        line.depth = ref.split(".").length;
        line.bodyStart = start + m[0].length;
        line.caps = upperRatio(body(text, m[0].length)) >= 0.8;
        out.push(line);
        continue;
      }
    }
    m = LETTERED.exec(text);
    if (m) {
      line.kind = "lettered";
      line.ref = m[1] === "¢" ? "c" : m[1]!;
      line.bodyStart = start + m[0].length;
      out.push(line);
      continue;
    }
    m = SUBBULLET.exec(text);
    if (m) {
      line.kind = "subbullet";
      line.bodyStart = start + m[0].length;
      out.push(line);
      continue;
    }
    m = BULLET.exec(text);
    if (m) {
      line.kind = "bullet";
      line.bodyStart = start + m[0].length;
      out.push(line);
      continue;
    }
    line.caps = upperRatio(text) >= 0.8 && /\p{L}{3}/u.test(text);
    out.push(line);
  }
  fixLetterSequence(out);
  return out;
}

/** OCR reads "đ)" as "d)": in a run a) b) c) d) d) e) the second "d" is "đ". */
function fixLetterSequence(lines: Line[]): void {
  let prev: string | null = null;
  for (const l of lines) {
    if (l.kind === "section" || l.kind === "numbered") prev = null;
    if (l.kind !== "lettered") continue;
    if (prev === "d" && l.ref === "d") l.ref = "đ";
    prev = l.ref;
  }
}

function romanOf(n: number): string {
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

/** Body text of a line (after its marker). */
export function lineBody(l: Line, cleaned: string): string {
  return cleaned.slice(l.bodyStart, l.end);
}
