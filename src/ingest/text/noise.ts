/**
 * Synthetic OCR damage for Vietnamese text, mimicking what scanners do to diacritics: marks dropped, a marked vowel
 * read as a look-alike (ô/ơ → 6, d, b; ư → ir, tr, y, w; ê → ¢, é; ă/â → 4, d, i; any toned vowel → é), đ read
 * as d or P, l read as 1 or I. Deterministic for a given seed. Used to measure the restorer on held-out text and,
 * at model build time, to enumerate common damaged spellings whose candidate lists are precomputed.
 */
import { splitTone } from "./normalize.js";

/** mulberry32 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Choice = [string, number];
function pick(r: () => number, choices: readonly Choice[]): string {
  let total = 0;
  for (const c of choices) total += c[1];
  let x = r() * total;
  for (const c of choices) {
    x -= c[1];
    if (x <= 0) return c[0];
  }
  return choices[choices.length - 1]![0];
}

// How the marked nucleus vowel (tone-less shape letter → what OCR prints); "é" stands for a kept acute-like mark.
const NUCLEUS: Record<string, readonly Choice[]> = {
  a: [
    ["a", 6],
    ["á", 1],
    ["4", 0.4],
    ["3", 0.2],
    ["é", 0.3],
    ["éa", 0.2],
    ["d", 0.2],
  ],
  ă: [
    ["a", 6],
    ["á", 1],
    ["4", 0.3],
    ["3", 0.2],
    ["d", 0.5],
    ["i", 0.5],
    ["é", 0.4],
    ["ia", 0.1],
  ],
  â: [
    ["a", 6],
    ["á", 1],
    ["4", 0.5],
    ["3", 0.2],
    ["d", 0.4],
    ["i", 0.5],
    ["é", 0.6],
    ["éa", 0.2],
  ],
  e: [
    ["e", 6],
    ["é", 1.5],
    ["¢", 0.3],
    ["€", 0.1],
  ],
  ê: [
    ["e", 5],
    ["é", 2.5],
    ["¢", 0.6],
    ["€", 0.2],
    ["g", 0.2],
    ["&", 0.2],
    ["é¢", 0.05],
  ],
  i: [
    ["i", 7],
    ["í", 1],
    ["j", 0.2],
    ["1", 0.2],
    ["l", 0.2],
  ],
  o: [
    ["o", 6],
    ["ó", 1],
    ["d", 0.3],
    ["q", 0.2],
    ["é", 0.3],
    ["6", 0.3],
    ["o6", 0.1],
  ],
  ô: [
    ["o", 5],
    ["6", 1.5],
    ["ó", 0.6],
    ["d", 0.5],
    ["b", 0.5],
    ["é", 0.6],
    ["g", 0.2],
    ["q", 0.2],
    ["o6", 0.2],
  ],
  ơ: [
    ["o", 5],
    ["6", 1],
    ["é", 1],
    ["d", 0.6],
    ["a", 0.4],
    ["&", 0.2],
    ["g", 0.3],
    ["o6", 0.1],
  ],
  u: [
    ["u", 7],
    ["ú", 0.6],
    ["ii", 0.5],
    ["ti", 0.3],
    ["y", 0.2],
    ["a", 0.1],
    ["t", 0.1],
  ],
  ư: [
    ["u", 5],
    ["ir", 1.2],
    ["tr", 0.4],
    ["ur", 0.4],
    ["y", 0.6],
    ["w", 0.4],
    ["i", 0.5],
    ["it", 0.3],
    ["ii", 0.2],
    ["t", 0.2],
    ["yu", 0.1],
  ],
  y: [
    ["y", 7],
    ["ý", 1],
  ],
};

/** shape vowels whose mark OCR often prints as an acute even on a tone-less syllable ("liên" → "lién") */
const SHAPE_AS_ACUTE = new Set(["ê", "ô", "ơ", "â", "ă"]);
const ACUTE: Record<string, string> = { a: "á", e: "é", i: "í", o: "ó", u: "ú", y: "ý" };

function stripAll(s: string): string {
  let out = "";
  for (const ch of s.normalize("NFD")) {
    const c = ch.charCodeAt(0);
    if (c >= 0x300 && c <= 0x36f) continue;
    out += ch;
  }
  return out.normalize("NFC");
}

const SHAPED = new Set(["ă", "â", "ê", "ô", "ơ", "ư"]);

// Whole-rhyme misreadings (a shaped vowel and its neighbours read as one glyph cluster).
const RHYME: readonly [RegExp, readonly Choice[]][] = [
  [
    /ưng$/,
    [
      ["img", 1],
      ["ing", 1],
      ["tmg", 0.5],
      ["irng", 0.5],
      ["ung", 2],
    ],
  ],
  [
    /ương$/,
    [
      ["ucmg", 1],
      ["uorng", 0.6],
      ["wong", 1],
      ["uong", 3],
      ["udng", 0.5],
    ],
  ],
  [
    /ươ/,
    [
      ["wo", 1],
      ["uo", 3],
      ["udo", 0.4],
      ["ug", 0.5],
      ["uo6", 0.3],
    ],
  ],
  [
    /ô(?=[a-z]*$)/,
    [
      ["oé", 1],
      ["o6", 1],
      ["ô", 4],
    ],
  ],
];

/** Damage one lower-case syllable. */
export function damageSyllable(syl: string, r: () => number, rate = 0.85): string {
  if (r() > rate) return syl;
  const st = splitTone(syl);
  if (!st) return syl;
  if (r() < 0.15) {
    for (const [re, choices] of RHYME) {
      const mm = re.exec(st.base);
      if (!mm) continue;
      const at = mm.index;
      let out = stripAll(st.base.slice(0, at)) + pick(r, choices) + stripAll(st.base.slice(at + mm[0].length));
      if (out.endsWith("c") && r() < 0.2) out += "e";
      return out.replace(/đ/g, "d");
    }
  }
  const base = st.base;
  // the nucleus: the shaped vowel, else the vowel that carries the tone
  let nuc = -1;
  for (let i = 0; i < base.length; i++) if (SHAPED.has(base[i]!)) nuc = i;
  if (nuc < 0 && st.tone !== 0) {
    const d = syl.normalize("NFD");
    let k = -1;
    for (const ch of d) {
      const c = ch.charCodeAt(0);
      if (c >= 0x300 && c <= 0x36f) break;
      k++;
    }
    nuc = Math.min(k, base.length - 1);
  }
  let out = "";
  for (let i = 0; i < base.length; i++) {
    const ch = base[i]!;
    if (i === nuc) {
      const choice = NUCLEUS[ch] ? pick(r, NUCLEUS[ch]!) : stripAll(ch);
      // a printed acute mark on an unmarked vowel only when the syllable had a tone
      const acute = choice.length >= 1 && ACUTE[stripAll(choice[0]!)] === choice[0];
      out += st.tone === 0 && acute && !SHAPE_AS_ACUTE.has(ch) ? stripAll(choice) : choice;
    } else if (ch === "đ") out += i === 0 && r() < 0.08 ? "p" : "d";
    else if (ch === "l" && r() < 0.06) out += "1";
    else if (ch === "i" && i > 0 && r() < 0.03) out += "l";
    else if (ch === "c" && i === base.length - 1 && r() < 0.08) out += "e";
    else if (ch === "c" && i === 0 && r() < 0.03) out += "¢";
    else out += stripAll(ch);
  }
  // a vowel with a tone but no nucleus mark printed: sometimes the tone survives as a generic mark
  if (st.tone !== 0 && nuc >= 0 && out === stripAll(out) && r() < 0.08) {
    for (let i = 0; i < out.length; i++) {
      const a = ACUTE[out[i]!];
      if (a) {
        out = out.slice(0, i) + a + out.slice(i + 1);
        break;
      }
    }
  }
  return out;
}

/** Damage a text word by word, keeping case patterns, punctuation, spaces and line breaks. */
export function damageText(text: string, seed: number, rate = 0.85): string {
  const r = rng(seed);
  return text.normalize("NFC").replace(/\p{L}+/gu, (w) => {
    const lower = w.toLowerCase();
    const d = damageSyllable(lower, r, rate);
    if (w === lower) return d;
    if (w === w.toUpperCase() && w.length > 1) return d.toUpperCase().replace("Đ", "Đ");
    const first = d[0]!.toUpperCase();
    return (first === "P" && lower[0] === "đ" ? "P" : first) + d.slice(1);
  });
}
