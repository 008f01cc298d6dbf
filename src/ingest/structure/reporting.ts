/**
 * Reporting regimes ("Chế độ báo cáo"): "định kỳ hằng tháng (vào ngày 05 hằng tháng), 06 tháng (trước ngày 10/6)
 * và năm (trước ngày 10/11)", "định kỳ 03 tháng (trước ngày 03 của tháng cuối quý)", "đột xuất theo yêu cầu".
 * One rule per frequency stated, with due day/month, the month inside a quarter, and the recipient.
 */
import type { ReportingFrequency, ReportingRule } from "../../core/plan-v1.js";
import { cleanField, collapse, fold, type Piece } from "./text-utils.js";

export interface ReportingHit {
  rule: ReportingRule;
  textSpan: Piece;
  recipientSpan: Piece | null;
}

interface Cue {
  frequency: ReportingFrequency;
  re: RegExp;
}

// Order matters: the longer/more specific cue wins at a position.
const CUES: Cue[] = [
  {
    frequency: "monthly",
    re: /(?:dinh\s+ky\s+)?(?:h\S{1,2}ng|moi)\s+th\S{0,2}ng\b|(?<=b\S{1,2}o\s+c\S{0,2}o\s+)th\S{0,2}ng(?=\s*[:)])/g,
  },
  {
    frequency: "quarterly",
    re: /(?:dinh\s+ky\s+)?(?:(?:0?3|ba)\s+th\S{0,2}ng\b|h\S{1,2}ng\s+quy\b|theo\s+quy\b|moi\s+quy\b)|(?<=b\S{1,2}o\s+c\S{0,2}o\s+)quy(?=\s*[:)])/g,
  },
  { frequency: "semiannual", re: /(?:dinh\s+ky\s+)?(?:(?:0?6|sau)\s+th\S{0,2}ng\b|ban\s+nien\b)/g },
  {
    frequency: "annual",
    re: /(?:dinh\s+ky\s+)?(?:h\S{1,2}ng\s+n\S{0,2}m\b|moi\s+n\S{0,2}m\b|(?<=\s|^)n\S{0,2}m\s*(?=\((?:tr|va|ch))|(?<=b\S{1,2}o\s+c\S{0,2}o\s+)n\S{0,2}m(?=\s+(?:gui\s+)?(?:truoc|vao|cham\s+nhat)\s+ngay)|dinh\s+ky\s+(?:truoc|vao)\s+ngay\s+\d{1,2}\s*\/\s*\d{1,2}(?!\s*\/\s*\d)|(?<=b\S{1,2}o\s+c\S{0,2}o\s+)n\S{0,2}m(?=\s*[:)]))/g,
  },
  { frequency: "adhoc", re: /(?:dot\s+xuat|khi\s+co\s+(?:van\s+ban\s+)?yeu\s+cau)/g },
];

/** "báo cáo", also OCR-damaged ("bdo cdo", "béo có") */
const REPORT_WORD = /\bb\S{1,2}o\s+c\S{0,2}o\b/;

interface Found {
  frequency: ReportingFrequency;
  start: number;
  end: number;
}

/** Due fields from the text right after a cue: "(trước ngày 10/6)", "(vào ngày 05 hằng tháng)", "… tháng cuối quý". */
function dueFields(f: string): { day: number | null; month: number | null; mip: number | null } {
  let day: number | null = null;
  let month: number | null = null;
  let mip: number | null = null;
  const dm = /ngay\s+(\d{1,2})\s*\/\s*(\d{1,2})(?!\d)/.exec(f) ?? /ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?!\d)/.exec(f);
  if (dm) {
    day = Number(dm[1]);
    month = Number(dm[2]);
  } else {
    const d = /ngay\s+(\d{1,2})\b/.exec(f);
    if (d) day = Number(d[1]);
  }
  if (/thang\s+cuoi\s+(?:cua\s+)?quy|cuoi\s+quy/.test(f)) mip = 3;
  else if (/thang\s+dau\s+(?:cua\s+)?quy/.test(f)) mip = 1;
  else if (/thang\s+(?:thu\s+)?(?:hai|2)\s+(?:cua\s+)?quy/.test(f)) mip = 2;
  if (day !== null && (day < 1 || day > 31)) day = null;
  if (month !== null && (month < 1 || month > 12)) month = null;
  return { day, month, mip };
}

/** The recipient of reports in a sentence: "báo cáo Ủy ban nhân dân quận (thông qua Phòng Kinh tế)", "gửi về …". */
function findRecipient(s: string, f: string): Piece | null {
  const re =
    /(?:gui\s+(?:bao\s+cao\s+)?(?:ve|cho|den)|bao\s+cao(?:\s+(?:ve|cho|len))?|ve|theo\s+yeu\s+cau\s+cua)\s+((?:uy\s+ban|ubnd|so|phong|ban|van\s+phong|bo)\b[^;]*?)(?=\s+(?:de|truoc|dinh\s+ky|theo|trong|vao|h\S{1,2}ng)\b|[;.]|$)/g;
  for (let m = re.exec(f); m; m = re.exec(f)) {
    const g = m[1]!;
    const start = m.index + m[0].length - g.length;
    let end = start + g.length;
    // keep a following "(qua …)" / "(thông qua …)"
    const paren = /^\s*\((?:thong\s+)?qua\b[^)]*\)/.exec(f.slice(end));
    if (paren) end += paren[0].length;
    // stop before the frequency words that may follow without punctuation
    const cut = /\s+(?:dinh\s+ky|h\S{1,2}ng\s+th|0?6\s+th|0?3\s+th)/.exec(f.slice(start, end));
    if (cut) end = start + cut.index;
    const text = cleanField(s.slice(start, end));
    if (text.length >= 4) return { text, start, end };
  }
  return null;
}

const count = (s: string, c: string) => s.split(c).length - 1;

/** Index of the ")" closing the "(" at `open`, or -1. */
function closingOf(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

/**
 * A rule's text without surrounding spaces and punctuation: a leading "(" or a trailing ")" goes only when it is
 * unmatched inside the text (or the two wrap it all), so "06 tháng (trước ngày 10/6)" keeps its closing parenthesis
 * while the "(" of "(hoặc khi có văn bản yêu cầu" (a rule written inside a parenthesis) is dropped.
 */
export function trimRuleText(raw: string): string {
  let t = raw;
  for (;;) {
    const before = t;
    t = t.replace(/^[\s,;.:]+|[\s,;.:]+$/g, "");
    if (t.startsWith("(") && count(t, "(") > count(t, ")")) t = t.slice(1);
    if (t.endsWith(")") && count(t, ")") > count(t, "(")) t = t.slice(0, -1);
    if (t.startsWith("(") && closingOf(t, 0) === t.length - 1) t = t.slice(1, -1);
    if (t === before) return t;
  }
}

/**
 * Reporting rules stated in one paragraph (`s`, offset `base` in the cleaned text). The paragraph must talk about
 * reports ("báo cáo"); `inReportingSection` relaxes the cues (a paragraph under a "Chế độ báo cáo" heading).
 */
export function reportingIn(
  s: string,
  base: number,
  inReportingSection: boolean,
  folded: string = fold(s),
): ReportingHit[] {
  const f = folded;
  if (!REPORT_WORD.test(f) && !inReportingSection) return [];
  const found: Found[] = [];
  for (const cue of CUES) {
    cue.re.lastIndex = 0;
    for (let m = cue.re.exec(f); m; m = cue.re.exec(f)) {
      const start = m.index;
      const end = m.index + m[0].length;
      if (found.some((x) => start < x.end && end > x.start)) continue;
      found.push({ frequency: cue.frequency, start, end });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const periodic = /dinh\s+ky/.test(f) || inReportingSection;
  const out: ReportingHit[] = [];
  const seen = new Set<ReportingFrequency>();
  const recipient = findRecipient(s, f);
  for (let i = 0; i < found.length; i++) {
    const x = found[i]!;
    if (seen.has(x.frequency) && x.frequency === "adhoc") continue;
    if (x.frequency === "adhoc" && !/dot\s+xuat/.test(f.slice(x.start, x.end)) && !periodic) continue;
    // "trước ngày 15/6/2026 (báo cáo 6 tháng)": the due date written before the cue, which stands in a parenthesis
    const preDate =
      x.frequency === "adhoc"
        ? null
        : /(?:truoc|vao|cham\s+nhat)\s+ngay\s+(\d{1,2})(?:\s*\/\s*(\d{1,2})(?!\d)(?:\s*\/\s*\d{4})?)?\s*\(\s*(?:bao\s+cao\s+)?$/.exec(
            f.slice(Math.max(0, x.start - 50), x.start),
          );
    // "… và báo cáo năm trước ngày 30/11/2026": a report named by its period with its due date is periodic too
    const namedDue =
      /b\S{1,2}o\s+c\S{0,2}o\s+$/.test(f.slice(Math.max(0, x.start - 9), x.start)) &&
      /^\s*(?:gui\s+)?(?:truoc|vao|cham\s+nhat)\s+ngay\s+\d/.test(f.slice(x.end, x.end + 30));
    if (
      x.frequency !== "adhoc" &&
      !periodic &&
      !preDate &&
      !namedDue &&
      !/h\S{1,2}ng|moi/.test(f.slice(x.start, x.end))
    )
      continue;
    // the rule's own text: the cue plus a directly following parenthesis or "trước ngày …" clause
    let end = x.end;
    const tail =
      /^\s*[:,]?\s*(?:\([^)]*\)|(?:gui\s+)?(?:truoc|vao|cham\s+nhat)\s+ngay\s+\d{1,2}(?:\s*\/\s*\d{1,2}(?:\s*\/\s*\d{4})?|\s+thang\s+\d{1,2}(?!\s*\d)(?:\s+nam\s+\d{4})?)?(?:\s+(?:cua\s+)?thang\s+cuoi\s+quy)?(?:\s+h\S{1,2}ng\s+n\S{0,2}m)?)/.exec(
        f.slice(end),
      );
    // a parenthesis that holds the next rule's cue ("trước ngày 05/11 (hoặc khi có văn bản yêu cầu)") is not ours
    const paren = tail?.[0].trimStart().startsWith("(") ?? false;
    const tailEnd = end + (tail?.[0].length ?? 0);
    if (tail && !(paren && found.some((y) => y.frequency !== x.frequency && y.start >= end && y.start < tailEnd))) {
      end = tailEnd;
    }
    // a lead-in like "báo cáo kết quả thực hiện năm" belongs to the text of an annual rule
    let start = x.start;
    const lead = /(?:bao\s+cao\s+ket\s+qua\s+thuc\s+hien\s+|theo\s+)$/.exec(f.slice(Math.max(0, start - 40), start));
    if (lead) start -= lead[0].length;
    if (x.frequency === "adhoc") {
      const wider = /(?:thuc\s+hien\s+che\s+do\s+bao\s+cao\s+)?(?:dinh\s+ky\s+)?(?:hoac\s+)?$/.exec(
        f.slice(Math.max(0, start - 60), start),
      );
      if (wider?.[0]) start -= wider[0].length;
      const after = /^[^;.]*/.exec(f.slice(end));
      if (after && /theo\s+yeu\s+cau/.test(after[0])) end += after[0].length;
    }
    const dueText = f.slice(x.start, end);
    const due = dueFields(dueText);
    if (preDate && due.day === null) {
      const d = Number(preDate[1]);
      const mo = preDate[2] ? Number(preDate[2]) : null;
      if (d >= 1 && d <= 31) due.day = d;
      if (mo !== null && mo >= 1 && mo <= 12) due.month = mo;
      start = Math.min(start, x.start - preDate[0].length);
      const close = /^\s*\)/.exec(f.slice(end));
      if (close) end += close[0].length;
    }
    // the due day written before the cue: "Định kỳ trước ngày 20 hằng tháng"
    if (due.day === null && x.frequency !== "adhoc") {
      const pre = /(?:(?:dinh\s+ky\s+)?(?:truoc|vao|cham\s+nhat)\s+)ngay\s+(\d{1,2})\s*$/.exec(
        f.slice(Math.max(0, x.start - 40), x.start),
      );
      if (pre) {
        const d = Number(pre[1]);
        if (d >= 1 && d <= 31) due.day = d;
        start = Math.min(start, x.start - pre[0].length);
      }
    }
    const text = trimRuleText(collapse(s.slice(start, end)));
    let rec = recipient;
    if (x.frequency === "adhoc") {
      const own = /theo\s+yeu\s+cau\s+cua\s+(.+)$/.exec(f.slice(x.start, end));
      if (own) {
        const rs = x.start + own.index + own[0].length - own[1]!.length;
        rec = { text: cleanField(s.slice(rs, end)), start: rs, end };
      }
    }
    const rule: ReportingRule = {
      text,
      frequency: x.frequency,
      day: x.frequency === "adhoc" ? null : due.day,
      month: x.frequency === "semiannual" || x.frequency === "annual" ? due.month : null,
      month_in_period: x.frequency === "quarterly" ? due.mip : null,
      recipient: rec ? rec.text : null,
    };
    // a frequency stated twice in one paragraph with different due rules is two rules
    const same = out.findIndex((o) => sameReportingRule(o.rule, rule));
    if (same >= 0) {
      // "Báo cáo 6 tháng và báo cáo năm: định kỳ 6 tháng (trước ngày 10/6) …": the mention with the due date wins
      if (hasDue(rule) && !hasDue(out[same]!.rule)) out.splice(same, 1);
      else continue;
    }
    seen.add(x.frequency);
    out.push({
      rule,
      textSpan: { text: rule.text, start: base + start, end: base + end },
      recipientSpan: rec ? { text: rec.text, start: base + rec.start, end: base + rec.end } : null,
    });
  }
  return out;
}

/** A rule that states when reports are due. */
export function hasDue(r: ReportingRule): boolean {
  return r.day !== null || r.month !== null || r.month_in_period !== null;
}

/**
 * Whether two hits state the same rule ("One entry per frequency stated": a frequency stated twice with different due
 * rules — "hằng quý (trước ngày 20 tháng cuối quý)" to one body and "(trước ngày 15 tháng cuối quý)" to another — is
 * two rules; a repeat of the same due rule, or one with no due fields, is the same rule).
 */
export function sameReportingRule(a: ReportingRule, b: ReportingRule): boolean {
  if (a.frequency !== b.frequency) return false;
  if (a.frequency === "adhoc") return true;
  const due = (r: ReportingRule) => [r.day, r.month, r.month_in_period];
  const da = due(a);
  const db = due(b);
  if (da.every((v) => v === null) || db.every((v) => v === null)) return true;
  return da.every((v, i) => v === db[i]);
}
