import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { samplePlanDocx } from "../../ingest/readers/testing.js";
import { runImport } from "./import.js";

describe("tiendo import", () => {
  let stderr: string[];
  let stdout: string[];
  beforeEach(() => {
    stderr = [];
    stdout = [];
    vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => {
      stderr.push(String(s));
      return true;
    });
    vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
      stdout.push(String(s));
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("writes <base>.json per input, reports unreadable files in Vietnamese, exits 1, keeps going", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tiendo-import-"));
    writeFileSync(join(dir, "ke-hoach.docx"), await samplePlanDocx());
    writeFileSync(join(dir, "rong.txt"), "");
    const out = join(dir, "out");
    const code = await runImport([join(dir, "ke-hoach.docx"), join(dir, "rong.txt"), join(dir, "khong-co.pdf")], {
      out,
      quiet: false,
    });
    expect(code).toBe(1);
    const plan = JSON.parse(readFileSync(join(out, "ke-hoach.json"), "utf8"));
    expect(plan.format).toBe("tiendo.plan.v1");
    expect(plan.source).toBe("ke-hoach.docx");
    const err = stderr.join("");
    expect(err).toContain("rong.txt: Tệp rỗng");
    expect(err).toContain("khong-co.pdf: không tìm thấy tệp");
  });

  it("--json prints the plan of a single file on stdout; refuses --json with several files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tiendo-import-"));
    writeFileSync(join(dir, "a.docx"), await samplePlanDocx());
    expect(await runImport([join(dir, "a.docx")], { json: true })).toBe(0);
    expect(JSON.parse(stdout.join("")).plan.number).toBe("121/KH-UBND");
    expect(await runImport([join(dir, "a.docx"), join(dir, "a.docx")], { json: true })).toBe(2);
  });

  it("--max-mb refuses large files before reading them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tiendo-import-"));
    writeFileSync(join(dir, "big.txt"), "Kế hoạch ".repeat(100_000));
    expect(await runImport([join(dir, "big.txt")], { out: dir, maxMb: "0.5" })).toBe(1);
    expect(stderr.join("")).toContain("Tệp quá lớn");
  });
});
