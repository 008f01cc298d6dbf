/**
 * Unit names and unit lists ("Phòng Văn hóa, Khoa học và Thông tin thị xã, UBND các xã, phường").
 *
 * A unit name starts with a head word (Phòng, Sở, Ban, Trung tâm, UBND/Ủy ban nhân dân, Hội, Đoàn, Công an, Chi cục,
 * Văn phòng, Liên đoàn, Đội, Quận đoàn, Các …). A separator (",", ";", " và ", " - ") starts a new unit only when
 * what follows is itself the start of a unit name; otherwise it is part of the current name
 * ("Phòng Văn hóa, Khoa học và Thông tin", "Các phòng, ban, ngành thị xã").
 * All matching is on folded text, tolerant of common OCR damage ("Pon vi", "S&", "Hji").
 */
import { capitalizeFirst, collapse, fold, isUpperAt, type Piece, trimRange } from "./text-utils.js";

/** Head words that begin a unit name (folded, anchored at a word start). */
/** `first`: every character a match can begin with (the folded text's first character picks the heads to try). */
const HEADS: { first: string; re: RegExp; upperOnly?: boolean; weak?: boolean }[] = [
  { first: "uhmlb", re: /^(?:ubnd|h[dpb]nd|ubmttq|mttq|lhpn|ub\s+mttq|btv)\b/ },
  { first: "u", re: /^(?:uy|u|ui)\s+ban\b/ },
  { first: "h", re: /^hoi\s+dong\b/ },
  { first: "v", re: /^v\S{1,2}n\s+ph[o0]ng\b/ },
  { first: "p", re: /^ph[o0d]{1,2}ng\b/ },
  // "Sở Nội vụ", not "Sở hữu trí tuệ" (a phrase inside names: "Phòng Quản lý công nghệ và Sở hữu trí tuệ")
  { first: "s", re: /^s(?:o|&|¢|0|ơ)(?=\s|$|,)(?!\s+huu\b)/ },
  { first: "b", re: /^ban\b/ },
  { first: "t", re: /^trung\s+t\S{1,2}m\b/ },
  { first: "h", re: /^hiep\s+hoi\b/ },
  { first: "h", re: /^(?:hoi|h[jd60e]i)\b/ },
  { first: "qhtx", re: /^(?:quan|huyen|thanh|tinh|thi|xa)\s+[dp]\S?oan\b/ },
  { first: "dp", re: /^[dp]\S?oan\b/, upperOnly: true },
  { first: "c", re: /^cong\s+an\b/ },
  { first: "c", re: /^chi\s+c\S{1,2}c\b/ },
  { first: "t", re: /^tong\s+cuc\b/ },
  { first: "c", re: /^cuc\b/, upperOnly: true },
  { first: "l", re: /^lien\s+(?:doan|hiep)\b/ },
  { first: "dp", re: /^[dp][o0]i\b/, upperOnly: true },
  { first: "c", re: /^cac\b/ },
  { first: "b", re: /^bo\b/, upperOnly: true },
  { first: "v", re: /^vien\b/, upperOnly: true },
  { first: "t", re: /^truong\b/, upperOnly: true },
  { first: "b", re: /^benh\s+vien\b/ },
  { first: "c", re: /^chi\s+nhanh\b/ },
  { first: "c", re: /^cong\s+ty\b/ },
  { first: "n", re: /^ngan\s+hang\b/ },
  { first: "k", re: /^kho\s+bac\b/ },
  { first: "b", re: /^bao\s+hiem\b/, upperOnly: true },
  { first: "m", re: /^mat\s+tran\b/ },
  { first: "t", re: /^thanh\s+tra\b/, upperOnly: true },
  { first: "dp", re: /^[dp]\S?n\s+vi\b/, upperOnly: true },
  { first: "c", re: /^co\s+quan\b/, upperOnly: true },
  { first: "c", re: /^chinh\s+phu\b/, upperOnly: true },
  { first: "t", re: /^thu\s+tuong\b/, upperOnly: true },
  { first: "thqd", re: /^(?:tinh|thanh|huyen|quan|dang)\s+uy\b/, upperOnly: true },
  { first: "h", re: /^hop\s+tac\s+xa\b/, upperOnly: true },
  { first: "c", re: /^chi\s+hoi\b/ },
  { first: "d", re: /^doanh\s+nghiep\b/, upperOnly: true },
  { first: "t", re: /^to\s+chuc\b/, upperOnly: true },
  { first: "t", re: /^to\b/, upperOnly: true },
  { first: "b", re: /^buu\s+dien\b/, upperOnly: true },
  // "Báo Nhân Dân", "Báo và Phát thanh, Truyền hình …" — not the verb/noun "Báo cáo"
  { first: "b", re: /^bao(?!\s+(?:cao|dam|ve|hiem))\b/, upperOnly: true },
  { first: "d", re: /^dai\s+(?:phat|truyen|pt)/, upperOnly: true },
  { first: "t", re: /^tram\b/, upperOnly: true },
  {
    first: "hdbtn",
    re: /^(?:hoc\s+vien|dai\s+hoc|bao\s+tang|thu\s+vien|nha\s+xuat\s+ban|dai\s+phat\s+thanh)\b/,
    upperOnly: true,
  },
  { first: "v", re: /^vu\b/, upperOnly: true },
  { first: "n", re: /^nguoi\b/, weak: true },
];

/** HEADS by the first character they can match (in HEADS order). */
const HEADS_BY_FIRST = new Map<number, typeof HEADS>();
for (const h of HEADS)
  for (let i = 0; i < h.first.length; i++) {
    const c = h.first.charCodeAt(i);
    const list = HEADS_BY_FIRST.get(c) ?? [];
    list.push(h);
    HEADS_BY_FIRST.set(c, list);
  }

/** Heads that, written in lower case, still start a unit when followed by a capitalised name ("phòng Nội vụ"). */
const LOWER_HEAD_WITH_NAME =
  /^(?:ph[o0d]{1,2}ng|s(?:o|&|¢|0)|ban|hoi|h[jd60e]i|trung\s+t\S{1,2}m|v\S{1,2}n\s+phong|chi\s+cuc|cong\s+an|uy\s+ban|lien\s+doan|doi|hiep\s+hoi)\s+/;

const ABBREV_TOKEN = /^[A-ZĐ&]{2,}\b/u;

/** Locality words after which a capitalised head word starts a new unit even without a separator. */
const LOCALITY_END = /(?:^|\s)(?:quan|huyen|tinh|thi\s+xa|thanh\s+pho|phuong|xa)$/;

export interface HeadMatch {
  length: number;
  weak: boolean;
  /** A head that names a unit only when capitalised ("Báo", "Bộ", "Viện", "Trường" …). */
  upperOnly?: boolean;
}

/** Does a unit name start at `pos`? (`s` original, `f` its fold.) */
export function headAt(s: string, f: string, pos: number): HeadMatch | null {
  const heads = pos < 0 ? HEADS : HEADS_BY_FIRST.get(f.charCodeAt(pos));
  if (heads === undefined) return null;
  const rest = f.slice(pos, pos + 40);
  const upper = isUpperAt(s, pos);
  for (const h of heads) {
    const m = h.re.exec(rest);
    if (!m) continue;
    if (h.upperOnly && !upper) continue;
    return { length: m[0].length, weak: h.weak === true, upperOnly: h.upperOnly === true };
  }
  return null;
}

/** Does the text at `pos` begin a new unit after a separator of the given kind? */
function startsUnit(s: string, f: string, pos: number, sep: "comma" | "semi" | "va" | "dash" | "none"): boolean {
  const rest = f.slice(pos, pos + 40);
  if (/^cac\s/.test(rest)) return true;
  if (/^(?:ubnd|hdnd|ubmttq|mttq|lhpn)\b/.test(rest)) return true;
  // an enterprise named by its acronym after a list separator ("…, Bưu điện tỉnh, VNPT Quảng Trị")
  if ((sep === "comma" || sep === "semi") && /^[A-ZĐ]{3,}(?=\s+\p{Lu})/u.test(s.slice(pos, pos + 12))) return true;
  // "…, Hạ tầng và Đô thị, doanh nghiệp viễn thông trên địa bàn": enterprises listed after a comma
  if ((sep === "comma" || sep === "semi") && rest.startsWith("doanh nghiep ")) return true;
  const head = headAt(s, f, pos);
  if (!head) return false;
  if (head.weak) return sep === "va";
  // "Phòng Thông tin - Báo chí - Xuất bản": after a dash, "Báo chí" (the press) goes on the name
  if (sep === "dash" && head.upperOnly && /^bao\s+chi\b/.test(rest)) return false;
  if (isUpperAt(s, pos)) return true;
  const lower = LOWER_HEAD_WITH_NAME.exec(rest);
  if (lower) {
    const after = pos + lower[0].length;
    return isUpperAt(s, after) || ABBREV_TOKEN.test(s.slice(after, after + 8));
  }
  return false;
}

/** Lower-case verbs/prepositions that end a unit name inside running text ("Phòng Kinh tế tổ chức …"). */
const STOP_WORDS =
  /^(?:to\s+chuc|trien\s+khai|thuc\s+hien|xay\s+dung|hoan\s+thien|tien\s+hanh|kiem\s+tra|tuyen\s+truyen|thu\s+thap|dua\s+tin|ho\s+tro|dang\s+ky|theo\s+doi|ra\s+soat|huong\s+dan|cung\s+cap|tham\s+muu|bao\s+cao|chi\s+dao|danh\s+gia|giai\s+quyet|phat\s+dong|van\s+dong|phoi\s+hop|tham\s+gia|de\s+xuat|theo\s+doi|tong\s+hop|gui|de|nham|trong|tai|ve|theo|den|cho|duoc|lam|xet|trinh|ban\s+hanh|thong\s+qua|co(?!\s+(?:lien\s+quan|quan|so)\b)|tuy|neu|khi|sau\s+khi|truoc|trien|quan\s+tam|chu\s+tri|chu\s+dong|thuc\s+day|day\s+manh|tang\s+cuong|dam\s+bao|bao\s+dam|thanh\s+lap|giam\s+sat|khao\s+sat|cap\s+nhat|van\s+hanh|duy\s+tri|kich\s+hoat|su\s+dung|lam\s+sach|xet\s+chon|lua\s+chon|viec|nhu|thong\s+qua|ket\s+noi|tham\s+dinh|kiem\s+dinh|nghiem\s+thu|xu\s+ly|khac\s+phuc|ung\s+cuu|dieu\s+tra|thu\s+hoi|cap\s+phep|boi\s+duong|tap\s+huan|chia\s+se|bien\s+soan|soan\s+thao|phat\s+hanh|tiep\s+nhan)(?=\s|$|[,.;:])/;

function isStopAt(s: string, f: string, pos: number): boolean {
  if (isUpperAt(s, pos)) return false;
  const m = STOP_WORDS.exec(f.slice(pos, pos + 24));
  if (!m) return false;
  // "Phát triển", "Phát triển nông thôn": part of a name after a capitalised "Phát"
  if (/^trien\b/.test(m[0]) && /phat\s+$/.test(f.slice(Math.max(0, pos - 6), pos))) return false;
  // a one-word stop that ends the list ("Ban Quản lý chợ)", "… chợ;") is a noun closing a name, not running text
  if (!/\s/.test(m[0]) && /^\s*(?:[;)]|$)/.test(f.slice(pos + m[0].length, pos + m[0].length + 3)) && m[0] !== "gui")
    return false;
  // "các tổ chức", "những tổ chức": a noun, not the verb.
  if (/^to\s+chuc/.test(m[0])) {
    const before = f.slice(Math.max(0, pos - 8), pos);
    if (/(?:cac|nhung|va|,)\s*$/.test(before)) return false;
  }
  return true;
}

const DE_NGHI = /^(?:[dpbđ]\S{0,2}\s+ngh\S{1,2}|giao)\s+/;

/** Strip "Đề nghị"/"Giao" and a leading bullet from a unit name. */
function unitNameStart(f: string, start: number, end: number): number {
  let p = start;
  const lead = /^[\s\-–—+•_]+/.exec(f.slice(p, end));
  if (lead) p += lead[0].length;
  const dn = DE_NGHI.exec(f.slice(p, end));
  if (dn) p += dn[0].length;
  return p;
}

function finishUnit(s: string, f: string, start: number, end: number, base: number): Piece | null {
  const p0 = unitNameStart(f, start, end);
  let [a, b] = trimRange(s, p0, end);
  // trailing punctuation and a dangling "và"
  while (b > a && /[\s.,;:\-–—)(]/u.test(s[b - 1] ?? "")) b--;
  const tail = /\s+(?:va|cac)$/.exec(f.slice(a, b));
  if (tail) b -= tail[0].length;
  // unbalanced "(": drop from it
  const seg = s.slice(a, b);
  const open = seg.lastIndexOf("(");
  if (open >= 0 && seg.indexOf(")", open) < 0) b = a + open;
  [a, b] = trimRange(s, a, b);
  while (b > a && /[\s.,;:\-–—]/u.test(s[b - 1] ?? "")) b--;
  if (b - a < 2) return null;
  // "HPND"/"HBND": the OCR reading of "HĐND"
  const text = capitalizeFirst(collapse(s.slice(a, b))).replace(/\bH[PB]ND\b/gu, "HĐND");
  if (!/\p{L}{2}/u.test(text)) return null;
  return { text, start: base + a, end: base + b };
}

/**
 * Split a unit list (a table cell, the value after "Đơn vị chủ trì:", a group heading) into units.
 * `stopAtVerb`: cut the list where running text resumes ("… thị xã, thực hiện theo hướng dẫn …").
 */
export function splitUnits(
  text: string,
  opts: { base?: number; stopAtVerb?: boolean; inText?: boolean } = {},
): Piece[] {
  const base = opts.base ?? 0;
  const s = text;
  const f = fold(s);
  let limit = s.length;
  // A purpose/manner clause ends the list.
  const purpose = /\s(?:de|nham)\s+(?:tham\s+gia|thuc\s+hien|trien\s+khai|to\s+chuc|phuc\s+vu)\b/.exec(f);
  if (purpose) limit = purpose.index;
  const cuts: number[] = [];
  const starts: number[] = [0];
  const sepRe = /\s*;\s*|\s*,\s*|\s+va\s+|\s+[-–—]\s+|\n+|\s+/gu;
  sepRe.lastIndex = 0;
  for (let m = sepRe.exec(f); m && m.index < limit; m = sepRe.exec(f)) {
    const sepText = m[0];
    const next = m.index + sepText.length;
    if (next >= limit) break;
    let kind: "comma" | "semi" | "va" | "dash" | "none" = "none";
    if (sepText.includes(";")) kind = "semi";
    else if (sepText.includes(",")) kind = "comma";
    else if (/va/.test(sepText)) kind = "va";
    else if (/[-–—]/.test(sepText)) kind = "dash";
    else if (sepText.includes("\n")) kind = "semi";
    if (kind === "none") {
      // No separator: only after a locality word ("Hội doanh nghiệp Quận Hội LHPN Quận").
      if (!LOCALITY_END.test(f.slice(Math.max(0, m.index - 12), m.index))) continue;
      if (!(isUpperAt(s, next) && headAt(s, f, next))) continue;
      starts.push(next);
      cuts.push(m.index);
      continue;
    }
    if (opts.stopAtVerb !== false && (kind === "comma" || kind === "semi") && isStopAt(s, f, next)) {
      limit = m.index;
      break;
    }
    if (kind === "va") {
      // "Văn phòng HĐND và UBND": one office serving both bodies.
      const cur = f.slice(starts[starts.length - 1]!, m.index);
      if (/v\S{1,2}n\s+phong\s+(?:h[dpb]nd|ubnd|hoi\s+dong\s+nhan\s+dan|uy\s+ban\s+nhan\s+dan)\s*$/.test(cur)) continue;
    }
    // "Các đơn vị có đề tài, dự án … và các ứng dụng …": inside a relative clause, "và các" continues the clause.
    if (
      kind === "va" &&
      /\s(?:co\s(?!lien\s+quan|so\b|quan\b)|duoc\s)/.test(f.slice(starts[starts.length - 1]!, m.index))
    )
      continue;
    if (kind === "semi" || startsUnit(s, f, next, kind)) {
      cuts.push(m.index);
      starts.push(next);
    }
  }
  const out: Piece[] = [];
  for (let i = 0; i < starts.length; i++) {
    const a = starts[i]!;
    const b = Math.min(i + 1 < starts.length ? cuts[i]! : limit, limit);
    if (a >= limit) break;
    let end = b;
    // A trailing verb phrase ("… các đoàn thể Quận hỗ trợ") is not part of the name. Inside a name, words like
    // "chợ", "có", "tổ chức" are nouns ("Ban Quản lý các chợ", "Các đơn vị có đề tài"): only running text
    // (`inText`) or a person-type unit ("Người bệnh có chữ ký số …") is cut at the first verb.
    const personLike = headAt(s, f, unitNameStart(f, a, b))?.weak === true;
    if (opts.stopAtVerb !== false && (opts.inText || personLike)) {
      const wordRe = /\s+(?=\S)/g;
      wordRe.lastIndex = a;
      for (let w = wordRe.exec(f); w && w.index < end; w = wordRe.exec(f)) {
        const pos = w.index + w[0].length;
        if (pos >= end) break;
        if (pos > a + 2 && isStopAt(s, f, pos)) {
          end = w.index;
          break;
        }
      }
    } else if (opts.stopAtVerb !== false) {
      const tail = /\s+(?:ho\s+tro|phoi\s+hop|thuc\s+hien|chu\s+tri|tham\s+gia)\s*[.;,]?\s*$/.exec(f.slice(a, b));
      if (tail && !isUpperAt(s, a + tail.index + tail[0].search(/\S/))) end = a + tail.index;
    }
    const u = finishUnit(s, f, a, end, base);
    if (u) out.push(u);
    if (end < b) break;
  }
  return out;
}

/**
 * Read a unit list that starts at `pos` inside running text, e.g. after "phối hợp với": stops at the first
 * lower-case verb/preposition, at ":", "(" or at a sentence end.
 */
export function readUnitsAt(text: string, pos: number, base = 0, opts: { semicolonSeparates?: boolean } = {}): Piece[] {
  const f = fold(text);
  if (!headAt(text, f, pos) && !/^(?:cac|ubnd|hdnd|mttq)\b/.test(f.slice(pos, pos + 6))) return [];
  let end = text.length;
  const stopChar = opts.semicolonSeparates ? /[:(]|\.(?:\s|$)/g : /[:;(]|\.(?:\s|$)/g;
  stopChar.lastIndex = pos;
  const sc = stopChar.exec(text);
  if (sc) end = sc.index;
  const wordRe = /\s+(?=\S)/g;
  wordRe.lastIndex = pos;
  for (let w = wordRe.exec(f); w && w.index < end; w = wordRe.exec(f)) {
    const p = w.index + w[0].length;
    if (p >= end) break;
    if (isStopAt(text, f, p)) {
      // keep "và các đơn vị liên quan" style tails: a stop word right after a separator ends the list
      end = w.index;
      break;
    }
  }
  return splitUnits(text.slice(pos, end), { base: base + pos, stopAtVerb: true, inText: true });
}

/** True when the text starts like a unit name (after an optional "Đề nghị"). */
export function looksLikeUnit(text: string): boolean {
  const f = fold(text);
  const p = unitNameStart(f, 0, f.length);
  return headAt(text, f, p) !== null && !headAt(text, f, p)!.weak;
}

/** Expand the common abbreviations of body names ("UBND" → "Ủy ban nhân dân"). */
export function expandAbbreviations(name: string): string {
  return name
    .replace(/\bUBND\b/gu, "Ủy ban nhân dân")
    .replace(/\bHĐND\b/gu, "Hội đồng nhân dân")
    .replace(/\bUBMTTQ\b/gu, "Ủy ban Mặt trận Tổ quốc");
}

/**
 * Partners a sentence names with "phối hợp …": "Phối hợp Phòng Kinh tế tổ chức …", "phối hợp với các cơ quan liên
 * quan …", "Phối hợp, hỗ trợ Phòng Kinh tế …". Returns the units in order, without duplicates.
 */
export function partnersIn(text: string, base = 0, folded: string = fold(text)): Piece[] {
  const f = folded;
  const out: Piece[] = [];
  const seen = new Set<string>();
  const re = /(?:^|[^a-z])ph\S{1,4}\s+h\S{1,2}p(?=[\s,:])/g;
  for (let m = re.exec(f); m; m = re.exec(f)) {
    let p = m.index + m[0].length;
    const skip =
      /^(?:\s*,?\s*(?:ho\s+tro|huong\s+dan)\s*)?(?:\s*(?:chat\s+che\s+)?(?:voi|cung|cua)\b)?(?:\s*(?:su\s+)?(?:tham\s+gia\s+cua)\b)?\s*:?\s*/.exec(
        f.slice(p, p + 40),
      );
    if (skip) p += skip[0].length;
    for (const u of readUnitsAt(text, p, base)) {
      const key = fold(u.text);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(u);
    }
  }
  return out;
}
