/**
 * OCR of scans through the `tesseract` CLI (`-l vie`, OMP_THREAD_LIMIT=1) with a per-page timeout; PDF pages are
 * rasterised with poppler's `pdftoppm -r 300`. Missing tools or language data → OCR_UNAVAILABLE, never a crash.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { type ReadOptions, UnreadableDocumentError, unreadable } from "./types.js";

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  spawnError?: NodeJS.ErrnoException;
}

function run(cmd: string, args: string[], timeoutMs: number, signal?: AbortSignal): Promise<RunResult> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(cmd, args, {
        env: { ...process.env, OMP_THREAD_LIMIT: "1" },
        stdio: ["ignore", "pipe", "pipe"],
        signal,
      });
    } catch (err) {
      resolve({ code: null, stdout: "", stderr: "", timedOut: false, spawnError: err as NodeJS.ErrnoException });
      return;
    }
    const out: Buffer[] = [];
    const errb: Buffer[] = [];
    let errLen = 0;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout?.on("data", (d: Buffer) => out.push(d));
    child.stderr?.on("data", (d: Buffer) => {
      if (errLen < 65536) {
        errb.push(d);
        errLen += d.length;
      }
    });
    child.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, stdout: "", stderr: "", timedOut, spawnError: e });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(errb).toString("utf8"),
        timedOut,
      });
    });
  });
}

export interface OcrStatus {
  available: boolean;
  tesseract: boolean;
  language: boolean;
  pdftoppm: boolean;
  version: string | null;
}

const statusCache = new Map<string, Promise<OcrStatus>>();

/** Is tesseract with the given language (default "vie") installed? Cached per binary path and language. */
export function ocrStatus(language = "vie"): Promise<OcrStatus> {
  const key = `${process.env.TIENDO_TESSERACT ?? "tesseract"}|${process.env.TIENDO_PDFTOPPM ?? "pdftoppm"}|${language}`;
  let p = statusCache.get(key);
  if (!p) {
    p = (async () => {
      const [langs, ppm] = await Promise.all([
        run(process.env.TIENDO_TESSERACT ?? "tesseract", ["--list-langs"], 15_000),
        run(process.env.TIENDO_PDFTOPPM ?? "pdftoppm", ["-v"], 15_000),
      ]);
      const tesseract = !langs.spawnError && langs.code === 0;
      const list = `${langs.stdout}\n${langs.stderr}`.split(/\r?\n/).map((s) => s.trim());
      const language_ = tesseract && language.split("+").every((l) => list.includes(l));
      const pdftoppm = !ppm.spawnError && ppm.code === 0;
      let version: string | null = null;
      if (tesseract) {
        const v = await run(process.env.TIENDO_TESSERACT ?? "tesseract", ["--version"], 15_000);
        version = /tesseract\s+v?([\d.]+)/i.exec(`${v.stdout}${v.stderr}`)?.[1] ?? null;
      }
      return { available: tesseract && language_, tesseract, language: language_, pdftoppm, version };
    })();
    statusCache.set(key, p);
  }
  return p;
}

async function requireOcr(opts: ReadOptions, needPdftoppm: boolean): Promise<string> {
  const lang = opts.ocrLanguage ?? "vie";
  if (opts.ocr === false) {
    throw new UnreadableDocumentError(
      "OCR_UNAVAILABLE",
      "Tệp là ảnh quét nhưng chức năng nhận dạng chữ (OCR) đang tắt.",
    );
  }
  const st = await ocrStatus(lang);
  if (!st.tesseract) {
    throw new UnreadableDocumentError(
      "OCR_UNAVAILABLE",
      "Tệp là ảnh quét nhưng máy chủ chưa cài Tesseract OCR để nhận dạng chữ (cài gói tesseract-ocr và tesseract-ocr-vie).",
    );
  }
  if (!st.language) {
    throw new UnreadableDocumentError(
      "OCR_UNAVAILABLE",
      `Tệp là ảnh quét nhưng Tesseract chưa có dữ liệu nhận dạng tiếng Việt (${lang}); hãy cài gói tesseract-ocr-vie.`,
    );
  }
  if (needPdftoppm && !st.pdftoppm) {
    throw new UnreadableDocumentError(
      "OCR_UNAVAILABLE",
      "Tệp PDF là ảnh quét nhưng máy chủ chưa cài pdftoppm (gói poppler-utils) để chuyển trang thành ảnh.",
    );
  }
  return lang;
}

async function tesseract(imagePath: string, lang: string, opts: ReadOptions): Promise<string> {
  const r = await run(
    process.env.TIENDO_TESSERACT ?? "tesseract",
    [imagePath, "stdout", "-l", lang, "--psm", "3"],
    opts.ocrTimeoutMs ?? 120_000,
    opts.signal,
  );
  if (r.timedOut) throw new UnreadableDocumentError("OCR_FAILED", "Nhận dạng chữ (OCR) quá thời gian cho phép.");
  if (r.spawnError || r.code !== 0) {
    if (r.spawnError?.name === "AbortError") throw r.spawnError;
    const detail = (r.stderr || r.spawnError?.message || "").split("\n").filter(Boolean).slice(-1)[0] ?? "";
    throw unreadable("OCR_FAILED", detail ? `(${detail.slice(0, 200)})` : undefined);
  }
  return tidyOcr(r.stdout);
}

/** Tesseract output: "\f" page separators, trailing spaces; keep blank lines between paragraphs. */
function tidyOcr(s: string): string {
  return s
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .normalize("NFC")
    .trim();
}

function imageExtension(bytes: Uint8Array): string {
  if (bytes[0] === 0x89) return "png";
  if (bytes[0] === 0xff) return "jpg";
  if (bytes[0] === 0x49 || bytes[0] === 0x4d) return "tif";
  if (bytes[0] === 0x47) return "gif";
  if (bytes[0] === 0x42) return "bmp";
  if (bytes[0] === 0x52) return "webp";
  return "img";
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "tiendo-ocr-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

/** OCR an image file (PNG/JPEG/TIFF incl. multi-page/GIF/BMP/WebP). */
export async function ocrImage(
  bytes: Uint8Array,
  opts: ReadOptions = {},
): Promise<{ text: string; pages: number | null; warnings: string[]; seconds: number }> {
  const lang = await requireOcr(opts, false);
  const t0 = performance.now();
  opts.onProgress?.({ stage: "ocr", page: 1 });
  const raw = await withTempDir(async (dir) => {
    const path = join(dir, `scan.${imageExtension(bytes)}`);
    await writeFile(path, bytes);
    return tesseract(path, lang, opts);
  });
  const pageTexts = raw.split("\f");
  const text = pageTexts.map((t) => t.trim()).join("\n\n");
  return {
    text,
    pages: pageTexts.length > 1 ? pageTexts.length : null,
    warnings: ["Văn bản được nhận dạng từ ảnh quét (OCR); cần rà soát lỗi chính tả."],
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Rasterise the given 1-based pages of a PDF with pdftoppm and OCR each one. */
export async function ocrPdfPages(
  pdf: Uint8Array,
  pages: number[],
  _pageCount: number,
  opts: ReadOptions = {},
): Promise<Map<number, string>> {
  const lang = await requireOcr(opts, true);
  const dpi = String(opts.ocrDpi ?? 300);
  const workers = Math.max(1, Math.min(opts.ocrConcurrency ?? Math.min(4, availableParallelism()), pages.length));
  return withTempDir(async (dir) => {
    const pdfPath = join(dir, "doc.pdf");
    await writeFile(pdfPath, pdf);
    const out = new Map<number, string>();
    const queue = [...pages];
    let done = 0;
    // A few single-threaded tesseract processes side by side (OMP_THREAD_LIMIT=1 each).
    const worker = async () => {
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
        opts.signal?.throwIfAborted();
        const base = join(dir, `p${p}`);
        const r = await run(
          process.env.TIENDO_PDFTOPPM ?? "pdftoppm",
          ["-r", dpi, "-f", String(p), "-l", String(p), "-png", "-gray", "-singlefile", pdfPath, base],
          opts.ocrTimeoutMs ?? 120_000,
          opts.signal,
        );
        if (r.timedOut || r.code !== 0) {
          throw unreadable("OCR_FAILED", `(không chuyển được trang ${p} thành ảnh)`);
        }
        const png = `${base}.png`;
        out.set(p, await tesseract(png, lang, opts));
        await rm(png, { force: true }).catch(() => {});
        done++;
        opts.onProgress?.({ stage: "ocr", page: done, pages: pages.length });
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    return out;
  });
}

/** For tests/bench: read back an image we wrote. */
export async function readBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}
