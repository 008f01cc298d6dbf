/**
 * Generalisation gate: hand-written synthetic plans (tests/fixtures/synthetic — other provinces, ministries, Sở and
 * commune plans, decision wrappers, appendix tables with section rows, lettered units, OCR-damaged copies) go
 * through `importText` and are scored against their hand-made gold with the project's scorer. The floors are the
 * seeds' floors: a layout that only works on the seeds fails here.
 */
import { qualityGate } from "./test/score-gate.js";

qualityGate(
  "importer quality on synthetic plans (scored with score-plan.mjs)",
  { dir: "synthetic", minDocuments: 10 },
  (floor) => {
    floor("task F1", (s) => s.all.tasks.f1, 0.97);
    floor("lead F1", (s) => s.all.lead.f1, 0.95);
    floor("support F1", (s) => s.all.support.f1, 0.92);
    floor("timeframe kind", (s) => s.all.tf_kind.v, 0.95);
    floor("timeframe end", (s) => s.all.tf_end.v, 0.95);
    floor("plan fields", (s) => s.all.plan_fields.v, 0.9);
    floor("reporting F1", (s) => s.all.reporting.f1, 0.95);
    floor("references F1", (s) => s.all.references.f1, 0.9);
    floor("groups F1", (s) => s.all.groups.f1, 0.9);
    floor("emulation awards F1", (s) => s.all.awards.f1, 1);
    floor("emulation phases", (s) => s.all.phases.v, 1);
    floor("emulation criteria", (s) => s.all.criteria.v, 1);
    // Clean text keeps its diacritics through the restorer; OCR copies are held to a looser floor.
    floor("diacritics (clean documents)", (s) => s.clean.diacritics.v, 0.97);
    floor("diacritics (all)", (s) => s.all.diacritics.v, 0.9);
  },
);
