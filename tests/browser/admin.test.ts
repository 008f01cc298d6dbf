/**
 * Quản trị in a real Chromium against the real server: create an account (with the unit picker), find it in the
 * list, create and revoke an API token, see both actions in the audit log, and change the reminder settings
 * (Thông báo).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NotificationSettingsDto } from "../../src/server/api-types-settings.js";
import {
  ensureWebBuild,
  type Fixture,
  launchChromium,
  seedFixture,
  signIn,
  startServer,
  type TestServer,
} from "./support.js";

describe("Quản trị in Chromium", () => {
  let server: TestServer;
  let fixture: Fixture;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    fixture = await seedFixture(server.database);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      // 401 before login, 409 for the taken username are expected answers.
      if (msg.type() === "error" && !/status of 40[019] /.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    await signIn(page, server.baseUrl, fixture.admin.user.username, fixture.admin.password);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens on the accounts tab and lists the administrator", async () => {
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Quản trị" }).click();
    await page.waitForURL(/\/quan-tri\/tai-khoan$/);
    // The URL changes before the admin layout renders: poll the tabs rather than reading them once.
    await expect
      .poll(() => page.getByRole("navigation", { name: "Mục quản trị" }).getByRole("link").allTextContents(), {
        timeout: 15_000,
      })
      .toEqual(["Tài khoản", "Nhật ký hệ thống", "Mã truy cập API", "Thông báo"]);
    const row = page.getByRole("row", { name: /Nguyễn Văn An/ });
    await row.filter({ hasText: "Quản trị hệ thống" }).waitFor();
  });

  it("creates an account in a unit chosen by typing without diacritics", async () => {
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await page.getByLabel("Họ và tên").fill("Trần Thị Bình");
    await page.getByLabel("Tên đăng nhập").fill("tranthibinh");
    await page.getByLabel("Mật khẩu ban đầu").fill("Bình-2025-mới");
    // Nothing chosen yet: the form says what is missing instead of sending.
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await page.getByText("Chọn đơn vị của người dùng (hoặc cấp quyền quản trị hệ thống).").waitFor();

    await page.getByLabel("Đơn vị", { exact: true }).fill("van hoa xa hoi");
    await page.getByRole("button", { name: /Phòng Văn hóa - Xã hội phường Gò Vấp/ }).click();
    await page.getByRole("button", { name: "Đổi đơn vị" }).waitFor();
    await page.getByLabel("Vai trò trong đơn vị").selectOption("leader");
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();

    await page.getByText("Đã tạo tài khoản cho Trần Thị Bình.").waitFor();
    // The list reloads after the message: wait for the row with its role rather than reading it once.
    await page
      .getByRole("row", { name: /Trần Thị Bình/ })
      .filter({ hasText: "Lãnh đạo đơn vị — Phòng Văn hóa - Xã hội phường Gò Vấp" })
      .waitFor();
  });

  it("shows the server's field error for a taken username", async () => {
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await page.getByLabel("Họ và tên").fill("Trần Thị Bình");
    await page.getByLabel("Tên đăng nhập").fill("tranthibinh");
    await page.getByLabel("Mật khẩu ban đầu").fill("Bình-2025-mới");
    await page.getByRole("checkbox", { name: /Quản trị hệ thống/ }).check();
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await page.getByRole("alert").getByText("Tên đăng nhập đã được sử dụng.").waitFor();
    const username = page.getByLabel("Tên đăng nhập");
    await expect.poll(() => username.getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");
    await page.getByRole("button", { name: "Hủy" }).click();
  });

  it("creates an API token shown once, then revokes it after asking", async () => {
    await page.getByRole("link", { name: "Mã truy cập API" }).click();
    await page.getByRole("heading", { name: "Chưa có mã truy cập nào" }).waitFor();
    await page.getByLabel("Tên mã").fill("Cổng thông tin điện tử");
    await page.getByRole("button", { name: "Tạo mã" }).click();
    const secret = page.getByLabel("Mã truy cập vừa tạo");
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token).toMatch(/^tdo_/);
    // The list reloads after the token is created. Wait for its row before using the token: a list fetched after the
    // bearer call below would (rightly) show when the token was last used instead of "Chưa dùng".
    const row = page.getByRole("row", { name: /Cổng thông tin điện tử/ });
    await row.filter({ hasText: "Chưa dùng" }).waitFor({ timeout: 15_000 });
    // The token really works as a bearer token against the API.
    const res = await fetch(`${server.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);

    await page.getByRole("button", { name: "Tôi đã lưu mã" }).click();
    await expect.poll(() => secret.count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole("button", { name: "Thu hồi mã Cổng thông tin điện tử" }).click();
    await page.getByText("Thu hồi mã này?").waitFor();
    await page.getByRole("button", { name: "Thu hồi", exact: true }).click();
    await page.getByRole("heading", { name: "Chưa có mã truy cập nào" }).waitFor();
    const after = await fetch(`${server.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
  });

  it("shows those actions in the audit log, filterable", async () => {
    await page.getByRole("link", { name: "Nhật ký hệ thống" }).click();
    await page
      .getByRole("row", { name: /Tạo tài khoản/ })
      .first()
      .waitFor();
    await page.getByRole("row", { name: /Thu hồi mã truy cập API/ }).waitFor();
    await page.getByLabel("Thao tác").selectOption("token.");
    await page.waitForURL(/thao-tac=token\./);
    // The previous rows stay (dimmed, aria-busy) until the filtered ones arrive.
    await expect.poll(() => page.getByRole("row", { name: /Tạo tài khoản/ }).count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole("row", { name: /Tạo mã truy cập API/ }).waitFor();
    // Times are dd/mm/yyyy hh:mm.
    const when = await page.getByRole("rowheader").first().textContent();
    expect(when).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await page.screenshot({ path: "/tmp/tiendo-admin-audit.png", fullPage: true });

    // Dates are typed dd/mm/yyyy whatever the browser language; the URL keeps ISO dates.
    const tomorrow = new Date(Date.now() + 86_400_000 * 2);
    const dd = String(tomorrow.getDate()).padStart(2, "0");
    const mm = String(tomorrow.getMonth() + 1).padStart(2, "0");
    await page.getByLabel("Từ ngày").fill(`${dd}/${mm}/${tomorrow.getFullYear()}`);
    await page.waitForURL(new RegExp(`tu-ngay=${tomorrow.getFullYear()}-${mm}-${dd}`));
    await page.getByRole("heading", { name: "Không có sự kiện nào" }).waitFor();
    await page.getByLabel("Đến ngày").fill("31/02/2025");
    await page.getByLabel("Đến ngày").blur();
    await page.getByText("Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 25/04/2025.").waitFor();
    await expect.poll(() => page.getByLabel("Đến ngày").getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");
    expect(page.url()).not.toContain("den-ngay");
  });

  it("changes the reminder settings (Thông báo): a bad SMTP port is refused, then the saved value stays", async () => {
    // Each browser test file has its own server and database: what this test saves reaches no other file.
    const settings = async () => {
      const res = await page.request.get(`${server.baseUrl}/api/v1/settings/notifications`);
      expect(res.status()).toBe(200);
      return ((await res.json()) as { data: NotificationSettingsDto }).data;
    };
    const initial = await settings();
    expect(initial.daysBefore).not.toBe(5);
    expect(initial.updatedAt).toBeNull();

    await page.goto(`${server.baseUrl}/quan-tri/tai-khoan`);
    await page
      .getByRole("navigation", { name: "Mục quản trị" })
      .getByRole("link", { name: "Thông báo", exact: true })
      .click();
    await page.waitForURL(/\/quan-tri\/thong-bao$/);
    await page.getByRole("heading", { level: 2, name: "Thông báo", exact: true }).waitFor();
    await page.getByRole("group", { name: "Nhắc hạn báo cáo", exact: true }).waitFor();
    const days = page.getByLabel("Nhắc trước hạn (số ngày)", { exact: true });
    await expect.poll(() => days.inputValue(), { timeout: 10_000 }).toBe(String(initial.daysBefore));
    await days.fill("5");
    const port = page.getByLabel("Cổng", { exact: true });
    await port.fill("70000");
    await page.getByRole("button", { name: "Lưu cấu hình", exact: true }).click();
    await page.getByText("Cổng SMTP phải là số nguyên từ 1 đến 65535.", { exact: true }).waitFor();
    await expect.poll(() => port.getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");
    await page
      .getByRole("alert")
      .filter({ hasText: "Cấu hình chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu." })
      .waitFor();
    // Nothing was saved.
    expect(await settings()).toEqual(initial);

    await port.fill(String(initial.smtpPort));
    const saved = page.waitForResponse(
      (r) => r.request().method() === "PUT" && new URL(r.url()).pathname === "/api/v1/settings/notifications",
      { timeout: 30_000 },
    );
    await page.getByRole("button", { name: "Lưu cấu hình", exact: true }).click();
    expect((await saved).status()).toBe(200);
    await page
      .getByRole("status")
      .filter({
        hasText: "Đã lưu cấu hình thông báo. Thay đổi có hiệu lực từ lần nhắc hạn kế tiếp, không cần khởi động lại.",
      })
      .waitFor();
    await expect.poll(() => port.getAttribute("aria-invalid"), { timeout: 10_000 }).toBeNull();
    await expect
      .poll(() => page.getByText("Cổng SMTP phải là số nguyên từ 1 đến 65535.").count(), { timeout: 10_000 })
      .toBe(0);
    const after = await settings();
    expect(after.daysBefore).toBe(5);
    expect(after.smtpPort).toBe(initial.smtpPort);
    expect(after.updatedAt).not.toBeNull();

    await page.reload();
    await page.getByRole("heading", { level: 2, name: "Thông báo", exact: true }).waitFor();
    await expect.poll(() => days.inputValue(), { timeout: 10_000 }).toBe("5");
    await expect(port.inputValue()).resolves.toBe(String(initial.smtpPort));
    await page.getByText(/^Lưu lần cuối lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\./).waitFor();
  });

  it("fits a 360 px screen", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ["/quan-tri/tai-khoan", "/quan-tri/nhat-ky", "/quan-tri/ma-truy-cap", "/quan-tri/thong-bao"]) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.getByRole("heading", { level: 1, name: "Quản trị" }).waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    await page.goto(`${server.baseUrl}/quan-tri/tai-khoan`);
    await page.getByRole("row", { name: /Trần Thị Bình/ }).waitFor();
    await page.screenshot({ path: "/tmp/tiendo-admin-phone.png", fullPage: true });
  });

  it("ran without script errors or CSP violations", () => {
    expect(problems).toEqual([]);
  });
});
