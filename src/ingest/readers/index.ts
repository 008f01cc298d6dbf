/**
 * Document readers: the bytes of a .txt/.csv/.docx/.pdf/.xlsx file or a scanned image → plain text (RawDocument).
 *
 * The format is decided by content (magic bytes), the file name only breaks ties (.csv vs .txt). Every refusal is an
 * UnreadableDocumentError with a Vietnamese message; nothing else is thrown for bad input.
 *
 * Text convention: paragraphs/lines separated by "\n"; table rows are one line each with cells joined by "\t"
 * (header row included); list items keep their printed number ("1.2. …", "a) …", "- …"). Layout tables of a
 * docx (the header block with "CỘNG HÒA XÃ HỘI…", the "Nơi nhận / signature" block) are read column by column.
 */
import { csvToText } from "./csv.js";
import { decodeText } from "./encoding.js";
import { htmlToText, looksLikeHtml } from "./html.js";
import { repairLegacyFontText } from "./legacy-fonts.js";
import {
  type DocumentFormat,
  type RawDocument,
  type ReadOptions,
  UnreadableDocumentError,
  unreadable,
} from "./types.js";
import { DEFAULT_ZIP_LIMITS, ZipArchive, type ZipLimits } from "./zip.js";

export type {
  DocumentFormat,
  RawDocument,
  ReadOptions,
  ReadProgress,
  UnreadableCode,
} from "./types.js";
export { UnreadableDocumentError } from "./types.js";

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const CONVERTED_NAME: Record<string, string> = {
  doc: "Word 97-2003 (.doc)",
  xls: "Excel 97-2003 (.xls)",
  rtf: "RTF",
  odt: "OpenDocument (.odt)",
  ods: "OpenDocument (.ods)",
};

/** Convert a legacy/other office file with LibreOffice and read the result; UNSUPPORTED when that is not possible. */
async function readConverted(
  bytes: Uint8Array,
  fileName: string,
  ext: string,
  target: "docx" | "xlsx",
  opts: ReadOptions,
): Promise<RawDocument> {
  const label = CONVERTED_NAME[ext] ?? ext.toUpperCase();
  if (opts.convert !== false) {
    const { convertWithLibreOffice } = await import("./convert.js");
    const converted = await convertWithLibreOffice(bytes, ext, target, undefined, opts.signal);
    if (converted) {
      const doc = await readDocument(converted, `${fileName}.${target}`, { ...opts, convert: false });
      return { ...doc, warnings: [`Đã chuyển đổi tệp ${label} sang .${target} bằng LibreOffice.`, ...doc.warnings] };
    }
  }
  throw new UnreadableDocumentError(
    "UNSUPPORTED",
    `Định dạng ${label} chưa đọc được trên máy chủ này; hãy mở bằng Word/Excel và lưu lại thành .docx/.xlsx hoặc .pdf.`,
  );
}

export type Sniffed = "pdf" | "zip" | "ole" | "image" | "rtf" | "unknown";

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

/** Recognise a container/image format by its first bytes. */
export function sniff(bytes: Uint8Array): Sniffed {
  // %PDF- may be preceded by junk (allowed within the first 1 KiB).
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const pdfAt = head.indexOf("%PDF-");
  // Junk before the header is tolerated (as by PDF readers), but not prose that merely mentions "%PDF-".
  if (pdfAt === 0 || (pdfAt > 0 && !/[\n\r]/.test(head.slice(0, pdfAt)) && !head.startsWith("PK"))) return "pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole";
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) ||
    (startsWith(bytes, [0x42, 0x4d]) && bytes.length > 26 && bytes[14]! >= 12 && bytes[15] === 0) ||
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
  ) {
    return "image";
  }
  if (head.startsWith("{\\rtf")) return "rtf";
  return "unknown";
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

function zipLimits(opts: ReadOptions): ZipLimits {
  return { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: opts.maxUncompressedBytes ?? DEFAULT_ZIP_LIMITS.maxTotalBytes };
}

/** UTF-16LE bytes of a string, to look for OLE directory entry names. */
function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) out[i * 2] = s.charCodeAt(i);
  return out;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(Buffer.from(needle));
}

function finish(doc: RawDocument): RawDocument {
  let text = doc.text.normalize("NFC");
  let warnings = doc.warnings;
  if (doc.format === "docx" || doc.format === "xlsx" || doc.format === "pdf") {
    // Runs typed in .VnTime / VNI-Times fonts carry TCVN3/VNI bytes as Latin-1 letters: map them back.
    const repaired = repairLegacyFontText(text);
    if (repaired.warning) {
      text = repaired.text;
      warnings = [...warnings, repaired.warning];
    }
  }
  if (text.trim() === "") {
    if (doc.format === "pdf" || doc.format === "image") {
      throw new UnreadableDocumentError(
        "EMPTY",
        "Không tìm thấy chữ nào trong tệp (trang trắng hoặc ảnh không có chữ).",
      );
    }
    throw unreadable("EMPTY");
  }
  return { ...doc, text, warnings };
}

/**
 * Read a document. Throws UnreadableDocumentError (Vietnamese message) for empty, binary, truncated, encrypted,
 * oversized, zip-bomb, unsupported or un-OCR-able input.
 */
export async function readDocument(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<RawDocument> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw unreadable("EMPTY");
  if (bytes.length > maxBytes) {
    throw unreadable(
      "TOO_LARGE",
      `(${(bytes.length / 1048576).toFixed(1)} MB > ${(maxBytes / 1048576).toFixed(0)} MB)`,
    );
  }
  opts.signal?.throwIfAborted();
  const ext = extensionOf(fileName);
  const kind = sniff(bytes);
  opts.onProgress?.({ stage: "read" });

  try {
    switch (kind) {
      case "pdf": {
        const { readPdf } = await import("./pdf.js");
        return finish(await readPdf(bytes, opts));
      }
      case "zip": {
        const zip = new ZipArchive(bytes, zipLimits(opts));
        if (zip.find("xl/workbook.xml")) {
          zip.verifyAll();
          const { readXlsx } = await import("./xlsx.js");
          const r = await readXlsx(bytes, opts);
          return finish({ text: r.text, format: "xlsx", ocr: false, pages: null, warnings: r.warnings });
        }
        if (zip.find("word/document.xml") || /wordprocessingml/.test(zip.readText("[Content_Types].xml") ?? "")) {
          const { readDocx } = await import("./docx.js");
          const r = readDocx(bytes, zipLimits(opts));
          return finish({ text: r.text, format: "docx", ocr: false, pages: null, warnings: r.warnings });
        }
        if (zip.find("content.xml") && zip.find("mimetype")) {
          const isSheet = /spreadsheet/.test(zip.readText("mimetype") ?? "");
          return await readConverted(bytes, fileName, isSheet ? "ods" : "odt", isSheet ? "xlsx" : "docx", opts);
        }
        throw unreadable("UNSUPPORTED", "(tệp nén không phải văn bản Word .docx hay bảng tính .xlsx)");
      }
      case "ole": {
        if (
          indexOfBytes(bytes, utf16le("EncryptionInfo")) >= 0 ||
          indexOfBytes(bytes, utf16le("EncryptedPackage")) >= 0
        ) {
          throw unreadable("ENCRYPTED");
        }
        const isSheet = ext === "xls" || indexOfBytes(bytes, utf16le("Workbook")) >= 0;
        return await readConverted(bytes, fileName, isSheet ? "xls" : "doc", isSheet ? "xlsx" : "docx", opts);
      }
      case "image": {
        const { ocrImage } = await import("./ocr.js");
        const r = await ocrImage(bytes, opts);
        return finish({ text: r.text, format: "image", ocr: true, pages: r.pages, warnings: r.warnings });
      }
      case "rtf":
        return await readConverted(bytes, fileName, "rtf", "docx", opts);
      default: {
        if (["docx", "xlsx", "pdf", "doc", "xls", "png", "jpg", "jpeg", "tif", "tiff"].includes(ext)) {
          // The name promises a binary format the content does not have: a damaged file, or text misnamed.
          const decoded = tryDecode(bytes);
          if (!decoded) throw unreadable(isMostlyZeroOrRandom(bytes) ? "BINARY" : "TRUNCATED");
          return finish({ text: decoded.text, format: "txt", ocr: false, pages: null, warnings: decoded.warnings });
        }
        const decoded = decodeText(bytes);
        if (ext === "html" || ext === "htm" || looksLikeHtml(decoded.text)) {
          return finish({
            text: htmlToText(decoded.text),
            format: "txt",
            ocr: false,
            pages: null,
            warnings: decoded.warnings,
          });
        }
        if (ext === "csv" || ext === "tsv") {
          return finish({
            text: csvToText(decoded.text),
            format: "csv",
            ocr: false,
            pages: null,
            warnings: decoded.warnings,
          });
        }
        return finish({ text: decoded.text, format: "txt", ocr: false, pages: null, warnings: decoded.warnings });
      }
    }
  } catch (err) {
    if (err instanceof UnreadableDocumentError) throw err;
    if (err instanceof Error && err.name === "AbortError") throw err;
    // Any other failure inside a parser means the file is damaged in a way we did not foresee.
    throw unreadable(kind === "unknown" ? "BINARY" : "TRUNCATED", undefined, err);
  }
}

function tryDecode(bytes: Uint8Array): { text: string; warnings: string[] } | null {
  try {
    const d = decodeText(bytes);
    return d.text.trim() ? d : null;
  } catch {
    return null;
  }
}

function isMostlyZeroOrRandom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let high = 0;
  for (let i = 0; i < n; i++) if (bytes[i]! >= 0x80 || bytes[i]! < 0x09) high++;
  return high / Math.max(1, n) > 0.2;
}

export function isUnreadableDocumentError(e: unknown): e is UnreadableDocumentError {
  return e instanceof UnreadableDocumentError;
}

export type { DocumentFormat as Format };
