/**
 * Fourth generalisation gate (tests/fixtures/synthetic4, held-out gold written without reading the importer):
 * ministry paragraphs "a) … Cơ quan chủ trì: X; cơ quan phối hợp: Y; thời gian: Z." under Roman parts and Arabic
 * sections (and an OCR-damaged copy with running headers and sentences cut by page breaks), a Markdown pipe-table
 * appendix, a tab appendix whose row is split across a page break under a repeated header row, a decision wrapper,
 * "1.1." items with the assignment in parentheses, per-unit duties with a closing paragraph for all units, reporting
 * dates written with their year or before their frequency, laws of the Quốc hội, counts with thousands separators.
 *
 * Floors sit slightly below the scores reached; what is left is mostly annotation conventions that differ from the
 * earlier sets (issuer with its locality, "II.1" for numbered items under a Roman part) and restorer damage.
 */
import { qualityGate } from "./test/score-gate.js";

qualityGate(
  "importer quality on synthetic plans, fourth set (scored with score-plan.mjs)",
  { dir: "synthetic4", minDocuments: 8 },
  (floor) => {
    floor("task F1", (s) => s.all.tasks.f1, 0.98);
    floor("lead F1", (s) => s.all.lead.f1, 0.95);
    floor("support F1", (s) => s.all.support.f1, 0.93);
    floor("timeframe kind", (s) => s.all.tf_kind.v, 0.97);
    floor("timeframe end", (s) => s.all.tf_end.v, 0.97);
    floor("timeframe start", (s) => s.all.tf_start.v, 0.93);
    floor("ref", (s) => s.all.ref.v, 0.87);
    floor("plan fields", (s) => s.all.plan_fields.v, 0.96);
    floor("references F1", (s) => s.all.references.f1, 0.97);
    floor("groups F1", (s) => s.all.groups.f1, 0.97);
    floor("reporting F1", (s) => s.all.reporting.f1, 0.97);
    floor("reporting due", (s) => s.all.reporting_due.v, 0.96);
    floor("targets F1", (s) => s.all.targets.f1, 0.95);
    floor("emulation awards F1", (s) => s.all.awards.f1, 1);
    floor("emulation phases", (s) => s.all.phases.v, 1);
    floor("emulation criteria", (s) => s.all.criteria.v, 1);
    floor("diacritics", (s) => s.all.diacritics.v, 0.96);
  },
);
