/** Shared types of the document readers. */

export type DocumentFormat = "txt" | "docx" | "pdf" | "xlsx" | "csv" | "image";

export interface RawDocument {
  /** Paragraphs/lines separated by "\n"; table rows one line each, cells joined by "\t". NFC. */
  text: string;
  format: DocumentFormat;
  /** True when some or all of the text came from OCR. */
  ocr: boolean;
  /** Page count for paged formats (pdf, multi-page tiff), else null. */
  pages: number | null;
  /** Vietnamese, human-readable notes (encoding guessed, pages OCR'd, rows truncated…). */
  warnings: string[];
}

export interface ReadProgress {
  stage: "read" | "ocr";
  /** 1-based page number being processed, when paged. */
  page?: number;
  pages?: number;
}

export interface ReadOptions {
  /** Refuse inputs larger than this many bytes (default 50 MB). */
  maxBytes?: number;
  /** Cap on total uncompressed bytes of a zip container (default 200 MB). */
  maxUncompressedBytes?: number;
  /** Disable OCR entirely (pages without text are then reported as warnings / OCR_UNAVAILABLE). */
  ocr?: boolean;
  /** OCR language(s) for tesseract (default "vie"). */
  ocrLanguage?: string;
  /** Per-page OCR timeout in ms (default 120 000). */
  ocrTimeoutMs?: number;
  /** Parallel tesseract processes for scanned PDF pages (default min(4, CPUs)). */
  ocrConcurrency?: number;
  /** Refuse scans with more pages to OCR than this (default 300): TOO_LARGE. */
  maxOcrPages?: number;
  /** Render resolution for PDF pages sent to OCR (default 300). */
  ocrDpi?: number;
  /** Convert .doc/.xls/.rtf/.odt/.ods with LibreOffice when installed (default true). */
  convert?: boolean;
  /** Abort signal: reading stops with an AbortError. */
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
}

export type UnreadableCode =
  | "EMPTY"
  | "BINARY"
  | "TRUNCATED"
  | "ENCRYPTED"
  | "TOO_LARGE"
  | "ZIP_BOMB"
  | "UNSUPPORTED"
  | "OCR_UNAVAILABLE"
  | "OCR_FAILED";

const DEFAULT_MESSAGES: Record<UnreadableCode, string> = {
  EMPTY: "Tệp rỗng, không có nội dung để nhập.",
  BINARY: "Tệp không phải văn bản đọc được (dữ liệu nhị phân không rõ định dạng).",
  TRUNCATED: "Tệp bị hỏng hoặc không đầy đủ (có thể tải lên bị gián đoạn).",
  ENCRYPTED: "Tệp được đặt mật khẩu/mã hóa; hãy gỡ mật khẩu rồi tải lại.",
  TOO_LARGE: "Tệp quá lớn, vượt giới hạn cho phép.",
  ZIP_BOMB: "Tệp nén có kích thước giải nén bất thường (nghi ngờ “bom nén”), từ chối xử lý.",
  UNSUPPORTED: "Định dạng tệp chưa được hỗ trợ.",
  OCR_UNAVAILABLE: "Không nhận dạng được chữ từ ảnh quét: máy chủ chưa cài Tesseract OCR với dữ liệu tiếng Việt (vie).",
  OCR_FAILED: "Nhận dạng chữ (OCR) từ ảnh quét thất bại.",
};

/** The document cannot be turned into text; `message` is a Vietnamese reason fit to show the user. */
export class UnreadableDocumentError extends Error {
  override readonly name = "UnreadableDocumentError";
  readonly code: UnreadableCode;
  constructor(code: UnreadableCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? DEFAULT_MESSAGES[code], options);
    this.code = code;
  }
}

export function unreadable(code: UnreadableCode, detail?: string, cause?: unknown): UnreadableDocumentError {
  const base = DEFAULT_MESSAGES[code];
  return new UnreadableDocumentError(code, detail ? `${base} ${detail}` : base, cause ? { cause } : undefined);
}
