/**
 * Measures the Vietnamese restorer.
 *   npx tsx scripts/eval-restore.ts [--verbose]
 * 1. Task titles of the damaged seeds as found in the seed text (whole document restored, the title's span cut out
 *    by alignment) against the gold titles, with the scorer's diacritics metric (syllable-level, LCS-aligned,
 *    tone-placement-insensitive; logic copied from shared/tools/score-plan.mjs diacriticsAcc).
 * 2. Generalisation, with a model trained without the evaluated text: seed 003 and held-out corpus lines (every 10th)
 *    with all marks stripped, and the held-out lines damaged by the synthetic OCR-noise generator (noise.ts, three
 *    seeds).
 * Gold files are read for scoring only.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildLm, NgramModel } from "../src/ingest/text/lm.js";
import { damageText } from "../src/ingest/text/noise.js";
import { restoreVietnamese, setModel } from "../src/ingest/text/restore.js";
import { cleanSeedTexts, corpusTexts } from "../src/ingest/text/training.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seedDir = process.env.TIENDO_SEEDS ?? path.resolve(root, "tests", "fixtures", "seeds");
const verbose = process.argv.includes("--verbose");

// ---- metric (from score-plan.mjs) ----
function fold(s: string): string {
  return String(s ?? "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
function syllables(s: string): string[] {
  return String(s ?? "")
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/gu;
function toneKey(syl: string): string {
  const d = syl.normalize("NFD");
  const tone = (d.match(TONE) || []).join("");
  return d.replace(TONE, "").normalize("NFC") + "|" + tone;
}
interface Acc {
  ok: number;
  n: number;
}
function diacriticsAcc(goldText: string, predText: string, acc: Acc, errors?: string[]): void {
  const g = syllables(goldText);
  const p = syllables(predText);
  const gf = g.map(fold);
  const pf = p.map(fold);
  const m = g.length;
  const n = p.length;
  const L = Array.from({ length: m + 1 }, () => new Uint16Array(n + 1));
  for (let i = m - 1; i >= 0; i--)
    for (let j = n - 1; j >= 0; j--)
      L[i]![j] = gf[i] === pf[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  let i = 0;
  let j = 0;
  let exact = 0;
  while (i < m && j < n) {
    if (gf[i] === pf[j]) {
      if (toneKey(g[i]!) === toneKey(p[j]!)) exact++;
      else errors?.push(`${g[i]}→${p[j]}`);
      i++;
      j++;
    } else if (L[i + 1]![j]! >= L[i]![j + 1]!) {
      errors?.push(`${g[i]}→∅`);
      i++;
    } else j++;
  }
  for (; i < m; i++) errors?.push(`${g[i]}→∅`);
  acc.ok += exact;
  acc.n += m;
}

// ---- 1. damaged seeds ----
function bestSpan(docSyl: string[], docFold: string[], title: string): string {
  const gf = syllables(title).map(fold);
  const Lg = gf.length;
  let best = -1;
  let bestText = "";
  for (let s = 0; s < docFold.length; s++) {
    if (docFold[s] !== gf[0] && docFold[s] !== gf[1]) continue;
    const e = Math.min(docFold.length, s + Lg + 4);
    // LCS of gf vs docFold[s..e), tracking the last matched doc index
    const w = e - s;
    const Lm = Array.from({ length: Lg + 1 }, () => new Uint16Array(w + 1));
    for (let i = Lg - 1; i >= 0; i--)
      for (let j = w - 1; j >= 0; j--)
        Lm[i]![j] = gf[i] === docFold[s + j] ? Lm[i + 1]![j + 1]! + 1 : Math.max(Lm[i + 1]![j]!, Lm[i]![j + 1]!);
    const score = Lm[0]![0]!;
    if (score > best) {
      // last matched index
      let i = 0;
      let j = 0;
      let last = 0;
      while (i < Lg && j < w) {
        if (gf[i] === docFold[s + j]) {
          last = j;
          i++;
          j++;
        } else if (Lm[i + 1]![j]! >= Lm[i]![j + 1]!) i++;
        else j++;
      }
      best = score;
      bestText = docSyl.slice(s, s + last + 1).join(" ");
    }
  }
  return bestText;
}

const seeds = fs.existsSync(seedDir) ? fs.readdirSync(seedDir).filter((f) => f.endsWith(".txt")) : [];
const cleanNames = new Set(cleanSeedTexts(seedDir).map((t) => t.name));
const total: Acc = { ok: 0, n: 0 };
const errs: string[] = [];
let bytes = 0;
let ms = 0;
for (const f of seeds.sort()) {
  if (cleanNames.has(f)) continue;
  const goldPath = path.join(seedDir, "gold", f.replace(/\.txt$/, ".json"));
  if (!fs.existsSync(goldPath)) continue;
  const raw = fs.readFileSync(path.join(seedDir, f), "utf8");
  const t0 = performance.now();
  const restored = restoreVietnamese(raw);
  ms += performance.now() - t0;
  bytes += Buffer.byteLength(raw);
  const docSyl = syllables(restored);
  const docFold = docSyl.map(fold);
  const gold = JSON.parse(fs.readFileSync(goldPath, "utf8")) as { tasks: { title: string }[] };
  const acc: Acc = { ok: 0, n: 0 };
  for (const t of gold.tasks) {
    const pred = bestSpan(docSyl, docFold, t.title);
    const e: string[] = [];
    diacriticsAcc(t.title, pred, acc, e);
    errs.push(...e);
    if (verbose && e.length)
      console.log(`  ${f.slice(0, 3)} ${e.join(", ")}\n      gold: ${t.title}\n      pred: ${pred}`);
  }
  total.ok += acc.ok;
  total.n += acc.n;
  console.log(`${f}: titles diacritics ${(acc.ok / acc.n).toFixed(3)} (n=${acc.n})`);
}
console.log(`DAMAGED SEEDS titles diacritics: ${(total.ok / total.n).toFixed(4)} (n=${total.n})`);
console.log(`speed (first run, cold caches): ${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(2)} MB/s`);
if (verbose) {
  const cnt = new Map<string, number>();
  for (const e of errs) cnt.set(e, (cnt.get(e) ?? 0) + 1);
  console.log(
    [...cnt]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 60)
      .map(([k, v]) => `${k}×${v}`)
      .join("  "),
  );
}

// ---- 2. generalisation on stripped text ----
function strip(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFC");
}
const { train, heldOut } = corpusTexts(true);
const trainSeeds = cleanSeedTexts(seedDir, (n) => n.startsWith("003_"));
setModel(new NgramModel(buildLm([...train, ...trainSeeds])));
const gen: Acc = { ok: 0, n: 0 };
const genErr: string[] = [];
const seed003 = seeds.find((f) => f.startsWith("003_"));
if (seed003) {
  const clean = fs.readFileSync(path.join(seedDir, seed003), "utf8").normalize("NFC");
  const acc: Acc = { ok: 0, n: 0 };
  diacriticsAcc(clean, restoreVietnamese(strip(clean)), acc, genErr);
  console.log(`seed 003 stripped (model without 003 and held-out lines): ${(acc.ok / acc.n).toFixed(4)} (n=${acc.n})`);
  gen.ok += acc.ok;
  gen.n += acc.n;
}
{
  const acc: Acc = { ok: 0, n: 0 };
  const clean = heldOut.join("\n");
  diacriticsAcc(clean, restoreVietnamese(strip(clean)), acc, genErr);
  console.log(`held-out corpus lines stripped (${heldOut.length} lines): ${(acc.ok / acc.n).toFixed(4)} (n=${acc.n})`);
}
{
  const acc: Acc = { ok: 0, n: 0 };
  const clean = heldOut.join("\n");
  for (const seed of [11, 12, 13]) diacriticsAcc(clean, restoreVietnamese(damageText(clean, seed)), acc, genErr);
  console.log(`held-out corpus lines, synthetic OCR noise (3 seeds): ${(acc.ok / acc.n).toFixed(4)} (n=${acc.n})`);
}
if (verbose) {
  const cnt = new Map<string, number>();
  for (const e of genErr) cnt.set(e, (cnt.get(e) ?? 0) + 1);
  console.log(
    [...cnt]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
      .map(([k, v]) => `${k}×${v}`)
      .join("  "),
  );
}
setModel(null);
