/**
 * A unit's report for a period: read, autosave (optimistic locking), the workflow (submit, approve, accept, return),
 * evidence files, and the XLSX form for offline filling.
 */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Executor } from "../../store/db.js";
import { periodLockReasons } from "../../store/repos/periods.js";
import { getEvidenceFile } from "../../store/repos/reports.js";
import type { UnitReportDto } from "../api-types.js";
import { acceptReport } from "../commands/accept-report.js";
import { addEvidence } from "../commands/add-evidence.js";
import { approveReport } from "../commands/approve-report.js";
import { removeEvidence } from "../commands/remove-evidence.js";
import { returnReport } from "../commands/return-report.js";
import { saveUnitReport } from "../commands/save-unit-report.js";
import { submitReport } from "../commands/submit-report.js";
import { type Actor, type CommandContext, runCommand } from "../context.js";
import { AppError } from "../errors.js";
import { can } from "../policies/index.js";
import { presentEvidence, presentUnitReport } from "../presenters/report.js";
import { applyBulkReview, loadBulkReview, planBulkReview } from "../services/bulk-review.js";
import { MAX_EVIDENCE_BYTES, sniffEvidenceKind } from "../services/evidence-file.js";
import { sendBuffer } from "../services/http-download.js";
import { todayOf } from "../services/plan-overview.js";
import { ReportConflictWithCurrent, ReportVersionConflict } from "../services/report-errors.js";
import {
  parseUnitReportXlsx,
  ReportXlsxFormatError,
  renderUnitReportXlsx,
  unitReportFileName,
} from "../services/report-xlsx.js";
import {
  authorizeTransition,
  editBlockReason,
  loadUnitReport,
  reviewBlockReason,
  type UnitReportContext,
  type UnitReportKey,
} from "../services/unit-report.js";
import type { RegisterRoutes } from "./deps.js";
import { PlanPeriodParams } from "./periods.schema.js";
import {
  AcceptBody,
  BULK_REVIEW_MAX,
  BulkAcceptBody,
  BulkReturnBody,
  BulkReviewResultDtoSchema,
  ReportEvidenceDtoSchema,
  ReportFileParams,
  ReportItemParams,
  ReportKeyParams,
  ReturnBody,
  SaveReportBody,
  TransitionBody,
  UnitReportDtoSchema,
} from "./reports.schema.js";

const TAG = "Báo cáo tiến độ";
const BASE = "/reports/:planId/:periodId/:unitId";

/** The report as the API returns it; a locked period's reason comes from its latest "period.locked" audit event. */
async function present(db: Executor, actor: Actor | null, c: UnitReportContext): Promise<UnitReportDto> {
  const open = editBlockReason(c) === null;
  const lockReason =
    c.period.locked === 1 ? ((await periodLockReasons(db, [c.period.id])).get(c.period.id) ?? null) : null;
  return presentUnitReport(
    c,
    {
      edit: open && can(actor, "report.edit", c.target),
      submit: open && can(actor, "report.submit", c.target),
      approve: can(actor, "report.approve", c.target),
      // A locked period is closed to review too (reviewBlockReason); the buttons follow.
      review: can(actor, "report.review", c.target) && reviewBlockReason(c, "accept") === null,
    },
    { today: todayOf(new Date()), lockReason },
  );
}

/** Reads the single uploaded file of a multipart request (at most `limit` bytes; larger → 413). */
async function uploadedFile(req: FastifyRequest, limit: number): Promise<{ fileName: string; content: Buffer }> {
  if (!req.isMultipart()) {
    throw new AppError("VALIDATION", "Cần gửi tệp theo dạng multipart/form-data (trường “file”).", {
      fields: { file: "Bắt buộc chọn tệp." },
    });
  }
  const file = await req.file({ limits: { fileSize: limit, files: 1 } });
  if (!file) throw new AppError("VALIDATION", "Chưa chọn tệp.", { fields: { file: "Bắt buộc chọn tệp." } });
  const content = await file.toBuffer();
  return { fileName: file.filename || "tep-dinh-kem", content };
}

export const registerReportRoutes: RegisterRoutes = (routes, { database }) => {
  const db = database.db;
  const load = (actor: Actor | null, key: UnitReportKey) => loadUnitReport(db, actor, key);

  /** Runs a mutation; a stale version becomes 409 CONFLICT carrying the report as it now is. */
  const mutate = async <T>(
    actor: Actor,
    req: FastifyRequest,
    key: UnitReportKey,
    fn: (ctx: CommandContext) => Promise<T>,
  ): Promise<T> => {
    try {
      return await runCommand(database, { actor, ip: req.ip }, fn);
    } catch (err) {
      if (!(err instanceof ReportVersionConflict)) throw err;
      throw new ReportConflictWithCurrent(err.message, await present(db, actor, await load(actor, key)));
    }
  };

  routes.add({
    method: "GET",
    url: BASE,
    summary: "Báo cáo của đơn vị trong kỳ: mọi nhiệm vụ đơn vị chủ trì hoặc phối hợp, kèm minh chứng",
    tag: TAG,
    auth: "user",
    params: ReportKeyParams,
    response: UnitReportDtoSchema,
    errors: [404],
    handler: async ({ actor, params }) => present(db, actor, await load(actor, params)),
  });

  routes.add({
    method: "PUT",
    url: BASE,
    summary: "Lưu báo cáo (tự động lưu). Gửi kèm version đã sửa; 409 nếu người khác đã lưu trước (kèm bản hiện tại)",
    tag: TAG,
    auth: "user",
    params: ReportKeyParams,
    body: SaveReportBody,
    response: UnitReportDtoSchema,
    errors: [403, 404, 409],
    handler: async ({ actor, params, body, req }) => {
      const c = await load(actor, params);
      authorizeTransition(actor, "report.edit", c.target, editBlockReason(c) ?? "Không thể sửa báo cáo lúc này.");
      await mutate(actor, req, params, (ctx) => saveUnitReport(ctx, { context: c, ...body }));
      return present(db, actor, await load(actor, params));
    },
  });

  const transitions = [
    {
      path: "submit",
      summary: "Nộp báo cáo (đang soạn hoặc bị trả lại → đã nộp)",
      action: "report.submit" as const,
      body: TransitionBody,
      state: (c: UnitReportContext) => editBlockReason(c) ?? "Báo cáo không ở trạng thái có thể nộp.",
      run: (ctx: CommandContext, c: UnitReportContext, b: { version?: number | undefined }) =>
        submitReport(ctx, { context: c, version: b.version }),
    },
    {
      path: "approve",
      summary: "Lãnh đạo đơn vị duyệt báo cáo đã nộp (không bắt buộc)",
      action: "report.approve" as const,
      body: TransitionBody,
      state: () => "Chỉ duyệt được báo cáo đã nộp và chưa được tiếp nhận.",
      run: (ctx: CommandContext, c: UnitReportContext, b: { version?: number | undefined }) =>
        approveReport(ctx, { context: c, version: b.version }),
    },
    {
      path: "accept",
      summary: "Cơ quan chủ trì tiếp nhận báo cáo",
      action: "report.review" as const,
      body: AcceptBody,
      state: (c: UnitReportContext) =>
        reviewBlockReason(c, "accept") ?? "Chỉ tiếp nhận được báo cáo đã nộp (hoặc đã được lãnh đạo đơn vị duyệt).",
      run: (ctx: CommandContext, c: UnitReportContext, b: { version?: number | undefined; comment?: string | null }) =>
        acceptReport(ctx, { context: c, version: b.version, comment: b.comment ?? null }),
    },
    {
      path: "return",
      summary: "Cơ quan chủ trì trả lại báo cáo kèm ý kiến; đơn vị sửa và nộp lại",
      action: "report.review" as const,
      body: ReturnBody,
      state: (c: UnitReportContext) =>
        reviewBlockReason(c, "return") ?? "Chỉ trả lại được báo cáo đã nộp (hoặc đã được lãnh đạo đơn vị duyệt).",
      run: (ctx: CommandContext, c: UnitReportContext, b: { version?: number | undefined; comment?: string | null }) =>
        returnReport(ctx, { context: c, version: b.version, comment: b.comment ?? "" }),
    },
  ];
  for (const t of transitions) {
    routes.add({
      method: "POST",
      url: `${BASE}/${t.path}`,
      summary: t.summary,
      tag: TAG,
      auth: "user",
      params: ReportKeyParams,
      body: t.body as typeof AcceptBody,
      response: UnitReportDtoSchema,
      errors: [403, 404, 409],
      handler: async ({ actor, params, body, req }) => {
        const c = await load(actor, params);
        authorizeTransition(actor, t.action, c.target, t.state(c));
        await mutate(actor, req, params, (ctx) => t.run(ctx, c, body));
        return present(db, actor, await load(actor, params));
      },
    });
  }

  // ── bulk review ───────────────────────────────────────────────────────────────────────────────────────────────
  // Each report runs through the single action's command in its own transaction: see services/bulk-review.ts.

  const bulk = [
    {
      verb: "accept" as const,
      body: BulkAcceptBody,
      summary: `Tiếp nhận nhiều báo cáo của một kỳ (tối đa ${BULK_REVIEW_MAX} đơn vị mỗi lần): kết quả từng đơn vị, báo cáo không tiếp nhận được kèm lý do`,
    },
    {
      verb: "return" as const,
      body: BulkReturnBody,
      summary: `Trả lại nhiều báo cáo của một kỳ kèm ý kiến (bắt buộc; tối đa ${BULK_REVIEW_MAX} đơn vị mỗi lần): kết quả từng đơn vị`,
    },
  ];
  for (const b of bulk) {
    routes.add({
      method: "POST",
      url: `/plans/:id/periods/:periodId/reports/${b.verb}`,
      summary: b.summary,
      tag: TAG,
      auth: "user",
      params: PlanPeriodParams,
      body: b.body as typeof BulkAcceptBody,
      response: BulkReviewResultDtoSchema,
      errors: [403, 404],
      handler: async ({ actor, params, body, req }) => {
        const snapshot = await loadBulkReview(
          db,
          actor,
          { planId: params.id, periodId: params.periodId },
          body.unitIds,
        );
        const steps = planBulkReview(actor, b.verb, body.unitIds, snapshot);
        return applyBulkReview(
          database,
          { actor, ip: req.ip },
          snapshot,
          steps,
          { verb: b.verb, comment: body.comment ?? null },
          (err, unitId) => req.log.error({ err, unitId }, "bulk review: unexpected error"),
        );
      },
    });
  }

  // ── evidence ────────────────────────────────────────────────────────────────────────────────────────────────

  routes.add({
    method: "POST",
    url: `${BASE}/items/:taskId/evidence`,
    summary: "Đính kèm minh chứng cho một nhiệm vụ (multipart, trường “file”; PDF, DOCX, XLSX, JPG, PNG; tối đa 20 MB)",
    tag: TAG,
    auth: "user",
    params: ReportItemParams,
    response: ReportEvidenceDtoSchema,
    status: 201,
    errors: [403, 404, 409, 413, 415],
    handler: async ({ actor, params, req }) => {
      const c = await load(actor, params);
      authorizeTransition(actor, "report.edit", c.target, editBlockReason(c) ?? "Không thể sửa báo cáo lúc này.");
      if (!c.tasks.some((t) => t.id === params.taskId)) throw new AppError("NOT_FOUND", "Không tìm thấy nhiệm vụ.");
      const file = await uploadedFile(req, MAX_EVIDENCE_BYTES);
      const meta = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        addEvidence(ctx, { context: c, taskId: params.taskId, ...file }),
      );
      return presentEvidence(meta);
    },
  });

  routes.add({
    method: "GET",
    url: `${BASE}/items/:taskId/evidence`,
    summary: "Danh sách minh chứng của một nhiệm vụ trong báo cáo",
    tag: TAG,
    auth: "user",
    params: ReportItemParams,
    response: z.array(ReportEvidenceDtoSchema),
    errors: [404],
    handler: async ({ actor, params }) => {
      const c = await load(actor, params);
      if (!c.tasks.some((t) => t.id === params.taskId)) throw new AppError("NOT_FOUND", "Không tìm thấy nhiệm vụ.");
      const item = c.report?.items.find((i) => i.task_id === params.taskId);
      return item ? c.evidence.filter((e) => e.report_item_id === item.id).map(presentEvidence) : [];
    },
  });

  const findFile = (c: UnitReportContext, fileId: string) => {
    const meta = c.evidence.find((e) => e.id === fileId);
    if (!meta) throw new AppError("NOT_FOUND", "Không tìm thấy tệp minh chứng.");
    const taskId = c.report?.items.find((i) => i.id === meta.report_item_id)?.task_id ?? "";
    return { meta, taskId };
  };

  routes.add({
    method: "GET",
    url: `${BASE}/evidence/:fileId`,
    summary: "Tải tệp minh chứng",
    tag: TAG,
    auth: "user",
    params: ReportFileParams,
    status: 200,
    errors: [404],
    handler: async ({ actor, params, reply }) => {
      const c = await load(actor, params);
      const { meta } = findFile(c, params.fileId);
      const file = await getEvidenceFile(db, meta.id);
      if (!file) throw new AppError("NOT_FOUND", "Không tìm thấy tệp minh chứng.");
      await sendBuffer(reply, { fileName: file.file_name, mime: file.mime }, Buffer.from(file.content));
    },
  });

  routes.add({
    method: "DELETE",
    url: `${BASE}/evidence/:fileId`,
    summary: "Xóa tệp minh chứng (khi báo cáo còn được sửa)",
    tag: TAG,
    auth: "user",
    params: ReportFileParams,
    errors: [403, 404, 409],
    handler: async ({ actor, params, req }) => {
      const c = await load(actor, params);
      const { meta, taskId } = findFile(c, params.fileId);
      authorizeTransition(actor, "report.edit", c.target, editBlockReason(c) ?? "Không thể sửa báo cáo lúc này.");
      await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        removeEvidence(ctx, { context: c, file: meta, taskId }),
      );
    },
  });

  // ── XLSX form ───────────────────────────────────────────────────────────────────────────────────────────────

  routes.add({
    method: "GET",
    url: `${BASE}/xlsx`,
    summary: "Tải báo cáo của đơn vị dạng XLSX để điền ngoại tuyến (mỗi nhiệm vụ một dòng)",
    tag: TAG,
    auth: "user",
    params: ReportKeyParams,
    status: 200,
    errors: [404],
    handler: async ({ actor, params, reply }) => {
      const dto = await present(db, actor, await load(actor, params));
      await sendBuffer(
        reply,
        {
          fileName: unitReportFileName(dto),
          mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        },
        await renderUnitReportXlsx(dto),
      );
    },
  });

  routes.add({
    method: "POST",
    url: `${BASE}/xlsx`,
    summary: "Tải lên báo cáo XLSX đã điền: kiểm tra từng dòng, áp dụng tất cả hoặc không áp dụng gì",
    tag: TAG,
    auth: "user",
    params: ReportKeyParams,
    response: UnitReportDtoSchema,
    errors: [403, 404, 409, 413, 415],
    handler: async ({ actor, params, req }) => {
      const c = await load(actor, params);
      authorizeTransition(actor, "report.edit", c.target, editBlockReason(c) ?? "Không thể sửa báo cáo lúc này.");
      const file = await uploadedFile(req, 10 * 1024 * 1024);
      if (sniffEvidenceKind(file.content) !== "xlsx") {
        throw new AppError("UNSUPPORTED_FILE", "Tệp tải lên không phải bảng tính XLSX.");
      }
      const parsed = await parseUnitReportXlsx(file.content, {
        ...params,
        taskIds: new Set(c.tasks.map((t) => t.id)),
      }).catch((err) => {
        if (err instanceof ReportXlsxFormatError)
          throw new AppError("VALIDATION", err.message, { fields: { file: err.message } });
        throw err;
      });
      if (parsed.errors.length) {
        const shown = parsed.errors.slice(0, 10).map((e) => e.message);
        const more = parsed.errors.length > 10 ? ` (và ${parsed.errors.length - 10} lỗi khác)` : "";
        throw new AppError(
          "VALIDATION",
          `Tệp có ${parsed.errors.length} lỗi, chưa cập nhật gì: ${shown.join("; ")}${more}.`,
          {
            fields: parsed.errors.reduce<Record<string, string>>((acc, e) => {
              const k = `rows.${e.row}`;
              acc[k] = acc[k] ? `${acc[k]}; ${e.message.replace(/^Dòng \d+: /, "")}` : e.message;
              return acc;
            }, {}),
          },
        );
      }
      const version = c.report?.report.version ?? 0;
      await mutate(actor, req, params, (ctx) =>
        saveUnitReport(ctx, { context: c, version, items: parsed.items, source: "xlsx" }),
      );
      return present(db, actor, await load(actor, params));
    },
  });
};
