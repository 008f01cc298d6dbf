import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./db.js";
import { newId, nowIso } from "./ids.js";
import { migrateToLatest, migrationNames, pendingMigrations } from "./migrate.js";
import { insertInChunks } from "./sql/insert.js";
import { describeEachEngine, testEngines } from "./testing.js";

const TABLES = [
  "units",
  "unit_successions",
  "unit_groups",
  "unit_group_members",
  "users",
  "memberships",
  "sessions",
  "api_tokens",
  "login_attempts",
  "source_files",
  "imports",
  "plans",
  "plan_revisions",
  "plan_links",
  "task_groups",
  "tasks",
  "task_assignments",
  "reporting_regimes",
  "reporting_periods",
  "progress_reports",
  "report_items",
  "evidence_files",
  "targets",
  "target_values",
  "emulation_movements",
  "notifications",
  "job_locks",
  "settings",
  "audit_events",
];

describeEachEngine("store harness", (getDb, engine) => {
  it("opens the requested engine, fully migrated", async () => {
    const { db, dialect } = getDb();
    expect(dialect).toBe(engine);
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    for (const t of TABLES) expect(tables).toContain(t);
  });

  it("round-trips a Buffer, ISO dates, JSON text and a 0/1 boolean", async () => {
    const { db } = getDb();
    const bytes = Buffer.from([0, 1, 2, 250, 255, 0, 13, 10]);
    const id = newId();
    const at = "2025-04-25T08:30:00.000Z";
    await db
      .insertInto("source_files")
      .values({
        id,
        sha256: "a".repeat(64),
        file_name: "Kế hoạch số 12.pdf",
        mime: "application/pdf",
        size: 8,
        content: bytes,
        created_by: null,
        created_at: at,
      })
      .execute();
    const row = await db.selectFrom("source_files").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(Buffer.isBuffer(row.content)).toBe(true);
    expect(Buffer.compare(row.content, bytes)).toBe(0);
    expect(row.created_at).toBe(at);
    expect(row.file_name).toBe("Kế hoạch số 12.pdf");
    expect(row.size).toBe(8);

    const unitId = newId();
    const aliases = JSON.stringify(["UBND tỉnh", "Ủy ban nhân dân tỉnh"]);
    await db
      .insertInto("units")
      .values({
        id: unitId,
        name: "Ủy ban nhân dân tỉnh",
        short_name: null,
        kind: "province",
        parent_id: null,
        aliases,
        search_key: "uy ban nhan dan tinh",
        valid_from: "2025-07-01",
        valid_to: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const unit = await db.selectFrom("units").selectAll().where("id", "=", unitId).executeTakeFirstOrThrow();
    expect(JSON.parse(unit.aliases)).toEqual(["UBND tỉnh", "Ủy ban nhân dân tỉnh"]);
    expect(unit.valid_from).toBe("2025-07-01");

    const userId = newId();
    await db
      .insertInto("users")
      .values({
        id: userId,
        username: `u-${userId}`,
        display_name: "Nguyễn Văn A",
        email: null,
        password_hash: "x",
        is_admin: 1,
        disabled: 0,
        locked_until: null,
        password_changed_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
    expect(user.is_admin).toBe(1);
    expect(user.failed_logins).toBe(0);
  });

  it("returns COUNT as a number, not a string", async () => {
    const { db } = getDb();
    const r = await db
      .selectFrom("units")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(typeof r.n).toBe("number");
    const n = await sql<{ x: number }>`select cast(12.5 as numeric) as x`.execute(db);
    expect(Number(n.rows[0]?.x)).toBe(12.5);
  });

  it("enforces foreign keys, unique constraints and cascades", async () => {
    const { db } = getDb();
    const at = nowIso();
    await expect(
      db
        .insertInto("unit_successions")
        .values({
          id: newId(),
          predecessor_id: newId(),
          successor_id: newId(),
          kind: "merge",
          effective_on: "2025-07-01",
          created_at: at,
        })
        .execute(),
    ).rejects.toThrow();
    await db
      .insertInto("notifications")
      .values({
        id: newId(),
        user_id: null,
        unit_id: null,
        kind: "k",
        title: "t",
        body: null,
        link: null,
        dedupe_key: "dup-1",
        created_at: at,
        read_at: null,
        emailed_at: null,
      })
      .execute();
    await expect(
      db
        .insertInto("notifications")
        .values({
          id: newId(),
          user_id: null,
          unit_id: null,
          kind: "k",
          title: "t",
          body: null,
          link: null,
          dedupe_key: "dup-1",
          created_at: at,
          read_at: null,
          emailed_at: null,
        })
        .execute(),
    ).rejects.toThrow();

    const planId = newId();
    await db
      .insertInto("plans")
      .values({
        id: planId,
        doc_type: "Kế hoạch",
        number: null,
        issuer_unit_id: null,
        issuer_name: null,
        issued_at: null,
        place: null,
        title: "KH",
        period_start: null,
        period_end: null,
        signer: null,
        status: "draft",
        revision: 1,
        source_file_id: null,
        source_sha256: null,
        is_stub: 0,
        document_json: null,
        created_by: null,
        created_at: at,
        updated_at: at,
        published_at: null,
      })
      .execute();
    await db
      .insertInto("tasks")
      .values({
        id: newId(),
        plan_id: planId,
        group_id: null,
        ref: "1",
        title: "NV",
        detail: null,
        product: null,
        tf_text: null,
        tf_kind: "unspecified",
        tf_start: null,
        tf_end: null,
        tf_deadlines: "[]",
        due_date: null,
        position: 0,
        parent_task_id: null,
        parent_weight: 1,
        paused_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db.deleteFrom("plans").where("id", "=", planId).execute();
    const left = await db.selectFrom("tasks").select("id").where("plan_id", "=", planId).execute();
    expect(left).toEqual([]);
  });

  it("inserts more rows than one statement may carry, in chunks", async () => {
    const { db } = getDb();
    const at = nowIso();
    const rows = Array.from({ length: 4000 }, (_, i) => ({
      id: newId(),
      username: `bulk-${i}-${at}`,
      ip: null,
      success: i % 2,
      created_at: at,
    }));
    // 5 columns × 4000 rows = 20000 parameters: several statements on SQLite with chunkSize 1500.
    expect(await insertInChunks(db, "login_attempts", rows, 1500)).toBe(4000);
    const r = await db
      .selectFrom("login_attempts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("created_at", "=", at)
      .executeTakeFirstOrThrow();
    expect(r.n).toBe(4000);
  });
});

describe("openDatabase (SQLite file)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tiendo-store-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("creates the directory, uses WAL and foreign keys, and reopens the same data", async () => {
    const file = path.join(dir, "nested", "deeper", "tiendo.db");
    const first = await openDatabase({ sqlitePath: file });
    expect(await migrateToLatest(first.db)).toEqual([...migrationNames]);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(first.db);
    expect(mode.rows[0]?.journal_mode).toBe("wal");
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(first.db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    await first.db.insertInto("settings").values({ key: "k", value_json: "1", updated_at: nowIso() }).execute();
    await first.close();
    const second = await openDatabase({ url: `sqlite:${file}` });
    expect(await pendingMigrations(second.db)).toEqual([]);
    const row = await second.db.selectFrom("settings").selectAll().executeTakeFirst();
    expect(row?.value_json).toBe("1");
    await second.close();
  });

  it("explains a failed migration in Vietnamese, naming the step", async () => {
    const database = await openDatabase({ sqlitePath: ":memory:" });
    try {
      await sql`create table units (id text primary key)`.execute(database.db);
      await expect(migrateToLatest(database.db)).rejects.toThrow(
        /^Cập nhật cấu trúc cơ sở dữ liệu thất bại ở bước "202611220000-initial": .*units/,
      );
      expect(await pendingMigrations(database.db)).toEqual([...migrationNames]);
    } finally {
      await database.close();
    }
  });

  it("refuses a file that is not a database, in Vietnamese, naming the path", async () => {
    const file = path.join(dir, "not-a-db.db");
    fs.writeFileSync(file, "Đây không phải là cơ sở dữ liệu. ".repeat(200));
    await expect(openDatabase({ sqlitePath: file })).rejects.toThrow(
      /Không mở được cơ sở dữ liệu SQLite tại .*not-a-db\.db/,
    );
  });

  it("refuses a path whose directory cannot be created", async () => {
    const blocker = path.join(dir, "a-file");
    fs.writeFileSync(blocker, "x");
    await expect(openDatabase({ sqlitePath: path.join(blocker, "sub", "x.db") })).rejects.toThrow(
      /Không mở được cơ sở dữ liệu SQLite.*không tạo được thư mục/,
    );
  });
});

describe("openDatabase (PostgreSQL)", () => {
  it("reports an unreachable server in Vietnamese without leaking the password", async () => {
    const err = await openDatabase({ url: "postgres://someone:secret@127.0.0.1:1/nothing" }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^Không kết nối được PostgreSQL tại /);
    expect((err as Error).message).not.toContain("secret");
  });

  it.runIf(testEngines.includes("postgres"))("creates the requested schema and works inside it", async () => {
    const schema = `t_open_${Date.now().toString(36)}`;
    const database = await openDatabase({ url: process.env.TIENDO_TEST_PG_URL!, pgSchema: schema });
    try {
      const r = await sql<{ s: string }>`select current_schema() as s`.execute(database.db);
      expect(r.rows[0]?.s).toBe(schema);
      expect(await migrateToLatest(database.db)).toEqual([...migrationNames]);
    } finally {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
      await database.close();
    }
  });
});
