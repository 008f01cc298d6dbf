/**
 * PDF → text with pdfjs-dist (legacy build, Node). Lines are rebuilt from glyph positions (baseline clustering,
 * x order, gaps → spaces, wide gaps → tabs); table regions are detected from column-aligned segments (a header row
 * with "STT / Nhiệm vụ / Chủ trì…" fixes the column bounds) and wrapped cell lines are folded back into one row,
 * also across page breaks. Repeated page headers/footers and page numbers are dropped. Pages without a usable text
 * layer are sent to OCR (tesseract via ./ocr.js). Password-protected PDFs → ENCRYPTED (owner-password-only PDFs are
 * decrypted by pdfjs).
 */
import { headerScore, isTaskHeaderCell } from "./headers.js";
import { type RawDocument, type ReadOptions, UnreadableDocumentError, unreadable } from "./types.js";

interface Item {
  x: number;
  y: number;
  w: number;
  size: number;
  str: string;
}

interface Segment {
  x0: number;
  x1: number;
  text: string;
}

export interface PdfLine {
  page: number;
  y: number;
  size: number;
  segments: Segment[];
  items: Item[];
}

/** A ruled table: column boundaries from vertical rules, row boundaries from horizontal rules. */
export interface RuledTable {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Horizontal rule y positions, top first. */
  rows: number[];
  /** Vertical rules. */
  verticals: { x: number; y0: number; y1: number }[];
  /** All distinct vertical rule x positions, left first. */
  cols: number[];
}

interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

type PdfjsModule = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsPromise: Promise<PdfjsModule> | undefined;

function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsPromise;
}

const MAX_PAGES = 2000;

export async function readPdf(bytes: Uint8Array, opts: ReadOptions = {}): Promise<RawDocument> {
  const pdfjs = await loadPdfjs();
  const warnings: string[] = [];
  const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - 2048)));
  const looksTruncated = !tail.includes("%%EOF");
  const task = pdfjs.getDocument({
    // pdfjs may detach the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    stopAtErrors: false,
    password: "",
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    const name = err instanceof Error ? err.name : "";
    if (name === "PasswordException") throw unreadable("ENCRYPTED");
    throw unreadable("TRUNCATED", undefined, err);
  }
  try {
    const pageCount = doc.numPages;
    if (pageCount > MAX_PAGES) throw unreadable("TOO_LARGE", `(${pageCount} trang > ${MAX_PAGES})`);
    const lines: PdfLine[] = [];
    const needOcr: number[] = [];
    const tablesByPage = new Map<number, RuledTable[]>();
    for (let p = 1; p <= pageCount; p++) {
      opts.signal?.throwIfAborted();
      opts.onProgress?.({ stage: "read", page: p, pages: pageCount });
      let items: Item[];
      try {
        const page = await doc.getPage(p);
        const content = await page.getTextContent();
        let letters = 0;
        for (const it of content.items) if ("str" in it) letters += it.str.replace(/[^\p{L}]/gu, "").length;
        // The text-content API merges glyphs drawn out of order (LibreOffice's second font subset): position
        // every glyph from the operator list instead; fall back to text items if that fails.
        const g =
          letters > 0
            ? await glyphItems(page, pdfjs).catch(() => ({ items: textItems(content.items), rules: [] as Rule[] }))
            : { items: [], rules: [] };
        items = g.items;
        const t = detectTables(g.rules);
        if (t.length > 0) tablesByPage.set(p, t);
        page.cleanup();
      } catch (err) {
        if (err instanceof UnreadableDocumentError) throw err;
        warnings.push(`Không đọc được trang ${p} (trang bị hỏng).`);
        continue;
      }
      const pageLines = buildLines(items, p);
      if (!hasUsableText(pageLines)) needOcr.push(p);
      else lines.push(...pageLines);
    }
    let ocrUsed = false;
    const ocrTexts = new Map<number, string>();
    if (needOcr.length > 0) {
      if (opts.ocr === false) {
        if (lines.length === 0) {
          throw new UnreadableDocumentError(
            "OCR_UNAVAILABLE",
            "Tệp PDF là ảnh quét (không có lớp chữ) nhưng chức năng nhận dạng chữ (OCR) đang tắt.",
          );
        }
        warnings.push(`Bỏ qua ${needOcr.length} trang không có lớp chữ (OCR đang tắt).`);
      } else {
        const maxOcr = opts.maxOcrPages ?? 300;
        if (needOcr.length > maxOcr) {
          throw new UnreadableDocumentError(
            "TOO_LARGE",
            `Tệp có ${needOcr.length} trang ảnh quét, vượt giới hạn nhận dạng chữ (OCR) ${maxOcr} trang.`,
          );
        }
        const { ocrPdfPages } = await import("./ocr.js");
        try {
          const texts = await ocrPdfPages(bytes, needOcr, pageCount, opts);
          for (const [p, t] of texts) ocrTexts.set(p, t);
          ocrUsed = true;
          warnings.push(
            `Đã nhận dạng chữ (OCR) ${needOcr.length}/${pageCount} trang ảnh quét; cần rà soát lỗi chính tả.`,
          );
        } catch (err) {
          // A text PDF with a few image pages still yields its text; a pure scan cannot.
          if (lines.length === 0) throw err;
          const msg = err instanceof UnreadableDocumentError ? err.message : String(err);
          warnings.push(`Bỏ qua ${needOcr.length} trang ảnh quét: ${msg}`);
        }
      }
    }
    if (looksTruncated && lines.length + ocrTexts.size > 0)
      warnings.push("Tệp PDF có thể không đầy đủ (thiếu phần kết thúc).");
    if (looksTruncated && lines.length + ocrTexts.size === 0) throw unreadable("TRUNCATED");
    const text = assemble(lines, ocrTexts, pageCount, tablesByPage);
    return { text, format: "pdf", ocr: ocrUsed, pages: pageCount, warnings };
  } finally {
    await doc.destroy().catch(() => {});
  }
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfjsModule["getDocument"]>["promise"]>["getPage"]>>;
type TextItemLike = Awaited<ReturnType<PdfPage["getTextContent"]>>["items"][number];

function textItems(raw: TextItemLike[]): Item[] {
  const items: Item[] = [];
  for (const it of raw) {
    if (!("str" in it) || it.str === "") continue;
    const [a, b, , d, e, f] = it.transform as number[];
    const size = Math.max(1, Math.hypot(a ?? 0, b ?? 0), Math.abs(d ?? 0), it.height || 0);
    items.push({ x: e ?? 0, y: f ?? 0, w: it.width, size, str: it.str });
  }
  return items;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function mul(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

interface TextState {
  ctm: Matrix;
  tm: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
  fontMatrix0: number;
  fontSize: number;
  fontDirection: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

interface GlyphLike {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

/** One item per glyph, positioned like pdfjs' canvas renderer does (CTM × text matrix × in-run advance). */
async function glyphItems(page: PdfPage, pdfjs: PdfjsModule): Promise<{ items: Item[]; rules: Rule[] }> {
  const ops = await page.getOperatorList();
  const OPS = pdfjs.OPS;
  const items: Item[] = [];
  const rules: Rule[] = [];
  const PAINT = new Set<number>([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fill,
    OPS.eoFill,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  let st: TextState = {
    ctm: IDENTITY,
    tm: IDENTITY,
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
    fontMatrix0: 0.001,
    fontSize: 0,
    fontDirection: 1,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
  };
  const stack: TextState[] = [];
  const moveText = (x: number, y: number) => {
    st.x = st.lineX += x;
    st.y = st.lineY += y;
  };
  const { fnArray, argsArray } = ops;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push({ ...st });
        break;
      case OPS.restore:
        st = stack.pop() ?? st;
        break;
      case OPS.transform:
        st.ctm = mul(st.ctm, Array.from(args as number[]) as Matrix);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...st });
        const m = args[0] as ArrayLike<number> | null;
        if (m && typeof m === "object" && m.length === 6) st.ctm = mul(st.ctm, Array.from(m) as Matrix);
        break;
      }
      case OPS.paintFormXObjectEnd:
        st = stack.pop() ?? st;
        break;
      case OPS.constructPath: {
        if (!PAINT.has(args[0] as number) || rules.length > 20_000) break;
        const data = (args[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | undefined;
        if (data && typeof data === "object" && "length" in data) pathRules(data, st.ctm, rules);
        break;
      }
      case OPS.beginText:
        st.tm = IDENTITY;
        st.x = st.lineX = 0;
        st.y = st.lineY = 0;
        break;
      case OPS.setFont: {
        let size = args[1] as number;
        st.fontDirection = size < 0 ? -1 : 1;
        size = Math.abs(size);
        st.fontSize = size;
        let fm = 0.001;
        try {
          const font = page.commonObjs.get(args[0] as string) as { fontMatrix?: number[] } | null;
          fm = font?.fontMatrix?.[0] ?? 0.001;
        } catch {
          fm = 0.001;
        }
        st.fontMatrix0 = fm || 0.001;
        break;
      }
      case OPS.setCharSpacing:
        st.charSpacing = args[0] as number;
        break;
      case OPS.setWordSpacing:
        st.wordSpacing = args[0] as number;
        break;
      case OPS.setHScale:
        st.hScale = (args[0] as number) / 100;
        break;
      case OPS.setLeading:
        st.leading = -(args[0] as number);
        break;
      case OPS.setTextRise:
        st.rise = args[0] as number;
        break;
      case OPS.moveText:
        moveText(args[0] as number, args[1] as number);
        break;
      case OPS.setLeadingMoveText:
        st.leading = args[1] as number;
        moveText(args[0] as number, args[1] as number);
        break;
      case OPS.nextLine:
        moveText(0, st.leading);
        break;
      case OPS.setTextMatrix: {
        const a0 = args[0] as ArrayLike<number> | number;
        const m = (typeof a0 === "object" && a0 !== null && "length" in a0 ? a0 : args) as ArrayLike<number>;
        st.tm = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
        st.x = st.lineX = 0;
        st.y = st.lineY = 0;
        break;
      }
      case OPS.showText:
      case OPS.showSpacedText: {
        const glyphs = args[0] as (GlyphLike | number)[];
        if (!Array.isArray(glyphs) || st.fontSize === 0) break;
        const base = mul(mul(st.ctm, st.tm), [1, 0, 0, 1, st.x, st.y + st.rise]);
        const hs = st.hScale * st.fontDirection;
        const sx = Math.hypot(base[0], base[1]);
        const size = Math.hypot(base[2], base[3]) * st.fontSize;
        const adv = st.fontSize * st.fontMatrix0;
        // Rotated or mirrored text (diagonal "BẢN SAO" watermarks, vertical header cells) is not part of lines.
        const upright =
          base[0] > 0 && Math.abs(base[1]) <= 0.2 * base[0] && Math.abs(base[2]) <= 0.2 * Math.abs(base[3]);
        let x = 0;
        for (const g of glyphs) {
          if (typeof g === "number") {
            x += (-g * st.fontSize) / 1000;
            continue;
          }
          if (!g) continue;
          const w = (g.width ?? 0) * adv;
          const px = x * hs;
          const str = g.unicode ?? "";
          if (str !== "" && upright) {
            items.push({
              x: base[0] * px + base[4],
              y: base[1] * px + base[5],
              w: Math.abs(w * hs * sx),
              size: size || 1,
              str,
            });
          }
          x += w + (g.isSpace ? st.wordSpacing : 0) + st.charSpacing;
        }
        st.x += x * hs;
        break;
      }
    }
  }
  return { items, rules };
}

/** Axis-aligned straight segments of a path (moveTo/lineTo/closePath; curves skipped), in page space. */
function pathRules(d: ArrayLike<number>, ctm: Matrix, out: Rule[]): void {
  const tx = (x: number, y: number): [number, number] => [
    ctm[0] * x + ctm[2] * y + ctm[4],
    ctm[1] * x + ctm[3] * y + ctm[5],
  ];
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  const seg = (x0: number, y0: number, x1: number, y1: number) => {
    const [a, b] = tx(x0, y0);
    const [c, e] = tx(x1, y1);
    const horiz = Math.abs(b - e) < 1.5 && Math.abs(a - c) >= 8;
    const vert = Math.abs(a - c) < 1.5 && Math.abs(b - e) >= 8;
    if (horiz || vert) out.push({ x0: Math.min(a, c), y0: Math.min(b, e), x1: Math.max(a, c), y1: Math.max(b, e) });
  };
  for (let i = 0; i < d.length && out.length < 20_000; ) {
    const op = d[i]!;
    if (op === 0) {
      cx = sx = d[i + 1]!;
      cy = sy = d[i + 2]!;
      i += 3;
    } else if (op === 1) {
      seg(cx, cy, d[i + 1]!, d[i + 2]!);
      cx = d[i + 1]!;
      cy = d[i + 2]!;
      i += 3;
    } else if (op === 2) {
      cx = d[i + 5]!;
      cy = d[i + 6]!;
      i += 7;
    } else if (op === 3) {
      cx = d[i + 3]!;
      cy = d[i + 4]!;
      i += 5;
    } else if (op === 4) {
      seg(cx, cy, sx, sy);
      cx = sx;
      cy = sy;
      i += 1;
    } else break;
  }
}

function uniqueSorted(xs: number[], tol: number): number[] {
  const s = [...xs].sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of s) if (out.length === 0 || x - out[out.length - 1]! > tol) out.push(x);
  return out;
}

/** Group rules into connected grids; a grid with ≥ 2 horizontal and ≥ 2 vertical rules is a table. */
export function detectTables(rules: Rule[]): RuledTable[] {
  const n = rules.length;
  if (n < 4 || n > 20_000) return [];
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const isH = (r: Rule) => r.y1 - r.y0 < 1.5;
  const hs = rules.map((r, i) => ({ r, i })).filter((x) => isH(x.r));
  const vs = rules.map((r, i) => ({ r, i })).filter((x) => !isH(x.r));
  if (hs.length * vs.length > 4_000_000) return [];
  for (const h of hs) {
    for (const v of vs) {
      if (v.r.x0 >= h.r.x0 - 2 && v.r.x0 <= h.r.x1 + 2 && h.r.y0 >= v.r.y0 - 2 && h.r.y0 <= v.r.y1 + 2) {
        parent[find(h.i)] = find(v.i);
      }
    }
  }
  const groups = new Map<number, Rule[]>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(find(i));
    if (g) g.push(rules[i]!);
    else groups.set(find(i), [rules[i]!]);
  }
  const tables: RuledTable[] = [];
  for (const g of groups.values()) {
    const H = g.filter(isH);
    const V = g.filter((r) => !isH(r));
    if (H.length < 2 || V.length < 2) continue;
    const cols = uniqueSorted(
      V.map((v) => v.x0),
      2,
    );
    const rows = uniqueSorted(
      H.map((h) => h.y0),
      2,
    ).reverse();
    if (cols.length < 3 && rows.length < 3) continue; // a single box (frame), not a grid
    tables.push({
      x0: Math.min(...g.map((r) => r.x0)),
      x1: Math.max(...g.map((r) => r.x1)),
      y0: Math.min(...g.map((r) => r.y0)),
      y1: Math.max(...g.map((r) => r.y1)),
      rows,
      cols,
      verticals: V.map((v) => ({ x: v.x0, y0: v.y0, y1: v.y1 })),
    });
  }
  return tables;
}

/** A page has a usable text layer when it has a few real letters and little private-use/garbage. */
function hasUsableText(lines: PdfLine[]): boolean {
  let letters = 0;
  let bad = 0;
  for (const l of lines) {
    for (const s of l.segments) {
      for (const ch of s.text) {
        if (/\p{L}/u.test(ch)) letters++;
        else if (/[\ufffd\ue000-\uf8ff\u0000-\u0008]/.test(ch)) bad++;
      }
    }
  }
  return letters >= 10 && bad < letters * 0.1;
}

// ------------------------------------------------------------------------------------------------ lines

export function buildLines(items: Item[], page: number): PdfLine[] {
  const sorted = items.filter((i) => i.str.trim() !== "" || i.str === " ").sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: { y: number; size: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(g.y - it.y) <= 0.45 * Math.min(g.size, it.size)) {
      g.items.push(it);
      g.size = Math.max(g.size, it.size);
    } else groups.push({ y: it.y, size: it.size, items: [it] });
  }
  const lines: PdfLine[] = [];
  for (const g of groups) {
    g.items.sort((a, b) => a.x - b.x);
    const segments: Segment[] = [];
    let cur: Segment | null = null;
    let lastEnd = Number.NEGATIVE_INFINITY;
    for (const it of g.items) {
      const gap = it.x - lastEnd;
      const size = it.size;
      if (cur && gap < 1.5 * size) {
        const needSpace = gap > 0.18 * size && !cur.text.endsWith(" ") && !it.str.startsWith(" ");
        cur.text += (needSpace ? " " : "") + it.str;
        cur.x1 = Math.max(cur.x1, it.x + it.w);
      } else {
        cur = { x0: it.x, x1: it.x + it.w, text: it.str };
        segments.push(cur);
      }
      lastEnd = Math.max(lastEnd, it.x + it.w);
    }
    const clean = segments
      .map((s) => ({ ...s, text: s.text.replace(/\s+/g, " ").trim() }))
      .filter((s) => s.text !== "");
    if (clean.length > 0) lines.push({ page, y: g.y, size: g.size, segments: clean, items: g.items });
  }
  return lines;
}

// ------------------------------------------------------------------------------------------------ headers/footers

function lineText(l: PdfLine): string {
  return l.segments.map((s) => s.text).join(" ");
}

const PAGE_NUMBER = /^(?:-\s*)?(?:trang\s*)?\d{1,4}(?:\s*(?:\/|trên|of)\s*\d{1,4})?(?:\s*-)?$/i;

function stripRunningLines(lines: PdfLine[], pageCount: number): PdfLine[] {
  const byPage = new Map<number, PdfLine[]>();
  for (const l of lines) {
    const arr = byPage.get(l.page);
    if (arr) arr.push(l);
    else byPage.set(l.page, [l]);
  }
  const drop = new Set<PdfLine>();
  // Page numbers: a lone number as first or last line of a page.
  for (const arr of byPage.values()) {
    for (const l of [arr[0], arr[arr.length - 1]]) {
      if (l && PAGE_NUMBER.test(lineText(l).trim())) drop.add(l);
    }
  }
  // Running headers/footers: the same text (digits ignored) in the top/bottom 2 lines of most pages.
  if (pageCount >= 3) {
    const counts = new Map<string, number>();
    const key = (l: PdfLine) => lineText(l).replace(/\d+/g, "#").trim().toLowerCase();
    for (const arr of byPage.values()) {
      const cand = new Set([...arr.slice(0, 2), ...arr.slice(-2)].map(key));
      for (const k of cand) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const arr of byPage.values()) {
      for (const l of [...arr.slice(0, 2), ...arr.slice(-2)]) {
        if ((counts.get(key(l)) ?? 0) >= Math.max(3, pageCount * 0.5)) drop.add(l);
      }
    }
  }
  return lines.filter((l) => !drop.has(l));
}

// ------------------------------------------------------------------------------------------------ tables

interface Columns {
  /** Right boundary of each column but the last. */
  bounds: number[];
  hasIndex: boolean;
  header: string[] | null;
}

function columnOf(cols: Columns, seg: Segment): number {
  const c = (seg.x0 + seg.x1) / 2;
  let i = 0;
  while (i < cols.bounds.length && c > cols.bounds[i]!) i++;
  return i;
}

function columnsFromHeader(l: PdfLine): Columns {
  const centers = l.segments.map((s) => (s.x0 + s.x1) / 2);
  const bounds: number[] = [];
  for (let i = 0; i + 1 < l.segments.length; i++) {
    // Boundary between two header cells: between the end of one and the start of the next.
    const a = l.segments[i]!;
    const b = l.segments[i + 1]!;
    bounds.push(a.x1 < b.x0 ? (a.x1 + b.x0) / 2 : (centers[i]! + centers[i + 1]!) / 2);
  }
  const first = l.segments[0]?.text ?? "";
  return {
    bounds,
    hasIndex: /^(?:stt|tt|số tt|số thứ tự)$/i.test(first.trim()),
    header: l.segments.map((s) => s.text),
  };
}

const ROW_INDEX = /^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[a-zđ]\)?)$/i;

const LIST_MARK = /^(?:[IVXLC]{1,6}\.|\d{1,3}(?:\.\d{1,3})*\.?|[a-zđ]\)|[-+•●○▪■◦–*]|[\ue000-\uf8ff])$/i;

function bulletOf(mark: string): string {
  if (/^[•●\uf0b7\uf0a7-]$|^–$/.test(mark) || /^[\ue000-\uf8ff]$/.test(mark)) return /[\uf0a7]/.test(mark) ? "+" : "-";
  if (/^[○◦▪■o+]$/.test(mark)) return "+";
  return mark;
}

function tableAt(tables: Map<number, RuledTable[]>, l: PdfLine): RuledTable | undefined {
  const ts = tables.get(l.page);
  if (!ts) return undefined;
  const x = l.items[0]?.x ?? 0;
  return ts.find((t) => l.y > t.y0 && l.y < t.y1 && x >= t.x0 - 2 && x <= t.x1 + 2);
}

/** Text of items (sorted by x): a space where the gap is wide enough. */
function joinItems(items: Item[]): string {
  let text = "";
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const it of items) {
    const gap = it.x - lastEnd;
    if (text !== "" && gap > 0.18 * it.size && !text.endsWith(" ") && !it.str.startsWith(" ")) text += " ";
    text += it.str;
    lastEnd = Math.max(lastEnd, it.x + it.w);
  }
  return text.replace(/\s+/g, " ").trim();
}

/** Rows of a ruled table from its lines: cells by the vertical rules covering each row band. */
function ruledRows(t: RuledTable, lines: PdfLine[]): string[][][] {
  const ncols = Math.max(1, t.cols.length - 1);
  const bands = new Map<number, { cells: Item[][][] }>();
  for (const l of lines) {
    let band = 0;
    while (band < t.rows.length && l.y < t.rows[band]!) band++;
    let b = bands.get(band);
    if (!b) {
      b = { cells: Array.from({ length: ncols }, () => []) };
      bands.set(band, b);
    }
    const top = band > 0 ? t.rows[band - 1]! : t.y1;
    const bottom = band < t.rows.length ? t.rows[band]! : t.y0;
    const mid = (top + bottom) / 2;
    const bounds = uniqueSorted(
      t.verticals.filter((v) => v.y0 - 2 <= mid && v.y1 + 2 >= mid).map((v) => v.x),
      2,
    );
    const perCell = new Map<number, Item[]>();
    for (const it of l.items) {
      const cx = it.x + it.w / 2;
      let k = 0;
      while (k < bounds.length && cx > bounds[k]!) k++;
      // Map the local cell (between bounds k-1 and k) to the global column of its left rule.
      const left = k > 0 ? bounds[k - 1]! : t.cols[0]!;
      let col = 0;
      while (col + 1 < t.cols.length - 1 && t.cols[col + 1]! <= left + 2) col++;
      const arr = perCell.get(col);
      if (arr) arr.push(it);
      else perCell.set(col, [it]);
    }
    for (const [col, its] of perCell) b.cells[col]!.push(its);
  }
  const rows: string[][][] = [];
  for (const key of [...bands.keys()].sort((a, b) => a - b)) {
    const cells = bands.get(key)!.cells.map((linesOfCell) => linesOfCell.map(joinItems).filter((x) => x !== ""));
    if (cells.some((c) => c.length > 0)) rows.push(cells);
  }
  return rows;
}

/** Lines → text, folding table regions into tab rows. */
function linesToText(lines: PdfLine[], tables: Map<number, RuledTable[]> = new Map()): string[] {
  const out: string[] = [];
  // The last table emitted, to continue it across a page break.
  let last: { rows: string[][]; outIndex: number; header: string; ncols: number } | null = null;
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    const t = tableAt(tables, l);
    if (t) {
      let j = i;
      while (j < lines.length && tableAt(tables, lines[j]!) === t) j++;
      const cellLines = ruledRows(t, lines.slice(i, j));
      let rows = cellLines.map((r) => r.map((c) => c.join(" ")));
      const isLayout =
        (rows[0]?.length ?? 0) <= 3 &&
        rows.length <= 4 &&
        !rows.some((r) => headerScore(r) >= 2) &&
        cellLines.some((r) => r.some((c) => c.length >= 2));
      if (isLayout) {
        // The header/signature block drawn as a table: read column by column.
        for (let c = 0; c < (rows[0]?.length ?? 0); c++) for (const r of cellLines) out.push(...(r[c] ?? []));
        last = null;
        i = j;
        continue;
      }
      const ncols = rows[0]?.length ?? 0;
      const continues =
        last !== null && last.outIndex === out.length && last.ncols === ncols && l.page !== lines[i - 1]?.page;
      if (continues && rows.length > 0 && rows[0]!.join("\t") === last!.header) rows = rows.slice(1);
      if (continues && rows.length > 0 && rows[0]![0] === "" && last!.rows.length > 0) {
        // The first row continues the last row of the previous page.
        const prev = last!.rows[last!.rows.length - 1]!;
        const first = rows.shift()!;
        for (let c = 0; c < prev.length; c++) prev[c] = [prev[c], first[c]].filter((x) => x).join(" ");
        out[out.length - 1] = prev.join("\t");
      }
      for (const r of rows) out.push(r.join("\t"));
      if (continues) last = { ...last!, rows: [...last!.rows, ...rows], outIndex: out.length };
      else {
        last = { rows, outIndex: out.length, header: rows[0]?.join("\t") ?? "", ncols };
      }
      i = j;
      continue;
    }
    if (l.segments.length >= 2 && headerScore(l.segments.map((s) => s.text)) >= 2) {
      i = readTable(lines, i, out);
      last = null;
      continue;
    }
    let segs = l.segments.map((s) => s.text);
    // "1." / "a)" / "•" followed by a tab stop: one item, not two cells.
    if (segs.length >= 2 && LIST_MARK.test(segs[0]!)) segs = [`${bulletOf(segs[0]!)} ${segs[1]}`, ...segs.slice(2)];
    else if (segs.length >= 1) {
      const m = /^([•●○▪■◦\ue000-\uf8ff])\s*(.*)$/u.exec(segs[0]!);
      if (m) segs[0] = `${bulletOf(m[1]!)} ${m[2]}`.trim();
    }
    out.push(segs.join("\t"));
    i++;
  }
  return out;
}

/** Read a table starting at the header line `start`; returns the index after it. */
function readTable(lines: PdfLine[], start: number, out: string[]): number {
  const headerLine = lines[start]!;
  let cols = columnsFromHeader(headerLine);
  const n = cols.bounds.length + 1;
  const header: string[] = new Array(n).fill("");
  const place = (row: string[], l: PdfLine) => {
    for (const s of l.segments) {
      const c = columnOf(cols, s);
      row[c] = row[c] ? `${row[c]} ${s.text}` : s.text;
    }
  };
  place(header, headerLine);
  const rows: string[][] = [];
  let cur: string[] | null = null;
  let i = start + 1;
  const lineHeight = headerLine.size * 1.2;
  let prev = headerLine;
  // Header cells that wrap onto following lines, before the first data row.
  while (i < lines.length) {
    const l = lines[i]!;
    const first = l.segments[0]!;
    const startsRow = columnOf(cols, first) === 0 && (!cols.hasIndex || ROW_INDEX.test(first.text));
    if (startsRow || l.page !== headerLine.page || l.y < prev.y - 3 * lineHeight) break;
    if (!l.segments.every((s) => isTaskHeaderCell(s.text) || s.text.length < 40)) break;
    place(header, l);
    prev = l;
    i++;
  }
  cols = { ...cols, header };
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    const text = lineText(l);
    const samePage = l.page === prev.page;
    // Far below the previous line on the same page, or a wide single line reaching across columns: table ended.
    if (samePage && l.y < prev.y - 4 * lineHeight) break;
    if (l.segments.length === 1) {
      const s = l.segments[0]!;
      const spans =
        columnOf(cols, { x0: s.x0, x1: s.x0, text: "" }) !== columnOf(cols, { x0: s.x1, x1: s.x1, text: "" });
      if (spans && s.x1 - s.x0 > 0.6 * ((cols.bounds[cols.bounds.length - 1] ?? s.x1) - (cols.bounds[0] ?? s.x0))) {
        break;
      }
    }
    // A repeated header row on a new page.
    if (!samePage && headerScore(l.segments.map((s) => s.text)) >= 2) {
      prev = l;
      continue;
    }
    void text;
    const firstCol = columnOf(cols, l.segments[0]!);
    const startsRow = cur === null || (firstCol === 0 && (!cols.hasIndex || ROW_INDEX.test(l.segments[0]!.text)));
    if (startsRow) {
      cur = new Array(n).fill("");
      rows.push(cur);
    }
    place(cur!, l);
    prev = l;
  }
  out.push(header.join("\t"));
  for (const r of rows) out.push(r.join("\t"));
  return i;
}

function assemble(
  lines: PdfLine[],
  ocrTexts: Map<number, string>,
  pageCount: number,
  tables: Map<number, RuledTable[]>,
): string {
  const kept = stripRunningLines(lines, pageCount);
  // Keep page order, splicing OCR text in place of the scanned pages.
  const parts: string[] = [];
  let i = 0;
  for (let p = 1; p <= pageCount; p++) {
    const ocr = ocrTexts.get(p);
    if (ocr !== undefined) {
      parts.push(ocr.trim());
      continue;
    }
    let j = i;
    while (j < kept.length && kept[j]!.page <= p) j++;
    // Tables may run across the following text pages: collect the run of consecutive text pages.
    let k = j;
    let q = p;
    while (k < kept.length && !ocrTexts.has(q + 1) && q + 1 <= pageCount) {
      q++;
      while (k < kept.length && kept[k]!.page <= q) k++;
    }
    if (k > i) parts.push(linesToText(kept.slice(i, k), tables).join("\n"));
    i = k;
    p = q;
  }
  return parts.filter((s) => s !== "").join("\n");
}
