import { z } from "zod";
import type {
  BulkReviewItemDto,
  BulkReviewResultDto,
  ErrorCode,
  ReportEvidenceDto,
  ReportItemDto,
  UnitReportDto,
} from "../api-types.js";
import { STATUS_BY_CODE } from "../errors.js";
import { dto } from "./common.schema.js";
import { IsoDateSchema } from "./periods.schema.js";

export const ReportKeyParams = z.object({
  planId: z.string().min(1).max(100),
  periodId: z.string().min(1).max(100),
  unitId: z.string().min(1).max(100),
});

export const ReportItemParams = ReportKeyParams.extend({ taskId: z.string().min(1).max(100) });
export const ReportFileParams = ReportKeyParams.extend({ fileId: z.string().min(1).max(100) });

export const ItemStatusSchema = z.enum(["not_started", "in_progress", "done", "paused"]);
export const ReportStatusSchema = z.enum(["draft", "submitted", "approved", "accepted", "returned"]);

const Text = z.string().max(10_000).nullish();

export const SaveReportBody = z.object({
  /** The version being edited (0 when the report does not exist yet). */
  version: z.number().int().min(0),
  summary: Text,
  difficulties: Text,
  proposals: Text,
  items: z
    .array(
      z.object({
        taskId: z.string().min(1).max(100),
        status: ItemStatusSchema,
        percent: z.number().min(0).max(100).nullish(),
        result: Text,
        difficulties: Text,
        proposals: Text,
        completedOn: IsoDateSchema.nullish(),
      }),
    )
    .max(5000)
    .default([]),
});

export const TransitionBody = z.object({ version: z.number().int().min(1).optional() });
export const AcceptBody = TransitionBody.extend({ comment: z.string().trim().max(2000).nullish() });
export const ReturnBody = TransitionBody.extend({ comment: z.string().trim().min(1).max(2000) });

export const ReportEvidenceDtoSchema = dto<ReportEvidenceDto>()(
  z.object({
    id: z.string(),
    fileName: z.string(),
    mime: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.string().nullable(),
    createdAt: z.string(),
  }),
);

export const ReportItemDtoSchema = dto<ReportItemDto>()(
  z.object({
    taskId: z.string(),
    ref: z.string().nullable(),
    title: z.string(),
    groupRef: z.string().nullable(),
    groupTitle: z.string().nullable(),
    role: z.enum(["lead", "support"]),
    dueDate: z.string().nullable(),
    saved: z.boolean(),
    status: ItemStatusSchema,
    percent: z.number().nullable(),
    result: z.string().nullable(),
    difficulties: z.string().nullable(),
    proposals: z.string().nullable(),
    completedOn: z.string().nullable(),
    updatedAt: z.string().nullable(),
    evidence: z.array(ReportEvidenceDtoSchema),
  }),
);

export const UnitReportDtoSchema = dto<UnitReportDto>()(
  z.object({
    id: z.string().nullable(),
    planId: z.string(),
    planNumber: z.string().nullable(),
    planTitle: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    period: z.object({
      id: z.string(),
      label: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      dueDate: z.string(),
      locked: z.boolean(),
      lockReason: z.string().nullable(),
      daysLeft: z.number().int(),
    }),
    status: ReportStatusSchema,
    statusLabel: z.string(),
    version: z.number().int(),
    summary: z.string().nullable(),
    difficulties: z.string().nullable(),
    proposals: z.string().nullable(),
    submittedAt: z.string().nullable(),
    submittedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    reviewComment: z.string().nullable(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    lockedReason: z.string().nullable(),
    items: z.array(ReportItemDtoSchema),
    abilities: z.object({ edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), review: z.boolean() }),
  }),
);

// ── bulk review ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The most reports one bulk request accepts or returns; more is a 400 (the web sends larger selections in parts). */
export const BULK_REVIEW_MAX = 200;

const BulkUnitIds = z
  .array(z.string().min(1).max(100))
  .min(1, "Chưa chọn báo cáo nào.")
  .max(BULK_REVIEW_MAX, `Mỗi lần chỉ xử lý được tối đa ${BULK_REVIEW_MAX} báo cáo; hãy chia thành nhiều lần.`);

export const BulkAcceptBody = z.object({
  unitIds: BulkUnitIds,
  /** Optional note kept with each accepted report, as in the single action. */
  comment: z.string().trim().max(2000).nullish(),
});

export const BulkReturnBody = z.object({
  unitIds: BulkUnitIds,
  comment: z
    .string("Vui lòng ghi rõ lý do trả lại báo cáo.")
    .trim()
    .min(1, "Vui lòng ghi rõ lý do trả lại báo cáo.")
    .max(2000),
});

const ErrorCodeSchema = z.enum(Object.keys(STATUS_BY_CODE) as [ErrorCode, ...ErrorCode[]]);

export const BulkReviewItemDtoSchema = dto<BulkReviewItemDto>()(
  z.object({
    unitId: z.string(),
    unitName: z.string().nullable(),
    ok: z.boolean(),
    status: ReportStatusSchema.optional(),
    error: z.object({ code: ErrorCodeSchema, message: z.string() }).optional(),
  }),
);

export const BulkReviewResultDtoSchema = dto<BulkReviewResultDto>()(
  z.object({
    action: z.enum(["accept", "return"]),
    okCount: z.number().int(),
    failedCount: z.number().int(),
    items: z.array(BulkReviewItemDtoSchema),
  }),
);
