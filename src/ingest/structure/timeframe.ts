/**
 * Timeframes ("Thời gian thực hiện: …") → `Timeframe` per the contract's kind table:
 * ongoing (Thường xuyên) · recurring (Hằng năm) · by (Hoàn thành tháng 9/2025, trước ngày 01/10/2024) ·
 * period (Tháng 4-5/2025, Năm 2025 - 2026, Trong năm 2024, 2025) · conditional (Theo hướng dẫn…, Khi có…, Sau khi…) ·
 * unspecified (nothing printed).
 */
import type { Timeframe } from "../../core/plan-v1.js";
import { cleanField, fold, isoDate, lastDayOfMonth } from "./text-utils.js";

const UNSPECIFIED: Timeframe = { text: null, kind: "unspecified", start: null, end: null, deadlines: [] };

export function unspecifiedTimeframe(): Timeframe {
  return { ...UNSPECIFIED, deadlines: [] };
}

const YEAR = "((?:19|20)\\d{2})";

/** Every full date dd/mm/yyyy (or dd-mm-yyyy, "ngày d tháng m năm y") in the text, in order. */
export function fullDates(text: string): string[] {
  const f = fold(text);
  const out: string[] = [];
  const re = new RegExp(
    `(\\d{1,2})\\s*([/.-])\\s*(\\d{1,2})\\s*\\2\\s*${YEAR}|ng\\S{0,3}\\s*(\\d{1,2})\\s*th\\S{0,3}ng\\s*(\\d{1,2})\\s*n\\S{0,2}m\\s*${YEAR}`,
    "g",
  );
  for (let m = re.exec(f); m; m = re.exec(f)) {
    const d = Number(m[1] ?? m[5]);
    const mo = Number(m[3] ?? m[6]);
    const y = Number(m[4] ?? m[7]);
    const iso = isoDate(y, mo, d);
    if (iso) out.push(iso);
  }
  return out;
}

const ROMAN_Q: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

interface Span2 {
  start: string;
  end: string;
}

/** Month spans like "tháng 4-5/2025", "tháng 12/2025", "tháng 06 năm 2025", quarters, half years. */
function monthSpan(f: string): Span2 | null {
  let m = new RegExp(`thang\\s*(\\d{1,2})\\s*(?:-|–|den)\\s*(?:thang\\s*)?(\\d{1,2})\\s*(?:/|nam)\\s*${YEAR}`).exec(f);
  if (m) {
    const y = Number(m[3]);
    const a = isoDate(y, Number(m[1]), 1);
    const b = lastDayOfMonth(y, Number(m[2]));
    if (a && b) return { start: a, end: b };
  }
  m = new RegExp(`thang\\s*(\\d{1,2})\\s*(?:/|nam)\\s*${YEAR}`).exec(f);
  if (m) {
    const y = Number(m[2]);
    const a = isoDate(y, Number(m[1]), 1);
    const b = lastDayOfMonth(y, Number(m[1]));
    if (a && b) return { start: a, end: b };
  }
  m = new RegExp(
    // "Quý II - Quý IV/2026", "Quý II và Quý III/2026", "Quý I, II và III/2026": from the first to the last quarter
    `quy\\s*(iv|iii|ii|i|[1-4])(?:\\s*(?:,|va)\\s*(?:quy\\s*)?(?:iv|iii|ii|i|[1-4])(?![a-z]))*\\s*(?:-|–|den|va|,)\\s*(?:het\\s+)?(?:quy\\s*)?(iv|iii|ii|i|[1-4])\\s*(?:/|nam)\\s*${YEAR}`,
  ).exec(f);
  if (m) {
    const y = Number(m[3]);
    const a = isoDate(y, ROMAN_Q[m[1]!]! * 3 - 2, 1);
    const b = lastDayOfMonth(y, ROMAN_Q[m[2]!]! * 3);
    if (a && b && a < b) return { start: a, end: b };
  }
  m = new RegExp(`quy\\s*(iv|iii|ii|i|[1-4])\\s*(?:/|nam)\\s*${YEAR}`).exec(f);
  if (m) {
    const q = ROMAN_Q[m[1]!]!;
    const y = Number(m[2]);
    const a = isoDate(y, q * 3 - 2, 1);
    const b = lastDayOfMonth(y, q * 3);
    if (a && b) return { start: a, end: b };
  }
  m = new RegExp(`(?:6|06|sau)\\s*thang\\s*(dau|cuoi)\\s*nam\\s*${YEAR}`).exec(f);
  if (m) {
    const y = Number(m[2]);
    return m[1] === "dau" ? { start: `${y}-01-01`, end: `${y}-06-30` } : { start: `${y}-07-01`, end: `${y}-12-31` };
  }
  return null;
}

/** Year spans: "năm 2025 - 2026", "2025-2030", "trong năm 2024, 2025", "năm 2025", "giai đoạn 2025-2030". */
function yearSpan(f: string): Span2 | null {
  const years = [...f.matchAll(new RegExp(`(?<!\\d|/)${YEAR}(?!\\d)`, "g"))].map((m) => Number(m[1]));
  if (years.length === 0) return null;
  const lo = Math.min(...years);
  const hi = Math.max(...years);
  if (hi - lo > 30) return null;
  return { start: `${lo}-01-01`, end: `${hi}-12-31` };
}

const ONGOING = /\bth\S{1,4}ng\s+xuy\S{0,2}n\b|\blien\s+tuc\b|\bhang\s+ngay\b/;
const RECURRING = /\bh[a-z]ng\s+(?:nam|quy|th[a-z]ng)\b|\bmoi\s+nam\b|\bdinh\s+ky\b|\btheo\s+dinh\s+ky\b/;
const CONDITIONAL_START =
  /^(?:\(?\s*)(?:theo\s+(?:huong\s+dan|chuong\s+trinh|lo\s+trinh|ke\s+hoach|chi\s+dao|yeu\s+cau|tien\s+do|van\s+ban|quy\s+dinh|thong\s+bao)|sau\s+khi|khi\s+|ngay\s+khi|tuy\s+(?:theo|tinh\s+hinh)|can\s+cu|trong\s+truong\s+hop)/;
const BY_CUE = /\b(?:hoan\s+thanh|truoc|cham\s+nhat|khong\s+qua|han\s+chot|xong\s+truoc|ket\s+thuc)\b/;

/** Periods joined by "và", each with its own year ("Quý IV/2025 và năm 2026"): their overall span, else null. */
function joinedSpans(f: string): Span2 | null {
  const parts = f.split(" va ");
  if (parts.length < 2 || parts.length > 4) return null;
  let start: string | null = null;
  let end: string | null = null;
  for (const p of parts) {
    if (!/(?:19|20)\d{2}/.test(p)) return null;
    const sp = monthSpan(p) ?? (/\bnam\s+(?:19|20)\d{2}/.test(p) ? yearSpan(p) : null);
    if (!sp) return null;
    if (start === null || sp.start < start) start = sp.start;
    if (end === null || sp.end > end) end = sp.end;
  }
  return start && end ? { start, end } : null;
}

/** Parse the text printed as a task's timeframe. */
export function parseTimeframe(raw: string | null | undefined): Timeframe {
  if (raw == null) return unspecifiedTimeframe();
  const text = cleanField(raw);
  if (text === "" || /^[-–—.\s]*$/.test(text)) return unspecifiedTimeframe();
  const f = fold(text);
  const deadlines = fullDates(text);
  const tf = (kind: Timeframe["kind"], start: string | null, end: string | null): Timeframe => ({
    text,
    kind,
    start,
    end,
    deadlines,
  });

  if (CONDITIONAL_START.test(f)) return tf("conditional", null, null);
  if (RECURRING.test(f)) return tf("recurring", null, null);
  if (ONGOING.test(f)) return tf("ongoing", null, null);
  if (BY_CUE.test(f)) {
    if (deadlines.length > 0) {
      const end = [...deadlines].sort().at(-1)!;
      return tf("by", null, end);
    }
    const ms = monthSpan(f);
    if (ms) return tf("by", null, ms.end);
    const ys = yearSpan(f);
    if (ys) return tf("by", null, ys.end);
  }
  if (deadlines.length === 1 && !/(?:den|-|–)/.test(f.replace(/\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/g, ""))) {
    return tf("by", null, deadlines[0]!);
  }
  if (deadlines.length >= 2) {
    const sorted = [...deadlines].sort();
    return tf("period", sorted[0]!, sorted.at(-1)!);
  }
  // "Tháng 4/2026 và tháng 10/2026", "Quý IV/2025 và Năm 2026": two named periods → from the first to the last
  const two = f.includes(" va ") ? joinedSpans(f) : null;
  if (two) return tf("period", two.start, two.end);
  const ms = monthSpan(f);
  if (ms) return tf("period", ms.start, ms.end);
  const ys = yearSpan(f);
  if (ys) return tf("period", ys.start, ys.end);
  // "Theo hướng dẫn …", "thực hiện theo lộ trình …", "triển khai khi có …"
  if (/^(?:(?:thuc\s*hien|trien\s+khai|hoan\s+thanh)\s+)?(?:theo|khi|sau)\b/.test(f))
    return tf("conditional", null, null);
  return { text, kind: "unspecified", start: null, end: null, deadlines };
}

/**
 * A timeframe stated inside a duty sentence rather than on its own line: "Thường xuyên phát động …",
 * "… trên địa bàn (khi có yêu cầu)", "Định kỳ trước ngày 15/12 hằng năm báo cáo …".
 */
export function inlineTimeframe(
  sentence: string,
  planPeriod?: { start: string; end: string } | null,
  folded: string = fold(sentence),
): { timeframe: Timeframe; start: number; end: number } | null {
  const f = folded;
  let m =
    /^\s*((?:dinh\s+ky|h[a-z]ng\s+nam|hang\s+quy|h[a-z]ng\s+thang)\b[^,;]*?\bh[a-z]ng\s+(?:nam|quy|thang)\b)/.exec(f);
  if (!m) m = /^\s*(dinh\s+ky\s+(?:truoc|vao)\s+ngay\s+\d{1,2}\s*\/\s*\d{1,2})/.exec(f);
  if (m) {
    const start = m.index + m[0].length - m[1]!.length;
    const end = m.index + m[0].length;
    return { timeframe: { ...parseTimeframe(sentence.slice(start, end)), kind: "recurring" }, start, end };
  }
  m = /\((khi\s+co[^)]{0,60}|theo\s+yeu\s+cau[^)]{0,40})\)/.exec(f);
  if (m) {
    const start = m.index + 1;
    const end = start + m[1]!.length;
    return {
      timeframe: {
        text: cleanField(sentence.slice(start, end)),
        kind: "conditional",
        start: null,
        end: null,
        deadlines: [],
      },
      start,
      end,
    };
  }
  m = ONGOING.exec(f);
  if (m) {
    return {
      timeframe: {
        text: cleanField(sentence.slice(m.index, m.index + m[0].length)),
        kind: "ongoing",
        start: null,
        end: null,
        deadlines: [],
      },
      start: m.index,
      end: m.index + m[0].length,
    };
  }
  m =
    /\b(?:hoan\s+thanh\s+)?(?:truoc|cham\s+nhat(?:\s+(?:la|vao))?)\s+ngay\s+\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*(?:19|20)\d{2}/.exec(
      f,
    );
  if (m) {
    const tf = parseTimeframe(sentence.slice(m.index, m.index + m[0].length));
    return { timeframe: tf, start: m.index, end: m.index + m[0].length };
  }
  // "… hoàn thành trong tháng 12/2025", "hoàn thành tháng 9/2025", "hoàn thành trong quý III/2026", "… năm 2026" → by
  m = INLINE_BY.exec(f);
  if (m) {
    const tf = parseTimeframe(sentence.slice(m.index, m.index + m[0].length));
    if (tf.kind === "by") return { timeframe: tf, start: m.index, end: m.index + m[0].length };
  }
  // "… báo cáo định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12) …"
  m =
    /\bdinh\s+ky\s+(?:0?[136]\s+thang|h[a-z]ng\s+(?:nam|quy|thang)|moi\s+(?:nam|quy|thang))(?:\s*\([^()]{0,60}\))?(?:\s*(?:,|va)\s*(?:0?[136]\s+thang|h[a-z]ng\s+(?:nam|quy|thang)|nam)(?:\s*\([^()]{0,60}\))?){0,3}/.exec(
      f,
    );
  if (m) {
    const text = cleanField(sentence.slice(m.index, m.index + m[0].length));
    return {
      timeframe: { text, kind: "recurring", start: null, end: null, deadlines: [] },
      start: m.index,
      end: m.index + m[0].length,
    };
  }
  // "… trong tháng 11/2025", "… trong quý III/2025", "… trong 6 tháng đầu năm 2025"
  m =
    /\btrong\s+((?:thang\s*\d{1,2}(?:\s*(?:-|–|den)\s*(?:thang\s*)?\d{1,2})?|quy\s*(?:iv|iii|ii|i|[1-4]))\s*(?:\/|nam)\s*(?:19|20)\d{2}|(?:6|06|sau)\s*thang\s*(?:dau|cuoi)\s*nam\s*(?:19|20)\d{2})/.exec(
      f,
    );
  if (m) {
    const start = m.index + m[0].length - m[1]!.length;
    const end = m.index + m[0].length;
    const tf = parseTimeframe(sentence.slice(start, end));
    if (tf.kind === "period") return { timeframe: tf, start, end };
  }
  // "… báo cáo kết quả hằng năm (trước ngày 15/11) về …": a recurring rule with its due date in parentheses
  m = /\b(?:h[a-z]ng|moi)\s+(?:nam|quy|thang)\s*\((?:truoc|vao|cham\s+nhat)\b[^()]{0,50}\)/.exec(f);
  if (m) {
    const text = cleanField(sentence.slice(m.index, m.index + m[0].length));
    return {
      timeframe: { text, kind: "recurring", start: null, end: null, deadlines: fullDates(text) },
      start: m.index,
      end: m.index + m[0].length,
    };
  }
  // "…, định kỳ báo cáo Ủy ban nhân dân tỉnh": a periodic report; "… vào dịp cuối năm hằng năm." closing the sentence
  m =
    /\bdinh\s+ky(?=\s+(?:bao\s+cao|tong\s+hop)\b)/.exec(f) ??
    /\b(?:h[a-z]ng|moi)\s+(?:nam|quy|thang)(?=\s*[.;]?\s*$)/.exec(f);
  if (m) {
    return {
      timeframe: {
        text: cleanField(sentence.slice(m.index, m.index + m[0].length)),
        kind: "recurring",
        start: null,
        end: null,
        deadlines: [],
      },
      start: m.index,
      end: m.index + m[0].length,
    };
  }
  // "…, 06 tháng/lần.", "… 2 lần/năm": a recurring duty; "… khắc phục sự cố khi có yêu cầu." closing the sentence
  if (f.includes("/")) {
    m = /\b\d{1,2}\s*(?:th\S{0,2}ng|l\S{1,2}n)\s*\/\s*(?:l\S{1,2}n|n\S{0,2}m|quy|th\S{0,2}ng)\b/.exec(f);
    if (m) {
      return {
        timeframe: {
          text: cleanField(sentence.slice(m.index, m.index + m[0].length)),
          kind: "recurring",
          start: null,
          end: null,
          deadlines: [],
        },
        start: m.index,
        end: m.index + m[0].length,
      };
    }
  }
  m = /\b(?:khi\s+co\s+yeu\s+cau|theo\s+yeu\s+cau)(?=\s*[.;]?\s*$)/.exec(f);
  if (m) {
    return {
      timeframe: {
        text: cleanField(sentence.slice(m.index, m.index + m[0].length)),
        kind: "conditional",
        start: null,
        end: null,
        deadlines: [],
      },
      start: m.index,
      end: m.index + m[0].length,
    };
  }
  // "… cho máy tính của các sở (Quý II/2025)." — a period in a closing parenthesis
  if (f.includes("(")) {
    m = /\(\s*((?:trong\s+|vao\s+)?(?:quy|thang|nam)\s*[^()]{1,30}?)\s*\)\s*[.;]?\s*$/.exec(f);
    if (m) {
      const start = m.index + m[0].indexOf(m[1]!);
      const end = start + m[1]!.length;
      const tf = parseTimeframe(sentence.slice(start, end));
      if (tf.kind === "period" || tf.kind === "by") return { timeframe: tf, start, end };
    }
  }
  // "… trong năm 2026", "… năm 2025 - 2026" closing the sentence: a period, unless it only repeats the plan's own
  // span ("… giải thưởng sáng tạo năm 2023" in a plan for 2023 inherits the plan's period)
  m = INLINE_YEAR_IN.exec(f) ?? INLINE_YEAR_END.exec(f);
  if (m) {
    const start = m.index + m[0].search(/\S/);
    const end = start + m[1]!.length;
    const tf = parseTimeframe(sentence.slice(start, end));
    const explicit = /^trong\s/.test(m[1]!);
    const same = planPeriod && tf.start === planPeriod.start && tf.end === planPeriod.end;
    // "từ năm 2025" opens a span (folded "tu" is also "tử" in "điện tử", so read the original word)
    const from = /(?:^|\s)từ\s*$/iu.test(sentence.slice(Math.max(0, start - 4), start));
    // "… sơ kết vào Quý IV/2028 và tổng kết vào năm 2030": the span opens with the first named period
    if (tf.kind === "period" && tf.start) {
      const before = f.slice(Math.max(0, start - 70), start);
      const first =
        /(?:vao|trong)\s+((?:quy\s*(?:iv|iii|ii|i|[1-4])|thang\s*\d{1,2})\s*\/\s*(?:19|20)\d{2})\s+va\b[^.;()]{0,40}$/.exec(
          before,
        );
      const sp = first ? monthSpan(first[1]!) : null;
      if (first && sp && sp.start < tf.start) {
        const s0 = start - before.length + first.index;
        const text = cleanField(sentence.slice(s0, end));
        return { timeframe: { ...tf, text, start: sp.start }, start: s0, end };
      }
    }
    if (tf.kind === "period" && !from && (explicit || !same)) return { timeframe: tf, start, end };
  }
  return null;
}

const INLINE_BY =
  /\bhoan\s+thanh\s+(?:(?:trong|vao|truoc|ngay\s+trong)\s+)?(?:thang\s*\d{1,2}\s*(?:\/|nam)\s*(?:19|20)\d{2}|quy\s*(?:iv|iii|ii|i|[1-4])\s*(?:\/|nam)\s*(?:19|20)\d{2}|nam\s+(?:19|20)\d{2})(?!\s*(?:-|–|\/|\d))/;
const INLINE_YEAR_IN = /\b(trong\s+nam\s+(?:19|20)\d{2}(?:\s*(?:-|–|,|va)\s*(?:19|20)\d{2})?)(?!\s*\/|\d)/;
const INLINE_YEAR_END =
  /(?<!\bgiai\s+doan|\bden|\bdinh\s+huong|\btam\s+nhin|\bthang\s+\d{1,2}|\bquy\s+[ivx1-4]{1,3})\s+(nam\s+(?:19|20)\d{2}(?:\s*(?:-|–)\s*(?:19|20)\d{2})?)\s*[.;]?\s*$/;
