/**
 * What the plan list shows beside each plan (next period due, % done, overdue tasks), for a page of plans in a fixed
 * number of queries whatever the page size.
 */
import type { Executor } from "../db.js";
import type { Plan, ReportingPeriod, Task } from "../schema.js";
import { chunked } from "../sql/insert.js";

export type TaskStatRow = Pick<
  Task,
  "id" | "plan_id" | "tf_kind" | "tf_start" | "tf_end" | "tf_deadlines" | "due_date" | "paused_at"
>;

/** The tasks of these plans, with only the columns status derivation needs. */
export async function listTaskStatsForPlans(db: Executor, planIds: readonly string[]): Promise<TaskStatRow[]> {
  const out: TaskStatRow[] = [];
  for (const part of chunked([...new Set(planIds)])) {
    if (!part.length) continue;
    out.push(
      ...(await db
        .selectFrom("tasks")
        .select(["id", "plan_id", "tf_kind", "tf_start", "tf_end", "tf_deadlines", "due_date", "paused_at"])
        .where("plan_id", "in", part)
        .execute()),
    );
  }
  return out;
}

/** Periods of these plans due on or after `from`, by due date. */
export async function listUpcomingPeriodsForPlans(
  db: Executor,
  planIds: readonly string[],
  from: string,
): Promise<ReportingPeriod[]> {
  const out: ReportingPeriod[] = [];
  for (const part of chunked([...new Set(planIds)])) {
    if (!part.length) continue;
    out.push(
      ...(await db
        .selectFrom("reporting_periods")
        .selectAll()
        .where("plan_id", "in", part)
        .where("due_date", ">=", from)
        .orderBy("due_date")
        .orderBy("start_date")
        .execute()),
    );
  }
  return out;
}

/** A published (or closed) plan made from the file with this SHA-256, if any: re-publishing the same file is skipped. */
export async function findPlanBySourceSha256(
  db: Executor,
  sha256: string,
): Promise<Pick<Plan, "id" | "number" | "title"> | undefined> {
  return db
    .selectFrom("plans")
    .select(["id", "number", "title"])
    .where("source_sha256", "=", sha256.toLowerCase())
    .where("status", "in", ["published", "closed"])
    .where("is_stub", "=", 0)
    .orderBy("created_at")
    .executeTakeFirst();
}

/**
 * Moves the links that point at a stub superior plan to the real plan once it is published (subordinate plans keep
 * their cascade), then deletes the stub (its own links and revision go with it). Returns the number of links moved. Call inside the publishing transaction.
 */
export async function replaceStubPlan(db: Executor, stubId: string, planId: string): Promise<number> {
  const moved = await db
    .updateTable("plan_links")
    .set({ superior_plan_id: planId })
    .where("superior_plan_id", "=", stubId)
    .executeTakeFirst();
  await db.deleteFrom("plans").where("id", "=", stubId).where("is_stub", "=", 1).execute();
  return Number(moved.numUpdatedRows);
}
