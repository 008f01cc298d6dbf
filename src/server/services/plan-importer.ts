/**
 * The seam between the server and the importer (src/ingest): bytes or pasted text → a tiendo.plan.v1 draft with its
 * spans and cleaned text. A document the readers cannot read comes back as `UnreadableImport` with the readers'
 * Vietnamese explanation; any other failure is a bug and propagates.
 */
import type { PlanSpans, PlanV1 } from "../../core/plan-v1.js";
import { importPlan } from "../../ingest/index.js";
import { UnreadableDocumentError } from "../../ingest/readers/index.js";

export interface ImportedDocument {
  plan: PlanV1;
  spans: PlanSpans;
  cleanedText: string;
  warnings: string[];
}

export type ImportInput = { bytes: Uint8Array; fileName: string } | { text: string; fileName: string };

export type PlanImporter = (input: ImportInput) => Promise<ImportedDocument>;

/** Thrown when the document cannot be read (empty, encrypted, broken, unsupported…). */
export class UnreadableImport extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "UnreadableImport";
  }
}

export const importPlanDocument: PlanImporter = async (input) => {
  try {
    const result = await importPlan(input, {});
    return { plan: result.plan, spans: result.spans, cleanedText: result.cleanedText, warnings: result.warnings };
  } catch (err) {
    if (err instanceof UnreadableDocumentError) throw new UnreadableImport(err.code, err.message);
    throw err;
  }
};
