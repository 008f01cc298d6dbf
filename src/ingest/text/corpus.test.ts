/**
 * The restorer's language model is trained on the corpus; the seed gold files are the test. This guard keeps them
 * apart: no corpus line may share a long run of words with a task, group or plan title of a seed whose text is
 * OCR-damaged (a line that does was restored from the test set, and the seed figures would measure memory).
 * Seed 003 is clean Unicode: training on the seeds themselves is allowed, so its titles are not guarded.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { foldKeepLength } from "../../core/text.js";

const RUN = 12;
const corpusDir = path.resolve(import.meta.dirname, "corpus");
const goldDir = path.resolve(import.meta.dirname, "../../../tests/fixtures/seeds/gold");

const words = (s: string) => foldKeepLength(s.normalize("NFC")).match(/[a-z0-9]+/g) ?? [];

function runsOf(text: string): string[] {
  const w = words(text);
  const out: string[] = [];
  for (let i = 0; i + RUN <= w.length; i++) out.push(w.slice(i, i + RUN).join(" "));
  return out;
}

describe("training corpus", () => {
  it("shares no 12-word run with the titles of the damaged seeds' gold files", () => {
    const guarded = new Set<string>();
    for (const file of fs.readdirSync(goldDir).filter((f) => f.endsWith(".json") && !f.startsWith("003"))) {
      const gold = JSON.parse(fs.readFileSync(path.join(goldDir, file), "utf8"));
      const titles: string[] = [
        gold.plan?.title ?? "",
        ...gold.groups.map((g: { title: string }) => g.title),
        ...gold.tasks.map((t: { title: string }) => t.title),
      ];
      for (const t of titles) for (const r of runsOf(t)) guarded.add(r);
    }
    expect(guarded.size).toBeGreaterThan(1000);
    const leaks: string[] = [];
    for (const file of fs.readdirSync(corpusDir).filter((f) => f.endsWith(".txt"))) {
      for (const line of fs.readFileSync(path.join(corpusDir, file), "utf8").split("\n")) {
        if (runsOf(line).some((r) => guarded.has(r))) leaks.push(`${file}: ${line.slice(0, 80)}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
