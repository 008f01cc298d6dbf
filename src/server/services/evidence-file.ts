/**
 * What an evidence file really is, from its bytes: PDF, DOCX, XLSX, JPEG or PNG. The extension must agree with the
 * content, so a program renamed "bao-cao.pdf", or a PNG named ".docx", is refused.
 */
import { unzipSync } from "fflate";

export type EvidenceKind = "pdf" | "docx" | "xlsx" | "jpg" | "png";

export const EVIDENCE_MIME: Readonly<Record<EvidenceKind, string>> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  jpg: "image/jpeg",
  png: "image/png",
};

const EXTENSION_KIND: Readonly<Record<string, EvidenceKind>> = {
  pdf: "pdf",
  docx: "docx",
  xlsx: "xlsx",
  jpg: "jpg",
  jpeg: "jpg",
  png: "png",
};

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export const ALLOWED_EVIDENCE_TEXT = "PDF, DOCX, XLSX, JPG, PNG";

const startsWith = (buf: Buffer, bytes: readonly number[]) => bytes.every((b, i) => buf[i] === b);

/** The kind the bytes show, or null when they are none of the allowed types. */
export function sniffEvidenceKind(buf: Buffer): EvidenceKind | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return "jpg";
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    // An Office Open XML package: a zip whose entries say which one. Entries are listed, not decompressed.
    const names: string[] = [];
    try {
      unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), {
        filter: (f) => {
          names.push(f.name);
          return false;
        },
      });
    } catch {
      return null;
    }
    if (!names.includes("[Content_Types].xml")) return null;
    if (names.includes("word/document.xml")) return "docx";
    if (names.includes("xl/workbook.xml")) return "xlsx";
  }
  return null;
}

export function extensionKind(fileName: string): EvidenceKind | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return m ? (EXTENSION_KIND[m[1]!.toLowerCase()] ?? null) : null;
}

export type EvidenceCheck = { ok: true; kind: EvidenceKind; mime: string } | { ok: false; message: string };

/** Checks an upload: allowed extension, content of that very type, not empty. Messages in Vietnamese. */
export function checkEvidenceFile(fileName: string, content: Buffer): EvidenceCheck {
  const ext = extensionKind(fileName);
  if (!ext) {
    return { ok: false, message: `Tệp “${fileName}” không thuộc định dạng được phép (${ALLOWED_EVIDENCE_TEXT}).` };
  }
  if (content.length === 0) return { ok: false, message: `Tệp “${fileName}” rỗng.` };
  const kind = sniffEvidenceKind(content);
  if (kind !== ext) {
    return {
      ok: false,
      message: `Nội dung tệp “${fileName}” không phải tệp ${ext.toUpperCase()} hợp lệ (phần mở rộng không khớp với nội dung). Chỉ nhận ${ALLOWED_EVIDENCE_TEXT}.`,
    };
  }
  return { ok: true, kind, mime: EVIDENCE_MIME[kind] };
}

/** A safe file name for storage and Content-Disposition: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.replace(/\\/g, "/").split("/").pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  return (cleaned || "tep-dinh-kem").slice(-200);
}
