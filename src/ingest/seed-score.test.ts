/**
 * End-to-end quality gate: every fixture seed goes through `importText` and is scored against its gold with the
 * project's scorer (tests/fixtures/score-plan.mjs). Fails when an overall figure drops below its floor.
 */
import { qualityGate } from "./test/score-gate.js";

qualityGate(
  "importer quality on the fixture seeds (scored with score-plan.mjs)",
  { dir: "seeds", minDocuments: 5, printMisses: 60 },
  (floor) => {
    floor("task F1", (s) => s.all.tasks.f1, 0.97);
    floor("lead F1", (s) => s.all.lead.f1, 0.95);
    floor("support F1", (s) => s.all.support.f1, 0.92);
    floor("timeframe kind", (s) => s.all.tf_kind.v, 0.95);
    floor("timeframe end", (s) => s.all.tf_end.v, 0.95);
    floor("plan fields", (s) => s.all.plan_fields.v, 0.9);
    floor("reporting F1", (s) => s.all.reporting.f1, 0.95);
    // Depends on src/ingest/text/restore.ts (the diacritics restorer), measured here end to end.
    floor("diacritics", (s) => s.all.diacritics.v, 0.97);
    floor("emulation awards F1", (s) => s.all.awards.f1, 1);
    floor("emulation phases", (s) => s.all.phases.v, 1);
  },
);
