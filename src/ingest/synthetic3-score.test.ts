/**
 * Third generalisation gate (tests/fixtures/synthetic3, hand-made gold): emulation wording families — phases written in
 * one line ("Giai đoạn 1 (2025 - 2027): …; Giai đoạn 2 (2028 - 2030): …"), phases inferred from review milestones
 * ("Năm 2025: phát động…; Sơ kết vào tháng 12/2027; Tổng kết vào năm 2030", "Sơ kết giai đoạn I vào tháng 6/2027 (từ
 * tháng 8/2025 đến tháng 6/2027)"), criteria with numbered / bullet subjects, awards in one sentence or under lettered
 * levels, standing bodies written "Cơ quan thường trực: X" / "Giao X làm thường trực" / "X là cơ quan thường trực";
 * timeframes inside per-unit duty bullets; two quarterly reporting rules with different due days.
 */
import { qualityGate } from "./test/score-gate.js";

qualityGate(
  "importer quality on synthetic plans, third set (scored with score-plan.mjs)",
  { dir: "synthetic3", minDocuments: 4 },
  (floor) => {
    floor("task F1", (s) => s.all.tasks.f1, 1);
    floor("lead F1", (s) => s.all.lead.f1, 1);
    floor("support F1", (s) => s.all.support.f1, 1);
    floor("timeframe kind", (s) => s.all.tf_kind.v, 1);
    floor("timeframe end", (s) => s.all.tf_end.v, 1);
    floor("plan fields", (s) => s.all.plan_fields.v, 0.95);
    floor("reporting F1", (s) => s.all.reporting.f1, 1);
    floor("references F1", (s) => s.all.references.f1, 1);
    floor("groups F1", (s) => s.all.groups.f1, 1);
    floor("emulation awards F1", (s) => s.all.awards.f1, 1);
    floor("emulation phases", (s) => s.all.phases.v, 1);
    floor("emulation criteria", (s) => s.all.criteria.v, 1);
    floor("diacritics", (s) => s.all.diacritics.v, 0.97);
  },
);
