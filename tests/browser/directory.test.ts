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
import type { UnitDetailDto, UnitMergeResultDto } from "../../src/server/api-types-directory.js";
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
  /** A mutation with the page's own session (cookie and CSRF token), as the web app sends it. */
  async function apiPost<T>(path: string, body: unknown): Promise<T> {
    const me = await apiGet<{ csrfToken: string }>("/auth/me");
    const res = await page.request.post(`${server.baseUrl}/api/v1${path}`, {
      headers: { "x-csrf-token": me.csrfToken },
      data: body,
    });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return ((await res.json()) as { data: T }).data;
  }
  /** The page's next answer to POST /units/:id/merge (with or without dryRun): set up before the click. */
  const nextMergeAnswer = (dryRun: boolean) =>
    page.waitForResponse(
      (r) =>
        r.request().method() === "POST" &&
        /^\/api\/v1\/units\/[^/]+\/merge$/.test(new URL(r.url()).pathname) &&
        (r.request().postDataJSON() as { dryRun?: boolean }).dryRun === (dryRun || undefined),
      { timeout: 30_000 },
    );
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
    // A context of its own (not browser.newPage) so that the export test can open more tabs in the same session.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
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
    await expect
      .poll(() => page.getByRole("link", { name: "Phường 17", exact: true }).count(), { timeout: 10_000 })
      .toBe(0);

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
    const open3 = await openTasks(p3.id);
    const before = [...open3, ...(await openTasks(p4.id))];
    expect(before.length).toBeGreaterThan(0);
    // The two wards share tasks: the merge counts each open task once, so the counts come from the server's dry run.
    const distinctOpen = new Set(before.map((t) => t.taskId)).size;
    expect(distinctOpen).toBeLessThan(before.length);
    const dry = await apiPost<UnitMergeResultDto>(`/units/${encodeURIComponent(p3.id)}/merge`, {
      otherUnitIds: [p4.id],
      effectiveOn: "2025-07-01",
      newUnit: { name: "Phường Hạnh Thông", kind: "ward", parentId: p3.parentId },
      dryRun: true,
    });
    expect(dry.dryRun).toBe(true);
    expect(dry.predecessors.map((p) => p.name)).toEqual(["Phường 3", "Phường 4"]);
    expect(dry.moved.counts.tasks).toBe(distinctOpen);
    // A dry run changes nothing.
    expect((await openTasks(p3.id)).map((t) => t.taskId)).toEqual(open3.map((t) => t.taskId));
    const counts = dry.moved.counts;

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
    const previewed = nextMergeAnswer(true);
    await form.getByRole("button", { name: "Tiếp tục" }).click();
    expect((await previewed).status()).toBe(200);

    const confirm = page.getByRole("region", { name: "Xác nhận sáp nhập" });
    await confirm.waitFor();
    await expect(confirm.locator(".merge-summary").textContent()).resolves.toBe(
      `Sẽ chuyển ${counts.tasks} nhiệm vụ đang mở và ${counts.reports} báo cáo chưa gửi sang “Phường Hạnh Thông”.`,
    );
    await expect(confirm.textContent()).resolves.toContain(
      "Sáp nhập “Phường 3”, “Phường 4” vào “Phường Hạnh Thông” từ ngày 01/07/2025.",
    );
    // What moves besides tasks and reports: child units, users' roles, groups.
    const moves = confirm.getByRole("list", { name: "Cùng chuyển sang đơn vị tiếp nhận", exact: true });
    await expect(moves.locator("li.merge-moves-children").textContent()).resolves.toMatch(
      new RegExp(`^${counts.childUnits} đơn vị trực thuộc chuyển sang trực thuộc “Phường Hạnh Thông”`),
    );
    await expect(moves.locator("li.merge-moves-memberships").textContent()).resolves.toMatch(
      new RegExp(`^${counts.memberships} vai trò của người dùng chuyển sang “Phường Hạnh Thông”`),
    );
    await expect(moves.locator("li.merge-moves-groups").count()).resolves.toBe(dry.moved.groups.length > 0 ? 1 : 0);
    await page.screenshot({ path: `${SHOTS}/tiendo-merge-confirm.png`, fullPage: true });
    const merged = nextMergeAnswer(false);
    await confirm.getByRole("button", { name: "Xác nhận sáp nhập" }).click();
    const mergedAnswer = await merged;
    expect(mergedAnswer.status()).toBe(200);
    // The merge moved what its dry run announced.
    const result = ((await mergedAnswer.json()) as { data: UnitMergeResultDto }).data;
    expect(result.dryRun).toBe(false);
    expect(result.moved.counts).toEqual(counts);

    await page.getByRole("heading", { level: 1, name: "Phường Hạnh Thông" }).waitFor();
    const done = page
      .getByRole("status")
      .filter({ hasText: "Đã sáp nhập “Phường 3”, “Phường 4” vào “Phường Hạnh Thông”" });
    await done.waitFor();
    await expect(done.textContent()).resolves.toBe(
      `Đã sáp nhập “Phường 3”, “Phường 4” vào “Phường Hạnh Thông”: chuyển ${counts.tasks} nhiệm vụ, ` +
        `${counts.reports} báo cáo chưa gửi, ${counts.childUnits} đơn vị trực thuộc và ` +
        `${counts.memberships} vai trò của người dùng.`,
    );
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
    // The server's dry run refuses it right after "Tiếp tục": the form stays, with the refusal in it.
    const refused = nextMergeAnswer(true);
    await form.getByRole("button", { name: "Tiếp tục" }).click();
    expect((await refused).status()).toBe(422);
    const alert = form.getByRole("alert");
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toBe(
      "Không thể sáp nhập “Quận Gò Vấp” vào “Phường 5”: “Phường 5” là đơn vị trực thuộc của “Quận Gò Vấp” (sẽ tạo vòng lặp).",
    );
    await expect(page.getByRole("region", { name: "Xác nhận sáp nhập" }).count()).resolves.toBe(0);
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
    await facts.filter({ hasText: "Từ 01/07/2025" }).waitFor();
    await facts.filter({ hasText: "Tổ công nghệ số Phường 5; Tổ CNS P5" }).waitFor();
    await facts.getByRole("link", { name: "Phường 5", exact: true }).waitFor();

    await page.getByRole("button", { name: "Sửa", exact: true }).click();
    const edit = page.getByRole("form", { name: "Sửa thông tin đơn vị" });
    await expect.poll(() => edit.getByLabel("Hiệu lực từ ngày").inputValue(), { timeout: 10_000 }).toBe("01/07/2025");
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
    // Each file from a tab of its own (same session): the only download that tab makes, so no per-tab download
    // state of Chromium's (its "several downloads from one page" limit) can get in the way of the second one.
    async function download(link: string) {
      const tab = await page.context().newPage();
      tab.on("pageerror", (err) => problems.push(`download tab pageerror: ${err.message}`));
      try {
        await tab.goto(`${server.baseUrl}/don-vi`);
        const [file] = await Promise.all([tab.waitForEvent("download"), tab.getByRole("link", { name: link }).click()]);
        return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
      } finally {
        await tab.close();
      }
    }
    const xlsx = await download("Tải danh mục (XLSX)");
    expect(xlsx.name).toBe("danh-muc-don-vi.xlsx");
    expect(xlsx.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const csv = await download("Tải danh mục (CSV)");
    expect(csv.name).toBe("danh-muc-don-vi.csv");
    const text = csv.bytes.toString("utf8");
    expect(text).toContain("Phường Hạnh Thông");
    expect(text).toContain("Tổ Công nghệ số cộng đồng Phường 5");

    await page.goto(`${server.baseUrl}/don-vi`);
    await page.getByRole("button", { name: "Nhập danh mục" }).click();
    const form = page.getByRole("form", { name: "Nhập danh mục từ tệp" });
    await form.getByLabel("Tệp danh mục đơn vị (XLSX, CSV)").setInputFiles({
      name: "danh-muc-loi.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("Mã,Tên,Loại\nmoi-1,,ward\nmoi-2,Phường Mới,khong-ro\n", "utf8"),
    });
    await form.getByRole("button", { name: "Tải lên và áp dụng" }).click();
    const alert = form.getByRole("alert");
    await alert.filter({ hasText: "chưa có thay đổi nào được áp dụng" }).waitFor({ timeout: 15_000 });
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
