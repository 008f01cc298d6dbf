/**
 * Public progress ("Công khai"): the published progress of the plans made public, for anyone, without login.
 *
 * Task status is the plan dashboard's (services/plan-overview: core `evaluateTask` over the lead units' latest
 * ACCEPTED report items, as of today), so the public pages always agree with the overview. What leaves this module
 * is the plan document's public content (numbers, titles, units, timeframes) and derived figures: no person's name,
 * no report text, no comment, nothing from a report that was not accepted.
 *
 * Queries: the list is six statements whatever the number of plans and tasks; a plan is ten.
 */
import { csvCell } from "../../core/csv.js";
import { completionRate, countStatuses, type TaskEvaluation } from "../../core/index.js";
import type { Executor } from "../../store/db.js";
import {
  getPublicPlan,
  listAcceptedFactsForPlans,
  listLeadUnitsOfPlans,
  listPublicPlans,
  listTasksOfPlans,
  type PublicPlanListRow,
} from "../../store/repos/public-plans.js";
import type { Task } from "../../store/schema.js";
import type { PublicPlanDto, PublicPlanSummaryDto, PublicTaskDto } from "../api-types.js";
import { AppError } from "../errors.js";
import { evaluateTasks, factsByTask, loadPlanFacts, type PlanFacts, statusCounts, todayOf } from "./plan-overview.js";

export const PUBLIC_PLAN_NOT_FOUND =
  "Không tìm thấy kế hoạch công khai. Kế hoạch không tồn tại hoặc chưa được công khai.";

function summary(
  plan: PublicPlanListRow,
  tasks: readonly Pick<Task, "id">[],
  evals: ReadonlyMap<string, TaskEvaluation>,
): PublicPlanSummaryDto {
  const counts = countStatuses(tasks.map((t) => evals.get(t.id)!.status));
  return {
    id: plan.id,
    docType: plan.doc_type,
    number: plan.number,
    title: plan.title,
    issuedAt: plan.issued_at,
    issuerName: plan.issuer_name,
    periodStart: plan.period_start,
    periodEnd: plan.period_end,
    status: plan.status === "closed" ? "closed" : "published",
    publicSince: plan.public_since,
    taskCount: counts.total,
    counts: statusCounts(counts),
    percentDone: completionRate(counts),
    overdueCount: counts.qua_han_chua_hoan_thanh,
  };
}

/** GET /public/plans: every public plan with its status counts and % completion. */
export async function listPublicPlanSummaries(db: Executor, now: Date): Promise<PublicPlanSummaryDto[]> {
  const today = todayOf(now);
  const plans = await listPublicPlans(db);
  if (!plans.length) return [];
  const ids = plans.map((p) => p.id);
  const [tasks, leads, accepted] = await Promise.all([
    listTasksOfPlans(db, ids),
    listLeadUnitsOfPlans(db, ids),
    listAcceptedFactsForPlans(db, ids),
  ]);
  const tasksOf = new Map<string, Task[]>();
  for (const t of tasks) {
    const list = tasksOf.get(t.plan_id);
    if (list) list.push(t);
    else tasksOf.set(t.plan_id, [t]);
  }
  const factsOf = new Map<string, PlanFacts["acceptedItems"]>();
  for (const f of accepted) {
    const list = factsOf.get(f.plan_id);
    if (list) list.push(f);
    else factsOf.set(f.plan_id, [f]);
  }
  const leadsOf = new Map<string, Set<string>>();
  for (const a of leads) {
    const set = leadsOf.get(a.task_id) ?? new Set<string>();
    set.add(a.unit_id);
    leadsOf.set(a.task_id, set);
  }
  return plans.map((plan) => {
    const own = tasksOf.get(plan.id) ?? [];
    // The dashboard's evaluation, fed from the bulk reads: only what status derivation reads is filled in.
    const facts: PlanFacts = {
      graph: { plan, groups: [], tasks: own, assignments: [], periods: [], regimes: [] },
      reports: [],
      acceptedItems: factsOf.get(plan.id) ?? [],
      units: [],
      leadsOf,
      periodById: new Map(),
    };
    const evals = evaluateTasks(facts, factsByTask(facts), { asOf: today });
    return summary(plan, own, evals);
  });
}

/** GET /public/plans/:id: the plan's header, counts, groups and tasks. NOT_FOUND unless the plan is public. */
export async function loadPublicPlan(db: Executor, planId: string, now: Date): Promise<PublicPlanDto> {
  const plan = await getPublicPlan(db, planId);
  if (!plan) throw new AppError("NOT_FOUND", PUBLIC_PLAN_NOT_FOUND);
  const facts = await loadPlanFacts(db, plan.id);
  const asOf = todayOf(now);
  const evals = evaluateTasks(facts, factsByTask(facts), { asOf });
  const units = new Map<string, { lead: string[]; partner: string[] }>();
  for (const a of facts.graph.assignments) {
    const name = a.unit_name ?? a.printed_name;
    let e = units.get(a.task_id);
    if (!e) {
      e = { lead: [], partner: [] };
      units.set(a.task_id, e);
    }
    const list = a.role === "lead" ? e.lead : e.partner;
    if (name && !list.includes(name)) list.push(name);
  }
  const tasks: PublicTaskDto[] = facts.graph.tasks.map((t) => {
    const e = evals.get(t.id)!;
    const u = units.get(t.id);
    return {
      id: t.id,
      ref: t.ref,
      groupId: t.group_id,
      title: t.title,
      product: t.product,
      leadUnits: u?.lead ?? [],
      partnerUnits: u?.partner ?? [],
      timeframe: t.tf_text,
      dueDate: e.due,
      status: e.status,
      statusLabel: e.label,
      dueSoon: e.dueSoon,
      percent: e.percent,
    };
  });
  return {
    ...summary(plan, facts.graph.tasks, evals),
    asOf,
    groups: facts.graph.groups.map((g) => ({ id: g.id, ref: g.ref, title: g.title })),
    tasks,
  };
}

// ── downloads ──────────────────────────────────────────────────────────────────────────────────────────────────

/** "2025-06-30" → "30/06/2025"; null → "". */
function viDate(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : "";
}

/** 45.5 → "45,5" (Vietnamese decimal comma); null → "". */
function viNumber(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return "";
  return String(Math.round(n * 10) / 10).replace(".", ",");
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. A value a spreadsheet
 * would run as a formula (=, +, -, @, tab or CR first) gets a leading apostrophe, so an opened download never computes
 * anything. A leading "-" is defused even before a space ("- 1+cmd|…" still runs as a formula in Excel), at the cost of
 * an apostrophe before bullet-like titles.
 */
/** One CSV cell of the public download (shared quoting and formula guard). */
export const csvField = csvCell;

export const PUBLIC_CSV_HEADER = [
  "TT",
  "Nhóm nhiệm vụ",
  "Nhiệm vụ",
  "Sản phẩm",
  "Đơn vị chủ trì",
  "Đơn vị phối hợp",
  "Thời gian thực hiện",
  "Hạn hoàn thành",
  "Tình trạng",
  "Tỷ lệ hoàn thành (%)",
];

/** The plan's tasks as CSV: UTF-8 with a byte-order mark (so Excel reads Vietnamese correctly), CRLF line ends. */
export function publicTasksCsv(plan: PublicPlanDto): string {
  const groups = new Map(plan.groups.map((g) => [g.id, g.ref ? `${g.ref}. ${g.title}` : g.title]));
  const rows: string[][] = [PUBLIC_CSV_HEADER];
  for (const t of plan.tasks) {
    rows.push([
      t.ref ?? "",
      t.groupId ? (groups.get(t.groupId) ?? "") : "",
      t.title,
      t.product ?? "",
      t.leadUnits.join("; "),
      t.partnerUnits.join("; "),
      t.timeframe ?? "",
      viDate(t.dueDate),
      t.statusLabel,
      viNumber(t.percent),
    ]);
  }
  return `\uFEFF${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/** "121/KH-UBND" → "tien-do-121-KH-UBND" (the download's file name, without extension). */
export function publicFileStem(plan: Pick<PublicPlanDto, "number" | "id">): string {
  const n = (plan.number ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `tien-do-${n || plan.id.slice(0, 8)}`;
}
