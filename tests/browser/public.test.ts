/**
 * Công khai in a real Chromium over the demo data: a coordinator publishes a plan's progress from the plan page, then
 * someone who is not signed in finds it from the login page, opens it on a phone-sized screen and downloads the CSV.
 */
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  ensureWebBuild,
  launchChromium,
  seedDemoData,
  signIn,
  startServer,
  type TestServer,
} from "./support.js";

describe("public progress in Chromium (demo data)", () => {
  let server: TestServer;
  let browser: Browser;
  let coordinator: Page;
  const problems: string[] = [];
  let plan: { id: string; number: string; taskTitle: string };

  const watch = (page: Page) => {
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      // 401: the session bootstrap of a visitor who is not signed in.
      if (msg.type() === "error" && !/status of 401 /.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
  };

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    await seedDemoData(server.database);
    browser = await launchChromium();
    coordinator = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watch(coordinator);
    await signIn(coordinator, server.baseUrl, "kinhte.govap", DEMO_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lets the coordinator publish a plan's progress from the plan page, after confirming", async () => {
    // A demo plan this coordinator's unit issued (the switch is only offered there).
    plan = await coordinator.evaluate(async () => {
      const get = async (url: string) => ((await (await fetch(url)).json()) as { data: unknown }).data;
      const list = (await get("/api/v1/plans?limit=50")) as { items: { id: string; number: string | null }[] };
      for (const p of list.items) {
        const state = (await get(`/api/v1/plans/${p.id}/public`)) as { canChange: boolean };
        if (!state.canChange) continue;
        const full = (await get(`/api/v1/plans/${p.id}`)) as { tasks: { title: string }[] };
        const task = full.tasks.find((t) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(t.title));
        if (task && p.number) return { id: p.id, number: p.number, taskTitle: task.title };
      }
      throw new Error("no demo plan this coordinator may publish");
    });

    await coordinator.goto(`${server.baseUrl}/ke-hoach/${plan.id}`);
    await coordinator.getByRole("heading", { name: "Thông tin văn bản" }).waitFor();
    await coordinator.getByRole("button", { name: "Công khai tiến độ" }).click();
    await coordinator.getByText(/Mọi người \(không cần đăng nhập\) sẽ xem được/).waitFor();
    await coordinator.getByRole("button", { name: "Đồng ý công khai" }).click();
    await coordinator.getByText(/^Đang công khai từ \d{2}\/\d{2}\/\d{4}$/).waitFor();
    await coordinator.getByRole("button", { name: "Ngừng công khai" }).waitFor();
    await coordinator.screenshot({ path: "/tmp/tiendo-plan-public-toggle.png" });
  });

  it("shows it to a visitor who is not signed in, on a phone, with the CSV download", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, acceptDownloads: true });
    try {
      const page = await context.newPage();
      watch(page);
      await page.goto(`${server.baseUrl}/dang-nhap`);
      await page.getByRole("link", { name: "Xem tiến độ công khai" }).click();
      await page.waitForURL(/\/cong-khai$/);
      await page.getByRole("heading", { level: 1, name: "Tiến độ công khai" }).waitFor();
      const link = page.getByRole("link", { name: plan.number, exact: true });
      await link.waitFor();
      // Tables become cards: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.screenshot({ path: "/tmp/tiendo-public-list-phone.png", fullPage: true });

      await link.click();
      await page.waitForURL(new RegExp(`/cong-khai/${plan.id}$`));
      await page.getByRole("heading", { level: 1, name: new RegExp(plan.number.replace(/[/.]/g, "\\$&")) }).waitFor();
      const counts = page.getByRole("list", { name: "Số nhiệm vụ theo tình trạng" });
      await expect(counts.locator(".chip").count()).resolves.toBe(7);
      await expect(counts.getByText("Quá hạn chưa hoàn thành").count()).resolves.toBe(1);
      await page.getByRole("heading", { name: /^Nhiệm vụ \(\d+\)$/ }).waitFor();
      await page.getByText(plan.taskTitle, { exact: false }).first().waitFor();
      expect(await page.locator(".tasks-table .chip").count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.screenshot({ path: "/tmp/tiendo-public-plan-phone.png" });

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Tải CSV" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^tien-do-.+\.csv$/);
      const bytes = fs.readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = bytes.subarray(3).toString("utf8");
      expect(csv.split("\r\n")[0]).toMatch(/^TT,Nhóm nhiệm vụ,Nhiệm vụ,/);
      expect(csv).toContain(plan.taskTitle.includes(",") ? `"${plan.taskTitle.replace(/"/g, '""')}"` : plan.taskTitle);

      // Nobody is signed in here: the public pages offer the login, not the app.
      await page
        .getByRole("navigation", { name: "Điều hướng công khai" })
        .getByRole("link", { name: "Đăng nhập" })
        .waitFor();
    } finally {
      await context.close();
    }
  });

  it("withdraws it again: the public page then says it is not found", async () => {
    await coordinator.getByRole("button", { name: "Ngừng công khai" }).click();
    await coordinator.getByRole("button", { name: "Ngừng công khai" }).last().click();
    await coordinator.getByRole("button", { name: "Công khai tiến độ" }).waitFor();
    const res = await fetch(`${server.baseUrl}/api/v1/public/plans/${plan.id}`);
    expect(res.status).toBe(404);
    expect(problems).toEqual([]);
  });
});
