/**
 * Cheap Vietnamese plausibility checks used to pick a text encoding: a decoding is better when more of its
 * non-ASCII words are well-formed Vietnamese syllables and fewer characters are stray symbols.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Toneless rhymes (nucleus + optional glide/coda), with the shape marks ă â ê ô ơ ư, longest first. */
const NUCLEI = [
  "uyê",
  "uya",
  "uyu",
  "iêu",
  "yêu",
  "oai",
  "oao",
  "oay",
  "oeo",
  "uây",
  "uôi",
  "ươi",
  "ươu",
  "ai",
  "ao",
  "au",
  "ay",
  "âu",
  "ây",
  "eo",
  "êu",
  "ia",
  "iê",
  "iu",
  "oa",
  "oă",
  "oe",
  "oi",
  "ôi",
  "ơi",
  "oo",
  "ua",
  "uâ",
  "uê",
  "ui",
  "uô",
  "uơ",
  "uy",
  "ưa",
  "ưi",
  "ưu",
  "ươ",
  "yê",
  "a",
  "ă",
  "â",
  "e",
  "ê",
  "i",
  "o",
  "ô",
  "ơ",
  "u",
  "ư",
  "y",
];

const SYLLABLE = new RegExp(
  `^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?(?:${NUCLEI.join("|")})(?:ch|ng|nh|[cmnpt])?$`,
  "u",
);

/** True when `word` (letters only) is a well-formed Vietnamese syllable with at most one tone mark. */
export function isVietnameseSyllable(word: string): boolean {
  if (word.length === 0 || word.length > 8) return false;
  const d = word.toLowerCase().normalize("NFD");
  TONE_MARKS.lastIndex = 0;
  const tones = d.match(TONE_MARKS);
  if (tones && tones.length > 1) return false;
  const base = d.replace(TONE_MARKS, "").normalize("NFC");
  return SYLLABLE.test(base);
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * Score a decoded sample: +1 per non-ASCII word that is a Vietnamese syllable, −1 per non-ASCII word that is not,
 * −1 per non-ASCII character that is not a letter (¶, ¾, control characters, U+FFFD…).
 */
export function vietnameseScore(sample: string): number {
  let score = 0;
  let word = "";
  const flush = () => {
    if (word.length > 0 && !ASCII_ONLY.test(word)) score += isVietnameseSyllable(word) ? 1 : -1;
    word = "";
  };
  for (const ch of sample.normalize("NFC")) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) word += ch;
      else {
        flush();
        if (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13 && cp !== 12) score -= 1;
      }
    } else if (/\p{L}/u.test(ch)) word += ch;
    else {
      flush();
      // Typographic punctuation is common in real text; other symbols and controls are not.
      if (!/[\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00ab\u00bb\u00b0\u2022\u00b7]/.test(ch)) score -= 1;
    }
  }
  flush();
  return score;
}
