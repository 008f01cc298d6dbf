/**
 * Tasks in the three layouts of the contract:
 * - numbered items with "Đơn vị chủ trì / Đơn vị phối hợp / Thời gian thực hiện" lines (also topic heading + body);
 * - an appendix table (STT | Nhiệm vụ | Sản phẩm | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian);
 * - duties listed per unit under "Tổ chức thực hiện".
 */
import type { PlanGroup, PlanTask, Timeframe } from "../../core/plan-v1.js";
import type { Line } from "./lines.js";
import { foldSlice, trimEndOf } from "./perf-text.js";
import { capitalizeFirst, cleanField, collapse, fold, type Piece, trimRange, upperRatio } from "./text-utils.js";
import { inlineTimeframe, parseTimeframe, unspecifiedTimeframe } from "./timeframe.js";
import { headAt, partnersIn, readUnitsAt, splitUnits } from "./units.js";

export interface TaskDraft {
  task: PlanTask;
  spans: Record<string, Piece>;
}

export interface GroupDraft {
  group: PlanGroup;
  span: Piece | null;
}

export interface LayoutResult {
  tasks: TaskDraft[];
  groups: GroupDraft[];
}

type LabelKind = "lead" | "support" | "time" | "product" | "task";

const LABELS: [LabelKind, RegExp][] = [
  [
    "lead",
    /^(?:(?:\S{0,3}on\s+v\S{1,2}|c\S{1,2}\s+qu\S{1,2}n|b\S{1,2}\s+ph\S{1,2}n)\s+)?(?:ch\S{0,2}\s+tr\S{1,2}|ch\S{1,2}\s+tr\S{1,2}\s+th\S{1,2}c\s+hi\S{1,3}n)\s*(?::|\.|-|$)|^(?:\S{0,3}on\s+v\S{1,2}|c\S{1,2}\s+qu\S{1,2}n)\s+ch\S{0,2}\s+tr\S{1,2}\b/,
  ],
  ["support", /^(?:\S{0,3}on\s+v\S{1,2}?|c\S{1,2}\s+qu\S{1,2}n)\s*ph\S{1,4}\s+h\S{1,3}p\b|^ph\S{1,4}\s+h\S{1,3}p\s*:/],
  // "Đơn vị thực hiện:" / "Cơ quan thực hiện:" — the performer, when the plan names no "chủ trì"
  ["lead", /^(?:\S{0,3}on\s+v\S{1,2}|c\S{1,2}\s+qu\S{1,2}n)\s+th\S{1,2}c\s+hi\S{1,3}n\s*(?::|-|$)/],
  [
    "time",
    /^(?:th\S{1,3}\s+gi\S{1,2}n|th\S{1,3}\s+h\S{1,2}n|ti\S{1,2}n\s+d\S{1,2})(?:\s+(?:th\S{1,3}\s*h\S{1,4}n|ho\S{1,2}n\s+th\S{1,3}nh|tri\S{1,2}n\s+khai))?\s*(?::|\.|-|$)|^th\S{1,3}\s+gi\S{1,2}n\s+th\S{1,3}\s+h\S{1,4}n\b/,
  ],
  ["product", /^(?:s\S{1,2}n\s+ph\S{1,2}m|k\S{1,2}t\s+qu\S{1,2}(?:\s+d\S{1,2}u\s+ra)?)(?:\s+d\S{1,2}u\s+ra)?\s*:/],
  ["task", /^(?:nhi\S{1,2}m\s+v\S{1,2}|n\S{1,2}i\s+dung)(?:\s+c\S\s+th\S)?\s*:/],
];

/** The label opening a line, on the line's folded text. */
function labelOfFolded(f: string): { kind: LabelKind; valueOffset: number } | null {
  for (const [kind, re] of LABELS) {
    const m = re.exec(f);
    if (!m) continue;
    let off = m[0].length;
    const colon = f.slice(off, off + 25).indexOf(":");
    if (colon >= 0 && !/[.;]/.test(f.slice(off, off + colon))) off += colon + 1;
    while (off < f.length && /[\s:.\-–]/.test(f[off]!)) off++;
    return { kind, valueOffset: off };
  }
  return null;
}

const bodyOf = (l: Line, src: string) => src.slice(l.bodyStart, l.end);
/** fold(bodyOf(l, src)), from the line's fold */
const bodyFoldOf = (l: Line) => foldSlice(l.text, l.f, l.bodyStart - l.start);

/** Labels on one line: usually one ("- Đơn vị chủ trì: …"), sometimes several ("Chủ trì: X; phối hợp: Y; thời gian: Z"). */
function labelsOnLine(
  body: string,
  fb: string = fold(body),
): { kind: LabelKind; valueStart: number; valueEnd: number }[] {
  const first = labelOfFolded(fb);
  if (!first) return [];
  const out: { kind: LabelKind; valueStart: number; valueEnd: number }[] = [];
  let cur = { kind: first.kind, valueStart: first.valueOffset };
  const sep = /[;.]\s+|\s+-\s+/g;
  sep.lastIndex = first.valueOffset;
  for (let m = sep.exec(body); m; m = sep.exec(body)) {
    const k = m.index + m[0].length;
    const next = labelOfFolded(foldSlice(body, fb, k));
    if (!next || next.kind === cur.kind) continue;
    out.push({ ...cur, valueEnd: m.index });
    cur = { kind: next.kind, valueStart: m.index + m[0].length + next.valueOffset };
    sep.lastIndex = cur.valueStart;
  }
  out.push({ ...cur, valueEnd: body.length });
  return out;
}

/**
 * Labels written on a numbered item's own line, after its title: "… (Cơ quan chủ trì: X; thời gian: Y)" or
 * "… . Chủ trì thực hiện: X; phối hợp: Y". Only a lead/support/time label followed by ":" opens them.
 */
function inlineLabels(
  body: string,
  folded?: string,
): { titleEnd: number; labels: ReturnType<typeof labelsOnLine> } | null {
  if (body.length > 4000) return null;
  const f = folded ?? fold(body);
  const at = /\(\s*|[.;:]\s+|\s+[-–]\s+/g;
  for (let m = at.exec(f); m; m = at.exec(f)) {
    const pos = m.index + m[0].length;
    if (pos < 8) continue;
    const rest = f.slice(pos);
    if (!/^[^:;.()]{2,40}:/.test(rest)) continue;
    const lab = labelOfFolded(foldSlice(body, f, pos, pos + 160));
    if (!lab || (lab.kind !== "lead" && lab.kind !== "support" && lab.kind !== "time")) continue;
    const paren = m[0].startsWith("(");
    let end = body.length;
    if (paren) {
      const close = body.indexOf(")", pos);
      if (close >= 0) end = close;
    }
    const seg = body.slice(pos, end);
    const labels = labelsOnLine(seg, foldSlice(body, f, pos, end)).map((x) => ({
      ...x,
      valueStart: x.valueStart + pos,
      valueEnd: x.valueEnd + pos,
    }));
    let titleEnd = m.index;
    while (titleEnd > 0 && /[\s(.;:,\-–]/.test(body[titleEnd - 1]!)) titleEnd--;
    return { titleEnd, labels };
  }
  return null;
}

function titlePiece(src: string, start: number, end: number): Piece {
  const [a, b] = trimRange(src, start, end);
  const text = capitalizeFirst(cleanField(src.slice(a, b)));
  return { text, start: a, end: b };
}

function unitsSpans(prefix: string, units: Piece[], spans: Record<string, Piece>): string[] {
  units.forEach((u, i) => {
    spans[`${prefix}.${i}`] = u;
  });
  return units.map((u) => u.text);
}

/** Numbered items carrying label lines. */
export function numberedTasks(src: string, lines: Line[], from: number, to: number): LayoutResult {
  interface Item {
    line: Line;
    ref: string;
    section: string | null;
    labels: Partial<Record<LabelKind, Piece>>;
    detail: Line[];
    /** Where the title ends: the line's end, or where inline labels begin. */
    titleEnd: number;
    /** A lettered item's enclosing group (its numbered parent, else its section). */
    parent?: { ref: string; title: Piece | null };
  }
  const items: Item[] = [];
  let section: string | null = null;
  let sectionTitle: Piece | null = null;
  const sectionTitles = new Map<string, Piece>();
  let last: Item | null = null;
  let lastLabel: LabelKind | null = null;
  // the numbered item lettered items ("a) … Cơ quan chủ trì: X; …") stand under
  let numberedParent: Item | null = null;
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (l.kind === "section") {
      section = l.ref;
      sectionTitle = titlePiece(src, l.bodyStart, l.end);
      if (section) sectionTitles.set(section, sectionTitle);
      last = null;
      numberedParent = null;
      continue;
    }
    if (l.kind === "row") continue;
    if (l.kind === "lettered" && lastLabel !== "task" && !labelOfFolded(bodyFoldOf(l))) {
      // "a) Xây dựng … . Cơ quan chủ trì: X; cơ quan phối hợp: Y; thời gian: Z." — a task paragraph under a
      // numbered topic; ref = <section>.<topic no>.<letter> (the printed path, as for per-unit lettered duties)
      const inl = inlineLabels(bodyOf(l, src), bodyFoldOf(l));
      if (inl?.labels.some((x) => x.kind === "lead")) {
        const p = numberedParent;
        const pref = p ? (p.section && !p.ref.includes(".") ? `${p.section}.${p.ref}` : p.ref) : section;
        const item: Item = {
          line: l,
          ref: pref ? `${pref}.${l.ref}` : l.ref!,
          section,
          labels: {},
          detail: [],
          titleEnd: l.bodyStart + inl.titleEnd,
          parent: pref
            ? { ref: pref, title: p ? titlePiece(src, p.line.bodyStart, p.titleEnd) : (sectionTitle ?? null) }
            : undefined,
        };
        for (const lab of inl.labels) {
          const vs = l.bodyStart + lab.valueStart;
          const ve = l.bodyStart + lab.valueEnd;
          item.labels[lab.kind] = { text: src.slice(vs, ve), start: vs, end: ve };
        }
        items.push(item);
        last = null;
        lastLabel = null;
        continue;
      }
    }
    if (l.kind === "numbered" && !l.caps) {
      last = { line: l, ref: l.ref!, section, labels: {}, detail: [], titleEnd: l.end };
      items.push(last);
      numberedParent = last;
      lastLabel = null;
      // "1.1. Rà soát … (Cơ quan chủ trì: X; phối hợp: Y; thời gian hoàn thành: Z)." — labels on the item's own line
      const inl = inlineLabels(bodyOf(l, src), bodyFoldOf(l));
      if (inl) {
        last.titleEnd = l.bodyStart + inl.titleEnd;
        for (const lab of inl.labels) {
          const vs = l.bodyStart + lab.valueStart;
          const ve = l.bodyStart + lab.valueEnd;
          last.labels[lab.kind] = { text: src.slice(vs, ve), start: vs, end: ve };
          lastLabel = lab.kind;
        }
      }
      continue;
    }
    if (!last) continue;
    const body = bodyOf(l, src);
    const labs = labelsOnLine(body, bodyFoldOf(l));
    if (labs.length > 0) {
      for (const lab of labs) {
        const vs = l.bodyStart + lab.valueStart;
        const ve = l.bodyStart + lab.valueEnd;
        // "Đơn vị thực hiện" names the lead only when no "chủ trì" label did
        if (
          lab.kind === "lead" &&
          last.labels.lead &&
          /th\S{1,2}c\s+hi\S{1,3}n\s*:?\s*$/.test(fold(body.slice(0, lab.valueStart)))
        )
          continue;
        last.labels[lab.kind] = { text: src.slice(vs, ve), start: vs, end: ve };
        lastLabel = lab.kind;
      }
      continue;
    }
    if (lastLabel === "task" || (lastLabel === null && (l.kind === "bullet" || l.kind === "subbullet"))) {
      last.detail.push(l);
    }
  }
  const tasks: TaskDraft[] = [];
  const groups = new Map<string, GroupDraft>();
  const byRef = new Map(items.map((it) => [it.ref, it]));
  for (const it of items) {
    const { lead, support, time, product } = it.labels;
    if (!lead && !time && !support) continue;
    const spans: Record<string, Piece> = {};
    const title = titlePiece(src, it.line.bodyStart, it.titleEnd);
    spans.title = title;
    let leadUnits = lead ? splitUnits(lead.text, { base: lead.start }) : [];
    let supportUnits = support ? splitUnits(support.text, { base: support.start }) : [];
    if (lead && !support) {
      // "Đơn vị thực hiện: Sở X chủ trì, phối hợp Sở Y, Sở Z" — one label naming both
      const asg = assignmentUnits(lead.text, lead.start);
      if (asg && asg.support.length > 0) {
        leadUnits = asg.lead;
        supportUnits = asg.support;
      }
    }
    const tf = time ? parseTimeframe(time.text) : unspecifiedTimeframe();
    if (time) spans["timeframe.text"] = { text: tf.text ?? "", start: time.start, end: time.end };
    let groupRef: string | null = null;
    const parentRef = it.ref.includes(".") ? it.ref.slice(0, it.ref.lastIndexOf(".")) : null;
    const parent = parentRef ? byRef.get(parentRef) : undefined;
    if (it.parent) {
      groupRef = it.parent.ref;
      const pt = it.parent.title;
      if (!groups.has(groupRef) && pt) {
        const text = upperRatio(pt.text) >= 0.8 ? capitalizeFirst(pt.text.toLocaleLowerCase("vi")) : pt.text;
        groups.set(groupRef, { group: { ref: groupRef, title: text }, span: pt });
      }
    } else if (parent && parentRef) {
      groupRef = parentRef;
      if (!groups.has(parentRef)) {
        const gt = titlePiece(src, parent.line.bodyStart, parent.line.end);
        groups.set(parentRef, { group: { ref: parentRef, title: gt.text }, span: gt });
      }
    } else if (it.section) {
      groupRef = it.section;
      const st = sectionTitles.get(it.section);
      if (!groups.has(it.section) && st) {
        groups.set(it.section, {
          group: { ref: it.section, title: capitalizeFirst(st.text.toLocaleLowerCase("vi")) },
          span: st,
        });
      }
    }
    let detail: string | null = null;
    if (it.labels.task || it.detail.length > 0) {
      const parts = [it.labels.task?.text ?? "", ...it.detail.map((d) => bodyOf(d, src))].map((x) => cleanField(x));
      detail = parts.filter(Boolean).join("; ") || null;
    }
    const task: PlanTask = {
      ref: it.ref,
      group: groupRef,
      title: title.text,
      lead: unitsSpans("lead", leadUnits, spans),
      support: unitsSpans("support", supportUnits, spans).filter(Boolean),
      product: product ? cleanField(product.text) || null : null,
      timeframe: tf,
    };
    if (detail) task.detail = detail;
    if (product) spans.product = product;
    tasks.push({ task, spans });
  }
  return { tasks, groups: [...groups.values()] };
}

export type Column = "stt" | "title" | "product" | "lead" | "support" | "time";

export function classifyHeader(cell: string): Column | null {
  const f = fold(cell);
  if (/^(?:stt|tt|so\s+tt|s\.tt)\b/.test(f.trim())) return "stt";
  if (
    /ch\S{1,2}\s+tr\S|(?:\S{1,2}n\s+v\S|c\S{1,2}\s+quan)\s+(?:th\S{1,3}\s+hi\S{1,3}n|ch\S{1,2}u\s+tr\S{1,3}ch\s+nhi\S{1,3}m)/.test(
      f,
    )
  )
    return "lead";
  if (/ph\S{1,4}\s+h\S{1,2}p/.test(f)) return "support";
  if (/th\S{1,3}\s+gi\S{1,2}n|ti\S{1,2}n\s+d\S|th\S{1,3}\s+h\S{1,2}n|th\S{1,3}\s+k\S{1,2}/.test(f)) return "time";
  if (/s\S{1,2}n\s+ph\S{1,2}m|k\S{1,2}t\s+qu\S/.test(f)) return "product";
  if (/nhi\S{1,2}m\s+v\S|n\S{1,2}i\s+dung|ho\S{1,2}t\s+d\S{1,2}ng|gi\S{1,2}i\s+ph\S{1,2}p|t\S{1,2}n\b/.test(f))
    return "title";
  return null;
}

function cellsOf(l: Line): Piece[] {
  const out: Piece[] = [];
  let pos = l.start;
  for (const c of l.text.split("\t")) {
    out.push({ text: c, start: pos, end: pos + c.length });
    pos += c.length + 1;
  }
  return out;
}

/** Inline bullets inside a table cell ("- A. - B.") are not part of the text. */
function cellText(s: string): string {
  return cleanField(s.replace(/(^|[.;:]\s+)[-–+•]\s+/gu, "$1"));
}

const SECTION_TOKEN = /^\s*([IVX]{1,5}|[A-ZĐ])\s*[.)]?\s*$/u;
const SECTION_INLINE = /^\s*([IVX]{1,5}|[A-ZĐ])\s*[.)]\s+(\S.*)$/u;

/**
 * A table row that heads a section: a roman numeral or a capital letter in the STT column and a title, the other
 * cells empty ("I | HOÀN THIỆN THỂ CHẾ | | | |"), or the whole heading in the first cell ("A. NHIỆM VỤ TRỌNG TÂM").
 */
function sectionRow(cells: Piece[], sttCol: number, titleCol: number): { ref: string; title: Piece } | null {
  const first = Math.max(sttCol, 0);
  const c0 = cells[first];
  if (!c0) return null;
  const filled = cells.filter((c, i) => i !== first && c.text.trim() !== "");
  let ref: string | null = null;
  let title: Piece | null = null;
  const tok = SECTION_TOKEN.exec(c0.text);
  if (tok) {
    const tc = cells[titleCol >= 0 && titleCol !== first ? titleCol : first + 1];
    if (!tc || tc.text.trim() === "" || filled.length > 1) return null;
    ref = tok[1]!;
    title = tc;
  } else {
    const m = SECTION_INLINE.exec(c0.text);
    if (!m || filled.length > 0 || upperRatio(m[2]!) < 0.7) return null;
    ref = m[1]!;
    const off = c0.text.length - m[2]!.length;
    title = { text: m[2]!, start: c0.start + off, end: c0.end };
  }
  const text = capitalizeFirst(cellText(title.text).toLocaleLowerCase("vi"));
  if (!/\p{L}{2}/u.test(text)) return null;
  const [a, b] = [title.start, title.end];
  return { ref, title: { text, start: a, end: b } };
}

/** Appendix tables. */
/** A schedule column: "Quý II", "Q3", "Tháng 5", "T5" → its first and last month. */
export function markColumn(cell: string): { m1: number; m2: number } | null {
  const f = fold(cell).trim();
  const q = /^(?:quy|q)\s*(iv|i{1,3}|[1-4])$/.exec(f);
  if (q) {
    const n = ROMAN_QUARTER[q[1]!]!;
    return { m1: n * 3 - 2, m2: n * 3 };
  }
  const m = /^(?:thang|t)\s*(\d{1,2})$/.exec(f);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { m1: Number(m[1]), m2: Number(m[1]) };
  return null;
}
const ROMAN_QUARTER: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

/**
 * The timeframe of a row in a table that schedules by marks ("x") in quarter or month columns: from the first
 * marked column's first day to the last one's last day, in the plan's year.
 */
export function markedTimeframe(
  marks: { idx: number; m1: number; m2: number; label: string }[],
  cells: Piece[],
  year: number | null,
): Timeframe | null {
  const on = marks.filter((c) => /^\s*(?:x|v|\*|✓|✔|•|\+)\s*$/iu.test(cells[c.idx]?.text ?? ""));
  if (on.length === 0) return null;
  const text = on.map((c) => cleanField(c.label)).join(", ");
  const first = Math.min(...on.map((c) => c.m1));
  const last = Math.max(...on.map((c) => c.m2));
  const pad = (n: number) => String(n).padStart(2, "0");
  const start = year ? `${year}-${pad(first)}-01` : null;
  const end = year ? `${year}-${pad(last)}-${pad(new Date(Date.UTC(year, last, 0)).getUTCDate())}` : null;
  return { text, kind: "period", start, end, deadlines: [] };
}

export function tableTasks(
  src: string,
  lines: Line[],
  groupTitle: Piece | null,
  year: number | null = null,
): LayoutResult {
  const tasks: TaskDraft[] = [];
  let cols: (Column | null)[] | null = null;
  let marks: { idx: number; m1: number; m2: number; label: string }[] = [];
  // Section rows: refs become "PL.<section>.<STT>" (numbering often restarts per section), group "PL.<section>".
  let section: { ref: string; title: Piece } | null = null;
  const sections: GroupDraft[] = [];
  let unsectioned = 0;
  for (const l of lines) {
    if (l.kind !== "row") {
      continue;
    }
    const cells = cellsOf(l);
    // Header cells are short labels; a data row that happens to say "chủ trì" is not a header.
    const header = cells.map((c) => (c.text.length <= 60 ? classifyHeader(c.text) : null));
    const numbered = /^\s*\d{1,3}\.?\s*$/.test(cells[0]?.text ?? "");
    if (
      !numbered &&
      header.includes("lead") &&
      (header.includes("stt") || header.includes("title")) &&
      header.filter(Boolean).length >= 3
    ) {
      cols = header;
      marks = [];
      cells.forEach((c, idx) => {
        const mc = header[idx] ? null : markColumn(c.text);
        if (mc) marks.push({ idx, ...mc, label: c.text });
      });
      if (marks.length < 2) marks = [];
      if (!cols.includes("title")) {
        const firstFree = cols.findIndex((c, i) => c === null && i > 0);
        if (firstFree >= 0) cols[firstFree] = "title";
      }
      continue;
    }
    if (!cols) continue;
    const get = (c: Column): Piece | null => {
      const i = cols!.indexOf(c);
      return i >= 0 ? (cells[i] ?? null) : null;
    };
    const stt = get("stt");
    const sttText = stt ? stt.text.trim().replace(/\.$/, "") : "";
    // A section row ("I | HOÀN THIỆN THỂ CHẾ | | |", "A. NHIỆM VỤ TRỌNG TÂM | | |"): groups the rows below it.
    const sec = sectionRow(cells, cols.indexOf("stt"), cols.indexOf("title"));
    if (sec) {
      section = { ref: `PL.${sec.ref}`, title: sec.title };
      sections.push({ group: { ref: section.ref, title: sec.title.text }, span: sec.title });
      continue;
    }
    if (!/^\d{1,3}(?:\.\d{1,3}){0,2}$/.test(sttText)) continue;
    const t = get("title");
    if (!t || cellText(t.text) === "") continue;
    const spans: Record<string, Piece> = {};
    const [ta, tb] = trimRange(src, t.start, t.end);
    const title = { text: capitalizeFirst(cellText(src.slice(ta, tb))), start: ta, end: tb };
    spans.title = title;
    const lead = get("lead");
    const support = get("support");
    const time = get("time");
    const product = get("product");
    const leadUnits = lead ? splitUnits(lead.text, { base: lead.start }) : [];
    const supportUnits = support ? splitUnits(support.text, { base: support.start }) : [];
    let tf: Timeframe = time ? parseTimeframe(cellText(time.text)) : unspecifiedTimeframe();
    if (tf.kind === "unspecified" && marks.length > 0) tf = markedTimeframe(marks, cells, year) ?? tf;
    if (time && tf.text) spans["timeframe.text"] = { text: tf.text, start: time.start, end: time.end };
    const productText = product ? cellText(product.text) || null : null;
    if (product && productText) spans.product = { text: productText, start: product.start, end: product.end };
    if (!section) unsectioned++;
    tasks.push({
      task: {
        ref: section ? `${section.ref}.${sttText}` : `PL.${sttText}`,
        group: section ? section.ref : "PL",
        title: title.text,
        lead: unitsSpans("lead", leadUnits, spans),
        support: unitsSpans("support", supportUnits, spans),
        product: productText,
        timeframe: tf,
      },
      spans,
    });
  }
  const groups: GroupDraft[] =
    unsectioned > 0 ? [{ group: { ref: "PL", title: groupTitle?.text ?? "Phụ lục" }, span: groupTitle }] : [];
  for (const g of sections) if (tasks.some((t) => t.task.group === g.group.ref)) groups.push(g);
  return { tasks, groups };
}

const TCTH = /^t\S{1,2}\s+ch\S{1,3}c\S{0,2}\s+th\S{1,4}\s+hi\S{1,3}\b/;
const CONTENT_SECTION = /n\S{1,2}i\s+dung|nhi\S{1,2}m\s+v\S|gi\S{1,2}i\s+ph\S{1,2}p/;

/** Parse a per-unit heading body: units + the rest of the line (an inline duty). */
function unitHeading(src: string, l: Line): { units: Piece[]; name: Piece; rest: Piece | null } | null {
  const body = bodyOf(l, src);
  const f = fold(body);
  let p = 0;
  const dn = /^(?:[dpbđ]\S{0,2}\s+ngh\S{1,2}|giao)\s+/.exec(f);
  if (dn) p = dn[0].length;
  if (!headAt(body, f, p)) return null;
  const h = headAt(body, f, p)!;
  if (h.weak) return null;
  let nameEnd = body.length;
  const colon = body.indexOf(":");
  const paren = body.indexOf("(");
  // "Văn phòng Sở là cơ quan thường trực phong trào", "… làm thường trực": the role is not part of the name
  const role = /\s(?:la|lam)\s+(?:c\S\s+quan\s+)?th\S{1,4}ng\s+tr\S{1,2}c\b/.exec(f);
  const cutAt = [colon, paren, role ? role.index : -1].filter((x) => x >= 0);
  if (cutAt.length > 0) nameEnd = Math.min(...cutAt);
  const units = readUnitsAt(body.slice(0, nameEnd), p, l.bodyStart, { semicolonSeparates: true });
  if (units.length === 0) return null;
  let lastUnit = units[units.length - 1]!;
  // A heading is a name, not a sentence: a short remainder that is not a duty verb still belongs to the last unit
  // ("… cơ sở đào tạo, tổ chức trung gian đổi mới sáng tạo").
  const remainder = body.slice(lastUnit.end - l.bodyStart, nameEnd);
  const remF = fold(remainder).trim();
  if (
    remF.length > 0 &&
    remF.split(/\s+/).length <= 6 &&
    !/^(?:chu\s+tri|tham\s+muu|thuc\s+hien|phoi\s+hop|chiu\s+trach|co\s+trach|trien\s+khai|xay\s+dung|huong\s+dan|chi\s+dao|can\s+cu|duoc\s+giao|la\s)/.test(
      remF,
    )
  ) {
    const end = l.bodyStart + nameEnd - (remainder.length - remainder.trimEnd().length);
    lastUnit = { text: collapse(src.slice(lastUnit.start, end)).replace(/[.;,:]+$/, ""), start: lastUnit.start, end };
    units[units.length - 1] = lastUnit;
  }
  const nameStart = units[0]!.start;
  const name: Piece = {
    text: collapse(src.slice(nameStart, lastUnit.end)),
    start: nameStart,
    end: lastUnit.end,
  };
  let restStart = lastUnit.end;
  if (colon >= 0 && l.bodyStart + colon >= lastUnit.end) restStart = l.bodyStart + colon + 1;
  else if (paren >= 0 && l.bodyStart + paren >= lastUnit.end) {
    const close = body.indexOf(")", paren);
    restStart = close >= 0 ? l.bodyStart + close + 1 : l.end;
  }
  const rest = cleanField(src.slice(restStart, l.end));
  return { units, name, rest: rest.length > 8 ? { text: rest, start: restStart, end: l.end } : null };
}

/** A paragraph addressed to every body ("Các cơ quan, đơn vị …", "Thủ trưởng các …", "Trong quá trình …"), folded. */
const CLOSING_PARA =
  /^(?:c\S{1,2}c\s+(?:c\S\s+quan|s\S|\S{1,2}on\s+v\S|\S{1,2}\S?a\s+ph\S{1,3}ng|ph\S{1,2}ng|ban|ng\S{1,2}nh)\b|th\S{1,2}\s+tr\S{1,3}ng\s+c\S{1,2}c\b|trong\s+qu\S{1,2}\s+tr\S{1,2}nh\b)/;
const DUTY_SECTION = /nhi\S{1,2}m\s+v\S|tr\S{1,2}ch\s+nhi\S{1,2}m|ph\S{1,2}n\s+c\S{1,2}ng/;
const dutySectionMemo = new WeakMap<Line, boolean>();

/**
 * A section other than "Tổ chức thực hiện" that assigns duties per unit ("II. NHIỆM VỤ CỦA CÁC ĐƠN VỊ",
 * "III. PHÂN CÔNG TRÁCH NHIỆM"): its heading speaks of duties and at least two thirds (and at least two) of its
 * numbered items are bare unit names followed by their own bullets or lettered items.
 */
function unitDutySection(src: string, lines: Line[], section: Line, to: number): boolean {
  const memo = dutySectionMemo.get(section);
  if (memo !== undefined) return memo;
  let ok = false;
  if (DUTY_SECTION.test(section.f)) {
    let items = 0;
    let units = 0;
    for (let i = section.index + 1; i < to; i++) {
      const l = lines[i]!;
      if (l.kind === "section") break;
      if (l.kind !== "numbered" || l.depth !== 1) continue;
      items++;
      const uh = unitHeading(src, l);
      const next = lines[i + 1];
      if (uh && !uh.rest && next && (next.kind === "bullet" || next.kind === "lettered")) units++;
    }
    ok = units >= 2 && units * 3 >= items * 2;
  }
  dutySectionMemo.set(section, ok);
  return ok;
}

/** Duties listed per unit in "Tổ chức thực hiện" (and the content sections as groups). */
export function perUnitTasks(
  src: string,
  lines: Line[],
  from: number,
  to: number,
  planPeriod: { start: string; end: string } | null = null,
): LayoutResult {
  const tasks: TaskDraft[] = [];
  const groups: GroupDraft[] = [];
  let section: Line | null = null;
  // a numbered heading in "Tổ chức thực hiện" that is not a unit ("1. Trách nhiệm của các cơ quan"): lettered units
  // under it are numbered "<section>.<its no>.<letter>"
  let subhead: string | null = null;
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (l.kind === "section") {
      section = l;
      subhead = null;
      continue;
    }
    if (!section) continue;
    const lettered = l.kind === "lettered";
    if (!lettered && (l.kind !== "numbered" || l.depth !== 1)) continue;
    const sbody = section.f.slice(section.bodyStart - section.start);
    const secRef = section.ref!;
    const ref = lettered ? `${secRef}.${subhead ? `${subhead}.` : ""}${l.ref}` : `${secRef}.${l.ref}`;
    if (TCTH.test(sbody.trim()) || unitDutySection(src, lines, section, to)) {
      const uh = unitHeading(src, l);
      if (!uh) {
        if (!lettered) subhead = l.ref;
        continue;
      }
      if (!lettered) subhead = null;
      groups.push({ group: { ref, title: uh.name.text }, span: uh.name });
      // A heading naming a composite group ("X và các tổ chức …", "Các sở, ban, ngành; UBND các xã …") is one addressee.
      const composite = uh.units.length > 1 && uh.units.some((u) => /^cac\s/.test(fold(u.text)));
      const lead: Piece[] = composite ? [uh.name] : uh.units;
      // collect the block
      const items: { line: Line; ref: string; subs: Line[] }[] = [];
      const paras: Piece[] = [];
      if (uh.rest) paras.push(uh.rest);
      let k = i + 1;
      let bulletNo = 0;
      for (; k < to; k++) {
        const b = lines[k]!;
        if (b.kind === "section" || (b.kind === "numbered" && b.depth === 1)) break;
        if (lettered && (b.kind === "lettered" || b.kind === "numbered")) break;
        if (b.kind === "bullet" || b.kind === "lettered" || (b.kind === "numbered" && b.depth > 1)) {
          bulletNo++;
          const r =
            b.kind === "lettered" ? b.ref! : b.kind === "numbered" ? b.ref!.split(".").pop()! : String(bulletNo);
          items.push({ line: b, ref: r, subs: [] });
        } else if (b.kind === "subbullet" && items.length > 0) {
          items[items.length - 1]!.subs.push(b);
        } else if (b.kind === "para" || b.kind === "subbullet") {
          // "Các cơ quan, đơn vị … báo cáo kết quả …" after the last unit's paragraph closes the section for all
          if (paras.length > 0 && b.kind === "para" && CLOSING_PARA.test(b.f)) break;
          if (items.length === 0) paras.push({ text: bodyOf(b, src), start: b.bodyStart, end: b.end });
        }
      }
      const makeTask = (tref: string, start: number, end: number, extra: Line[]) => {
        const spans: Record<string, Piece> = {};
        const [a, b] = trimRange(src, start, end);
        let text = src.slice(a, b);
        for (const s of extra) text += ` ${src.slice(s.start, s.end)}`;
        const title: Piece = {
          text: capitalizeFirst(cleanField(text)),
          start: a,
          end: extra.length ? extra[extra.length - 1]!.end : b,
        };
        spans.title = title;
        const seg = src.slice(a, b);
        const segFold = fold(seg);
        const partners = partnersIn(seg, a, segFold).filter((p) => !lead.some((u) => fold(u.text) === fold(p.text)));
        const inl = inlineTimeframe(seg, planPeriod, segFold);
        if (inl) spans["timeframe.text"] = { text: inl.timeframe.text ?? "", start: a + inl.start, end: a + inl.end };
        tasks.push({
          task: {
            ref: tref,
            group: ref,
            title: title.text,
            lead: unitsSpans("lead", lead, spans),
            support: unitsSpans("support", partners, spans),
            product: null,
            timeframe: inl ? inl.timeframe : unspecifiedTimeframe(),
          },
          spans,
        });
      };
      if (items.length > 0) {
        for (const it of items) makeTask(`${ref}.${it.ref}`, it.line.bodyStart, it.line.end, it.subs);
      } else {
        const useful = paras.filter((p) => !/:\s*$/.test(p.text.trim()));
        if (useful.length > 0) makeTask(ref, useful[0]!.start, useful[useful.length - 1]!.end, []);
      }
      i = k - 1;
    } else if (!lettered && CONTENT_SECTION.test(sbody) && !/thi\s+\S{1,2}[uư]a\b|phong\s+tr\S{1,2}o/.test(sbody)) {
      const t = titlePiece(src, l.bodyStart, l.end);
      groups.push({ group: { ref, title: t.text }, span: t });
    }
  }
  return { tasks, groups };
}

/** "giao X chủ trì, phối hợp Y" / "X chủ trì, phối hợp Y" inside a parenthesis at the end of an item. */
const CHU_TRI_WORD = /(?:^|[\s,])ch\S{0,2}\s+tr\S{1,2}(?=[\s,;.)]|$)/;

/**
 * Units assigned by a clause "giao Phòng X chủ trì, phối hợp Y, Z" (or "Phòng X chủ trì; Y phối hợp"): the lead
 * is what stands before "chủ trì", the partners what follows "phối hợp".
 */
export function assignmentUnits(clause: string, base: number): { lead: Piece[]; support: Piece[] } | null {
  const f = fold(clause);
  const ct = CHU_TRI_WORD.exec(f);
  if (!ct) return null;
  const ctAt = ct.index + (ct[0].length - ct[0].trimStart().length);
  let p = 0;
  const giao = /^\s*(?:giao(?:\s+cho)?|[dpbđ]\S{0,2}\s+ngh\S{1,2})\s+/.exec(f);
  if (giao) p = giao[0].length;
  const leadText = clause.slice(p, ctAt);
  if (!looksLikeUnitStart(leadText)) return null;
  const lead = splitUnits(leadText, { base: base + p, stopAtVerb: false });
  if (lead.length === 0) return null;
  const after = clause.slice(ctAt);
  const support = partnersIn(after, base + ctAt).filter((u) => !lead.some((x) => fold(x.text) === fold(u.text)));
  return { lead, support };
}

function looksLikeUnitStart(text: string): boolean {
  const f = fold(text);
  const p = f.length - f.trimStart().length;
  const h = headAt(text, f, p);
  return (h !== null && !h.weak) || /^(?:cac|ubnd|hdnd|mttq)\b/.test(f.slice(p));
}

/**
 * Items whose assignment is a parenthesis at their end: "- Triển khai … (giao Phòng X chủ trì, phối hợp Y;
 * hoàn thành trước 30/6/2025)." One task per such bullet (or numbered item); `ref` = `<section>.<item>.<bullet no>`.
 */
export function assignedItems(src: string, lines: Line[], from: number, to: number, skip: Set<number>): LayoutResult {
  const tasks: TaskDraft[] = [];
  const groups: GroupDraft[] = [];
  let section: string | null = null;
  let item: { ref: string; line: Line } | null = null;
  let bulletNo = 0;
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (l.kind === "section") {
      section = l.ref;
      item = null;
      bulletNo = 0;
      continue;
    }
    if (l.kind === "row" || l.kind === "para" || l.kind === "subbullet") continue;
    const isItem = l.kind === "numbered" && l.depth === 1;
    if (isItem) {
      item = { ref: l.ref!, line: l };
      bulletNo = 0;
    } else bulletNo++;
    if (skip.has(l.bodyStart)) continue;
    const body = bodyOf(l, src);
    const trimmed = trimEndOf(body, ".;,"); // body.replace(/[\s.;,]+$/u, ""), linear
    if (!trimmed.endsWith(")")) continue;
    // the matching "(" of the final ")"
    let depth = 0;
    let open = -1;
    for (let k = trimmed.length - 1; k >= 0; k--) {
      const ch = trimmed[k];
      if (ch === ")") depth++;
      else if (ch === "(") {
        depth--;
        if (depth === 0) {
          open = k;
          break;
        }
      }
    }
    if (open < 8) continue;
    const inner = trimmed.slice(open + 1, trimmed.length - 1);
    const clauses: { text: string; at: number }[] = [];
    let at = 0;
    for (const part of inner.split(";")) {
      clauses.push({ text: part, at });
      at += part.length + 1;
    }
    const innerBase = l.bodyStart + open + 1;
    const asg = assignmentUnits(clauses[0]!.text, innerBase);
    if (!asg) continue;
    const spans: Record<string, Piece> = {};
    const title = titlePiece(src, l.bodyStart, l.bodyStart + open);
    spans.title = title;
    let tf: Timeframe = unspecifiedTimeframe();
    for (const c of clauses.slice(1)) {
      const t = parseTimeframe(c.text);
      if (t.kind === "unspecified") continue;
      tf = t;
      spans["timeframe.text"] = { text: t.text ?? "", start: innerBase + c.at, end: innerBase + c.at + c.text.length };
      break;
    }
    let ref: string;
    let group: string | null;
    if (isItem) {
      ref = section ? `${section}.${l.ref}` : l.ref!;
      group = section;
    } else if (item) {
      group = section ? `${section}.${item.ref}` : item.ref;
      ref = `${group}.${bulletNo}`;
      if (!groups.some((g) => g.group.ref === group)) {
        const gt = titlePiece(src, item.line.bodyStart, item.line.end);
        groups.push({ group: { ref: group, title: gt.text }, span: gt });
      }
    } else {
      group = section;
      ref = section ? `${section}.${bulletNo}` : String(bulletNo);
    }
    tasks.push({
      task: {
        ref,
        group,
        title: title.text,
        lead: unitsSpans("lead", asg.lead, spans),
        support: unitsSpans("support", asg.support, spans),
        product: null,
        timeframe: tf,
      },
      spans,
    });
  }
  // an assignment in one stray sentence is not a layout
  return tasks.length >= 2 ? { tasks, groups } : { tasks: [], groups: [] };
}

/**
 * Where a closing assignment sentence begins in a body (after ". " / "; "), or -1: "Giao X chủ trì, …", or a
 * sentence opening with a unit name that says "chủ trì" ("Phòng X chủ trì, phối hợp với Y thực hiện …").
 */
function assignmentSentenceAt(body: string, fb: string): number {
  let found = -1;
  for (let k = fb.indexOf(". "); k >= 0; k = fb.indexOf(". ", k + 2)) consider(k);
  for (let k = fb.indexOf("; "); k >= 0; k = fb.indexOf("; ", k + 2)) consider(k);
  return found;
  function consider(k: number): void {
    if (k < 8) return;
    let p = k + 1;
    while (p < fb.length && fb.charCodeAt(p) === 32) p++;
    if (p <= found) return;
    const end = fb.indexOf(". ", p);
    // (a bounded window: many "; " in one sentence must not rescan it)
    const sentence = fb.slice(p, Math.min(end < 0 ? fb.length : end, p + 300));
    if (!CHU_TRI_WORD.test(sentence)) return;
    if (sentence.startsWith("giao ") || looksLikeUnitStart(body.slice(p, p + 60))) found = p;
  }
}

const LEAD_VERB = /^[\s,]*(?:(?:thuc\s+hien|to\s+chuc|trien\s+khai)(?=[\s,.;]|$)[\s,]*)?/;

/**
 * Items closed by an assignment sentence: "a) Kiểm kê … tại các buôn. Giao Phòng X chủ trì, phối hợp với Y, Z thực
 * hiện, hoàn thành trước ngày 30/6/2024." The title is the item without that sentence; lead = X, partners = Y, Z,
 * the timeframe is read from what follows the units. Lettered items take their numbered parent's path
 * (`II.1.a`); a numbered heading whose single paragraph holds the sentence is one task (`II.5`, its own group).
 */
export function sentenceAssignedItems(
  src: string,
  lines: Line[],
  from: number,
  to: number,
  skip: Set<number>,
): LayoutResult {
  const tasks: TaskDraft[] = [];
  const groups = new Map<string, GroupDraft>();
  let section: string | null = null;
  let sectionLine: Line | null = null;
  // "TỔ CHỨC THỰC HIỆN" assigns work per unit: its paragraphs are not items of this layout
  let organising = false;
  let item: Line | null = null;
  let itemHasChildren = false;
  let bulletNo = 0;
  const addGroup = (ref: string, l: Line | null, caps: boolean) => {
    if (groups.has(ref) || !l) return;
    const t = titlePiece(src, l.bodyStart, l.end);
    const text = caps ? capitalizeFirst(t.text.toLocaleLowerCase("vi")) : t.text;
    groups.set(ref, { group: { ref, title: text }, span: t });
  };
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (l.kind === "section") {
      section = l.ref;
      sectionLine = l;
      organising = TCTH.test(bodyFoldOf(l).trim());
      item = null;
      bulletNo = 0;
      continue;
    }
    if (l.kind === "row" || organising) continue;
    if (l.kind === "numbered") {
      item = l;
      itemHasChildren = false;
      bulletNo = 0;
    } else if (l.kind === "lettered" || l.kind === "bullet") {
      itemHasChildren = true;
      if (l.kind === "bullet") bulletNo++;
    }
    if (skip.has(l.bodyStart)) continue;
    const fb = bodyFoldOf(l);
    if (l.kind === "para" && (!item || itemHasChildren)) continue;
    // cheap pre-filters: an assignment needs "chủ trì" (possibly damaged) after a sentence break
    if (fb.indexOf(". ") < 0 && fb.indexOf("; ") < 0) continue;
    if (fb.indexOf(" tr") < 0 || !CHU_TRI_WORD.test(fb)) continue;
    const body = bodyOf(l, src);
    const giao = assignmentSentenceAt(body, fb);
    if (giao < 0) continue;
    let clause = body.slice(giao);
    const dot = clause.indexOf(". ");
    if (dot > 0) clause = clause.slice(0, dot);
    const base = l.bodyStart + giao;
    const asg = assignmentUnits(clause, base);
    if (!asg) continue;
    let lastEnd = base;
    for (const u of [...asg.lead, ...asg.support]) lastEnd = Math.max(lastEnd, u.end);
    const restStart = lastEnd;
    const rest = src.slice(restStart, base + clause.length);
    const rf = fold(rest);
    let tf: Timeframe = unspecifiedTimeframe();
    let tfSpan: Piece | null = null;
    const inl = inlineTimeframe(rest, null, rf);
    if (inl) {
      tf = inl.timeframe;
      tfSpan = { text: tf.text ?? "", start: restStart + inl.start, end: restStart + inl.end };
    } else {
      const v = LEAD_VERB.exec(rf);
      const off = v ? v[0].length : 0;
      const t = parseTimeframe(rest.slice(off));
      if (t.kind !== "unspecified") {
        tf = t;
        tfSpan = { text: t.text ?? "", start: restStart + off, end: restStart + rest.length };
      }
    }
    const spans: Record<string, Piece> = {};
    let title: Piece;
    let ref: string;
    let group: string | null;
    const itemRef = item ? (section && !item.ref!.includes(".") ? `${section}.${item.ref}` : item.ref!) : null;
    if (l.kind === "para") {
      // a numbered heading with one paragraph: the paragraph is the task (before its "Giao" sentence)
      if (!itemRef) continue;
      title = titlePiece(src, l.bodyStart, l.bodyStart + giao);
      ref = itemRef;
      group = itemRef;
      addGroup(itemRef, item, false);
    } else if (l.kind === "numbered") {
      title = titlePiece(src, l.bodyStart, l.bodyStart + giao);
      ref = itemRef!;
      group = section;
      if (section) addGroup(section, sectionLine, true);
    } else {
      title = titlePiece(src, l.bodyStart, l.bodyStart + giao);
      const parent = itemRef ?? section;
      const own = l.kind === "lettered" ? l.ref! : String(bulletNo);
      ref = parent ? `${parent}.${own}` : own;
      group = parent;
      if (itemRef) addGroup(itemRef, item, false);
      else if (section) addGroup(section, sectionLine, true);
    }
    title = { ...title, text: title.text.replace(/[.;,\s]+$/u, "") };
    spans.title = title;
    if (tfSpan) spans["timeframe.text"] = tfSpan;
    tasks.push({
      task: {
        ref,
        group,
        title: title.text,
        lead: unitsSpans("lead", asg.lead, spans),
        support: unitsSpans("support", asg.support, spans),
        product: null,
        timeframe: tf,
      },
      spans,
    });
  }
  return tasks.length >= 2 ? { tasks, groups: [...groups.values()] } : { tasks: [], groups: [] };
}
