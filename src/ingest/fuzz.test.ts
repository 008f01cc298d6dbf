/**
 * Property tests: the importer never throws anything but UnreadableDocumentError and never hangs, whatever it is
 * fed — random strings, mutated seed plans (deletions, duplications, random bytes, shuffled lines), random bytes
 * dressed as .docx/.pdf/.xlsx, bit-flipped real .docx/.pdf files.
 *
 * Runs per property: env TIENDO_FUZZ_RUNS (default 300; CI). A long run, before a release:
 *   TIENDO_FUZZ_RUNS=10000 npx vitest run src/ingest/fuzz.test.ts --testTimeout=0
 * Container formats (docx/pdf/xlsx) get a tenth of the runs (at least 30): each case parses a whole file.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importPlan, importText } from "./index.js";
import { readDocument, UnreadableDocumentError } from "./readers/index.js";
import { adversarialText, makePdf, samplePlanDocx } from "./readers/testing.js";

const RUNS = Math.max(1, Number(process.env.TIENDO_FUZZ_RUNS ?? 300) || 300);
const HEAVY_RUNS = Math.max(30, Math.floor(RUNS / 10));
const SEED = process.env.TIENDO_FUZZ_SEED ? Number(process.env.TIENDO_FUZZ_SEED) : undefined;
const params = (numRuns: number) => ({ numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) });

function seedTexts(): { name: string; text: string }[] {
  for (const dir of [join(process.cwd(), "tests/fixtures/seeds"), "/work/shared/seeds"]) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir).filter((f) => f.endsWith(".txt"));
    if (files.length > 0) return files.map((f) => ({ name: f, text: readFileSync(join(dir, f), "utf8") }));
  }
  return [{ name: "builtin.txt", text: "KẾ HOẠCH\n1. Nhiệm vụ\n- Đơn vị chủ trì: Phòng Kinh tế\n" }];
}

const SEEDS = seedTexts();

/** Fails with a clear message when a promise does not settle in time (a hang). */
async function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} did not finish in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Run `fn`; only UnreadableDocumentError may escape. */
async function onlyUnreadable(fn: () => Promise<unknown> | unknown, what: string): Promise<void> {
  try {
    await within(10_000, Promise.resolve().then(fn), what);
  } catch (err) {
    if (err instanceof UnreadableDocumentError) {
      expect(err.message.length).toBeGreaterThan(5);
      return;
    }
    throw err;
  }
}

// A Vietnamese-flavoured alphabet so that random strings reach the parsers' interesting paths.
const vnChar = fc.constantFrom(
  ..."aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ ÁĐƯỐ0123456789.,;:-+()/\t\n\n\n\"'“”%IVX",
);
const vnString = fc.array(vnChar, { maxLength: 2000 }).map((cs) => cs.join(""));
const anyString = fc.oneof(vnString, fc.string({ unit: "binary", maxLength: 2000 }), fc.string({ maxLength: 500 }));

/** A seed plan with random edits. */
const mutatedSeed = fc
  .record({
    seed: fc.constantFrom(...SEEDS),
    ops: fc.array(
      fc.record({
        kind: fc.constantFrom("delete", "duplicate", "insert", "shuffle", "truncate"),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        len: fc.nat({ max: 4000 }),
        junk: fc.string({ unit: "binary", maxLength: 50 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ seed, ops }) => {
    let t = seed.text;
    for (const op of ops) {
      const i = Math.floor(op.at * t.length);
      switch (op.kind) {
        case "delete":
          t = t.slice(0, i) + t.slice(i + op.len);
          break;
        case "duplicate":
          t = t.slice(0, i) + t.slice(i, i + op.len) + t.slice(i);
          break;
        case "insert":
          t = t.slice(0, i) + op.junk + t.slice(i);
          break;
        case "shuffle": {
          const lines = t.split("\n");
          // Deterministic shuffle driven by the op's numbers.
          for (let k = lines.length - 1; k > 0; k--) {
            const j = (k * 7919 + op.len) % (k + 1);
            [lines[k], lines[j]] = [lines[j]!, lines[k]!];
          }
          t = lines.join("\n");
          break;
        }
        case "truncate":
          t = t.slice(0, i);
          break;
      }
    }
    return { name: seed.name, text: t };
  });

describe("fuzz: text import", () => {
  it("importText never throws on random strings", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        importText(s, "random.txt");
      }),
      params(RUNS),
    );
  });

  it("importText never throws on mutated seed plans", () => {
    fc.assert(
      fc.property(mutatedSeed, ({ name, text }) => {
        importText(text, name);
      }),
      params(RUNS),
    );
  });

  it("importPlan/readDocument on bytes: random bytes, mutated seeds as UTF-8/UTF-16, random bytes inserted", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 4000 }).map((b) => ({ bytes: b, name: "x.txt" })),
          mutatedSeed.map((m) => ({ bytes: new TextEncoder().encode(m.text), name: m.name })),
          mutatedSeed.map((m) => ({ bytes: new Uint8Array(Buffer.from(m.text, "utf16le")), name: m.name })),
          fc
            .tuple(
              mutatedSeed,
              fc.uint8Array({ minLength: 1, maxLength: 64 }),
              fc.double({ min: 0, max: 1, noNaN: true }),
            )
            .map(([m, junk, at]) => {
              const b = new TextEncoder().encode(m.text);
              const i = Math.floor(at * b.length);
              return { bytes: Uint8Array.from([...b.subarray(0, i), ...junk, ...b.subarray(i)]), name: "m.csv" };
            }),
        ),
        async ({ bytes, name }) => {
          await onlyUnreadable(() => importPlan({ bytes, fileName: name }), name);
        },
      ),
      params(RUNS),
    );
  });
});

describe("fuzz: containers", () => {
  it("random bytes dressed as docx/pdf/xlsx (with and without magic numbers)", async () => {
    const MAGIC: Record<string, number[]> = {
      docx: [0x50, 0x4b, 0x03, 0x04],
      xlsx: [0x50, 0x4b, 0x03, 0x04],
      pdf: [...new TextEncoder().encode("%PDF-1.7\n")],
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("docx", "pdf", "xlsx"),
        fc.boolean(),
        fc.uint8Array({ maxLength: 8000 }),
        async (ext, magic, body) => {
          const bytes = magic ? Uint8Array.from([...MAGIC[ext]!, ...body]) : body;
          await onlyUnreadable(() => readDocument(bytes, `x.${ext}`, { ocr: false }), `random .${ext}`);
        },
      ),
      params(HEAVY_RUNS),
    );
  });

  it("bit-flipped, truncated and spliced real docx/pdf files", async () => {
    const docx = await samplePlanDocx();
    const pdf = makePdf([
      { texts: [{ x: 72, y: 700, text: "KE HOACH phat trien khoa hoc" }], lines: [[60, 690, 500, 690]] },
      { texts: [{ x: 72, y: 700, text: "1. Nhiem vu - Don vi chu tri: Phong Kinh te" }] },
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom({ bytes: docx, name: "plan.docx" }, { bytes: pdf, name: "plan.pdf" }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        async (file, flips, keep) => {
          const b = file.bytes.slice(0, Math.max(1, Math.floor(file.bytes.length * keep)));
          for (const [at, v] of flips) b[Math.floor(at * (b.length - 1))] = v;
          await onlyUnreadable(() => readDocument(b, file.name, { ocr: false }), file.name);
        },
      ),
      params(HEAVY_RUNS),
    );
  });
});

describe("adversarial input", () => {
  it("imports a 1 MB adversarial text without hanging (timing is measured in bench:import)", async () => {
    const text = adversarialText();
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(1024 * 1024);
    const t0 = performance.now();
    await within(
      10_000,
      Promise.resolve().then(() => importText(text, "adversarial.txt")),
      "1 MB adversarial",
    );
    const t1 = performance.now();
    await within(
      10_000,
      importPlan({ bytes: new TextEncoder().encode(text), fileName: "adversarial.txt" }),
      "1 MB adversarial bytes",
    );
    expect(t1 - t0).toBeLessThan(10_000);
  }, 60_000);
});
