/**
 * Shared harness for the importer's quality gates: every `<dir>/*.txt` goes through `importText` and is scored against
 * `<dir>/gold/<name>.json` with the project's copy of the scorer (tests/fixtures/score-plan.mjs); a gate then asserts
 * one floor per overall figure, printing the scorer's misses when a floor fails.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { importText } from "../index.js";

export interface Prf {
  f1: number;
}
export interface Acc {
  v: number;
  n: number;
}
/** The scorer's running totals (the fields the gates read). */
export interface Totals {
  tasks: Prf;
  lead: Prf;
  support: Prf;
  tf_kind: Acc;
  tf_end: Acc;
  plan_fields: Acc;
  reporting: Prf;
  references: Prf;
  groups: Prf;
  diacritics: Acc;
  awards: Prf;
  phases: Acc;
  criteria: Acc;
  ref: Acc;
  tf_start: Acc;
  reporting_due: Acc;
  targets: Prf;
}
type ScoreOne = (gold: unknown, pred: unknown, totals?: Totals) => { T: Totals; misses: string[] };

export const FIXTURES = join(import.meta.dirname, "..", "..", "..", "tests", "fixtures");

export interface GateOptions {
  /** Folder under tests/fixtures. */
  dir: string;
  /** The gate fails when the folder holds fewer documents (a lost fixture must not pass silently). */
  minDocuments: number;
  /** How many scorer misses to print when a floor fails. */
  printMisses?: number;
}

export interface GateScores {
  /** Every document. */
  all: Totals;
  /** Documents that are not OCR-damaged copies (named `ocr-*`). */
  clean: Totals;
}

/** Declares a describe block of floors over the scores of one fixture folder. */
export function qualityGate(title: string, opts: GateOptions, floors: (floor: Floor) => void): void {
  const dir = join(FIXTURES, opts.dir);
  const misses: string[] = [];
  let scores: GateScores;

  beforeAll(async () => {
    const scorer = (await import(pathToFileURL(join(FIXTURES, "score-plan.mjs")).href)) as { scoreOne: ScoreOne };
    let all: Totals | undefined;
    let clean: Totals | undefined;
    const docs = readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .sort();
    expect(docs.length).toBeGreaterThanOrEqual(opts.minDocuments);
    for (const f of docs) {
      const gold = JSON.parse(readFileSync(join(dir, "gold", f.replace(/\.txt$/, ".json")), "utf8"));
      const { plan } = importText(readFileSync(join(dir, f), "utf8"), f);
      const r = scorer.scoreOne(gold, plan, all);
      all = r.T;
      if (!f.startsWith("ocr-")) clean = scorer.scoreOne(gold, plan, clean).T;
      misses.push(...r.misses.map((m) => `${f}: ${m}`));
    }
    scores = { all: all!, clean: clean ?? all! };
  });

  describe(title, () => {
    floors((name, get, min) =>
      it(`${name} ≥ ${min}`, () => {
        const v = get(scores);
        if (v < min) console.log(misses.slice(0, opts.printMisses ?? 80).join("\n"));
        expect(v, name).toBeGreaterThanOrEqual(min);
      }),
    );
  });
}

export type Floor = (name: string, get: (s: GateScores) => number, min: number) => void;
