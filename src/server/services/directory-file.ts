/**
 * The unit directory as a file (XLSX or CSV) for offline editing: one row per unit, columns Mã, Tên, Tên viết tắt,
 * Loại (Vietnamese label), Mã đơn vị cha, Tên gọi khác (separated by “;”), Hiệu lực từ, Hiệu lực đến (dd/mm/yyyy).
 * Reading checks every row and reports every problem as "Dòng N: …" (N = the spreadsheet's row number).
 */
import ExcelJS from "exceljs";
import { csvCell, unguardCsvCell } from "../../core/csv.js";
import { isIsoDate } from "../../core/index.js";
import { unitAliases } from "../../store/repos/units.js";
import type { Unit, UnitKind } from "../../store/schema.js";
import { parseUnitKind, UNIT_KIND_LABEL } from "./unit-directory.js";

export const DIRECTORY_COLUMNS = [
  "Mã",
  "Tên",
  "Tên viết tắt",
  "Loại",
  "Mã đơn vị cha",
  "Tên gọi khác",
  "Hiệu lực từ",
  "Hiệu lực đến",
] as const;

type Column = (typeof DIRECTORY_COLUMNS)[number];
const REQUIRED: readonly Column[] = ["Mã", "Tên", "Loại"];
export const ALIAS_SEPARATOR = ";";
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
const SHEET_NAME = "Danh mục đơn vị";

/** One validated row of a directory file. */
export interface DirectoryRow {
  /** Spreadsheet row number (the header is row 1). */
  line: number;
  id: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentId: string | null;
  aliases: string[];
  validFrom: string | null;
  validTo: string | null;
}

export class DirectoryFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "DirectoryFileError";
  }
}

// ── writing ────────────────────────────────────────────────────────────────────────────────────────────────────────

function dmy(iso: string | null): string {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

export function directoryCells(u: Unit): string[] {
  return [
    u.id,
    u.name,
    u.short_name ?? "",
    UNIT_KIND_LABEL[u.kind],
    u.parent_id ?? "",
    unitAliases(u).join(`${ALIAS_SEPARATOR} `),
    dmy(u.valid_from),
    dmy(u.valid_to),
  ];
}

/** Units (parents before children) → XLSX bytes. */
export async function writeDirectoryXlsx(units: readonly Unit[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "tiendo";
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = DIRECTORY_COLUMNS.map((header, i) => ({
    header,
    key: `c${i}`,
    width: [38, 48, 24, 24, 38, 60, 14, 14][i],
  }));
  ws.getRow(1).font = { bold: true };
  for (const u of units) {
    const row = ws.addRow(directoryCells(u));
    // Codes and dates stay text: Excel must not turn "01/07/2025" or a numeric code into something else.
    row.eachCell((cell) => {
      cell.numFmt = "@";
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvField = csvCell;

/** Units → CSV (UTF-8 with BOM so Excel shows the diacritics, comma-separated, CRLF). */
export function writeDirectoryCsv(units: readonly Unit[]): Buffer {
  const lines = [DIRECTORY_COLUMNS.map(csvField).join(",")];
  for (const u of units) lines.push(directoryCells(u).map(csvField).join(","));
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

// ── reading ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** CSV text → rows of cells (RFC 4180 quotes; the delimiter, comma or semicolon, is guessed from the header). */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, "");
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(unguardCsvCell(field));
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(unguardCsvCell(field));
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(unguardCsvCell(field));
    rows.push(row);
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
  }
  return String(value);
}

/** XLSX bytes → rows of cells of the first worksheet. Throws DirectoryFileError when the file cannot be read. */
export async function readXlsxRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new DirectoryFileError(["Không đọc được tệp XLSX (tệp hỏng hoặc không phải bảng tính Excel)."]);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new DirectoryFileError(["Tệp XLSX không có trang tính nào."]);
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, DIRECTORY_COLUMNS.length); c++)
      cells.push(cellText(row.getCell(c).value));
    rows[n - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** "dd/mm/yyyy", "d/m/yyyy" or "yyyy-mm-dd" → "yyyy-mm-dd"; "" → null; anything else → undefined. */
export function parseDateCell(text: string): string | null | undefined {
  const s = text.trim();
  if (!s) return null;
  let iso: string | undefined;
  const dmyMatch = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (dmyMatch) iso = `${dmyMatch[3]}-${dmyMatch[2]!.padStart(2, "0")}-${dmyMatch[1]!.padStart(2, "0")}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(s)) iso = s;
  else if (/^\d{4}-\d{2}-\d{2}T/.test(s)) iso = s.slice(0, 10);
  return iso && isIsoDate(iso) ? iso : undefined;
}

/**
 * Rows of cells (first row = header) → validated directory rows. Every problem is collected ("Dòng 5: Loại đơn vị
 * không hợp lệ (“Huyen”)."); any problem throws DirectoryFileError with all of them.
 */
export function parseDirectoryRows(cells: readonly (readonly string[])[]): DirectoryRow[] {
  const header = (cells[0] ?? []).map((h) => fold(h));
  const col = new Map<Column, number>();
  for (const name of DIRECTORY_COLUMNS) {
    const i = header.indexOf(fold(name));
    if (i >= 0) col.set(name, i);
  }
  const missing = REQUIRED.filter((c) => !col.has(c));
  if (missing.length) {
    throw new DirectoryFileError([
      `Dòng 1: Thiếu cột ${missing.map((c) => `“${c}”`).join(", ")}. Các cột cần có: ${DIRECTORY_COLUMNS.join(", ")}.`,
    ]);
  }
  const get = (row: readonly string[], c: Column) => {
    const i = col.get(c);
    return i === undefined ? "" : (row[i] ?? "").trim();
  };
  const problems: string[] = [];
  const out: DirectoryRow[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < cells.length; r++) {
    const row = cells[r] ?? [];
    if (row.every((c) => !c.trim())) continue;
    const line = r + 1;
    const bad = (msg: string) => problems.push(`Dòng ${line}: ${msg}`);
    const before = problems.length;
    const id = get(row, "Mã");
    if (!id) bad("Thiếu mã đơn vị.");
    else if (id.length > 100 || !CODE_PATTERN.test(id)) bad(`Mã đơn vị “${id}” không hợp lệ.`);
    else if (seen.has(id)) bad(`Mã đơn vị “${id}” trùng với dòng ${seen.get(id)}.`);
    else seen.set(id, line);
    const name = get(row, "Tên");
    if (!name) bad("Thiếu tên đơn vị.");
    else if (name.length > 300) bad("Tên đơn vị dài quá 300 ký tự.");
    const kindText = get(row, "Loại");
    const kind = parseUnitKind(kindText);
    if (!kind) bad(kindText ? `Loại đơn vị không hợp lệ (“${kindText}”).` : "Thiếu loại đơn vị.");
    const parentId = get(row, "Mã đơn vị cha") || null;
    if (parentId && parentId === id) bad("Đơn vị cha không được là chính đơn vị này.");
    const validFrom = parseDateCell(get(row, "Hiệu lực từ"));
    if (validFrom === undefined) bad(`Ngày “Hiệu lực từ” không hợp lệ (“${get(row, "Hiệu lực từ")}”, cần dd/mm/yyyy).`);
    const validTo = parseDateCell(get(row, "Hiệu lực đến"));
    if (validTo === undefined) bad(`Ngày “Hiệu lực đến” không hợp lệ (“${get(row, "Hiệu lực đến")}”, cần dd/mm/yyyy).`);
    if (validFrom && validTo && validFrom >= validTo) bad("Ngày “Hiệu lực đến” phải sau ngày “Hiệu lực từ”.");
    const aliases: string[] = [];
    for (const a of get(row, "Tên gọi khác").split(ALIAS_SEPARATOR)) {
      const t = a.trim();
      if (t && !aliases.includes(t)) aliases.push(t);
    }
    if (problems.length > before || !kind) continue;
    out.push({
      line,
      id,
      name,
      shortName: get(row, "Tên viết tắt") || null,
      kind,
      parentId,
      aliases,
      validFrom: validFrom ?? null,
      validTo: validTo ?? null,
    });
  }
  if (problems.length) throw new DirectoryFileError(problems);
  if (out.length === 0) throw new DirectoryFileError(["Tệp không có dòng đơn vị nào."]);
  return out;
}
