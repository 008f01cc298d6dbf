/**
 * The plan importer — the library entry the server and the CLI call.
 *
 *   bytes/text → readDocument (readers) → layout pre-clean → restoreVietnamese (text) → extractPlan (structure)
 *
 * Every extracted field records its character span in `cleanedText` (`spans`).
 */
import type { PlanSpans, PlanV1 } from "../core/plan-v1.js";
import { preClean as preCleanLayout } from "./layout/clean.js";
import { readDocument } from "./readers/index.js";
import { type ExtractResult, extractPlan as extractStructure } from "./structure/extract.js";
import { withFoldCache } from "./structure/perf-text.js";
import { restoreVietnamese } from "./text/restore.js";

export interface ImportResult {
  plan: PlanV1;
  spans: PlanSpans;
  /** The text the spans point into: pre-cleaned and diacritics-restored. */
  cleanedText: string;
  /** Vietnamese, human-readable notes for the reviewer. */
  warnings: string[];
}

export type ImportInput = { bytes: Uint8Array; fileName: string } | { text: string; fileName: string };

export interface ImportOptions {
  onProgress?: (stage: string, fraction: number) => void;
}

/** Import plan text synchronously (tests, bench, already-read documents). */
export function importText(text: string, fileName: string): ImportResult {
  return importFromRaw(text, fileName, [], undefined);
}

function importFromRaw(
  raw: string,
  fileName: string,
  warnings: string[],
  onProgress: ImportOptions["onProgress"],
): ImportResult {
  // one fold memo for the document's layout and structure stages (they fold the same lines many times)
  return withFoldCache(() => {
    onProgress?.("clean", 0.3);
    const pre = preCleanLayout(raw);
    onProgress?.("restore", 0.5);
    const cleanedText = restoreKeepingStructure(pre);
    onProgress?.("extract", 0.8);
    const { plan, spans } = extractStructure(cleanedText, fileName);
    return finish(plan, spans, cleanedText, warnings, onProgress);
  });
}

function finish(
  plan: PlanV1,
  spans: PlanSpans,
  cleanedText: string,
  warnings: string[],
  onProgress: ImportOptions["onProgress"],
): ImportResult {
  const out = [...warnings];
  if (plan.tasks.length === 0)
    out.push("Không nhận diện được nhiệm vụ nào trong văn bản; hãy kiểm tra bố cục tài liệu.");
  if (!plan.plan.number) out.push("Không đọc được số ký hiệu văn bản.");
  if (!plan.plan.issued_at) out.push("Không đọc được ngày ban hành.");
  if (!plan.plan.title) out.push("Không xác định được trích yếu (tên kế hoạch).");
  onProgress?.("done", 1);
  return { plan, spans, cleanedText, warnings: out };
}

/**
 * Restoration keeping the line/tab structure exactly. OCR text wraps mid-sentence ("…phát triển khoa học,\ncông
 * nghệ…"); preClean re-joins most wrapped lines, and a line it leaves starting with a lower-case word is the rest of
 * the line before it. Such lines are restored in one call with the lines they continue: the restorer treats a line
 * break as a word boundary, its language model reads across it, and the line breaks come back where they were. Other
 * line breaks are real boundaries (items, headings, labels: measured, joining them costs accuracy), so those lines
 * are restored on their own, as are table cells. List markers ("a)", "I1.") are kept as printed by the restorer.
 */
const ITEM_START = /^(?:\(?[a-zđ]\)|[-–—+•*·_)]|\d{1,2}(?:[.,]\d{1,2}){0,3}[.,)]?|[IVXLl1|]{1,5}\s*[.,:])/u;
const LOWER_START = /^\s*\p{Ll}/u;
const HAS_LOWER = /\p{Ll}/u;

function continuesLine(prev: string, line: string): boolean {
  return LOWER_START.test(line) && !ITEM_START.test(line.trimStart()) && HAS_LOWER.test(prev);
}

export function restoreKeepingStructure(text: string): string {
  const out: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length === 0) return;
    if (para.length === 1) out.push(restoreVietnamese(para[0]!));
    else {
      const r = restoreVietnamese(para.join("\n")).split("\n");
      if (r.length === para.length) out.push(...r);
      else for (const l of para) out.push(restoreVietnamese(l));
    }
    para = [];
  };
  for (const line of text.split("\n")) {
    if (line.includes("\t")) {
      flush();
      out.push(
        line
          .split("\t")
          .map((c) => (c ? restoreVietnamese(c) : c))
          .join("\t"),
      );
      continue;
    }
    if (para.length > 0 && !continuesLine(para[para.length - 1]!, line)) flush();
    if (!line.trim()) out.push(restoreVietnamese(line));
    else para.push(line);
  }
  flush();
  return out.join("\n");
}

/** Import a plan document from its bytes (any format the readers support) or from text. */
export async function importPlan(input: ImportInput, opts: ImportOptions = {}): Promise<ImportResult> {
  if ("text" in input) return importFromRaw(input.text, input.fileName, [], opts.onProgress);
  opts.onProgress?.("read", 0);
  const doc = await readDocument(input.bytes, input.fileName);
  opts.onProgress?.("read", 0.2);
  return importFromRaw(doc.text, input.fileName, doc.warnings, opts.onProgress);
}

/** The layout pre-clean stage (layout/clean.ts), as importText runs it. */
export function preClean(raw: string): string {
  return withFoldCache(() => preCleanLayout(raw));
}

/** The structure stage (structure/extract.ts), as importText runs it. */
export function extractPlan(cleanedText: string, fileName: string | null): ExtractResult {
  return withFoldCache(() => extractStructure(cleanedText, fileName));
}
