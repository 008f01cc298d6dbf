import {
  AlignmentType,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  SimpleField,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
} from "docx";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { formatNumber } from "./docx.js";
import { encodeTcvn3, encodeVni } from "./encoding.js";
import { readDocument } from "./index.js";
import { SAMPLE_HEADER, SAMPLE_TASKS, samplePlanDocx } from "./testing.js";

async function docxOf(
  children: (Paragraph | Table)[],
  numbering?: ConstructorParameters<typeof Document>[0]["numbering"],
) {
  const doc = new Document({ ...(numbering ? { numbering } : {}), sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe("docx reader", () => {
  it("reads a sample plan: header block by column, numbering as printed, appendix table as tab rows", async () => {
    const doc = await readDocument(await samplePlanDocx(), "ke-hoach.docx");
    expect(doc.format).toBe("docx");
    expect(doc.ocr).toBe(false);
    const lines = doc.text.split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "ỦY BAN NHÂN DÂN",
      "THỊ XÃ MỸ HÀO",
      "Số: 121/KH-UBND",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Mỹ Hào, ngày 25 tháng 4 năm 2025",
      "KẾ HOẠCH",
    ]);
    expect(lines).toContain("và chuyển đổi số thị xã Mỹ Hào năm 2025"); // line break inside a paragraph
    expect(lines).toContain("I. MỤC TIÊU");
    expect(lines).toContain("- Nâng cao nhận thức về đổi mới sáng tạo.");
    expect(lines).toContain("+ trong cơ quan nhà nước;");
    expect(lines).toContain("II. NHIỆM VỤ");
    expect(lines).toContain("1. Nâng cao nhận thức");
    expect(lines).toContain("1.1. Tuyên truyền, phổ biến chủ trương");
    expect(lines).toContain("1.2. Đào tạo nhân lực");
    expect(lines).toContain("a) Nội dung thứ nhất");
    expect(lines).toContain("b) Nội dung thứ hai");
    const h = lines.indexOf(SAMPLE_HEADER.join("\t"));
    expect(h).toBeGreaterThan(0);
    expect(lines.slice(h + 1, h + 4)).toEqual(SAMPLE_TASKS.map((r) => r.join("\t")));
    expect(lines[lines.length - 1]).toBe("Kế hoạch này được triển khai đến các đơn vị.");
  });

  it("keeps merged cells aligned, joins nested paragraphs and nested tables with spaces", async () => {
    const cell = (t: string[], extra: Record<string, unknown> = {}) =>
      new TableCell({ children: t.map((x) => new Paragraph(x)), ...extra });
    const bytes = await docxOf([
      new Table({
        rows: [
          new TableRow({ children: ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"].map((t) => cell([t])) }),
          new TableRow({
            children: [
              cell(["1"]),
              cell(["Tuyên truyền,", "phổ biến"]),
              cell(["Phòng Kinh tế"], { verticalMerge: VerticalMergeType.RESTART }),
              cell(["UBND các phường"]),
              cell(["2025"]),
            ],
          }),
          new TableRow({
            children: [
              cell(["2"]),
              new TableCell({
                children: [
                  new Paragraph("Xây dựng"),
                  new Table({ rows: [new TableRow({ children: [cell(["bảng"]), cell(["lồng"])] })] }),
                ],
              }),
              cell([], { verticalMerge: VerticalMergeType.CONTINUE }),
              cell(["Hai cột gộp"], { columnSpan: 2 }),
            ],
          }),
        ],
      }),
    ]);
    const { text } = await readDocument(bytes, "t.docx");
    expect(text.split("\n")).toEqual([
      "STT\tNội dung\tChủ trì\tPhối hợp\tThời gian",
      "1\tTuyên truyền, phổ biến\tPhòng Kinh tế\tUBND các phường\t2025",
      "2\tXây dựng bảng lồng\t\tHai cột gộp\t",
    ]);
  });

  it("ignores field codes but keeps field results", async () => {
    const bytes = await docxOf([
      new Paragraph({ children: [new TextRun("Trang "), new SimpleField("PAGE", "7"), new TextRun(" kết thúc")] }),
      new Paragraph({
        children: [new TextRun("Số: "), new TextRun({ children: ["121"] }), new TextRun("/KH-UBND")],
      }),
    ]);
    const { text } = await readDocument(bytes, "f.docx");
    expect(text).toContain("Trang 7 kết thúc");
    expect(text).not.toContain("PAGE");
    expect(text).toContain("Số: 121/KH-UBND");
  });

  it("formats list numbers (decimal, letters, roman) and upper/lower letters", async () => {
    expect(formatNumber(4, "upperRoman")).toBe("IV");
    expect(formatNumber(14, "lowerRoman")).toBe("xiv");
    expect(formatNumber(27, "lowerLetter")).toBe("aa");
    expect(formatNumber(3, "upperLetter")).toBe("C");
    expect(formatNumber(5, "decimalZero")).toBe("05");
    const bytes = await docxOf(
      [
        new Paragraph({ text: "Một", numbering: { reference: "n", level: 0 } }),
        new Paragraph({ text: "Con", numbering: { reference: "n", level: 1 } }),
        new Paragraph({ text: "Cháu", numbering: { reference: "n", level: 2 } }),
        new Paragraph({ text: "Hai", numbering: { reference: "n", level: 0 } }),
        new Paragraph({ text: "Con", numbering: { reference: "n", level: 1 } }),
      ],
      {
        config: [
          {
            reference: "n",
            levels: [
              { level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START },
              { level: 1, format: LevelFormat.DECIMAL, text: "%1.%2.", alignment: AlignmentType.START },
              { level: 2, format: LevelFormat.LOWER_LETTER, text: "%3)", alignment: AlignmentType.START },
            ],
          },
        ],
      },
    );
    const { text } = await readDocument(bytes, "n.docx");
    expect(text.split("\n")).toEqual(["1. Một", "1.1. Con", "a) Cháu", "2. Hai", "2.1. Con"]);
  });

  it("reads a hand-made minimal docx (no styles/numbering parts, w: prefix, tabs, breaks, deleted text)", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<w:body>
<w:p><w:r><w:t xml:space="preserve">Điều 1. </w:t></w:r><w:r><w:tab/><w:t>Nội dung &amp; phạm vi</w:t></w:r></w:p>
<w:p><w:r><w:t>Dòng một</w:t><w:br/><w:t>Dòng hai</w:t></w:r><w:del><w:r><w:delText>đã xóa</w:delText></w:r></w:del></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>liên kết</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<mc:AlternateContent><mc:Choice Requires="wps"><w:p><w:r><w:t>hộp chữ</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>hộp chữ</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>
</w:body></w:document>`;
    const bytes = zipSync({
      "[Content_Types].xml": new TextEncoder().encode(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      "word/document.xml": new TextEncoder().encode(xml),
    });
    const { text } = await readDocument(bytes, "min.docx");
    expect(text.split("\n")).toEqual(["Điều 1. Nội dung & phạm vi", "Dòng một", "Dòng hai", "liên kết", "hộp chữ"]);
  });

  it("maps text typed in legacy fonts (.VnTime = TCVN3, VNI-Times) back to Unicode", async () => {
    const w1252 = new TextDecoder("windows-1252");
    const lines = [
      "Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2025",
      "Đơn vị chủ trì: Phòng Văn hóa, Khoa học và Thông tin",
    ];
    for (const [enc, font] of [
      [encodeTcvn3, ".VnTime"],
      [encodeVni, "VNI-Times"],
    ] as const) {
      const bytes = await docxOf([
        new Paragraph("KẾ HOẠCH"), // a Unicode paragraph stays as it is
        ...lines.map((l) => new Paragraph({ children: [new TextRun({ text: w1252.decode(enc(l)), font })] })),
        new Table({
          rows: [
            new TableRow({
              children: ["STT", "Nhiệm vụ", "Thời gian"].map(
                (t) =>
                  new TableCell({
                    children: [new Paragraph({ children: [new TextRun({ text: w1252.decode(enc(t)), font })] })],
                  }),
              ),
            }),
          ],
        }),
      ]);
      const doc = await readDocument(bytes, `${font}.docx`);
      expect(doc.text.split("\n"), font).toEqual(["KẾ HOẠCH", ...lines, "STT\tNhiệm vụ\tThời gian"]);
      expect(doc.warnings.join(" "), font).toContain("phông chữ cũ");
    }
  });

  it("numbering through paragraph styles and list styles (numStyleLink), with startOverride restarts", async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const lvl = (i: number, fmt: string, text: string) =>
      `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
    const numbering = `<w:numbering ${W}>
<w:abstractNum w:abstractNumId="10"><w:styleLink w:val="PlanList"/>${lvl(0, "upperRoman", "%1.")}${lvl(1, "decimal", "%2.")}${lvl(2, "decimal", "%2.%3.")}</w:abstractNum>
<w:abstractNum w:abstractNumId="11"><w:numStyleLink w:val="PlanList"/></w:abstractNum>
<w:abstractNum w:abstractNumId="12">${lvl(0, "lowerLetter", "%1)")}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="12"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="12"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>`;
    const styles = `<w:styles ${W}>
<w:style w:type="numbering" w:styleId="PlanList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="2"/><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>`;
    const p = (text: string, ppr = "") => `<w:p><w:pPr>${ppr}</w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const num = (id: number, ilvl: number) => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${id}"/></w:numPr>`;
    const body = [
      p("MỤC TIÊU", '<w:pStyle w:val="Heading1"/>'),
      p("Mục tiêu chung", '<w:pStyle w:val="Heading2"/>'),
      p("Chi tiết", num(2, 2)),
      p("ý một", num(3, 0)),
      p("ý hai", num(3, 0)),
      p("NHIỆM VỤ", '<w:pStyle w:val="Heading1"/>'),
      p("Nhiệm vụ chung", '<w:pStyle w:val="Heading2"/>'),
      p("ý một (đánh số lại)", num(4, 0)),
    ].join("");
    const enc = (s: string) => new TextEncoder().encode(s);
    const bytes = zipSync({
      "[Content_Types].xml": enc("<Types/>"),
      "word/document.xml": enc(`<w:document ${W}><w:body>${body}</w:body></w:document>`),
      "word/numbering.xml": enc(numbering),
      "word/styles.xml": enc(styles),
    });
    const { text } = await readDocument(bytes, "styles.docx");
    expect(text.split("\n")).toEqual([
      "I. MỤC TIÊU",
      "1. Mục tiêu chung",
      "1.1. Chi tiết",
      "a) ý một",
      "b) ý hai",
      "II. NHIỆM VỤ",
      "1. Nhiệm vụ chung",
      "a) ý một (đánh số lại)",
    ]);
  });
});
