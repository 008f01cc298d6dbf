/**
 * The coordinator's tools added together, in a real Chromium over the demo data:
 * - bulk review on the plan page's "Kỳ báo cáo" tab (Kế hoạch 121/KH-UBND of thị xã Mỹ Hào): three units submit their
 *   report for Quý III/2025 and a fourth only saves a draft; the coordinator accepts all reports waiting in one go,
 *   then returns the fourth one (once submitted) with a required comment;
 * - "Xuất Excel" on the Kế hoạch list (with a search filter), the plan overview and Quản trị → Nhật ký;
 * - on a server without the seed plans: the import review's "Không liên kết kế hoạch cấp trên" overrides the superior
 *   plan (a stub of 82/KH-UBND) that seed 002's reference would otherwise link automatically.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  BulkReviewResultDto,
  ImportDto,
  PageDto,
  PlanDto,
  PlanListItemDto,
  UnitReportDto,
} from "../../src/server/api-types.js";
import { makeUser } from "../../src/server/test/factories.js";
import {
  DEMO_PASSWORD,
  ensureWebBuild,
  launchChromium,
  ROOT,
  seedDemoData,
  signIn,
  startServer,
  type TestServer,
} from "./support.js";

const PLAN_NUMBER = "121/KH-UBND";
const PERIOD = "Quý III/2025";
const COORDINATOR = "vhkhtt.myhao";
const RETURN_COMMENT = "Đề nghị bổ sung số liệu kinh phí đã giải ngân của từng nhiệm vụ trong quý III.";
const SEED_002 = path.join(ROOT, "tests/fixtures/seeds/002_f50e818c4aeba819.txt");

/** The units of 121/KH-UBND that report here: the demo reporter of Phòng VH,KH&TT, and accounts made for three more. */
const SUBMITTERS = [
  { unit: "Phòng Văn hóa, Khoa học và Thông tin thị xã Mỹ Hào", username: "vanhoa.myhao", password: DEMO_PASSWORD },
  { unit: "Phường Bạch Sam", username: "baocao.bachsam", password: "Bạch-Sam-báo-cáo-2025" },
  { unit: "Xã Cẩm Xá", username: "baocao.camxa", password: "Cẩm-Xá-báo-cáo-2025" },
] as const;
/** Saves a draft only: left out of the bulk acceptance, then submitted and returned. */
const LATE_UNIT = {
  unit: "Văn phòng HĐND và UBND thị xã Mỹ Hào",
  username: "baocao.vanphong",
  password: "Văn-phòng-báo-cáo-2025",
};

interface ApiSession {
  get<T>(url: string): Promise<T>;
  send<T>(method: "POST" | "PUT", url: string, body: unknown): Promise<T>;
}

/** Signs in over HTTP (not through a page) and calls the API with that session's cookie and CSRF token. */
async function apiSession(baseUrl: string, username: string, password: string): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const csrf = ((await login.json()) as { data: { csrfToken: string } }).data.csrfToken;
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/v1${url}`, {
      method,
      headers: {
        cookie,
        origin: baseUrl,
        ...(body === undefined ? {} : { "content-type": "application/json", "x-csrf-token": csrf }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${url} as ${username}: ${res.status} ${text}`);
    return (JSON.parse(text) as { data: T }).data;
  };
  return { get: (url) => call("GET", url), send: (method, url, body) => call(method, url, body) };
}

/** The cells of a worksheet as text, row by row (row 1 is the header); dates as "2025-04-25". */
function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      values.push(cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : cell.text);
    }
    rows.push(values);
  });
  return rows;
}

async function downloadWorkbook(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; wb: ExcelJS.Workbook }> {
  const downloading = page.waitForEvent("download", { timeout: 30_000 });
  await click();
  const download = await downloading;
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { name: download.suggestedFilename(), wb };
}

describe("coordinator tools in Chromium: bulk review and Excel exports (demo data)", () => {
  let server: TestServer;
  let browser: Browser;
  let coordinatorCtx: BrowserContext;
  let adminCtx: BrowserContext;
  let page: Page;
  let coordinatorApi: ApiSession;
  let planId = "";
  let periodId = "";
  const unitIds = new Map<string, string>();
  const reporters = new Map<string, ApiSession>();
  const problems: string[] = [];

  const watch = (p: Page) => {
    p.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    p.on("console", (msg) => {
      if (msg.type() === "error" && !/status of 401 /.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
  };
  const reportUrl = (unit: string) => `/reports/${planId}/${periodId}/${unitIds.get(unit)}`;
  const statusOf = async (unit: string) => (await coordinatorApi.get<UnitReportDto>(reportUrl(unit))).status;
  const bulkUrl = (verb: "accept" | "return") =>
    `${server.baseUrl}/api/v1/plans/${planId}/periods/${periodId}/reports/${verb}`;

  /** The reporter fills every task of the unit's report (in progress, 60 %, a result) and, unless told not to, submits. */
  const fillReport = async (unit: string, submit: boolean) => {
    const api = reporters.get(unit)!;
    const current = await api.get<UnitReportDto>(reportUrl(unit));
    expect(current.items.length, `${unit} has tasks in ${PLAN_NUMBER}`).toBeGreaterThan(0);
    await api.send("PUT", reportUrl(unit), {
      version: current.version,
      summary: `${unit}: triển khai đúng kế hoạch trong ${PERIOD}.`,
      items: current.items.map((i) => ({
        taskId: i.taskId,
        status: "in_progress",
        percent: 60,
        result: "Đã triển khai, đang hoàn thiện hồ sơ nghiệm thu.",
      })),
    });
    if (submit) await api.send("POST", `${reportUrl(unit)}/submit`, {});
  };

  /** The chosen period's table of units on the "Kỳ báo cáo" tab, and one unit's row in it. */
  const unitsTable = () => page.getByRole("table", { name: `Tình hình nộp báo cáo ${PERIOD}`, exact: true });
  const unitRow = (unit: string) =>
    unitsTable()
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: unit, exact: true }) });

  const openPeriodsTab = async () => {
    await page.goto(`${server.baseUrl}/ke-hoach/${planId}`);
    await page.getByRole("heading", { level: 1, name: new RegExp(PLAN_NUMBER) }).waitFor();
    await page.getByRole("link", { name: "Kỳ báo cáo", exact: true }).click();
    const periods = page.getByRole("table", { name: "Kỳ báo cáo và tỷ lệ báo cáo", exact: true });
    await periods.getByRole("link", { name: PERIOD, exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("ky") === periodId);
    await page.getByRole("heading", { name: `Báo cáo của các đơn vị — ${PERIOD}`, exact: true }).waitFor();
    await unitsTable().waitFor();
  };

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    await seedDemoData(server.database);
    const db = server.database.db;
    planId = (await db.selectFrom("plans").select("id").where("number", "=", PLAN_NUMBER).executeTakeFirstOrThrow()).id;
    periodId = (
      await db
        .selectFrom("reporting_periods")
        .select("id")
        .where("plan_id", "=", planId)
        .where("label", "=", PERIOD)
        .executeTakeFirstOrThrow()
    ).id;
    for (const r of [...SUBMITTERS, LATE_UNIT]) {
      const unit = await db.selectFrom("units").select("id").where("name", "=", r.unit).executeTakeFirstOrThrow();
      unitIds.set(r.unit, unit.id);
      if (r.username !== "vanhoa.myhao") {
        await makeUser(server.database, {
          username: r.username,
          displayName: `Cán bộ báo cáo (${r.unit})`,
          password: r.password,
          memberships: [{ unitId: unit.id, role: "reporter" }],
        });
      }
      reporters.set(r.unit, await apiSession(server.baseUrl, r.username, r.password));
    }
    coordinatorApi = await apiSession(server.baseUrl, COORDINATOR, DEMO_PASSWORD);
    for (const r of SUBMITTERS) await fillReport(r.unit, true);
    await fillReport(LATE_UNIT.unit, false);

    browser = await launchChromium();
    coordinatorCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    adminCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await coordinatorCtx.newPage();
    watch(page);
    await signIn(page, server.baseUrl, COORDINATOR, DEMO_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the reports start as submitted (three) and draft (one)", async () => {
    for (const r of SUBMITTERS) await expect(statusOf(r.unit)).resolves.toBe("submitted");
    await expect(statusOf(LATE_UNIT.unit)).resolves.toBe("draft");
  });

  it("accepts every report waiting for review in one go; the draft is left alone", { timeout: 60_000 }, async () => {
    await openPeriodsTab();
    const bulk = page.getByRole("group", { name: "Tiếp nhận hoặc trả lại nhiều báo cáo", exact: true });
    const all = bulk.getByRole("checkbox", {
      name: `Chọn tất cả báo cáo chờ tiếp nhận (${SUBMITTERS.length})`,
      exact: true,
    });
    await all.check();
    await bulk.getByText(`Đã chọn ${SUBMITTERS.length} báo cáo.`, { exact: true }).waitFor();
    for (const r of SUBMITTERS) {
      await page.getByRole("checkbox", { name: `Chọn báo cáo của ${r.unit}`, exact: true, checked: true }).waitFor();
    }
    // The draft is listed, with nothing to tick.
    await unitRow(LATE_UNIT.unit).waitFor();
    await expect(unitRow(LATE_UNIT.unit).getByRole("checkbox").count()).resolves.toBe(0);

    await bulk.getByRole("button", { name: "Tiếp nhận các báo cáo đã chọn", exact: true }).click();
    await bulk.getByText(`Tiếp nhận ${SUBMITTERS.length} báo cáo đã chọn?`).waitFor();
    const answered = page.waitForResponse((r) => r.url() === bulkUrl("accept") && r.request().method() === "POST");
    await bulk.getByRole("button", { name: "Đồng ý tiếp nhận", exact: true }).click();
    const response = await answered;
    expect(response.status()).toBe(200);
    const result = ((await response.json()) as { data: BulkReviewResultDto }).data;
    expect(result.okCount).toBe(SUBMITTERS.length);
    expect(result.items.map((i) => i.unitId).sort()).toEqual(SUBMITTERS.map((r) => unitIds.get(r.unit)).sort());

    await page
      .getByRole("status")
      .filter({ hasText: `Đã tiếp nhận ${SUBMITTERS.length} báo cáo.` })
      .waitFor();
    for (const r of SUBMITTERS) {
      await unitRow(r.unit).locator(".cell-sub").filter({ hasText: "Đã tiếp nhận" }).waitFor({ timeout: 15_000 });
    }
    await expect(unitRow(LATE_UNIT.unit).textContent()).resolves.not.toContain("Đã tiếp nhận");
    // Nothing waits any more: the bulk controls are gone.
    await expect.poll(() => bulk.count(), { timeout: 10_000 }).toBe(0);

    for (const r of SUBMITTERS) await expect(statusOf(r.unit)).resolves.toBe("accepted");
    await expect(statusOf(LATE_UNIT.unit)).resolves.toBe("draft");
    await page.screenshot({ path: "/tmp/tiendo-bulk-accepted.png", fullPage: true });
  });

  it("returns a report only with a comment, which reaches the unit", { timeout: 60_000 }, async () => {
    await fillReport(LATE_UNIT.unit, true);
    await expect(statusOf(LATE_UNIT.unit)).resolves.toBe("submitted");
    await openPeriodsTab();
    const bulk = page.getByRole("group", { name: "Tiếp nhận hoặc trả lại nhiều báo cáo", exact: true });
    await bulk.getByRole("checkbox", { name: "Chọn tất cả báo cáo chờ tiếp nhận (1)", exact: true }).waitFor();
    await page.getByRole("checkbox", { name: `Chọn báo cáo của ${LATE_UNIT.unit}`, exact: true }).check();
    await bulk.getByText("Đã chọn 1 báo cáo.", { exact: true }).waitFor();

    const returnRequests: string[] = [];
    const onRequest = (req: { url(): string; method(): string }) => {
      if (req.url() === bulkUrl("return")) returnRequests.push(req.method());
    };
    page.on("request", onRequest);
    await bulk.getByRole("button", { name: "Trả lại các báo cáo đã chọn", exact: true }).click();
    const comment = bulk.getByLabel("Ý kiến trả lại (bắt buộc, gửi cho từng đơn vị)", { exact: true });
    await comment.waitFor();
    await bulk.getByRole("button", { name: "Đồng ý trả lại", exact: true }).click();
    await bulk.getByRole("alert").filter({ hasText: "Vui lòng ghi ý kiến để đơn vị biết cần sửa gì." }).waitFor();
    await expect.poll(() => comment.getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");
    expect(returnRequests).toEqual([]);
    page.off("request", onRequest);
    await expect(statusOf(LATE_UNIT.unit)).resolves.toBe("submitted");

    await comment.fill(RETURN_COMMENT);
    const answered = page.waitForResponse((r) => r.url() === bulkUrl("return") && r.request().method() === "POST");
    await bulk.getByRole("button", { name: "Đồng ý trả lại", exact: true }).click();
    expect((await answered).status()).toBe(200);
    await page.getByRole("status").filter({ hasText: "Đã trả lại 1 báo cáo." }).waitFor();
    await expect.poll(() => bulk.count(), { timeout: 10_000 }).toBe(0);

    // The unit's reporter sees the report returned, with the comment.
    const mine = await reporters.get(LATE_UNIT.unit)!.get<UnitReportDto>(reportUrl(LATE_UNIT.unit));
    expect(mine.status).toBe("returned");
    expect(mine.reviewComment).toBe(RETURN_COMMENT);
    expect(mine.abilities.edit).toBe(true);
    // The reports accepted before are untouched.
    for (const r of SUBMITTERS) await expect(statusOf(r.unit)).resolves.toBe("accepted");
  });

  it("exports the plan overview as Excel: overdue tasks and the reporting grid", async () => {
    const overviewPage = await coordinatorCtx.newPage();
    watch(overviewPage);
    await overviewPage.goto(`${server.baseUrl}/ke-hoach/${planId}?muc=tong-quan`);
    await overviewPage.getByRole("heading", { name: "Nhiệm vụ theo tình trạng" }).waitFor();
    const { name, wb } = await downloadWorkbook(overviewPage, () =>
      overviewPage.getByRole("link", { name: "Xuất Excel", exact: true }).click(),
    );
    expect(name).toMatch(/^Tổng quan kế hoạch .*121.*\.xlsx$/);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Nhiệm vụ quá hạn", "Tỷ lệ báo cáo"]);
    const grid = sheetRows(wb.getWorksheet("Tỷ lệ báo cáo")!);
    const header = grid[0]!;
    expect(header[0]).toBe("Đơn vị");
    const col = header.indexOf(PERIOD);
    expect(col, `a column for ${PERIOD}`).toBeGreaterThan(0);
    for (const r of SUBMITTERS) {
      const row = grid.find((cells) => cells[0] === r.unit);
      expect(row, r.unit).toBeTruthy();
      // Submitted (late: the quarter is long past), with the day it was submitted.
      expect(row![col]).toMatch(/^Nộp (đúng hạn|muộn) \(\d{2}\/\d{2}\/\d{4}\)$/);
    }
    expect(grid.at(-1)![0]).toBe("Tỷ lệ nộp báo cáo của kỳ");
    await overviewPage.close();
  });

  it("exports the Kế hoạch list as Excel with the search filter typed", async () => {
    const listPage = await coordinatorCtx.newPage();
    watch(listPage);
    await listPage.goto(`${server.baseUrl}/ke-hoach`);
    await listPage.getByRole("heading", { level: 1, name: "Kế hoạch", exact: true }).waitFor();
    const table = listPage.getByRole("table", { name: "Danh sách kế hoạch", exact: true });
    await table.getByRole("link", { name: PLAN_NUMBER, exact: true }).waitFor();
    const everything = await coordinatorApi.get<PageDto<PlanListItemDto>>("/plans?limit=200&offset=0");
    const filtered = await coordinatorApi.get<PageDto<PlanListItemDto>>(
      `/plans?q=${encodeURIComponent("my hao")}&limit=200&offset=0`,
    );
    expect(filtered.items.map((p) => p.number)).toContain(PLAN_NUMBER);
    expect(filtered.total).toBeLessThan(everything.total);

    await listPage.getByLabel("Tìm kế hoạch", { exact: true }).fill("my hao");
    await listPage.waitForURL((u) => u.searchParams.get("q") === "my hao");
    const exportLink = listPage.getByRole("link", { name: "Xuất Excel", exact: true });
    await expect
      .poll(async () => new URL((await exportLink.getAttribute("href")) ?? "", server.baseUrl).searchParams.get("q"), {
        timeout: 10_000,
      })
      .toBe("my hao");
    await expect.poll(() => table.getByRole("row").count(), { timeout: 10_000 }).toBe(filtered.total + 1);

    const { name, wb } = await downloadWorkbook(listPage, () => exportLink.click());
    expect(name).toBe("Danh sách kế hoạch.xlsx");
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Kế hoạch"]);
    const rows = sheetRows(wb.worksheets[0]!);
    expect(rows[0]).toEqual([
      "Số",
      "Ngày ban hành",
      "Trích yếu",
      "Đơn vị ban hành",
      "Kỳ báo cáo tới",
      "% hoàn thành",
      "Quá hạn",
    ]);
    const listed = rows.slice(1);
    expect(listed.map((r) => r[0]).sort()).toEqual(filtered.items.map((p) => p.number ?? "").sort());
    const plan = listed.find((r) => r[0] === PLAN_NUMBER)!;
    expect(plan[1]).toBe(filtered.items.find((p) => p.number === PLAN_NUMBER)!.issuedAt);
    expect(plan[1]).toBe("2025-04-25");
    expect(plan[2]).toBe(filtered.items.find((p) => p.number === PLAN_NUMBER)!.title);
    await listPage.close();
  });

  it("exports Quản trị → Nhật ký as Excel, filtered, with Vietnamese action names", async () => {
    const admin = await adminCtx.newPage();
    watch(admin);
    await signIn(admin, server.baseUrl, "admin", DEMO_PASSWORD);
    await admin.goto(`${server.baseUrl}/quan-tri/nhat-ky`);
    await admin.getByRole("heading", { name: "Nhật ký hệ thống", exact: true }).waitFor();
    await admin.getByLabel("Thao tác", { exact: true }).selectOption("report.");
    await admin.waitForURL((u) => u.searchParams.get("thao-tac") === "report.");
    const exportLink = admin.getByRole("link", { name: "Xuất Excel", exact: true });
    await expect
      .poll(
        async () => new URL((await exportLink.getAttribute("href")) ?? "", server.baseUrl).searchParams.get("action"),
        { timeout: 10_000 },
      )
      .toBe("report.");
    const adminApi = await apiSession(server.baseUrl, "admin", DEMO_PASSWORD);
    const expected = await adminApi.get<PageDto<{ action: string }>>(
      `/audit?action=${encodeURIComponent("report.")}&limit=1&offset=0`,
    );

    const { name, wb } = await downloadWorkbook(admin, () => exportLink.click());
    expect(name).toBe("Nhật ký hệ thống.xlsx");
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Nhật ký"]);
    const rows = sheetRows(wb.worksheets[0]!);
    expect(rows[0]).toEqual([
      "Thời gian",
      "Người thực hiện",
      "Thao tác",
      "Mã thao tác",
      "Đối tượng",
      "Mã đối tượng",
      "Địa chỉ IP",
      "Trước",
      "Sau",
    ]);
    const events = rows.slice(1);
    expect(events.length).toBe(expected.total);
    expect(events.every((r) => r[3]!.startsWith("report."))).toBe(true);
    const count = (label: string) => events.filter((r) => r[2] === label).length;
    // This file's own actions: 4 submissions (one twice), 4 saves at least, 3 acceptances, 1 return.
    expect(count("Nộp báo cáo")).toBe(SUBMITTERS.length + 1);
    expect(count("Tiếp nhận báo cáo")).toBe(SUBMITTERS.length);
    expect(count("Trả lại báo cáo")).toBe(1);
    expect(count("Lưu báo cáo")).toBeGreaterThanOrEqual(SUBMITTERS.length + 1);
    expect(events.filter((r) => r[2] === r[3])).toEqual([]);
    expect(events.find((r) => r[2] === "Trả lại báo cáo")![4]).toBe("Báo cáo");
  });

  it("logged no errors", () => {
    expect(problems).toEqual([]);
  });
});

describe("import review: “Không liên kết kế hoạch cấp trên” overrides the automatic superior plan", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: ApiSession;
  let stubId = "";
  let importId = "";
  const problems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    // The demo directory and accounts without the seed plans: seed 002 is imported here.
    const { seedDemo } = await import("../../src/cli/demo/seed.js");
    await seedDemo(server.database, { password: DEMO_PASSWORD });
    api = await apiSession(server.baseUrl, COORDINATOR, DEMO_PASSWORD);
    // The superior plan seed 002 cites is in the system (as a stub), so review proposes it.
    const stub = await api.send<PlanListItemDto>("POST", "/plans/stub", {
      docType: "Kế hoạch",
      number: "82/KH-UBND",
      issuedAt: "2025-04-16",
      issuer: "Ủy ban nhân dân tỉnh Hưng Yên",
      title: "Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Hưng Yên năm 2025",
    });
    stubId = stub.id;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "error" && !/status of 401 /.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    await signIn(page, server.baseUrl, COORDINATOR, DEMO_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("uploads seed 002; the stub of 82/KH-UBND is chosen automatically", { timeout: 90_000 }, async () => {
    await page.goto(`${server.baseUrl}/ke-hoach/nhap`);
    await page.getByRole("heading", { level: 1, name: "Nhập kế hoạch" }).waitFor();
    await page.getByLabel("Tệp văn bản kế hoạch").setInputFiles(SEED_002);
    await page.getByText("Đã chọn: 002_f50e818c4aeba819.txt").waitFor();
    await page.getByRole("button", { name: "Nhập và rà soát" }).click();
    await page.waitForURL(/\/ke-hoach\/nhap\/[^/]+$/, { timeout: 60_000 });
    importId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await page.getByRole("heading", { level: 1, name: `Rà soát: ${PLAN_NUMBER}` }).waitFor();

    const imp = await api.get<ImportDto>(`/imports/${encodeURIComponent(importId)}`);
    const ref = imp.references.find((r) => r.number === "82/KH-UBND");
    expect(ref?.plans.map((p) => p.id)).toEqual([stubId]);
    expect(imp.review.noSuperiorPlan).toBe(false);

    const cascade = page.getByRole("region", { name: "Kế hoạch cấp trên", exact: true });
    // The reference's plan is chosen (aria-pressed) without the coordinator doing anything.
    await cascade.getByRole("button", { name: /^✓ Là kế hoạch cấp trên\s*: 82\/KH-UBND — /, pressed: true }).waitFor();
    await cascade.getByText("Kế hoạch cấp trên được chọn tự động theo văn bản căn cứ.", { exact: true }).waitFor();
  });

  it("ticks the box, publishes, and the plan has no superior plan", { timeout: 90_000 }, async () => {
    const cascade = page.getByRole("region", { name: "Kế hoạch cấp trên", exact: true });
    await cascade.getByRole("checkbox", { name: "Không liên kết kế hoạch cấp trên", exact: true }).check();
    await cascade
      .getByText("Đã chọn không liên kết kế hoạch cấp trên: kế hoạch sẽ được ban hành độc lập.", { exact: true })
      .waitFor();
    // The stub is no longer chosen.
    await cascade
      .getByRole("button", { name: /^Chọn làm kế hoạch cấp trên\s*: 82\/KH-UBND — /, pressed: false })
      .waitFor();
    await cascade
      .getByText("Không liên kết kế hoạch cấp trên nên nhiệm vụ cũng không được liên kết.", { exact: true })
      .waitFor();
    await expect
      .poll(async () => (await api.get<ImportDto>(`/imports/${encodeURIComponent(importId)}`)).review.noSuperiorPlan, {
        timeout: 15_000,
      })
      .toBe(true);
    await expect
      .poll(() => page.locator(".save-state").textContent(), { timeout: 15_000 })
      .toMatch(/^Đã lưu lúc \d{2}:\d{2}$/);

    await page.getByRole("button", { name: "Ban hành kế hoạch", exact: true }).click();
    await page.waitForURL(/\/ke-hoach\/(?!nhap)[^/]+$/, { timeout: 30_000 });
    await page.getByRole("heading", { level: 1, name: new RegExp(PLAN_NUMBER) }).waitFor();
    const publishedId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);

    const published = await api.get<PlanDto>(`/plans/${encodeURIComponent(publishedId)}`);
    expect(published.number).toBe(PLAN_NUMBER);
    expect(published.superiorPlans).toEqual([]);
    const stub = await api.get<PlanDto>(`/plans/${encodeURIComponent(stubId)}`);
    expect(stub.subordinatePlans).toEqual([]);
    expect(problems).toEqual([]);
  });
});
