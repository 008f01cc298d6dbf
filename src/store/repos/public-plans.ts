/**
 * Public progress ("Công khai"): which plans are public, and the reads behind the public pages. Every read of many
 * plans is one statement (or one per chunk of a long id list), whatever the number of plans or tasks; only data of
 * ACCEPTED reports is read, and never their texts.
 */
import type { Selectable } from "kysely";
import type { Executor } from "../db.js";
import type { Plan, PublicPlansTable } from "../schema.js";
import { chunked } from "../sql/insert.js";
import type { TaskFactRow } from "./overview.js";

export type PublicPlanRow = Selectable<PublicPlansTable>;

/** A public plan: the plan (without its source document) and since when it is public. */
export type PublicPlanListRow = Omit<Plan, "document_json"> & { public_since: string };

const PLAN_COLUMNS = [
  "plans.id",
  "plans.doc_type",
  "plans.number",
  "plans.issuer_unit_id",
  "plans.issuer_name",
  "plans.issued_at",
  "plans.place",
  "plans.title",
  "plans.period_start",
  "plans.period_end",
  "plans.signer",
  "plans.status",
  "plans.revision",
  "plans.source_file_id",
  "plans.source_sha256",
  "plans.is_stub",
  "plans.created_by",
  "plans.created_at",
  "plans.updated_at",
  "plans.published_at",
  "plans.search_key",
] as const;

export async function getPublicPlanRow(db: Executor, planId: string): Promise<PublicPlanRow | undefined> {
  return db.selectFrom("public_plans").selectAll().where("plan_id", "=", planId).executeTakeFirst();
}

/** Makes the plan public (since `since`) or withdraws it (`since` null). Returns the row now in force, if any. */
export async function setPublicPlanRow(
  db: Executor,
  planId: string,
  since: string | null,
  by: string | null,
): Promise<PublicPlanRow | undefined> {
  if (since === null) {
    await db.deleteFrom("public_plans").where("plan_id", "=", planId).execute();
    return undefined;
  }
  const existing = await getPublicPlanRow(db, planId);
  if (existing) return existing;
  const row = { plan_id: planId, public_since: since, made_public_by: by };
  await db.insertInto("public_plans").values(row).execute();
  return row;
}

function publicPlans(db: Executor) {
  return db
    .selectFrom("plans")
    .innerJoin("public_plans as pp", "pp.plan_id", "plans.id")
    .where("plans.status", "in", ["published", "closed"])
    .where("plans.is_stub", "=", 0);
}

/** Public plans (published or closed, made public), newest issued first. One query. */
export async function listPublicPlans(
  db: Executor,
  opts: { ids?: readonly string[] } = {},
): Promise<PublicPlanListRow[]> {
  let q = publicPlans(db).select([...PLAN_COLUMNS, "pp.public_since"]);
  if (opts.ids) q = q.where("plans.id", "in", opts.ids.length ? [...opts.ids] : [""]);
  const rows = await q.orderBy("plans.issued_at", "desc").orderBy("plans.number").orderBy("plans.id").execute();
  // SQLite and PostgreSQL order NULL dates differently: undated plans go last on both.
  return [...rows.filter((r) => r.issued_at !== null), ...rows.filter((r) => r.issued_at === null)];
}

/** The plan if it is public (published or closed, made public); undefined otherwise. One query. */
export async function getPublicPlan(db: Executor, planId: string): Promise<PublicPlanListRow | undefined> {
  return publicPlans(db)
    .select([...PLAN_COLUMNS, "pp.public_since"])
    .where("plans.id", "=", planId)
    .executeTakeFirst();
}

/** Every task of these plans, in document order. */
export async function listTasksOfPlans(db: Executor, planIds: readonly string[]) {
  const out = [];
  for (const part of chunked([...new Set(planIds)])) {
    if (!part.length) continue;
    out.push(
      ...(await db
        .selectFrom("tasks")
        .selectAll()
        .where("plan_id", "in", part)
        .orderBy("plan_id")
        .orderBy("position")
        .orderBy("id")
        .execute()),
    );
  }
  return out;
}

/** The resolved lead units of the tasks of these plans (task status speaks with the leads' reports). */
export async function listLeadUnitsOfPlans(
  db: Executor,
  planIds: readonly string[],
): Promise<{ task_id: string; unit_id: string }[]> {
  const out: { task_id: string; unit_id: string }[] = [];
  for (const part of chunked([...new Set(planIds)])) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom("task_assignments")
      .select(["task_id", "unit_id"])
      .where("plan_id", "in", part)
      .where("role", "=", "lead")
      .where("unit_id", "is not", null)
      .execute();
    for (const r of rows) if (r.unit_id) out.push({ task_id: r.task_id, unit_id: r.unit_id });
  }
  return out;
}

/** The items of the ACCEPTED reports of these plans, without their texts (as listAcceptedFactsForPlan, in bulk). */
export async function listAcceptedFactsForPlans(
  db: Executor,
  planIds: readonly string[],
): Promise<(TaskFactRow & { plan_id: string })[]> {
  const out: (TaskFactRow & { plan_id: string })[] = [];
  for (const part of chunked([...new Set(planIds)])) {
    if (!part.length) continue;
    out.push(
      ...(await db
        .selectFrom("report_items as i")
        .innerJoin("progress_reports as r", "r.id", "i.report_id")
        .innerJoin("reporting_periods as rp", "rp.id", "r.period_id")
        .select([
          "r.plan_id",
          "i.task_id",
          "r.unit_id",
          "rp.end_date as period_end",
          "r.reviewed_at",
          "i.status",
          "i.percent",
          "i.completed_on",
        ])
        .where("r.plan_id", "in", part)
        .where("r.status", "=", "accepted")
        .execute()),
    );
  }
  return out;
}
