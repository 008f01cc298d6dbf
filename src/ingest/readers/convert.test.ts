/** LibreOffice conversion of .doc/.rtf/.odt/.xls (optional feature: skipped when `soffice` is not installed). */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readDocument } from "./index.js";
import { SAMPLE_HEADER, SAMPLE_TASKS, samplePlanDocx } from "./testing.js";

const hasSoffice = spawnSync(process.env.TIENDO_SOFFICE ?? "soffice", ["--version"], { timeout: 20_000 }).status === 0;

function convert(input: string, to: string, dir: string): Uint8Array {
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", to, "--outdir", dir, input],
    { stdio: "ignore", timeout: 120_000 },
  );
  return new Uint8Array(readFileSync(input.replace(/\.[^.]+$/, `.${to.split(":")[0]}`)));
}

describe.skipIf(!hasSoffice)("LibreOffice conversion", () => {
  it("reads .doc, .rtf and .odt made from the sample plan", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tiendo-conv-"));
    const src = join(dir, "plan.docx");
    writeFileSync(src, await samplePlanDocx());
    for (const [to, name] of [
      ["doc:MS Word 97", "plan.doc"],
      ["rtf", "plan.rtf"],
      ["odt", "plan.odt"],
    ] as const) {
      const bytes = convert(src, to, dir);
      const doc = await readDocument(bytes, name);
      expect(doc.format, name).toBe("docx");
      expect(doc.warnings[0], name).toContain("LibreOffice");
      const lines = doc.text.split("\n");
      expect(lines, name).toContain("KẾ HOẠCH");
      expect(lines, name).toContain(SAMPLE_HEADER.join("\t"));
      expect(lines, name).toContain(SAMPLE_TASKS[1].join("\t"));
    }
  }, 180_000);

  it("reads .xls", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tiendo-conv-"));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("PL");
    ws.addRow(["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"]);
    ws.addRow([1, "Xây dựng cơ sở dữ liệu", "Phòng Kinh tế", "Năm 2025"]);
    const src = join(dir, "pl.xlsx");
    writeFileSync(src, new Uint8Array(await wb.xlsx.writeBuffer()));
    const doc = await readDocument(convert(src, "xls", dir), "pl.xls");
    expect(doc.format).toBe("xlsx");
    expect(doc.text.split("\n")).toEqual([
      "STT\tNhiệm vụ\tChủ trì\tThời gian",
      "1\tXây dựng cơ sở dữ liệu\tPhòng Kinh tế\tNăm 2025",
    ]);
  }, 180_000);
});
