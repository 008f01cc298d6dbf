/**
 * Editing the whole plan on the review screen, in a real Chromium: the Mỹ Hào coordinator uploads seed 002
 * (121/KH-UBND), opens a task and changes its timeframe and lead unit, adds a monthly reporting rule and creates the
 * superior plan it cites (82/KH-UBND, not in the system) as a stub; the autosave keeps everything across a reload;
 * the published plan (read through the API) carries the edits. Screenshots on a desktop and a 360 px phone.
 */
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportDto, PlanDto } from "../../src/server/api-types.js";
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
const NEW_LEAD = "Phòng Tư pháp thị xã Mỹ Hào";
const TF_TEXT = "Hoàn thành trước ngày 30/9/2025";
const RULE_TEXT = "Báo cáo tình hình thực hiện hằng tháng, gửi trước ngày 20 hằng tháng";
const RULE_RECIPIENT = "UBND thị xã (qua Phòng Văn hóa, Khoa học và Thông tin)";

describe("the review screen edits the whole plan, keeps it across a reload, and publishes it", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let importId = "";
  let taskTitle = "";

  async function apiGet<T>(p: Page, url: string): Promise<T> {
    const res = await p.request.get(`${server.baseUrl}/api/v1${url}`);
    expect(res.status(), url).toBe(200);
    return ((await res.json()) as { data: T }).data;
  }
  const getImport = () => apiGet<ImportDto>(page, `/imports/${encodeURIComponent(importId)}`);
  /**
   * Once the server holds the last edit, waits for the page to have taken in the answer to that save ("Đang lưu…"
   * becomes "Đã lưu lúc …"), so a reload or publish does not meet a save still in flight.
   */
  const savedOnPage = () =>
    expect
      .poll(() => page.locator(".save-state").textContent(), { timeout: 15_000 })
      .toMatch(/^Đã lưu lúc \d{2}:\d{2}$/);

  /** The first task's row, opened. */
  async function openFirstTask(): Promise<Locator> {
    const row = page.locator("li.review-task").first();
    if ((await row.locator("details").getAttribute("open")) === null) await row.locator("summary.task-toggle").click();
    await row.locator(".review-task-body").waitFor();
    return row;
  }

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    const { seedDemo } = await import("../../src/cli/demo/seed.js");
    await seedDemo(server.database, { password: DEMO_PASSWORD });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "error" && !/status of 401 /.test(msg.text())) problems.push(msg.text());
    });
    await signIn(page, server.baseUrl, "vhkhtt.myhao", DEMO_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("uploads seed 002 and shows every part of the plan", async () => {
    await page.goto(`${server.baseUrl}/ke-hoach/nhap`);
    await page.getByLabel("Tệp văn bản kế hoạch").setInputFiles(SEED_002);
    await page.getByRole("button", { name: "Nhập và rà soát" }).click();
    await page.waitForURL(/\/ke-hoach\/nhap\/[^/]+$/, { timeout: 60_000 });
    importId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await page.getByRole("heading", { level: 1, name: "Rà soát: 121/KH-UBND" }).waitFor();
    const imp = await getImport();
    taskTitle = imp.plan!.tasks[0]!.title;
    for (const name of [
      `Nhóm nhiệm vụ (${imp.plan!.groups.length})`,
      `Nhiệm vụ (${imp.plan!.tasks.length})`,
      `Chế độ báo cáo (${imp.plan!.reporting.length})`,
      "Chỉ tiêu (0)",
      "Phong trào thi đua",
      "Kế hoạch cấp trên",
    ]) {
      await page.getByRole("heading", { level: 2, name }).waitFor();
    }
    // Task rows start closed: 45 tasks stay navigable.
    await expect(page.locator("li.review-task .review-task-body").count()).resolves.toBe(0);
  });

  it("edits a task's timeframe and lead unit, with the source highlighted", async () => {
    const row = await openFirstTask();
    const source = page.getByRole("region", { name: "Văn bản gốc đã làm sạch" });
    await row.getByLabel(/^Nội dung nhiệm vụ 1\.1/).focus();
    await expect
      .poll(() => source.locator("mark").textContent(), { timeout: 10_000 })
      .toContain(taskTitle.slice(0, 30));

    await row.getByLabel("Như ghi trong văn bản").fill(TF_TEXT);
    await row.getByLabel("Loại thời hạn").selectOption({ label: "Hoàn thành trước" });
    await row.getByLabel("Hoàn thành trước ngày").fill("30/09/2025");

    const lead = row.getByLabel("Đơn vị chủ trì thứ 1 của nhiệm vụ 1.1", { exact: true });
    await lead.fill(NEW_LEAD);
    // "Đã lưu lúc" may already show for a save made between two of the edits above (the autosave waits only 1.5 s on
    // a busy machine): wait until the server holds all of them.
    await expect
      .poll(
        async () => {
          const task = (await getImport()).plan!.tasks[0]!;
          return { timeframe: task.timeframe, lead: task.lead[0] };
        },
        { timeout: 15_000 },
      )
      .toMatchObject({ timeframe: { text: TF_TEXT, kind: "by", end: "2025-09-30" }, lead: NEW_LEAD });
    await page.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor();
    // Once saved, the printed name links to its directory match.
    await row
      .locator(".match-link", { hasText: `→ ${NEW_LEAD}` })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/tiendo-review-edit-task.png` });
  });

  it("adds a monthly reporting rule", async () => {
    await page.getByRole("button", { name: "+ Thêm quy định báo cáo" }).click();
    const rule = page.locator('li[data-path^="reporting."]').last();
    // The new rule's text box takes focus once rendered.
    await expect
      .poll(() => rule.getByLabel("Nội dung quy định").evaluate((el) => el === document.activeElement), {
        timeout: 10_000,
      })
      .toBe(true);
    await rule.getByLabel("Nội dung quy định").fill(RULE_TEXT);
    await rule.getByLabel("Kỳ báo cáo").selectOption({ label: "Hằng tháng" });
    await rule.getByLabel("Hạn nộp: ngày").fill("20");
    await rule.getByLabel("Nơi nhận báo cáo").fill(RULE_RECIPIENT);
    await expect
      .poll(async () => (await getImport()).plan!.reporting.at(-1), { timeout: 15_000 })
      .toMatchObject({ text: RULE_TEXT, frequency: "monthly", day: 20, recipient: RULE_RECIPIENT });
  });

  it("creates the cited superior plan as a stub and links to it", async () => {
    const ref = page.locator("li.reference", { hasText: "82/KH-UBND" });
    await ref.getByRole("button", { name: "Tạo kế hoạch cấp trên (bản tóm tắt)" }).click();
    await ref.getByRole("button", { name: /✓ Là kế hoạch cấp trên/ }).waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await getImport()).review.superiorPlanIds.length, { timeout: 15_000 }).toBe(1);
    const imp = await getImport();
    expect(imp.references[0]?.plans.map((p) => p.id)).toEqual(imp.review.superiorPlanIds);
    expect(imp.references[0]?.plans[0]?.isStub).toBe(true);
    await page.locator("section", { has: page.locator("#cascade-title") }).screenshot({
      path: `${SHOTS}/tiendo-review-edit-cascade.png`,
    });
    await page.locator("section", { has: page.locator("#reporting-title") }).screenshot({
      path: `${SHOTS}/tiendo-review-edit-reporting.png`,
    });
  });

  it("keeps every edit across a reload", async () => {
    // "Đã lưu lúc" shows since the first save: wait for the server to hold every edit and for the page to have
    // taken in the last save's answer, so the reload meets no pending save.
    await expect
      .poll(
        async () => {
          const imp = await getImport();
          return {
            timeframe: imp.plan!.tasks[0]!.timeframe,
            lead: imp.plan!.tasks[0]!.lead[0],
            rule: imp.plan!.reporting.at(-1),
            superiors: imp.review.superiorPlanIds.length,
          };
        },
        { timeout: 15_000 },
      )
      .toMatchObject({
        timeframe: { text: TF_TEXT, kind: "by", end: "2025-09-30" },
        lead: NEW_LEAD,
        rule: { text: RULE_TEXT, frequency: "monthly", day: 20, recipient: RULE_RECIPIENT },
        superiors: 1,
      });
    await savedOnPage();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Rà soát: 121/KH-UBND" }).waitFor();
    const row = await openFirstTask();
    await expect(row.getByLabel("Như ghi trong văn bản").inputValue()).resolves.toBe(TF_TEXT);
    await expect(row.getByLabel("Loại thời hạn").inputValue()).resolves.toBe("by");
    await expect(row.getByLabel("Hoàn thành trước ngày").inputValue()).resolves.toBe("30/09/2025");
    await expect(row.getByLabel("Đơn vị chủ trì thứ 1 của nhiệm vụ 1.1", { exact: true }).inputValue()).resolves.toBe(
      NEW_LEAD,
    );
    const rule = page.locator('li[data-path^="reporting."]').last();
    await expect(rule.getByLabel("Nội dung quy định").inputValue()).resolves.toBe(RULE_TEXT);
    await expect(rule.getByLabel("Kỳ báo cáo").inputValue()).resolves.toBe("monthly");
    await expect(rule.getByLabel("Hạn nộp: ngày").inputValue()).resolves.toBe("20");
    await expect(rule.getByLabel("Nơi nhận báo cáo").inputValue()).resolves.toBe(RULE_RECIPIENT);
    await page
      .locator("li.reference", { hasText: "82/KH-UBND" })
      .getByRole("button", { name: /✓ Là kế hoạch cấp trên/ })
      .waitFor();

    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const small = await phone.newPage();
    small.on("pageerror", (err) => problems.push(`pageerror (phone): ${err.message}`));
    await signIn(small, server.baseUrl, "vhkhtt.myhao", DEMO_PASSWORD);
    await small.goto(`${server.baseUrl}/ke-hoach/nhap/${encodeURIComponent(importId)}`);
    await small.locator("li.review-task").first().locator("summary.task-toggle").click();
    const body = small.locator("li.review-task").first().locator(".review-task-body");
    await body.waitFor();
    // One column on a phone: nothing wider than the screen.
    await expect(small.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
    await body.scrollIntoViewIfNeeded();
    await small.screenshot({ path: `${SHOTS}/tiendo-review-edit-phone.png` });
    await small.locator("#reporting-title").scrollIntoViewIfNeeded();
    await small.screenshot({ path: `${SHOTS}/tiendo-review-edit-phone-reporting.png` });
    await phone.close();
  });

  it("publishes a plan that carries the edits", async () => {
    const imp = await getImport();
    expect(imp.problems.filter((p) => p.severity === "error")).toEqual([]);
    await page.getByRole("button", { name: "Ban hành kế hoạch", exact: true }).click();
    await page.waitForURL(/\/ke-hoach\/(?!nhap)[^/]+$/, { timeout: 30_000 });
    const planId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    const plan = await apiGet<PlanDto>(page, `/plans/${encodeURIComponent(planId)}`);
    const task = plan.tasks.find((t) => t.title === taskTitle);
    expect(task?.timeframe).toMatchObject({ text: TF_TEXT, kind: "by", end: "2025-09-30" });
    const leads = task?.assignments.filter((a) => a.role === "lead") ?? [];
    expect(leads.map((a) => [a.printedName, a.unitName])).toEqual([[NEW_LEAD, NEW_LEAD]]);
    expect(plan.regimes).toContainEqual(
      expect.objectContaining({ text: RULE_TEXT, frequency: "monthly", day: 20, recipient: RULE_RECIPIENT }),
    );
    expect(plan.superiorPlans.map((p) => [p.number, p.isStub])).toEqual([["82/KH-UBND", true]]);
  });

  it("had no page errors", () => {
    expect(problems).toEqual([]);
  });
});
