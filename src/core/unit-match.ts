/**
 * Matching a unit name as a plan prints it ("Phòng VHTT", "UBND các x4, phường", "Phòng Kinh tế, Hạ tầng và Đô thị
 * thị xã") to the directory: diacritics-, case-, punctuation- and abbreviation-insensitive, with a confidence the
 * review screen shows. Pure: the caller passes the candidate entries (units and unit groups).
 */
import { foldKeepLength } from "./text.js";

export interface DirectoryEntry {
  id: string;
  name: string;
  aliases: string[];
  /** "unit" or "group": a group ("UBND các phường") resolves to members elsewhere. */
  type: "unit" | "group";
  /** Whether the entry lies under the plan issuer (its own offices, wards…), which breaks ties. */
  underIssuer?: boolean;
}

export interface MatchCandidate {
  id: string;
  name: string;
  type: "unit" | "group";
  /** 0..1; 1 = exact after normalisation. */
  confidence: number;
}

export interface MatchContext {
  /** Locality names of the issuer and its ancestors ("Mỹ Hào", "Hưng Yên"), dropped from the end of names. */
  localities?: string[];
}

/** Abbreviations of Vietnamese administrative bodies, on folded text (word-bounded). */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bubmttq\b/g, "uy ban mat tran to quoc"],
  [/\bubnd\b/g, "uy ban nhan dan"],
  [/\bhdnd\b/g, "hoi dong nhan dan"],
  [/\bmttq\b/g, "mat tran to quoc"],
  [/\blhpn\b/g, "lien hiep phu nu"],
  [/\bhlhpn\b/g, "hoi lien hiep phu nu"],
  [/\bldld\b/g, "lien doan lao dong"],
  [/\btncs\b/g, "thanh nien cong san"],
  [/\bvh kh (va|&) ?tt\b/g, "van hoa khoa hoc va thong tin"],
  [/\bvh ?tt\b/g, "van hoa va thong tin"],
  [/\bvh xh\b/g, "van hoa xa hoi"],
  [/\bkh ?(va|&)? ?cn\b/g, "khoa hoc va cong nghe"],
  [/\bgd ?(va|&)? ?dt\b/g, "giao duc va dao tao"],
  [/\btc ?kh\b/g, "tai chinh ke hoach"],
  [/\btn ?(va|&)? ?mt\b/g, "tai nguyen va moi truong"],
  [/\bld ?tb ?(va|&)? ?xh\b/g, "lao dong thuong binh va xa hoi"],
  [/\bkt ?ht ?(va|&)? ?dt\b/g, "kinh te ha tang va do thi"],
  [/\bttvh\b/g, "trung tam van hoa"],
  [/\btt\b/g, "trung tam"],
  [/\btp\b/g, "thanh pho"],
  [/\bvp\b/g, "van phong"],
  [/\bqltt\b/g, "quan ly thi truong"],
];

const LOCALITY_WORDS = ["thi xa", "quan", "huyen", "thanh pho", "tinh", "thi tran"];
const STOP_WORDS = new Set(["va", "cac", "cua", "tren", "dia", "ban"]);

/** The comparable form of a unit name. */
export function canonicalUnitName(name: string, context: MatchContext = {}): string {
  let s = foldKeepLength(name.normalize("NFC"))
    .replace(/&/g, " va ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  for (const [re, rep] of ABBREVIATIONS) s = s.replace(re, rep);
  s = s.replace(/^(de nghi|giao)\s+/, "");
  const localities = (context.localities ?? []).map((l) =>
    foldKeepLength(l.normalize("NFC"))
      .replace(/[^a-z0-9]+/g, " ")
      .trim(),
  );
  // Drop a trailing "thị xã Mỹ Hào", "quận", "Mỹ Hào" … possibly repeated ("quận Gò Vấp").
  let changed = true;
  while (changed) {
    changed = false;
    for (const loc of localities) {
      if (loc && s.endsWith(` ${loc}`)) {
        s = s.slice(0, -loc.length - 1).trimEnd();
        changed = true;
      }
    }
    for (const w of LOCALITY_WORDS) {
      if (s.endsWith(` ${w}`)) {
        s = s.slice(0, -w.length - 1).trimEnd();
        changed = true;
      }
    }
  }
  return s.replace(/\s+/g, " ").trim();
}

function tokens(s: string): string[] {
  return s.split(" ").filter((t) => t && !STOP_WORDS.has(t));
}

function diceTokens(a: string[], b: string[]): number {
  if (a.length + b.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let inter = 0;
  for (const t of b) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      inter++;
      counts.set(t, n - 1);
    }
  }
  return (2 * inter) / (a.length + b.length);
}

function trigramDice(a: string, b: string): number {
  const grams = (s: string) => {
    const m = new Map<string, number>();
    const t = ` ${s} `;
    for (let i = 0; i + 3 <= t.length; i++) m.set(t.slice(i, i + 3), (m.get(t.slice(i, i + 3)) ?? 0) + 1);
    return m;
  };
  const A = grams(a);
  const B = grams(b);
  let inter = 0;
  let na = 0;
  let nb = 0;
  for (const v of A.values()) na += v;
  for (const v of B.values()) nb += v;
  for (const [g, v] of A) inter += Math.min(v, B.get(g) ?? 0);
  return na + nb === 0 ? 1 : (2 * inter) / (na + nb);
}

function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const td = diceTokens(tokens(a), tokens(b));
  const cd = trigramDice(a, b);
  return Math.min(0.99, 0.55 * td + 0.45 * cd);
}

/** Ranks directory entries for one printed name; best first, at most `limit`, only those above `minConfidence`. */
export function matchUnitName(
  printed: string,
  entries: readonly DirectoryEntry[],
  context: MatchContext = {},
  opts: { limit?: number; minConfidence?: number } = {},
): MatchCandidate[] {
  const target = canonicalUnitName(printed, context);
  if (!target) return [];
  const scored: { candidate: MatchCandidate; local: number }[] = [];
  for (const e of entries) {
    let best = 0;
    for (const n of [e.name, ...e.aliases]) {
      const s = similarity(target, canonicalUnitName(n, context));
      if (s > best) best = s;
      if (best === 1) break;
    }
    if (e.underIssuer && best < 1) best = Math.min(0.99, best + 0.03);
    if (best >= (opts.minConfidence ?? 0.5)) {
      scored.push({
        candidate: { id: e.id, name: e.name, type: e.type, confidence: best },
        local: e.underIssuer ? 1 : 0,
      });
    }
  }
  scored.sort(
    (a, b) =>
      b.candidate.confidence - a.candidate.confidence ||
      b.local - a.local ||
      a.candidate.name.localeCompare(b.candidate.name, "vi"),
  );
  return scored.slice(0, opts.limit ?? 5).map((s) => s.candidate);
}

/** A match good enough to accept without asking the coordinator. */
export const AUTO_ACCEPT_CONFIDENCE = 0.9;
