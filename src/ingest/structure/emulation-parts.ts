/**
 * Wording-robust readers for the parts of a thi đua plan: phases (explicit "Giai đoạn 1 (2025 - 2027)" anywhere in a
 * line, or inferred from "Sơ kết … vào quý IV năm 2027 (giai đoạn 2025 - 2027); Tổng kết vào năm 2030"), award forms
 * (bullets or inline lists under any "… khen thưởng" heading) and the standing body ("Cơ quan thường trực: X",
 * "giao X làm thường trực", "X là cơ quan thường trực"). All regexes are bounded and work on folded text.
 */
import type { EmulationPhase } from "../../core/plan-v1.js";
import type { Line } from "./lines.js";
import { capitalizeFirst, cleanField, fold, type Piece } from "./text-utils.js";

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const QUARTER: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

const YEAR = "((?:19|20)\\d{2})";
/** A point in time: "tháng 8/2025", "tháng 8 năm 2025", "ngày 01/8/2025", "quý IV/2027", "quý IV năm 2027", "năm 2025". */
const POINT = `(?:ngay\\s+\\d{1,2}\\s*\\/\\s*(\\d{1,2})\\s*\\/\\s*|thang\\s+(\\d{1,2})\\s*(?:\\/|nam)\\s*|quy\\s+(iv|iii|ii|i|[1-4])\\s*(?:\\/|nam)\\s*|nam\\s+)?${YEAR}`;

interface Point {
  year: number;
  /** First and last month the point covers. */
  from: number;
  to: number;
  /** "tháng 12/2027", "quý IV năm 2027", "năm 2027" — for milestone text. */
  label: string;
}

function toPoint(m: RegExpExecArray, at: number): Point | null {
  const mon = m[at] ?? m[at + 1];
  const q = m[at + 2];
  const year = Number(m[at + 3]);
  if (mon) {
    const n = Number(mon);
    if (n < 1 || n > 12) return null;
    return { year, from: n, to: n, label: `tháng ${n}/${year}` };
  }
  if (q) {
    const n = QUARTER[q]!;
    return { year, from: n * 3 - 2, to: n * 3, label: `quý ${["I", "II", "III", "IV"][n - 1]} năm ${year}` };
  }
  return { year, from: 1, to: 12, label: `năm ${year}` };
}

const startOf = (p: Point) => `${p.year}-${pad(p.from)}-01`;
const endOf = (p: Point) => `${p.year}-${pad(p.to)}-${pad(lastDay(p.year, p.to))}`;
function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** "2025 - 2027", "từ tháng 8/2025 đến hết năm 2026", "từ năm 2025 đến năm 2027" at the start of `f`. */
const SPAN = new RegExp(
  // "từ" may come back from OCR as "tr", "trợ", "tir", "u": any short word before the first point
  `^\\s*(?:[^\\s\\d]{1,3}\\s+)?${POINT}\\s*(?:-|–|den(?:\\s+het)?|toi)\\s*(?:het\\s+)?${POINT}|^\\s*(?:[^\\s\\d]{1,3}\\s+)?${POINT}`,
);

function spanAt(f: string): { start: string; end: string } | null {
  const m = SPAN.exec(f);
  if (!m) return null;
  if (m[8]) {
    const a = toPoint(m, 1);
    const b = toPoint(m, 5);
    if (!a || !b) return null;
    const start = startOf(a);
    const end = endOf(b);
    return start < end ? { start, end } : null;
  }
  const a = toPoint(m, 9);
  return a ? { start: startOf(a), end: endOf(a) } : null;
}

const PHASE_HEAD = /\b(giai\s+do\S{1,2}n|dot|chang)\s+(\d{1,2}|iv|iii|ii|i|v|vi)\b\s*(?::|\(|,|-(?!\s*\d))?\s*\(?\s*/g;
const MILESTONE = new RegExp(
  `\\b(so\\s+ket|tong\\s+ket)\\b(?:\\s+giai\\s+do\\S{1,2}n\\s+(\\d{1,2}|iv|iii|ii|i))?[^.;]{0,50}?\\b(?:ngay\\s+\\d{1,2}\\s*\\/\\s*(\\d{1,2})\\s*\\/\\s*|thang\\s+(\\d{1,2})\\s*(?:\\/|nam)\\s*|quy\\s+(iv|iii|ii|i|[1-4])\\s*(?:\\/|nam)\\s*|nam\\s+)${YEAR}(?!\\s*(?:-|–)\\s*\\d)`,
  "g",
);

function milestoneText(m: RegExpExecArray): { what: string; point: Point | null } {
  const what = m[1] === "so ket" ? "Sơ kết" : "Tổng kết";
  return { what, point: toPoint(m, 3) };
}

/** Lines under headings about time ("Thời gian thực hiện", "Tiến độ", "Lộ trình", "Các giai đoạn"), else all. */
function timeScope(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind !== "section" && l.kind !== "numbered" && l.kind !== "lettered") continue;
    const b = l.f.slice(l.bodyStart - l.start).trim();
    if (
      b.length > 90 ||
      !/^(?:thoi\s+gian|tien\s+do|lo\s+trinh|cac\s+giai\s+doan|giai\s+doan\s+thuc|moc\s+thoi)/.test(b)
    )
      continue;
    out.push(l);
    for (let k = i + 1; k < lines.length; k++) {
      const n = lines[k]!;
      if (n.kind === "section") break;
      if (l.kind !== "section" && (n.kind === "numbered" ? n.depth <= l.depth || l.kind === "lettered" : false)) break;
      if (l.kind === "lettered" && n.kind === "lettered") break;
      out.push(n);
    }
  }
  return out;
}

/** Phases written with an explicit span after a "Giai đoạn N" / "Đợt N" head, anywhere in a line. */
function explicitPhases(lines: Line[]): EmulationPhase[] {
  const out: EmulationPhase[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind === "row") continue;
    const fb = l.f.slice(l.bodyStart - l.start);
    PHASE_HEAD.lastIndex = 0;
    const heads: { at: number; end: number; word: string; no: string }[] = [];
    for (let m = PHASE_HEAD.exec(fb); m; m = PHASE_HEAD.exec(fb)) {
      // "sơ kết giai đoạn 1 vào …" names a milestone, not a phase span
      if (/(?:so|tong)\s+ket\s+$/.test(fb.slice(Math.max(0, m.index - 12), m.index))) continue;
      heads.push({ at: m.index, end: m.index + m[0].length, word: m[1]!, no: m[2]! });
    }
    heads.forEach((h, k) => {
      const sp = spanAt(fb.slice(h.end, h.end + 90));
      if (!sp) return;
      if (out.some((p) => p.start === sp.start && p.end === sp.end)) return;
      // the milestone: in this phase's own text (up to the next head), else the paragraph after the line
      const own = fb.slice(h.at, k + 1 < heads.length ? heads[k + 1]!.at : fb.length);
      const next = lines[i + 1];
      const scope = heads.length > 1 || !next || next.kind !== "para" ? own : `${own} ${next.f}`;
      MILESTONE.lastIndex = 0;
      const ms = MILESTONE.exec(scope);
      let milestone: string | null = null;
      if (ms) {
        const t = milestoneText(ms);
        if (t.point) milestone = `${t.what} ${t.point.label}`;
      }
      const word = h.word.startsWith("giai") ? "Giai đoạn" : h.word === "dot" ? "Đợt" : "Chặng";
      const no = /^\d/.test(h.no) ? String(Number(h.no)) : h.no.toUpperCase();
      out.push({ name: `${word} ${no}`, start: sp.start, end: sp.end, milestone });
    });
  }
  return out;
}

/**
 * Phases inferred from review milestones when no phase span is printed: "Sơ kết giai đoạn 1 vào quý IV năm 2027
 * (giai đoạn 2025 - 2027); Tổng kết vào quý IV năm 2030 (giai đoạn 2028 - 2030)", or "Năm 2025: phát động …; Sơ kết
 * vào tháng 12/2027; Tổng kết vào năm 2030" (phase 1 runs from the movement's start to the first milestone, each next
 * phase from the day after the previous one's end).
 */
function milestonePhases(scope: Line[], planStart: string | null): EmulationPhase[] {
  const text = scope.map((l) => l.f.slice(l.bodyStart - l.start)).join(" ; ");
  if (!text) return [];
  const found: { what: string; point: Point; span: { start: string; end: string } | null; no: string | null }[] = [];
  MILESTONE.lastIndex = 0;
  for (let m = MILESTONE.exec(text); m; m = MILESTONE.exec(text)) {
    const t = milestoneText(m);
    if (!t.point) continue;
    // "(giai đoạn 2025 - 2027)" / "(từ năm 2025 đến năm 2027)" right after the milestone
    const after = /^\s*[,:]?\s*\(\s*(?:giai\s+do\S{1,2}n\s+)?/.exec(text.slice(m.index + m[0].length));
    let span: { start: string; end: string } | null = null;
    if (after) {
      const s = spanAt(
        text.slice(m.index + m[0].length + after[0].length, m.index + m[0].length + after[0].length + 70),
      );
      if (s && s.start.slice(0, 4) !== s.end.slice(0, 4)) span = s;
      else if (s && s.start.slice(0, 7) !== s.end.slice(0, 7)) span = s;
    }
    if (found.some((x) => endOf(x.point) === endOf(t.point!))) continue;
    found.push({ what: t.what, point: t.point, span, no: m[2] ?? null });
  }
  if (found.length === 0) return [];
  found.sort((a, b) => (endOf(a.point) < endOf(b.point) ? -1 : 1));
  // the movement's start: "từ tháng 8/2025", "từ năm 2025", "Năm 2025: phát động", else the first year in scope
  let start: string | null = null;
  const from = new RegExp(`\\b(?:tu|bat\\s+dau\\s+tu|trien\\s+khai\\s+tu)\\s+${POINT}`).exec(text);
  const first = from ?? new RegExp(`(?:^|[\\s;:(])${POINT}`).exec(text);
  if (first) {
    const p = toPoint(first, 1);
    if (p) start = startOf(p);
  }
  start ??= planStart;
  const out: EmulationPhase[] = [];
  let cur = start;
  for (const [k, x] of found.entries()) {
    const end = x.span?.end ?? endOf(x.point);
    const s = x.span?.start ?? cur;
    if (!s || s > end) continue;
    const no = x.no ? (/^\d/.test(x.no) ? String(Number(x.no)) : x.no.toUpperCase()) : String(k + 1);
    out.push({ name: `Giai đoạn ${no}`, start: s, end, milestone: `${x.what} ${x.point.label}` });
    cur = dayAfter(end);
  }
  return out;
}

export function readPhases(lines: Line[], planStart: string | null): EmulationPhase[] {
  const explicit = explicitPhases(lines);
  if (explicit.length > 0) return explicit;
  return milestonePhases(timeScope(lines), planStart);
}

// ---------- awards ----------

const AWARD_NOUN =
  /^(?:huan\s+chuong|huy\s+chuong|bang\s+khen|co\s+thi\s+dua|giay\s+khen|chien\s+s\S\s+thi\s+dua|danh\s+hieu|ky\s+niem\s+chuong|tap\s+the\s+lao\s+dong|lao\s+dong\s+tien\s+tien|anh\s+hung\s+lao\s+dong|giai\s+thuong|giay\s+chung\s+nhan|thu\s+khen)\b/;
const AWARD_HEADING = /^[^:]{0,50}\bkhen\s+thuong\b[^:]{0,50}:?$/;
const AWARD_INLINE =
  /\b(?:hinh\s+thuc\s+khen\s+thuong|khen\s+thuong|danh\s+hieu\s+thi\s+dua|gom|bao\s+gom)\s*(?:gom|bao\s+gom)?\s*:\s*/;

/** Split "A, B; C và D" into the pieces that each start with an award noun (a comma inside one award stays). */
function splitAwards(s: string, base: number): Piece[] {
  const f = fold(s);
  const cuts: number[] = [];
  const sep = /\s*(?:[,;]|\bva\b|\bhoac\b)\s*/g;
  for (let m = sep.exec(f); m; m = sep.exec(f)) {
    const next = m.index + m[0].length;
    if (AWARD_NOUN.test(f.slice(next, next + 30))) cuts.push(m.index, next);
    if (m[0].length === 0) sep.lastIndex++;
  }
  const out: Piece[] = [];
  const bounds = [0, ...cuts, s.length];
  for (let k = 0; k + 1 < bounds.length; k += 2) {
    const a = bounds[k]!;
    const b = bounds[k + 1]!;
    const p = f.slice(a, b).trimStart();
    if (!AWARD_NOUN.test(p)) continue;
    // "Bằng khen của Chủ tịch UBND tỉnh: tặng cho tập thể …" → the award's name only
    const stop = /\s*(?::|\s\((?!.*\))|\s(?:tang\s+cho|cho\s+(?:cac\s+)?(?:tap\s+the|ca\s+nhan)|doi\s+voi)\b)/.exec(
      f.slice(a, b),
    );
    const e = stop ? a + stop.index : b;
    const text = cleanField(s.slice(a, e)).replace(/[.;,]+$/, "");
    if (text) out.push({ text, start: base + a, end: base + e });
  }
  return out;
}

/** Award forms: items starting with an award noun under any "… khen thưởng" heading, or inline after "…: ". */
export function readAwards(src: string, lines: Line[], blockAfter: (h: number) => Line[]): Piece[] {
  const out: Piece[] = [];
  const add = (ps: Piece[]) => {
    for (const p of ps) if (!out.some((x) => fold(x.text) === fold(p.text))) out.push(p);
  };
  const inline = (l: Line) => {
    const fb = l.f.slice(l.bodyStart - l.start);
    const m = AWARD_INLINE.exec(fb);
    if (!m || !/khen\s+thuong|danh\s+hieu/.test(fb.slice(0, m.index + m[0].length))) return;
    const at = m.index + m[0].length;
    add(splitAwards(src.slice(l.bodyStart + at, l.end), l.bodyStart + at));
  };
  for (let h = 0; h < lines.length; h++) {
    const l = lines[h]!;
    if (l.kind === "row" || l.kind === "bullet" || l.kind === "subbullet") continue;
    const fb = l.f.slice(l.bodyStart - l.start).trim();
    if (AWARD_HEADING.test(fb)) {
      const block =
        l.kind === "para"
          ? (() => {
              const b: Line[] = [];
              for (let k = h + 1; k < lines.length; k++) {
                const n = lines[k]!;
                if (n.kind !== "bullet" && n.kind !== "subbullet") break;
                b.push(n);
              }
              return b;
            })()
          : blockAfter(h);
      for (const n of block) {
        if (n.kind === "row") continue;
        const nb = n.f.slice(n.bodyStart - n.start).trimStart();
        if (AWARD_NOUN.test(nb) && n.kind !== "para") add(splitAwards(src.slice(n.bodyStart, n.end), n.bodyStart));
        else inline(n);
      }
    } else if (/khen\s+thuong|danh\s+hieu/.test(fb.slice(0, 60))) inline(l);
  }
  return out;
}

// ---------- standing body ----------

const UNIT_HEAD =
  /(?:s\S{1,2}|ph\S{1,2}ng|ban|uy\s+ban|ubnd|v\S{1,2}n\s+ph\S{1,2}ng|trung\s+t\S{1,2}m|b\S|c\S{1,2}c|hoi\s+dong|cong\s+an|lien\s+doan|doan)\s/;
const TRUC = /th\S{1,4}ng\s+tr\S{1,2}c\b/g;
const SEGMENT_UNIT =
  /(?:^|[\s,;])((?:s\S{1,2}|ph\S{1,2}ng|ban|uy\s+ban|ubnd|v\S{1,2}n\s+ph\S{1,2}ng|trung\s+t\S{1,2}m|hoi\s+dong|cong\s+an|lien\s+doan)\s[^,;]*)$/;

/**
 * Where the standing body's name starts in `src` (for the caller's unit reader), when written as "Cơ quan thường
 * trực: X", "Cơ quan thường trực phong trào là X", "giao X làm (cơ quan) thường trực", "X là cơ quan thường trực",
 * "X (cơ quan thường trực …)".
 */
export function standingBodyAt(src: string): { start: number; end: number | null } | null {
  const f = fold(src);
  TRUC.lastIndex = 0;
  for (let m = TRUC.exec(f); m; m = TRUC.exec(f)) {
    const lineStart = f.lastIndexOf("\n", m.index) + 1;
    let lineEnd = f.indexOf("\n", m.index);
    if (lineEnd < 0) lineEnd = f.length;
    const endAt = m.index + m[0].length;
    const before = f.slice(Math.max(lineStart, m.index - 200), m.index);
    const base = m.index - before.length;
    // "giao X làm thường trực", "giao cho X là cơ quan thường trực"
    const g = /\bgiao\s+(?:cho\s+)?([^;.:]{3,150}?)\s+(?:lam|la)\s+(?:\(\s*)?(?:c\S\s+quan\s+)?$/.exec(before);
    if (g) {
      const start = base + g.index + /^giao\s+(?:cho\s+)?/.exec(g[0])![0].length;
      return { start, end: start + g[1]!.length };
    }
    // "X là cơ quan thường trực", "X (cơ quan thường trực …)", "X làm thường trực"
    const r = /(?:\(\s*(?:la\s+)?|\s(?:la|lam)\s+)(?:c\S\s+quan\s+)?$/.exec(before);
    if (r) {
      const u = SEGMENT_UNIT.exec(before.slice(0, r.index));
      if (u) return { start: base + u.index + u[0].length - u[1]!.length, end: base + r.index };
    }
    // "Cơ quan thường trực (phong trào): X", "… là X"
    if (/c\S\s+quan\s+$/.test(before) || /^\s+(?:phong\s+trao|thi\s+dua|hoi\s+dong)/.test(f.slice(endAt, endAt + 20))) {
      const after = f.slice(endAt, lineEnd);
      const a = /^[^:.;()]{0,60}?(?::\s*|\s+la\s+)/.exec(after);
      if (a) {
        const pos = endAt + a[0].length;
        if (UNIT_HEAD.test(`${f.slice(pos, pos + 30)} `)) return { start: pos, end: null };
      }
    }
  }
  return null;
}

// ---------- criteria ----------

export interface CriteriaDraft {
  subject: string;
  items: string[];
  span: Piece;
}

const SUBJECT_START = /^(?:doi\s+voi\b|(?:cac\s+)?(?:tap\s+the|ca\s+nhan)\b[^.]{0,80}:?$)/;

/**
 * Criteria subjects and their items in the block under a "Tiêu chí thi đua" heading: lettered or numbered subjects
 * ("a) Đối với …", "1. Đối với tập thể"), or bullet/paragraph subjects ("- Đối với cá nhân:" + "+ …" items); items are
 * the bullets / paragraphs (or the "+" sub-bullets of a bullet subject), or the text after the subject's colon.
 */
export function readCriteria(src: string, block: Line[]): CriteriaDraft[] {
  const out: CriteriaDraft[] = [];
  let cur: (CriteriaDraft & { kind: Line["kind"]; depth: number }) | null = null;
  const body = (l: Line) => src.slice(l.bodyStart, l.end);
  for (const l of block) {
    if (l.kind === "row" || l.kind === "section") continue;
    const fb = l.f.slice(l.bodyStart - l.start).trim();
    const heading =
      l.kind === "lettered" || (l.kind === "numbered" && !(cur?.kind === "numbered" && l.depth > cur.depth));
    const softSubject =
      (l.kind === "bullet" || l.kind === "para") &&
      SUBJECT_START.test(fb) &&
      (/:$/.test(fb) || (fb.length <= 120 && !/[.;]$/.test(fb))) &&
      !(cur && cur.kind === "bullet" && l.kind === "para");
    if (heading || softSubject) {
      const raw = body(l);
      const colon = raw.indexOf(":");
      const subj = colon >= 0 ? raw.slice(0, colon) : raw;
      const subject = capitalizeFirst(cleanField(subj));
      if (!subject) continue;
      cur = {
        subject,
        items: [],
        span: { text: subject, start: l.bodyStart, end: l.end },
        kind: l.kind,
        depth: l.depth,
      };
      out.push(cur);
      if (colon >= 0) {
        for (const part of raw.slice(colon + 1).split(";")) {
          const t = cleanField(part).replace(/[.]+$/, "");
          if (t) cur.items.push(capitalizeFirst(t));
        }
      }
      continue;
    }
    if (!cur) continue;
    const text = cleanField(body(l));
    if (!text) continue;
    if (cur.kind === "bullet") {
      if (l.kind === "subbullet") cur.items.push(text);
      continue;
    }
    if (l.kind === "bullet" || l.kind === "para" || l.kind === "numbered") cur.items.push(text);
    else if (l.kind === "subbullet") {
      if (cur.items.length > 0) cur.items[cur.items.length - 1] += ` ${text}`;
      else cur.items.push(text);
    }
  }
  return out.map(({ subject, items, span }) => ({ subject, items, span }));
}
