import ExcelJS from "exceljs";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newId } from "../../store/ids.js";
import { iterateAuditEvents, listAuditEvents } from "../../store/repos/audit.js";
import { describeEachEngine } from "../../store/testing.js";
import { buildTestApp, unique } from "../test/factories.js";
import {
  makePerson,
  makeReportingWorld,
  type Person,
  type ReportingWorld,
  reportAndAccept,
} from "../test/reporting.js";

type Cell = ExcelJS.CellValue;

async function workbookOf(res: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers["content-type"]).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** Rows of a sheet as arrays of values (index 0 = column A). */
function rowsOf(sheet: ExcelJS.Worksheet): Cell[][] {
  const out: Cell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    out.push((row.values as Cell[]).slice(1));
  });
  return out;
}

const iso = (d: Cell) => (d instanceof Date ? d.toISOString().slice(0, 10) : d);

describeEachEngine("list exports (XLSX)", (getDb) => {
  let app: FastifyInstance;
  let w: ReportingWorld;
  let draft: ReportingWorld;
  let admin: Person;
  let planNumber: string;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    w = await makeReportingWorld(getDb(), { year: 2025 });
    draft = await makeReportingWorld(getDb(), { year: 2026, planStatus: "draft" });
    admin = await makePerson(getDb(), [], { isAdmin: true });
    planNumber = (await getDb().db.selectFrom("plans").select("number").where("id", "=", w.planId).executeTakeFirst())!
      .number!;
    const [t1, t2, t3] = w.taskIds;
    await reportAndAccept(
      getDb(),
      w,
      w.unitA,
      0,
      [
        { taskId: t1, status: "in_progress", percent: 50, result: "Đã tổ chức 2 hội nghị." },
        { taskId: t2, status: "in_progress", percent: 40, result: "Cập nhật 35 tin bài." },
        { taskId: t3, status: "done", completedOn: "2025-03-20", result: "Phối hợp khảo sát." },
      ],
      { submit: "2025-03-10T03:00:00Z", accept: "2025-03-20T03:00:00Z" },
    );
    await reportAndAccept(
      getDb(),
      w,
      w.unitB,
      0,
      [
        { taskId: t1, status: "in_progress", percent: 30, result: "Đăng tin trên trang thông tin điện tử phường." },
        { taskId: t3, status: "in_progress", percent: 80, result: "Đã lắp đặt 3/4 trạm." },
      ],
      { submit: "2025-03-18T03:00:00Z", accept: "2025-03-25T03:00:00Z" },
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string, p?: Person) => app.inject({ method: "GET", url, headers: p?.headers ?? {} });

  it("exports the plan list with its filters, dates as dates and percentages as numbers", async () => {
    expect((await get("/api/v1/plans/export.xlsx")).statusCode).toBe(401);
    const res = await get("/api/v1/plans/export.xlsx?year=2025", w.reporterA);
    const cd = String(res.headers["content-disposition"]);
    expect(cd).toContain('filename="Danh sach ke hoach.xlsx"');
    expect(cd).toContain("filename*=UTF-8''Danh%20s%C3%A1ch%20k%E1%BA%BF%20ho%E1%BA%A1ch.xlsx");
    const wb = await workbookOf(res);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe("Kế hoạch");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const [header, ...rows] = rowsOf(sheet);
    expect(header).toEqual([
      "Số",
      "Ngày ban hành",
      "Trích yếu",
      "Đơn vị ban hành",
      "Kỳ báo cáo tới",
      "% hoàn thành",
      "Quá hạn",
    ]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const row = rows.find((r) => r[0] === planNumber);
    expect(row).toBeDefined();
    expect(iso(row![1])).toBe("2025-01-05");
    expect(sheet.getCell(`B${rows.indexOf(row!) + 2}`).numFmt).toBe("dd/mm/yyyy");
    expect(row![2]).toBe("Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2025");
    expect(row![3]).toBe(w.issuer.name);
    expect(typeof row![6]).toBe("number");
    // Year filter: the 2026 plan is a draft, so neither 2026 nor the default statuses list it.
    expect(rows.every((r) => iso(r[1]) === "2025-01-05" || r[1] === null)).toBe(true);
    const none = rowsOf(
      (await workbookOf(await get("/api/v1/plans/export.xlsx?year=2026", w.coordinator))).worksheets[0]!,
    );
    expect(none).toHaveLength(1);
    // Drafts: only for the issuer's own staff.
    const draftUrl = "/api/v1/plans/export.xlsx?year=2026&status=draft";
    const mine = rowsOf((await workbookOf(await get(draftUrl, draft.coordinator))).worksheets[0]!);
    expect(mine).toHaveLength(2);
    expect(mine[1]![3]).toBe(draft.issuer.name);
    const outside = rowsOf((await workbookOf(await get(draftUrl, w.coordinator))).worksheets[0]!);
    expect(outside).toHaveLength(1);
  });

  it("exports the unit's tasks with role, timeframe, due date, status in words and percent", async () => {
    expect((await get("/api/v1/me/tasks/export.xlsx")).statusCode).toBe(401);
    const res = await get("/api/v1/me/tasks/export.xlsx", w.reporterA);
    expect(String(res.headers["content-disposition"])).toContain('filename="Nhiem vu cua don vi.xlsx"');
    const wb = await workbookOf(res);
    const sheet = wb.worksheets[0]!;
    const [header, ...rows] = rowsOf(sheet);
    expect(header).toEqual([
      "Kế hoạch",
      "STT",
      "Nhiệm vụ",
      "Vai trò",
      "Thời gian",
      "Hạn",
      "Tình trạng",
      "% hoàn thành",
    ]);
    expect(rows.map((r) => [r[0], r[1], r[3]]).sort()).toEqual([
      [planNumber, "1", "Chủ trì"],
      [planNumber, "2", "Chủ trì"],
      [planNumber, "3", "Phối hợp"],
    ]);
    const t3 = rows.find((r) => r[1] === "3")!;
    expect(t3[2]).toBe("Phủ sóng 4G toàn địa bàn");
    expect(t3[4]).toBe("Hạn 31/03/2025");
    expect(iso(t3[5])).toBe("2025-03-31");
    expect(t3[6]).toBe("Quá hạn chưa hoàn thành");
    expect(t3[7]).toBeCloseTo(0.8);
    const rowNo = rows.indexOf(t3) + 2;
    expect(sheet.getCell(`F${rowNo}`).numFmt).toBe("dd/mm/yyyy");
    expect(sheet.getCell(`H${rowNo}`).numFmt).toContain("%");
    const t2 = rows.find((r) => r[1] === "2")!;
    expect(t2[4]).toBe("Thường xuyên");
    expect(t2[5] ?? null).toBeNull();

    // Filters of the list apply.
    const lead = rowsOf(
      (await workbookOf(await get("/api/v1/me/tasks/export.xlsx?role=lead", w.reporterA))).worksheets[0]!,
    );
    expect(
      lead
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(["1", "2"]);
    expect(lead.slice(1).every((r) => r[3] === "Chủ trì")).toBe(true);
    const late = rowsOf(
      (await workbookOf(await get("/api/v1/me/tasks/export.xlsx?status=qua_han_chua_hoan_thanh", w.reporterA)))
        .worksheets[0]!,
    );
    expect(
      late
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(["1", "3"]);
    expect(late.slice(1).every((r) => r[6] === "Quá hạn chưa hoàn thành")).toBe(true);
    // Unit B's reporter sees only unit B's tasks: task 2 belongs to unit A alone.
    const b = rowsOf((await workbookOf(await get("/api/v1/me/tasks/export.xlsx", w.reporterB))).worksheets[0]!);
    expect(
      b
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(["1", "3"]);
    expect(b.some((r) => r[2] === "Duy trì trang thông tin điện tử")).toBe(false);
  });

  it("exports the overview as two sheets: overdue tasks and the reporting-rate grid", async () => {
    const url = `/api/v1/plans/${w.planId}/overview.xlsx`;
    expect((await get(url)).statusCode).toBe(401);
    expect((await get("/api/v1/plans/khong-co/overview.xlsx", w.coordinator)).statusCode).toBe(404);
    // A draft plan is out of reach for another issuer's staff.
    expect((await get(`/api/v1/plans/${draft.planId}/overview.xlsx`, w.coordinator)).statusCode).toBe(404);
    const res = await get(url, w.coordinator);
    expect(String(res.headers["content-disposition"])).toContain(
      `filename*=UTF-8''${encodeURIComponent(`Tổng quan kế hoạch ${planNumber.replace(/\//g, "-")}.xlsx`)}`,
    );
    const wb = await workbookOf(res);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Nhiệm vụ quá hạn", "Tỷ lệ báo cáo"]);
    const [oh, ...overdue] = rowsOf(wb.worksheets[0]!);
    expect(oh).toEqual(["STT", "Nhiệm vụ", "Nhóm", "Đơn vị chủ trì", "Hạn", "Số ngày quá hạn", "% hoàn thành"]);
    const t3 = overdue.find((r) => r[0] === "3")!;
    expect(t3.slice(0, 4)).toEqual(["3", "Phủ sóng 4G toàn địa bàn", "II", w.unitB.name]);
    expect(iso(t3[4])).toBe("2025-03-31");
    expect(t3[5]).toBeGreaterThan(0);
    expect(t3[6]).toBeCloseTo(0.8);
    // Task 2 is ongoing ("Thường xuyên"): never overdue.
    expect(overdue.some((r) => r[0] === "2")).toBe(false);

    const grid = wb.worksheets[1]!;
    const [gh, ...units] = rowsOf(grid);
    expect(gh).toEqual(["Đơn vị", "Quý I/2025", "Quý II/2025", "Tỷ lệ nộp", "Tỷ lệ đúng hạn"]);
    const a = units.find((r) => r[0] === w.unitA.name)!;
    const b = units.find((r) => r[0] === w.unitB.name)!;
    expect(a[1]).toBe("Nộp đúng hạn (10/03/2025)");
    expect(b[1]).toBe("Nộp muộn (18/03/2025)");
    expect(b[2]).toBe("Chưa nộp");
    const total = units[units.length - 1]!;
    expect(total[0]).toBe("Tỷ lệ nộp báo cáo của kỳ");
    expect(total[1]).toBeCloseTo(1);
    expect(grid.getRow(units.length + 1).getCell(1).font?.bold).toBe(true);
    expect(grid.getCell(`B${units.length + 1}`).numFmt).toContain("%");
  });

  it("streams the audit log in batches for system administrators only, with the log's filters", async () => {
    expect((await get("/api/v1/audit/export.xlsx", w.reporterA)).statusCode).toBe(403);
    expect((await get("/api/v1/audit/export.xlsx", w.coordinator)).statusCode).toBe(403);
    // 2 500 events at one instant: the keyset cursor must page through ties without losing or repeating rows.
    const entityType = unique("kiemtra_");
    const at = "2024-05-01T02:03:04.000Z";
    const all = Array.from({ length: 2500 }, (_, i) => ({
      id: newId(),
      actor_user_id: null,
      actor_label: i === 0 ? "cli" : "Trần Thị Quản Trị",
      action: "settings.updated",
      entity_type: entityType,
      entity_id: `e${i}`,
      before_json: null,
      after_json: JSON.stringify({ ghiChu: "Cập nhật cấu hình nhắc hạn" }),
      ip: "10.0.0.1",
      created_at: at,
    }));
    for (let i = 0; i < all.length; i += 250) {
      await getDb()
        .db.insertInto("audit_events")
        .values(all.slice(i, i + 250))
        .execute();
    }
    const res = await get(`/api/v1/audit/export.xlsx?entityType=${entityType}&from=2024-05-01&to=2024-05-01`, admin);
    expect(String(res.headers["content-disposition"])).toContain('filename="Nhat ky he thong.xlsx"');
    const wb = await workbookOf(res);
    const sheet = wb.worksheets[0]!;
    const [header, ...rows] = rowsOf(sheet);
    expect(header).toEqual([
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
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r[5])).size).toBe(2500);
    expect(rows[0]![2]).toBe("Sửa cấu hình");
    expect(rows.some((r) => r[1] === "Dòng lệnh (cli)")).toBe(true);
    expect(rows[0]![8]).toContain("Cập nhật cấu hình nhắc hạn");
    // 02:03:04 UTC is 09:03:04 in Vietnam.
    expect((rows[0]![0] as Date).toISOString()).toBe("2024-05-01T09:03:04.000Z");
    expect(sheet.getCell("A2").numFmt).toBe("dd/mm/yyyy hh:mm:ss");

    // Date filter: the day before holds none of them.
    const before = await get(`/api/v1/audit/export.xlsx?entityType=${entityType}&to=2024-04-30`, admin);
    expect(rowsOf((await workbookOf(before)).worksheets[0]!)).toHaveLength(1);
    // Action filter (prefix), as on the list: the same rows as GET /audit.
    const users = rowsOf((await workbookOf(await get("/api/v1/audit/export.xlsx?action=user.", admin))).worksheets[0]!);
    const list = (await get("/api/v1/audit?action=user.&limit=1", admin)).json() as { data: { total: number } };
    expect(users.length - 1).toBe(list.data.total);
    expect(users.slice(1).every((r) => String(r[3]).startsWith("user."))).toBe(true);
    expect(users.some((r) => r[2] === "Tạo tài khoản")).toBe(true);
  });

  it("reads the audit log in keyset batches that match the paged list", async () => {
    const filter = { action: "user." };
    const { rows } = await listAuditEvents(getDb().db, { ...filter, limit: 10_000, offset: 0 });
    const seen: string[] = [];
    for await (const e of iterateAuditEvents(getDb().db, filter, 3)) seen.push(e.id);
    expect(seen).toEqual(rows.map((r) => r.id));
    expect(seen.length).toBeGreaterThan(3);
  });
});
