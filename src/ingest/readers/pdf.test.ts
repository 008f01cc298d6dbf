import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readDocument, UnreadableDocumentError } from "./index.js";
import { makePdf, SAMPLE_HEADER, SAMPLE_TASKS } from "./testing.js";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./test/fixtures/${name}`, import.meta.url)));

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (err) {
    return err instanceof UnreadableDocumentError ? err.code : `OTHER:${String(err)}`;
  }
}

describe("pdf reader", () => {
  it("reads a LibreOffice PDF of the sample plan: glyph order, numbering, ruled table rows", async () => {
    // plan.pdf = samplePlanDocx() exported by LibreOffice (see test/fixtures/generate.ts). LibreOffice draws
    // Vietnamese letters from a second font subset out of reading order; lines must still read correctly.
    const doc = await readDocument(fixture("plan.pdf"), "plan.pdf");
    expect(doc).toMatchObject({ format: "pdf", ocr: false, pages: 1 });
    const lines = doc.text.split("\n");
    expect(lines[0]).toBe("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(lines[1]).toBe("THỊ XÃ MỸ HÀO\tĐộc lập - Tự do - Hạnh phúc");
    expect(lines[2]).toBe("Số: 121/KH-UBND\tMỹ Hào, ngày 25 tháng 4 năm 2025");
    for (const l of [
      "KẾ HOẠCH",
      "I. MỤC TIÊU",
      "- Nâng cao nhận thức về đổi mới sáng tạo.",
      "+ trong cơ quan nhà nước;",
      "1.1. Tuyên truyền, phổ biến chủ trương",
      "Đơn vị chủ trì: Phòng Văn hóa, Khoa học và Thông tin.",
      "a) Nội dung thứ nhất",
    ]) {
      expect(lines).toContain(l);
    }
    const h = lines.indexOf(SAMPLE_HEADER.join("\t"));
    expect(h).toBeGreaterThan(0);
    // Row 1's task wraps over several lines inside its cell: still one row.
    expect(lines.slice(h + 1, h + 4)).toEqual(SAMPLE_TASKS.map((r) => r.join("\t")));
    expect(lines[h + 4]).toBe("Kế hoạch này được triển khai đến các đơn vị.");
  });

  it("rebuilds lines from positions, tabs for wide gaps, strips page numbers and running headers", async () => {
    const words = ["", "mot", "hai", "ba"];
    const page = (n: number) => ({
      texts: [
        { x: 200, y: 810, text: `UBND THI XA - KE HOACH 121 - trang ${n}` },
        { x: 72, y: 700, text: "Noi" },
        { x: 92, y: 700, text: `dung ${words[n]}` },
        { x: 72, y: 680, text: `Left ${words[n]}` },
        { x: 350, y: 680, text: "Right column" },
        { x: 72, y: 660, text: `Body text of page ${words[n]} continues here.` },
        { x: 290, y: 30, text: String(n) },
      ],
    });
    const doc = await readDocument(makePdf([page(1), page(2), page(3)]), "x.pdf");
    expect(doc.pages).toBe(3);
    const lines = doc.text.split("\n");
    expect(lines.filter((l) => l.includes("UBND THI XA"))).toEqual([]);
    expect(lines.filter((l) => /^\d+$/.test(l))).toEqual([]);
    expect(lines.slice(0, 4)).toEqual([
      "Noi dung mot",
      "Left mot\tRight column",
      "Body text of page mot continues here.",
      "Noi dung hai",
    ]);
  });

  it("joins a ruled table row split across a page break", async () => {
    const xs = [60, 100, 300, 420, 540];
    const grid = (top: number, bottom: number, rowsY: number[]) => [
      ...[top, ...rowsY, bottom].map((y) => [xs[0]!, y, xs[xs.length - 1]!, y] as [number, number, number, number]),
      ...xs.map((x) => [x, top, x, bottom] as [number, number, number, number]),
    ];
    const p1 = {
      texts: [
        { x: 64, y: 785, text: "STT", size: 10 },
        { x: 104, y: 785, text: "Nhiem vu", size: 10 },
        { x: 304, y: 785, text: "Chu tri", size: 10 },
        { x: 424, y: 785, text: "Thoi gian", size: 10 },
        { x: 64, y: 755, text: "1", size: 10 },
        { x: 104, y: 755, text: "Xay dung co so du lieu", size: 10 },
        { x: 104, y: 742, text: "ve doanh nghiep", size: 10 },
        { x: 304, y: 755, text: "Phong Kinh te", size: 10 },
        { x: 424, y: 755, text: "Nam 2025", size: 10 },
      ],
      lines: grid(800, 735, [770]),
    };
    const p2 = {
      texts: [
        { x: 104, y: 785, text: "khoa hoc va cong nghe", size: 10 },
        { x: 64, y: 755, text: "2", size: 10 },
        { x: 104, y: 755, text: "To chuc hoi thao", size: 10 },
        { x: 304, y: 755, text: "Phong Van hoa", size: 10 },
        { x: 424, y: 755, text: "Quy III/2025", size: 10 },
      ],
      lines: grid(800, 740, [770]),
    };
    const doc = await readDocument(makePdf([p1, p2]), "t.pdf");
    expect(doc.text.split("\n")).toEqual([
      "STT\tNhiem vu\tChu tri\tThoi gian",
      "1\tXay dung co so du lieu ve doanh nghiep khoa hoc va cong nghe\tPhong Kinh te\tNam 2025",
      "2\tTo chuc hoi thao\tPhong Van hoa\tQuy III/2025",
    ]);
  });

  it("borderless table: columns from the header row, wrapped cell lines folded into their row", async () => {
    const t = (x: number, y: number, text: string) => ({ x, y, text, size: 10 });
    const pdf = makePdf([
      {
        texts: [
          t(72, 760, "PHU LUC"),
          t(72, 740, "STT"),
          t(110, 740, "Nhiem vu"),
          t(330, 740, "Chu tri"),
          t(450, 740, "Thoi gian"),
          t(75, 722, "1"),
          t(110, 722, "Xay dung co so du lieu"),
          t(330, 722, "Phong Kinh te"),
          t(450, 722, "Nam 2025"),
          t(110, 710, "doanh nghiep"),
          t(75, 692, "2"),
          t(110, 692, "Hoi thao"),
          t(330, 692, "Phong Van hoa"),
          t(450, 692, "Quy III"),
          t(72, 640, "Ke hoach nay duoc trien khai den cac don vi lien quan trong toan thi xa."),
        ],
      },
    ]);
    expect((await readDocument(pdf, "b.pdf")).text.split("\n")).toEqual([
      "PHU LUC",
      "STT\tNhiem vu\tChu tri\tThoi gian",
      "1\tXay dung co so du lieu doanh nghiep\tPhong Kinh te\tNam 2025",
      "2\tHoi thao\tPhong Van hoa\tQuy III",
      "Ke hoach nay duoc trien khai den cac don vi lien quan trong toan thi xa.",
    ]);
  });

  it("ignores rotated watermark text", async () => {
    const doc = await readDocument(
      makePdf([
        {
          texts: [
            { x: 72, y: 700, text: "Dong thu nhat cua van ban" },
            { x: 150, y: 300, text: "BAN SAO KHONG CO GIA TRI", size: 48, rotate: 45 },
            { x: 72, y: 680, text: "Dong thu hai cua van ban" },
          ],
        },
      ]),
      "w.pdf",
    );
    expect(doc.text).toBe("Dong thu nhat cua van ban\nDong thu hai cua van ban");
  });

  it("refuses a PDF with a user password; decrypts one with an owner password only", async () => {
    const texts = [{ x: 72, y: 700, text: "Ke hoach phat trien khoa hoc nam 2025" }];
    expect(await code(readDocument(makePdf([{ texts }], { encrypt: { user: "mk", owner: "chu" } }), "e.pdf"))).toBe(
      "ENCRYPTED",
    );
    const doc = await readDocument(makePdf([{ texts }], { encrypt: { user: "", owner: "chu" } }), "o.pdf");
    expect(doc.text).toBe("Ke hoach phat trien khoa hoc nam 2025");
  });

  it("refuses truncated and garbage PDFs", async () => {
    const full = fixture("plan.pdf");
    expect(await code(readDocument(full.subarray(0, 400), "cut.pdf"))).toBe("TRUNCATED");
    const junk = new TextEncoder().encode("%PDF-1.7\n".concat("garbage ".repeat(200)));
    expect(await code(readDocument(junk, "junk.pdf"))).toBe("TRUNCATED");
  });

  it("reports OCR_UNAVAILABLE for a scanned page when OCR is off, and keeps text pages", async () => {
    const jpeg = fixture("plan-p1.jpg");
    expect(await code(readDocument(makePdf([{ jpeg }]), "scan.pdf", { ocr: false }))).toBe("OCR_UNAVAILABLE");
    const mixed = makePdf([{ jpeg }, { texts: [{ x: 72, y: 700, text: "Trang hai co lop chu day du." }] }]);
    const doc = await readDocument(mixed, "mixed.pdf", { ocr: false });
    expect(doc.text).toBe("Trang hai co lop chu day du.");
    expect(doc.warnings.join(" ")).toContain("OCR");
  });
});
