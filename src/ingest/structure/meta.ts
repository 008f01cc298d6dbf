/**
 * Plan metadata from the header block and the closing block: doc type, number, issuer, date, place, title,
 * period, signer.
 */
import type { Line } from "./lines.js";
import { normaliseDocNumber } from "./references.js";
import { capitalizeFirst, cleanField, collapse, fold, isoDate, type Piece, similarity } from "./text-utils.js";
import { fullDates } from "./timeframe.js";
import { expandAbbreviations, readUnitsAt } from "./units.js";

const DOC_TYPES: [RegExp, string][] = [
  [/^k\S{1,2}\s+ho\S{1,2}ch$/, "Kế hoạch"],
  [/^ch\S{1,3}ng\s+tr\S{1,2}nh(?:\s+h\S{1,2}nh\s+d\S{1,2}ng)?$/, "Chương trình"],
  [/^quy\S{0,2}t\s+d\S{1,2}nh$/, "Quyết định"],
  [/^ngh\S{1,2}\s+quy\S{0,2}t$/, "Nghị quyết"],
  [/^d\S{1,2}\s+\S{1,2}n$/, "Đề án"],
  [/^ch\S{1,2}\s+th\S{1,2}$/, "Chỉ thị"],
];

export function docTypeLine(lines: Line[]): { index: number; docType: string } | null {
  for (let i = 0; i < Math.min(lines.length, 25); i++) {
    const l = lines[i]!;
    if (l.kind === "section" || l.kind === "row") continue;
    const f = l.f.trim().replace(/[.:]$/, "");
    for (const [re, t] of DOC_TYPES) if (re.test(f)) return { index: i, docType: t };
  }
  return null;
}

/** Heads of bodies named by their fields of work (folded, first one or two words). */
const ORG_HEAD = /^(?:so|bo|cuc|vu|chi\s+cuc|trung\s+tam|van\s+phong|ban|phong|vien|hoi|thanh\s+tra)(?=\s|$)/;
const LOCALITY_TYPES = /^(?:quan|huyen|thi\s+xa|thanh\s+pho|tinh|xa|phuong|thi\s+tran)\b/;

/** "UY BAN NHAN DAN QUAN GO VAP" → "Ủy ban nhân dân quận Gò Vấp" (keeps the letters as printed). */
export function caseBodyName(upper: string): string {
  const words = collapse(upper).split(" ");
  const f = words.map((w) => fold(w));
  const out: string[] = [];
  // "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH": a body named by its fields of work capitalizes
  // the first word of each field only ("Sở Khoa học và Công nghệ"), until a locality ("tỉnh Đồng Nai")
  const head = ORG_HEAD.exec(f.slice(0, 2).join(" "));
  const fieldsFrom = head ? head[0].split(" ").length : -1;
  let fieldStart = true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const lw = w.toLocaleLowerCase("vi");
    const fw = f[i]!;
    const two = `${fw} ${f[i + 1] ?? ""}`;
    const locality = (LOCALITY_TYPES.test(two) || LOCALITY_TYPES.test(fw)) && two !== "xa hoi";
    if (fieldsFrom > 0 && i >= fieldsFrom && !locality) {
      if (/^(?:va|-|–|&)$/.test(fw)) {
        out.push(lw);
        fieldStart = true;
        continue;
      }
      if (/^[A-ZĐ]{2,}$/u.test(w) && /^(?:ubnd|hdnd|mttq|tw)$/.test(fw)) out.push(w);
      else out.push(fieldStart ? capitalizeFirst(lw) : lw);
      fieldStart = /[,;]$/.test(w);
      continue;
    }
    if (fieldsFrom > 0 && i >= fieldsFrom) {
      // the locality: its name keeps capitals word by word
      out.push(lw);
      if (/^(?:thi|thanh)$/.test(fw) && i + 1 < words.length) out.push(words[++i]!.toLocaleLowerCase("vi"));
      for (i++; i < words.length; i++) out.push(capitalizeFirst(words[i]!.toLocaleLowerCase("vi")));
      break;
    }
    if (i === 0) out.push(capitalizeFirst(lw));
    else if (/^(?:ban|nhan|dan|va)$/.test(fw) && /^(?:uy|ban|nhan|hoi|dong)/.test(f[i - 1] ?? "")) out.push(lw);
    else if (LOCALITY_TYPES.test(two) || LOCALITY_TYPES.test(fw)) {
      out.push(lw);
      if (/^(?:thi|thanh)$/.test(fw) && i + 1 < words.length) {
        out.push(words[i + 1]!.toLocaleLowerCase("vi"));
        i++;
      }
    } else if (/^(?:va|cua)$/.test(fw)) out.push(lw);
    else if (/^[A-ZĐ]{2,}$/u.test(w) && /^(?:ubnd|hdnd|ub|mttq|tw)$/.test(fw)) out.push(w);
    else out.push(capitalizeFirst(lw));
  }
  return expandAbbreviations(out.join(" ").replace(/^Ubnd\b/u, "Ủy ban nhân dân"));
}

export interface HeaderInfo {
  issuer: Piece | null;
  number: Piece | null;
  issuedAt: string | null;
  place: Piece | null;
}

const DATE_TOLERANT =
  /ng\S{0,3}\s*(\d{1,2})\s*\S{0,6}?\s*th\S{0,3}ng\s*(\d{1,2})\s*\S{0,4}?\s*n\S{0,2}m\s*((?:19|20)\d{2})/;

export function parseIssueDate(text: string): string | null {
  const full = fullDates(text);
  if (full[0]) return full[0];
  const m = DATE_TOLERANT.exec(fold(text));
  if (!m) return null;
  return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
}

/** Header block: issuer lines (left column), "Số: …", "<place>, ngày … tháng … năm …". */
export function parseHeader(lines: Line[], upto: number): HeaderInfo {
  const info: HeaderInfo = { issuer: null, number: null, issuedAt: null, place: null };
  const issuerLines: Line[] = [];
  for (let i = 0; i < upto; i++) {
    const l = lines[i]!;
    const t = l.text.trim();
    if (t === "") continue;
    const hasDate = /ng\S{0,3}\s*[\d/.]{0,3}\s*\S{0,6}\s*th\S{0,3}ng/.test(l.f) || /\bs\S{0,2}\s*:/.test(l.f);
    if (hasDate) {
      const numIdx = l.f.search(/\d{1,5}\s*\/\s*[a-z]/);
      const number = normaliseDocNumber(l.text);
      if (number && numIdx >= 0) {
        const numEnd = l.text.indexOf(" ", l.text.indexOf("/", numIdx));
        info.number = { text: number, start: l.start + numIdx, end: l.start + (numEnd > 0 ? numEnd : l.text.length) };
      }
      info.issuedAt = parseIssueDate(l.text);
      const comma = /,\s*ng\S{0,3}\s*[\d/.\s]/.exec(l.f);
      if (comma) {
        const before = l.text.slice(0, comma.index);
        const words = before.split(/\s+/);
        const name: string[] = [];
        for (let k = words.length - 1; k >= 0 && name.length < 4; k--) {
          const w = words[k]!;
          if (!/^\p{Lu}/u.test(w) || /[/\d:]/u.test(w)) break;
          name.unshift(w);
        }
        if (name.length > 0) {
          const text = name.join(" ");
          const s = l.start + before.lastIndexOf(text);
          info.place = { text, start: s, end: s + text.length };
        }
      }
      continue;
    }
    if (l.caps || /^(?:uy\s+ban|ubnd|so\s|phong\s|ban\s)/.test(l.f)) issuerLines.push(l);
  }
  if (issuerLines.length > 0) {
    let chosen = issuerLines;
    if (issuerLines.length >= 2) {
      const second = issuerLines[1]!;
      if (!LOCALITY_TYPES.test(second.f.trim())) chosen = issuerLines.slice(1);
    }
    const raw = chosen.map((l) => l.text.trim()).join(" ");
    const first = chosen[0]!;
    const last = chosen[chosen.length - 1]!;
    info.issuer = { text: caseBodyName(raw), start: first.start, end: last.end };
  }
  // place: prefer the issuer's own spelling of the locality when OCR damaged one of them
  if (info.place && info.issuer) {
    const loc = localityName(info.issuer.text);
    if (loc && similarity(fold(loc), fold(info.place.text)) >= 0.6) info.place = { ...info.place, text: loc };
  }
  return info;
}

/** "Ủy ban nhân dân quận Gò Vấp" → "Gò Vấp". */
export function localityName(body: string): string | null {
  const f = fold(body);
  const m = /(?:^|\s)(?:quan|huyen|thi\s+xa|thanh\s+pho|tinh|xa|phuong|thi\s+tran)\s+(.+)$/.exec(f);
  if (!m) return null;
  const s = m.index + m[0].length - m[1]!.length;
  const name = body.slice(s).trim();
  return /^\p{Lu}/u.test(name) ? name : null;
}

/** Issuer named in the preamble: "Ủy ban nhân dân quận Gò Vấp đề ra/ban hành/xây dựng kế hoạch …". */
export function issuerFromText(src: string, from: number, to: number): Piece | null {
  const seg = src.slice(from, to);
  const f = fold(seg);
  const re =
    /(?:uy\s+ban\s+nhan\s+dan|ubnd)\s+(?:quan|huyen|thi\s+xa|thanh\s+pho|tinh|xa|phuong)\s+[^,;.]{2,40}?(?=\s+(?:de\s+ra|ban\s+hanh|xay\s+dung|to\s+chuc|trien\s+khai)\s)/g;
  const m = re.exec(f);
  if (!m) return null;
  const u = readUnitsAt(seg, m.index, from)[0];
  if (!u) return null;
  return { ...u, text: expandAbbreviations(u.text) };
}

/** Number and date from "(Kèm theo Kế hoạch số 2499/KH-UBND ngày 14/5/2024 của …)". */
export function attachmentRef(lines: Line[]): { number: Piece | null; issuedAt: string | null } {
  for (const l of lines) {
    const m = /k\S{1,2}m\s+theo\s+[^)]*?\bs\S{0,2}\s*:?\s*(?=\d)/.exec(l.f);
    if (!m) continue;
    const at = m.index + m[0].length;
    const rest = l.text.slice(at);
    const number = normaliseDocNumber(rest);
    if (!number) continue;
    const len = rest.search(/\s/);
    return {
      number: { text: number, start: l.start + at, end: l.start + at + (len > 0 ? len : rest.length) },
      issuedAt: parseIssueDate(rest),
    };
  }
  return { number: null, issuedAt: null };
}

const SURNAMES = new Set(
  "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh doan trinh truong lam mai cao ta luong luu la ha kieu quach thai chu van tong khuat lo hua giang kim au ton trieu nong vuong thach an bach tang mac phung chau dam diep lai luc nghiem quan tieu thieu y ksor nay siu rmah rcom".split(
    " ",
  ),
);

/** The signer: a personal name at the end of the signature block. */
export function findSigner(src: string, lines: Line[], from: number, to: number): Piece | null {
  for (let i = to - 1; i >= from; i--) {
    const l = lines[i]!;
    const words = [...l.text.matchAll(/\S+/g)];
    // the name is the last 2–5 words of the line, first one a surname, all capitalised
    for (let n = Math.min(5, words.length); n >= 2; n--) {
      const w = words.slice(words.length - n);
      const first = fold(w[0]![0]).replace(/[^a-z]/g, "");
      if (!SURNAMES.has(first)) continue;
      if (!w.every((x) => /^\p{Lu}[\p{L}§]*$/u.test(x[0]))) continue;
      if (w.some((x) => /^\p{Lu}{2,}$/u.test(x[0]) && x[0].length > 1 && !/[§]/.test(x[0]))) continue;
      const a = l.start + w[0]!.index!;
      const b = l.start + w[w.length - 1]!.index! + w[w.length - 1]![0].length;
      const text = collapse(src.slice(a, b)).replace(/[.,;]+$/, "");
      if (/\d/.test(text)) continue;
      return { text, start: a, end: b };
    }
  }
  return null;
}

export function titleText(s: string): string {
  // a decision's subject line "Về việc ban hành Kế hoạch …" / "V/v …": the subject is what follows
  return cleanField(s)
    .replace(/^[“"]|[”"]$/g, "")
    .replace(/^(?:v[eề]\s+vi[eệ]c|v\/v)\s*:?\s+(?=\S)/iu, "");
}
