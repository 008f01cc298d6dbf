/**
 * Writes importer predictions for the fixture seeds, so the scorer can be run by hand:
 *
 *   npx tsx scripts/import-seeds.ts [OUT_DIR] [SEED_DIR]
 *   node tests/fixtures/score-plan.mjs --gold-dir tests/fixtures/seeds/gold --pred-dir OUT_DIR
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importText } from "../src/ingest/index.js";

const outDir = process.argv[2] ?? "/tmp/tiendo-pred";
const seedDir = process.argv[3] ?? join(import.meta.dirname, "..", "tests", "fixtures", "seeds");
mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(seedDir)
  .filter((x) => x.endsWith(".txt"))
  .sort()) {
  const { plan } = importText(readFileSync(join(seedDir, f), "utf8"), f);
  writeFileSync(join(outDir, f.replace(/\.txt$/, ".json")), `${JSON.stringify(plan, null, 2)}\n`);
  console.log(`${f}: ${plan.tasks.length} tasks, ${plan.groups.length} groups, ${plan.reporting.length} reporting`);
}
