/**
 * Minimal WordprocessingML writers for the parts of a report that grow with the plan (one paragraph group per task,
 * one table row per task). Building them as strings is ~20× faster than the docx object model for thousands of
 * rows; the fixed parts (header block, signature) still come from `docx`, and `spliceDocumentXml` puts these strings
 * where placeholder paragraphs stand. Element order follows the OOXML schema (rPr: rFonts, b, i, sz; pPr: spacing,
 * ind, jc; tcPr: tcW, gridSpan, tcMar, vAlign) so Word opens the file without repair.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

export const FONT = "Times New Roman";

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  /** Half-points. */
  size: number;
}

export function escapeXml(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 38) out += "&amp;";
    else if (c === 60) out += "&lt;";
    else if (c === 62) out += "&gt;";
    else if (c === 34) out += "&quot;";
    else if (c < 32 && c !== 9 && c !== 10 && c !== 13)
      out += " "; // control characters are not allowed in XML 1.0
    else out += s[i];
  }
  return out;
}

export function runXml(text: string, style: RunStyle): string {
  return (
    `<w:r><w:rPr><w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}"/>` +
    (style.bold ? "<w:b/><w:bCs/>" : "") +
    (style.italics ? "<w:i/><w:iCs/>" : "") +
    `<w:sz w:val="${style.size}"/><w:szCs w:val="${style.size}"/></w:rPr>` +
    `<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`
  );
}

export interface ParagraphStyle {
  align?: "left" | "center" | "both";
  /** Twips. */
  firstLine?: number;
  before?: number;
  after?: number;
  /** 240 = single line. */
  line?: number;
}

export function paragraphXml(runs: string, style: ParagraphStyle = {}): string {
  const spacing =
    style.before != null || style.after != null || style.line != null
      ? `<w:spacing${style.before != null ? ` w:before="${style.before}"` : ""}${style.after != null ? ` w:after="${style.after}"` : ""}${style.line != null ? ` w:line="${style.line}" w:lineRule="auto"` : ""}/>`
      : "";
  const ind = style.firstLine ? `<w:ind w:firstLine="${style.firstLine}"/>` : "";
  const jc = style.align ? `<w:jc w:val="${style.align}"/>` : "";
  const pPr = spacing || ind || jc ? `<w:pPr>${spacing}${ind}${jc}</w:pPr>` : "";
  return `<w:p>${pPr}${runs}</w:p>`;
}

export interface TableColumn {
  /** Twips. */
  width: number;
}

export interface CellXmlOptions {
  width: number;
  gridSpan?: number;
  shade?: string;
}

export function cellXml(paragraphs: string, opts: CellXmlOptions): string {
  return (
    `<w:tc><w:tcPr><w:tcW w:w="${opts.width}" w:type="dxa"/>` +
    (opts.gridSpan && opts.gridSpan > 1 ? `<w:gridSpan w:val="${opts.gridSpan}"/>` : "") +
    (opts.shade ? `<w:shd w:val="clear" w:color="auto" w:fill="${opts.shade}"/>` : "") +
    `<w:tcMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tcMar>` +
    `<w:vAlign w:val="top"/></w:tcPr>${paragraphs || "<w:p/>"}</w:tc>`
  );
}

export function rowXml(cells: string, opts: { header?: boolean } = {}): string {
  const trPr = opts.header ? "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "";
  return `<w:tr>${trPr}${cells}</w:tr>`;
}

export function tableXml(columns: readonly TableColumn[], rows: string): string {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/>` +
    `<w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("")}</w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/></w:tblPr>` +
    `<w:tblGrid>${columns.map((c) => `<w:gridCol w:w="${c.width}"/>`).join("")}</w:tblGrid>${rows}</w:tbl>`
  );
}

/**
 * Replaces each placeholder paragraph (the whole `<w:p>` holding the marker text) in word/document.xml with the given
 * XML, and re-zips the package.
 */
export function spliceDocumentXml(docx: Uint8Array, replacements: Record<string, string>): Buffer {
  const files = unzipSync(docx);
  const entry = files["word/document.xml"];
  if (!entry) throw new Error("word/document.xml missing");
  let xml = strFromU8(entry);
  for (const [marker, replacement] of Object.entries(replacements)) {
    const at = xml.indexOf(marker);
    if (at < 0) throw new Error(`placeholder ${marker} missing`);
    const start = Math.max(xml.lastIndexOf("<w:p>", at), xml.lastIndexOf("<w:p ", at));
    const end = xml.indexOf("</w:p>", at) + "</w:p>".length;
    xml = xml.slice(0, start) + replacement + xml.slice(end);
  }
  files["word/document.xml"] = strToU8(xml);
  return Buffer.from(zipSync(files, { level: 6 }));
}
