/**
 * The consolidated progress report ("Báo cáo kết quả thực hiện Kế hoạch số …") as DOCX, laid out as Nghị định
 * 30/2020/NĐ-CP prescribes for administrative documents: A4, margins 20–25 mm top/bottom, 30–35 mm left, 15–20 mm right,
 * Times New Roman 13–14 pt; issuer block left and national motto right; number and place/date line; title; body;
 * "Nơi nhận" and the signature block; then the appendix table on landscape pages.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { dateLineVi, dateVi, numberVi, percentVi } from "./format.js";
import { cellXml, paragraphXml, rowXml, runXml, spliceDocumentXml, tableXml } from "./ooxml.js";
import type { ConsolidatedReport, ConsolidatedTask } from "./types.js";

const FONT = "Times New Roman";
const BODY_SIZE = 28; // half-points: 14 pt
const SMALL_SIZE = 24; // 12 pt
const TABLE_SIZE = 22; // 11 pt
const MM = 56.7; // twips per millimetre

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER };
const NO_TABLE_BORDERS = { ...NO_BORDERS, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
}

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: style.size ?? BODY_SIZE,
    bold: style.bold,
    italics: style.italics,
    underline: style.underline ? {} : undefined,
  });
}

function centered(text: string, style: RunStyle = {}, after = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: [run(text, style)] });
}

/** A body paragraph: justified, first-line indent 1 cm, 6 pt after, line spacing 1.15 (ND 30: "tối thiểu 6pt"). */
function body(children: TextRun[] | string, opts: { indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: Math.round(10 * MM) },
    spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO },
    children: typeof children === "string" ? [run(children)] : children,
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(10 * MM) },
    spacing: { before: 120, after: 120 },
    children: [run(text, { bold: true })],
  });
}

function cell(paragraphs: Paragraph[], widthPct: number, opts: { borders?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    borders: opts.borders === false ? NO_BORDERS : undefined,
    verticalAlign: VerticalAlign.TOP,
    children: paragraphs,
  });
}

function headerBlock(report: ConsolidatedReport): Table {
  const left: Paragraph[] = [];
  if (report.issuer.superior) left.push(centered(report.issuer.superior.toUpperCase(), { size: 26 }));
  left.push(centered(report.issuer.name.toUpperCase(), { bold: true, size: 26 }));
  left.push(centered("________", { size: 18 }));
  left.push(centered(`Số: ${report.number ?? "      "}/BC-${report.issuer.abbreviation}`, { size: 26 }));
  const right = [
    centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true, size: 24 }),
    centered("Độc lập - Tự do - Hạnh phúc", { bold: true, size: BODY_SIZE }),
    centered("________________________", { size: 18 }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(`${report.place}, ${dateLineVi(report.date)}`, { italics: true })],
    }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    borders: NO_TABLE_BORDERS,
    rows: [new TableRow({ children: [cell(left, 38, { borders: false }), cell(right, 62, { borders: false })] })],
  });
}

function planReference(report: ConsolidatedReport): string {
  const p = report.plan;
  const parts = [`Kế hoạch số ${p.number ?? "…"}`];
  if (p.issuedAt) parts.push(`ngày ${dateVi(p.issuedAt)}`);
  if (p.issuer) parts.push(`của ${p.issuer}`);
  return parts.join(" ");
}

function contributionXml(label: string, c: { unit: string; result: string | null; percent: number | null }): string {
  return paragraphXml(
    runXml(`${label}${c.unit}`, { italics: true, size: BODY_SIZE }) +
      runXml(": ", { size: BODY_SIZE }) +
      runXml(c.result?.trim() ? c.result.trim() : "Chưa báo cáo kết quả.", { size: BODY_SIZE }) +
      (c.percent != null ? runXml(` (${numberVi(c.percent)}%)`, { size: BODY_SIZE }) : ""),
    BODY_PARAGRAPH,
  );
}

const BODY_PARAGRAPH = { align: "both", firstLine: Math.round(10 * MM), after: 120, line: 276 } as const;

function taskXml(task: ConsolidatedTask): string {
  const refText = task.ref ? `${task.ref}. ` : "- ";
  let xml = paragraphXml(
    runXml(`${refText}${task.title}`, { bold: true, size: BODY_SIZE }) +
      runXml(` (Tình trạng: ${task.status}${task.timeframe ? `; thời gian: ${task.timeframe}` : ""})`, {
        italics: true,
        size: BODY_SIZE,
      }),
    BODY_PARAGRAPH,
  );
  if (task.leadResults.length === 0 && task.partnerContributions.length === 0) {
    xml += paragraphXml(
      runXml("Chưa có đơn vị báo cáo kết quả trong kỳ.", { italics: true, size: BODY_SIZE }),
      BODY_PARAGRAPH,
    );
  }
  for (const c of task.leadResults) xml += contributionXml("Đơn vị chủ trì ", c);
  for (const c of task.partnerContributions) xml += contributionXml("Đơn vị phối hợp ", c);
  return xml;
}

/** Section II of the body: a heading per group, then each task with what its units reported. */
function tasksBodyXml(report: ConsolidatedReport): string {
  const parts: string[] = [];
  for (const group of report.groups) {
    if (group.title) {
      parts.push(
        paragraphXml(runXml(`${group.ref ? `${group.ref}. ` : ""}${group.title}`, { bold: true, size: BODY_SIZE }), {
          align: "both",
          firstLine: Math.round(10 * MM),
          before: 120,
          after: 120,
        }),
      );
    }
    for (const task of group.tasks) parts.push(taskXml(task));
  }
  return parts.join("");
}

function notesSection(title: string, notes: { unit: string; text: string }[], empty: string): Paragraph[] {
  const out = [heading(title)];
  if (notes.length === 0) out.push(body(empty));
  for (const n of notes) out.push(body([run(`- ${n.unit}: `, { italics: true }), run(n.text)]));
  return out;
}

function signatureBlock(report: ConsolidatedReport): Table {
  const recipients = [
    new Paragraph({ children: [run("Nơi nhận:", { bold: true, italics: true, size: SMALL_SIZE })] }),
    ...[...report.recipients, "Lưu: VT"].map(
      (r, i, all) => new Paragraph({ children: [run(`- ${r}${i === all.length - 1 ? "." : ";"}`, { size: 22 })] }),
    ),
  ];
  const sign: Paragraph[] = [];
  if (report.signer.authority) sign.push(centered(report.signer.authority.toUpperCase(), { bold: true }));
  if (report.signer.title) sign.push(centered(report.signer.title.toUpperCase(), { bold: true }));
  sign.push(new Paragraph({ spacing: { before: 1400 }, children: [] }));
  if (report.signer.name) sign.push(centered(report.signer.name, { bold: true }));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    borders: NO_TABLE_BORDERS,
    rows: [new TableRow({ children: [cell(recipients, 50, { borders: false }), cell(sign, 50, { borders: false })] })],
  });
}

const APPENDIX_COLUMNS: { title: string; width: number }[] = [
  { title: "STT", width: 5 },
  { title: "Nhiệm vụ", width: 27 },
  { title: "Chủ trì", width: 12 },
  { title: "Phối hợp", width: 13 },
  { title: "Thời gian", width: 10 },
  { title: "Kết quả", width: 23 },
  { title: "Tình trạng", width: 10 },
];

/** Landscape A4 text width: 297 mm less 20 mm and 15 mm margins. */
const LANDSCAPE_TEXT_WIDTH = Math.round(262 * MM);
const APPENDIX_GRID = APPENDIX_COLUMNS.map((c) => ({ width: Math.round((LANDSCAPE_TEXT_WIDTH * c.width) / 100) }));

function tableCellXml(text: string, column: number, opts: { bold?: boolean; center?: boolean } = {}): string {
  const paragraphs = text
    .split("\n")
    .map((line) =>
      paragraphXml(runXml(line, { bold: opts.bold, size: TABLE_SIZE }), { align: opts.center ? "center" : "left" }),
    )
    .join("");
  return cellXml(paragraphs, { width: APPENDIX_GRID[column]!.width, shade: opts.bold ? "E8EEF7" : undefined });
}

/** Results as one cell text: each unit's result on its own line. */
export function resultText(task: ConsolidatedTask): string {
  const lines = [...task.leadResults, ...task.partnerContributions]
    .filter((c) => c.result?.trim())
    .map((c) => `${c.unit}: ${c.result!.trim()}`);
  return lines.join("\n");
}

function appendixTableXml(report: ConsolidatedReport): string {
  const rows: string[] = [
    rowXml(APPENDIX_COLUMNS.map((c, i) => tableCellXml(c.title, i, { bold: true, center: true })).join(""), {
      header: true,
    }),
  ];
  const fullWidth = APPENDIX_GRID.reduce((sum, c) => sum + c.width, 0);
  let n = 0;
  for (const group of report.groups) {
    if (group.title) {
      rows.push(
        rowXml(
          cellXml(
            paragraphXml(
              runXml(`${group.ref ? `${group.ref}. ` : ""}${group.title}`, { bold: true, size: TABLE_SIZE }),
            ),
            { width: fullWidth, gridSpan: APPENDIX_COLUMNS.length },
          ),
        ),
      );
    }
    for (const task of group.tasks) {
      n++;
      const values = [
        String(n),
        task.title,
        task.lead.join("; "),
        task.support.join("; "),
        task.timeframe ?? "",
        resultText(task),
        task.status,
      ];
      rows.push(rowXml(values.map((v, i) => tableCellXml(v, i, { center: i === 0 })).join("")));
    }
  }
  return tableXml(APPENDIX_GRID, rows.join(""));
}

const TASKS_MARKER = "[[tiendo:tasks]]";
const APPENDIX_MARKER = "[[tiendo:appendix]]";

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SMALL_SIZE })],
      }),
    ],
  });
}

export function buildConsolidatedDocument(report: ConsolidatedReport): Document {
  const s = report.summary;
  const mainChildren: (Paragraph | Table)[] = [
    headerBlock(report),
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    centered("BÁO CÁO", { bold: true }),
    centered(`Kết quả thực hiện ${planReference(report)}`, { bold: true }),
    centered(
      `Kỳ báo cáo: ${report.period.label} (từ ${dateVi(report.period.start)} đến ${dateVi(report.period.end)})`,
      {
        italics: true,
      },
    ),
    centered("________", { size: 18 }, 240),
    body(
      `Thực hiện ${planReference(report)} về ${lowerFirst(report.plan.title)}, trên cơ sở báo cáo của các đơn vị, ` +
        `${report.issuer.name} báo cáo kết quả thực hiện ` +
        `${lowerFirst(report.period.label)} như sau:`,
    ),
    heading("I. TÌNH HÌNH CHUNG"),
    body(
      `Kế hoạch có ${numberVi(s.totalTasks)} nhiệm vụ. ` +
        (s.byStatus.length
          ? `Trong đó: ${s.byStatus.map((b) => `${b.label.toLowerCase()} ${numberVi(b.count)} nhiệm vụ`).join("; ")}.`
          : ""),
    ),
    body(
      `Số đơn vị phải báo cáo: ${numberVi(s.expectedReports)}; đã nộp: ${numberVi(s.submittedReports)} ` +
        `(${percentVi(s.submittedReports, s.expectedReports)}), trong đó nộp đúng hạn ${numberVi(s.onTimeReports)} ` +
        `(${percentVi(s.onTimeReports, s.expectedReports)}).`,
    ),
    heading("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"),
  ];
  mainChildren.push(new Paragraph({ children: [new TextRun(TASKS_MARKER)] }));
  mainChildren.push(
    ...notesSection("III. KHÓ KHĂN, VƯỚNG MẮC", report.difficulties, "Các đơn vị không báo cáo khó khăn, vướng mắc."),
    ...notesSection("IV. KIẾN NGHỊ, ĐỀ XUẤT", report.proposals, "Các đơn vị không có kiến nghị, đề xuất."),
    body(`Trên đây là báo cáo kết quả thực hiện ${planReference(report)}, ${lowerFirst(report.period.label)}./.`),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
    signatureBlock(report),
  );

  const portrait = {
    page: {
      size: { orientation: PageOrientation.PORTRAIT, width: Math.round(210 * MM), height: Math.round(297 * MM) },
      margin: {
        top: Math.round(20 * MM),
        bottom: Math.round(20 * MM),
        left: Math.round(30 * MM),
        right: Math.round(15 * MM),
      },
    },
  };
  const landscape = {
    page: {
      // docx swaps width/height itself for landscape: give portrait dimensions.
      size: { orientation: PageOrientation.LANDSCAPE, width: Math.round(210 * MM), height: Math.round(297 * MM) },
      margin: {
        top: Math.round(20 * MM),
        bottom: Math.round(20 * MM),
        left: Math.round(20 * MM),
        right: Math.round(15 * MM),
      },
    },
  };
  return new Document({
    creator: "tiendo",
    title: `Báo cáo kết quả thực hiện ${planReference(report)}`,
    styles: { default: { document: { run: { font: FONT, size: BODY_SIZE } } } },
    sections: [
      { properties: portrait, footers: { default: pageFooter() }, children: mainChildren },
      {
        properties: landscape,
        footers: { default: pageFooter() },
        children: [
          centered("PHỤ LỤC", { bold: true }),
          centered(`Kết quả thực hiện các nhiệm vụ của ${planReference(report)}`, { bold: true }),
          centered(
            `(Kèm theo Báo cáo số ${report.number ?? "     "}/BC-${report.issuer.abbreviation} ${dateLineVi(report.date)})`,
            {
              italics: true,
            },
            200,
          ),
          new Paragraph({ children: [new TextRun(APPENDIX_MARKER)] }),
        ],
      },
    ],
  });
}

function lowerFirst(s: string): string {
  return s ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

export async function renderConsolidatedDocx(report: ConsolidatedReport): Promise<Buffer> {
  const skeleton = await Packer.toBuffer(buildConsolidatedDocument(report));
  return spliceDocumentXml(skeleton, {
    [TASKS_MARKER]: tasksBodyXml(report),
    [APPENDIX_MARKER]: appendixTableXml(report),
  });
}
