/**
 * Second, independent generalisation gate: plans written before the extractor was read (tests/fixtures/synthetic2 —
 * a two-row appendix header with wrapped cells and a column-number row, a task table plus a targets table, bullets
 * assigned by "(giao X chủ trì, phối hợp Y; hoàn thành …)", "Đơn vị thực hiện: …; Thời gian: …" on one line, an
 * Đề án 06 plan, a thi đua plan, a quarter-mark work programme, a post-2025 commune, page footers inside the text,
 * a ministry decision wrapper, per-unit duties outside "Tổ chức thực hiện"; OCR copies made by make-ocr2.mjs).
 * Gold: build-gold.mjs. Floors sit a little under the figures reached, so a regression shows.
 */
import { qualityGate } from "./test/score-gate.js";

qualityGate(
  "importer quality on synthetic plans, second set (scored with score-plan.mjs)",
  { dir: "synthetic2", minDocuments: 10 },
  (floor) => {
    floor("task F1", (s) => s.all.tasks.f1, 0.97);
    floor("lead F1", (s) => s.all.lead.f1, 0.95);
    floor("support F1", (s) => s.all.support.f1, 0.95);
    floor("timeframe kind", (s) => s.all.tf_kind.v, 0.94);
    floor("timeframe end", (s) => s.all.tf_end.v, 0.93);
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
