/**
 * .xlsx → text via exceljs. Per sheet, the header row is found by its column names (STT, Nhiệm vụ, Chủ trì, Phối
 * hợp, Thời gian, Sản phẩm… without diacritics); it and the rows under it become tab-joined lines. Sheets without
 * such a header are emitted row by row. Merged cells keep their value in the top-left cell only. The caller has
 * already run the zip-bomb guard (ZipArchive.verifyAll) on the bytes.
 */
import { headerScore } from "./headers.js";
import { type ReadOptions, unreadable } from "./types.js";

export const XLSX_LIMITS = { maxSheets: 50, maxRows: 100_000, maxCols: 200, maxCells: 2_000_000 };

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // Dates stored as dates: print them the Vietnamese way.
    const d = value;
    if (Number.isNaN(d.getTime())) return "";
    return `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
  }
  if (typeof value === "object") {
    const v = value as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      formula?: string;
      error?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? "").join("");
    if ("result" in v || "formula" in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return "";
    return "";
  }
  return String(value);
}

function clean(s: string): string {
  return s
    .replace(/[\t\r\n\u00a0]+/g, " ")
    .replace(/ {2,}/g, " ")
    .trim()
    .normalize("NFC");
}

export async function readXlsx(
  bytes: Uint8Array,
  _opts: ReadOptions = {},
): Promise<{ text: string; warnings: string[] }> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    throw unreadable("TRUNCATED", undefined, err);
  }
  const warnings: string[] = [];
  const blocks: string[] = [];
  let cells = 0;
  const sheets = wb.worksheets.slice(0, XLSX_LIMITS.maxSheets);
  if (wb.worksheets.length > XLSX_LIMITS.maxSheets) {
    warnings.push(`Chỉ đọc ${XLSX_LIMITS.maxSheets} trang tính đầu tiên.`);
  }
  for (const ws of sheets) {
    if (ws.state === "hidden" || ws.state === "veryHidden") continue;
    const rows: string[][] = [];
    const lastRow = Math.min(ws.rowCount, XLSX_LIMITS.maxRows);
    const lastCol = Math.min(ws.columnCount, XLSX_LIMITS.maxCols);
    if (ws.rowCount > XLSX_LIMITS.maxRows || ws.columnCount > XLSX_LIMITS.maxCols) {
      warnings.push(`Trang tính "${ws.name}" quá lớn; chỉ đọc ${lastRow} dòng × ${lastCol} cột đầu.`);
    }
    for (let r = 1; r <= lastRow; r++) {
      const row = ws.getRow(r);
      const out: string[] = [];
      for (let c = 1; c <= lastCol; c++) {
        const cell = row.getCell(c);
        const isSlave = cell.isMerged && cell.master && cell.master.address !== cell.address;
        out.push(isSlave ? "" : clean(cellText(cell.value)));
      }
      cells += lastCol;
      if (cells > XLSX_LIMITS.maxCells) {
        warnings.push("Bảng tính quá nhiều ô; phần còn lại bị bỏ qua.");
        break;
      }
      while (out.length > 0 && out[out.length - 1] === "") out.pop();
      rows.push(out);
    }
    // Header row: the first row (within 40) naming at least two task-table columns.
    let header = -1;
    for (let r = 0; r < Math.min(rows.length, 40); r++) {
      if (headerScore(rows[r]!) >= 2) {
        header = r;
        break;
      }
    }
    const lines: string[] = [];
    if (header >= 0) {
      // Title lines above the header (sheet caption such as "PHỤ LỤC …") stay as plain lines.
      for (let r = 0; r < header; r++) {
        const t = rows[r]!.filter((c) => c !== "").join(" ");
        if (t) lines.push(t);
      }
      const width = rows[header]!.length;
      for (let r = header; r < rows.length; r++) {
        const row = rows[r]!;
        if (row.every((c) => c === "")) continue;
        const cellsOut = row.slice(0, Math.max(width, row.length));
        lines.push(cellsOut.join("\t"));
      }
    } else {
      for (const row of rows) if (row.some((c) => c !== "")) lines.push(row.join("\t"));
    }
    if (lines.length > 0) blocks.push(lines.join("\n"));
  }
  return { text: blocks.join("\n"), warnings };
}
