/**
 * A unit's report as an XLSX form for offline filling, and reading it back. One row per task; column A holds the
 * task id (hidden), a hidden sheet names the plan, period and unit so a file cannot be applied to another report;
 * the status column offers a drop-down list and the percent column accepts whole numbers 0–100.
 *
 * Reading validates every row first and reports every problem as "Dòng 7: …" (the spreadsheet's own row numbers);
 * nothing is applied unless the whole file is valid.
 */
import ExcelJS from "exceljs";
import { formatDateVi, isIsoDate, parseDateVi, searchKey } from "../../core/index.js";
import type { ItemStatus } from "../../store/schema.js";
import type { UnitReportDto } from "../api-types.js";
import type { ReportItemEdit } from "../commands/save-unit-report.js";

export const ITEM_STATUS_LABEL: Readonly<Record<ItemStatus, string>> = {
  not_started: "Chưa thực hiện",
  in_progress: "Đang thực hiện",
  done: "Hoàn thành",
  paused: "Tạm dừng",
};

const META_SHEET = "_tiendo";
const MAIN_SHEET = "Báo cáo";
const FORMAT_ID = "tiendo.unit-report.v1";
const HEADER_ROW = 6;
const MAX_TEXT = 10_000;

const COLUMNS = [
  { key: "taskId", header: "Mã nhiệm vụ", width: 38 },
  { key: "ref", header: "STT", width: 7 },
  { key: "title", header: "Nhiệm vụ", width: 55 },
  { key: "role", header: "Vai trò", width: 11 },
  { key: "due", header: "Thời hạn", width: 12 },
  { key: "status", header: "Trạng thái", width: 18 },
  { key: "percent", header: "Tỷ lệ hoàn thành (%)", width: 13 },
  { key: "result", header: "Kết quả thực hiện", width: 50 },
  { key: "difficulties", header: "Khó khăn, vướng mắc", width: 35 },
  { key: "proposals", header: "Kiến nghị", width: 35 },
  { key: "completedOn", header: "Ngày hoàn thành (dd/mm/yyyy)", width: 16 },
] as const;

const col = (key: (typeof COLUMNS)[number]["key"]) => COLUMNS.findIndex((c) => c.key === key) + 1;

const THIN = { style: "thin" as const, color: { argb: "FF808080" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: "Times New Roman", size: 12 };

export function unitReportFileName(r: UnitReportDto): string {
  const clean = (s: string) => s.replace(/[\\/:*?"<>|]+/g, "-").trim();
  return `Bao-cao-${clean(r.unitName)}-${clean(r.period.label)}.xlsx`;
}

export async function renderUnitReportXlsx(r: UnitReportDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "tiendo";
  const ws = wb.addWorksheet(MAIN_SHEET, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: "frozen", ySplit: HEADER_ROW, xSplit: 3 }],
  });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const last = COLUMNS.length;
  const line = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    ws.getCell(row, 2).value = text;
    ws.getCell(row, 2).font = { ...FONT, ...font };
    ws.mergeCells(row, 2, row, last);
  };
  line(1, "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ", { bold: true, size: 14 });
  line(2, `Kế hoạch${r.planNumber ? ` số ${r.planNumber}` : ""}: ${r.planTitle}`, {});
  line(3, `Đơn vị: ${r.unitName} — Kỳ báo cáo: ${r.period.label} — Hạn nộp: ${formatDateVi(r.period.dueDate)}`, {});
  line(
    4,
    "Hướng dẫn: chọn Trạng thái trong danh sách, nhập Tỷ lệ hoàn thành từ 0 đến 100; không sửa cột ẩn A, không thêm hoặc xóa dòng.",
    { italic: true, size: 11 },
  );

  const header = ws.getRow(HEADER_ROW);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
    cell.border = BORDER;
  });
  ws.getColumn(1).hidden = true;

  const statusList = `"${Object.values(ITEM_STATUS_LABEL).join(",")}"`;
  r.items.forEach((item, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.getCell(col("taskId")).value = item.taskId;
    row.getCell(col("ref")).value = item.ref ?? "";
    row.getCell(col("title")).value = item.title;
    row.getCell(col("role")).value = item.role === "lead" ? "Chủ trì" : "Phối hợp";
    row.getCell(col("due")).value = item.dueDate ? formatDateVi(item.dueDate) : "";
    row.getCell(col("status")).value = ITEM_STATUS_LABEL[item.status];
    row.getCell(col("percent")).value = item.percent ?? null;
    row.getCell(col("result")).value = item.result ?? "";
    row.getCell(col("difficulties")).value = item.difficulties ?? "";
    row.getCell(col("proposals")).value = item.proposals ?? "";
    row.getCell(col("completedOn")).value = item.completedOn ? formatDateVi(item.completedOn) : "";
    row.getCell(col("status")).dataValidation = {
      type: "list",
      allowBlank: false,
      formulae: [statusList],
      showErrorMessage: true,
      errorTitle: "Trạng thái",
      error: `Chọn một trong: ${Object.values(ITEM_STATUS_LABEL).join(", ")}`,
    };
    row.getCell(col("percent")).dataValidation = {
      type: "whole",
      operator: "between",
      allowBlank: true,
      formulae: [0, 100],
      showErrorMessage: true,
      errorTitle: "Tỷ lệ hoàn thành",
      error: "Nhập số nguyên từ 0 đến 100",
    };
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = { vertical: "top", wrapText: true };
      const editable = c >= col("status");
      if (!editable) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF5F5F5" } };
    }
  });

  const meta = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  meta.getCell("A1").value = FORMAT_ID;
  meta.getCell("A2").value = r.planId;
  meta.getCell("A3").value = r.period.id;
  meta.getCell("A4").value = r.unitId;
  meta.getCell("A5").value = r.version;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText))
      return v.richText
        .map((t) => t.text)
        .join("")
        .trim();
    if ("text" in v && typeof v.text === "string") return v.text.trim();
    if ("result" in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ("error" in v) return "";
  }
  return String(v).trim();
}

const STATUS_BY_FOLDED = new Map<string, ItemStatus>(
  (Object.entries(ITEM_STATUS_LABEL) as [ItemStatus, string][]).flatMap(([k, label]) => [
    [searchKey(label), k],
    [searchKey(k), k],
  ]),
);
STATUS_BY_FOLDED.set(searchKey("Hoàn thành đúng hạn"), "done");
STATUS_BY_FOLDED.set(searchKey("Đã hoàn thành"), "done");

function parsePercent(v: ExcelJS.CellValue): number | null | "invalid" {
  if (v === null || v === undefined || cellText(v) === "") return null;
  let n: number;
  if (typeof v === "number") n = v;
  else {
    const t = cellText(v).replace(/%$/, "").trim().replace(",", ".");
    if (!/^-?\d+(\.\d+)?$/.test(t)) return "invalid";
    n = Number(t);
  }
  if (typeof v === "object" && v !== null && "result" in v && typeof v.result === "number") n = v.result;
  return Number.isFinite(n) ? n : "invalid";
}

function parseDateCell(v: ExcelJS.CellValue): string | null | "invalid" {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    // exceljs gives dates as UTC midnight of the typed day.
    const iso = v.toISOString().slice(0, 10);
    return isIsoDate(iso) ? iso : "invalid";
  }
  const t = cellText(v);
  if (!t) return null;
  if (isIsoDate(t)) return t;
  return parseDateVi(t) ?? "invalid";
}

export interface ParsedReportXlsx {
  items: ReportItemEdit[];
  /** "Dòng 7: …" problems; empty when the file can be applied. */
  errors: { row: number; message: string }[];
}

export class ReportXlsxFormatError extends Error {}

/**
 * Reads an uploaded form. Throws ReportXlsxFormatError when the file is not this report's form at all; returns the
 * items and the per-row problems otherwise.
 */
export async function parseUnitReportXlsx(
  content: Buffer,
  expected: { planId: string; periodId: string; unitId: string; taskIds: ReadonlySet<string> },
): Promise<ParsedReportXlsx> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new ReportXlsxFormatError("Không đọc được tệp XLSX (tệp hỏng hoặc không phải bảng tính Excel).");
  }
  const meta = wb.getWorksheet(META_SHEET);
  const ws = wb.getWorksheet(MAIN_SHEET) ?? wb.worksheets[0];
  if (!meta || !ws || cellText(meta.getCell("A1").value) !== FORMAT_ID) {
    throw new ReportXlsxFormatError(
      "Tệp không phải mẫu báo cáo tải từ tiendo. Vui lòng tải mẫu báo cáo (XLSX) của kỳ này, điền rồi tải lên lại.",
    );
  }
  if (
    cellText(meta.getCell("A2").value) !== expected.planId ||
    cellText(meta.getCell("A3").value) !== expected.periodId ||
    cellText(meta.getCell("A4").value) !== expected.unitId
  ) {
    throw new ReportXlsxFormatError("Tệp là mẫu báo cáo của kế hoạch, kỳ báo cáo hoặc đơn vị khác.");
  }

  const items: ReportItemEdit[] = [];
  const errors: { row: number; message: string }[] = [];
  const seen = new Map<string, number>();
  const last = Math.max(ws.rowCount, HEADER_ROW);
  for (let r = HEADER_ROW + 1; r <= last; r++) {
    const row = ws.getRow(r);
    const get = (key: (typeof COLUMNS)[number]["key"]) => row.getCell(col(key)).value;
    const taskId = cellText(get("taskId"));
    const editable = (["status", "percent", "result", "difficulties", "proposals", "completedOn"] as const).some(
      (k) => cellText(get(k)) !== "",
    );
    if (!taskId && !editable) continue;
    const problems: string[] = [];
    const err = (m: string) => problems.push(m);
    if (!taskId) {
      err("Thiếu mã nhiệm vụ (không xóa cột ẩn A, không thêm dòng mới)");
    } else if (!expected.taskIds.has(taskId)) {
      err("Nhiệm vụ không thuộc báo cáo này (không sửa cột ẩn A)");
    } else if (seen.has(taskId)) {
      err(`Nhiệm vụ bị lặp (đã có ở dòng ${seen.get(taskId)})`);
    }
    const statusText = cellText(get("status"));
    const status = STATUS_BY_FOLDED.get(searchKey(statusText));
    if (!statusText) err("Chưa chọn Trạng thái");
    else if (!status)
      err(`Trạng thái “${statusText}” không hợp lệ (chọn một trong: ${Object.values(ITEM_STATUS_LABEL).join(", ")})`);
    const percent = parsePercent(get("percent"));
    if (percent === "invalid") err("Tỷ lệ hoàn thành phải là số từ 0 đến 100");
    else if (percent !== null && (percent < 0 || percent > 100)) err("Tỷ lệ hoàn thành phải từ 0 đến 100");
    const completedOn = parseDateCell(get("completedOn"));
    if (completedOn === "invalid") err("Ngày hoàn thành không hợp lệ (nhập theo dạng dd/mm/yyyy)");
    else if (completedOn && status && status !== "done") err("Chỉ nhập Ngày hoàn thành khi Trạng thái là Hoàn thành");
    const texts = {
      result: cellText(get("result")),
      difficulties: cellText(get("difficulties")),
      proposals: cellText(get("proposals")),
    };
    const names = { result: "Kết quả thực hiện", difficulties: "Khó khăn, vướng mắc", proposals: "Kiến nghị" };
    for (const k of ["result", "difficulties", "proposals"] as const) {
      if (texts[k].length > MAX_TEXT) err(`${names[k]} dài quá ${MAX_TEXT.toLocaleString("vi-VN")} ký tự`);
    }
    if (problems.length) {
      for (const m of problems) errors.push({ row: r, message: `Dòng ${r}: ${m}` });
      continue;
    }
    seen.set(taskId, r);
    items.push({
      taskId,
      status: status!,
      percent: percent === "invalid" ? null : percent,
      result: texts.result || null,
      difficulties: texts.difficulties || null,
      proposals: texts.proposals || null,
      completedOn: completedOn === "invalid" ? null : completedOn,
    });
  }
  if (!items.length && !errors.length) {
    errors.push({ row: HEADER_ROW + 1, message: `Dòng ${HEADER_ROW + 1}: Tệp không có dòng nhiệm vụ nào` });
  }
  return { items, errors };
}
