/**
 * Administrator-editable settings, one typed row (id "app"), self-contained: never imports application code.
 *
 * Every setting column is nullable: NULL means "not set here, use the server's environment variable" (the
 * environment gives the defaults, a saved value overrides it). For text settings an empty string is a saved value
 * meaning "none" (e.g. no webhook even though TIENDO_WEBHOOK_URL is set). Booleans are 0/1 as everywhere.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("app_settings")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("reminders_enabled", "integer")
    .addColumn("reminder_days_before", "integer")
    .addColumn("smtp_host", "text")
    .addColumn("smtp_port", "integer")
    .addColumn("smtp_secure", "integer")
    .addColumn("smtp_user", "text")
    .addColumn("smtp_password", "text")
    .addColumn("smtp_from", "text")
    .addColumn("webhook_url", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();
}
