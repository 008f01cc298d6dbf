/**
 * Speed of the Vietnamese restorer on the seed documents.
 *   npx tsx bench/restore.ts           whole documents per call
 *   npx tsx bench/restore.ts --lines   one call per line (as src/ingest/index.ts calls it)
 * Reports the model load separately, then the cold pass (first pass in this process over the four damaged seeds),
 * then warm passes (median of 7) over damaged, clean (seed 003) and all seeds, and a ≥ 5 MB run of the seeds
 * repeated (as the import benchmark does). MB/s by wall clock and by process CPU time (the machine is shared).
 */
import fs from "node:fs";

const dir = new URL("../tests/fixtures/seeds/", import.meta.url).pathname;
const perLine = process.argv.includes("--lines");
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const read = (f: string) => fs.readFileSync(dir + f, "utf8");
const damaged = files.filter((f) => !f.startsWith("003_")).map(read);
const clean = files.filter((f) => f.startsWith("003_")).map(read);
const all = files.map(read);
const bytesOf = (ts: string[]) => ts.reduce((a, t) => a + Buffer.byteLength(t), 0);

let t0 = performance.now();
const { defaultModel, restoreVietnamese, precomputedKeys, restoreStats } = await import(
  "../src/ingest/text/restore.js"
);
const importMs = performance.now() - t0;
t0 = performance.now();
defaultModel();
console.log(
  `module import ${importMs.toFixed(0)} ms, model load ${(performance.now() - t0).toFixed(1)} ms ` +
    `(${precomputedKeys()} precomputed candidate keys)`,
);

function run(texts: string[]): void {
  for (const t of texts) {
    if (perLine) for (const line of t.split("\n")) restoreVietnamese(line);
    else restoreVietnamese(t);
  }
}

function measure(texts: string[]): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  run(texts);
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - w0, cpu: (c.user + c.system) / 1000 };
}

// machine speed reference: the shared cores vary a lot; compare runs by this
{
  const r0 = performance.now();
  let h = 0;
  for (let i = 0; i < 2e7; i++) h = Math.imul(h ^ i, 0x9e3779b1);
  console.log(`reference loop (2e7 imul): ${(performance.now() - r0).toFixed(0)} ms${h === 1 ? "" : ""}`);
}

const mbs = (bytes: number, ms: number) => (bytes / 1048576 / (ms / 1000)).toFixed(2);
function report(label: string, texts: string[], r: { wall: number; cpu: number }): void {
  const b = bytesOf(texts);
  console.log(
    `${label.padEnd(30)} ${(b / 1024).toFixed(0).padStart(5)} KiB  wall ${r.wall.toFixed(1).padStart(7)} ms = ` +
      `${mbs(b, r.wall).padStart(6)} MB/s   cpu ${r.cpu.toFixed(1).padStart(7)} ms = ${mbs(b, r.cpu).padStart(6)} MB/s`,
  );
}

const mode = perLine ? "per line" : "whole docs";
report(`cold, damaged seeds (${mode})`, damaged, measure(damaged));
console.log(
  `  of which ${restoreStats.liveKeys} spellings not precomputed, searched live in ${restoreStats.liveMs.toFixed(1)} ms`,
);
report(`first pass, clean seed 003`, clean, measure(clean));
for (const [label, texts] of [
  ["warm, damaged seeds", damaged],
  ["warm, clean seed 003", clean],
  ["warm, all seeds", all],
] as const) {
  const runs = Array.from({ length: 7 }, () => measure(texts as string[]));
  const med = (k: "wall" | "cpu") => runs.map((r) => r[k]).sort((a, b) => a - b)[3]!;
  report(`${label} (${mode}, median)`, texts as string[], { wall: med("wall"), cpu: med("cpu") });
}
const big: string[] = [];
while (bytesOf(big) < 5 * 1048576) big.push(...all);
report(`seeds repeated to 5 MB (${mode})`, big, measure(big));
