/**
 * `extractPlan(cleanedText, fileName)` → `{ plan, spans }`: the structure of a plan document as tiendo.plan.v1,
 * with the character span in `cleanedText` of every extracted field.
 */
import { PLAN_FORMAT, type PlanSpans, type PlanV1, type ReportingRule } from "../../core/plan-v1.js";
import { extractEmulation, isEmulationPlan } from "./emulation.js";
import { type Line, toLines } from "./lines.js";
import {
  attachmentRef,
  caseBodyName,
  docTypeLine,
  findSigner,
  issuerFromText,
  parseHeader,
  titleText,
} from "./meta.js";
import { firstIndexes } from "./perf-search.js";
import { foldSlice } from "./perf-text.js";
import { kindFromCode, type ReferenceHit, referencesIn } from "./references.js";
import { hasDue, reportingIn, sameReportingRule } from "./reporting.js";
import { targetsIn } from "./targets.js";
import {
  assignedItems,
  type GroupDraft,
  type LayoutResult,
  numberedTasks,
  perUnitTasks,
  sentenceAssignedItems,
  tableTasks,
} from "./tasks.js";
import { capitalizeFirst, cleanField, fold, type Piece } from "./text-utils.js";

export interface ExtractResult {
  plan: PlanV1;
  spans: PlanSpans;
}

const PREAMBLE_START = /^(?:c\S{1,2}n\s+c\S{1,3}|th\S{1,2}c\s+hi\S{1,3}n|theo|x\S{1,2}t|nh\S{1,2}m)\b/;
const CLOSING = /^(?:n\S{1,2}i\s+nh\S{1,2}n|kt\.?\s*ch|tm\.?\s|tl\.?\s|q\.?\s*ch)/;
const CONTENT_HEADING = /n\S{1,2}i\s+dung|nhi\S{1,2}m\s+v\S|gi\S{1,2}i\s+ph\S{1,2}p/;
const TCTH_HEADING = /t\S{1,2}\s+ch\S{1,3}c\S{0,2}\s+th\S{1,4}\s+hi\S{1,3}/;
/** A line opening with a cited document ("Nghị quyết số 71/NQ-CP …", "Luật Du lịch số …"). */
const CITED_KIND =
  /^(?:lu\S{1,2}t|ngh\S{1,2}\s+(?:quy\S{0,2}t|d\S{1,2}nh)|quy\S{0,2}t\s+d\S{1,2}nh|th\S{1,2}ng\s+t\S{1,2}|ch\S{1,2}\s+th\S{1,2}|k\S{1,2}\s+ho\S{1,2}ch)\b[^;]{0,120}?\bs\S{0,2}\s*:?\s*\d/;
const APPENDIX = /^ph\S{0,2}\s+l\S{1,2}c\b/;
const REPORTING_HEADING = /ch\S{1,2}\s+d\S{1,2}\s+(?:th\S{1,2}ng\s+tin\s*,?\s*)?b\S{1,2}o\s+c\S{1,2}o/;

function setSpan(spans: PlanSpans, key: string, p: Piece | null | undefined): void {
  if (p && p.end > p.start) spans[key] = { start: p.start, end: p.end };
}

/** Years in a title → the plan's period ("năm 2025", "năm 2024 – 2025", "giai đoạn 2025-2030"). */
function periodFromTitle(title: string | null): { start: string; end: string } | null {
  if (!title) return null;
  let f = fold(title);
  f = f.replace(/\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}/g, " ");
  f = f.replace(/s\S{0,2}\s+\d+\/\d{4}/g, " ");
  const years = [...f.matchAll(/(?<![\d/])((?:19|20)\d{2})(?!\d)/g)].map((m) => Number(m[1]));
  if (years.length === 0) return null;
  const lo = Math.min(...years);
  const hi = Math.max(...years);
  if (hi - lo > 30) return null;
  return { start: `${lo}-01-01`, end: `${hi}-12-31` };
}

export function extractPlan(cleanedText: string, fileName: string | null): ExtractResult {
  const src = cleanedText;
  const lines = toLines(src);
  const srcFold = fold(src);
  const spans: PlanSpans = {};

  // --- regions: header | title | preamble | body | closing | appendix
  const dt = docTypeLine(lines);
  // "Quyết định ban hành Kế hoạch …": the decision (Điều 1, 2, 3 … signature) gives the plan fields; the plan
  // attached after it ("KẾ HOẠCH … (Ban hành kèm theo Quyết định số …)") gives the content.
  const attached = dt ? attachedPlanLine(lines, dt.index) : -1;
  const contentStart = attached >= 0 ? attached : (dt?.index ?? 0);
  const appendixIdx = lines.findIndex((l, i) => i > contentStart && l.kind !== "row" && APPENDIX.test(l.f.trim()));
  const bodyLimit = appendixIdx >= 0 ? appendixIdx : lines.length;
  let closingIdx = -1;
  for (let i = contentStart + 1; i < bodyLimit; i++) {
    if (CLOSING.test(lines[i]!.f.trim())) {
      closingIdx = i;
      break;
    }
  }
  const bodyEnd = closingIdx >= 0 ? closingIdx : bodyLimit;

  // title: lines after the doc-type line until the preamble or the first section
  let titlePiece: Piece | null = null;
  let afterTitle = dt ? dt.index + 1 : 0;
  if (dt) {
    const parts: Line[] = [];
    for (let i = dt.index + 1; i < Math.min(dt.index + 4, lines.length); i++) {
      const l = lines[i]!;
      if (l.kind === "section" || l.kind === "row") break;
      if (parts.length > 0 && PREAMBLE_START.test(l.f.trim())) break;
      if (parts.length > 0 && l.kind !== "para") break;
      // "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" / "BỘ TRƯỞNG BỘ …" after a mixed-case title: the issuing authority
      if (parts.length > 0 && l.caps && !parts[0]!.caps) break;
      parts.push(l);
    }
    if (parts.length > 0) {
      const a = parts[0]!.start;
      const b = parts[parts.length - 1]!.end;
      titlePiece = { text: capitalizeFirst(titleText(src.slice(a, b))), start: a, end: b };
      afterTitle = parts[parts.length - 1]!.index + 1;
    }
  }
  let firstSection: number;
  let preambleEnd: number;
  let contentFrom: number;
  let signerFrom: number;
  let signerTo: number;
  if (attached >= 0) {
    // the decision's own closing block holds its signer; the preamble is the "Căn cứ …" block before "Điều 1"
    const decisionClose = lines.findIndex((l, i) => i > afterTitle && i < attached && CLOSING.test(l.f.trim()));
    const article = lines.findIndex((l, i) => i > afterTitle && i < attached && /^\S{1,2}i\S{1,2}u\s+1\b/.test(l.f));
    preambleEnd = article >= 0 ? article : decisionClose >= 0 ? decisionClose : attached;
    signerFrom = decisionClose >= 0 ? decisionClose : preambleEnd;
    signerTo = attached;
    firstSection = lines.findIndex((l, i) => i > attached && l.kind === "section");
    contentFrom = firstSection >= 0 ? firstSection : Math.min(attached + 3, lines.length);
  } else {
    firstSection = lines.findIndex((l, i) => i >= afterTitle && l.kind === "section");
    preambleEnd = firstSection >= 0 ? firstSection : Math.min(afterTitle + 3, lines.length);
    contentFrom = preambleEnd;
    signerFrom = Math.max(dt ? dt.index + 1 : 0, bodyLimit - 25);
    signerTo = bodyLimit;
  }

  // --- metadata
  const header = parseHeader(lines, dt ? dt.index : 0);
  let number = header.number;
  let issuedAt = header.issuedAt;
  if (!number && !issuedAt) {
    const att = attachmentRef(appendixIdx >= 0 ? lines.slice(appendixIdx) : []);
    number = att.number;
    issuedAt = att.issuedAt;
  }
  let issuer = header.issuer;
  if (!issuer && afterTitle < preambleEnd) {
    issuer = issuerFromText(src, lines[afterTitle]!.start, lines[preambleEnd - 1]!.end);
    if (issuer) issuer = { ...issuer, text: caseBodyName(issuer.text) };
  }
  const signer = findSigner(src, lines, signerFrom, signerTo);
  const title = titlePiece?.text ?? null;
  const period = periodFromTitle(title);
  const docType = dt?.docType ?? (number ? kindFromCode(number.text) : null);

  // --- references: documents cited in the preamble
  const refs: ReferenceHit[] = [];
  for (let i = afterTitle; i < preambleEnd; i++) {
    const l = lines[i]!;
    const lf = l.f.trim();
    // a basis list goes on after a line break ("…; / Nghị quyết số 71/NQ-CP …"); "Theo đề nghị … tại Tờ trình số …"
    // names the proposal, not a basis
    if (!PREAMBLE_START.test(lf) && !CITED_KIND.test(lf) && i !== afterTitle) continue;
    if (/^(?:theo|x\S{1,2}t)\s+\S{1,2}\s+ngh\S{1,2}\b/.test(lf)) continue;
    for (const r of referencesIn(l.text, l.start)) {
      if (refs.some((x) => x.ref.number === r.ref.number)) continue;
      if (number && r.ref.number === number.text) continue;
      refs.push(r);
    }
  }

  // --- tasks
  const appendixTitle = appendixTitlePiece(lines, appendixIdx);
  const planYear =
    period && period.start.slice(0, 4) === period.end.slice(0, 4) ? Number(period.start.slice(0, 4)) : null;
  const table = tableTasks(src, lines, appendixTitle, planYear);
  const numbered = numberedTasks(src, lines, contentFrom, bodyEnd);
  // items assigned by a closing parenthesis "(giao X chủ trì, phối hợp Y; hoàn thành …)"
  const taken = new Set(numbered.tasks.map((t) => t.spans.title?.start ?? -1));
  const assigned = assignedItems(src, lines, contentFrom, bodyEnd, taken);
  // items closed by a sentence "Giao X chủ trì, phối hợp với Y thực hiện …"
  for (const t of assigned.tasks) taken.add(t.spans.title?.start ?? -1);
  const sentenced = sentenceAssignedItems(src, lines, contentFrom, bodyEnd, taken);
  let layout: LayoutResult;
  if (table.tasks.length > 0 || numbered.tasks.length > 0 || assigned.tasks.length > 0 || sentenced.tasks.length > 0) {
    layout = {
      tasks: [...numbered.tasks, ...assigned.tasks, ...sentenced.tasks, ...table.tasks],
      groups: [...numbered.groups, ...assigned.groups, ...sentenced.groups, ...table.groups],
    };
  } else {
    layout = perUnitTasks(src, lines, contentFrom, bodyEnd, period);
  }
  const groups: GroupDraft[] = [];
  for (const g of layout.groups) if (!groups.some((x) => x.group.ref === g.group.ref)) groups.push(g);

  // --- reporting
  const reporting: { rule: ReportingRule; text: Piece; recipient: Piece | null }[] = [];
  let inReportingSection = false;
  // a "CHẾ ĐỘ BÁO CÁO" section: its numbered headings ("1. Báo cáo định kỳ") stay inside it
  let reportingSection = false;
  for (let i = contentFrom; i < bodyEnd; i++) {
    const l = lines[i]!;
    if (l.kind === "section" || (l.kind === "numbered" && l.depth === 1)) {
      if (l.kind === "section") reportingSection = REPORTING_HEADING.test(l.f);
      inReportingSection = reportingSection || REPORTING_HEADING.test(l.f);
      if (l.kind === "section" || cleanField(l.text).length < 60) continue;
    }
    if (l.kind === "row") continue;
    for (const hit of reportingIn(l.text, l.start, inReportingSection, l.f)) {
      const same = reporting.findIndex((r) => sameReportingRule(r.rule, hit.rule));
      if (same >= 0) {
        // a later statement of the rule that gives its due date replaces a bare mention ("báo cáo 6 tháng")
        if (hasDue(hit.rule) && !hasDue(reporting[same]!.rule)) reporting.splice(same, 1);
        else continue;
      }
      reporting.push({ rule: hit.rule, text: hit.textSpan, recipient: hit.recipientSpan });
    }
  }

  // --- emulation
  const emu = isEmulationPlan(title, lines) ? extractEmulation(src, lines, title, period?.start ?? null) : null;

  // --- targets: in task titles (owner = lead) and emulation criteria
  const targets: { t: ReturnType<typeof targetsIn>[number] }[] = [];
  // goals: items under a "Mục tiêu" / "Chỉ tiêu" heading
  let goalDepth = -1;
  for (let i = contentFrom; i < bodyEnd; i++) {
    const l = lines[i]!;
    const bodyFold = foldSlice(l.text, l.f, l.bodyStart - l.start);
    const head = bodyFold.trim();
    const isGoalHead =
      /^(?:\S{0,4}\s*)?(?:m\S{1,2}c\s+ti\S{1,2}u|ch\S{1,2}\s+ti\S{1,2}u)\b/.test(head) && head.length < 80;
    if (l.kind === "section") {
      goalDepth = isGoalHead || /m\S{1,2}c\s+ti\S{1,2}u|ch\S{1,2}\s+ti\S{1,2}u/.test(head) ? 0 : -1;
      continue;
    }
    if (l.kind === "numbered" && isGoalHead) {
      if (goalDepth < 0 || goalDepth >= l.depth) goalDepth = l.depth;
      continue;
    }
    if (l.kind === "numbered" && goalDepth > 0 && l.depth <= goalDepth) goalDepth = -1;
    if (goalDepth < 0 || l.kind === "row") continue;
    for (const t of targetsIn(src.slice(l.bodyStart, l.end), l.bodyStart, null, true, bodyFold)) targets.push({ t });
  }
  // src.indexOf(detail.slice(0, 30)) for every task at once (one scan per task is quadratic on long plans)
  const detailAt = firstIndexes(
    src,
    layout.tasks.flatMap((d) => (d.spans.title && d.task.detail ? [d.task.detail.slice(0, 30)] : [])),
  );
  for (const d of layout.tasks) {
    const ts = d.spans.title;
    if (!ts) continue;
    const owner = d.task.lead[0] ?? null;
    const hits = targetsIn(
      src.slice(ts.start, ts.end),
      ts.start,
      owner,
      false,
      foldSlice(src, srcFold, ts.start, ts.end),
    );
    if (d.task.detail) {
      const at = Math.max(0, detailAt.get(d.task.detail.slice(0, 30)) ?? -1);
      for (const t of targetsIn(d.task.detail, at, owner)) {
        if (!hits.some((h) => h.target.value === t.target.value && h.target.comparator === t.target.comparator))
          hits.push(t);
      }
    }
    for (const t of hits) targets.push({ t });
  }
  if (emu) {
    const itemAt = firstIndexes(
      src,
      emu.emulation.criteria.flatMap((c) => c.items.map((item) => item.slice(0, 40))),
    );
    for (const c of emu.emulation.criteria) {
      const owner = cleanField(c.subject.replace(/^\S+\s+v\S{1,2}i\s+/u, ""));
      for (const item of c.items) {
        const at = Math.max(0, itemAt.get(item.slice(0, 40)) ?? -1);
        for (const t of targetsIn(item, at, capitalizeFirst(owner), true)) targets.push({ t });
      }
    }
  }

  // content sections that are not tasks ("III. NHIỆM VỤ, GIẢI PHÁP — 1. … — - … đến 100% ấp" in a plan that assigns
  // work per unit): their items state targets too
  const inTask = linesInSpans(
    lines,
    layout.tasks.flatMap((d) => (d.spans.title ? [d.spans.title] : [])),
  );
  let contentSection = false;
  for (let i = contentFrom; i < bodyEnd; i++) {
    const l = lines[i]!;
    if (l.kind === "section") {
      contentSection = CONTENT_HEADING.test(l.f) && !TCTH_HEADING.test(l.f);
      continue;
    }
    if (!contentSection || l.kind === "row" || l.kind === "para") continue;
    if (inTask.has(l.index)) continue;
    const bodyFold = foldSlice(l.text, l.f, l.bodyStart - l.start);
    for (const t of targetsIn(src.slice(l.bodyStart, l.end), l.bodyStart, null, false, bodyFold)) {
      const dup = (x: (typeof targets)[number]) =>
        x.t.target.value === t.target.value && x.t.span.start < t.span.end && x.t.span.end > t.span.start;
      if (!targets.some(dup)) targets.push({ t });
    }
  }
  // --- assemble
  const plan: PlanV1 = {
    format: PLAN_FORMAT,
    source: fileName ? (fileName.split(/[\\/]/).pop() ?? fileName) : null,
    plan: {
      doc_type: docType,
      number: number?.text ?? null,
      issuer: issuer?.text ?? null,
      issued_at: issuedAt,
      place: header.place?.text ?? null,
      title,
      period: period ?? null,
      signer: signer?.text ?? null,
    },
    references: refs.map((r) => r.ref),
    groups: groups.map((g) => g.group),
    tasks: layout.tasks.map((d) => d.task),
    reporting: reporting.map((r) => r.rule),
    targets: targets.map((x) => x.t.target),
    emulation: emu?.emulation ?? null,
  };
  setSpan(spans, "plan.number", number);
  setSpan(spans, "plan.issuer", issuer);
  setSpan(spans, "plan.place", header.place);
  setSpan(spans, "plan.title", titlePiece);
  setSpan(spans, "plan.signer", signer);
  if (dt) setSpan(spans, "plan.doc_type", lines[dt.index]!);
  refs.forEach((r, i) => {
    setSpan(spans, `references.${i}.number`, r.numberSpan);
  });
  groups.forEach((g, i) => {
    setSpan(spans, `groups.${i}.title`, g.span);
  });
  layout.tasks.forEach((d, i) => {
    for (const [k, p] of Object.entries(d.spans)) setSpan(spans, `tasks.${i}.${k}`, p);
  });
  reporting.forEach((r, i) => {
    setSpan(spans, `reporting.${i}.text`, r.text);
    setSpan(spans, `reporting.${i}.recipient`, r.recipient);
  });
  targets.forEach((x, i) => {
    setSpan(spans, `targets.${i}.text`, x.t.span);
  });
  if (emu) for (const [k, p] of Object.entries(emu.spans)) setSpan(spans, k, p);
  return { plan, spans };
}

const ATTACHED_KIND =
  /^(?:k\S{1,2}\s+ho\S{1,2}ch|ch\S{1,3}ng\s+tr\S{1,2}nh(?:\s+h\S{1,2}nh\s+d\S{1,2}ng)?|d\S{1,2}\s+\S{1,2}n|quy\s+ch\S{1,2})[.:]?$/;

/** A decision's attached plan: a later doc-type line followed closely by "(Ban hành) kèm theo Quyết định …". */
function attachedPlanLine(lines: Line[], dtIndex: number): number {
  if (!/^quy\S{0,2}t\s+d\S{1,2}nh/.test(lines[dtIndex]!.f.trim())) return -1;
  for (let i = dtIndex + 4; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind === "row" || l.kind === "section" || !ATTACHED_KIND.test(l.f.trim())) continue;
    for (let k = i + 1; k < Math.min(lines.length, i + 6); k++) {
      if (/k\S{1,2}m\s+theo\s+(?:quy\S{0,2}t\s+d\S{1,2}nh|q\S{1,2}\b)/.test(lines[k]!.f)) return i;
    }
  }
  return -1;
}

/** Indexes of the lines that overlap any of `spans` (lines are in text order: a binary search per span). */
function linesInSpans(lines: Line[], spans: { start: number; end: number }[]): Set<number> {
  const out = new Set<number>();
  for (const sp of spans) {
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid]!.end <= sp.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < lines.length && lines[i]!.start < sp.end; i++) out.add(i);
  }
  return out;
}

function appendixTitlePiece(lines: Line[], appendixIdx: number): Piece | null {
  if (appendixIdx < 0) return null;
  for (let i = appendixIdx + 1; i < Math.min(lines.length, appendixIdx + 5); i++) {
    const l = lines[i]!;
    if (l.kind === "row") break;
    if (/^\(?\s*k\S{1,2}m\s+theo/.test(l.f.trim())) continue;
    if (l.caps || l.kind === "para") {
      const text = capitalizeFirst(cleanField(l.text).toLocaleLowerCase("vi"));
      return { text, start: l.start, end: l.end };
    }
  }
  return null;
}
