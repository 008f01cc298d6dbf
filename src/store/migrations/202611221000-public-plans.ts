/**
 * Public progress ("Công khai"): the plans whose progress the issuing body has chosen to publish to everyone.
 *
 * A separate table rather than a column on `plans`: making a plan public is a decision with its own author and time,
 * withdrawing it deletes the row (the audit log keeps the history), and the plan rows every other query reads stay
 * as they are. Self-contained on purpose (a migration never imports application code).
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("public_plans")
    .addColumn("plan_id", "text", (c) => c.primaryKey().notNull().references("plans.id").onDelete("cascade"))
    .addColumn("public_since", "text", (c) => c.notNull())
    .addColumn("made_public_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("public_plans_since_idx").on("public_plans").column("public_since").execute();
}
