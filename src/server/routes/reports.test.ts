import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "../../store/repos/audit.js";
import { describeEachEngine } from "../../store/testing.js";
import type { ApiError, PeriodDto, PeriodWithRateDto, ReportConflictError, UnitReportDto } from "../api-types.js";
import { buildTestApp } from "../test/factories.js";
import {
  makeReportingWorld,
  multipartFile,
  type ReportingWorld,
  reportUrl,
  TINY_PDF,
  TINY_PNG,
} from "../test/reporting.js";

type Item = {
  taskId: string;
  status: string;
  percent?: number | null;
  result?: string | null;
  completedOn?: string | null;
};

describeEachEngine("reporting cycle over HTTP", (getDb) => {
  let app: FastifyInstance;
  let w: ReportingWorld;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    w = await makeReportingWorld(getDb());
  });
  afterAll(async () => {
    await app?.close();
  });

  const audit = async (entityId: string, action: string) =>
    (await listAuditEvents(getDb().db, { entityId, action, limit: 50, offset: 0 })).rows;

  const getReport = async (headers: Record<string, string>, unit = w.unitA, period = 0) => {
    const res = await app.inject({ method: "GET", url: reportUrl(w, unit, period), headers });
    return { res, data: res.statusCode === 200 ? (res.json() as { data: UnitReportDto }).data : undefined };
  };
  const put = (headers: Record<string, string>, body: unknown, unit = w.unitA, period = 0) =>
    app.inject({ method: "PUT", url: reportUrl(w, unit, period), headers, payload: body as object });
  const post = (headers: Record<string, string>, action: string, body: object = {}, unit = w.unitA, period = 0) =>
    app.inject({ method: "POST", url: reportUrl(w, unit, period, `/${action}`), headers, payload: body });
  const allItems = (status = "in_progress", percent = 40): Item[] =>
    w.taskIds.map((taskId) => ({ taskId, status, percent, result: "Đã triển khai theo kế hoạch." }));

  describe("periods", () => {
    it("lists a plan's periods with reporting rates; 401 anonymous, 404 unknown plan", async () => {
      expect((await app.inject({ method: "GET", url: `/api/v1/plans/${w.planId}/periods` })).statusCode).toBe(401);
      const missing = await app.inject({
        method: "GET",
        url: "/api/v1/plans/khong-co/periods",
        headers: w.outsider.headers,
      });
      expect(missing.statusCode).toBe(404);
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/plans/${w.planId}/periods`,
        headers: w.coordinator.headers,
      });
      expect(res.statusCode).toBe(200);
      const periods = (res.json() as { data: PeriodWithRateDto[] }).data;
      expect(periods.map((p) => p.label)).toEqual(["Quý I/2025", "Quý II/2025"]);
      expect(periods[0]).toMatchObject({ past: true, locked: false, abilities: { lock: true, unlock: false } });
      expect(periods[0]!.rate).toMatchObject({ expected: 2, actual: 0, missing: 2, rate: 0 });
    });

    it("lets the coordinator request an ad-hoc report; 400 bad dates, 403 for a unit reporter", async () => {
      const url = `/api/v1/plans/${w.planId}/periods`;
      const payload = { label: "Báo cáo đột xuất về chuyển đổi số", dueDate: "2025-08-10" };
      const bad = await app.inject({
        method: "POST",
        url,
        headers: w.coordinator.headers,
        payload: { label: "", dueDate: "10/08/2025" },
      });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys((bad.json() as ApiError).error.fields ?? {})).toEqual(
        expect.arrayContaining(["label", "dueDate"]),
      );
      expect((await app.inject({ method: "POST", url, headers: w.reporterA.headers, payload })).statusCode).toBe(403);
      const res = await app.inject({ method: "POST", url, headers: w.coordinator.headers, payload });
      expect(res.statusCode).toBe(201);
      const p = (res.json() as { data: PeriodDto }).data;
      expect(p).toMatchObject({ kind: "adhoc", startDate: "2025-01-01", endDate: "2025-08-10", dueDate: "2025-08-10" });
      expect(await audit(p.id, "period.created")).toHaveLength(1);
      // The same due date again gets its own period.
      expect((await app.inject({ method: "POST", url, headers: w.coordinator.headers, payload })).statusCode).toBe(201);
    });
  });

  describe("unit report", () => {
    it("answers 401 anonymous, 404 to an outsider, and the full form to the unit", async () => {
      expect((await app.inject({ method: "GET", url: reportUrl(w, w.unitA) })).statusCode).toBe(401);
      expect((await getReport(w.outsider.headers)).res.statusCode).toBe(404);
      const { data } = await getReport(w.reporterA.headers);
      expect(data).toMatchObject({ id: null, version: 0, status: "draft", unitId: w.unitA.id, lockedReason: null });
      expect(data!.items.map((i) => [i.ref, i.role, i.saved])).toEqual([
        ["1", "lead", false],
        ["2", "lead", false],
        ["3", "support", false],
      ]);
      expect(data!.abilities).toEqual({ edit: true, submit: true, approve: false, review: false });
      // The coordinator can read but not edit.
      const coord = await getReport(w.coordinator.headers);
      expect(coord.data!.abilities).toMatchObject({ edit: false, review: false });
      expect((await getReport(w.reporterA.headers, w.outsiderUnit)).res.statusCode).toBe(404);
    });

    it("validates the save: 400 percent out of range, unknown task, 403 for the coordinator", async () => {
      const res = await put(w.reporterA.headers, {
        version: 0,
        items: [{ taskId: w.taskIds[0], status: "in_progress", percent: 150 }],
      });
      expect(res.statusCode).toBe(400);
      expect((res.json() as ApiError).error.fields).toHaveProperty(["items.0.percent"]);
      const foreign = await put(w.reporterA.headers, { version: 0, items: [{ taskId: "khong-co", status: "done" }] });
      expect(foreign.statusCode).toBe(400);
      expect((foreign.json() as ApiError).error.fields?.["items.0.taskId"]).toContain("không thuộc");
      expect((await put(w.coordinator.headers, { version: 0, items: [] })).statusCode).toBe(403);
      expect((await put(w.outsider.headers, { version: 0, items: [] })).statusCode).toBe(404);
    });

    it("autosaves with optimistic locking: a stale version is 409 with the other person's version, nothing lost", async () => {
      const first = await put(w.reporterA.headers, {
        version: 0,
        difficulties: "Thiếu kinh phí",
        items: [{ taskId: w.taskIds[0], status: "in_progress", percent: 30, result: "Bản của chị Lan" }],
      });
      expect(first.statusCode).toBe(200);
      const saved = (first.json() as { data: UnitReportDto }).data;
      expect(saved).toMatchObject({ version: 1, status: "draft", difficulties: "Thiếu kinh phí" });
      expect(saved.items[0]).toMatchObject({ saved: true, percent: 30, result: "Bản của chị Lan" });
      expect(await audit(saved.id!, "report.saved")).toHaveLength(1);

      const stale = await put(w.leaderA.headers, {
        version: 0,
        items: [{ taskId: w.taskIds[0], status: "done", result: "Bản của anh Minh" }],
      });
      expect(stale.statusCode).toBe(409);
      const body = stale.json() as ReportConflictError;
      expect(body.error.code).toBe("CONFLICT");
      expect(body.error.message).toMatch(/người khác/);
      expect(body.error.current.version).toBe(1);
      expect(body.error.current.items[0]!.result).toBe("Bản của chị Lan");
      const after = await getReport(w.reporterA.headers);
      expect(after.data!.version).toBe(1);
      expect(after.data!.items[0]!.result).toBe("Bản của chị Lan");
    });

    it("refuses to submit while tasks are unreported (409 STATE naming them)", async () => {
      const res = await post(w.reporterA.headers, "submit");
      expect(res.statusCode).toBe(409);
      const err = (res.json() as ApiError).error;
      expect(err.code).toBe("STATE");
      expect(err.message).toContain("Chưa báo cáo 2 nhiệm vụ");
    });

    it("runs submit → return → fix → resubmit → approve → accept, and the task status follows", async () => {
      const cur = (await getReport(w.reporterA.headers)).data!;
      const saved = await put(w.reporterA.headers, { version: cur.version, items: allItems() });
      expect(saved.statusCode).toBe(200);
      const submitted = await post(w.reporterA.headers, "submit");
      expect(submitted.statusCode).toBe(200);
      const s = (submitted.json() as { data: UnitReportDto }).data;
      expect(s).toMatchObject({ status: "submitted", submittedBy: w.reporterA.user.id });
      expect(s.lockedReason).toMatch(/đã nộp/);
      expect(s.abilities.edit).toBe(false);

      // Submitted: the unit can no longer edit; a second submit is a state error, not a permission error.
      const edit = await put(w.reporterA.headers, { version: s.version, items: allItems("done") });
      expect(edit.statusCode).toBe(409);
      expect((edit.json() as ApiError).error.code).toBe("STATE");
      expect((await post(w.reporterA.headers, "submit")).statusCode).toBe(409);
      // A reporter cannot review; returning needs a comment.
      expect((await post(w.reporterA.headers, "accept")).statusCode).toBe(403);
      expect((await post(w.coordinator.headers, "return", { comment: " " })).statusCode).toBe(400);

      const returned = await post(w.coordinator.headers, "return", { comment: "Bổ sung số liệu nhiệm vụ 1." });
      expect(returned.statusCode).toBe(200);
      const r = (returned.json() as { data: UnitReportDto }).data;
      expect(r).toMatchObject({ status: "returned", reviewComment: "Bổ sung số liệu nhiệm vụ 1.", lockedReason: null });
      expect((await audit(r.id!, "report.returned"))[0]?.after_json).toContain("Bổ sung số liệu");

      // Returned reopens the report for editing.
      const items = allItems();
      items[0] = { taskId: w.taskIds[0], status: "done", completedOn: "2025-03-20", result: "Đã tổ chức 3 hội nghị." };
      items[2] = { taskId: w.taskIds[2], status: "done", completedOn: "2025-03-25", result: "Phối hợp khảo sát." };
      const fixed = await put(w.reporterA.headers, { version: r.version, items });
      expect(fixed.statusCode).toBe(200);
      const resubmitted = await post(w.reporterA.headers, "submit");
      expect(resubmitted.statusCode).toBe(200);
      // Approving is for the unit's leader.
      expect((await post(w.reporterA.headers, "approve")).statusCode).toBe(403);
      const approved = await post(w.leaderA.headers, "approve");
      expect(approved.statusCode).toBe(200);
      expect((approved.json() as { data: UnitReportDto }).data.status).toBe("approved");
      // Accepting with a stale version is a conflict.
      expect((await post(w.coordinator.headers, "accept", { version: 1 })).statusCode).toBe(409);
      const accepted = await post(w.coordinator.headers, "accept");
      expect(accepted.statusCode).toBe(200);
      const a = (accepted.json() as { data: UnitReportDto }).data;
      expect(a).toMatchObject({ status: "accepted", reviewedBy: w.coordinator.user.id });
      for (const action of ["report.submitted", "report.approved", "report.accepted"]) {
        expect((await audit(a.id!, action)).length, action).toBeGreaterThan(0);
      }
      expect(await audit(a.id!, "report.submitted")).toHaveLength(2);
      // Accepted again: a state error.
      expect((await post(w.coordinator.headers, "accept")).statusCode).toBe(409);

      // Task 1 is led by unit A, done 20/3 before its 30/6 due date; task 3 is led by B (no accepted report yet).
      const h1 = await app.inject({
        method: "GET",
        url: `/api/v1/tasks/${w.taskIds[0]}/history`,
        headers: w.coordinator.headers,
      });
      expect(h1.statusCode).toBe(200);
      expect(h1.json().data).toMatchObject({ status: "hoan_thanh_dung_han", percent: 100 });
    });

    it("refuses saves in a locked period with the reason, and accepts them again once unlocked", async () => {
      const lockUrl = `/api/v1/plans/${w.planId}/periods/${w.periodIds[1]}/lock`;
      expect(
        (await app.inject({ method: "POST", url: lockUrl, headers: w.reporterA.headers, payload: {} })).statusCode,
      ).toBe(403);
      const locked = await app.inject({
        method: "POST",
        url: lockUrl,
        headers: w.coordinator.headers,
        payload: { reason: "Đã tổng hợp báo cáo quý" },
      });
      expect(locked.statusCode).toBe(200);
      expect((locked.json() as { data: PeriodDto }).data.locked).toBe(true);
      expect(await audit(w.periodIds[1], "period.locked")).toHaveLength(1);

      const res = await put(w.reporterA.headers, { version: 0, items: allItems() }, w.unitA, 1);
      expect(res.statusCode).toBe(409);
      const err = (res.json() as ApiError).error;
      expect(err.code).toBe("STATE");
      expect(err.message).toContain("Quý II/2025");
      expect(err.message).toContain("đã bị khóa");
      const view = await getReport(w.reporterA.headers, w.unitA, 1);
      expect(view.data!.lockedReason).toContain("đã bị khóa");
      const upload = multipartFile("anh.png", TINY_PNG, "image/png");
      const ev = await app.inject({
        method: "POST",
        url: reportUrl(w, w.unitA, 1, `/items/${w.taskIds[0]}/evidence`),
        headers: { ...w.reporterA.headers, ...upload.headers },
        payload: upload.payload,
      });
      expect(ev.statusCode).toBe(409);

      const unlock = await app.inject({
        method: "POST",
        url: `/api/v1/plans/${w.planId}/periods/${w.periodIds[1]}/unlock`,
        headers: w.coordinator.headers,
        payload: {},
      });
      expect(unlock.statusCode).toBe(200);
      expect(await audit(w.periodIds[1], "period.unlocked")).toHaveLength(1);
      expect((await put(w.reporterA.headers, { version: 0, items: allItems() }, w.unitA, 1)).statusCode).toBe(200);
    });
  });

  describe("evidence", () => {
    const url = (suffix = "") => reportUrl(w, w.unitB, 0, suffix);
    const upload = (name: string, content: Buffer, headers = w.reporterB.headers, taskIdx = 2) => {
      const m = multipartFile(name, content);
      return app.inject({
        method: "POST",
        url: url(`/items/${w.taskIds[taskIdx]}/evidence`),
        headers: { ...headers, ...m.headers },
        payload: m.payload,
      });
    };

    it("stores real PDF/PNG files and refuses disguised ones by their content", async () => {
      const ok = await upload("Biên bản nghiệm thu.pdf", TINY_PDF);
      expect(ok.statusCode).toBe(201);
      const meta = ok.json().data as { id: string; mime: string; fileName: string; size: number };
      expect(meta).toMatchObject({
        mime: "application/pdf",
        fileName: "Biên bản nghiệm thu.pdf",
        size: TINY_PDF.length,
      });
      expect(await audit(meta.id, "evidence.added")).toHaveLength(1);
      expect((await upload("anh.png", TINY_PNG)).statusCode).toBe(201);

      const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(200, 1)]);
      const disguised = await upload("bao-cao.pdf", exe);
      expect(disguised.statusCode).toBe(415);
      expect((disguised.json() as ApiError).error.message).toContain("không phải tệp PDF");
      expect((await upload("bao-cao.docx", TINY_PNG)).statusCode).toBe(415);
      const fakeZip = Buffer.from(zipSync({ "a.txt": new Uint8Array([1, 2, 3]) }));
      expect((await upload("bang.xlsx", fakeZip)).statusCode).toBe(415);
      expect((await upload("script.exe", exe)).statusCode).toBe(415);
      // Not the unit's task → 404; a reporter of another unit cannot see the report → 404; coordinator → 403.
      expect((await upload("a.pdf", TINY_PDF, w.reporterB.headers, 1)).statusCode).toBe(404);
      expect((await upload("a.pdf", TINY_PDF, w.outsider.headers)).statusCode).toBe(404);
      expect((await upload("a.pdf", TINY_PDF, w.coordinator.headers)).statusCode).toBe(403);
      expect(
        (
          await app.inject({
            method: "POST",
            url: url(`/items/${w.taskIds[2]}/evidence`),
            headers: w.reporterB.headers,
            payload: {},
          })
        ).statusCode,
      ).toBe(400);

      const list = await app.inject({
        method: "GET",
        url: url(`/items/${w.taskIds[2]}/evidence`),
        headers: w.coordinator.headers,
      });
      expect(list.statusCode).toBe(200);
      expect((list.json().data as unknown[]).length).toBe(2);
      const dl = await app.inject({ method: "GET", url: url(`/evidence/${meta.id}`), headers: w.coordinator.headers });
      expect(dl.statusCode).toBe(200);
      expect(dl.headers["content-type"]).toBe("application/pdf");
      expect(String(dl.headers["content-disposition"])).toContain("filename*=UTF-8''Bi%C3%AAn");
      expect(dl.rawPayload.equals(TINY_PDF)).toBe(true);

      // Evidence did not bump the version of the report being autosaved.
      const report = (await getReport(w.reporterB.headers, w.unitB)).data!;
      expect(report.version).toBe(1);
      expect(report.items.find((i) => i.taskId === w.taskIds[2])!.evidence).toHaveLength(2);

      expect(
        (await app.inject({ method: "DELETE", url: url(`/evidence/${meta.id}`), headers: w.coordinator.headers }))
          .statusCode,
      ).toBe(403);
      const del = await app.inject({
        method: "DELETE",
        url: url(`/evidence/${meta.id}`),
        headers: w.reporterB.headers,
      });
      expect(del.statusCode).toBe(204);
      expect(await audit(meta.id, "evidence.removed")).toHaveLength(1);
      expect(
        (await app.inject({ method: "GET", url: url(`/evidence/${meta.id}`), headers: w.coordinator.headers }))
          .statusCode,
      ).toBe(404);
    });
  });

  describe("XLSX form", () => {
    const download = async () => {
      const res = await app.inject({
        method: "GET",
        url: reportUrl(w, w.unitB, 1, "/xlsx"),
        headers: w.reporterB.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("spreadsheetml");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return wb;
    };
    const uploadWb = async (wb: ExcelJS.Workbook) => {
      const m = multipartFile("bao-cao.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
      return app.inject({
        method: "POST",
        url: reportUrl(w, w.unitB, 1, "/xlsx"),
        headers: { ...w.reporterB.headers, ...m.headers },
        payload: m.payload,
      });
    };

    it("downloads one row per task with a hidden id column and a status list", async () => {
      const wb = await download();
      const ws = wb.getWorksheet("Báo cáo")!;
      expect(ws.getColumn(1).hidden).toBe(true);
      expect(ws.getCell("A6").value).toBe("Mã nhiệm vụ");
      expect([ws.getCell("A7").value, ws.getCell("A8").value]).toEqual([w.taskIds[0], w.taskIds[2]]);
      expect(ws.getCell("F7").dataValidation).toMatchObject({ type: "list" });
      expect(String(ws.getCell("F7").dataValidation.formulae?.[0])).toContain("Đang thực hiện");
    });

    it("rejects a bad file row by row and applies nothing", async () => {
      const before = (await getReport(w.reporterB.headers, w.unitB, 1)).data!;
      const wb = await download();
      const ws = wb.getWorksheet("Báo cáo")!;
      ws.getCell("F7").value = "Đang thực hiện";
      ws.getCell("G7").value = 150;
      ws.getCell("F8").value = "Xong rồi";
      const res = await uploadWb(wb);
      expect(res.statusCode).toBe(400);
      const err = (res.json() as ApiError).error;
      expect(err.message).toContain("Dòng 7: Tỷ lệ hoàn thành phải từ 0 đến 100");
      expect(err.fields?.["rows.8"]).toContain("Dòng 8: Trạng thái “Xong rồi” không hợp lệ");
      const after = (await getReport(w.reporterB.headers, w.unitB, 1)).data!;
      expect(after.version).toBe(before.version);
      expect(after.items.every((i) => !i.saved)).toBe(true);

      const other = new ExcelJS.Workbook();
      other.addWorksheet("Sheet1").getCell("A1").value = "x";
      const foreign = await uploadWb(other);
      expect(foreign.statusCode).toBe(400);
      expect((foreign.json() as ApiError).error.message).toContain("không phải mẫu báo cáo");
      const notXlsx = multipartFile("bao-cao.xlsx", TINY_PDF);
      const r415 = await app.inject({
        method: "POST",
        url: reportUrl(w, w.unitB, 1, "/xlsx"),
        headers: { ...w.reporterB.headers, ...notXlsx.headers },
        payload: notXlsx.payload,
      });
      expect(r415.statusCode).toBe(415);
    });

    it("round-trips: values typed in the file are saved", async () => {
      const wb = await download();
      const ws = wb.getWorksheet("Báo cáo")!;
      ws.getCell("F7").value = "Hoàn thành";
      ws.getCell("H7").value = "Đã phối hợp tuyên truyền 12 tin bài.";
      ws.getCell("K7").value = "15/05/2025";
      ws.getCell("F8").value = "Đang thực hiện";
      ws.getCell("G8").value = 75;
      ws.getCell("I8").value = { richText: [{ text: "Thiếu " }, { text: "trạm BTS" }] };
      const res = await uploadWb(wb);
      expect(res.statusCode).toBe(200);
      const data = (res.json() as { data: UnitReportDto }).data;
      expect(data.items.map((i) => [i.status, i.percent, i.completedOn])).toEqual([
        ["done", 100, "2025-05-15"],
        ["in_progress", 75, null],
      ]);
      expect(data.items[1]!.difficulties).toBe("Thiếu trạm BTS");
      const saves = await audit(data.id!, "report.saved");
      expect(saves.some((e) => e.after_json?.includes('"source":"xlsx"'))).toBe(true);
      // The applied file downloads again with the saved values.
      const again = (await download()).getWorksheet("Báo cáo")!;
      expect(again.getCell("F7").value).toBe("Hoàn thành");
      expect(again.getCell("G8").value).toBe(75);
    });
  });
});
