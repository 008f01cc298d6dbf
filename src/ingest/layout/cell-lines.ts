/**
 * A table flattened by OCR with every cell on its own line:
 *
 *   STT / Nhiệm vụ / Sản phẩm / Cơ quan chủ trì / Cơ quan phối hợp / Thời gian      (the header, one cell a line)
 *   I / HOÀN THIỆN CƠ CHẾ …                                                         (a section row)
 *   1 / Rà soát, tham mưu … chính / sách hỗ trợ … / Dự thảo … / Sở A / Sở B; Sở C / Quý II/2026
 *
 * The header fixes the column sequence; each row starts at its STT line (the next number, or 1 after a section row; a
 * bare number out of sequence is a page number), and its lines are cut into the columns by the best-scoring
 * segmentation: unit columns begin with a unit name, the time column parses as a timeframe, a text cell begins with a
 * capital, and a line break inside a cell is a wrap (the next word would not have fitted, or the line goes on in lower
 * case or after ",", ";"). The rows are rewritten as tab-separated lines, the layout the table reader expects.
 */
import { fastFold } from "../structure/perf-text.js";
import { classifyHeader, type Column as TaskColumn } from "../structure/tasks.js";

/** A task column, or a column the tasks do not use ("Ghi chú", "Kinh phí"), often left empty. */
type Column = TaskColumn | "note";
const NOTE_HEADER = /^(?:ghi\s+ch\S{1,2}|kinh\s+ph\S|ngu\S{1,2}n\s+kinh\s+ph\S|d\S{1,2}\s+to\S{1,2}n)\b/;

import { isUpperAt } from "../structure/text-utils.js";
import { parseTimeframe } from "../structure/timeframe.js";
import { headAt } from "../structure/units.js";

const STT_CELL = /^(?:stt|tt|so\s+tt|s\.tt)$/;
const NUMBER_CELL = /^(\d{1,3})\.?$/;
const ROMAN_CELL = /^([IVX]{1,4}|[A-ZĐ])\.?$/u;
const TABLE_END = /^(?:noi\s+nh\S{1,2}n|kt\.|tm\.|ph\S{0,2}\s+l\S{1,2}c\b|ghi\s+ch\S{1,2}\b)/;

/** Rewrite every cell-per-line table in `lines` (trimmed-right physical lines) in place. */
export function regroupCellLines(lines: string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t.length > 8 || t.length < 2 || !STT_CELL.test(fastFold(t).toLowerCase())) continue;
    const cols = headerAt(lines, i);
    if (!cols) continue;
    out ??= lines.slice();
    i = rewriteTable(out, i, cols);
  }
  return out ?? lines;
}

/** The columns named by the short lines after an "STT" line, or null. */
function headerAt(lines: string[], i: number): { cols: Column[]; names: string[]; end: number } | null {
  const cols: Column[] = ["stt"];
  const names: string[] = [lines[i]!.trim()];
  let k = i + 1;
  for (; k < lines.length && k < i + 12; k++) {
    const t = lines[k]!.trim();
    if (t === "") continue;
    if (t.length > 40) break;
    let c: Column | null = classifyHeader(t);
    if (c === null && NOTE_HEADER.test(fastFold(t).toLowerCase())) c = "note";
    if (c === null || c === "stt") {
      // "Thời gian" / "thực hiện": a header cell wrapped onto a second line
      if (/^\p{Ll}/u.test(t) && cols.length > 1) {
        names[names.length - 1] += ` ${t}`;
        continue;
      }
      break;
    }
    if (cols.includes(c)) break;
    cols.push(c);
    names.push(t);
  }
  if (cols.length < 4 || !cols.includes("lead") || !cols.includes("title")) return null;
  return { cols, names, end: k };
}

function rewriteTable(
  out: string[],
  headerIdx: number,
  header: { cols: Column[]; names: string[]; end: number },
): number {
  const cols = header.cols.slice(1);
  // the rows: [stt line index, first content line, end)
  const rows: { stt: string; kind: "row" | "section"; lines: number[] }[] = [];
  let expect = 1;
  let k = header.end;
  let cur: (typeof rows)[number] | null = null;
  for (; k < out.length; k++) {
    const t = out[k]!.trim();
    if (t === "") continue;
    const f = fastFold(t).toLowerCase();
    if (t.length > 120 || TABLE_END.test(f) || t.includes("\t")) break;
    const num = NUMBER_CELL.exec(t);
    if (num) {
      const n = Number(num[1]);
      const nextT = nextNonBlank(out, k + 1);
      // a page number: out of sequence, or followed by the row's own number
      if ((n === expect || (n === 1 && cur?.kind === "section")) && !NUMBER_CELL.test(nextT)) {
        cur = { stt: String(n), kind: "row", lines: [] };
        rows.push(cur);
        expect = n + 1;
      }
      continue;
    }
    const roman = ROMAN_CELL.exec(t);
    if (roman && (rows.length === 0 || cur?.lines.length !== 0)) {
      cur = { stt: roman[1]!, kind: "section", lines: [] };
      rows.push(cur);
      expect = 1;
      continue;
    }
    if (!cur) break;
    cur.lines.push(k);
  }
  if (rows.filter((r) => r.kind === "row").length < 2) return header.end;
  // the width the text was wrapped at: the longest lines of the table
  const lens = rows.flatMap((r) => r.lines.map((i) => out[i]!.trim().length)).sort((a, b) => a - b);
  const width = lens[Math.floor(lens.length * 0.95)] ?? 60;
  const rewritten = new Map<number, string>();
  rewritten.set(headerIdx, header.names.join("\t"));
  for (const r of rows) {
    const texts = r.lines.map((i) => out[i]!.trim());
    if (texts.length === 0) continue;
    let row: string;
    if (r.kind === "section") row = [r.stt, texts.join(" "), ...cols.slice(1).map(() => "")].join("\t");
    else {
      const cells = segment(texts, cols, width);
      if (!cells) continue;
      row = [r.stt, ...cells].join("\t");
    }
    rewritten.set(r.lines[0]!, row);
  }
  // blank every line of the table, then put the rows back at their first line
  for (let i = headerIdx; i < k; i++) out[i] = rewritten.get(i) ?? "";
  return k - 1;
}

function nextNonBlank(lines: string[], from: number): string {
  for (let i = from; i < lines.length && i < from + 4; i++) {
    const t = lines[i]!.trim();
    if (t !== "") return t;
  }
  return "";
}

function unitStart(s: string): boolean {
  const f = fastFold(s);
  const h = headAt(s, f, 0);
  if ((h !== null && !h.weak) || /^(?:cac|ubnd|hdnd|mttq)\b/.test(f.toLowerCase())) return true;
  // OCR-damaged heads: "Sé Khoa học …" (Sở), "Céc sở, ban, ngành" (Các)
  return /^S\S\s+\p{Lu}/u.test(s) || /^c\S{1,2}c\s+(?:s\S{1,2}|ph\S{1,2}ng|ban|c\S\s+quan|\S{1,2}on\s+v\S)\b/i.test(f);
}

function lowerStart(s: string): boolean {
  return /^\p{Ll}/u.test(s);
}

/** How strongly line t continues line t-1 inside one cell (negative: a cell boundary). */
function continuation(prev: string, line: string, width: number): number {
  let cs = 0;
  if (lowerStart(line)) cs += 2;
  const listGoesOn = /[,;\-–]$/.test(prev) || /\s(?:và|va|của|cua|các|cac|với|voi)$/iu.test(prev);
  if (listGoesOn) cs += 1.5;
  if (!lowerStart(line)) {
    const sp = line.indexOf(" ");
    const word = sp < 0 ? line.length : sp;
    cs += prev.length + 1 + word <= width * 0.95 ? -1.5 : 1;
  }
  if (unitStart(line) && !listGoesOn) cs -= 1;
  return cs;
}

/** Split a row's lines into the columns (best total score; small rows, exhaustive dynamic programming). */
function segment(texts: string[], cols: Column[], width: number): string[] | null {
  const n = texts.length;
  const k = cols.length;
  if (n > 30) return null;
  const cont: number[] = [0];
  for (let t = 1; t < n; t++) cont.push(continuation(texts[t - 1]!, texts[t]!, width));
  const isUnit = texts.map(unitStart);
  // prefix sums of the continuation scores; the time column's parse, once per line and per short run
  const contSum: number[] = [0];
  for (let t = 0; t < n; t++) contSum.push(contSum[t]! + (t > 0 ? cont[t]! : 0));
  const known = (x: string) => parseTimeframe(x).kind !== "unspecified";
  const timeLine = texts.map(known);
  const chunkScore = (c: Column, a: number, b: number): number => {
    if (a === b) return c === "note" ? 0 : c === "support" || c === "product" ? -1.5 : -4;
    let s = 0;
    const first = texts[a]!;
    if (c === "lead" || c === "support") s += isUnit[a] ? 2 : -3;
    else if (c === "time") {
      // a time cell is short; its first line names the time ("Trước ngày 05/12/2026", "Theo kế hoạch của / Trung …")
      if (b - a > 3) return Number.NEGATIVE_INFINITY;
      s += timeLine[a] ? 3 : b - a > 1 && known(texts.slice(a, b).join(" ")) ? 0 : -3;
      s -= (b - a - 1) * 1;
    } else s += isUpperAt(first, 0) || /^[\d“"(]/u.test(first) ? 1 : -2;
    if (c === "product" && isUnit[a]) s -= 0.3;
    if (c === "note") s -= 0.5;
    s += contSum[b]! - contSum[a + 1]!;
    if (a > 0) s -= cont[a]!;
    return s;
  };
  // best[j][i]: columns 0..j-1 over lines 0..i-1
  const best: number[][] = [];
  const from: number[][] = [];
  for (let j = 0; j <= k; j++) {
    best.push(new Array(n + 1).fill(Number.NEGATIVE_INFINITY));
    from.push(new Array(n + 1).fill(-1));
  }
  best[0]![0] = 0;
  for (let j = 1; j <= k; j++) {
    for (let i = 0; i <= n; i++) {
      for (let a = 0; a <= i; a++) {
        const prev = best[j - 1]![a]!;
        if (prev === Number.NEGATIVE_INFINITY) continue;
        const s = prev + chunkScore(cols[j - 1]!, a, i);
        if (s > best[j]![i]!) {
          best[j]![i] = s;
          from[j]![i] = a;
        }
      }
    }
  }
  if (best[k]![n] === Number.NEGATIVE_INFINITY) return null;
  const cells: string[] = new Array(k).fill("");
  let i = n;
  for (let j = k; j >= 1; j--) {
    const a = from[j]![i]!;
    cells[j - 1] = texts.slice(a, i).join(" ");
    i = a;
  }
  return cells;
}
