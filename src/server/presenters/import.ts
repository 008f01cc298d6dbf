import type { PlanSpans, PlanV1 } from "../../core/plan-v1.js";
import type { ImportSummary } from "../../store/repos/imports.js";
import type { SourceFileMeta } from "../../store/repos/source-files.js";
import type { ImportRow } from "../../store/schema.js";
import type { ImportDto, ImportSummaryDto, SourceFileDto } from "../api-types.js";
import { type ImportAnalysis, parseReview, parseRowOrigins, parseWarnings } from "../services/import-review.js";
import { remapSpans, storedOrigins } from "../services/import-rows.js";

export function presentImportSummary(row: ImportSummary | ImportRow): ImportSummaryDto {
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status,
    error: row.error,
    version: row.version,
    ownerUnitId: row.owner_unit_id,
    createdBy: row.created_by,
    publishedPlanId: row.published_plan_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentSourceFile(f: SourceFileMeta): SourceFileDto {
  return { id: f.id, fileName: f.file_name, mime: f.mime, size: f.size, sha256: f.sha256 };
}

function parse<T>(json: string | null, fallback: T): T {
  if (!json) return fallback;
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

export function presentImport(
  row: ImportRow,
  opts: {
    source: SourceFileMeta | undefined;
    analysis: Omit<ImportAnalysis, "directory">;
    abilities: ImportDto["abilities"];
  },
): ImportDto {
  const { analysis } = opts;
  const plan = parse<PlanV1 | null>(row.plan_json, null);
  // The spans are kept as extracted: shown on the rows that came from the extracted ones.
  const origins = storedOrigins(plan, parseRowOrigins(row.review_json));
  return {
    ...presentImportSummary(row),
    sourceFile: opts.source ? presentSourceFile(opts.source) : null,
    plan,
    spans: remapSpans(parse<PlanSpans>(row.spans_json, {}), origins),
    origins,
    cleanedText: row.cleaned_text,
    warnings: parseWarnings(row.review_json),
    review: parseReview(row.review_json),
    matches: analysis.matches,
    issuer: analysis.issuer,
    references: analysis.references,
    taskLinks: analysis.taskLinks,
    problems: analysis.problems,
    abilities: opts.abilities,
  };
}
