/**
 * Training material for the syllable LM: the administrative corpus (corpus/*.txt) and the clean seed documents.
 * Never the gold files.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CORPUS_DIR = fileURLToPath(new URL("./corpus/", import.meta.url));

export interface TrainingText {
  name: string;
  text: string;
  weight?: number;
}

/** Is line i of a corpus file held out for evaluation (every 10th non-empty line)? */
export function isHeldOut(lineIndex: number): boolean {
  return lineIndex % 10 === 7;
}

/** Corpus files; with `holdOut`, lines selected by isHeldOut are left out (returned separately). */
export function corpusTexts(holdOut = false): { train: TrainingText[]; heldOut: string[] } {
  const train: TrainingText[] = [];
  const heldOut: string[] = [];
  if (!fs.existsSync(CORPUS_DIR)) return { train, heldOut };
  for (const f of fs.readdirSync(CORPUS_DIR).sort()) {
    if (!f.endsWith(".txt")) continue;
    const text = fs.readFileSync(path.join(CORPUS_DIR, f), "utf8").normalize("NFC");
    if (!holdOut) {
      train.push({ name: f, text });
      continue;
    }
    const keep: string[] = [];
    let idx = 0;
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      if (isHeldOut(idx++) && line.split(/\s+/).length >= 6) heldOut.push(line);
      else keep.push(line);
    }
    train.push({ name: f, text: keep.join("\n") });
  }
  return { train, heldOut };
}

/** Seed documents that are clean Unicode (no OCR damage) — found by the share of marked syllables. */
export function cleanSeedTexts(seedDir: string, exclude: (name: string) => boolean = () => false): TrainingText[] {
  if (!fs.existsSync(seedDir)) return [];
  const out: TrainingText[] = [];
  for (const f of fs.readdirSync(seedDir).sort()) {
    if (!f.endsWith(".txt") || exclude(f)) continue;
    const text = fs.readFileSync(path.join(seedDir, f), "utf8").normalize("NFC");
    if (looksClean(text)) out.push({ name: f, text });
  }
  return out;
}

const MARKED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
function looksClean(text: string): boolean {
  const words = text.split(/[^\p{L}\p{N}¢€&]+/u).filter((w) => /\p{L}/u.test(w));
  if (words.length < 50) return false;
  let marked = 0;
  let digitMixed = 0;
  for (const w of words) {
    if (MARKED.test(w)) marked++;
    if (/[0-9¢€&]/.test(w)) digitMixed++;
  }
  return marked / words.length > 0.6 && digitMixed / words.length < 0.01;
}
