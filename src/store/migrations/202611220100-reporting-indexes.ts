/**
 * Indexes for the reporting cycle's jobs and dashboards (self-contained: never imports application code).
 *
 * - notifications not yet e-mailed/delivered, by kind and creation time: the reminders job looks for them every run,
 *   and the table grows by hundreds of thousands of rows a year; a partial index (both engines support
 *   `CREATE INDEX … WHERE`) keeps that lookup to the pending rows only.
 * - progress reports by plan and status: task status reads the accepted reports of a plan.
 */
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("notifications_pending_idx")
    .on("notifications")
    .columns(["kind", "created_at"])
    .where(sql.ref("emailed_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("progress_reports_plan_status_idx")
    .on("progress_reports")
    .columns(["plan_id", "status"])
    .execute();
}
