/**
 * npm run bench:overview — a synthetic province (130 units, 50 plans, 5,000 tasks, 3 years of monthly reports),
 * built with batched inserts, then:
 *   - GET /api/v1/plans/:id/overview p50/p95 over 60 requests (app.inject, Bearer token: auth, queries, compute,
 *     response validation) — floor p95 < 150 ms;
 *   - the consolidated DOCX of a 1,000-task plan (query + present + render) — floor < 2 s.
 * On SQLite (in memory) always, and on PostgreSQL when TIENDO_TEST_PG_URL or DATABASE_URL is set (a throw-away
 * schema, dropped afterwards).
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import { sql } from "kysely";
import { renderConsolidatedDocx } from "../src/reports/consolidated-docx.js";
import { buildApp } from "../src/server/app.js";
import { createApiToken } from "../src/server/commands/create-api-token.js";
import { runCommand, SYSTEM_ACTOR } from "../src/server/context.js";
import { buildConsolidatedReport } from "../src/server/services/consolidation.js";
import { testConfig } from "../src/server/test/factories.js";
import { type Database, openDatabase } from "../src/store/db.js";
import { newId } from "../src/store/ids.js";
import { migrateToLatest } from "../src/store/migrate.js";
import { insertPlanGraph, type PlanGraph } from "../src/store/repos/plans.js";
import { createUnits } from "../src/store/repos/units.js";
import type { ItemStatus, ReportStatus } from "../src/store/schema.js";
import { insertInChunks } from "../src/store/sql/insert.js";
import { insertTestUser } from "../src/store/test/fixtures.js";

const UNITS = 130;
const PLANS = 50;
const TASKS_PER_PLAN = 100;
const YEARS = [2023, 2024, 2025];
const BIG_PLAN_TASKS = 1000;
const REQUESTS = 60;

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

interface Built {
  planIds: string[];
  bigPlanId: string;
  bigPeriodId: string;
  reports: number;
  items: number;
}

async function buildProvince(database: Database): Promise<Built> {
  const db = database.db;
  const rand = rng(20251122);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const provinceId = newId();
  const unitInputs = [
    { id: provinceId, name: "UBND tỉnh Hưng Yên (thử tải)", kind: "province" as const, parent_id: null },
    ...Array.from({ length: UNITS - 1 }, (_, i) => ({
      id: newId(),
      name: i < 30 ? `Sở thử tải ${i + 1}` : `UBND xã thử tải ${i - 29}`,
      kind: i < 30 ? ("department" as const) : ("commune" as const),
      parent_id: provinceId,
    })),
  ];
  await createUnits(db, unitInputs);
  const unitIds = unitInputs.slice(1).map((u) => u.id);

  const planIds: string[] = [];
  let reports = 0;
  let items = 0;
  const at = "2023-01-05T00:00:00.000Z";

  const makePlan = async (taskCount: number, periodMonths: { y: number; m: number }[], unitsPerPlan: number) => {
    const planId = newId();
    const groups = Array.from({ length: 5 }, (_, g) => ({
      id: newId(),
      ref: ["I", "II", "III", "IV", "V"][g]!,
      title: `Nhóm nhiệm vụ ${g + 1}`,
      position: g,
    }));
    const planUnits = [...unitIds].sort(() => rand() - 0.5).slice(0, unitsPerPlan);
    const tasks = Array.from({ length: taskCount }, (_, i) => {
      const kind = rand() < 0.2 ? "ongoing" : "by";
      const y = pick(YEARS);
      const m = 1 + Math.floor(rand() * 12);
      return {
        id: newId(),
        group_id: groups[i % groups.length]!.id,
        ref: String(i + 1),
        title: `Nhiệm vụ thử tải số ${i + 1}: triển khai chuyển đổi số trong lĩnh vực ${i % 17}`,
        tf_kind: kind,
        tf_end: kind === "by" ? `${y}-${pad(m)}-${pad(lastDay(y, m))}` : null,
        position: i,
      };
    });
    const assignments: NonNullable<PlanGraph["assignments"]> = [];
    const tasksOfUnit = new Map<string, string[]>();
    for (const t of tasks) {
      const lead = pick(planUnits);
      const supports = new Set<string>();
      const nSupport = Math.floor(rand() * 3);
      while (supports.size < nSupport) {
        const s = pick(planUnits);
        if (s !== lead) supports.add(s);
      }
      for (const [unit, role] of [[lead, "lead"] as const, ...[...supports].map((s) => [s, "support"] as const)]) {
        assignments.push({ task_id: t.id, unit_id: unit, role, printed_name: "Đơn vị" });
        tasksOfUnit.set(unit, [...(tasksOfUnit.get(unit) ?? []), t.id]);
      }
    }
    const periods = periodMonths.map(({ y, m }) => {
      const ny = m === 12 ? y + 1 : y;
      const nm = m === 12 ? 1 : m + 1;
      return {
        id: newId(),
        frequency: "monthly",
        label: `Tháng ${m}/${y}`,
        start_date: `${y}-${pad(m)}-01`,
        end_date: `${y}-${pad(m)}-${pad(lastDay(y, m))}`,
        due_date: `${ny}-${pad(nm)}-05`,
        period_key: `${y}-M${pad(m)}`,
      };
    });
    await db.transaction().execute((tx) =>
      insertPlanGraph(tx, {
        plan: {
          id: planId,
          doc_type: "Kế hoạch",
          number: `${planIds.length + 1}/KH-UBND`,
          title: `Kế hoạch thử tải ${planIds.length + 1} về khoa học, công nghệ và chuyển đổi số`,
          status: "published",
          revision: 1,
          is_stub: 0,
          issuer_unit_id: provinceId,
          issuer_name: "UBND tỉnh Hưng Yên",
          issued_at: "2023-01-05",
          period_start: "2023-01-01",
          period_end: "2025-12-31",
          created_at: at,
          updated_at: at,
          published_at: at,
        },
        groups,
        tasks,
        assignments,
        periods,
      }),
    );
    // Reports: 90 % of unit × period, most accepted, some late, a few returned.
    const reportRows: Record<string, unknown>[] = [];
    const itemRows: Record<string, unknown>[] = [];
    for (const p of periods) {
      for (const unit of planUnits) {
        if (rand() < 0.1) continue;
        const r = rand();
        const status: ReportStatus = r < 0.8 ? "accepted" : r < 0.93 ? "submitted" : r < 0.97 ? "returned" : "draft";
        const late = rand() < 0.25;
        const submitted =
          status === "draft"
            ? null
            : `${late ? p.due_date.slice(0, 8) + "12" : p.due_date.slice(0, 8) + "03"}T02:00:00.000Z`;
        const reportId = newId();
        reportRows.push({
          id: reportId,
          plan_id: planId,
          period_id: p.id,
          unit_id: unit,
          plan_revision: 1,
          status,
          version: 3,
          summary: null,
          difficulties: rand() < 0.2 ? "Thiếu kinh phí và nhân lực chuyên trách." : null,
          proposals: rand() < 0.1 ? "Đề nghị bổ sung kinh phí." : null,
          submitted_at: submitted,
          submitted_by: null,
          approved_at: null,
          approved_by: null,
          reviewed_at: status === "accepted" || status === "returned" ? submitted : null,
          reviewed_by: null,
          review_comment: null,
          created_at: submitted ?? at,
          updated_at: submitted ?? at,
          updated_by: null,
        });
        for (const taskId of tasksOfUnit.get(unit) ?? []) {
          const s: ItemStatus = rand() < 0.3 ? "done" : rand() < 0.8 ? "in_progress" : "not_started";
          itemRows.push({
            id: newId(),
            report_id: reportId,
            task_id: taskId,
            status: s,
            percent: s === "done" ? 100 : Math.floor(rand() * 90),
            result: "Đã triển khai các nội dung theo kế hoạch.",
            difficulties: null,
            proposals: null,
            completed_on: s === "done" ? p.end_date : null,
            updated_at: submitted ?? at,
          });
        }
      }
    }
    await db.transaction().execute(async (tx) => {
      // biome-ignore lint/suspicious/noExplicitAny: generated rows match the tables.
      await insertInChunks(tx, "progress_reports", reportRows as any);
      // biome-ignore lint/suspicious/noExplicitAny: generated rows match the tables.
      await insertInChunks(tx, "report_items", itemRows as any);
    });
    reports += reportRows.length;
    items += itemRows.length;
    return { planId, periodIds: periods.map((p) => p.id) };
  };

  const months = YEARS.flatMap((y) => Array.from({ length: 12 }, (_, i) => ({ y, m: i + 1 })));
  for (let i = 0; i < PLANS; i++) planIds.push((await makePlan(TASKS_PER_PLAN, months, 12)).planId);
  const big = await makePlan(BIG_PLAN_TASKS, months.slice(-6), 40);
  return { planIds, bigPlanId: big.planId, bigPeriodId: big.periodIds.at(-2)!, reports, items };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function benchEngine(label: string, database: Database): Promise<Record<string, string | number>> {
  await migrateToLatest(database.db);
  const t0 = performance.now();
  const built = await buildProvince(database);
  const buildMs = performance.now() - t0;

  const user = await insertTestUser(database.db, "Quản trị thử tải");
  await database.db.updateTable("users").set({ is_admin: 1 }).where("id", "=", user.id).execute();
  const { token } = await runCommand(database, { actor: SYSTEM_ACTOR }, (ctx) =>
    createApiToken(ctx, { userId: user.id, name: "bench" }),
  );
  const app = await buildApp({ database, config: testConfig() });
  const headers = { authorization: `Bearer ${token}` };
  // Warm-up.
  for (const id of built.planIds.slice(0, 3))
    await app.inject({ method: "GET", url: `/api/v1/plans/${id}/overview`, headers });
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const load0 = loadavg()[0]!;
  for (let i = 0; i < REQUESTS; i++) {
    const id = built.planIds[(i * 7) % built.planIds.length]!;
    const s = performance.now();
    const c = process.cpuUsage();
    const res = await app.inject({ method: "GET", url: `/api/v1/plans/${id}/overview`, headers });
    const dc = process.cpuUsage(c);
    times.push(performance.now() - s);
    cpuTimes.push((dc.user + dc.system) / 1000);
    if (res.statusCode !== 200) throw new Error(`overview ${res.statusCode}: ${res.body.slice(0, 300)}`);
  }
  const bigTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    const res = await app.inject({ method: "GET", url: `/api/v1/plans/${built.bigPlanId}/overview`, headers });
    bigTimes.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(`overview ${res.statusCode}`);
  }
  const docxTimes: number[] = [];
  const presentTimes: number[] = [];
  let docxBytes = 0;
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    const { report } = await buildConsolidatedReport(database.db, built.bigPlanId, {
      periodId: built.bigPeriodId,
      now: new Date(),
    });
    presentTimes.push(performance.now() - s);
    const buf = await renderConsolidatedDocx(report);
    docxTimes.push(performance.now() - s);
    docxBytes = buf.length;
  }
  const httpDocx = performance.now();
  const res = await app.inject({
    method: "GET",
    url: `/api/v1/plans/${built.bigPlanId}/consolidated.docx?period=${built.bigPeriodId}`,
    headers,
  });
  const httpDocxMs = performance.now() - httpDocx;
  if (res.statusCode !== 200) throw new Error(`docx ${res.statusCode}`);
  await app.close();

  const p95 = percentile(times, 95);
  const docx = Math.min(...docxTimes);
  return {
    engine: label,
    "build (s)": Math.round(buildMs / 100) / 10,
    reports: built.reports,
    items: built.items,
    "overview p50 (ms)": Math.round(percentile(times, 50) * 10) / 10,
    "overview p95 (ms)": Math.round(p95 * 10) / 10,
    "overview CPU p95 (ms)": Math.round(percentile(cpuTimes, 95) * 10) / 10,
    "load avg": Math.round(((load0 + loadavg()[0]!) / 2) * 10) / 10,
    "overview 1000-task plan (ms, median)": Math.round(percentile(bigTimes, 50) * 10) / 10,
    "docx 1000 tasks (ms, best of 3)": Math.round(docx),
    "of which query+present (ms)": Math.round(Math.min(...presentTimes)),
    "docx via HTTP (ms)": Math.round(httpDocxMs),
    "docx size (KB)": Math.round(docxBytes / 1024),
    "p95 < 150 ms": p95 < 150 ? "ĐẠT" : "KHÔNG ĐẠT",
    "docx < 2 s": docx < 2000 ? "ĐẠT" : "KHÔNG ĐẠT",
  };
}

async function main() {
  const rows: Record<string, string | number>[] = [];
  // BENCH_SQLITE_PATH keeps the generated database for profiling (default: in memory).
  const file = process.env.BENCH_SQLITE_PATH?.trim();
  if (file) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  const sqlite = await openDatabase({ sqlitePath: file || ":memory:" });
  try {
    rows.push(await benchEngine("sqlite", sqlite));
  } finally {
    await sqlite.close();
  }
  const pgUrl = process.env.TIENDO_TEST_PG_URL?.trim() || process.env.DATABASE_URL?.trim();
  if (pgUrl && /^postgres/i.test(pgUrl) && !process.env.BENCH_SQLITE_ONLY) {
    const schema = `bench_${randomBytes(5).toString("hex")}`;
    const pg = await openDatabase({ url: pgUrl, pgSchema: schema });
    try {
      rows.push(await benchEngine("postgres", pg));
    } finally {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pg.db).catch(() => {});
      await pg.close();
    }
  } else if (!process.env.BENCH_SQLITE_ONLY) {
    console.log("(PostgreSQL bỏ qua: đặt TIENDO_TEST_PG_URL hoặc DATABASE_URL để đo thêm)");
  }
  console.table(rows);
  if (rows.some((r) => r["p95 < 150 ms"] !== "ĐẠT" || r["docx < 2 s"] !== "ĐẠT")) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
