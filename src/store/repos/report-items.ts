/**
 * Report rows created on demand without touching the report's version: attaching evidence to a task needs its item
 * to exist, but must not make the person autosaving the form run into a conflict.
 */
import type { Transaction } from "kysely";
import { newId } from "../ids.js";
import type { DB, ProgressReport, ReportItem } from "../schema.js";

/** The unit's report for the period, created empty (draft, version 1) when missing. */
export async function ensureReport(
  tx: Transaction<DB>,
  input: { plan_id: string; period_id: string; unit_id: string; plan_revision: number; updated_by: string | null },
  now: string,
): Promise<ProgressReport> {
  await tx
    .insertInto("progress_reports")
    .values({
      id: newId(),
      plan_id: input.plan_id,
      period_id: input.period_id,
      unit_id: input.unit_id,
      plan_revision: input.plan_revision,
      status: "draft",
      version: 1,
      summary: null,
      difficulties: null,
      proposals: null,
      created_at: now,
      updated_at: now,
      updated_by: input.updated_by,
    })
    .onConflict((oc) => oc.columns(["period_id", "unit_id"]).doNothing())
    .execute();
  return tx
    .selectFrom("progress_reports")
    .selectAll()
    .where("period_id", "=", input.period_id)
    .where("unit_id", "=", input.unit_id)
    .executeTakeFirstOrThrow();
}

/** The report's item for a task, created "not started" when missing. */
export async function ensureReportItem(
  tx: Transaction<DB>,
  reportId: string,
  taskId: string,
  now: string,
): Promise<ReportItem> {
  await tx
    .insertInto("report_items")
    .values({
      id: newId(),
      report_id: reportId,
      task_id: taskId,
      status: "not_started",
      percent: null,
      result: null,
      difficulties: null,
      proposals: null,
      completed_on: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(["report_id", "task_id"]).doNothing())
    .execute();
  return tx
    .selectFrom("report_items")
    .selectAll()
    .where("report_id", "=", reportId)
    .where("task_id", "=", taskId)
    .executeTakeFirstOrThrow();
}
