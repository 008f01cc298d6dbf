/**
 * Builds the restorer's model file (data/vi-model.bin) from training texts: the syllable trigram LM in back-off
 * form, the syllable table, and candidate lists precomputed for every stripped syllable spelling, every corpus
 * syllable, short fragments, and the damaged spellings that the synthetic OCR-noise generator (noise.ts) makes of
 * the training texts. Deterministic: the same texts give a byte-identical file.
 */
import { buildCandTable, type SlotList } from "./cand-table.js";
import { candidateKey } from "./channel.js";
import { buildLm, compileLm, NgramModel } from "./lm.js";
import { writeSections } from "./model-file.js";
import { damageText } from "./noise.js";
import { liveSlotList, modelSections, syllableLmIds } from "./restore.js";
import { foldText, syllableInventory } from "./syllables.js";
import type { TrainingText } from "./training.js";

export interface BuildOptions {
  /** damaged-spelling passes over each text whose word forms get precomputed candidates (default 8) */
  noisePasses?: number;
  /** precompute every stripped syllable spelling and one/two-letter fragment (default true) */
  allFolds?: boolean;
}

export function buildModelBytes(
  texts: TrainingText[],
  opts: BuildOptions = {},
): { bytes: Uint8Array; keys: number; lm: NgramModel } {
  const passes = opts.noisePasses ?? 8;
  const compiled = compileLm(buildLm(texts));
  const m = new NgramModel(compiled);
  const keys = new Set<string>();
  if (opts.allFolds ?? true) {
    for (const s of syllableInventory()) {
      keys.add(foldText(s, true));
      keys.add(foldText(s));
    }
    // stray one- and two-letter fragments (broken words, initials)
    const letters = "abcdefghijklmnopqrstuvwxyzđ";
    for (const a of letters) {
      keys.add(a);
      for (const b of letters) keys.add(a + b);
    }
  }
  for (const w of m.vocab) if (!w.startsWith("<")) keys.add(w);
  const words = /[\p{L}\p{N}¢€&]+/gu;
  texts.forEach((t, ti) => {
    for (let pass = 0; pass < passes; pass++) {
      const dmg = damageText(t.text, 1000 * ti + pass + 1);
      for (const mm of dmg.matchAll(words)) {
        const w = mm[0];
        if (/^[0-9]+$/.test(w)) continue;
        const k = candidateKey(w);
        if (k.length <= 9) keys.add(k);
      }
    }
  });
  const sorted = [...keys].sort();
  const sylLm = syllableLmIds(m);
  const entries: [string, SlotList][] = sorted.map((k) => [k, liveSlotList(m, k, sylLm)]);
  const sections = modelSections(compiled, buildCandTable(entries));
  return { bytes: writeSections(sections), keys: sorted.length, lm: m };
}
