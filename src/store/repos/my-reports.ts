/**
 * The reports waiting for someone: what a unit still has to report (no report, a draft, a returned one), and the
 * submitted reports waiting for a leader's approval or the coordinator's acceptance. Permission filtering is the
 * caller's (policies); these queries only narrow the candidates.
 */
import type { Executor } from "../db.js";
import type { ReportStatus } from "../schema.js";
import { chunked } from "../sql/insert.js";

export interface ReportDutyRow {
  plan_id: string;
  plan_number: string | null;
  plan_title: string;
  plan_issuer_unit_id: string | null;
  period_id: string;
  period_label: string;
  start_date: string;
  end_date: string;
  due_date: string;
  locked: number;
  unit_id: string;
  unit_name: string;
  report_id: string | null;
  status: ReportStatus | null;
  submitted_at: string | null;
  review_comment: string | null;
  updated_at: string | null;
}

/** What a unit report list row reads (plan p, period rp, unit u, report r), for ReportDutyRow. */
const REPORT_DUTY_COLUMNS = [
  "p.id as plan_id",
  "p.number as plan_number",
  "p.title as plan_title",
  "p.issuer_unit_id as plan_issuer_unit_id",
  "rp.id as period_id",
  "rp.label as period_label",
  "rp.start_date",
  "rp.end_date",
  "rp.due_date",
  "rp.locked",
  "u.id as unit_id",
  "u.name as unit_name",
  "r.id as report_id",
  "r.status",
  "r.submitted_at",
  "r.review_comment",
  "r.updated_at",
] as const;

/**
 * Periods of published plans in which one of the units has a task (lead or support) and has not sent its report yet:
 * no report or a draft due on/before `dueBy`, and every returned report whatever its due date. Oldest due first.
 */
export async function listReportDuties(
  db: Executor,
  unitIds: readonly string[],
  opts: { dueBy: string; limit?: number },
): Promise<ReportDutyRow[]> {
  const ids = [...new Set(unitIds)];
  if (!ids.length) return [];
  const rows = await db
    .selectFrom((eb) =>
      eb.selectFrom("task_assignments").select(["plan_id", "unit_id"]).distinct().where("unit_id", "in", ids).as("pu"),
    )
    .innerJoin("plans as p", "p.id", "pu.plan_id")
    .innerJoin("reporting_periods as rp", "rp.plan_id", "pu.plan_id")
    .innerJoin("units as u", "u.id", "pu.unit_id")
    .leftJoin("progress_reports as r", (j) =>
      j.onRef("r.period_id", "=", "rp.id").onRef("r.unit_id", "=", "pu.unit_id"),
    )
    .select(REPORT_DUTY_COLUMNS)
    .where("p.status", "=", "published")
    .where((eb) =>
      eb.or([
        eb("r.status", "=", "returned"),
        eb.and([eb.or([eb("r.id", "is", null), eb("r.status", "=", "draft")]), eb("rp.due_date", "<=", opts.dueBy)]),
      ]),
    )
    .orderBy("rp.due_date")
    .orderBy("u.name")
    .orderBy("rp.id")
    .limit(opts.limit ?? 300)
    .execute();
  return rows as ReportDutyRow[];
}

/** Reports of published plans in one of `statuses` (submitted, approved…), oldest submission first. */
export async function listReportsInStatus(
  db: Executor,
  statuses: readonly ReportStatus[],
  opts: { limit?: number } = {},
): Promise<ReportDutyRow[]> {
  if (!statuses.length) return [];
  const rows = await db
    .selectFrom("progress_reports as r")
    .innerJoin("plans as p", "p.id", "r.plan_id")
    .innerJoin("reporting_periods as rp", "rp.id", "r.period_id")
    .innerJoin("units as u", "u.id", "r.unit_id")
    .select(REPORT_DUTY_COLUMNS)
    .where("p.status", "=", "published")
    .where("r.status", "in", [...statuses])
    .orderBy("r.submitted_at")
    .orderBy("r.id")
    .limit(opts.limit ?? 500)
    .execute();
  return rows as ReportDutyRow[];
}

/**
 * For people who follow reports without filling them: every (period, assigned unit) of published plans with the
 * period due between `from` and `to` (inclusive), where the unit is one of `unitIds` or the plan was issued by one of
 * them, with the unit's report when started. Latest due first; at most `limit` rows (default 500).
 */
export async function listReportsInReach(
  db: Executor,
  unitIds: readonly string[],
  opts: { from: string; to: string; limit?: number },
): Promise<ReportDutyRow[]> {
  const ids = [...new Set(unitIds)];
  const limit = opts.limit ?? 500;
  const byKey = new Map<string, ReportDutyRow>();
  for (const part of chunked(ids, 1000)) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom((eb) =>
        eb
          .selectFrom("task_assignments as a")
          .innerJoin("plans as pp", "pp.id", "a.plan_id")
          .select(["a.plan_id", "a.unit_id"])
          .distinct()
          .where("a.unit_id", "is not", null)
          .where((w) => w.or([w("a.unit_id", "in", part), w("pp.issuer_unit_id", "in", part)]))
          .as("pu"),
      )
      .innerJoin("plans as p", "p.id", "pu.plan_id")
      .innerJoin("reporting_periods as rp", "rp.plan_id", "pu.plan_id")
      .innerJoin("units as u", "u.id", "pu.unit_id")
      .leftJoin("progress_reports as r", (j) =>
        j.onRef("r.period_id", "=", "rp.id").onRef("r.unit_id", "=", "pu.unit_id"),
      )
      .select(REPORT_DUTY_COLUMNS)
      .where("p.status", "=", "published")
      .where("rp.due_date", ">=", opts.from)
      .where("rp.due_date", "<=", opts.to)
      .orderBy("rp.due_date", "desc")
      .orderBy("u.name")
      .orderBy("rp.id")
      .limit(limit)
      .execute();
    for (const r of rows as ReportDutyRow[]) byKey.set(`${r.period_id}:${r.unit_id}`, r);
  }
  return [...byKey.values()]
    .sort(
      (a, b) =>
        b.due_date.localeCompare(a.due_date) ||
        a.unit_name.localeCompare(b.unit_name, "vi") ||
        a.period_id.localeCompare(b.period_id),
    )
    .slice(0, limit);
}
