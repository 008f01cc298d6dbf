/**
 * The consolidated report's appendix as XLSX, written with exceljs's streaming writer so a plan of thousands of tasks
 * never sits in memory as a workbook model.
 */
import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import { resultText } from "./consolidated-docx.js";
import { dateVi } from "./format.js";
import type { ConsolidatedReport } from "./types.js";

const COLUMNS = [
  { header: "STT", key: "stt", width: 6 },
  { header: "Nhiệm vụ", key: "title", width: 60 },
  { header: "Chủ trì", key: "lead", width: 28 },
  { header: "Phối hợp", key: "support", width: 32 },
  { header: "Thời gian", key: "timeframe", width: 20 },
  { header: "Kết quả", key: "result", width: 60 },
  { header: "Tình trạng", key: "status", width: 22 },
] as const;

const THIN = { style: "thin" as const, color: { argb: "FF808080" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Writes the workbook to `out` and resolves when it is complete. */
export async function writeAppendixXlsx(report: ConsolidatedReport, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "tiendo";
  const sheet = workbook.addWorksheet("Phụ lục", {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: "frozen", ySplit: 4 }],
  });
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));

  const title = sheet.addRow([`KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ ${report.plan.number ?? "…"}`]);
  title.font = { name: "Times New Roman", size: 13, bold: true };
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  title.commit();
  const sub = sheet.addRow([
    `${report.plan.title} — Kỳ báo cáo: ${report.period.label} (${dateVi(report.period.start)} - ${dateVi(report.period.end)})`,
  ]);
  sub.font = { name: "Times New Roman", size: 12, italic: true };
  sheet.mergeCells(2, 1, 2, COLUMNS.length);
  sub.commit();
  sheet.addRow([]).commit();
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { name: "Times New Roman", size: 12, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
    cell.border = BORDER;
  });
  header.commit();

  let n = 0;
  for (const group of report.groups) {
    if (group.title) {
      const row = sheet.addRow([`${group.ref ? `${group.ref}. ` : ""}${group.title}`]);
      row.font = { name: "Times New Roman", size: 12, bold: true };
      sheet.mergeCells(row.number, 1, row.number, COLUMNS.length);
      row.commit();
    }
    for (const task of group.tasks) {
      n++;
      const row = sheet.addRow({
        stt: n,
        title: task.title,
        lead: task.lead.join("; "),
        support: task.support.join("; "),
        timeframe: task.timeframe ?? "",
        result: resultText(task),
        status: task.status,
      });
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.font = { name: "Times New Roman", size: 12 };
        cell.alignment = { vertical: "top", wrapText: true };
        cell.border = BORDER;
      });
      row.commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}

export async function renderAppendixXlsx(report: ConsolidatedReport): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  await writeAppendixXlsx(report, sink);
  await done;
  return Buffer.concat(chunks);
}
