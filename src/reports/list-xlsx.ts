/**
 * Lists as XLSX (UX.md: "Every list can be exported to XLSX"). One look for every list: a bold, frozen, filterable
 * header row in Vietnamese, fixed column widths, dates as real Excel dates (dd/mm/yyyy), percentages as numbers with a
 * % format, sheet names cut to Excel's 31 characters. Pure: rows in, workbook out. Rows may be an async iterable (read
 * from the database in batches), and the workbook is always written with exceljs's streaming writer, so a list of
 * 100 000 rows never sits in memory as a workbook model.
 */
import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";

/**
 * How a column's values are written. "date": an ISO date "YYYY-MM-DD" (or a timestamp's date part); "datetime": an
 * ISO instant, shown in Vietnam time (UTC+7); "percent": 0..100 (45 → 45%); "integer"/"number": plain numbers.
 */
export type ListCellKind = "text" | "date" | "datetime" | "percent" | "integer" | "number";

export type ListCellValue = string | number | null | undefined;

export interface ListColumn<R> {
  header: string;
  /** Width in characters. */
  width: number;
  /** The column's kind, or a row's own (a totals row of percentages under text cells). Default "text". */
  kind?: ListCellKind | ((row: R) => ListCellKind);
  value: (row: R) => ListCellValue;
}

export interface ListSheet<R> {
  name: string;
  columns: readonly ListColumn<R>[];
  rows: Iterable<R> | AsyncIterable<R>;
  /** Bold rows (totals), by a predicate on the row. */
  bold?: (row: R) => boolean;
}

/** Excel refuses longer text in one cell. */
export const MAX_CELL_TEXT = 32_767;
const MAX_SHEET_NAME = 31;
const VN_OFFSET_MS = 7 * 3600_000;
const FONT = { name: "Times New Roman", size: 12 } as const;
const THIN = { style: "thin" as const, color: { argb: "FFBFBFBF" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export const NUM_FMT: Readonly<Record<ListCellKind, string | undefined>> = {
  text: undefined,
  date: "dd/mm/yyyy",
  datetime: "dd/mm/yyyy hh:mm:ss",
  percent: "0.0%",
  integer: "0",
  number: "#,##0.##",
};

/** A valid, unique sheet name: no []:*?/\ , no leading/trailing apostrophe, at most 31 characters. */
export function sheetName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const clean =
    name
      .normalize("NFC")
      .replace(/[[\]:*?/\\]/g, "-")
      .replace(/^'+|'+$/g, "")
      .trim() || "Danh sách";
  const cut = (s: string, suffix = "") =>
    `${[...s]
      .slice(0, MAX_SHEET_NAME - suffix.length)
      .join("")
      .trim()}${suffix}`;
  let out = cut(clean);
  for (let i = 2; [...taken].some((t) => t.toLowerCase() === out.toLowerCase()); i++) out = cut(clean, ` (${i})`);
  return out;
}

/** "2025-04-25" → a Date that Excel shows as 25/04/2025 (exceljs writes dates in UTC). */
export function excelDate(iso: string | null | undefined): Date | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An instant → a Date whose UTC reading is the Vietnam wall-clock time (Excel has no time zones). */
export function excelDateTimeVn(instant: string | null | undefined): Date | null {
  if (!instant) return null;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? null : new Date(ms + VN_OFFSET_MS);
}

function cellValue(kind: ListCellKind, v: ListCellValue): ExcelJS.CellValue {
  if (v === null || v === undefined || v === "") return null;
  switch (kind) {
    case "date":
      return typeof v === "string" ? excelDate(v) : null;
    case "datetime":
      return typeof v === "string" ? excelDateTimeVn(v) : null;
    case "percent": {
      const n = typeof v === "number" ? v : Number(v);
      return Number.isFinite(n) ? Math.round(n * 10) / 1000 : null;
    }
    case "integer":
    case "number": {
      const n = typeof v === "number" ? v : Number(v);
      return Number.isFinite(n) ? n : null;
    }
    case "text": {
      const s = String(v);
      return s.length > MAX_CELL_TEXT ? `${s.slice(0, MAX_CELL_TEXT - 1)}…` : s;
    }
  }
}

/** Waits while `out` is full; gives up with an error when it has been closed (the client went away). */
async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw new Error("Luồng tải tệp đã đóng.");
  // An HTTP response passes its writes to the socket; waiting on the socket also works when the response is not
  // attached to a real connection (in-process requests, whose null socket never fills up nor emits "drain").
  const sink = (out as Writable & { socket?: Writable | null }).socket ?? out;
  if (!sink.writableNeedDrain) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      sink.off("drain", done);
      sink.off("close", done);
      resolve();
    };
    sink.on("drain", done);
    sink.on("close", done);
  });
  if (out.destroyed) throw new Error("Luồng tải tệp đã đóng.");
}

/**
 * Writes the sheets to `out` and resolves when the workbook is complete (exceljs ends `out`). Waits for `out` to
 * drain between rows when it is full, so a slow client slows the reading down instead of filling memory.
 */
export async function writeListXlsx(
  // biome-ignore lint/suspicious/noExplicitAny: a workbook mixes sheets of different row types.
  sheets: readonly ListSheet<any>[],
  out: Writable,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "tiendo";
  workbook.created = new Date();
  const taken = new Set<string>();
  for (const spec of sheets) {
    const name = sheetName(spec.name, taken);
    taken.add(name);
    const cols = spec.columns;
    const sheet = workbook.addWorksheet(name, {
      views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
      pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = cols.map((c, i) => ({ key: `c${i}`, width: c.width }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, cols.length) } };
    const header = sheet.addRow(cols.map((c) => c.header));
    header.height = 32;
    header.eachCell((cell) => {
      cell.font = { ...FONT, bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
      cell.border = BORDER;
    });
    header.commit();
    for await (const row of spec.rows) {
      const bold = spec.bold?.(row) ?? false;
      const kinds = cols.map((c) => (typeof c.kind === "function" ? c.kind(row) : (c.kind ?? "text")));
      const r = sheet.addRow(cols.map((c, i) => cellValue(kinds[i]!, c.value(row))));
      kinds.forEach((kind, i) => {
        const cell = r.getCell(i + 1);
        cell.font = bold ? { ...FONT, bold: true } : FONT;
        cell.border = BORDER;
        cell.alignment = kind === "text" ? { vertical: "top", wrapText: true } : { vertical: "top" };
        const fmt = NUM_FMT[kind];
        if (fmt) cell.numFmt = fmt;
      });
      r.commit();
      await drained(out);
    }
    sheet.commit();
  }
  await workbook.commit();
}

/** The workbook as one buffer (small lists). */
export async function renderListXlsx(
  // biome-ignore lint/suspicious/noExplicitAny: a workbook mixes sheets of different row types.
  sheets: readonly ListSheet<any>[],
): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  await writeListXlsx(sheets, sink);
  await done;
  return Buffer.concat(chunks);
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** "121/KH-UBND" → "121-KH-UBND", for a file name. */
export function fileNamePart(s: string): string {
  return s
    .normalize("NFC")
    .replace(/[/\\:*?"<>|\u0000-\u001f]+/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 80);
}
