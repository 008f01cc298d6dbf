import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { renderAppendixXlsx } from "./appendix-xlsx.js";
import { convertToPdfText } from "./test/libreoffice.js";
import { sampleReport } from "./test/sample-report.js";

describe("appendix XLSX", () => {
  it("has the appendix columns and one row per task with results", async () => {
    const buf = await renderAppendixXlsx(sampleReport(3));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("Phụ lục")!;
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      "STT",
      "Nhiệm vụ",
      "Chủ trì",
      "Phối hợp",
      "Thời gian",
      "Kết quả",
      "Tình trạng",
    ]);
    expect(String(sheet.getRow(5).getCell(1).value)).toContain("Nâng cao nhận thức");
    const first = sheet.getRow(6);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(3).value).toBe("Phòng Văn hóa, Khoa học và Thông tin");
    expect(String(first.getCell(6).value)).toContain("Đã tổ chức 1 hội nghị quán triệt.");
    expect(sheet.getRow(8).getCell(1).value).toBe(3);
  });

  it("opens in LibreOffice and renders Vietnamese", async () => {
    const { text } = await convertToPdfText(await renderAppendixXlsx(sampleReport(2)), "xlsx");
    expect(text.replace(/\s+/g, " ")).toContain("Phòng Văn hóa, Khoa học và Thông tin");
  }, 180_000);
});
