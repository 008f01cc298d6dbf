/**
 * OCR accuracy on known Vietnamese text. These tests need `tesseract` with the `vie` model and poppler's `pdftoppm`
 * (CI installs tesseract-ocr, tesseract-ocr-vie, poppler-utils); they FAIL rather than skip when the tools are absent.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readDocument, UnreadableDocumentError } from "./index.js";
import { ocrStatus } from "./ocr.js";
import { makePdf } from "./testing.js";

const fixture = (name: string) => readFileSync(new URL(`./test/fixtures/${name}`, import.meta.url));

function levenshtein(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (A[i - 1] === B[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[B.length]!;
}

/** Character accuracy 1 − edit distance / length, whitespace collapsed, NFC. */
function charAccuracy(ocr: string, truth: string): number {
  const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
  const t = norm(truth);
  return Math.max(0, 1 - levenshtein(norm(ocr), t) / [...t].length);
}

describe("OCR (tesseract -l vie)", () => {
  it("tesseract with Vietnamese data and pdftoppm are installed", async () => {
    const st = await ocrStatus("vie");
    expect(st.tesseract, "tesseract CLI missing (apt-get install tesseract-ocr)").toBe(true);
    expect(st.language, "Vietnamese model missing (apt-get install tesseract-ocr-vie)").toBe(true);
    expect(st.pdftoppm, "pdftoppm missing (apt-get install poppler-utils)").toBe(true);
  });

  it.each([
    ["ocr-page.png", 0.97],
    ["ocr-page-small.png", 0.95],
    ["ocr-page-degraded.png", 0.93],
  ] as const)(
    "reads a rendered page of Vietnamese text (%s) with character accuracy ≥ %d",
    async (name, min) => {
      const truth = fixture("ocr-truth.txt").toString("utf8");
      const t0 = performance.now();
      const doc = await readDocument(new Uint8Array(fixture(name)), name);
      const seconds = (performance.now() - t0) / 1000;
      const acc = charAccuracy(doc.text, truth);
      console.info(`OCR ${name}: character accuracy ${(acc * 100).toFixed(2)}%, ${seconds.toFixed(2)} s/page`);
      expect(doc).toMatchObject({ format: "image", ocr: true });
      expect(acc).toBeGreaterThanOrEqual(min);
    },
    120_000,
  );

  it("OCRs a scanned PDF page (150 dpi JPEG, no text layer) through pdftoppm", async () => {
    const pdf = makePdf([{ jpeg: new Uint8Array(fixture("plan-p1.jpg")) }]);
    const t0 = performance.now();
    const doc = await readDocument(pdf, "scan.pdf");
    const seconds = (performance.now() - t0) / 1000;
    expect(doc).toMatchObject({ format: "pdf", ocr: true, pages: 1 });
    // Compare words of the non-table part with the text layer of the same page.
    const words = [
      "ỦY",
      "BAN",
      "NHÂN",
      "DÂN",
      "CỘNG",
      "HÒA",
      "Độc",
      "lập",
      "Hạnh",
      "phúc",
      "KẾ",
      "HOẠCH",
      "Phát",
      "triển",
      "khoa",
      "học",
      "đổi",
      "mới",
      "sáng",
      "tạo",
      "chuyển",
      "MỤC",
      "TIÊU",
      "Tuyên",
      "truyền",
      "phổ",
      "biến",
      "Đơn",
      "vị",
      "chủ",
      "trì",
      "Thường",
      "xuyên",
    ];
    const found = words.filter((w) => doc.text.includes(w)).length / words.length;
    console.info(`OCR scanned PDF page: word recall ${(found * 100).toFixed(1)}%, ${seconds.toFixed(2)} s/page`);
    expect(found).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it("reads a JPEG image (format image, OCR)", async () => {
    const doc = await readDocument(new Uint8Array(fixture("plan-p1.jpg")), "scan.jpg");
    expect(doc).toMatchObject({ format: "image", ocr: true });
    expect(doc.text).toContain("KẾ HOẠCH");
    expect(doc.warnings.join(" ")).toContain("OCR");
  }, 120_000);

  it("OCR_UNAVAILABLE (not a crash) when the tesseract binary is missing", async () => {
    const prev = process.env.TIENDO_TESSERACT;
    process.env.TIENDO_TESSERACT = "/nonexistent/tesseract-xyz";
    try {
      await expect(readDocument(new Uint8Array(fixture("ocr-page.png")), "scan.png")).rejects.toSatisfy(
        (e: unknown) => e instanceof UnreadableDocumentError && e.code === "OCR_UNAVAILABLE",
      );
    } finally {
      if (prev === undefined) delete process.env.TIENDO_TESSERACT;
      else process.env.TIENDO_TESSERACT = prev;
    }
  });
});
