/**
 * The web app in a real Chromium against the real server: login redirect, a wrong password, the shell, the units
 * search, the phone layout and logout, under the server's CSP (any CSP violation fails the test).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import { ensureWebBuild, type Fixture, launchChromium, seedFixture, startServer, type TestServer } from "./support.js";

const NAV_LABELS = ["Kế hoạch", "Nhiệm vụ của đơn vị", "Báo cáo", "Đơn vị", "Quản trị"];
const SCREENSHOT_DIR = "/tmp";

describe("web shell in Chromium", () => {
  let server: TestServer;
  let fixture: Fixture;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const consoleInfo: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    fixture = await seedFixture(server.database);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "vi-VN" });
    page = await context.newPage();
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      consoleInfo.push(msg.text());
      // Chromium logs every 4xx answer; the 401s (before login, after the session ends) and the 400 of the wrong
      // current password are expected. Anything else logged as an error (CSP refusals, 404 assets…) is a defect.
      if (msg.type() === "error" && !/status of 40[01] |net::ERR_CONNECTION_REFUSED/.test(msg.text())) {
        problems.push(`console: ${msg.text()}`);
      }
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach((ctx) => {
    onTestFailed(async () => {
      const name = ctx.task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60);
      console.error(`failed at ${page?.url()}`);
      await page?.screenshot({ path: `${SCREENSHOT_DIR}/tiendo-failed-${name}.png`, fullPage: true }).catch(() => {});
    });
  });

  const nav = () => page.getByRole("navigation", { name: "Điều hướng chính" });

  it("sends a visitor to the login page, in Vietnamese", async () => {
    const response = await page.goto(`${server.baseUrl}/`);
    // The app runs under the server's strict CSP (so a violation would show up in `problems`).
    expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self'(;|$)/);
    await page.waitForURL(/\/dang-nhap$/);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("vi");
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    await expect(page.getByLabel("Tên đăng nhập").isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Mật khẩu", { exact: true }).isVisible()).resolves.toBe(true);
  });

  it("asks for missing fields before sending anything", async () => {
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByText("Vui lòng nhập tên đăng nhập.").waitFor();
    await expect
      .poll(() => page.getByLabel("Tên đăng nhập").getAttribute("aria-invalid"), { timeout: 10_000 })
      .toBe("true");
  });

  it("shows the server's Vietnamese message for a wrong password", async () => {
    await page.getByLabel("Tên đăng nhập").fill(fixture.admin.user.username);
    await page.getByLabel("Mật khẩu", { exact: true }).fill("sai-mat-khau-roi");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
    // The password is cleared for the next try, and the user stays on the login page.
    await expect.poll(() => page.getByLabel("Mật khẩu", { exact: true }).inputValue(), { timeout: 10_000 }).toBe("");
    expect(new URL(page.url()).pathname).toBe("/dang-nhap");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tiendo-login-error.png`, fullPage: true });
  });

  it("signs in and shows the shell with the five destinations and the user's name", async () => {
    await page.getByLabel("Mật khẩu", { exact: true }).fill(fixture.admin.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    await page.getByRole("heading", { level: 1, name: /Nguyễn Văn An/ }).waitFor();

    const header = page.getByRole("banner");
    await expect(header.getByRole("link", { name: /tiendo/ }).textContent()).resolves.toMatch(
      /tiendo\s*—\s*Theo dõi tiến độ/,
    );
    const links = await nav().getByRole("link").allTextContents();
    expect(links.map((t) => t.trim())).toEqual(NAV_LABELS);
    await expect(header.getByText("Nguyễn Văn An").filter({ visible: true }).count()).resolves.toBe(1);

    // Home by role: this user coordinates and reports, so both sets of panels are there.
    await page.getByRole("heading", { name: "Kế hoạch có nhiệm vụ quá hạn" }).waitFor();
    await page.getByRole("heading", { name: "Nhiệm vụ quá hạn, sắp đến hạn" }).waitFor();
    // The panels come from the API (an empty database here), not from placeholders.
    await page.getByText("Không kế hoạch nào có nhiệm vụ quá hạn.").waitFor();
    await page.getByText("Không có nhiệm vụ nào quá hạn hoặc sắp đến hạn.").waitFor();

    // A production build of React: the development build announces its DevTools on the console.
    expect(consoleInfo.some((t) => t.includes("React DevTools"))).toBe(false);

    // The bundled Be Vietnam Pro loads (self-hosted, allowed by the CSP) for Vietnamese text.
    await page.evaluate(() => document.fonts.ready);
    const fontLoaded = await page.evaluate(() => document.fonts.check("600 16px 'Be Vietnam Pro'", "Nguyễn Đơn vị"));
    expect(fontLoaded).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tiendo-home.png`, fullPage: true });
  });

  it("opens the account menu with units and roles", async () => {
    await page.getByRole("button", { name: /Tài khoản: Nguyễn Văn An/ }).click();
    const roles = page.getByRole("list", { name: "Đơn vị và vai trò" });
    await roles.waitFor();
    const text = (await roles.textContent()) ?? "";
    expect(text).toContain("Chuyên viên thường trực");
    expect(text).toContain("Sở Khoa học và Công nghệ");
    expect(text).toContain("Cán bộ đầu mối");
    await expect(page.getByRole("link", { name: "Đổi mật khẩu" }).isVisible()).resolves.toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => roles.isVisible(), { timeout: 10_000 }).toBe(false);
  });

  it("has a notification bell that opens and closes", async () => {
    const bell = page.getByRole("button", { name: /^Thông báo/ });
    await bell.click();
    await page.getByText("Chưa có thông báo nào.").waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => bell.getAttribute("aria-expanded"), { timeout: 10_000 }).toBe("false");
  });

  it("is usable from the keyboard: skip link, account menu, focus returns", async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole("heading", { level: 1, name: /Nguyễn Văn An/ }).waitFor();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Bỏ qua, đến nội dung chính" });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(skip.isVisible()).resolves.toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe("noi-dung");

    const account = page.getByRole("button", { name: /Tài khoản: Nguyễn Văn An/ });
    await account.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => account.getAttribute("aria-expanded"), { timeout: 10_000 }).toBe("true");
    // The menu is open (rendered) before Tab moves into it.
    await page.getByRole("link", { name: "Đổi mật khẩu" }).waitFor();
    await page.keyboard.press("Tab");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 10_000 })
      .toBe("Đổi mật khẩu");
    await page.keyboard.press("Escape");
    await expect.poll(() => account.getAttribute("aria-expanded"), { timeout: 10_000 }).toBe("false");
    await expect.poll(() => account.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);
  });

  it("changes password only with the right current password (field error from the server)", async () => {
    await page.getByRole("button", { name: /Tài khoản: Nguyễn Văn An/ }).click();
    await page.getByRole("link", { name: "Đổi mật khẩu" }).click();
    await page.getByRole("heading", { level: 1, name: "Đổi mật khẩu" }).waitFor();
    // After in-app navigation the new page's heading has focus (moved there once the page has rendered).
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), { timeout: 10_000 }).toBe("H1");
    await page.getByLabel("Mật khẩu hiện tại").fill("không-phải-mật-khẩu");
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill("Mật-khẩu-mới-2025");
    await page.getByLabel("Nhập lại mật khẩu mới").fill("Mật-khẩu-mới-2025");
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await page.getByRole("alert").waitFor();
    const current = page.getByLabel("Mật khẩu hiện tại");
    await expect.poll(() => current.getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");
    await expect
      .poll(
        async () => {
          const describedBy = (await current.getAttribute("aria-describedby")) ?? "";
          return describedBy ? page.locator(`[id="${describedBy}"]`).textContent() : null;
        },
        { timeout: 10_000 },
      )
      .toBe("Mật khẩu hiện tại không đúng.");
  });

  it("lists units and searches them without diacritics", async () => {
    await nav().getByRole("link", { name: "Đơn vị", exact: true }).click();
    await page.waitForURL(/\/don-vi$/);
    await page.getByRole("heading", { level: 1, name: "Đơn vị" }).waitFor();
    // Browsing starts at the top of the directory.
    await page.getByRole("rowheader", { name: "Thành phố Hồ Chí Minh" }).waitFor();

    await page.getByLabel("Tìm đơn vị").fill("so khoa hoc");
    await page.waitForURL(/\?q=so(\+|%20)khoa(\+|%20)hoc$/);
    const row = page.getByRole("row", { name: /Sở Khoa học và Công nghệ/ });
    await row.waitFor();
    const cells = await row.locator("td").allTextContents();
    expect(cells).toEqual(["Sở, ban, ngành", "Thành phố Hồ Chí Minh"]);
    // The browsing rows stay (dimmed) until the search answer replaces them.
    await expect
      .poll(() => page.getByRole("rowheader", { name: "Thành phố Hồ Chí Minh" }).count(), { timeout: 10_000 })
      .toBe(0);

    await page.getByLabel("Tìm đơn vị").fill("khong co don vi nao nhu the");
    await page.getByRole("heading", { name: "Không tìm thấy đơn vị phù hợp" }).waitFor();

    // Back leaves the search (however much it was refined) and returns to browsing.
    await page.goBack();
    await page.waitForURL(/\/don-vi$/);
    await page.getByRole("rowheader", { name: "Thành phố Hồ Chí Minh" }).waitFor();
    await expect.poll(() => page.getByLabel("Tìm đơn vị").inputValue(), { timeout: 10_000 }).toBe("");

    // A unit's name opens its page: where it sits, what it is, its subordinate units.
    await page.getByRole("link", { name: "Thành phố Hồ Chí Minh" }).click();
    await page.getByRole("heading", { level: 1, name: "Thành phố Hồ Chí Minh" }).waitFor();
    await page.getByRole("heading", { name: "Đơn vị trực thuộc (2)" }).waitFor();
    // exact: "phường Gò Vấp" is also part of the office's name.
    await page.getByRole("link", { name: "Phường Gò Vấp", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Phường Gò Vấp", exact: true }).waitFor();
    const crumbs = page.getByRole("navigation", { name: "Vị trí trong danh mục đơn vị" });
    await expect
      .poll(() => crumbs.getByRole("listitem").allTextContents(), { timeout: 10_000 })
      .toEqual(["Đơn vị", "Thành phố Hồ Chí Minh", "Phường Gò Vấp"]);
    await page.getByRole("rowheader", { name: "Phòng Văn hóa - Xã hội phường Gò Vấp" }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tiendo-units.png`, fullPage: true });
  });

  it("at 360 px opens the navigation from the menu button, without horizontal scrolling", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole("heading", { level: 1, name: /Nguyễn Văn An/ }).waitFor();

    const toggle = page.getByRole("button", { name: "Mở menu" });
    await expect(toggle.isVisible()).resolves.toBe(true);
    await expect(nav().isVisible()).resolves.toBe(false);
    await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("false");

    await toggle.click();
    await expect
      .poll(() => page.getByRole("button", { name: "Đóng menu" }).getAttribute("aria-expanded"), { timeout: 10_000 })
      .toBe("true");
    const links = nav().getByRole("link");
    expect((await links.allTextContents()).map((t) => t.trim())).toEqual(NAV_LABELS);
    for (const label of NAV_LABELS) {
      await nav().getByRole("link", { name: label, exact: true }).waitFor({ state: "visible", timeout: 10_000 });
    }
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tiendo-phone-nav.png` });

    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);

    await nav().getByRole("link", { name: "Báo cáo", exact: true }).click();
    await page.waitForURL(/\/bao-cao$/);
    await page.getByRole("heading", { level: 1, name: "Báo cáo" }).waitFor();
    // Following a link closes the panel again.
    await expect.poll(() => nav().isVisible(), { timeout: 10_000 }).toBe(false);

    await page.goto(`${server.baseUrl}/don-vi?q=phong`);
    await page.getByRole("rowheader", { name: /Phòng Văn hóa - Xã hội/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/tiendo-phone-units.png`, fullPage: true });
  });

  it("signs out back to the login page, and the session is gone", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("button", { name: /Tài khoản: Nguyễn Văn An/ }).click();
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL(/\/dang-nhap$/);
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();

    // A reload does not bring the session back: the server ended it.
    await page.goto(`${server.baseUrl}/nhiem-vu`);
    await page.waitForURL(/\/dang-nhap\?next=%2Fnhiem-vu$/);
    const me = await page.evaluate(async () => (await fetch("/api/v1/auth/me")).status);
    expect(me).toBe(401);
  });

  it("returns to login, keeping the destination, when the session ends on the server", async () => {
    await page.getByLabel("Tên đăng nhập").fill(fixture.admin.user.username);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(fixture.admin.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL(/\/nhiem-vu$/);
    await page.getByRole("heading", { level: 1, name: "Nhiệm vụ của đơn vị" }).waitFor();

    // Let the page's own requests finish first, so the one that meets the ended session is the click below.
    await page.getByRole("heading", { name: "Đơn vị chưa được giao nhiệm vụ" }).waitFor();
    await page.waitForLoadState("networkidle");
    await server.database.db.deleteFrom("sessions").execute();
    await nav().getByRole("link", { name: "Đơn vị", exact: true }).click();
    await page.waitForURL(/\/dang-nhap\?next=%2Fdon-vi$/);
    await page.getByText("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.").waitFor();
  });

  it("says in Vietnamese when the server cannot be reached, and recovers on Thử lại", async () => {
    await page.route("**/api/v1/auth/me", (route) => route.abort("connectionrefused"));
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole("alert").getByText("Không kết nối được máy chủ. Vui lòng thử lại.").waitFor();
    await page.unroute("**/api/v1/auth/me");
    await page.getByRole("button", { name: "Thử lại" }).click();
    await page.waitForURL(/\/dang-nhap$/);
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
  });

  it("ran without script errors or CSP violations", () => {
    expect(problems).toEqual([]);
  });
});
