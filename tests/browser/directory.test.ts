/**
 * Đơn vị in a real Chromium over the demo data (directory, accounts, the five seed plans published), as the Gò Vấp
 * coordinator: the tree, merging two wards that have open tasks into a new ward (their open tasks then listed on the
 * successor's page), a merge that would make a cycle refused in Vietnamese, adding and editing a unit, exporting the
 * directory and a refused directory file listing its rows.
 */
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PageDto, UnitListItemDto, UnitTaskDto } from "../../src/server/api-types.js";
import type { UnitDetailDto } from "../../src/server/api-types-directory.js";
import {
  DEMO_PASSWORD,
  ensureWebBuild,
  launchChromium,
  seedDemoData,
  signIn,
  startServer,
  type TestServer,
} from "./support.js";

const SHOTS = process.env.TIENDO_SCREENSHOTS ?? "/tmp";

describe("unit directory in Chromium (demo data)", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  async function apiGet<T>(path: string): Promise<T> {
    const res = await page.request.get(`${server.baseUrl}/api/v1${path}`);
    expect(res.status(), path).toBe(200);
    return ((await res.json()) as { data: T }).data;
  }
  async function goVapWard(name: string): Promise<UnitListItemDto> {
    const found = await apiGet<UnitListItemDto[]>(`/units?q=${encodeURIComponent(name)}&limit=50`);
    const ward = found.find((u) => u.name === name && u.parentName === "Quận Gò Vấp");
    if (!ward) throw new Error(`no ${name} in Gò Vấp`);
    return ward;
  }
  const openTasks = async (unitId: string) =>
    (await apiGet<PageDto<UnitTaskDto>>(`/units/${encodeURIComponent(unitId)}/tasks?limit=500&offset=0`)).items.filter(
      (t) => !t.status.startsWith("hoan_thanh"),
    );

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    await seedDemoData(server.database);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (msg) => {
      // 401 before login; 400/422 are the refusals this file provokes on purpose.
      if (msg.type() === "error" && !/status of (400|401|422) /.test(msg.text())) problems.push(msg.text());
    });
    await signIn(page, server.baseUrl, "kinhte.govap", DEMO_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("browses the tree (expand, collapse) and searches without diacritics", async () => {
    await page
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Đơn vị", exact: true })
      .click();
    await page.waitForURL(/\/don-vi$/);
    // Top-level units start open: the district shows, its wards do not until it is opened.
    const district = page.getByRole("button", { name: "Mở rộng Quận Gò Vấp" });
    await district.waitFor();
    await expect(page.getByRole("link", { name: "Phường 17", exact: true }).count()).resolves.toBe(0);
    await district.click();
    await page.getByRole("link", { name: "Phường 17", exact: true }).waitFor();
    await page.getByRole("button", { name: "Thu gọn Quận Gò Vấp" }).click();
    await expect.poll(() => page.getByRole("link", { name: "Phường 17", exact: true }).count()).toBe(0);

    await page.getByLabel("Tìm đơn vị").fill("phong kinh te quan go vap");
    await page.waitForURL(/\?q=/);
    const row = page.getByRole("row", { name: /Phòng Kinh tế quận Gò Vấp/ });
    await row.waitFor();
    await expect(row.locator('td[data-label="Đơn vị cấp trên"]').textContent()).resolves.toBe("Quận Gò Vấp");
    await page.screenshot({ path: `${SHOTS}/tiendo-directory-search.png`, fullPage: true });
  });

  it("merges two wards with open tasks into a new ward; their open tasks are listed on the successor's page", async () => {
    const p3 = await goVapWard("Phường 3");
    const p4 = await goVapWard("Phường 4");
    const before = [...(await openTasks(p3.id)), ...(await openTasks(p4.id))];
    expect(before.length).toBeGreaterThan(0);
    const [d3, d4] = [
      await apiGet<UnitDetailDto>(`/units/${encodeURIComponent(p3.id)}`),
      await apiGet<UnitDetailDto>(`/units/${encodeURIComponent(p4.id)}`),
    ];
    const expectedOpen = d3.counts.openTasks + d4.counts.openTasks;
    const expectedReports = d3.counts.unsentReports + d4.counts.unsentReports;

    await page.goto(`${server.baseUrl}/don-vi/${encodeURIComponent(p3.id)}`);
    await page.getByRole("heading", { level: 1, name: "Phường 3" }).waitFor();
    await page.getByRole("button", { name: "Sáp nhập", exact: true }).click();
    const form = page.getByRole("form", { name: "Sáp nhập đơn vị" });
    await form.getByLabel("Thêm đơn vị cùng sáp nhập").fill("phuong 4");
    await form.getByRole("button", { name: /^Phường 4 .*Quận Gò Vấp/ }).click();
    await form.getByRole("button", { name: "Bỏ “Phường 4”" }).waitFor();
    await form.getByLabel("Đơn vị mới", { exact: true }).check();
    await form.getByLabel("Tên đơn vị mới").fill("Phường Hạnh Thông");
    await form.getByLabel("Loại đơn vị mới").selectOption({ label: "Phường" });
    await form.getByLabel("Ngày hiệu lực sáp nhập").fill("01/07/2025");
    await page.screenshot({ path: `${SHOTS}/tiendo-merge-form.png`, fullPage: true });
    await form.getByRole("button", { name: "Tiếp tục" }).click();

    const confirm = page.getByRole("region", { name: "Xác nhận sáp nhập" });
    await confirm.waitFor();
    await expect(confirm.locator(".merge-summary").textContent()).resolves.toBe(
      `Sẽ chuyển ${expectedOpen} nhiệm vụ đang mở và ${expectedReports} báo cáo chưa gửi sang “Phường Hạnh Thông”.`,
    );
    await expect(confirm.textContent()).resolves.toContain("từ ngày 01/07/2025");
    await page.screenshot({ path: `${SHOTS}/tiendo-merge-confirm.png`, fullPage: true });
    await confirm.getByRole("button", { name: "Xác nhận sáp nhập" }).click();

    await page.getByRole("heading", { level: 1, name: "Phường Hạnh Thông" }).waitFor();
    await page
      .getByRole("status")
      .filter({ hasText: "Đã sáp nhập “Phường 3”, “Phường 4” vào “Phường Hạnh Thông”" })
      .waitFor();
    const facts = page.getByRole("region", { name: "Thông tin", exact: true });
    await facts.getByRole("link", { name: "Phường 3", exact: true }).waitFor();
    await facts.getByRole("link", { name: "Phường 4", exact: true }).waitFor();

    // The open tasks of both wards now belong to the successor and are listed on its page.
    const list = page.getByRole("list", { name: "Nhiệm vụ đang mở của đơn vị" });
    await list.getByRole("listitem").first().waitFor();
    const shown = (await list.locator(".home-item-title").allTextContents()).map((t) => t.trim());
    const titles = new Set(before.map((t) => `${t.ref ? `${t.ref}. ` : ""}${t.title}`.trim()));
    expect(shown.length).toBeGreaterThan(0);
    for (const title of shown) expect(titles.has(title), title).toBe(true);
    const url = new URL(page.url());
    const successorId = decodeURIComponent(url.pathname.split("/").pop()!);
    const after = await openTasks(successorId);
    const afterKeys = new Set(after.map((t) => t.taskId));
    for (const t of before) expect(afterKeys.has(t.taskId), t.title).toBe(true);
    await expect(openTasks(p3.id)).resolves.toEqual([]);
    await page.screenshot({ path: `${SHOTS}/tiendo-merge-successor.png`, fullPage: true });

    // The predecessor now says it ended and who took over.
    await facts.getByRole("link", { name: "Phường 3", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Phường 3" }).waitFor();
    await page.getByText(/không còn hoạt động từ 01\/07\/2025; đơn vị kế thừa: Phường Hạnh Thông/).waitFor();
    await expect(page.getByRole("button", { name: "Sáp nhập", exact: true }).count()).resolves.toBe(0);
  });

  it("refuses, in Vietnamese, a merge that would make a cycle", async () => {
    await page.goto(`${server.baseUrl}/don-vi?q=quan%20go%20vap`);
    await page.getByRole("link", { name: "Quận Gò Vấp", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Quận Gò Vấp" }).waitFor();
    await page.getByRole("button", { name: "Sáp nhập", exact: true }).click();
    const form = page.getByRole("form", { name: "Sáp nhập đơn vị" });
    await form.getByLabel("Đơn vị tiếp nhận", { exact: true }).fill("phuong 5");
    await form.getByRole("button", { name: /^Phường 5 .*Quận Gò Vấp/ }).click();
    await form.getByLabel("Ngày hiệu lực sáp nhập").fill("01/08/2025");
    await form.getByRole("button", { name: "Tiếp tục" }).click();
    const confirm = page.getByRole("region", { name: "Xác nhận sáp nhập" });
    await confirm.getByRole("button", { name: "Xác nhận sáp nhập" }).click();
    const alert = confirm.getByRole("alert");
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toBe(
      "Không thể sáp nhập “Quận Gò Vấp” vào “Phường 5”: “Phường 5” là đơn vị trực thuộc của “Quận Gò Vấp” (sẽ tạo vòng lặp).",
    );
    await page.screenshot({ path: `${SHOTS}/tiendo-merge-cycle.png`, fullPage: true });
    // Nothing changed: the district still stands.
    const district = await apiGet<UnitDetailDto>(
      `/units/${encodeURIComponent((await goVapWard("Phường 5")).parentId!)}`,
    );
    expect(district.validTo).toBeNull();
    expect(district.successors).toEqual([]);
  });

  it("adds a unit under a ward, then edits it (kind, aliases, validity dd/mm/yyyy)", async () => {
    await page.goto(`${server.baseUrl}/don-vi`);
    await page.getByRole("button", { name: "Thêm đơn vị", exact: true }).click();
    const form = page.getByRole("form", { name: "Thêm đơn vị" });
    await form.getByLabel("Tên đơn vị", { exact: true }).fill("Tổ công nghệ số cộng đồng Phường 5");
    await form.getByLabel("Tên viết tắt").fill("Tổ CNSCĐ P5");
    await form.getByLabel("Loại đơn vị", { exact: true }).selectOption({ label: "Khác" });
    await form.getByLabel("Đơn vị cấp trên", { exact: true }).fill("phuong 5");
    await form.getByRole("button", { name: /^Phường 5 .*Quận Gò Vấp/ }).click();
    await form.getByLabel("Tên gọi khác").fill("Tổ công nghệ số Phường 5\nTổ CNS P5");
    await form.getByLabel("Hiệu lực từ ngày").fill("01/07/2025");
    await page.screenshot({ path: `${SHOTS}/tiendo-unit-create.png`, fullPage: true });
    await form.getByRole("button", { name: "Thêm đơn vị", exact: true }).click();

    await page.getByRole("heading", { level: 1, name: "Tổ công nghệ số cộng đồng Phường 5" }).waitFor();
    const facts = page.getByRole("region", { name: "Thông tin", exact: true });
    await expect(facts.textContent()).resolves.toContain("Từ 01/07/2025");
    await expect(facts.textContent()).resolves.toContain("Tổ công nghệ số Phường 5; Tổ CNS P5");
    await facts.getByRole("link", { name: "Phường 5", exact: true }).waitFor();

    await page.getByRole("button", { name: "Sửa", exact: true }).click();
    const edit = page.getByRole("form", { name: "Sửa thông tin đơn vị" });
    await expect(edit.getByLabel("Hiệu lực từ ngày").inputValue()).resolves.toBe("01/07/2025");
    await edit.getByLabel("Tên đơn vị", { exact: true }).fill("Tổ Công nghệ số cộng đồng Phường 5");
    await edit.getByLabel("Loại đơn vị", { exact: true }).selectOption({ label: "Đơn vị sự nghiệp, cơ quan khác" });
    await edit.getByLabel("Hiệu lực đến ngày").fill("31/12/2030");
    await edit.getByRole("button", { name: "Lưu thay đổi" }).click();
    // Role names match case-insensitively, so the heading alone cannot tell the saved name from the old one:
    // wait for the confirmation and for the facts to show the saved values.
    await page.getByRole("status").filter({ hasText: "Đã lưu thông tin" }).waitFor();
    await page.getByRole("heading", { level: 1, name: "Tổ Công nghệ số cộng đồng Phường 5", exact: true }).waitFor();
    await facts.filter({ hasText: "Từ 01/07/2025 đến 31/12/2030" }).waitFor();
    await facts.filter({ hasText: "Đơn vị sự nghiệp, cơ quan khác" }).waitFor();
  });

  it("exports the directory as XLSX and CSV, and lists the rows of a refused directory file", async () => {
    await page.goto(`${server.baseUrl}/don-vi`);
    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải danh mục (XLSX)" }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe("danh-muc-don-vi.xlsx");
    const xlsxBytes = fs.readFileSync((await xlsx.path())!);
    expect(xlsxBytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải danh mục (CSV)" }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe("danh-muc-don-vi.csv");
    const text = fs.readFileSync((await csv.path())!, "utf8");
    expect(text).toContain("Phường Hạnh Thông");
    expect(text).toContain("Tổ Công nghệ số cộng đồng Phường 5");

    await page.getByRole("button", { name: "Nhập danh mục" }).click();
    const form = page.getByRole("form", { name: "Nhập danh mục từ tệp" });
    await form.getByLabel("Tệp danh mục đơn vị (XLSX, CSV)").setInputFiles({
      name: "danh-muc-loi.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("Mã,Tên,Loại\nmoi-1,,ward\nmoi-2,Phường Mới,khong-ro\n", "utf8"),
    });
    await form.getByRole("button", { name: "Tải lên và áp dụng" }).click();
    const alert = form.getByRole("alert");
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain("chưa có thay đổi nào được áp dụng");
    const rows = await alert.getByRole("listitem").allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.startsWith("Dòng 2:"))).toBe(true);
    expect(rows.some((r) => r.startsWith("Dòng 3:"))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/tiendo-directory-import-errors.png`, fullPage: true });
  });

  it("at 360 px the tree and a unit's page fit the screen", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.baseUrl}/don-vi`);
    await page.getByRole("button", { name: "Mở rộng Quận Gò Vấp" }).click();
    await page.getByRole("link", { name: "Phường Hạnh Thông", exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SHOTS}/tiendo-phone-directory.png` });
    await page.getByRole("link", { name: "Phường Hạnh Thông", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Phường Hạnh Thông" }).waitFor();
    await page.getByRole("button", { name: "Sáp nhập", exact: true }).click();
    await page.getByRole("form", { name: "Sáp nhập đơn vị" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SHOTS}/tiendo-phone-merge.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("had no page errors", () => {
    expect(problems).toEqual([]);
  });
});
