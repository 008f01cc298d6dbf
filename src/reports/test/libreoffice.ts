import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Converts a document to PDF with headless LibreOffice and returns the PDF's text (pdftotext). */
export async function convertToPdfText(bytes: Buffer, ext: "docx" | "xlsx"): Promise<{ pdf: Buffer; text: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tiendo-lo-"));
  try {
    const input = path.join(dir, `doc.${ext}`);
    fs.writeFileSync(input, bytes);
    await run(
      "soffice",
      [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, input],
      { timeout: 120_000 },
    );
    const pdfPath = path.join(dir, "doc.pdf");
    if (!fs.existsSync(pdfPath)) throw new Error("LibreOffice did not produce a PDF");
    const { stdout } = await run("pdftotext", [pdfPath, "-"], { maxBuffer: 64 * 1024 * 1024 });
    return { pdf: fs.readFileSync(pdfPath), text: stdout };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
