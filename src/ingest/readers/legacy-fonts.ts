/**
 * Text typed with legacy Vietnamese fonts (.VnTime = TCVN3/ABC, VNI-Times = VNI) inside Unicode containers: a .docx
 * whose runs use ".VnTime" stores "Ph¸t triÓn" for "Phát triển"; a PDF whose VnTime font lacks a ToUnicode map yields
 * the same through WinAnsi. Such lines are mapped back to their bytes (Windows-1252) and re-decoded as TCVN3 or VNI
 * when that makes clearly more Vietnamese words (document-level gate, then line by line).
 */
import { decodeTcvn3, decodeVni } from "./encoding.js";
import { vietnameseScore } from "./vietnamese.js";

let reverse1252: Map<string, number> | undefined;

function toCp1252Bytes(s: string): Uint8Array | null {
  if (!reverse1252) {
    reverse1252 = new Map();
    const dec = new TextDecoder("windows-1252");
    for (let b = 0; b < 256; b++) reverse1252.set(dec.decode(Uint8Array.of(b)), b);
  }
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const b = reverse1252.get(s[i]!);
    if (b === undefined) return null;
    out[i] = b;
  }
  return out;
}

/** Lines worth a look: they hold Latin-1/Windows-1252 letters or symbols (TCVN3/VNI text read as Windows-1252). */
const LEGACY_HINT =
  /[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

type Legacy = "tcvn3" | "vni";

function bestLegacy(line: string): { text: string; gain: number; encoding: Legacy } | null {
  const bytes = toCp1252Bytes(line);
  if (!bytes) return null;
  const base = vietnameseScore(line);
  let best: { text: string; gain: number; encoding: Legacy } | null = null;
  for (const [encoding, decode] of [
    ["tcvn3", decodeTcvn3],
    ["vni", decodeVni],
  ] as const) {
    const text = decode(bytes);
    const gain = vietnameseScore(text) - base;
    if (!best || gain > best.gain) best = { text, gain, encoding };
  }
  return best;
}

export interface LegacyRepair {
  lines: string[];
  encoding: Legacy | null;
  changed: number;
}

/**
 * Repair the lines of a document typed in legacy fonts. Nothing changes unless the whole document clearly gains
 * (more than 5 words and a fifth of its candidate lines' words).
 */
export function repairLegacyFontLines(lines: string[]): LegacyRepair {
  const candidates: { i: number; text: string; gain: number; encoding: Legacy }[] = [];
  let totalGain = 0;
  let candidateWords = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!LEGACY_HINT.test(line)) continue;
    const best = bestLegacy(line);
    if (!best) continue;
    candidateWords += line.split(/\s+/).length;
    totalGain += best.gain;
    if (best.gain > 0) candidates.push({ i, ...best });
  }
  if (candidates.length === 0 || totalGain <= 5 || totalGain < candidateWords * 0.2) {
    return { lines, encoding: null, changed: 0 };
  }
  const out = [...lines];
  const votes = { tcvn3: 0, vni: 0 };
  for (const c of candidates) {
    out[c.i] = c.text;
    votes[c.encoding] += c.gain;
  }
  return { lines: out, encoding: votes.vni > votes.tcvn3 ? "vni" : "tcvn3", changed: candidates.length };
}

/** Repair a whole text (lines joined by "\n"); returns the warning to show when something changed. */
export function repairLegacyFontText(text: string): { text: string; warning: string | null } {
  // Table rows: repair cell by cell, the tabs survive because cells are separate "lines" here.
  const lines = text.split("\n");
  const cells: string[] = [];
  const shape: number[] = [];
  for (const l of lines) {
    const parts = l.split("\t");
    shape.push(parts.length);
    cells.push(...parts);
  }
  const r = repairLegacyFontLines(cells);
  if (r.changed === 0) return { text, warning: null };
  const rebuilt: string[] = [];
  let k = 0;
  for (const n of shape) {
    rebuilt.push(r.lines.slice(k, k + n).join("\t"));
    k += n;
  }
  const label = r.encoding === "vni" ? "VNI (VNI-Times…)" : "TCVN3 (.VnTime…)";
  return {
    text: rebuilt.join("\n"),
    warning: `Văn bản dùng phông chữ cũ ${label}; đã chuyển ${r.changed} dòng sang Unicode.`,
  };
}
