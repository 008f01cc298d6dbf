/**
 * .docx → text. word/document.xml is scanned in one pass (no DOM): paragraphs, list numbering from numbering.xml
 * (also through paragraph styles), tables as tab-joined rows (merged cells kept aligned, nested paragraphs joined by
 * a space), line breaks, text boxes; field codes, deleted text and alternate-content fallbacks are ignored.
 */
import { isTaskHeaderCell } from "./headers.js";
import { unreadable } from "./types.js";
import { attr, attrOf, childNamed, childrenNamed, localName, parseXmlTree, scanXml, type XmlNode } from "./xml.js";
import { ZipArchive, type ZipLimits } from "./zip.js";

export interface DocxResult {
  text: string;
  warnings: string[];
}

// ------------------------------------------------------------------------------------------------ numbering

interface Level {
  start: number;
  fmt: string;
  text: string;
  /** Restart this level after a change of level (restart-1); default: after any higher level. */
  restart: number | null;
  isLgl: boolean;
}

interface NumDef {
  abstractId: string;
  /** Level definitions and start overrides from w:lvlOverride. */
  overrides: Map<number, { start?: number; level?: Level }>;
}

function parseLevel(lvl: XmlNode): Level {
  const start = Number.parseInt(attr(childNamed(lvl, "start"), "val") ?? "1", 10);
  const restartRaw = attr(childNamed(lvl, "lvlRestart"), "val");
  return {
    start: Number.isFinite(start) ? start : 1,
    fmt: attr(childNamed(lvl, "numFmt"), "val") ?? "decimal",
    text: attr(childNamed(lvl, "lvlText"), "val") ?? "",
    restart: restartRaw === undefined ? null : Number.parseInt(restartRaw, 10),
    isLgl: childNamed(lvl, "isLgl") !== undefined,
  };
}

function toRoman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, "M"],
    [900, "CM"],
    [500, "D"],
    [400, "CD"],
    [100, "C"],
    [90, "XC"],
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

function toLetters(n: number): string {
  if (n <= 0) return String(n);
  // Word: a…z, aa…zz, aaa… (repeated letter).
  const letter = String.fromCharCode(0x61 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case "lowerLetter":
      return toLetters(n);
    case "upperLetter":
      return toLetters(n).toUpperCase();
    case "lowerRoman":
      return toRoman(n).toLowerCase();
    case "upperRoman":
      return toRoman(n);
    case "decimalZero":
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case "none":
      return "";
    default:
      return String(n);
  }
}

/** Bullet glyphs (often Symbol/Wingdings private-use code points) → "-" at the first level, "+" below. */
function bulletText(lvlText: string, ilvl: number): string {
  const t = lvlText.trim();
  if (t === "-" || t === "+" || t === "*" || t === "–") return t === "–" ? "-" : t;
  return ilvl === 0 ? "-" : "+";
}

class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, NumDef>();
  /** Counters per list (abstract numbering, or the num instance when it overrides start values). */
  private readonly counters = new Map<string, number[]>();
  private readonly startedNums = new Set<string>();
  /** abstractNum that only links to a numbering style (w:numStyleLink) → the abstractNum defining the levels. */
  private readonly aliasOf = new Map<string, string>();

  constructor(xml: string | undefined, numberingStyles: Map<string, string> = new Map()) {
    if (!xml) return;
    const root = parseXmlTree(xml);
    const numbering = root.children.find((c) => localName(c.name) === "numbering");
    if (!numbering) return;
    for (const an of childrenNamed(numbering, "abstractNum")) {
      const id = attr(an, "abstractNumId");
      if (id === undefined) continue;
      const levels = new Map<number, Level>();
      for (const lvl of childrenNamed(an, "lvl")) {
        const ilvl = Number.parseInt(attr(lvl, "ilvl") ?? "0", 10);
        levels.set(ilvl, parseLevel(lvl));
      }
      this.abstracts.set(id, levels);
      const link = attr(childNamed(an, "numStyleLink"), "val");
      if (link && levels.size === 0) this.aliasOf.set(id, link);
    }
    for (const num of childrenNamed(numbering, "num")) {
      const id = attr(num, "numId");
      const abstractId = attr(childNamed(num, "abstractNumId"), "val");
      if (id === undefined || abstractId === undefined) continue;
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of childrenNamed(num, "lvlOverride")) {
        const ilvl = Number.parseInt(attr(o, "ilvl") ?? "0", 10);
        const so = attr(childNamed(o, "startOverride"), "val");
        const lvl = childNamed(o, "lvl");
        const entry: { start?: number; level?: Level } = {};
        if (so !== undefined) entry.start = Number.parseInt(so, 10);
        if (lvl) entry.level = parseLevel(lvl);
        overrides.set(ilvl, entry);
      }
      this.nums.set(id, { abstractId, overrides });
    }
    // Resolve list-style links: abstractNum(numStyleLink=S) → style S → num → abstractNum(styleLink=S).
    for (const [id, styleId] of [...this.aliasOf]) {
      const numId = numberingStyles.get(styleId);
      const target = numId ? this.nums.get(numId)?.abstractId : undefined;
      if (target && target !== id && this.abstracts.has(target)) {
        this.abstracts.set(id, this.abstracts.get(target)!);
        this.aliasOf.set(id, target);
      } else this.aliasOf.delete(id);
    }
  }

  private level(num: NumDef, ilvl: number): Level | undefined {
    return num.overrides.get(ilvl)?.level ?? this.abstracts.get(num.abstractId)?.get(ilvl);
  }

  /** The label of the next paragraph of list `numId` at level `ilvl` ("1.2.", "a)", "-"), or "" when none. */
  next(numId: string, ilvl: number): string {
    const num = this.nums.get(numId);
    if (!num) return "";
    ilvl = Math.max(0, Math.min(8, ilvl));
    const lvl = this.level(num, ilvl);
    if (!lvl) return "";
    const hasStartOverride = [...num.overrides.values()].some((o) => o.start !== undefined);
    const key = hasStartOverride ? `num:${numId}` : `abs:${this.aliasOf.get(num.abstractId) ?? num.abstractId}`;
    let counters = this.counters.get(key);
    if (!counters || (hasStartOverride && !this.startedNums.has(numId))) {
      counters = new Array(9).fill(Number.NaN);
      this.counters.set(key, counters);
      this.startedNums.add(numId);
    }
    const startOf = (l: number) => num.overrides.get(l)?.start ?? this.level(num, l)?.start ?? 1;
    counters[ilvl] = Number.isNaN(counters[ilvl]!) ? startOf(ilvl) : counters[ilvl]! + 1;
    // Deeper levels restart when a shallower one advances (unless lvlRestart says otherwise).
    for (let l = ilvl + 1; l < 9; l++) {
      const dl = this.level(num, l);
      const restartAfter = dl?.restart;
      if (restartAfter === 0) continue;
      if (restartAfter === null || restartAfter === undefined || ilvl < restartAfter) counters[l] = Number.NaN;
    }
    if (lvl.fmt === "bullet") {
      // The first bullet level of a list is "-", bullets nested under it are "+".
      let depth = 0;
      for (let l = 0; l < ilvl; l++) if (this.level(num, l)?.fmt === "bullet") depth++;
      return bulletText(lvl.text, depth);
    }
    if (lvl.fmt === "none") return lvl.text.replace(/%[1-9]/g, "").trim();
    return lvl.text.replace(/%([1-9])/g, (_m, d: string) => {
      const l = Number(d) - 1;
      const v = counters![l];
      const value = v === undefined || Number.isNaN(v) ? startOf(l) : v;
      const fmt = lvl.isLgl ? "decimal" : (this.level(num, l)?.fmt ?? "decimal");
      return formatNumber(value, fmt === "bullet" ? "decimal" : fmt);
    });
  }
}

// ------------------------------------------------------------------------------------------------ styles

interface StyleNum {
  numId?: string;
  ilvl?: number;
  basedOn?: string;
}

function parseStyles(xml: string | undefined): { styles: Map<string, StyleNum>; numberingStyles: Map<string, string> } {
  const styles = new Map<string, StyleNum>();
  const numberingStyles = new Map<string, string>();
  if (!xml) return { styles, numberingStyles };
  const root = parseXmlTree(xml);
  const top = root.children.find((c) => localName(c.name) === "styles");
  if (!top) return { styles, numberingStyles };
  for (const st of childrenNamed(top, "style")) {
    const type = attr(st, "type");
    const id = attr(st, "styleId");
    if (!id) continue;
    if (type === "numbering") {
      const pPr = childNamed(st, "pPr");
      const numId = attr(childNamed(pPr ? (childNamed(pPr, "numPr") ?? pPr) : st, "numId"), "val");
      if (numId) numberingStyles.set(id, numId);
      continue;
    }
    if (type !== "paragraph") continue;
    const entry: StyleNum = {};
    const basedOn = attr(childNamed(st, "basedOn"), "val");
    if (basedOn) entry.basedOn = basedOn;
    const pPr = childNamed(st, "pPr");
    const numPr = pPr ? childNamed(pPr, "numPr") : undefined;
    if (numPr) {
      const numId = attr(childNamed(numPr, "numId"), "val");
      const ilvl = attr(childNamed(numPr, "ilvl"), "val");
      if (numId !== undefined) entry.numId = numId;
      if (ilvl !== undefined) entry.ilvl = Number.parseInt(ilvl, 10);
    }
    styles.set(id, entry);
  }
  return { styles, numberingStyles };
}

function styleNumbering(styles: Map<string, StyleNum>, styleId: string): { numId?: string; ilvl?: number } {
  const out: { numId?: string; ilvl?: number } = {};
  let id: string | undefined = styleId;
  for (let guard = 0; id && guard < 20; guard++) {
    const s = styles.get(id);
    if (!s) break;
    if (out.numId === undefined && s.numId !== undefined) out.numId = s.numId;
    if (out.ilvl === undefined && s.ilvl !== undefined) out.ilvl = s.ilvl;
    id = s.basedOn;
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ document

interface Para {
  parts: string[];
  numId?: string;
  ilvl?: number;
  styleId?: string;
  /** Paragraphs from text boxes anchored in this paragraph, emitted after it. */
  deferred: string[];
}

interface Cell {
  paras: string[];
  span: number;
  vmerge: "restart" | "continue" | null;
}

interface Table {
  rows: Cell[][];
  gridBefore: number;
}

type Container = { kind: "body"; out: string[] } | { kind: "cell"; cell: Cell } | { kind: "txbx"; paras: string[] };

const SKIP = new Set([
  "instrText",
  "delText",
  "del",
  "moveFrom",
  "pPrChange",
  "rPrChange",
  "tblPrChange",
  "trPrChange",
]);
const SKIP_TC = new Set(["tcPrChange", "sectPrChange", "numberingChange", "footnoteReference", "endnoteReference"]);

function normaliseLine(s: string): string {
  return s
    .replace(/[\u00a0\u2007\u202f\u200b\u00ad]/g, (c) =>
      c === "\u00a0" || c === "\u2007" || c === "\u202f" ? " " : "",
    )
    .replace(/[ \t]+/g, " ")
    .trim();
}

function renderTable(t: Table): string[] {
  const grid: string[][] = [];
  const cellParas: string[][][] = [];
  for (const row of t.rows) {
    const texts: string[] = [];
    const paras: string[][] = [];
    for (const c of row) {
      const ps = c.vmerge === "continue" ? [] : c.paras.map(normaliseLine).filter((p) => p !== "");
      texts.push(ps.join(" "));
      paras.push(ps);
      for (let k = 1; k < c.span; k++) {
        texts.push("");
        paras.push([]);
      }
    }
    grid.push(texts);
    cellParas.push(paras);
  }
  const nonEmpty = grid.filter((r) => r.some((c) => c !== ""));
  if (nonEmpty.length === 0) return [];
  const cols = Math.max(...grid.map((r) => r.length));
  // Layout tables (the national-emblem header block, the "Nơi nhận / signature" block): read column by column.
  const isLayout =
    cols <= 3 &&
    nonEmpty.length <= 4 &&
    !grid.some((r) => r.filter((c) => isTaskHeaderCell(c)).length >= 2) &&
    cellParas.some((r) => r.some((ps) => ps.length >= 2));
  if (isLayout) {
    const lines: string[] = [];
    for (let c = 0; c < cols; c++) for (const r of cellParas) for (const p of r[c] ?? []) lines.push(p);
    return lines;
  }
  return nonEmpty.map((r) => r.join("\t"));
}

export function readDocx(bytes: Uint8Array, limits?: ZipLimits): DocxResult {
  const zip = new ZipArchive(bytes, limits);
  const mainPart = findMainPart(zip);
  if (!mainPart) {
    if (zip.find("xl/workbook.xml")) throw unreadable("UNSUPPORTED", "(tệp là bảng tính Excel nhưng mang đuôi .docx)");
    throw unreadable("UNSUPPORTED", "(không tìm thấy nội dung văn bản Word trong tệp)");
  }
  const xml = zip.readText(mainPart);
  if (xml === undefined) throw unreadable("TRUNCATED");
  const { styles, numberingStyles } = parseStyles(zip.readText("word/styles.xml"));
  const numbering = new Numbering(zip.readText("word/numbering.xml"), numberingStyles);
  const warnings: string[] = [];
  return { text: documentText(xml, numbering, styles), warnings };
}

function findMainPart(zip: ZipArchive): string | undefined {
  const ct = zip.readText("[Content_Types].xml");
  if (ct) {
    const m =
      /PartName="\/([^"]+)"\s+ContentType="application\/vnd\.(?:openxmlformats-officedocument\.wordprocessingml\.document|ms-word\.document\.macroEnabled|openxmlformats-officedocument\.wordprocessingml\.template)\.main\+xml"/.exec(
        ct,
      );
    if (m && zip.find(m[1]!)) return zip.find(m[1]!)!.name;
  }
  return zip.find("word/document.xml")?.name;
}

function documentText(xml: string, numbering: Numbering, styles: Map<string, StyleNum>): string {
  const out: string[] = [];
  const containers: Container[] = [{ kind: "body", out }];
  const paras: Para[] = [];
  const tables: Table[] = [];
  let row: Cell[] | null = null;
  // Rows of enclosing tables while a nested table is read.
  const rowStack: (Cell[] | null)[] = [];
  let skip = 0;
  let fallback = 0;
  const fields: ("instr" | "result")[] = [];
  let inT = false;
  let inPPr = 0;
  let inNumPr = false;
  let inTcPr = false;
  let inTrPr = false;
  let wp = "w";

  const deliver = (lines: string[]) => {
    const top = containers[containers.length - 1]!;
    if (top.kind === "body") top.out.push(...lines);
    else if (top.kind === "cell") top.cell.paras.push(...lines);
    else top.paras.push(...lines);
  };

  const isW = (name: string) => {
    const c = name.indexOf(":");
    return c < 0 ? wp === "" : name.slice(0, c) === wp;
  };

  scanXml(xml, {
    open(name, lazyAttrs, selfClosing) {
      const local = localName(name);
      if (local === "document" && paras.length === 0) {
        const attrs = lazyAttrs();
        for (const k in attrs) {
          if (k.startsWith("xmlns") && /wordprocessingml\/(?:2006\/)?main$/.test(attrs[k]!)) {
            wp = k === "xmlns" ? "" : k.slice(6);
          }
        }
      }
      if (name.endsWith(":Fallback") || name === "Fallback") {
        if (!selfClosing) fallback++;
        return;
      }
      if (fallback > 0) return;
      if (!isW(name) && local !== "txbxContent") return;
      if (SKIP.has(local) || SKIP_TC.has(local)) {
        if (!selfClosing) skip++;
        return;
      }
      if (skip > 0) return;
      const para = paras[paras.length - 1];
      switch (local) {
        case "p":
          if (!selfClosing) paras.push({ parts: [], deferred: [] });
          else deliver([]);
          return;
        case "pPr":
          if (!selfClosing) inPPr++;
          return;
        case "numPr":
          inNumPr = inPPr > 0 && !selfClosing;
          return;
        case "numId":
          if (para && inNumPr) para.numId = attrOf(lazyAttrs(), "val");
          return;
        case "ilvl":
          if (para && inNumPr) para.ilvl = Number.parseInt(attrOf(lazyAttrs(), "val") ?? "0", 10);
          return;
        case "pStyle":
          if (para && inPPr) para.styleId = attrOf(lazyAttrs(), "val");
          return;
        case "t":
          inT = !selfClosing;
          return;
        case "tab":
          if (para && inPPr === 0) para.parts.push("\t");
          return;
        case "br":
        case "cr":
          if (para && fields[fields.length - 1] !== "instr") para.parts.push("\n");
          return;
        case "noBreakHyphen":
          if (para) para.parts.push("-");
          return;
        case "sym": {
          const ch = attrOf(lazyAttrs(), "char");
          if (para && ch) {
            const cp = Number.parseInt(ch, 16);
            // Symbol-font bullets live in the private-use area: render as "-".
            para.parts.push(cp >= 0xf000 ? "-" : String.fromCodePoint(cp || 0x20));
          }
          return;
        }
        case "fldChar": {
          const t = attrOf(lazyAttrs(), "fldCharType");
          if (t === "begin") fields.push("instr");
          else if (t === "separate") {
            if (fields.length) fields[fields.length - 1] = "result";
          } else if (t === "end") fields.pop();
          return;
        }
        case "tbl":
          if (!selfClosing) {
            tables.push({ rows: [], gridBefore: 0 });
            rowStack.push(row);
            row = null;
          }
          return;
        case "tr":
          if (!selfClosing) row = [];
          return;
        case "trPr":
          inTrPr = !selfClosing;
          return;
        case "gridBefore":
          if (inTrPr && row) {
            const n = Math.min(50, Number.parseInt(attrOf(lazyAttrs(), "val") ?? "0", 10) || 0);
            for (let k = 0; k < n; k++) row.push({ paras: [], span: 1, vmerge: null });
          }
          return;
        case "tc": {
          if (selfClosing) return;
          const cell: Cell = { paras: [], span: 1, vmerge: null };
          row ??= [];
          row.push(cell);
          containers.push({ kind: "cell", cell });
          return;
        }
        case "tcPr":
          inTcPr = !selfClosing;
          return;
        case "gridSpan": {
          const top = containers[containers.length - 1];
          if (inTcPr && top?.kind === "cell") {
            top.cell.span = Math.max(1, Math.min(64, Number.parseInt(attrOf(lazyAttrs(), "val") ?? "1", 10) || 1));
          }
          return;
        }
        case "vMerge": {
          const top = containers[containers.length - 1];
          if (inTcPr && top?.kind === "cell")
            top.cell.vmerge = attrOf(lazyAttrs(), "val") === "restart" ? "restart" : "continue";
          return;
        }
        case "txbxContent":
          if (!selfClosing) containers.push({ kind: "txbx", paras: [] });
          return;
      }
    },
    close(name) {
      const local = localName(name);
      if (name.endsWith(":Fallback") || name === "Fallback") {
        fallback = Math.max(0, fallback - 1);
        return;
      }
      if (fallback > 0) return;
      if (!isW(name) && local !== "txbxContent") return;
      if (SKIP.has(local) || SKIP_TC.has(local)) {
        skip = Math.max(0, skip - 1);
        return;
      }
      if (skip > 0) return;
      switch (local) {
        case "t":
          inT = false;
          return;
        case "pPr":
          inPPr = Math.max(0, inPPr - 1);
          return;
        case "numPr":
          inNumPr = false;
          return;
        case "p": {
          const p = paras.pop();
          if (!p) return;
          let numId = p.numId;
          let ilvl = p.ilvl;
          if (numId === undefined && p.styleId) {
            const sn = styleNumbering(styles, p.styleId);
            numId = sn.numId;
            ilvl ??= sn.ilvl;
          }
          const label = numId && numId !== "0" ? numbering.next(numId, ilvl ?? 0) : "";
          const inTable = containers[containers.length - 1]!.kind === "cell";
          const lines = p.parts
            .join("")
            .split("\n")
            .map((l) => normaliseLine(inTable ? l : l.replace(/\t/g, " ")))
            .filter((l) => l !== "");
          if (label && lines.length > 0) lines[0] = `${label} ${lines[0]}`;
          deliver([...lines, ...p.deferred]);
          return;
        }
        case "trPr":
          inTrPr = false;
          return;
        case "tcPr":
          inTcPr = false;
          return;
        case "tc": {
          const top = containers[containers.length - 1];
          if (top?.kind === "cell") containers.pop();
          return;
        }
        case "tr": {
          const t = tables[tables.length - 1];
          if (t && row) t.rows.push(row);
          row = null;
          return;
        }
        case "tbl": {
          const t = tables.pop();
          if (!t) return;
          row = rowStack.pop() ?? null;
          const top = containers[containers.length - 1]!;
          if (top.kind === "cell") {
            // Nested table: its text joins the enclosing cell.
            const text = t.rows
              .flatMap((r) => r.map((c) => c.paras.map(normaliseLine).filter(Boolean).join(" ")))
              .filter(Boolean)
              .join(" ");
            if (text) top.cell.paras.push(text);
          } else deliver(renderTable(t));
          return;
        }
        case "txbxContent": {
          const top = containers[containers.length - 1];
          if (top?.kind !== "txbx") return;
          containers.pop();
          const para = paras[paras.length - 1];
          if (para) para.deferred.push(...top.paras);
          else deliver(top.paras);
          return;
        }
      }
    },
    text(t) {
      if (!inT || skip > 0 || fallback > 0) return;
      if (fields[fields.length - 1] === "instr") return;
      const para = paras[paras.length - 1];
      if (para) para.parts.push(t);
    },
  });
  return out.join("\n");
}
