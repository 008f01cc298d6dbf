/**
 * Quantified targets ("đảm bảo trên 50% trường học có Câu lạc bộ hoạt động", "xếp từ thứ 01 đến 05",
 * "Phấn đấu đến năm 2026, 100% doanh nghiệp …", "hỗ trợ ít nhất 30 doanh nghiệp", "không dưới 5 sáng kiến").
 * `metric` names the measured thing: "Tỷ lệ <what follows the percentage>" / "Số <counted noun …>" unless the
 * clause names it itself ("Tỷ lệ dịch vụ công trực tuyến toàn trình đạt ít nhất 80%").
 */
import type { Comparator, PlanTarget } from "../../core/plan-v1.js";
import { capitalizeFirst, cleanField, fold, type Piece } from "./text-utils.js";

export interface TargetHit {
  target: PlanTarget;
  span: Piece;
}

type Kind = "pct" | "rank" | "count";

const NUM = "(\\d+(?:[.,]\\d+)?)";
/** A count, with thousands separated by "." ("200.000", "1.500"), not a decimal, date or percentage. */
const COUNT = "(\\d{1,3}(?:\\.\\d{3})+|\\d{1,6})(?![\\d.,%/])";
const PATTERNS: { re: RegExp; comparator: Comparator; kind: Kind; goalOnly?: boolean }[] = [
  { re: new RegExp(`(?:tr\\S{1,2}n|h\\S{1,2}n|v\\S{1,2}t)\\s+${NUM}\\s*%`, "g"), comparator: ">", kind: "pct" },
  {
    re: new RegExp(
      `(?:it\\s+nhat|toi\\s+thieu|khong\\s+(?:it|thap)\\s+hon|khong\\s+duoi|dat)\\s+(?:ty\\s+le\\s+)?${NUM}\\s*%`,
      "g",
    ),
    comparator: ">=",
    kind: "pct",
  },
  { re: new RegExp(`${NUM}\\s*%\\s*tro\\s+len`, "g"), comparator: ">=", kind: "pct" },
  { re: new RegExp(`(?:duoi|it\\s+hon|thap\\s+hon)\\s+${NUM}\\s*%`, "g"), comparator: "<", kind: "pct" },
  { re: new RegExp(`(?:khong\\s+qua|toi\\s+da)\\s+${NUM}\\s*%`, "g"), comparator: "<=", kind: "pct" },
  {
    re: /x\S{1,2}p\s+(?:t\S{1,2}\s+)?(?:h\S{1,2}ng\s+)?th\S{1,3}\s+0*1\s+(?:d\S{1,2}n|-|–)\s+(?:th\S{1,3}\s+)?0*(\d{1,3})\b/g,
    comparator: "<=",
    kind: "rank",
  },
  { re: /\btop\s+(\d{1,3})\b/g, comparator: "<=", kind: "rank" },
  {
    re: new RegExp(`(?:it\\s+nhat|toi\\s+thieu|khong\\s+duoi|khong\\s+it\\s+hon)\\s+${COUNT}\\s*(?=\\p{L})`, "gu"),
    comparator: ">=",
    kind: "count",
  },
  // "thời gian khắc phục sự cố không quá 24 giờ", "tối đa 05 ngày": an upper bound, in a goal only (elsewhere "khen
  // thưởng không quá 10 tập thể" is a quota)
  {
    re: new RegExp(`(?:khong\\s+qua|toi\\s+da)\\s+${COUNT}\\s*(?=\\p{L})`, "gu"),
    comparator: "<=",
    kind: "count",
    goalOnly: true,
  },
  // "Có thêm 03 doanh nghiệp được cấp …": a count to reach, in a goal
  {
    re: new RegExp(`(?<![\\p{L}\\d])(?:c\\S{1,2}\\s+)?them\\s+${COUNT}\\s*(?=\\p{L})`, "gu"),
    comparator: "=",
    kind: "count",
    goalOnly: true,
  },
  // "thu hút trên 25.000 lượt bạn đọc": in a goal only (elsewhere "trên 100 doanh nghiệp" may just describe)
  {
    re: new RegExp(`(?:tren|hon|vuot)\\s+${COUNT}\\s*(?=\\p{L})`, "gu"),
    comparator: ">",
    kind: "count",
    goalOnly: true,
  },
  // a bare percentage: a goal ("100% hồ sơ …", "đảm bảo 100% văn bản …")
  { re: new RegExp(`(?<![\\d.,])${NUM}\\s*%`, "g"), comparator: "=", kind: "pct", goalOnly: true },
];

const HAS_DIGIT = /[0-9]/;
const NEXT_TARGET =
  /,?\s+(?:trong\s+do|va)\s+(?=(?:(?:tren|duoi|hon|it\s+nhat|toi\s+thieu|toi\s+da|khong\s+(?:qua|duoi|it\s+hon))\s+)?\d)/;
const PREV_TARGET = /(?:,\s*trong\s+do|\s+va)\s*$/;

/** Two-syllable nouns a count is often made of; any other counted noun is one syllable ("lớp", "lượt"). */
const COUNT_NOUNS =
  /^(?:doanh\s+nghiep|sang\s+kien|du\s+an|san\s+pham|de\s+tai|hop\s+tac\s+xa|gia\s+dinh|ban\s+doc|can\s+bo|hoc\s+sinh|giao\s+vien|nguoi\s+dan|ho\s+gia\s+dinh|nhiem\s+vu|mo\s+hinh|cuoc\s+thi|su\s+kien|bai\s+viet|tin\s+bai|giai\s+phap|ung\s+dung|co\s+so|don\s+vi|phong\s+trao|khoa\s+hoc|chuong\s+trinh)\b/;

function metricOf(
  s: string,
  f: string,
  kind: Kind,
  a: number,
  mEnd: number,
  b: number,
  subjectEnd = -1,
): string | null {
  const named = /\b(ty\s+le|ty\s+trong|so\s+luong|chi\s+so|thu\s+hang)\s/.exec(f.slice(a, b));
  if (named && a + named.index < mEnd) {
    const ms = a + named.index;
    const stop = /\s+(?:dat|la|tu|chiem|o\s+muc|tren|duoi|it\s+nhat|toi\s+thieu|khong)\b/.exec(f.slice(ms, mEnd));
    const me = stop ? ms + stop.index : mEnd;
    const t = cleanField(s.slice(ms, me)).replace(/\s+xếp$/u, "");
    if (t.length > 6)
      return kind === "rank" && !/^th\S{1,2}\s+h/.test(named[1]!) ? `Thứ hạng ${t}` : capitalizeFirst(t);
  }
  if (kind === "rank") return null;
  // "Thời gian khắc phục sự cố không quá 24 giờ": a bound on what the clause names before it
  if (subjectEnd > a) {
    const subject = cleanField(s.slice(a, subjectEnd));
    if (subject.length > 6 && /^\p{Lu}/u.test(subject)) return subject;
  }
  let rest = cleanField(s.slice(mEnd, b).replace(/^\s*(?:%|tr\S{1,2}\s+l\S{1,2}n)?/u, ""));
  rest = rest.replace(/\s*[;(].*$/u, "");
  // "Kinh tế số chiếm tối thiểu 30% GRDP": a share of something
  const share = /^(.{3,80}?)\s+chi\S{0,2}m\s/.exec(f.slice(a, mEnd));
  if (kind === "pct" && share) return `Tỷ trọng ${cleanField(s.slice(a, a + share[1]!.length))} trong ${rest}`;
  if (kind === "pct" && /^(?:tro\s+len)\b/.test(fold(rest))) rest = rest.slice(7).trim();
  if (rest.length < 3) {
    // "Kinh tế số chiếm tối thiểu 30% GRDP": the subject before the verb
    const head = cleanField(s.slice(a, mEnd).replace(/\s*(?:chiếm|đạt|là)\b.*$/u, ""));
    return head.length > 3 ? capitalizeFirst(head) : null;
  }
  return kind === "pct" ? `Tỷ lệ ${rest}` : `Số ${rest}`;
}

/** `at` lies after `from` in the same clause (no ";" or sentence end between). */
function inClause(f: string, from: number, at: number): boolean {
  if (from < 0 || at <= from) return false;
  return !/[;]|\.\s/.test(f.slice(from, at));
}

/**
 * Targets stated in one sentence/item (`s` at offset `base`), with `owner` when the caller knows it.
 * `goal`: the text is a goal (a "Mục tiêu"/"Chỉ tiêu" item, a criterion): bare percentages count too.
 */
export function targetsIn(
  s: string,
  base: number,
  owner: string | null,
  goal = false,
  folded: string = fold(s),
): TargetHit[] {
  const f = folded;
  const out: TargetHit[] = [];
  // every pattern needs a digit: a text without one states no target
  if (!HAS_DIGIT.test(f)) return out;
  const taken: [number, number][] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(f); m; m = p.re.exec(f)) {
      const mEnd = m.index + m[0].length;
      if (taken.some(([x, y]) => m!.index < y && mEnd > x)) continue;
      if (p.goalOnly) {
        const before = f.slice(Math.max(0, m.index - 14), m.index);
        // "tại 100% khu, điểm du lịch", "số hóa 100% hồ sơ": all of something is a goal wherever it is stated
        const all = p.kind === "pct" && /^100\s*%\s*\p{L}/u.test(f.slice(m.index, m.index + 8));
        if (!goal && !all && !/(?:dam\s+bao|bao\s+dam|phan\s+dau)\s*$/.test(before)) continue;
        // a percentage inside a range or a date-like figure is not a goal
        if (/[-–]\s*$/.test(before)) continue;
      }
      // "Trên 60% xã có ít nhất 01 mô hình …": a count inside a percentage's clause qualifies what is counted
      if (p.kind === "count" && out.some((o) => o.target.unit === "%" && inClause(f, o.span.start - base, m!.index)))
        continue;
      let value = Number(p.kind === "count" ? m[1]!.replace(/\./g, "") : m[1]!.replace(",", "."));
      if (!Number.isFinite(value)) continue;
      let comparator = p.comparator;
      if (p.kind === "pct" && comparator === ">=" && value === 100) comparator = "=";
      if (p.kind === "pct" && value > 100) continue;
      taken.push([m.index, mEnd]);
      if (out.some((o) => o.target.value === value && o.target.comparator === comparator)) continue;
      // the clause around the match: from the previous ";"/":" (or a "đảm bảo" lead-in) to the next ";"
      let a = Math.max(f.lastIndexOf(";", m.index), f.lastIndexOf(":", m.index)) + 1;
      const lead = /(?:dam\s+bao|phan\s+dau|bao\s+dam|thi\s+)/g;
      lead.lastIndex = a;
      const k = lead.exec(f);
      if (k && k.index < m.index && !(p.goalOnly && /phan\s+dau/.test(k[0]))) a = Math.max(a, k.index);
      let b = f.indexOf(";", m.index);
      if (b < 0) b = f.length;
      const dot = f.slice(m.index, b).search(/\.\s|\.$/);
      if (dot >= 0) b = m.index + dot;
      // "… 25 dự án, trong đó tối thiểu 05 dự án …", "100% thủ tục … và trên 70% hợp tác xã …": one target a part
      const next = NEXT_TARGET.exec(f.slice(mEnd, b));
      if (next) b = mEnd + next.index;
      const prevPart = PREV_TARGET.exec(f.slice(a, m.index));
      if (prevPart) a = m.index;
      const paren = f.slice(mEnd, b).search(/\s\(/);
      const text = cleanField(s.slice(a, b));
      let unit: string | null = p.kind === "pct" ? "%" : null;
      if (p.kind === "count") {
        const after = f.slice(mEnd, mEnd + 40).trimStart();
        const off = mEnd + (f.slice(mEnd, mEnd + 40).length - after.length);
        const two = COUNT_NOUNS.exec(after);
        const len = two ? two[0].length : (/^\S+/.exec(after)?.[0].length ?? 0);
        unit = len > 0 ? s.slice(off, off + len) : null;
        value = Math.round(value);
      }
      const metric = metricOf(
        s,
        f,
        p.kind,
        a,
        p.kind === "count" ? m.index + m[0].length : mEnd,
        paren >= 0 ? mEnd + paren : b,
        p.comparator === "<=" && p.kind === "count" ? m.index : -1,
      );
      out.push({
        target: { text, metric, comparator, value, unit, owner },
        span: { text, start: base + a, end: base + b },
      });
    }
  }
  return out;
}
