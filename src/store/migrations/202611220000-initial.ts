/**
 * The initial schema: every table of src/store/schema.ts.
 *
 * Self-contained on purpose (a migration is history: it never imports application code). The only engine
 * difference is the binary type, detected from the adapter.
 *
 * Foreign keys: ON DELETE CASCADE where the child means nothing without its parent (a plan's tasks, a report's
 * items); SET NULL for optional references (the user who created something, a resolved unit group); no action for
 * required references to long-lived entities (a report's unit, an import's creator): such deletes must fail.
 */
import { type CreateTableBuilder, type Kysely, PostgresAdapter } from "kysely";

type Blob = "blob" | "bytea";

function blobType(db: { getExecutor(): { adapter: unknown } }): Blob {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "bytea" : "blob";
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against Kysely<any> by design.
type Table = CreateTableBuilder<any, any>;

function idColumn(t: Table): Table {
  return t.addColumn("id", "text", (c) => c.primaryKey().notNull());
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  const blob = blobType(db);
  const s = db.schema;

  await idColumn(s.createTable("units"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("parent_id", "text", (c) => c.references("units.id"))
    .addColumn("aliases", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("search_key", "text", (c) => c.notNull())
    .addColumn("valid_from", "text")
    .addColumn("valid_to", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("units_parent_idx").on("units").column("parent_id").execute();
  await s.createIndex("units_search_key_idx").on("units").column("search_key").execute();

  await idColumn(s.createTable("unit_successions"))
    .addColumn("predecessor_id", "text", (c) => c.notNull().references("units.id").onDelete("cascade"))
    .addColumn("successor_id", "text", (c) => c.notNull().references("units.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("effective_on", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("unit_successions_pred_idx").on("unit_successions").column("predecessor_id").execute();
  await s.createIndex("unit_successions_succ_idx").on("unit_successions").column("successor_id").execute();

  await idColumn(s.createTable("unit_groups"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("owner_unit_id", "text", (c) => c.references("units.id").onDelete("cascade"))
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("aliases", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("search_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("unit_groups_owner_idx").on("unit_groups").column("owner_unit_id").execute();
  await s.createIndex("unit_groups_search_key_idx").on("unit_groups").column("search_key").execute();

  await s
    .createTable("unit_group_members")
    .addColumn("group_id", "text", (c) => c.notNull().references("unit_groups.id").onDelete("cascade"))
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("unit_group_members_pk", ["group_id", "unit_id"])
    .execute();
  await s.createIndex("unit_group_members_unit_idx").on("unit_group_members").column("unit_id").execute();

  await idColumn(s.createTable("users"))
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("is_admin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "text")
    .addColumn("password_changed_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await idColumn(s.createTable("memberships"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("memberships_user_unit_role_uq", ["user_id", "unit_id", "role"])
    .execute();
  await s.createIndex("memberships_unit_idx").on("memberships").columns(["unit_id", "role"]).execute();

  await idColumn(s.createTable("sessions"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();
  await s.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await idColumn(s.createTable("api_tokens"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("expires_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await s.createIndex("api_tokens_user_idx").on("api_tokens").column("user_id").execute();

  await idColumn(s.createTable("login_attempts"))
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("success", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("login_attempts_username_idx").on("login_attempts").columns(["username", "created_at"]).execute();
  await s.createIndex("login_attempts_ip_idx").on("login_attempts").columns(["ip", "created_at"]).execute();

  await idColumn(s.createTable("source_files"))
    .addColumn("sha256", "text", (c) => c.notNull().unique())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("content", blob, (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await idColumn(s.createTable("plans"))
    .addColumn("doc_type", "text", (c) => c.notNull())
    .addColumn("number", "text")
    .addColumn("issuer_unit_id", "text", (c) => c.references("units.id").onDelete("set null"))
    .addColumn("issuer_name", "text")
    .addColumn("issued_at", "text")
    .addColumn("place", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("period_start", "text")
    .addColumn("period_end", "text")
    .addColumn("signer", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("source_file_id", "text", (c) => c.references("source_files.id").onDelete("set null"))
    .addColumn("source_sha256", "text")
    .addColumn("is_stub", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("document_json", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("search_key", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await s.createIndex("plans_issuer_issued_idx").on("plans").columns(["issuer_unit_id", "issued_at"]).execute();
  await s.createIndex("plans_status_idx").on("plans").column("status").execute();
  await s.createIndex("plans_number_idx").on("plans").column("number").execute();

  await idColumn(s.createTable("imports"))
    .addColumn("source_file_id", "text", (c) => c.references("source_files.id").onDelete("set null"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("plan_json", "text")
    .addColumn("spans_json", "text")
    .addColumn("cleaned_text", "text")
    .addColumn("review_json", "text")
    .addColumn("error", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("published_plan_id", "text", (c) => c.references("plans.id").onDelete("set null"))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("owner_unit_id", "text", (c) => c.references("units.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("imports_created_by_idx").on("imports").columns(["created_by", "created_at"]).execute();
  await s.createIndex("imports_owner_unit_idx").on("imports").column("owner_unit_id").execute();

  await idColumn(s.createTable("plan_revisions"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("changes_json", "text", (c) => c.notNull())
    .addColumn("document_json", "text")
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("plan_revisions_plan_revision_uq", ["plan_id", "revision"])
    .execute();

  await idColumn(s.createTable("plan_links"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("superior_plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("reference_text", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("plan_links_plan_superior_uq", ["plan_id", "superior_plan_id"])
    .execute();
  await s.createIndex("plan_links_superior_idx").on("plan_links").column("superior_plan_id").execute();

  await idColumn(s.createTable("task_groups"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("task_groups_plan_ref_uq", ["plan_id", "ref"])
    .execute();

  await idColumn(s.createTable("tasks"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.references("task_groups.id").onDelete("set null"))
    .addColumn("ref", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .addColumn("product", "text")
    .addColumn("tf_text", "text")
    .addColumn("tf_kind", "text", (c) => c.notNull())
    .addColumn("tf_start", "text")
    .addColumn("tf_end", "text")
    .addColumn("tf_deadlines", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("due_date", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("parent_task_id", "text", (c) => c.references("tasks.id").onDelete("set null"))
    .addColumn("parent_weight", "double precision", (c) => c.notNull().defaultTo(1))
    .addColumn("paused_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("tasks_plan_position_idx").on("tasks").columns(["plan_id", "position"]).execute();
  await s.createIndex("tasks_due_date_idx").on("tasks").column("due_date").execute();
  await s.createIndex("tasks_parent_task_idx").on("tasks").column("parent_task_id").execute();
  await s.createIndex("tasks_group_idx").on("tasks").column("group_id").execute();

  await idColumn(s.createTable("task_assignments"))
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("unit_id", "text", (c) => c.references("units.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("printed_name", "text", (c) => c.notNull())
    .addColumn("unit_group_id", "text", (c) => c.references("unit_groups.id").onDelete("set null"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await s.createIndex("task_assignments_unit_role_idx").on("task_assignments").columns(["unit_id", "role"]).execute();
  await s.createIndex("task_assignments_task_idx").on("task_assignments").column("task_id").execute();
  await s.createIndex("task_assignments_plan_idx").on("task_assignments").column("plan_id").execute();

  await idColumn(s.createTable("reporting_regimes"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("frequency", "text", (c) => c.notNull())
    .addColumn("day", "integer")
    .addColumn("month", "integer")
    .addColumn("month_in_period", "integer")
    .addColumn("recipient", "text")
    .addColumn("recipient_unit_id", "text", (c) => c.references("units.id").onDelete("set null"))
    .execute();
  await s.createIndex("reporting_regimes_plan_idx").on("reporting_regimes").column("plan_id").execute();

  await idColumn(s.createTable("reporting_periods"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("regime_id", "text", (c) => c.references("reporting_regimes.id").onDelete("set null"))
    .addColumn("frequency", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("cutoff_start", "text")
    .addColumn("cutoff_end", "text")
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("regular"))
    .addColumn("locked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("period_key", "text")
    .addUniqueConstraint("reporting_periods_plan_key_uq", ["plan_id", "period_key"])
    .execute();
  await s
    .createIndex("reporting_periods_plan_due_idx")
    .on("reporting_periods")
    .columns(["plan_id", "due_date"])
    .execute();
  await s.createIndex("reporting_periods_due_idx").on("reporting_periods").column("due_date").execute();

  await idColumn(s.createTable("progress_reports"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("period_id", "text", (c) => c.notNull().references("reporting_periods.id").onDelete("cascade"))
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
    .addColumn("plan_revision", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("summary", "text")
    .addColumn("difficulties", "text")
    .addColumn("proposals", "text")
    .addColumn("submitted_at", "text")
    .addColumn("submitted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("approved_at", "text")
    .addColumn("approved_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reviewed_at", "text")
    .addColumn("reviewed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("review_comment", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addUniqueConstraint("progress_reports_period_unit_uq", ["period_id", "unit_id"])
    .execute();
  await s
    .createIndex("progress_reports_unit_period_idx")
    .on("progress_reports")
    .columns(["unit_id", "period_id"])
    .execute();
  await s
    .createIndex("progress_reports_plan_period_idx")
    .on("progress_reports")
    .columns(["plan_id", "period_id"])
    .execute();

  await idColumn(s.createTable("report_items"))
    .addColumn("report_id", "text", (c) => c.notNull().references("progress_reports.id").onDelete("cascade"))
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("percent", "double precision")
    .addColumn("result", "text")
    .addColumn("difficulties", "text")
    .addColumn("proposals", "text")
    .addColumn("completed_on", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("report_items_report_task_uq", ["report_id", "task_id"])
    .execute();
  await s.createIndex("report_items_task_idx").on("report_items").column("task_id").execute();

  await idColumn(s.createTable("evidence_files"))
    .addColumn("report_item_id", "text", (c) => c.notNull().references("report_items.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("content", blob, (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("evidence_files_item_idx").on("evidence_files").column("report_item_id").execute();

  await idColumn(s.createTable("targets"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("metric", "text")
    .addColumn("comparator", "text")
    .addColumn("value", "double precision")
    .addColumn("unit", "text")
    .addColumn("owner_unit_id", "text", (c) => c.references("units.id").onDelete("set null"))
    .addColumn("owner_text", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await s.createIndex("targets_plan_idx").on("targets").columns(["plan_id", "position"]).execute();

  await idColumn(s.createTable("target_values"))
    .addColumn("target_id", "text", (c) => c.notNull().references("targets.id").onDelete("cascade"))
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id").onDelete("cascade"))
    .addColumn("period_id", "text", (c) => c.references("reporting_periods.id").onDelete("cascade"))
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await s.createIndex("target_values_target_idx").on("target_values").columns(["target_id", "unit_id"]).execute();

  await idColumn(s.createTable("emulation_movements"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("name", "text")
    .addColumn("standing_body", "text")
    .addColumn("data_json", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("emulation_movements_plan_idx").on("emulation_movements").column("plan_id").execute();

  await idColumn(s.createTable("notifications"))
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("unit_id", "text", (c) => c.references("units.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text")
    .addColumn("link", "text")
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addColumn("emailed_at", "text")
    .execute();
  await s.createIndex("notifications_user_read_idx").on("notifications").columns(["user_id", "read_at"]).execute();
  await s.createIndex("notifications_unit_idx").on("notifications").column("unit_id").execute();

  await s
    .createTable("job_locks")
    .addColumn("name", "text", (c) => c.primaryKey().notNull())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("locked_until", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey().notNull())
    .addColumn("value_json", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // No foreign keys: the audit trail outlives what it describes.
  await idColumn(s.createTable("audit_events"))
    .addColumn("actor_user_id", "text")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addColumn("ip", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("audit_events_entity_idx").on("audit_events").columns(["entity_type", "entity_id"]).execute();
  await s.createIndex("audit_events_created_idx").on("audit_events").column("created_at").execute();
  await s.createIndex("audit_events_actor_idx").on("audit_events").columns(["actor_user_id", "created_at"]).execute();
}
