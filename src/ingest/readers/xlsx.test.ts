import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readDocument } from "./index.js";

async function workbook(fill: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("xlsx reader", () => {
  it("finds the header row by column names and emits tab rows under it", async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet("Phụ lục");
      ws.addRow(["PHỤ LỤC"]);
      ws.addRow(["Danh mục nhiệm vụ năm 2025"]);
      ws.addRow([]);
      ws.addRow([
        "TT",
        "Nội dung nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian hoàn thành",
        "Kết quả dự kiến",
      ]);
      ws.addRow([
        "1",
        "Xây dựng cơ sở dữ liệu\ndoanh nghiệp",
        "Phòng Kinh tế",
        "UBND các xã",
        new Date(Date.UTC(2025, 8, 30)),
        "CSDL",
      ]);
      ws.addRow([
        2,
        { richText: [{ text: "Tổ chức " }, { text: "hội thảo" }] },
        "Phòng Văn hóa",
        null,
        "Quý III/2025",
        { formula: '"Hội"&"thảo"', result: "Hội thảo" },
      ]);
      ws.addRow([3, "Nhiệm vụ gộp ô", "Phòng Kinh tế"]);
      ws.addRow([4, "Nhiệm vụ tiếp", null]);
      ws.mergeCells("C7:C8");
    });
    const doc = await readDocument(bytes, "phu-luc.xlsx");
    expect(doc.format).toBe("xlsx");
    expect(doc.text.split("\n")).toEqual([
      "PHỤ LỤC",
      "Danh mục nhiệm vụ năm 2025",
      "TT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\tKết quả dự kiến",
      "1\tXây dựng cơ sở dữ liệu doanh nghiệp\tPhòng Kinh tế\tUBND các xã\t30/09/2025\tCSDL",
      "2\tTổ chức hội thảo\tPhòng Văn hóa\t\tQuý III/2025\tHội thảo",
      "3\tNhiệm vụ gộp ô\tPhòng Kinh tế",
      "4\tNhiệm vụ tiếp",
    ]);
  });

  it("header match is diacritics-insensitive; sheets without a header are emitted row by row", async () => {
    const bytes = await workbook((wb) => {
      const a = wb.addWorksheet("Ghi chú");
      a.addRow(["Ghi chú", "xem phụ lục"]);
      const b = wb.addWorksheet("PL");
      b.addRow(["STT", "NHIEM VU", "CO QUAN CHU TRI", "THOI GIAN"]);
      b.addRow([1, "Việc A", "Sở KH&CN", "2025"]);
    });
    const doc = await readDocument(bytes, "x.xlsx");
    expect(doc.text.split("\n")).toEqual([
      "Ghi chú\txem phụ lục",
      "STT\tNHIEM VU\tCO QUAN CHU TRI\tTHOI GIAN",
      "1\tViệc A\tSở KH&CN\t2025",
    ]);
  });
});
