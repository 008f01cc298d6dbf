/**
 * Kế hoạch and Nhiệm vụ của đơn vị in a real Chromium over the demo data (`tiendo demo`: directory, accounts and the
 * five seed plans published): the list with its columns, a plan's page with status chips, the unit's tasks, a report
 * with its due-date banner, and the Báo cáo page of a viewer who follows the reports of the units in reach.
 */
import path from "node:path";
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PeriodDto, PlanDto, UnitReportDto, UnitReportStatusDto } from "../../src/server/api-types.js";
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

/** Today in Vietnam (YYYY-MM-DD): the day the server counts "quá hạn N ngày" / "còn N ngày" from. */
const vietnamToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
/** Whole days from one YYYY-MM-DD date to another. */
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** YYYY-MM-DD → dd/mm/yyyy, as the app shows dates. */
const ddmmyyyy = (date: string) => date.slice(0, 10).split("-").reverse().join("/");
/** Numbers as the app shows them (vi-VN: 1.751). */
const viNumber = (n: number) => new Intl.NumberFormat("vi-VN").format(n);

describe("plans and tasks in Chromium (demo data)", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    await seedDemoData(server.database);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      // 401 before login; 409 is the conflict this file provokes on purpose.
      // …and 400/415/422 answer the unreadable XLSX file.
      if (msg.type() === "error" && !/status of (40[019]|415|422) /.test(msg.text())) {
        problems.push(`console: ${msg.text()}`);
      }
    });
    await signIn(page, server.baseUrl, "kinhte.govap", DEMO_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The page's next API answer for `pathname` with `param`=`value`: set up before the action that triggers it. */
  const nextAnswer = (pathname: string, param: string, value: string): Promise<Response> =>
    page.waitForResponse(
      (r) => {
        const u = new URL(r.url());
        return u.pathname === pathname && u.searchParams.get(param) === value;
      },
      { timeout: 30_000 },
    );
  /** The report on screen, as the API has it (the page's own cookies). */
  const reportApiUrl = () =>
    `${server.baseUrl}/api/v1/reports/${new URL(page.url()).pathname.replace(/^\/bao-cao\//, "")}`;
  /** The save indicator shows a save whose answer the page has taken in. */
  const savedOnPage = () =>
    expect
      .poll(() => page.locator(".save-state").textContent(), { timeout: 15_000 })
      .toMatch(/^Đã lưu lúc \d{2}:\d{2}$/);

  it("home shows the coordinator what is late: plans with overdue tasks, the unit's urgent tasks", async () => {
    const overdue = page.getByRole("region", { name: /Kế hoạch có nhiệm vụ quá hạn/ });
    await overdue
      .getByRole("link", { name: /KH-UBND/ })
      .first()
      .waitFor();
    await overdue
      .getByText(/\d+ nhiệm vụ quá hạn/)
      .first()
      .waitFor({ state: "visible" });
    const tasks = page.getByRole("region", { name: /Nhiệm vụ quá hạn, sắp đến hạn/ });
    await tasks.locator(".chip").first().waitFor();
    await page.screenshot({ path: "/tmp/tiendo-home-demo.png", fullPage: true });
  });

  it("lists the published plans with the columns of UX.md", async () => {
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Kế hoạch" }).click();
    await page.waitForURL(/\/ke-hoach$/);
    // The list loads after navigation: wait for its rows before reading the headers.
    await expect.poll(() => page.getByRole("row").count(), { timeout: 15_000 }).toBe(6);
    const headers = await page.getByRole("columnheader").allTextContents();
    expect(headers).toEqual([
      "Số",
      "Ngày ban hành",
      "Trích yếu",
      "Đơn vị ban hành",
      "Kỳ báo cáo tới",
      "% hoàn thành",
      "Quá hạn",
    ]);
    await expect.poll(() => page.getByRole("row").count(), { timeout: 15_000 }).toBe(6);
    // Dates as dd/mm/yyyy.
    const dates = await page.locator('td[data-label="Ngày ban hành"]').allTextContents();
    for (const d of dates) expect(d).toMatch(/^(\d{2}\/\d{2}\/\d{4}|—)$/);
    await page.screenshot({ path: "/tmp/tiendo-plans.png", fullPage: true });
  });

  it("searches plans without diacritics", async () => {
    const first = (await page.locator('td[data-label="Trích yếu"]').first().textContent()) ?? "";
    const word = first
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .split(/\s+/)
      .filter((w) => w.length >= 6)[0]!;
    // The list keeps its old rows while the search runs: wait for the search's answer, then for the list to settle.
    const searched = nextAnswer("/api/v1/plans", "q", word.toLowerCase());
    await page.getByLabel("Tìm kế hoạch").fill(word.toLowerCase());
    await page.waitForURL(/\?q=/);
    expect((await searched).status()).toBe(200);
    await page.locator('.table-wrap[aria-busy="false"]').waitFor();
    await expect.poll(() => page.getByRole("row").count(), { timeout: 15_000 }).toBeLessThanOrEqual(6);
    // The plan the word was taken from is found.
    await expect
      .poll(() => page.locator('td[data-label="Trích yếu"]').allTextContents(), { timeout: 15_000 })
      .toContain(first);
    await page.getByLabel("Tìm kế hoạch").fill("");
    await page.waitForURL(/\/ke-hoach$/);
    await expect.poll(() => page.getByRole("row").count(), { timeout: 15_000 }).toBe(6);
  });

  it("opens a plan: header, progress, tasks with status chips, reporting periods", async () => {
    await page.locator('th[data-label="Số"] a').first().click();
    await page.waitForURL(/\/ke-hoach\/[^/?]+$/);
    await page.getByRole("heading", { level: 1, name: /số/ }).waitFor();
    await page.getByRole("heading", { name: "Thông tin văn bản" }).waitFor();
    await page.getByRole("heading", { name: /^Nhiệm vụ \(\d+\)$/ }).waitFor();
    const chips = page.locator(".tasks-table .chip");
    await chips.first().waitFor();
    expect(await chips.count()).toBeGreaterThan(0);
    const chipText = (await chips.first().textContent()) ?? "";
    expect(chipText).toMatch(/Chưa thực hiện|Đang thực hiện|Hoàn thành|Quá hạn|Thường xuyên|Tạm dừng/);
    await page.screenshot({ path: "/tmp/tiendo-plan.png", fullPage: false });

    await page.getByRole("navigation", { name: "Nội dung kế hoạch" }).getByRole("link", { name: "Kỳ báo cáo" }).click();
    await page.waitForURL(/muc=ky-bao-cao/);
    await page.getByRole("heading", { name: /^Kỳ báo cáo \(\d+\)$/ }).waitFor();
    await page.goBack();
    await page.getByRole("heading", { name: /^Nhiệm vụ \(\d+\)$/ }).waitFor();
  });

  it("lists the unit's tasks across plans, filterable by status", async () => {
    await page
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Nhiệm vụ của đơn vị" })
      .click();
    await page.waitForURL(/\/nhiem-vu$/);
    await page.locator(".tasks-table").first().waitFor();
    const rows = await page.locator(".tasks-table tbody tr").count();
    expect(rows).toBeGreaterThan(0);
    const roles = await page.locator('td[data-label="Vai trò"]').allTextContents();
    for (const r of roles) expect(r).toMatch(/^(Chủ trì|Phối hợp)/);
    // The list keeps its old rows while the filtered ones load: wait for the filtered answer and a settled list.
    const filtered = nextAnswer("/api/v1/me/tasks", "role", "lead");
    await page.getByLabel("Vai trò của đơn vị").selectOption("lead");
    await page.waitForURL(/vai-tro=lead/);
    expect((await filtered).status()).toBe(200);
    await expect
      .poll(
        async () => {
          const shown = await page.locator('td[data-label="Vai trò"]').allTextContents();
          return shown.length > 0 && shown.every((t) => t.startsWith("Chủ trì"));
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await page.screenshot({ path: "/tmp/tiendo-tasks.png", fullPage: false });
  });

  it("lists the unit's reporting periods and opens a report", async () => {
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Báo cáo" }).click();
    await page.waitForURL(/\/bao-cao$/);
    await page.getByRole("link", { name: "Mở báo cáo" }).first().waitFor({ timeout: 15_000 });
    await page.getByRole("link", { name: "Mở báo cáo" }).first().click();
    await page.waitForURL(/\/bao-cao\/[^/]+\/[^/]+\/[^/]+$/);
    await page.getByRole("heading", { level: 1, name: /^Báo cáo / }).waitFor();
    await page.getByRole("heading", { name: "Đánh giá chung" }).waitFor();
    // The demo plans' periods are long past: the report, still a draft the unit can send, says how late it is.
    const before = vietnamToday();
    const res = await page.request.get(reportApiUrl());
    expect(res.status()).toBe(200);
    const report = ((await res.json()) as { data: UnitReportDto }).data;
    expect(report.lockedReason).toBeNull();
    expect(report.abilities.edit).toBe(true);
    const due = report.period.dueDate;
    expect(daysBetween(due, before)).toBeGreaterThan(0);
    const banner = page.locator(".due-notice");
    await banner.waitFor();
    await expect(banner.getAttribute("role")).resolves.toBe("status");
    await expect(banner.getAttribute("data-tone")).resolves.toBe("overdue");
    const text = await banner.textContent();
    // Either day, should Vietnam's midnight pass meanwhile.
    const expected = (today: string) =>
      `Đã quá hạn nộp ${viNumber(daysBetween(due, today))} ngày (hạn nộp ${ddmmyyyy(due)}). ` +
      "Đề nghị hoàn thiện và nộp báo cáo ngay.";
    expect(text).toBeOneOf([expected(before), expected(vietnamToday())]);
    await page.screenshot({ path: "/tmp/tiendo-report.png", fullPage: false });
  });

  it("autosaves what the reporter types, visibly, and keeps it after a reload", async () => {
    const first = page.locator("article.report-item").first();
    await first.getByLabel("Tình trạng").selectOption("in_progress");
    await first.getByLabel("Tỷ lệ hoàn thành (%)").fill("45,5");
    await first.getByLabel("Kết quả thực hiện").fill("Đã tổ chức 02 hội nghị tuyên truyền, 150 lượt người tham dự.");
    await page.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor({ timeout: 15_000 });
    // On a busy machine the autosave (1.5 s after the last change) can run between the fields above, so "Đã lưu lúc"
    // may show before the last one is saved: wait for the server to hold all three, and the page to know it.
    await expect
      .poll(
        async () => {
          const res = await page.request.get(reportApiUrl());
          const items = (
            (await res.json()) as {
              data: { items: { status: string; percent: number | null; result: string | null }[] };
            }
          ).data.items;
          return items.some(
            (i) =>
              i.status === "in_progress" &&
              i.percent === 45.5 &&
              i.result === "Đã tổ chức 02 hội nghị tuyên truyền, 150 lượt người tham dự.",
          );
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await savedOnPage();
    await page.reload();
    const again = page.locator("article.report-item").first();
    await expect(again.getByLabel("Kết quả thực hiện").inputValue()).resolves.toBe(
      "Đã tổ chức 02 hội nghị tuyên truyền, 150 lượt người tham dự.",
    );
    await expect(again.getByLabel("Tỷ lệ hoàn thành (%)").inputValue()).resolves.toBe("45,5");
    await expect(again.getByLabel("Tình trạng").inputValue()).resolves.toBe("in_progress");
  });

  it("shows both versions when someone else saved first, without overwriting", async () => {
    // Another session of the same unit saves the report behind this page's back.
    const path = new URL(page.url()).pathname.replace(/^\/bao-cao\//, "");
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "kinhte.govap", password: DEMO_PASSWORD }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const csrf = ((await login.json()) as { data: { csrfToken: string } }).data.csrfToken;
    const url = `${server.baseUrl}/api/v1/reports/${path}`;
    const current = (await (await fetch(url, { headers: { cookie } })).json()) as {
      data: {
        version: number;
        items: { taskId: string; status: string; percent: number | null; result: string | null }[];
      };
    };
    const put = await fetch(url, {
      method: "PUT",
      headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json", origin: server.baseUrl },
      body: JSON.stringify({
        version: current.data.version,
        summary: "Bản tóm tắt do đồng nghiệp lưu.",
        items: current.data.items.map((i) => ({
          taskId: i.taskId,
          status: i.status,
          percent: i.percent,
          result: i.result,
        })),
      }),
    });
    expect(put.status).toBe(200);

    await page.getByLabel("Tóm tắt kết quả").fill("Bản tóm tắt của tôi.");
    // The sticky bar says so where the user is typing, and leads to the comparison.
    await page.getByRole("button", { name: "So sánh và chọn bản" }).click({ timeout: 30_000 });
    const conflict = page.getByRole("alert").filter({ hasText: "Báo cáo vừa được người khác lưu" });
    await expect.poll(() => conflict.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);
    const row = conflict.getByRole("row", { name: /Tóm tắt kết quả/ });
    await row
      .filter({ hasText: "Bản tóm tắt của tôi." })
      .filter({ hasText: "Bản tóm tắt do đồng nghiệp lưu." })
      .waitFor();
    await page.screenshot({ path: "/tmp/tiendo-report-conflict.png", fullPage: false });

    await conflict.getByRole("button", { name: "Giữ bản của tôi và lưu" }).click();
    await page.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor({ timeout: 30_000 });
    const saved = (await (await fetch(url, { headers: { cookie } })).json()) as { data: { summary: string } };
    expect(saved.data.summary).toBe("Bản tóm tắt của tôi.");
  });

  it("round-trips the XLSX form and explains a file it cannot read", async () => {
    const download = await page.request.get(
      await page.getByRole("link", { name: "Tải XLSX để điền" }).evaluate((a) => (a as HTMLAnchorElement).href),
    );
    expect(download.status()).toBe(200);
    const bytes = await download.body();
    const input = page.locator(".file-input-button input[type=file]");
    // Each upload's answer, set up before the upload: the error and the save state of the previous step are still on
    // screen until the page has taken in the new answer.
    const xlsxAnswer = () =>
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.endsWith("/xlsx"), {
        timeout: 30_000,
      });
    const refused = xlsxAnswer();
    await input.setInputFiles({
      name: "khong-phai-xlsx.xlsx",
      mimeType: "application/octet-stream",
      buffer: Buffer.from("xin chào"),
    });
    expect((await refused).status()).toBeGreaterThanOrEqual(400);
    await page.getByText(/^Không áp dụng được tệp XLSX: /).waitFor({ timeout: 15_000 });
    const applied = xlsxAnswer();
    await input.setInputFiles({
      name: "bao-cao.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: bytes,
    });
    expect((await applied).status()).toBe(200);
    // The upload is over once the button reads "Tải lên XLSX đã điền" again (it says "Đang tải lên…" meanwhile).
    await page.locator(".file-input-button", { hasText: "Tải lên XLSX đã điền" }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByText(/^Không áp dụng được tệp XLSX: /).count(), { timeout: 10_000 }).toBe(0);
    await page.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor({ timeout: 15_000 });
    // What was typed before survives the round trip.
    await expect(page.getByLabel("Tóm tắt kết quả").inputValue()).resolves.toBe("Bản tóm tắt của tôi.");
  });

  it("submits after asking, and the report becomes read-only", async () => {
    await page.getByRole("button", { name: "Nộp báo cáo" }).click();
    await page.getByText("Nộp báo cáo? Sau khi nộp, báo cáo chỉ sửa được khi bị trả lại.").waitFor();
    await page.getByRole("button", { name: "Nộp", exact: true }).click();
    await page.locator(".report-facts .chip").filter({ hasText: "Đã nộp" }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByLabel("Tóm tắt kết quả").isDisabled(), { timeout: 10_000 }).toBe(true);
  });

  it("lets the coordinator find the submitted report from the plan and return it with a comment", async () => {
    const [, planId, periodId, unitId] = new URL(page.url()).pathname.match(/^\/bao-cao\/([^/]+)\/([^/]+)\/([^/]+)$/)!;
    await page.goto(`${server.baseUrl}/ke-hoach/${planId}?muc=ky-bao-cao&ky=${periodId}`);
    await page.getByRole("heading", { name: /^Báo cáo của các đơn vị — / }).waitFor();
    const row = page.getByRole("row", { name: /Phòng Kinh tế/ });
    // Submitted: on time or late ("Chưa nộp" would also contain "nộp").
    await expect.poll(() => row.locator(".chip").textContent(), { timeout: 15_000 }).toMatch(/^Nộp (đúng hạn|muộn)$/);
    await row.getByRole("link", { name: "Xem báo cáo" }).click();
    await page.waitForURL(new RegExp(`/bao-cao/${planId}/${periodId}/${unitId}$`));
    await page.getByRole("button", { name: "Trả lại" }).click();
    await page.getByText("Vui lòng ghi ý kiến để đơn vị biết cần sửa gì.").waitFor();
    await page.getByLabel(/Ý kiến của cơ quan chủ trì/).fill("Bổ sung số liệu kết quả nhiệm vụ III.2.1.");
    await page.getByRole("button", { name: "Trả lại" }).click();
    // The comment is also in the text box until the answer comes: wait for the new status first.
    await page.locator(".report-facts .chip").filter({ hasText: "Trả lại" }).waitFor({ timeout: 30_000 });
    await page.getByText("Bổ sung số liệu kết quả nhiệm vụ III.2.1.").waitFor();
    // Returned: the unit can edit and submit again.
    await expect.poll(() => page.getByLabel("Tóm tắt kết quả").isDisabled(), { timeout: 10_000 }).toBe(false);
    await page.getByRole("button", { name: "Nộp báo cáo" }).waitFor();
  });

  it("shows the plan overview as tables", async () => {
    const planId = new URL(page.url()).pathname.split("/")[2]!;
    await page.goto(`${server.baseUrl}/ke-hoach/${planId}?muc=tong-quan`);
    await page.getByRole("heading", { name: /^Tổng quan \(số liệu đến \d{2}\/\d{2}\/\d{4}\)$/ }).waitFor();
    await page.getByRole("heading", { name: "Nhiệm vụ theo tình trạng" }).waitFor();
    await page.getByRole("heading", { name: /^Nhiệm vụ quá hạn \(\d+\)$/ }).waitFor();
    await page.screenshot({ path: "/tmp/tiendo-overview.png", fullPage: true });
  });

  it("imports a plan document and reviews it against the source text", async () => {
    await page.goto(`${server.baseUrl}/ke-hoach`);
    await page.getByRole("link", { name: "Nhập kế hoạch" }).click();
    await page.waitForURL(/\/ke-hoach\/nhap$/);
    await page
      .getByLabel("Tệp văn bản kế hoạch")
      .setInputFiles(path.join(ROOT, "tests/fixtures/seeds/001_9b99c1c743ecb66b.txt"));
    await page.getByRole("button", { name: "Nhập và rà soát" }).click();
    await page.waitForURL(/\/ke-hoach\/nhap\/[^/]+$/, { timeout: 90_000 });
    await page.getByRole("heading", { level: 1, name: /^Rà soát: / }).waitFor();

    // Moving into a field highlights where it came from in the source text.
    await page.getByLabel("Số, ký hiệu").focus();
    const mark = page.locator(".source-pane mark");
    await mark.waitFor();
    expect(await mark.textContent()).toContain("36403");

    // One click confirms a directory unit for a printed name.
    const firstMatch = page.locator("li.match").first();
    const candidate = firstMatch.locator(".match-candidates button").first();
    await candidate.click();
    await expect.poll(() => candidate.getAttribute("aria-pressed"), { timeout: 10_000 }).toBe("true");
    await page.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor({ timeout: 15_000 });

    // Each listed problem jumps to its field.
    const problems = page.locator(".problem-list button");
    if ((await problems.count()) > 0) {
      await problems.first().click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-path")), { timeout: 10_000 })
        .toBeTruthy();
    }
    await page.screenshot({ path: "/tmp/tiendo-import-review.png", fullPage: false });

    // Publishing the same number again asks first.
    const publish = page.getByRole("button", { name: "Ban hành kế hoạch" });
    if (await publish.isEnabled()) {
      await publish.click();
      const again = page.getByRole("button", { name: "Vẫn ban hành" });
      await Promise.race([
        again.waitFor({ timeout: 30_000 }),
        page.waitForURL(/\/ke-hoach\/(?!nhap)[^/]+$/, { timeout: 30_000 }),
      ]);
      if (await again.isVisible()) await again.click();
      await page.waitForURL(/\/ke-hoach\/(?!nhap)[^/?]+$/, { timeout: 30_000 });
      await page.getByRole("heading", { level: 1, name: /36403/ }).waitFor();
    }
  }, 180_000);

  it("shows a unit's tasks on its page", async () => {
    await page.goto(`${server.baseUrl}/don-vi?q=phong+kinh+te+go+vap`);
    await page
      .getByRole("link", { name: /Phòng Kinh tế/ })
      .first()
      .click();
    await page.getByRole("heading", { level: 1, name: /Phòng Kinh tế/ }).waitFor();
    const work = page.getByRole("region", { name: "Nhiệm vụ" });
    await work
      .getByText(/^\d+ nhiệm vụ$/)
      .first()
      .waitFor();
    const lead = await work.locator("dd").first().textContent();
    expect(Number(lead?.replace(/\D/g, ""))).toBeGreaterThan(0);
  });

  it("fits 360 px", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ["/ke-hoach", "/nhiem-vu", "/bao-cao", "/ke-hoach/nhap"]) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.locator("table").first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    await page.goto(`${server.baseUrl}/ke-hoach`);
    await page.locator('th[data-label="Số"] a').first().click();
    await page.locator(".tasks-table").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: "/tmp/tiendo-plan-phone.png", fullPage: false });
    await page.goto(`${server.baseUrl}/bao-cao`);
    await page.getByRole("link", { name: "Mở báo cáo" }).first().click();
    await page.locator("article.report-item").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: "/tmp/tiendo-report-phone.png", fullPage: false });
  });

  it("home shows leadership the plans in reach: % hoàn thành, Quá hạn worst first, links into each overview", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const leader = await context.newPage();
    leader.on("pageerror", (err) => problems.push(`leader pageerror: ${err.message}`));
    leader.on("console", (msg) => {
      if (msg.type() === "error" && !/status of 401 /.test(msg.text())) problems.push(`leader console: ${msg.text()}`);
    });
    try {
      await signIn(leader, server.baseUrl, "lanhdao.govap", DEMO_PASSWORD);
      // The name without the job title in brackets.
      await leader
        .getByRole("heading", { level: 1, name: /^Chào buổi (sáng|trưa|chiều|tối), Trần Văn Minh$/ })
        .waitFor({ timeout: 15_000 });
      await expect(leader.locator(".home-hero .page-lead").textContent()).resolves.not.toContain(";");
      const panel = leader.getByRole("region", { name: /Tiến độ các kế hoạch/ });
      const items = panel.locator(".leader-plan");
      await items.first().waitFor({ timeout: 15_000 });
      expect(await items.count()).toBeGreaterThan(0);
      expect(await panel.locator("progress").count()).toBeGreaterThan(0);
      const overdue = (await items.allTextContents()).map((t) => Number(t.match(/Quá hạn: (\d+)/)?.[1] ?? Number.NaN));
      for (const n of overdue) expect(n).toBeGreaterThanOrEqual(0);
      expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
      await leader.screenshot({ path: "/tmp/tiendo-home-leader.png", fullPage: true });
      await items.first().locator("a.home-item-title").click();
      await leader.waitForURL(/\/ke-hoach\/[^/?]+\?muc=tong-quan$/);
      await leader.getByRole("heading", { name: /^Tổng quan \(số liệu đến \d{2}\/\d{2}\/\d{4}\)$/ }).waitFor();
    } finally {
      await context.close();
    }
  });

  it("keeps a plan's tasks short on a phone: my units only, status filter, groups that fold", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    // The plan with the most tasks that names one of the user's units.
    const me = (await (await page.request.get(`${server.baseUrl}/api/v1/auth/me`)).json()) as {
      data: { user: { memberships: { unitId: string }[] } };
    };
    const mine = new Set(me.data.user.memberships.map((m) => m.unitId));
    const list = (await (await page.request.get(`${server.baseUrl}/api/v1/plans?limit=50&offset=0`)).json()) as {
      data: { items: { id: string }[] };
    };
    let best: { id: string; tasks: number; overdue: number } | null = null;
    for (const p of list.data.items) {
      const plan = (await (await page.request.get(`${server.baseUrl}/api/v1/plans/${p.id}`)).json()) as {
        data: { tasks: { status: string; assignments: { unitId: string | null }[] }[] };
      };
      const named = plan.data.tasks.some((t) => t.assignments.some((a) => a.unitId && mine.has(a.unitId)));
      if (named && (!best || plan.data.tasks.length > best.tasks)) {
        const overdue = plan.data.tasks.filter((t) => t.status === "qua_han_chua_hoan_thanh").length;
        best = { id: p.id, tasks: plan.data.tasks.length, overdue };
      }
    }
    expect(best).not.toBeNull();
    await page.goto(`${server.baseUrl}/ke-hoach/${best!.id}`);
    const heading = page.getByRole("heading", { name: /^Nhiệm vụ \(\d+\)$/ });
    await heading.waitFor();
    const shown = async () => Number(((await heading.textContent()) ?? "").replace(/\D/g, ""));
    const all = await shown();
    expect(all).toBe(best!.tasks);

    // A coordinator sees every task by default; "only my units" narrows the list.
    const onlyMine = page.getByLabel("Chỉ nhiệm vụ của đơn vị tôi");
    await expect(onlyMine.isChecked()).resolves.toBe(false);
    // The box follows the URL, which the router updates after the click: click, then wait for the new state.
    await onlyMine.click();
    await page.waitForURL(/cua-toi=1/);
    await expect.poll(() => onlyMine.isChecked(), { timeout: 10_000 }).toBe(true);
    await expect.poll(shown, { timeout: 10_000 }).toBeLessThan(all);
    expect(await shown()).toBeGreaterThan(0);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(8_000);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: "/tmp/tiendo-plan-phone-mine.png", fullPage: true });

    // Without the filter the groups fold: closed ones show counts by status, and the page stays short.
    await onlyMine.click();
    await expect.poll(() => onlyMine.isChecked(), { timeout: 10_000 }).toBe(false);
    await expect.poll(shown, { timeout: 10_000 }).toBe(all);
    const groups = page.locator("details.task-group-fold");
    if ((await groups.count()) > 1) {
      const closed = page.locator("details.task-group-fold:not([open])");
      expect(await closed.count()).toBeGreaterThan(0);
      await expect(closed.first().locator(".task-group-counts .chip").count()).resolves.toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(15_000);
      await closed.first().locator("summary").click();
      await expect
        .poll(() => page.locator("details.task-group-fold[open] .tasks-table").count(), { timeout: 10_000 })
        .toBeGreaterThan(1);
    }
    await page.screenshot({ path: "/tmp/tiendo-plan-phone-groups.png", fullPage: true });

    // The status filter combines with the rest.
    await page.getByLabel("Tình trạng", { exact: true }).selectOption("qua_han_chua_hoan_thanh");
    await page.waitForURL(/tinh-trang=qua_han_chua_hoan_thanh/);
    // The URL changes before the list re-renders: wait for the filtered count before reading the chips.
    await expect.poll(shown, { timeout: 10_000 }).toBe(best!.overdue);
    const chips = await page.locator(".tasks-table .chip").allTextContents();
    for (const c of chips) expect(c).toMatch(/Quá hạn/);
  });

  it("Báo cáo shows a viewer the reports of the units in reach, read-only", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const viewer = await context.newPage();
    viewer.on("pageerror", (err) => problems.push(`viewer pageerror: ${err.message}`));
    viewer.on("console", (msg) => {
      if (msg.type() === "error" && !/status of 401 /.test(msg.text())) problems.push(`viewer console: ${msg.text()}`);
    });
    /** What the page asks for: periods due from 90 days ago to 30 days ahead. */
    const inReach = async () => {
      const res = await viewer.request.get(`${server.baseUrl}/api/v1/me/reports/units?pastDays=90&days=30`);
      expect(res.status()).toBe(200);
      return ((await res.json()) as { data: UnitReportStatusDto[] }).data;
    };
    try {
      await signIn(viewer, server.baseUrl, "lanhdao.govap", DEMO_PASSWORD);
      const nav = viewer.getByRole("navigation", { name: "Điều hướng chính" });
      const heading = (n: number) =>
        viewer.getByRole("heading", { level: 2, name: `Báo cáo của các đơn vị theo dõi (${n})`, exact: true });

      // Whatever the demo data has in that window today: the count, or the empty state.
      const first = await inReach();
      await nav.getByRole("link", { name: "Báo cáo", exact: true }).click();
      await viewer.waitForURL(/\/bao-cao$/);
      await heading(first.length).waitFor({ timeout: 15_000 });
      if (first.length === 0) {
        await viewer.getByRole("heading", { name: "Chưa có báo cáo nào để theo dõi", exact: true }).waitFor();
      }
      // A viewer sends, approves and accepts nothing: no queues of their own.
      await expect(viewer.getByRole("heading", { name: /^Báo cáo đơn vị cần nộp/ }).count()).resolves.toBe(0);

      // The coordinator of a Gò Vấp plan asks its units for an ad-hoc report due in 5 days.
      const me = (await (await page.request.get(`${server.baseUrl}/api/v1/auth/me`)).json()) as {
        data: { csrfToken: string };
      };
      const list = (await (await page.request.get(`${server.baseUrl}/api/v1/plans?limit=50&offset=0`)).json()) as {
        data: { items: { id: string }[] };
      };
      let plan: PlanDto | null = null;
      for (const p of list.data.items) {
        const detail = (
          (await (await page.request.get(`${server.baseUrl}/api/v1/plans/${p.id}`)).json()) as {
            data: PlanDto;
          }
        ).data;
        if (detail.abilities.manage && detail.tasks.some((t) => t.assignments.some((a) => a.unitId))) {
          plan = detail;
          break;
        }
      }
      expect(plan).not.toBeNull();
      const label = "Báo cáo đột xuất về chuyển đổi số";
      const asked = vietnamToday();
      const created = await page.request.post(`${server.baseUrl}/api/v1/plans/${plan!.id}/periods`, {
        headers: { "x-csrf-token": me.data.csrfToken },
        data: { label, dueDate: addDays(asked, 5) },
      });
      expect(created.status(), await created.text()).toBe(201);
      const period = ((await created.json()) as { data: PeriodDto }).data;

      const rows = await inReach();
      const ours = rows.filter((r) => r.period.id === period.id);
      expect(ours.length).toBeGreaterThan(0);
      expect(rows.length).toBe(first.length + ours.length);
      await viewer.reload();
      await heading(rows.length).waitFor({ timeout: 15_000 });
      const section = viewer.getByRole("region", { name: `Báo cáo của các đơn vị theo dõi (${rows.length})` });
      await expect.poll(() => section.locator("tbody tr").count(), { timeout: 10_000 }).toBe(rows.length);
      const shown = section.locator("tbody tr").filter({ hasText: label });
      await expect
        .poll(async () => (await shown.locator('td[data-label="Đơn vị"]').allTextContents()).sort(), {
          timeout: 10_000,
        })
        .toEqual(ours.map((r) => r.unitName).sort());
      // Nobody has started it: "Chưa lập", due in 5 days, and nothing to open.
      const row = shown.first();
      await expect(row.locator(".chip").textContent()).resolves.toMatch(/Chưa lập$/);
      await expect(row.locator('td[data-label="Hạn nộp"]').textContent()).resolves.toBeOneOf([
        `${ddmmyyyy(period.dueDate)}Còn ${daysBetween(asked, period.dueDate)} ngày`,
        `${ddmmyyyy(period.dueDate)}Còn ${daysBetween(vietnamToday(), period.dueDate)} ngày`,
      ]);
      await expect(row.getByRole("link", { name: "Xem báo cáo" }).count()).resolves.toBe(0);
      await viewer.screenshot({ path: "/tmp/tiendo-reports-viewer.png", fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("ran without script errors or CSP violations", () => {
    expect(problems).toEqual([]);
  });
});
