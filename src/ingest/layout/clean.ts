/**
 * Layout pre-clean: turns reader/OCR text into one logical line per paragraph, heading, list item or table row.
 *
 * - strips HTML-ish tags (<p>, <u>, <br> …), markdown bold, footnote superscripts, page numbers, repeated page
 *   headers/footers and the national motto block ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc");
 * - re-joins hard line breaks inside paragraphs, keeping structural line starts (numbered items, bullets, labels such
 *   as "- Đơn vị chủ trì:", all-caps headings, table rows);
 * - merges table continuation rows (first cell empty: the row was split by a page break) into the previous row.
 */
import { caseCounts, fastFold as foldKeepLength, isSpaceUnit, lowerLetterAt } from "../structure/perf-text.js";
import { regroupCellLines } from "./cell-lines.js";
import { mergeCells, PrevLine } from "./perf-prev.js";

const TAG = /<\/?(?:p|u|b|i|em|strong|span|div|sup|sub|br|font|td|tr|li|ul|ol)(?:\s[^<>]*)?\/?>/giu;
const SUPERSCRIPTS = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu;

/** Motto/national-name noise, on folded text (tolerant of OCR damage). */
const NATIONAL_NAME = /c\S{1,2}ng\s*h[o0]a\s*x[a-z]\s*h\S{1,3}\s*ch[u-z]\S?\s*ngh\S{1,3}\s*vi\S{1,3}\s*n[a-z]m/g;
const MOTTO = /\S{1,4}c\s+\S{2,4}\s*[-–—~]+\s*t\S{0,2}\s+do\s*[-–—~]+\s*h\S{2,3}\s+ph\S{1,4}/g;

// Each replacement below runs only when the text holds a character it needs (a guard implied by any match), so the
// common line costs a few substring searches instead of nine regex passes.
/** `/[⁰¹²³⁴⁵⁶⁷⁸⁹]/u.test(s)` (U+00B2, U+00B3, U+00B9, U+2070, U+2074–U+2079) as a code-unit scan. */
function hasSuperscript(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xb2) continue;
    if (c === 0xb2 || c === 0xb3 || c === 0xb9 || c === 0x2070 || (c >= 0x2074 && c <= 0x2079)) return true;
  }
  return false;
}

const NOISE_RES = [NATIONAL_NAME, MOTTO];

function stripNoise(line: string): string {
  let out = line;
  if (out.includes("<")) out = out.replace(TAG, " ");
  if (hasSuperscript(out)) out = out.replace(SUPERSCRIPTS, "");
  if (out.includes("**")) out = out.replace(/\*\*/g, "");
  const f = foldKeepLength(out);
  const cuts: [number, number][] = [];
  for (const re of NOISE_RES) {
    if (re === NATIONAL_NAME ? !f.includes("ngh") : !(f.includes("ph") && /do\s*[-–—~]/.test(f))) continue;
    re.lastIndex = 0;
    for (let m = re.exec(f); m; m = re.exec(f)) cuts.push([m.index, m.index + m[0].length]);
  }
  cuts.sort((a, b) => b[0] - a[0]);
  for (const [a, b] of cuts) out = `${out.slice(0, a)} ${out.slice(b)}`;
  // OCR spells "Ư"/"Ơ" as "U'"/"O'" ("THU'C HIEN").
  if (out.includes("'") || out.includes("’"))
    out = out
      .replace(/U['’](?=\p{L})/gu, "Ư")
      .replace(/u['’](?=\p{L})/gu, "ư")
      .replace(/O['’](?=\p{L})/gu, "Ơ");
  if (out.includes("  ") || out.includes("\u00a0")) out = out.replace(/[ \u00a0]+/g, " ");
  if (!out.includes("\t")) return out;
  return out.replace(/ +\t/g, "\t").replace(/\t +/g, "\t");
}

const BULLET = /^(?:[-–—+•*·_]\s*\S|\)\s+\S)/u;
/** Every string that BULLET does not match but that could be the start of a match (perf-prev.ts). */
const BULLET_PREFIX = /^(?:[-–—+•*·_]|\))\s*$/u;
const SECTION_HEADING = /^(?:[IVXLl1|]{1,5}|\d{1,2})\s*[.,]\s*\S/u;
const SECTION_HEADING_PREFIX = /^(?:[IVXLl1|]{1,5}|\d{1,2})\s*(?:[.,]\s*)?$/u;
const NUMBERED = /^(?:\d{1,2}(?:[.,]\d{1,2}){1,3}[.,)]?\s*\S|\d{1,2}[.)]\s*\S|[IVXLl1|]{1,5}\s*[.,]\s*[A-ZĐÂĂÊÔƠƯ])/u;
const LETTERED = /^\(?[a-zđ¢]\)\s*\S/u;

const counts = { up: 0, letters: 0 };

let upperLine: string | null = null;
let upperResult = false;

/** (The last answer is remembered: preClean asks it up to five times about the same line.) */
function isUpperHeading(line: string): boolean {
  if (line === upperLine) return upperResult;
  caseCounts(line, counts);
  const { up, letters } = counts;
  upperResult = letters >= 6 && /\S\s+\S/u.test(line.trim()) && up / letters >= 0.75;
  upperLine = line;
  return upperResult;
}

/** A label line of a task: "Chủ trì thực hiện: …", "Đơn vị phối hợp: …", "Thời hạn: …", "Sản phẩm: …" (folded). */
const LABEL_LINE =
  /^(?:(?:\S{0,3}on\s+v\S{1,2}|c\S{1,2}\s+quan)\s+)?(?:ch\S{0,2}\s+tr\S{1,2}|ph\S{1,4}\s+h\S{1,3}p|th\S{1,3}\s+gi\S{1,2}n|th\S{1,3}\s+h\S{1,2}n|s\S{1,2}n\s+ph\S{1,2}m|k\S{1,2}t\s+qu\S{1,2}|ti\S{1,2}n\s+d\S{1,2}|th\S{1,2}c\s+hi\S{1,3}n)[^:;.]{0,30}:/;
/** A line ending in an assignment label whose value wrapped onto the next line ("… Cơ quan chủ trì:"), folded. */
const LABEL_END = /(?:ch\S{0,2}\s+tr\S{1,2}|ph\S{1,4}\s+h\S{1,3}p|th\S{1,3}\s+gi\S{1,2}n|th\S{1,3}\s+h\S{1,2}n)\s*:$/;

/** Does this (trimmed) line begin a new logical line? */
export function isStructuralStart(line: string): boolean {
  if (line.includes("\t")) return true;
  if (BULLET.test(line) || NUMBERED.test(line) || LETTERED.test(line)) return true;
  if (isUpperHeading(line)) return true;
  const f = foldKeepLength(line);
  if (LABEL_LINE.test(f)) return true;
  if (
    /^(?:noi\s+nh\S{1,2}n|kt\.?\s*chu\s+tich|tm\.?\s|phu\s+luc|can\s+c\S{1,2}\b|thuc\s+hien\s+(?:ke|nghi|quyet|chi|chuong|cong|van)|ph\S{0,2}\s+l\S{1,2}c\b)/.test(
      f,
    )
  )
    return true;
  return false;
}

function startsLower(line: string): boolean {
  const at = line.search(/\p{L}/u);
  if (at < 0) return /^[\d(“"'‘]/u.test(line) === false && /^[,.;:)]/u.test(line);
  // the first letter ch: ch === ch.toLocaleLowerCase("vi") && ch !== ch.toLocaleUpperCase("vi")
  return at <= 1 && lowerLetterAt(line, at);
}

const PAGE_NUMBER = /^\s*(?:[-–—]\s*)?(?:trang\s+)?\d{1,3}(?:\s*\/\s*\d{1,3})?\s*(?:[-–—]\s*)?$/iu;

/** Marks where page furniture (a page number, a running header) was dropped: a page break. */
const PAGE_BREAK = "\u0000";

/**
 * Drop page numbers and header/footer lines repeated on several pages (three times, or twice when each copy stands
 * next to a page number). A dropped page number leaves a PAGE_BREAK marker line.
 */
function dropPageFurniture(lines: string[]): string[] {
  const counts = new Map<string, number>();
  const byPageNo = new Map<string, number>();
  const trimmed = lines.map((l) => l.trim());
  const pageNo = trimmed.map((t) => t !== "" && t.length <= 24 && !t.includes("\t") && PAGE_NUMBER.test(t));
  /** The nearest non-blank line before (dir -1) or after (dir 1) line i is a page number. */
  const nextToPageNo = (i: number, dir: number) => {
    for (let k = i + dir, n = 0; k >= 0 && k < lines.length && n < 3; k += dir, n++) {
      if (trimmed[k] === "") continue;
      return pageNo[k]!;
    }
    return false;
  };
  trimmed.forEach((t, i) => {
    if (t.length < 6 || t.length > 90 || t.includes("\t")) return;
    if (t.length <= 60 && !isStructuralStart(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
    // a running header is often in capitals ("BỘ … Kế hoạch số …"), but never a list item
    if (BULLET.test(t) || NUMBERED.test(t) || LETTERED.test(t)) return;
    if (nextToPageNo(i, -1) || nextToPageNo(i, 1)) byPageNo.set(t, (byPageNo.get(t) ?? 0) + 1);
  });
  return lines.map((l, i) => {
    const t = trimmed[i]!;
    if (pageNo[i]) return PAGE_BREAK;
    if ((counts.get(t) ?? 0) >= 3 || (byPageNo.get(t) ?? 0) >= 2) return PAGE_BREAK;
    return l;
  });
}

function isTableRow(line: string): boolean {
  return line.includes("\t");
}

/**
 * A Markdown pipe-table line ("| 1 | Xây dựng … | Phòng X | … |") → its cells joined by tabs, like the other table
 * layouts; the "|---|---|" separator line → "" (dropped). Other lines are returned as they are.
 */
export function pipeRow(line: string): string {
  const t = line.trim();
  if (t.length < 3 || t[0] !== "|" || t[t.length - 1] !== "|") return line;
  const cells = t.slice(1, -1).split("|");
  if (cells.length < 2) return line;
  const trimmed = cells.map((c) => c.trim());
  if (trimmed.every((c) => /^:?-{2,}:?$/.test(c))) return "";
  return trimmed.join("\t");
}

/** Pre-clean raw document text into logical lines (joined by "\n"). */
export function preClean(raw: string): string {
  let src = raw.normalize("NFC");
  if (src.includes("\r")) src = src.replace(/\r\n?/g, "\n");
  if (src.includes("\f")) src = src.replace(/\f/g, "\n");
  // trimEnd() removes exactly what /\s+$/u matches (WhiteSpace and LineTerminator).
  const lines = dropPageFurniture(
    regroupCellLines(src.split("\n").map((l) => stripNoise(l.includes("|") ? pipeRow(l) : l).trimEnd())),
  );
  const longLen = typicalLineLength(lines);
  const out: string[] = [];
  // Length of the last physical line that went into each logical line (for the "wrapped line" test).
  const lastPhys: number[] = [];
  // Facts about the last logical line (`prev`), kept up to date as lines are appended to it, so that joining a long
  // paragraph never rescans it (perf-prev.ts).
  const pv = new PrevLine();
  // The last logical line as merged table cells, not yet joined (`out` holds it once `flushRow` ran).
  let rowCells: string[] | null = null;
  const flushRow = () => {
    if (rowCells === null) return;
    out[out.length - 1] = rowCells.join("\t");
    pv.set(out[out.length - 1]!);
    rowCells = null;
  };
  let blankBefore = false;
  // page furniture was dropped since the last line: the text may go on across the page break
  let pageBreak = false;
  const headerRows = new Set<string>();
  for (const rawLine of lines) {
    if (rawLine === PAGE_BREAK) {
      blankBefore = true;
      pageBreak = true;
      continue;
    }
    if (isTableRow(rawLine)) {
      const cells = rawLine.split("\t");
      const firstEmpty = (cells[0] ?? "").trim() === "";
      // a header row repeated at the top of a new page: dropped, so that a continuation row after it still merges
      // into the row the page break cut
      const key = cells.map((c) => c.trim().replace(/\s+/g, " ")).join("\t");
      if (!firstEmpty && !/^\d/.test(key)) {
        if (headerRows.has(key)) {
          blankBefore = false;
          pageBreak = false;
          continue;
        }
        headerRows.add(key);
      }
      const prev = out[out.length - 1];
      // a continuation row (first cell empty) merges into the previous row, cell by cell (mergeCells, perf-prev.ts)
      if (firstEmpty && prev !== undefined && (rowCells !== null ? rowCells.length > 1 : pv.row)) {
        rowCells = mergeCells(rowCells ?? prev.split("\t").map((c) => c.trim()), rawLine);
      } else if (cells.some((c) => c.trim() !== "")) {
        flushRow();
        out.push(cells.map((c) => c.trim().replace(/\s+/g, " ")).join("\t"));
        pv.set(out[out.length - 1]!);
        lastPhys.push(0);
      }
      blankBefore = false;
      pageBreak = false;
      continue;
    }
    const line = rawLine.trim();
    if (line === "" || /^[-–—_.\s]{3,}$/.test(line)) {
      blankBefore = true;
      continue;
    }
    flushRow();
    const prev = out[out.length - 1];
    let join = false;
    // "- nghề nghiệp …" after an unfinished line is a hyphenated compound that wrapped, not a new bullet.
    const wrappedHyphen =
      prev !== undefined &&
      (/^-\s*\p{Ll}/u.test(line) || /^[-–]\s*(?:19|20)\d{2}\b/u.test(line)) &&
      !/[.;:!?]["”)]?$/u.test(pv.last) &&
      !pv.row;
    if (wrappedHyphen && prev !== undefined) {
      out[out.length - 1] = `${prev} ${line}`;
      pv.append(line);
      lastPhys[lastPhys.length - 1] = line.length;
      blankBefore = false;
      pageBreak = false;
      continue;
    }
    // A heading in capitals wrapped onto a second line of capitals.
    if (
      prev !== undefined &&
      !blankBefore &&
      pv.startMatches(SECTION_HEADING, SECTION_HEADING_PREFIX) &&
      pv.upperHeading() &&
      isUpperHeading(line) &&
      !SECTION_HEADING.test(line)
    ) {
      out[out.length - 1] = `${prev} ${line}`;
      pv.append(line);
      lastPhys[lastPhys.length - 1] = line.length;
      pageBreak = false;
      continue;
    }
    const structural = isStructuralStart(line);
    // "… Cơ quan" + "chủ trì: X": a label read as a line start is the rest of an unfinished line when it starts in
    // lower case; and a label at the end of a line ("Cơ quan chủ trì:") takes its value from the next line.
    const labelContinues =
      prev !== undefined &&
      !pv.row &&
      structural &&
      !BULLET.test(line) &&
      !NUMBERED.test(line) &&
      !LETTERED.test(line) &&
      !isUpperHeading(line) &&
      startsLower(line) &&
      !/[.;:!?]["”)]?$/u.test(pv.last);
    const valueContinues =
      prev !== undefined &&
      !pv.row &&
      !structural &&
      pv.last.endsWith(":") &&
      LABEL_END.test(foldKeepLength(pv.last.slice(-40))) &&
      !isUpperHeading(line);
    if (prev !== undefined && !pv.row && (labelContinues || valueContinues)) {
      join = true;
    } else if (prev !== undefined && !pv.row && !structural) {
      const prevEnds = /[.;:!?]["”)]?$/u.test(pv.last);
      if (
        pageBreak &&
        !prevEnds &&
        !pv.upperHeading() &&
        !isUpperHeading(line) &&
        (startsLower(line) || (lastPhys[lastPhys.length - 1] ?? 0) >= longLen * 0.6)
      ) {
        // a sentence cut by a page break ("… thời gian: Quý" / page number / running header / "III/2026.")
        join = true;
      } else if (blankBefore) {
        // A page break inside a bullet: the bullet's last line was full width and did not end a sentence.
        const wrappedBullet =
          pv.startMatches(BULLET, BULLET_PREFIX) && !prevEnds && (lastPhys[lastPhys.length - 1] ?? 0) >= longLen * 0.8;
        join = (startsLower(line) && !/[.!?]["”)]?$/u.test(pv.last)) || wrappedBullet;
      } else if (startsLower(line)) join = true;
      else join = !prevEnds && (lastPhys[lastPhys.length - 1] ?? 0) >= longLen * 0.72;
      const lineUpper = isUpperHeading(line);
      if (pv.upperHeading() !== lineUpper) join = false;
      else if (pv.upperHeading() && lineUpper && !blankBefore) join = true;
    }
    if (join && prev !== undefined) {
      out[out.length - 1] = `${prev} ${line}`;
      pv.append(line);
      lastPhys[lastPhys.length - 1] = line.length;
    } else {
      out.push(line);
      pv.set(line);
      lastPhys.push(line.length);
    }
    blankBefore = false;
    pageBreak = false;
  }
  flushRow();
  return out
    .map((l) => {
      const t = l.includes("  ") ? l.replace(/ {2,}/g, " ") : l;
      return t.includes("¢") ? t.replace(/^\(?¢\)/u, "c)") : t;
    })
    .join("\n");
}

/** Median length of the longer physical lines: a line this long was probably wrapped by the page width. */
function typicalLineLength(lines: string[]): number {
  // l.trim().length, without building the trimmed strings; a typed array sorts numerically
  const all = new Int32Array(lines.length);
  let k = 0;
  for (const l of lines) {
    let a = 0;
    let b = l.length;
    while (a < b && isSpaceUnit(l.charCodeAt(a))) a++;
    while (b > a && isSpaceUnit(l.charCodeAt(b - 1))) b--;
    if (b - a >= 30) all[k++] = b - a;
  }
  if (k === 0) return 80;
  const lens = all.subarray(0, k).sort();
  return lens[Math.floor(k * 0.6)] ?? 80;
}
