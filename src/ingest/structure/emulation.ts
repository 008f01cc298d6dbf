/**
 * Emulation (thi đua) plans: movement name, standing body, subjects, contents, phases, criteria, award forms.
 */
import type { Emulation } from "../../core/plan-v1.js";
import { readAwards, readCriteria, readPhases, standingBodyAt } from "./emulation-parts.js";
import type { Line } from "./lines.js";
import { cleanField, collapse, fold, type Piece } from "./text-utils.js";
import { readUnitsAt } from "./units.js";

export interface EmulationResult {
  emulation: Emulation;
  spans: Record<string, Piece>;
}

const bodyOf = (l: Line, src: string) => src.slice(l.bodyStart, l.end);

/** Lines following heading `h` up to the next line of the same or a higher level. */
function blockAfter(lines: Line[], h: number): Line[] {
  const head = lines[h]!;
  const out: Line[] = [];
  for (let i = h + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind === "section") break;
    if (head.kind === "numbered" && l.kind === "numbered" && l.depth <= head.depth) break;
    if (head.kind === "lettered" && (l.kind === "lettered" || l.kind === "numbered")) break;
    out.push(l);
  }
  return out;
}

/** The first heading of the earliest kind in `kinds` whose body matches (a numbered heading beats a section). */
function findHeading(lines: Line[], re: RegExp, kinds: Line["kind"][] = ["numbered", "section"]): number {
  for (const k of kinds) {
    const i = lines.findIndex((l) => l.kind === k && re.test(l.f.slice(l.bodyStart - l.start)));
    if (i >= 0) return i;
  }
  return -1;
}

export function isEmulationPlan(title: string | null, lines: Line[]): boolean {
  const t = fold(title ?? "");
  if (/thi\s+dua/.test(t)) return true;
  return findHeading(lines, /h\S{1,2}nh\s+th\S{1,3}c\s+khen\s+th\S{1,4}ng|ti\S{1,2}u\s+ch\S\s+thi\s+d\S{1,2}a/) >= 0;
}

export function extractEmulation(
  src: string,
  lines: Line[],
  title: string | null,
  planStart: string | null = null,
): EmulationResult {
  const spans: Record<string, Piece> = {};
  const em: Emulation = {
    name: null,
    standing_body: null,
    subjects: [],
    contents: [],
    phases: [],
    criteria: [],
    awards: [],
  };
  // name: the quoted movement name in the title, else the first one in the text
  const quoted = /[“"]([^”"]{5,160})[”"]/u;
  const inTitle = title ? quoted.exec(title) : null;
  if (inTitle) em.name = collapse(inTitle[1]!);
  else {
    const m = /phong\s+tr\S{1,2}o(?:\s+thi\s+d\S{1,2}a)?\s*[“"]/u.exec(fold(src));
    if (m) {
      const q = quoted.exec(src.slice(m.index, m.index + 200));
      if (q) em.name = collapse(q[1]!);
    }
  }
  // standing body: "<unit> (cơ quan Thường trực …)" or "cơ quan thường trực … là <unit>"
  const fsrc = fold(src);
  const sb = /\(\s*c\S\s+quan\s+th\S{1,4}ng\s+tr\S{1,2}c/.exec(fsrc);
  if (sb) {
    const lineStart = src.lastIndexOf("\n", sb.index) + 1;
    const seg = src.slice(lineStart, sb.index);
    const f = fold(seg);
    const head =
      /(?:^|[\s,;])((?:s\S{1,2}|ph\S{1,2}ng|ban|uy\s+ban|ubnd|v\S{1,2}n\s+ph\S{1,2}ng|trung\s+t\S{1,2}m)\s[^,;]*)$/.exec(
        f,
      );
    if (head) {
      const a = lineStart + head.index + head[0].length - head[1]!.length;
      const u = readUnitsAt(src, a);
      const pick = u[0] ?? { text: cleanField(src.slice(a, sb.index)), start: a, end: sb.index };
      em.standing_body = pick.text;
      spans["emulation.standing_body"] = pick;
    }
  }
  if (!em.standing_body) {
    const at = standingBodyAt(src);
    const u = at === null ? [] : readUnitsAt(at.end === null ? src : src.slice(0, at.end), at.start);
    if (u[0]) {
      em.standing_body = u[0].text;
      spans["emulation.standing_body"] = u[0];
    }
  }
  // subjects: under "Đối tượng thi đua": "a) Tập thể: …", "b) Cá nhân: …"
  const subj = findHeading(lines, /^\S{1,2}i\s+t\S{1,4}ng\s+thi\s+d\S{1,2}a/);
  if (subj >= 0) {
    for (const l of blockAfter(lines, subj)) {
      if (l.kind !== "lettered" && l.kind !== "bullet" && l.kind !== "numbered") continue;
      const b = bodyOf(l, src);
      const fb = fold(b);
      const m =
        /^(?:(?:\S{1,2}i\s+v\S{1,2}i|v\S{1,2}\s+)?(?:c\S{1,2}c\s+)?)(t\S{1,2}p\s+th\S|c\S\s+nh\S{1,2}n)\s*:\s*/.exec(
          fb,
        );
      if (!m) continue;
      const kind = m[1]!.startsWith("t") ? "collective" : "individual";
      const text = cleanField(b.slice(m[0].length));
      spans[`emulation.subjects.${em.subjects.length}.text`] = {
        text,
        start: l.bodyStart + m[0].length,
        end: l.end,
      };
      em.subjects.push({ kind, text });
    }
  }
  // contents: lettered items under "Nội dung thi đua"
  const cont = findHeading(lines, /^n\S{1,2}i\s+dung\s+thi\s+d\S{1,2}a/);
  if (cont >= 0) {
    const block = blockAfter(lines, cont);
    // lettered items, else bullets ("- Thi đua …")
    const itemKind = block.some((l) => l.kind === "lettered") ? "lettered" : "bullet";
    for (const l of block) {
      if (l.kind !== itemKind) continue;
      const text = cleanField(bodyOf(l, src));
      spans[`emulation.contents.${em.contents.length}`] = { text, start: l.bodyStart, end: l.end };
      em.contents.push(text);
    }
  }
  // phases: "Giai đoạn 1: (từ 2025 - 2027)" anywhere in a line (milestone: sơ kết / tổng kết …), else inferred from
  // the review milestones ("Sơ kết … vào quý IV năm 2027 (giai đoạn 2025 - 2027); Tổng kết vào năm 2030")
  for (const phase of readPhases(lines, planStart)) em.phases.push(phase);
  // criteria: lettered / numbered / "Đối với …" subjects under "Tiêu chí thi đua", each with its items
  const crit = findHeading(lines, /^ti\S{1,2}u\s+ch\S\s+thi\s+d\S{1,2}a/);
  if (crit >= 0) {
    for (const c of readCriteria(src, blockAfter(lines, crit))) {
      spans[`emulation.criteria.${em.criteria.length}.subject`] = c.span;
      em.criteria.push({ subject: c.subject, items: c.items });
    }
  }
  // awards: items starting with an award noun under any "… khen thưởng" heading, or an inline list after its colon
  for (const p of readAwards(src, lines, (h) => blockAfter(lines, h))) {
    spans[`emulation.awards.${em.awards.length}`] = p;
    em.awards.push(p.text);
  }
  return { emulation: em, spans };
}
