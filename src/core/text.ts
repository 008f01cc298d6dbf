/**
 * Vietnamese text helpers shared by every layer.
 *
 * `foldChar`/`foldKeepLength` map each UTF-16 code unit of NFC text to one lower-case ASCII-ish code unit, so an
 * index into the folded string is an index into the original: parsers match on folded text and cut fields from the
 * original by the same span.
 */

const DIACRITIC_MARKS = /\p{M}/gu;

/** "Phòng Văn hóa, Khoa học" → "phong van hoa, khoa hoc" (same length for NFC input without combining marks). */
export function foldKeepLength(s: string): string {
  let out = "";
  for (const ch of s) out += foldChar(ch);
  return out;
}

const foldCache = new Map<string, string>();

/** One character → its base letter in lower case ("Ế" → "e", "đ" → "d"); other characters lower-cased. */
export function foldChar(ch: string): string {
  let f = foldCache.get(ch);
  if (f === undefined) {
    if (ch === "đ" || ch === "Đ") f = "d";
    else {
      const base = ch.normalize("NFD").replace(DIACRITIC_MARKS, "").toLowerCase();
      // Keep the length: only a single code unit may replace a single code unit.
      f = base.length === ch.length ? base : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
    }
    foldCache.set(ch, f);
  }
  return f;
}

/** Diacritics-insensitive search key: folded, punctuation to spaces, single spaces. */
export function searchKey(s: string): string {
  return foldKeepLength(s.normalize("NFC"))
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
