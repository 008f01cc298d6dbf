import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { excelDate, type ListColumn, renderListXlsx, sheetName, writeListXlsx } from "./list-xlsx.js";

describe("list workbooks", () => {
  it("keeps sheet names valid, unique and within 31 characters", () => {
    const long = "Tỷ lệ nộp báo cáo của các đơn vị theo từng kỳ báo cáo";
    expect([...sheetName(long)].length).toBeLessThanOrEqual(31);
    expect(sheetName("Kỳ 1/2025: [tạm]")).toBe("Kỳ 1-2025- -tạm-");
    const first = sheetName(long);
    const second = sheetName(long, new Set([first]));
    expect(second).not.toBe(first);
    expect(second.endsWith(" (2)")).toBe(true);
    expect([...second].length).toBeLessThanOrEqual(31);
    expect(sheetName("   ")).toBe("Danh sách");
  });

  it("writes a bold frozen header, dates as dates and percentages as fractions with a % format", async () => {
    type Row = { name: string; on: string | null; pct: number | null; n: number };
    const cols: ListColumn<Row>[] = [
      { header: "Tên đơn vị", width: 30, value: (r) => r.name },
      { header: "Ngày", width: 12, kind: "date", value: (r) => r.on },
      { header: "% hoàn thành", width: 12, kind: "percent", value: (r) => r.pct },
      { header: "Số", width: 8, kind: "integer", value: (r) => r.n },
    ];
    const buf = await renderListXlsx([
      {
        name: "Danh sách",
        columns: cols,
        rows: [
          { name: "UBND phường Bần Yên Nhân", on: "2025-04-25", pct: 45, n: 3 },
          { name: "x".repeat(40_000), on: null, pct: null, n: 0 },
        ],
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const s = wb.worksheets[0]!;
    expect(s.getCell("A1").value).toBe("Tên đơn vị");
    expect(s.getCell("A1").font?.bold).toBe(true);
    expect(s.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(s.getColumn(1).width).toBe(30);
    expect(s.getCell("A2").value).toBe("UBND phường Bần Yên Nhân");
    expect(s.getCell("B2").value).toEqual(excelDate("2025-04-25"));
    expect(s.getCell("B2").numFmt).toBe("dd/mm/yyyy");
    expect(s.getCell("C2").value).toBeCloseTo(0.45);
    expect(s.getCell("C2").numFmt).toContain("%");
    expect(String(s.getCell("A3").value).length).toBeLessThanOrEqual(32_767);
  });

  it("writes a long list of rows read lazily to a slow reader", async () => {
    let produced = 0;
    async function* rows() {
      for (let i = 0; i < 20_000; i++) {
        produced++;
        yield { i, text: `Dòng số ${i} — nội dung có dấu tiếng Việt` };
      }
    }
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        setTimeout(cb, 1);
      },
    });
    await writeListXlsx(
      [
        {
          name: "Nhật ký",
          columns: [
            { header: "STT", width: 6, kind: "integer", value: (r: { i: number }) => r.i },
            { header: "Nội dung", width: 40, value: (r: { text: string }) => r.text },
          ],
          rows: rows(),
        },
      ],
      slow,
    );
    expect(produced).toBe(20_000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(20_001);
  });
});
