import { z } from "zod";
import type { ReportEvidenceDto, ReportItemDto, UnitReportDto } from "../api-types.js";
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
