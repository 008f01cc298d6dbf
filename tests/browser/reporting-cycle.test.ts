/**
 * The reporting cycle end to end in a real Chromium, on Kế hoạch 121/KH-UBND of thị xã Mỹ Hào (seed 002 as the demo
 * harness publishes it): an office's reporter fills and submits the quarterly report, the coordinator returns it with a
 * comment, the reporter sees the comment, fixes and resubmits, the coordinator accepts; the plan overview shows the
 * task's new status and the consolidated DOCX for that quarter carries the reporter's sentence.
 */
import fs from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../src/server/test/factories.js";
import {
  DEMO_PASSWORD,
  ensureWebBuild,
  launchChromium,
  seedDemoData,
  signIn,
  startServer,
  type TestServer,
} from "./support.js";

const QUARTER = "Quý II/2025";
const UNIT = "Phòng Nội vụ thị xã Mỹ Hào";
const SENTENCE =
  "Phòng Nội vụ đã số hóa 1.250 hồ sơ cán bộ, công chức và đưa 14 thủ tục lên Cổng dịch vụ công trong quý II.";
const COMMENT = "Đề nghị bổ sung khó khăn và kiến nghị cụ thể cho nhiệm vụ này.";
const REPORTER = { username: "noivu.myhao", password: "Mật-khẩu-Nội-vụ-2025" };

/** "31/12/2025" → "2025-12-31". */
const isoOf = (vi: string) => vi.split("/").reverse().join("-");
const viOf = (iso: string) => iso.split("-").reverse().join("/");

describe("reporting cycle in Chromium (seed 002, thị xã Mỹ Hào)", () => {
  let server: TestServer;
  let browser: Browser;
  let reporterCtx: BrowserContext;
  let coordinatorCtx: BrowserContext;
  let reporter: Page;
  let coordinator: Page;
  let planId = "";
  let periodId = "";
  let unitId = "";
  let reportUrl = "";
  const task = { ref: "", title: "" };
  let doneBefore = 0;
  const problems: string[] = [];

  const watch = (page: Page) => {
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "error" && !/status of 401 /.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
  };

  /** The number next to "Hoàn thành đúng hạn" in the overview's status chart (0 when the status is absent). */
  const doneOnTimeInChart = async (page: Page) => {
    const item = page.locator(".status-bar .chart-legend li").filter({ hasText: "Hoàn thành đúng hạn" });
    if ((await item.count()) === 0) return 0;
    return Number((await item.locator("strong").textContent())?.replace(/\./g, ""));
  };

  const openOverview = async (page: Page) => {
    await page.goto(`${server.baseUrl}/ke-hoach/${planId}?muc=tong-quan`);
    await page.getByRole("heading", { name: /^Tổng quan \(số liệu đến \d{2}\/\d{2}\/\d{4}\)$/ }).waitFor();
    await page.getByRole("heading", { name: "Nhiệm vụ theo tình trạng" }).waitFor();
    await page.locator(".status-bar svg[role=img]").waitFor();
  };

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    await seedDemoData(server.database);
    const db = server.database.db;
    const plan = await db
      .selectFrom("plans")
      .select("id")
      .where("number", "=", "121/KH-UBND")
      .executeTakeFirstOrThrow();
    planId = plan.id;
    const period = await db
      .selectFrom("reporting_periods")
      .select("id")
      .where("plan_id", "=", planId)
      .where("label", "=", QUARTER)
      .executeTakeFirstOrThrow();
    periodId = period.id;
    const unit = await db.selectFrom("units").select("id").where("name", "=", UNIT).executeTakeFirstOrThrow();
    unitId = unit.id;
    reportUrl = `${server.baseUrl}/bao-cao/${planId}/${periodId}/${unitId}`;
    // The demo has no account for this office: its focal officer (cán bộ đầu mối) is added as the directory admin would.
    await makeUser(server.database, {
      username: REPORTER.username,
      displayName: "Vũ Thị Ngọc (Phòng Nội vụ)",
      password: REPORTER.password,
      memberships: [{ unitId, role: "reporter" }],
    });
    browser = await launchChromium();
    reporterCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    coordinatorCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    reporter = await reporterCtx.newPage();
    coordinator = await coordinatorCtx.newPage();
    watch(reporter);
    watch(coordinator);
    await signIn(reporter, server.baseUrl, REPORTER.username, REPORTER.password);
    await signIn(coordinator, server.baseUrl, "vhkhtt.myhao", DEMO_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the coordinator's overview starts from the published plan", async () => {
    await openOverview(coordinator);
    doneBefore = await doneOnTimeInChart(coordinator);
    // Every chart's numbers are also a table.
    await coordinator.getByText("Xem số liệu dạng bảng").first().click();
    await coordinator.getByRole("table", { name: "Số nhiệm vụ theo tình trạng" }).waitFor();
    await coordinator.getByRole("heading", { name: "Tình hình nộp báo cáo: đơn vị × kỳ báo cáo" }).waitFor();
  });

  it("the reporter finds the quarterly report on the home page and opens it", async () => {
    const panel = reporter.getByRole("region", { name: /Báo cáo sắp đến hạn, bị trả lại/ });
    const link = panel.getByRole("link", { name: `${QUARTER} — ${UNIT}` });
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    await reporter.waitForURL(reportUrl);
    await reporter.getByRole("heading", { level: 1, name: `Báo cáo ${QUARTER}` }).waitFor();
  });

  it("fills one task (status, %, kết quả, khó khăn, kiến nghị) and submits", async () => {
    const item = reporter
      .locator("article.report-item")
      .filter({ has: reporter.locator(".report-item-meta", { hasText: /^Đơn vị chủ trì · Hạn \d{2}\/\d{2}\/\d{4}$/ }) })
      .first();
    await item.waitFor();
    const head = await item.locator("h3").evaluate((h) => ({
      ref:
        h
          .querySelector(".task-ref")
          ?.textContent?.replace(/\.\s*$/, "")
          .trim() ?? "",
      full: h.textContent ?? "",
    }));
    task.ref = head.ref;
    task.title = head.full.replace(/^.*?\.\s/, "").trim();
    if (!head.ref) task.title = head.full.trim();
    const due = isoOf(
      /Hạn (\d{2}\/\d{2}\/\d{4})/.exec((await item.locator(".report-item-meta").textContent()) ?? "")![1]!,
    );
    const completedOn = due < "2025-06-30" ? due : "2025-06-20";

    await item.getByLabel("Tình trạng").selectOption("done");
    await item.getByLabel("Tỷ lệ hoàn thành (%)").fill("100");
    await item.getByLabel("Ngày hoàn thành").fill(viOf(completedOn));
    await item.getByLabel("Kết quả thực hiện").fill(SENTENCE);
    await item.getByText("Khó khăn, vướng mắc và kiến nghị").click();
    await item.getByLabel("Khó khăn, vướng mắc").fill("Thiếu máy quét tài liệu khổ A3.");
    await item.getByLabel("Kiến nghị").fill("Đề nghị bổ sung 01 máy quét cho bộ phận một cửa.");
    await item.getByLabel("Kiến nghị").blur();
    await reporter.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor({ timeout: 30_000 });

    await reporter.getByRole("button", { name: "Nộp báo cáo" }).click();
    await reporter.getByRole("button", { name: "Nộp", exact: true }).click();
    await reporter.locator(".report-facts .chip").filter({ hasText: "Đã nộp" }).waitFor({ timeout: 30_000 });
    await expect.poll(() => item.getByLabel("Kết quả thực hiện").isDisabled(), { timeout: 10_000 }).toBe(true);
  }, 60_000);

  it("the coordinator sees it waiting for acceptance and returns it with a comment", async () => {
    await coordinator.goto(`${server.baseUrl}/`);
    const panel = coordinator.getByRole("region", { name: /Báo cáo chờ tiếp nhận/ });
    const link = panel.getByRole("link", { name: `${QUARTER} — ${UNIT}` });
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    await coordinator.waitForURL(reportUrl);
    const item = coordinator.locator("article.report-item").filter({ hasText: task.title }).first();
    await expect(item.getByLabel("Kết quả thực hiện").inputValue()).resolves.toBe(SENTENCE);
    await coordinator.getByLabel(/Ý kiến của cơ quan chủ trì/).fill(COMMENT);
    await coordinator.getByRole("button", { name: "Trả lại" }).click();
    await coordinator.locator(".report-facts .chip").filter({ hasText: "Trả lại" }).waitFor({ timeout: 30_000 });
  });

  it("the reporter sees the comment, fixes the report and submits it again", async () => {
    await reporter.goto(`${server.baseUrl}/bao-cao`);
    const row = reporter.getByRole("row").filter({ hasText: QUARTER }).filter({ hasText: "Trả lại" });
    await row.getByText(`Ý kiến: ${COMMENT}`).waitFor({ timeout: 15_000 });
    await row.getByRole("link", { name: "Mở báo cáo" }).click();
    await reporter.waitForURL(reportUrl);
    await reporter.getByText(COMMENT, { exact: true }).waitFor();
    const item = reporter.locator("article.report-item").filter({ hasText: task.title }).first();
    await item
      .getByLabel("Khó khăn, vướng mắc")
      .fill("Thiếu máy quét tài liệu khổ A3; đường truyền tại bộ phận một cửa chậm.");
    await item
      .getByLabel("Kiến nghị")
      .fill("Đề nghị Phòng VH,KH&TT hỗ trợ 01 máy quét và nâng băng thông lên 300 Mbps.");
    await item.getByLabel("Kiến nghị").blur();
    await reporter.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor({ timeout: 30_000 });
    await reporter.getByRole("button", { name: "Nộp báo cáo" }).click();
    await reporter.getByRole("button", { name: "Nộp", exact: true }).click();
    await reporter.locator(".report-facts .chip").filter({ hasText: "Đã nộp" }).waitFor({ timeout: 30_000 });
  });

  it("the coordinator accepts it from the Báo cáo page", async () => {
    await coordinator.goto(`${server.baseUrl}/bao-cao`);
    const row = coordinator.getByRole("row").filter({ hasText: QUARTER }).filter({ hasText: UNIT });
    await row.getByRole("link", { name: "Xem và tiếp nhận" }).click({ timeout: 15_000 });
    await coordinator.waitForURL(reportUrl);
    await coordinator.getByRole("button", { name: "Tiếp nhận" }).click();
    await coordinator.locator(".report-facts .chip").filter({ hasText: "Đã tiếp nhận" }).waitFor({ timeout: 30_000 });
  });

  it("the overview shows the task's new status", async () => {
    await openOverview(coordinator);
    await expect.poll(() => doneOnTimeInChart(coordinator), { timeout: 15_000 }).toBe(doneBefore + 1);
    // The accepted report shows in the units × periods grid: the unit's cell for that quarter reads as submitted
    // ("Chưa nộp" would also contain "nộp").
    const grid = coordinator.locator("table.rate-grid");
    const cell = grid
      .getByRole("row", { name: new RegExp(UNIT) })
      .locator(`a[href$="/${encodeURIComponent(periodId)}/${encodeURIComponent(unitId)}"]`);
    await expect.poll(() => cell.textContent(), { timeout: 15_000 }).toMatch(/Nộp (đúng hạn|muộn)$/);
    await coordinator.screenshot({ path: "/tmp/tiendo-overview-charts.png", fullPage: true });
    await coordinator.locator(".coordinator-actions").screenshot({ path: "/tmp/tiendo-ov-actions.png" });
    await coordinator.locator(".overview > .unit-grid").screenshot({ path: "/tmp/tiendo-ov-cards.png" });
    await coordinator.locator("section:has(> #ov-trend)").screenshot({ path: "/tmp/tiendo-ov-trend.png" });
    await coordinator.locator("section:has(> #ov-groups)").screenshot({ path: "/tmp/tiendo-ov-groups.png" });
    // From the chart to the tasks with that status: the reported task is there, marked done on time.
    await coordinator
      .locator(".status-bar .chart-legend")
      .getByRole("link", { name: /Hoàn thành đúng hạn/ })
      .click();
    await coordinator.waitForURL(/tinh-trang=hoan_thanh_dung_han/);
    const row = coordinator.getByRole("row").filter({ hasText: task.title }).first();
    await expect
      .poll(() => row.locator(".chip").first().textContent(), { timeout: 15_000 })
      .toContain("Hoàn thành đúng hạn");
  });

  it("the consolidated DOCX of that quarter contains the reporter's sentence", async () => {
    await openOverview(coordinator);
    await coordinator.getByLabel("Kỳ báo cáo tổng hợp").selectOption(periodId);
    // The link follows the chosen period once the page re-renders: do not click the previous period's link.
    const docx = coordinator.getByRole("link", { name: "Tải báo cáo tổng hợp (DOCX)" });
    await expect
      .poll(() => docx.getAttribute("href"), { timeout: 10_000 })
      .toContain(`period=${encodeURIComponent(periodId)}`);
    const [download] = await Promise.all([
      coordinator.waitForEvent("download"),
      coordinator.getByRole("link", { name: "Tải báo cáo tổng hợp (DOCX)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = fs.readFileSync((await download.path())!);
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))["word/document.xml"]!);
    expect(xml).toContain(SENTENCE);
  });

  it("looks right on a 360 px phone and logs no errors", async () => {
    await coordinator.setViewportSize({ width: 360, height: 780 });
    await openOverview(coordinator);
    await coordinator.screenshot({ path: "/tmp/tiendo-overview-360.png", fullPage: true });
    await coordinator.getByRole("heading", { name: /^Tổng quan/ }).scrollIntoViewIfNeeded();
    await coordinator.screenshot({ path: "/tmp/tiendo-overview-360-top.png" });
    await coordinator.locator("section:has(> #ov-grid)").scrollIntoViewIfNeeded();
    await coordinator.screenshot({ path: "/tmp/tiendo-overview-360-grid.png" });
    // Nothing sticks out of the screen (wide tables scroll inside their own box).
    const sticking = await coordinator.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.right > window.innerWidth + 1 && !el.parentElement?.closest(".table-wrap");
        })
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
    );
    expect(sticking).toEqual([]);
    expect(
      await coordinator.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(1);
    await reporter.setViewportSize({ width: 360, height: 780 });
    await reporter.goto(`${server.baseUrl}/`);
    await reporter.getByRole("region", { name: /Báo cáo sắp đến hạn, bị trả lại/ }).waitFor();
    await reporter.screenshot({ path: "/tmp/tiendo-home-reporter-360.png", fullPage: true });
    await reporter.goto(`${server.baseUrl}/bao-cao`);
    await reporter.getByRole("heading", { name: /^Báo cáo đơn vị cần nộp/ }).waitFor();
    await reporter.screenshot({ path: "/tmp/tiendo-reports-360.png", fullPage: true });
    expect(problems).toEqual([]);
  });
});
