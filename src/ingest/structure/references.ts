/**
 * Documents a plan is based on ("Căn cứ Quyết định số 55/QĐ-UBND ngày 11 tháng 01 năm 2023 của Ủy ban nhân dân quận
 * Gò Vấp …", "Thực hiện Kế hoạch số 82/KH-UBND ngày 16/4/2025 của UBND tỉnh Hưng Yên …").
 */
import type { PlanReference } from "../../core/plan-v1.js";
import { cleanField, editDistance, fold, type Piece } from "./text-utils.js";
import { fullDates } from "./timeframe.js";
import { expandAbbreviations } from "./units.js";

export interface ReferenceHit {
  ref: PlanReference;
  numberSpan: Piece;
}

/** Document-kind codes used in document numbers, and the kind they stand for. */
const KIND_CODES: Record<string, string> = {
  QĐ: "Quyết định",
  NQ: "Nghị quyết",
  KH: "Kế hoạch",
  CT: "Chỉ thị",
  HD: "Hướng dẫn",
  TB: "Thông báo",
  CĐ: "Công điện",
  CV: "Công văn",
  BC: "Báo cáo",
  TT: "Thông tư",
  NĐ: "Nghị định",
  CTr: "Chương trình",
  ĐA: "Đề án",
  KL: "Kết luận",
  TTr: "Tờ trình",
  QC: "Quy chế",
};
const PARTY_BODIES = new Set(["TW", "TU", "ThU", "HU", "QU", "ĐU", "BCĐTW", "BCSĐ", "ĐĐ"]);

/** Normalise a document kind code damaged by OCR ("QD", "QB" → "QĐ"). */
function normaliseCode(code: string): string {
  if (KIND_CODES[code]) return code;
  const up = code.toUpperCase().replace(/Đ/g, "D");
  for (const k of Object.keys(KIND_CODES)) {
    const kk = k.toUpperCase().replace(/Đ/g, "D");
    if (kk === up) return k;
  }
  if (up.length === 2) {
    // a damaged "Đ" ("NP", "QB"): a code with "Đ" there first ("NP" is "NĐ", not "NQ")
    const keys = Object.keys(KIND_CODES).sort((a, b) => Number(b[1] === "Đ") - Number(a[1] === "Đ"));
    for (const k of keys) {
      const kk = k.toUpperCase().replace(/Đ/g, "D");
      if (kk.length === 2 && kk[0] === up[0] && editDistance(kk, up) <= 1 && /[DBP]/.test(up[1] ?? "")) return k;
    }
  }
  return code;
}

const NUMBER_RE =
  /(\d{1,5})\s*(?:\/\s*(\d{4})\s*)?([/-])\s*([A-ZĐ][A-Za-zĐđ&]{0,7}(?:\d{1,2}(?![\d/]))?)(?:\s*([/-])\s*([A-ZĐ][A-Za-zĐđ&.]{0,9}))?/u;

/** Normalise a document number as issued: "190 /KH-UBND" → "190/KH-UBND", "57-NQ-TW" → "57-NQ/TW", "55/QD-UBND" → "55/QĐ-UBND". */
export function normaliseDocNumber(raw: string): string | null {
  const m = NUMBER_RE.exec(raw.normalize("NFC"));
  if (!m) return null;
  const [, no, year, sep1, code, sep2, body] = m;
  const kind = normaliseCode(code!);
  // a body code with the legislature's term: "72/2025/QH15", "1234/2024/UBTVQH15"
  if (!KIND_CODES[kind] && !/^[A-ZĐ]{2,8}$/u.test(kind) && !/^[A-ZĐ]{2,8}\d{1,2}$/u.test(kind)) return null;
  const yearPart = year ? `/${year}` : "";
  if (!body) return `${no}${yearPart}${sep1}${kind}`;
  const cleanBody = body.replace(/\.$/, "");
  // Party documents: "số-kind/body" ("57-NQ/TW", "8602-QĐ/TU").
  if (sep1 === "-" && PARTY_BODIES.has(cleanBody)) return `${no}-${kind}/${cleanBody}`;
  return `${no}${yearPart}${sep1}${kind}${sep2}${cleanBody}`;
}

export function kindFromCode(number: string): string | null {
  const m = /^\d+(?:\/\d{4})?[/-]([A-Za-zĐđ]+)/u.exec(number);
  return m ? (KIND_CODES[m[1]!] ?? null) : null;
}

const DOC_KINDS: [RegExp, string][] = [
  [/quy\S{0,2}t\s+d\S{1,2}nh$/, "Quyết định"],
  [/ngh\S{1,2}\s+quy\S{0,2}t$/, "Nghị quyết"],
  [/k\S{1,2}\s+ho\S{1,2}ch(?:\s+h\S{1,2}nh\s+d\S{1,2}ng)?$/, "Kế hoạch"],
  [/ch\S{1,2}\s+th\S{1,2}$/, "Chỉ thị"],
  [/h\S{1,3}ng\s+d\S{1,2}n$/, "Hướng dẫn"],
  [/th\S{1,2}ng\s+b\S{1,2}o$/, "Thông báo"],
  [/c\S{1,2}ng\s+v\S{1,2}n$/, "Công văn"],
  [/ch\S{1,3}ng\s+tr\S{1,2}nh$/, "Chương trình"],
  [/ngh\S{1,2}\s+d\S{1,2}nh$/, "Nghị định"],
  [/th\S{1,2}ng\s+t\S{1,2}$/, "Thông tư"],
  [/d\S{1,2}\s+\S{1,2}n$/, "Đề án"],
  [/k\S{1,2}t\s+lu\S{1,2}n$/, "Kết luận"],
  [/t\S{1,2}\s+tr\S{1,2}nh$/, "Tờ trình"],
];

const CLAUSE_KINDS: [RegExp, string][] = [
  [/^(?:b\S{1,2}\s+)?lu\S{1,2}t\b/, "Luật"],
  [/^ph\S{1,2}p\s+l\S{1,2}nh\b/, "Pháp lệnh"],
  [/^hi\S{1,2}n\s+ph\S{1,2}p\b/, "Hiến pháp"],
  [/^ngh\S{1,2}\s+quy\S{0,2}t\b/, "Nghị quyết"],
  [/^ngh\S{1,2}\s+d\S{1,2}nh\b/, "Nghị định"],
  [/^quy\S{0,2}t\s+d\S{1,2}nh\b/, "Quyết định"],
  [/^th\S{1,2}ng\s+t\S{1,2}\b/, "Thông tư"],
];

/** The kind a citation clause opens with ("Căn cứ Luật Tổ chức chính quyền địa phương số …" → Luật), folded text. */
function clauseKind(f: string, at: number): string | null {
  // commas stand inside names ("Luật Thi đua, khen thưởng số …"): only ";" and "." end a clause
  const from = Math.max(0, at - 160);
  const cut = Math.max(f.lastIndexOf(";", at - 1), f.lastIndexOf(".", at - 1), from - 1);
  let clause = f.slice(cut + 1, at).trimStart();
  clause = clause.replace(
    /^(?:c\S{1,2}n\s+c\S{1,3}|th\S{1,2}c\s+hi\S{1,3}n|theo|x\S{1,2}t|v\S{1,2}|v\S{1,2}\s+c\S{1,2}c)\s+/,
    "",
  );
  for (const [re, kind] of CLAUSE_KINDS) if (re.test(clause)) return kind;
  return null;
}

/** Document references cited in `s` (one preamble paragraph; offsets relative to `base`). */
export function referencesIn(s: string, base: number): ReferenceHit[] {
  const f = fold(s);
  const out: ReferenceHit[] = [];
  // "… số 55/QĐ-UBND", or the number right after the document kind ("Quyết định 1131/QĐ-UBND")
  const re =
    /(?:^|[^a-z])(?:s\S{0,2}\s*:?|(?:d\S{1,2}nh|quy\S{0,2}t|ho\S{1,2}ch|th\S{1,2}|d\S{1,2}n|b\S{1,2}o|v\S{1,2}n|tr\S{1,2}nh|t\S{1,2}|\S{1,2}n|lu\S{1,2}n))\s*(?=\d)/g;
  const numRe =
    /\d{1,5}\s*(?:\/\s*\d{4}\s*)?[/-]\s*[A-ZĐ][A-Za-zĐđ&]{0,7}(?:\d{1,2}(?![\d/]))?(?:\s*[/-]\s*[A-ZĐ][A-Za-zĐđ&.]{0,9})?/uy;
  for (let m = re.exec(f); m; m = re.exec(f)) {
    numRe.lastIndex = m.index + m[0].length;
    const nm = numRe.exec(s);
    if (!nm) continue;
    const nStart = nm.index;
    const nEnd = nm.index + nm[0].length;
    const number = normaliseDocNumber(s.slice(nStart, nEnd));
    if (!number) continue;
    const before = f
      .slice(Math.max(0, m.index - 30), m.index + m[0].length)
      .trim()
      .replace(/(?:^|\s)s\S{0,2}\s*:?$/, "")
      .trim();
    let docType: string | null = null;
    for (const [kre, kind] of DOC_KINDS) if (kre.test(before)) docType = kind;
    if (!docType || /v\S{1,2}n\s+b\S{1,2}n$/.test(before)) docType = kindFromCode(number) ?? docType;
    // "Căn cứ Luật Du lịch số 09/2017/QH14": the kind opens the clause, the document's name stands between
    if (!docType) docType = clauseKind(f, m.index);
    const legislature = /\/(UBTVQH|QH)\d{0,2}$/u.exec(number);
    // date and issuer follow: "ngày 16/4/2025 của UBND tỉnh Hưng Yên về …"
    const after = s.slice(nEnd, nEnd + 200);
    const fa = fold(after);
    const dates = fullDates(after.slice(0, 45));
    const issuerM =
      /^[^;]{0,45}?\bc\S{1,3}a\s+(.{3,90}?)(?=\s+(?:ve|ban\s+hanh|trien\s+khai|thuc\s+hien|phe\s+duyet|quy\s+dinh|huong\s+dan|tai|sua\s+doi)\b|\s*[;,(]|\s+\(|$)/.exec(
        fa,
      );
    let issuer: string | null = null;
    if (issuerM) {
      const is = issuerM.index + issuerM[0].length - issuerM[1]!.length;
      issuer = expandAbbreviations(cleanField(after.slice(is, is + issuerM[1]!.length)));
    }
    // the legislature's code names its issuer ("…/QH15": Quốc hội; "…/UBTVQH15": Ủy ban Thường vụ Quốc hội)
    if (!issuer && legislature) issuer = legislature[1] === "QH" ? "Quốc hội" : "Ủy ban Thường vụ Quốc hội";
    if (out.some((r) => r.ref.number === number)) continue;
    out.push({
      ref: { doc_type: docType, number, issued_at: dates[0] ?? null, issuer },
      numberSpan: { text: number, start: base + nStart, end: base + nEnd },
    });
  }
  return out;
}
