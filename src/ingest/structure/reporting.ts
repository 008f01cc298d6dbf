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
  { frequency: "monthly", re: /(?:dinh\s+ky\s+)?(?:h\S{1,2}ng|moi)\s+th\S{0,2}ng\b/g },
  {
    frequency: "quarterly",
    re: /(?:dinh\s+ky\s+)?(?:(?:0?3|ba)\s+th\S{0,2}ng\b|h\S{1,2}ng\s+quy\b|theo\s+quy\b|moi\s+quy\b)/g,
  },
  { frequency: "semiannual", re: /(?:dinh\s+ky\s+)?(?:(?:0?6|sau)\s+th\S{0,2}ng\b|ban\s+nien\b)/g },
  {
    frequency: "annual",
    re: /(?:dinh\s+ky\s+)?(?:h\S{1,2}ng\s+n\S{0,2}m\b|moi\s+n\S{0,2}m\b|(?<=\s|^)n\S{0,2}m\s*(?=\((?:tr|va|ch))|(?<=bao\s+cao\s+)n\S{0,2}m(?=\s+(?:gui\s+)?(?:truoc|vao|cham\s+nhat)\s+ngay)|dinh\s+ky\s+(?:truoc|vao)\s+ngay\s+\d{1,2}\s*\/\s*\d{1,2}(?!\s*\/\s*\d))/g,
  },
  { frequency: "adhoc", re: /(?:dot\s+xuat|khi\s+co\s+(?:van\s+ban\s+)?yeu\s+cau)/g },
];

const REPORT_WORD = /\bb\S{1,2}o\s+c\S{1,2}o\b/;

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
  const dm =
    /ngay\s+(\d{1,2})\s*\/\s*(\d{1,2})(?!\s*\/\s*\d)/.exec(f) ??
    /ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?!\s*(?:\/|nam|\d))/.exec(f);
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

/**
 * Reporting rules stated in one paragraph (`s`, offset `base` in the cleaned text). The paragraph must talk about
 * reports ("báo cáo"); `inReportingSection` relaxes the cues (a paragraph under a "Chế độ báo cáo" heading).
 */
export function reportingIn(s: string, base: number, inReportingSection: boolean): ReportingHit[] {
  const f = fold(s);
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
    if (x.frequency !== "adhoc" && !periodic && !/h\S{1,2}ng|moi/.test(f.slice(x.start, x.end))) continue;
    // the rule's own text: the cue plus a directly following parenthesis or "trước ngày …" clause
    let end = x.end;
    const tail =
      /^\s*(?:\([^)]*\)|(?:gui\s+)?(?:truoc|vao|cham\s+nhat)\s+ngay\s+\d{1,2}(?:\s*\/\s*\d{1,2}|\s+thang\s+\d{1,2}(?!\s*\d))?(?:\s+(?:cua\s+)?thang\s+cuoi\s+quy)?(?:\s+h\S{1,2}ng\s+n\S{0,2}m)?)/.exec(
        f.slice(end),
      );
    if (tail) end += tail[0].length;
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
    const text = collapse(s.slice(start, end)).replace(/^[(\s]+|[)\s,;.]+$/g, "");
    let rec = recipient;
    if (x.frequency === "adhoc") {
      const own = /theo\s+yeu\s+cau\s+cua\s+(.+)$/.exec(f.slice(x.start, end));
      if (own) {
        const rs = x.start + own.index + own[0].length - own[1]!.length;
        rec = { text: cleanField(s.slice(rs, end)), start: rs, end };
      }
    }
    const rule: ReportingRule = {
      text: text.charAt(0) === "(" ? text.slice(1) : text,
      frequency: x.frequency,
      day: x.frequency === "adhoc" ? null : due.day,
      month: x.frequency === "semiannual" || x.frequency === "annual" ? due.month : null,
      month_in_period: x.frequency === "quarterly" ? due.mip : null,
      recipient: rec ? rec.text : null,
    };
    // a frequency stated twice in one paragraph with different due rules is two rules
    if (out.some((o) => sameReportingRule(o.rule, rule))) continue;
    seen.add(x.frequency);
    out.push({
      rule,
      textSpan: { text: rule.text, start: base + start, end: base + end },
      recipientSpan: rec ? { text: rec.text, start: base + rec.start, end: base + rec.end } : null,
    });
  }
  return out;
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
