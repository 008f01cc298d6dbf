/**
 * Builds the Vietnamese restorer's model: src/ingest/text/data/vi-model.bin.
 *   npx tsx scripts/build-vi-model.ts [out-file]
 * Sources: src/ingest/text/corpus/*.txt and the clean seed documents in tests/fixtures/seeds (TIENDO_SEEDS
 * overrides). Never the gold files, never the damaged seeds. Same sources → byte-identical file
 * (see src/ingest/text/model-build.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildModelBytes } from "../src/ingest/text/model-build.js";
import { cleanSeedTexts, corpusTexts } from "../src/ingest/text/training.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seedDir = process.env.TIENDO_SEEDS ?? path.resolve(root, "tests", "fixtures", "seeds");
const out = process.argv[2] ?? path.join(root, "src/ingest/text/data/vi-model.bin");

const t0 = performance.now();
const texts = [...corpusTexts().train, ...cleanSeedTexts(seedDir)];
const { bytes, keys, lm } = buildModelBytes(texts);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, bytes);
console.log(
  `vi-model: ${texts.map((t) => t.name).join(", ")} → ${lm.V} LM tokens, ${keys} precomputed candidate keys, ` +
    `${(bytes.length / 1024).toFixed(0)} KiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
