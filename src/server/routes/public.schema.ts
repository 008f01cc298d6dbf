import { z } from "zod";
import type { PlanPublicStateDto, PublicPlanDto, PublicPlanSummaryDto } from "../api-types.js";
import { dto } from "./common.schema.js";

const TaskStatusSchema = z.enum([
  "chua_thuc_hien",
  "dang_thuc_hien",
  "hoan_thanh_dung_han",
  "hoan_thanh_qua_han",
  "qua_han_chua_hoan_thanh",
  "thuong_xuyen",
  "tam_dung",
]);

// ── requests ───────────────────────────────────────────────────────────────────────────────────────────────────

export const SetPlanPublicBody = z.object({ public: z.boolean() });

// ── responses (only what is declared leaves the server: no person, no report text) ─────────────────────────────

export const PlanPublicStateDtoSchema = dto<PlanPublicStateDto>()(
  z.object({
    planId: z.string(),
    public: z.boolean(),
    publicSince: z.string().nullable(),
    canChange: z.boolean(),
  }),
);

export const PublicPlanSummaryDtoSchema = dto<PublicPlanSummaryDto>()(
  z.object({
    id: z.string(),
    docType: z.string(),
    number: z.string().nullable(),
    title: z.string(),
    issuedAt: z.string().nullable(),
    issuerName: z.string().nullable(),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    status: z.enum(["published", "closed"]),
    publicSince: z.string(),
    taskCount: z.number().int(),
    counts: z.array(z.object({ status: TaskStatusSchema, label: z.string(), count: z.number().int() })),
    percentDone: z.number().nullable(),
    overdueCount: z.number().int(),
  }),
);

export const PublicTaskDtoSchema = z.object({
  id: z.string(),
  ref: z.string().nullable(),
  groupId: z.string().nullable(),
  title: z.string(),
  product: z.string().nullable(),
  leadUnits: z.array(z.string()),
  partnerUnits: z.array(z.string()),
  timeframe: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: TaskStatusSchema,
  statusLabel: z.string(),
  dueSoon: z.boolean(),
  percent: z.number().nullable(),
});

export const PublicPlanDtoSchema = dto<PublicPlanDto>()(
  PublicPlanSummaryDtoSchema.extend({
    asOf: z.string(),
    groups: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string() })),
    tasks: z.array(PublicTaskDtoSchema),
  }),
);
