/**
 * Text decoding: UTF-8 (with/without BOM), UTF-16 LE/BE (BOM or zero-byte heuristic) and the legacy Vietnamese
 * 8-bit encodings TCVN3 (ABC, TCVN 5712:1993), VNI-Windows and Windows-1258, told apart by how many decoded words
 * are well-formed Vietnamese syllables. Output is Unicode NFC with "\n" line ends.
 */
import { unreadable } from "./types.js";
import { vietnameseScore } from "./vietnamese.js";

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "tcvn3" | "vni" | "windows-1258" | "windows-1252";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// TCVN3 (TCVN 5712:1993). Bytes 0x80–0xFF, then the upper-case letters placed in the C0 control range.
// The common "ABC" fonts use the lower-case half (0xA1–0xFE); the full table is a superset and decodes them too.

/** Code points of bytes 0x80..0xFF. 0xB0–0xB4 are combining tone marks (composed by NFC). */
const TCVN3_HIGH: readonly number[] = [
  // 0x80
  0x00c0, 0x1ea2, 0x00c3, 0x00c1, 0x1ea0, 0x1eb6, 0x1eac, 0x00c8, 0x1eba, 0x1ebc, 0x00c9, 0x1eb8, 0x1ec6, 0x00cc,
  0x1ec8, 0x0128,
  // 0x90
  0x00cd, 0x1eca, 0x00d2, 0x1ece, 0x00d5, 0x00d3, 0x1ecc, 0x1ed8, 0x1edc, 0x1ede, 0x1ee0, 0x1eda, 0x1ee2, 0x00d9,
  0x1ee6, 0x0168,
  // 0xA0
  0x00a0, 0x0102, 0x00c2, 0x00ca, 0x00d4, 0x01a0, 0x01af, 0x0110, 0x0103, 0x00e2, 0x00ea, 0x00f4, 0x01a1, 0x01b0,
  0x0111, 0x1eb0,
  // 0xB0
  0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00e0, 0x1ea3, 0x00e3, 0x00e1, 0x1ea1, 0x1eb2, 0x1eb1, 0x1eb3, 0x1eb5,
  0x1eaf, 0x1eb4,
  // 0xC0
  0x1eae, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1ec0, 0x1eb7, 0x1ea7, 0x1ea9, 0x1eab, 0x1ea5, 0x1ead, 0x00e8, 0x1ec2,
  0x1ebb, 0x1ebd,
  // 0xD0
  0x00e9, 0x1eb9, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7, 0x00ec, 0x1ec9, 0x1ec4, 0x1ebe, 0x1ed2, 0x0129, 0x00ed,
  0x1ecb, 0x00f2,
  // 0xE0
  0x1ed4, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd, 0x1ed3, 0x1ed5, 0x1ed7, 0x1ed1, 0x1ed9, 0x1edd, 0x1edf, 0x1ee1, 0x1edb,
  0x1ee3, 0x00f9,
  // 0xF0
  0x1ed6, 0x1ee7, 0x0169, 0x00fa, 0x1ee5, 0x1eeb, 0x1eed, 0x1eef, 0x1ee9, 0x1ef1, 0x1ef3, 0x1ef7, 0x1ef9, 0x00fd,
  0x1ef5, 0x1ed0,
];

/** Upper-case letters TCVN 5712 puts in the C0 range (other control bytes keep their meaning). */
const TCVN3_LOW: ReadonlyMap<number, number> = new Map([
  [0x01, 0x00da],
  [0x02, 0x1ee4],
  [0x04, 0x1eea],
  [0x05, 0x1eec],
  [0x06, 0x1eee],
  [0x11, 0x1ee8],
  [0x12, 0x1ef0],
  [0x13, 0x1ef2],
  [0x14, 0x1ef6],
  [0x15, 0x1ef8],
  [0x16, 0x00dd],
  [0x17, 0x1ef4],
]);

export function decodeTcvn3(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    chunk.push(b >= 0x80 ? TCVN3_HIGH[b - 0x80]! : (TCVN3_LOW.get(b) ?? b));
    if (chunk.length >= 8192) {
      parts.push(String.fromCharCode(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCharCode(...chunk));
  return parts.join("").normalize("NFC");
}

let tcvn3Encoder: Map<string, number> | undefined;
/** Unicode → TCVN3 bytes (for tests and round trips); characters outside the table become "?". */
export function encodeTcvn3(text: string): Uint8Array {
  if (!tcvn3Encoder) {
    tcvn3Encoder = new Map();
    TCVN3_HIGH.forEach((cp, i) => {
      if (cp >= 0x300 && cp <= 0x323) return;
      tcvn3Encoder!.set(String.fromCharCode(cp), 0x80 + i);
    });
    for (const [b, cp] of TCVN3_LOW) tcvn3Encoder.set(String.fromCharCode(cp), b);
  }
  const out: number[] = [];
  for (const ch of text.normalize("NFC")) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else out.push(tcvn3Encoder.get(ch) ?? 0x3f);
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------------------------
// VNI-Windows: a base letter followed by one mark byte (Windows-1252 glyphs), plus a few precomposed letters.

type Tone = "" | "acute" | "grave" | "hook" | "tilde" | "dot";
const TONES: readonly Tone[] = ["", "acute", "grave", "hook", "tilde", "dot"];
const TONE_COMBINING: Record<Tone, string> = {
  "": "",
  acute: "\u0301",
  grave: "\u0300",
  hook: "\u0309",
  tilde: "\u0303",
  dot: "\u0323",
};

/** Mark byte (lower-case form, Windows-1252) after a plain vowel a e o u y. */
const VNI_TONE: Record<Exclude<Tone, "">, string> = {
  acute: "\u00f9", // ù
  grave: "\u00f8", // ø
  hook: "\u00fb", // û
  tilde: "\u00f5", // õ
  dot: "\u00ef", // ï
};
/** After a e o: circumflex alone and circumflex + tone. */
const VNI_CIRCUMFLEX: Record<Tone, string> = {
  "": "\u00e2", // â
  acute: "\u00e1", // á
  grave: "\u00e0", // à
  hook: "\u00e5", // å
  tilde: "\u00e3", // ã
  dot: "\u00e4", // ä
};
/** After a: breve alone and breve + tone. */
const VNI_BREVE: Record<Tone, string> = {
  "": "\u00ea", // ê
  acute: "\u00e9", // é
  grave: "\u00e8", // è
  hook: "\u00fa", // ú
  tilde: "\u00fc", // ü
  dot: "\u00eb", // ë
};
/** Precomposed single bytes: i with a tone, ỵ, ơ, ư, đ. */
const VNI_I: Record<Exclude<Tone, "">, string> = {
  acute: "\u00ed", // í
  grave: "\u00ec", // ì
  hook: "\u00e6", // æ
  tilde: "\u00f3", // ó
  dot: "\u00f2", // ò
};
const VNI_Y_DOT = "\u00ee"; // î
const VNI_O_HORN = "\u00f4"; // ô
const VNI_U_HORN = "\u00f6"; // ö
const VNI_D_BAR = "\u00f1"; // ñ

let vniTables: { decode: Map<string, string>; encode: Map<string, string> } | undefined;

function buildVniTables(): { decode: Map<string, string>; encode: Map<string, string> } {
  const encode = new Map<string, string>(); // Unicode lower-case letter → VNI lower-case sequence
  const mark = (t: Exclude<Tone, "">) => VNI_TONE[t];
  for (const tone of TONES) {
    const c = TONE_COMBINING[tone];
    const u = (s: string) => (s + c).normalize("NFC");
    for (const v of ["a", "e", "o", "u", "y"]) {
      if (tone === "") continue;
      if (v === "y" && tone === "dot") encode.set(u("y"), VNI_Y_DOT);
      else encode.set(u(v), v + mark(tone));
    }
    if (tone !== "") encode.set(u("i"), VNI_I[tone]);
    for (const v of ["a", "e", "o"]) encode.set(u(`${v}\u0302`), v + VNI_CIRCUMFLEX[tone]);
    encode.set(u("a\u0306"), "a" + VNI_BREVE[tone]);
    encode.set(u("o\u031b"), VNI_O_HORN + (tone === "" ? "" : mark(tone)));
    encode.set(u("u\u031b"), VNI_U_HORN + (tone === "" ? "" : mark(tone)));
  }
  encode.set("đ", VNI_D_BAR);
  const decode = new Map<string, string>();
  for (const [uni, seq] of encode) {
    const upperUni = uni.toUpperCase();
    const upperSeq = seq.toUpperCase();
    decode.set(seq, uni);
    decode.set(upperSeq, upperUni);
    if (seq.length === 2) {
      // Mixed case as typed with Caps/Shift quirks: the base letter decides the case.
      decode.set(seq[0]!.toUpperCase() + seq[1]!, upperUni);
      decode.set(seq[0]! + seq[1]!.toUpperCase(), uni);
    }
  }
  return { decode, encode };
}

const WIN1252 = new TextDecoder("windows-1252");

export function decodeVni(bytes: Uint8Array): string {
  vniTables ??= buildVniTables();
  const { decode } = vniTables;
  const s = WIN1252.decode(bytes);
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const two = decode.get(s.slice(i, i + 2));
    if (two !== undefined && s.length >= i + 2) {
      out.push(two);
      i += 2;
      continue;
    }
    const ch = s[i]!;
    out.push(ch.charCodeAt(0) >= 0x80 ? (decode.get(ch) ?? ch) : ch);
    i += 1;
  }
  return out.join("").normalize("NFC");
}

/** Unicode → VNI-Windows bytes (for tests and round trips); characters outside the table become "?". */
export function encodeVni(text: string): Uint8Array {
  vniTables ??= buildVniTables();
  const { encode } = vniTables;
  const out: number[] = [];
  for (const ch of text.normalize("NFC")) {
    const lower = ch.toLowerCase();
    const seq = encode.get(lower);
    if (seq !== undefined) {
      const s = ch === lower ? seq : seq.toUpperCase();
      for (const c of s) out.push(c.charCodeAt(0));
    } else {
      const cp = ch.codePointAt(0)!;
      out.push(cp < 0x80 ? cp : 0x3f);
    }
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------------------------

const UTF8_FATAL = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const UTF8_LOSSY = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
const WIN1258 = new TextDecoder("windows-1258");

const SAMPLE_BYTES = 256 * 1024;

function detectUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  let evenViet = 0;
  let oddViet = 0;
  for (let i = 0; i < n; i += 2) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    if (a === 0) evenZero++;
    if (b === 0) oddZero++;
    if (a === 0x1e || a === 0x01) evenViet++;
    if (b === 0x1e || b === 0x01) oddViet++;
  }
  const pairs = n / 2;
  if ((oddZero + oddViet) / pairs > 0.4 && evenZero / pairs < 0.05) return "utf-16le";
  if ((evenZero + evenViet) / pairs > 0.4 && oddZero / pairs < 0.05) return "utf-16be";
  return null;
}

/** Fraction of bytes that are C0 controls other than tab/LF/CR/FF (and the TCVN3 upper-case slots when asked). */
function controlRatio(bytes: Uint8Array, allowTcvnLow: boolean): number {
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 0x1a) {
      if (!(allowTcvnLow && TCVN3_LOW.has(b))) bad++;
    } else if (b === 0x7f) bad++;
  }
  return bad / n;
}

/** Normalise line ends, drop control characters, NFC. */
export function cleanText(s: string): string {
  return s
    .replace(/^\ufeff/, "")
    .replace(/\r\n?|[\u2028\u2029\u0085\f\v]/g, "\n")
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f\ufeff]/g, "")
    .normalize("NFC");
}

/**
 * Decode a text file. Throws UnreadableDocumentError("BINARY") when the bytes are not text in any supported encoding.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const warnings: string[] = [];
  // BOMs first.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: cleanText(UTF8_LOSSY.decode(bytes.subarray(3))), encoding: "utf-8", warnings };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: cleanText(new TextDecoder("utf-16le").decode(bytes.subarray(2))), encoding: "utf-16le", warnings };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: cleanText(new TextDecoder("utf-16be").decode(bytes.subarray(2))), encoding: "utf-16be", warnings };
  }
  const utf16 = detectUtf16(bytes);
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes);
    if (controlRatio(new TextEncoder().encode(text.slice(0, 65536)), false) < 0.02) {
      return { text: cleanText(text), encoding: utf16, warnings };
    }
  }
  if (controlRatio(bytes, true) > 0.02 || hasNulRun(bytes)) throw unreadable("BINARY");

  try {
    const text = UTF8_FATAL.decode(bytes);
    return { text: cleanText(text), encoding: "utf-8", warnings };
  } catch {
    // not valid UTF-8: try the legacy encodings below
  }

  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const candidates: { encoding: TextEncodingName; decode: (b: Uint8Array) => string }[] = [
    { encoding: "utf-8", decode: (b) => UTF8_LOSSY.decode(b) },
    { encoding: "tcvn3", decode: decodeTcvn3 },
    { encoding: "vni", decode: decodeVni },
    { encoding: "windows-1258", decode: (b) => WIN1258.decode(b).normalize("NFC") },
    { encoding: "windows-1252", decode: (b) => WIN1252.decode(b) },
  ];
  let best = candidates[0]!;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const c of candidates) {
    const score = vietnameseScore(c.decode(sample));
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  const text = cleanText(best.decode(bytes));
  // Mostly symbols and broken words in every encoding: not a text file.
  if (bestScore < 0 && looksLikeGarbage(text)) throw unreadable("BINARY");
  if (best.encoding === "utf-8")
    warnings.push("Tệp có một số byte không hợp lệ theo UTF-8; các ký tự đó đã được thay thế.");
  else warnings.push(`Tệp dùng bảng mã cũ ${ENCODING_LABEL[best.encoding]}; đã chuyển sang Unicode.`);
  return { text, encoding: best.encoding, warnings };
}

const ENCODING_LABEL: Record<TextEncodingName, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16",
  "utf-16be": "UTF-16",
  tcvn3: "TCVN3 (ABC)",
  vni: "VNI-Windows",
  "windows-1258": "Windows-1258",
  "windows-1252": "Windows-1252",
};

function hasNulRun(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  let nul = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) nul++;
  return nul > 0 && nul / n > 0.001;
}

/** Less than half of the characters are letters, digits, spaces or common punctuation. */
function looksLikeGarbage(text: string): boolean {
  const sample = text.slice(0, 65536);
  if (sample.length === 0) return false;
  let ok = 0;
  for (const ch of sample) if (/[\p{L}\p{N}\s.,;:()\-/%"'!?]/u.test(ch)) ok++;
  return ok / sample.length < 0.75;
}
