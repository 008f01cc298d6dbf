/**
 * The consolidated report of a plan for a period, presented for the renderers (reports/ never query): the body by
 * group with each task's result from its lead units and contributions from partners, difficulties and proposals
 * collected from every unit, the reporting figures and the appendix table. Only ACCEPTED reports speak for units:
 * what the coordinator has not accepted does not go to the superior body.
 */
import { compareDates, describeTimeframe, reportingRate, TASK_STATUS_LABEL, TASK_STATUSES } from "../../core/index.js";
import type { ConsolidatedReport, ConsolidatedTask, UnitNote } from "../../reports/types.js";
import type { Executor } from "../../store/db.js";
import { listReportedItemsForPeriod } from "../../store/repos/overview.js";
import { listReportsForPlanPeriod } from "../../store/repos/reports.js";
import { getUnits } from "../../store/repos/units.js";
import type { ReportingPeriod, Unit } from "../../store/schema.js";
import { AppError } from "../errors.js";
import {
  evaluateTasks,
  factsByTask,
  loadPlanFacts,
  type PlanFacts,
  rateUnits,
  timeframeOf,
  todayOf,
} from "./plan-overview.js";

const SUPERIOR_KINDS = new Set(["department", "office", "agency"]);

function abbreviationOf(number: string | null): string {
  const m = /-([A-ZĐ][A-ZĐ0-9&.]*)\s*$/u.exec(number?.trim() ?? "");
  return m?.[1] ?? "UBND";
}

/** The period to consolidate: the one asked for, else the latest period already due, else the first. */
export function choosePeriod(facts: PlanFacts, periodId: string | null | undefined, today: string): ReportingPeriod {
  const periods = facts.graph.periods;
  if (periodId) {
    const p = facts.periodById.get(periodId);
    if (!p) throw new AppError("NOT_FOUND", "Không tìm thấy kỳ báo cáo của kế hoạch.");
    return p;
  }
  const due = periods.filter((p) => compareDates(p.due_date, today) <= 0);
  const p = due[due.length - 1] ?? periods[0];
  if (!p) throw new AppError("STATE", "Kế hoạch chưa có kỳ báo cáo nào để tổng hợp.");
  return p;
}

export async function buildConsolidatedReport(
  db: Executor,
  planId: string,
  opts: { periodId?: string | null; now: Date },
): Promise<{ report: ConsolidatedReport; period: ReportingPeriod }> {
  const facts = await loadPlanFacts(db, planId);
  const today = todayOf(opts.now);
  const period = choosePeriod(facts, opts.periodId, today);
  const { plan } = facts.graph;
  const [items, reports, issuerUnits] = await Promise.all([
    listReportedItemsForPeriod(db, period.id, ["accepted"]),
    listReportsForPlanPeriod(db, planId, period.id, { status: ["accepted"] }),
    plan.issuer_unit_id ? getUnits(db, [plan.issuer_unit_id]) : Promise.resolve([] as Unit[]),
  ]);
  const issuer = issuerUnits[0];
  const parent =
    issuer?.parent_id && SUPERIOR_KINDS.has(issuer.kind) ? (await getUnits(db, [issuer.parent_id]))[0] : undefined;

  const unitName = new Map(facts.units.map((u) => [u.id, u.name]));
  const asOf = compareDates(period.end_date, today) < 0 ? period.end_date : today;
  const evals = evaluateTasks(facts, factsByTask(facts), { asOf, periodEndUpTo: period.end_date });

  const itemsByTask = new Map<string, typeof items>();
  for (const i of items) {
    const list = itemsByTask.get(i.task_id) ?? [];
    list.push(i);
    itemsByTask.set(i.task_id, list);
  }
  const assignmentsByTask = new Map<string, typeof facts.graph.assignments>();
  for (const a of facts.graph.assignments) {
    const list = assignmentsByTask.get(a.task_id) ?? [];
    list.push(a);
    assignmentsByTask.set(a.task_id, list);
  }

  const difficulties: UnitNote[] = [];
  const proposals: UnitNote[] = [];
  const taskLabel = new Map(facts.graph.tasks.map((t) => [t.id, t.ref ? `Nhiệm vụ ${t.ref}` : t.title]));
  for (const r of reports) {
    if (r.difficulties?.trim()) difficulties.push({ unit: r.unit_name, text: r.difficulties.trim() });
    if (r.proposals?.trim()) proposals.push({ unit: r.unit_name, text: r.proposals.trim() });
  }
  const byUnitName = (a: { unit: string }, b: { unit: string }) => a.unit.localeCompare(b.unit, "vi");
  for (const i of items) {
    const name = unitName.get(i.unit_id) ?? "";
    const where = taskLabel.get(i.task_id);
    if (i.difficulties?.trim()) difficulties.push({ unit: name, text: `${where}: ${i.difficulties.trim()}` });
    if (i.proposals?.trim()) proposals.push({ unit: name, text: `${where}: ${i.proposals.trim()}` });
  }
  difficulties.sort(byUnitName);
  proposals.sort(byUnitName);

  const groupsOut: ConsolidatedReport["groups"] = [];
  const tasksByGroup = new Map<string | null, ConsolidatedTask[]>();
  for (const t of facts.graph.tasks) {
    const assignments = assignmentsByTask.get(t.id) ?? [];
    const leadIds = new Set(assignments.filter((a) => a.role === "lead" && a.unit_id).map((a) => a.unit_id!));
    const names = (role: "lead" | "support") =>
      assignments.filter((a) => a.role === role).map((a) => a.unit_name ?? a.printed_name);
    const contributions = (itemsByTask.get(t.id) ?? [])
      .map((i) => ({ unitId: i.unit_id, unit: unitName.get(i.unit_id) ?? "", result: i.result, percent: i.percent }))
      .sort(byUnitName);
    const e = evals.get(t.id)!;
    const out: ConsolidatedTask = {
      ref: t.ref,
      title: t.title,
      lead: names("lead"),
      support: names("support"),
      timeframe: describeTimeframe({ text: t.tf_text, ...timeframeOf(t) }),
      status: TASK_STATUS_LABEL[e.status],
      leadResults: contributions
        .filter((c) => leadIds.has(c.unitId))
        .map(({ unit, result, percent }) => ({ unit, result, percent })),
      partnerContributions: contributions
        .filter((c) => !leadIds.has(c.unitId))
        .map(({ unit, result, percent }) => ({ unit, result, percent })),
    };
    const list = tasksByGroup.get(t.group_id) ?? [];
    list.push(out);
    tasksByGroup.set(t.group_id, list);
  }
  for (const g of facts.graph.groups) {
    const tasks = tasksByGroup.get(g.id);
    if (tasks?.length) groupsOut.push({ ref: g.ref, title: g.title, tasks });
  }
  const ungrouped = tasksByGroup.get(null);
  if (ungrouped?.length)
    groupsOut.push({ ref: null, title: groupsOut.length ? "Nhiệm vụ khác" : null, tasks: ungrouped });

  const counts = new Map<string, number>();
  for (const e of evals.values()) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
  const rate = reportingRate(
    rateUnits(facts.units),
    { periodId: period.id, start: period.start_date, end: period.end_date, due: period.due_date },
    facts.reports
      .filter((r) => r.period_id === period.id)
      .map((r) => ({
        unitId: r.unit_id,
        periodId: r.period_id,
        status: r.status,
        submittedAt: r.submitted_at,
      })),
  );
  const issuerName = issuer?.name ?? plan.issuer_name ?? "";
  const recipients = [
    ...new Set(facts.graph.regimes.map((r) => r.recipient?.trim()).filter((r): r is string => !!r)),
    "Lưu: VT",
  ];

  return {
    period,
    report: {
      issuer: { superior: parent?.name ?? null, name: issuerName, abbreviation: abbreviationOf(plan.number) },
      place: plan.place ?? "",
      date: today,
      number: null,
      plan: {
        number: plan.number,
        issuedAt: plan.issued_at,
        issuer: plan.issuer_name ?? issuerName,
        title: plan.title,
      },
      period: { label: period.label, start: period.start_date, end: period.end_date },
      summary: {
        totalTasks: facts.graph.tasks.length,
        byStatus: TASK_STATUSES.filter((s) => counts.get(s)).map((s) => ({
          label: TASK_STATUS_LABEL[s],
          count: counts.get(s)!,
        })),
        expectedReports: rate.expected,
        submittedReports: rate.actual,
        onTimeReports: rate.onTime,
      },
      groups: groupsOut,
      difficulties,
      proposals,
      recipients,
      signer: { authority: null, title: null, name: plan.signer },
    },
  };
}

export function consolidatedFileName(report: ConsolidatedReport, ext: "docx" | "xlsx"): string {
  const clean = (s: string) => s.replace(/[\\/:*?"<>|]+/g, "-").trim();
  const what = ext === "docx" ? "Bao-cao-tong-hop" : "Phu-luc";
  return `${what}-${clean(report.plan.number ?? "ke-hoach")}-${clean(report.period.label)}.${ext}`;
}
