/**
 * Progress reports [báo cáo tiến độ]: one unit, one plan, one period, with one item per task. Every save names the
 * version it edited (optimistic locking): a stale save returns null and changes nothing.
 */
import type { Selectable, Updateable } from "kysely";
import { type Executor, inTransaction } from "../db.js";
import { newId, nowIso } from "../ids.js";
import type {
  EvidenceFilesTable,
  ItemStatus,
  ProgressReport,
  ProgressReportsTable,
  ReportItem,
  ReportStatus,
} from "../schema.js";
import { chunked } from "../sql/insert.js";
import { sha256Hex } from "./source-files.js";

export interface ReportWithItems {
  report: ProgressReport;
  items: ReportItem[];
}

export interface ReportItemInput {
  task_id: string;
  status: ItemStatus;
  percent?: number | null;
  result?: string | null;
  difficulties?: string | null;
  proposals?: string | null;
  completed_on?: string | null;
}

export interface SaveReportInput {
  plan_id: string;
  period_id: string;
  unit_id: string;
  plan_revision: number;
  /** null: create the report (fails with null if it already exists); a number: the version being edited. */
  expected_version: number | null;
  summary?: string | null;
  difficulties?: string | null;
  proposals?: string | null;
  /** Items to create or overwrite (by task); items of other tasks are left as they are. */
  items?: readonly ReportItemInput[];
  updated_by?: string | null;
  /** Status of a newly created report; default "draft". Ignored on update (see setReportStatus). */
  status?: ReportStatus;
}

export async function getReport(db: Executor, id: string): Promise<ReportWithItems | undefined> {
  const report = await db.selectFrom("progress_reports").selectAll().where("id", "=", id).executeTakeFirst();
  if (!report) return undefined;
  return { report, items: await listReportItems(db, [report.id]) };
}

/** The unit's report for a period, if it has one. */
export async function getUnitReport(
  db: Executor,
  periodId: string,
  unitId: string,
): Promise<ReportWithItems | undefined> {
  const report = await db
    .selectFrom("progress_reports")
    .selectAll()
    .where("period_id", "=", periodId)
    .where("unit_id", "=", unitId)
    .executeTakeFirst();
  if (!report) return undefined;
  return { report, items: await listReportItems(db, [report.id]) };
}

/**
 * Creates or updates a unit's report for a period with its items, atomically. Returns null on a version conflict
 * (someone saved first, or the report was created meanwhile): nothing is written then.
 */
export async function saveReport(
  db: Executor,
  input: SaveReportInput,
  now = nowIso(),
): Promise<ReportWithItems | null> {
  return inTransaction(db, async (tx) => {
    let reportId: string;
    if (input.expected_version === null) {
      const id = newId();
      const created = await tx
        .insertInto("progress_reports")
        .values({
          id,
          plan_id: input.plan_id,
          period_id: input.period_id,
          unit_id: input.unit_id,
          plan_revision: input.plan_revision,
          status: input.status ?? "draft",
          version: 1,
          summary: input.summary ?? null,
          difficulties: input.difficulties ?? null,
          proposals: input.proposals ?? null,
          created_at: now,
          updated_at: now,
          updated_by: input.updated_by ?? null,
        })
        .onConflict((oc) => oc.columns(["period_id", "unit_id"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!created) return null;
      reportId = created.id;
    } else {
      const updated = await tx
        .updateTable("progress_reports")
        .set((eb) => ({
          ...(input.summary !== undefined ? { summary: input.summary } : {}),
          ...(input.difficulties !== undefined ? { difficulties: input.difficulties } : {}),
          ...(input.proposals !== undefined ? { proposals: input.proposals } : {}),
          plan_revision: input.plan_revision,
          version: eb("version", "+", 1),
          updated_at: now,
          updated_by: input.updated_by ?? null,
        }))
        .where("period_id", "=", input.period_id)
        .where("unit_id", "=", input.unit_id)
        .where("plan_id", "=", input.plan_id)
        .where("version", "=", input.expected_version)
        .returning("id")
        .executeTakeFirst();
      if (!updated) return null;
      reportId = updated.id;
    }
    await upsertReportItems(tx, reportId, input.items ?? [], now);
    const saved = await getReport(tx, reportId);
    return saved ?? null;
  });
}

/** Creates or overwrites items by (report, task) in batched INSERT … ON CONFLICT statements. */
async function upsertReportItems(db: Executor, reportId: string, items: readonly ReportItemInput[], now: string) {
  // The last item for a task wins, as if saved one after the other.
  const byTask = new Map(items.map((i) => [i.task_id, i]));
  const rows = [...byTask.values()].map((i) => ({
    id: newId(),
    report_id: reportId,
    task_id: i.task_id,
    status: i.status,
    percent: i.percent ?? null,
    result: i.result ?? null,
    difficulties: i.difficulties ?? null,
    proposals: i.proposals ?? null,
    completed_on: i.completed_on ?? null,
    updated_at: now,
  }));
  // 10 columns per row: 1000 rows stay under both engines' parameter limits.
  for (const part of chunked(rows, 1000)) {
    if (!part.length) continue;
    await db
      .insertInto("report_items")
      .values(part)
      .onConflict((oc) =>
        oc.columns(["report_id", "task_id"]).doUpdateSet((eb) => ({
          status: eb.ref("excluded.status"),
          percent: eb.ref("excluded.percent"),
          result: eb.ref("excluded.result"),
          difficulties: eb.ref("excluded.difficulties"),
          proposals: eb.ref("excluded.proposals"),
          completed_on: eb.ref("excluded.completed_on"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}

export type ReportStatusPatch = Pick<
  Updateable<ProgressReportsTable>,
  | "submitted_at"
  | "submitted_by"
  | "approved_at"
  | "approved_by"
  | "reviewed_at"
  | "reviewed_by"
  | "review_comment"
  | "updated_by"
>;

/**
 * Moves a report to `status` (submit, approve, accept, return) if it is still at `expectedVersion`; bumps the
 * version. Null on conflict or when the report does not exist. Whether the move is allowed is the caller's rule.
 */
export async function setReportStatus(
  db: Executor,
  id: string,
  expectedVersion: number,
  status: ReportStatus,
  patch: ReportStatusPatch = {},
  now = nowIso(),
): Promise<ProgressReport | null> {
  const row = await db
    .updateTable("progress_reports")
    .set((eb) => ({ ...patch, status, version: eb("version", "+", 1), updated_at: now }))
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Items of the given reports, by report then task. */
export async function listReportItems(db: Executor, reportIds: readonly string[]): Promise<ReportItem[]> {
  const out: ReportItem[] = [];
  for (const part of chunked([...new Set(reportIds)])) {
    if (!part.length) continue;
    out.push(
      ...(await db
        .selectFrom("report_items")
        .selectAll()
        .where("report_id", "in", part)
        .orderBy("report_id")
        .orderBy("task_id")
        .execute()),
    );
  }
  return out;
}

export type ReportListRow = ProgressReport & { unit_name: string; item_count: number };

/** The reports of a plan's period, by unit name, with item counts (one query). */
export async function listReportsForPlanPeriod(
  db: Executor,
  planId: string,
  periodId: string,
  opts: { status?: readonly ReportStatus[] } = {},
): Promise<ReportListRow[]> {
  let q = db
    .selectFrom("progress_reports as r")
    .innerJoin("units as u", "u.id", "r.unit_id")
    .selectAll("r")
    .select("u.name as unit_name")
    .select((eb) =>
      eb
        .selectFrom("report_items as i")
        .select((eb2) => eb2.fn.countAll<number>().as("n"))
        .whereRef("i.report_id", "=", "r.id")
        .as("item_count"),
    )
    .where("r.plan_id", "=", planId)
    .where("r.period_id", "=", periodId);
  if (opts.status) q = q.where("r.status", "in", opts.status.length ? [...opts.status] : ["__none__" as ReportStatus]);
  const rows = (await q.orderBy("u.name").orderBy("r.id").execute()) as ReportListRow[];
  return rows.map((r) => ({ ...r, item_count: Number(r.item_count ?? 0) }));
}

export type UnitReportRow = ProgressReport & { period_label: string; period_due_date: string; plan_title: string };

/** A unit's reports, latest period first. */
export async function listReportsForUnit(
  db: Executor,
  unitId: string,
  opts: { planId?: string; limit?: number } = {},
): Promise<UnitReportRow[]> {
  let q = db
    .selectFrom("progress_reports as r")
    .innerJoin("reporting_periods as rp", "rp.id", "r.period_id")
    .innerJoin("plans as p", "p.id", "r.plan_id")
    .selectAll("r")
    .select(["rp.label as period_label", "rp.due_date as period_due_date", "p.title as plan_title"])
    .where("r.unit_id", "=", unitId);
  if (opts.planId) q = q.where("r.plan_id", "=", opts.planId);
  return q
    .orderBy("rp.due_date", "desc")
    .orderBy("r.id")
    .limit(opts.limit ?? 200)
    .execute();
}

export type LatestItemRow = ReportItem & {
  unit_id: string;
  period_id: string;
  period_end: string;
  report_status: ReportStatus;
};

/**
 * For each (task, unit), the item of the most recent period among reports in `statuses` (default: accepted):
 * what task status and progress are derived from. Two queries in all; the choice of the latest is made here
 * (same result on both engines, no window functions needed).
 */
export async function latestItemsForTasks(
  db: Executor,
  taskIds: readonly string[],
  statuses: readonly ReportStatus[] = ["accepted"],
): Promise<LatestItemRow[]> {
  const latest = new Map<string, LatestItemRow>();
  for (const part of chunked([...new Set(taskIds)])) {
    if (!part.length || !statuses.length) continue;
    const rows = await db
      .selectFrom("report_items as i")
      .innerJoin("progress_reports as r", "r.id", "i.report_id")
      .innerJoin("reporting_periods as rp", "rp.id", "r.period_id")
      .selectAll("i")
      .select(["r.unit_id", "r.period_id", "rp.end_date as period_end", "r.status as report_status"])
      .where("i.task_id", "in", part)
      .where("r.status", "in", [...statuses])
      .execute();
    for (const row of rows) {
      const key = `${row.task_id}\u0000${row.unit_id}`;
      const seen = latest.get(key);
      if (
        !seen ||
        row.period_end > seen.period_end ||
        (row.period_end === seen.period_end && row.updated_at > seen.updated_at)
      ) {
        latest.set(key, row);
      }
    }
  }
  return [...latest.values()];
}

// ── evidence files ─────────────────────────────────────────────────────────────────────────────────────────────

export type EvidenceFile = Selectable<EvidenceFilesTable>;
export type EvidenceFileMeta = Omit<EvidenceFile, "content">;

export async function addEvidenceFile(
  db: Executor,
  input: { report_item_id: string; file_name: string; mime: string; content: Buffer; uploaded_by?: string | null },
  now = nowIso(),
): Promise<EvidenceFileMeta> {
  const row = {
    id: newId(),
    report_item_id: input.report_item_id,
    file_name: input.file_name,
    mime: input.mime,
    size: input.content.length,
    sha256: sha256Hex(input.content),
    uploaded_by: input.uploaded_by ?? null,
    created_at: now,
  };
  await db
    .insertInto("evidence_files")
    .values({ ...row, content: input.content })
    .execute();
  return row;
}

const EVIDENCE_META = [
  "id",
  "report_item_id",
  "file_name",
  "mime",
  "size",
  "sha256",
  "uploaded_by",
  "created_at",
] as const;

export async function listEvidenceFiles(db: Executor, reportItemIds: readonly string[]): Promise<EvidenceFileMeta[]> {
  const out: EvidenceFileMeta[] = [];
  for (const part of chunked([...new Set(reportItemIds)])) {
    if (!part.length) continue;
    out.push(
      ...(await db
        .selectFrom("evidence_files")
        .select(EVIDENCE_META)
        .where("report_item_id", "in", part)
        .orderBy("created_at")
        .execute()),
    );
  }
  return out;
}

export async function getEvidenceFile(db: Executor, id: string): Promise<EvidenceFile | undefined> {
  return db.selectFrom("evidence_files").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function deleteEvidenceFile(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom("evidence_files").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
