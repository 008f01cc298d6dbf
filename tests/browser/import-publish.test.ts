/**
 * The scenario in a real Chromium, over the demo directory and accounts without the seed plans: the Mỹ Hào
 * coordinator uploads seed 002 (121/KH-UBND) as a file, reviews it beside its source text, corrects one unit match to
 * another unit found in the directory, publishes (the server's list of what blocks publishing is shown and settled
 * first), then a reporter of the unit now leading those tasks finds them under "Nhiệm vụ của đơn vị".
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportDto, UnitListItemDto } from "../../src/server/api-types.js";
import { makeUser } from "../../src/server/test/factories.js";
import {
  DEMO_PASSWORD,
  ensureWebBuild,
  launchChromium,
  ROOT,
  signIn,
  startServer,
  type TestServer,
} from "./support.js";

const SHOTS = process.env.TIENDO_SCREENSHOTS ?? "/tmp";
const SEED_002 = path.join(ROOT, "tests/fixtures/seeds/002_f50e818c4aeba819.txt");
const REPORTER = { username: "tuphap.myhao", password: "Tư-pháp-Mỹ-Hào-2025" };
const NEW_LEAD = "Phòng Tư pháp thị xã Mỹ Hào";

describe("import, correct a unit match, publish, and the unit's reporter sees its tasks", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let importId = "";
  let correctedName = "";
  let movedTitles: string[] = [];

  async function apiGet<T>(p: Page, url: string): Promise<T> {
    const res = await p.request.get(`${server.baseUrl}/api/v1${url}`);
    expect(res.status(), url).toBe(200);
    return ((await res.json()) as { data: T }).data;
  }
  /**
   * Once the server holds the last edit, waits for the page to have taken in the answer to that save ("Đang lưu…"
   * becomes "Đã lưu lúc …"): publishing saves pending edits first, with the version of the last answer it processed.
   */
  const savedOnPage = () =>
    expect
      .poll(() => page.locator(".save-state").textContent(), { timeout: 15_000 })
      .toMatch(/^Đã lưu lúc \d{2}:\d{2}$/);

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    // The demo directory and accounts, but none of the seed plans: seed 002 is published here, through the UI.
    const { seedDemo } = await import("../../src/cli/demo/seed.js");
    await seedDemo(server.database, { password: DEMO_PASSWORD });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      // 401 before login; 422 is the refused publication this file provokes on purpose.
      if (msg.type() === "error" && !/status of (401|422) /.test(msg.text())) problems.push(msg.text());
    });
    await signIn(page, server.baseUrl, "vhkhtt.myhao", DEMO_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("uploads seed 002 as a file and opens the review screen with the source text", async () => {
    await page.goto(`${server.baseUrl}/ke-hoach/nhap`);
    await page.getByRole("heading", { level: 1, name: "Nhập kế hoạch" }).waitFor();
    await page.getByLabel("Tệp văn bản kế hoạch").setInputFiles(SEED_002);
    await page.getByText("Đã chọn: 002_f50e818c4aeba819.txt").waitFor();
    await page.getByRole("button", { name: "Nhập và rà soát" }).click();
    await page.waitForURL(/\/ke-hoach\/nhap\/[^/]+$/, { timeout: 60_000 });
    importId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await page.getByRole("heading", { level: 1, name: "Rà soát: 121/KH-UBND" }).waitFor();
    const source = page.getByRole("region", { name: "Văn bản gốc đã làm sạch" });
    await source.filter({ hasText: "121/KH-UBND" }).waitFor();
    await page.screenshot({ path: `${SHOTS}/tiendo-import-review.png` });
  });

  it("corrects one unit match to another unit found in the directory", async () => {
    const first = await apiGet<ImportDto>(page, `/imports/${encodeURIComponent(importId)}`);
    const target = first.matches.find(
      (m) => m.chosen?.name === "Phòng Tài chính - Kế hoạch thị xã Mỹ Hào" && m.roles.includes("lead"),
    );
    expect(target, "a lead match to Phòng Tài chính - Kế hoạch").toBeTruthy();
    correctedName = target!.name;
    // The tasks this printed name leads: they go to the corrected unit.
    movedTitles = target!.taskIndexes
      .map((i) => first.plan!.tasks[i]!)
      .filter((t) => t.lead.some((n) => n.includes(correctedName)))
      .map((t) => t.title);
    expect(movedTitles.length).toBeGreaterThan(0);
    const match = page.locator("li.match").filter({ has: page.getByText(`“${correctedName}”`, { exact: true }) });
    await match.locator(".match-chosen", { hasText: "Phòng Tài chính - Kế hoạch thị xã Mỹ Hào" }).waitFor();
    await match.getByText("Chọn đơn vị khác trong danh mục").click();
    await match.getByLabel(/Tìm đơn vị hoặc nhóm đơn vị/).fill("phong tu phap");
    await match.getByRole("button", { name: new RegExp(`^${NEW_LEAD}`) }).click();
    await match.locator(".match-chosen", { hasText: NEW_LEAD }).waitFor();
    await page.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor();

    // The server kept the correction.
    const imp = await apiGet<ImportDto>(page, `/imports/${encodeURIComponent(importId)}`);
    const saved = imp.matches.find((m) => m.name === correctedName);
    expect(saved?.chosen?.name).toBe(NEW_LEAD);
    expect(saved?.chosen?.auto).toBe(false);
    await page.screenshot({ path: `${SHOTS}/tiendo-import-corrected.png` });
  });

  it("publishing shows the server's list of what blocks it; once settled, the plan is published", async () => {
    // Leave out every member of a group leading tasks: the server must refuse and list those tasks.
    const before = await apiGet<ImportDto>(page, `/imports/${encodeURIComponent(importId)}`);
    const group = before.matches.find(
      (m) => m.chosen?.type === "group" && m.roles.includes("lead") && m.chosen.members.length > 1,
    );
    expect(group, "a lead group in seed 002").toBeTruthy();
    const item = page.locator("li.match").filter({ has: page.getByText(`“${group!.name}”`, { exact: true }) });
    await item.getByText(/^Đơn vị trong nhóm: giao cho/).click();
    const boxes = item.getByRole("checkbox");
    await expect.poll(() => boxes.count(), { timeout: 10_000 }).toBe(group!.chosen!.members.length);
    for (const box of await boxes.all()) await box.uncheck();
    await item.getByText(`Đơn vị trong nhóm: giao cho 0/${group!.chosen!.members.length} đơn vị`).waitFor();
    await expect
      .poll(
        async () =>
          (await apiGet<ImportDto>(page, `/imports/${encodeURIComponent(importId)}`)).review.units[group!.name]
            ?.excludedUnitIds?.length,
        { timeout: 15_000 },
      )
      .toBe(group!.chosen!.members.length);
    await savedOnPage();

    const imp = await apiGet<ImportDto>(page, `/imports/${encodeURIComponent(importId)}`);
    const blocking = imp.problems.filter((p) => p.severity === "error");
    expect(blocking.length).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Ban hành kế hoạch" }).click();
    const alert = page.locator(".publish-problems");
    await alert.waitFor();
    await expect(alert.locator("p").first().textContent()).resolves.toBe(
      `Chưa thể ban hành kế hoạch: còn ${blocking.length} vấn đề cần xử lý.`,
    );
    const listed = await alert.getByRole("listitem").allTextContents();
    expect(listed).toEqual(blocking.map((p) => p.message));
    expect(listed.every((m) => m.includes(`nhóm “${group!.chosen!.name}” không còn đơn vị nào để giao`))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/tiendo-import-publish-refused.png` });

    // Give the tasks back to one member only; the others stay left out of this plan.
    const kept = group!.chosen!.members[0]!;
    await item.getByRole("checkbox", { name: kept.name, exact: true }).check();
    await expect
      .poll(
        async () =>
          (await apiGet<ImportDto>(page, `/imports/${encodeURIComponent(importId)}`)).problems.filter(
            (p) => p.severity === "error",
          ).length,
        { timeout: 15_000 },
      )
      .toBe(0);
    await savedOnPage();
    await page.getByRole("button", { name: "Ban hành kế hoạch" }).click();
    await page.waitForURL(/\/ke-hoach\/(?!nhap)[^/]+$/, { timeout: 30_000 });
    await page.getByRole("heading", { level: 1, name: /121\/KH-UBND/ }).waitFor();
  });

  it("a reporter of the corrected unit sees its tasks under “Nhiệm vụ của đơn vị”", async () => {
    const units = await apiGet<UnitListItemDto[]>(page, `/units?q=${encodeURIComponent(NEW_LEAD)}&limit=5`);
    const unit = units.find((u) => u.name === NEW_LEAD)!;
    expect(unit).toBeTruthy();
    await makeUser(server.database, {
      ...REPORTER,
      displayName: "Vũ Thị Mai (Phòng Tư pháp)",
      memberships: [{ unitId: unit.id, role: "reporter" }],
    });
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const phone = await context.newPage();
    phone.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    await signIn(phone, server.baseUrl, REPORTER.username, REPORTER.password);
    await phone.goto(`${server.baseUrl}/nhiem-vu`);
    await phone.getByRole("heading", { level: 1, name: "Nhiệm vụ của đơn vị" }).waitFor();
    const table = phone.getByRole("table", { name: "Nhiệm vụ của đơn vị" });
    await table.waitFor();
    // Rows may arrive after the table: poll until every moved task is listed.
    await expect
      .poll(
        async () => {
          const text = (await table.textContent()) ?? "";
          return movedTitles.filter((title) => !text.includes(title.slice(0, 60)));
        },
        { timeout: 15_000 },
      )
      .toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/tiendo-import-reporter-tasks.png`, fullPage: true });
    await context.close();
  });

  it("had no page errors", () => {
    expect(problems).toEqual([]);
  });
});
