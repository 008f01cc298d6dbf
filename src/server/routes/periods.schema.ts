import { z } from "zod";
import { isIsoDate } from "../../core/index.js";
import type { PeriodDto, PeriodWithRateDto, ReportingRateDto } from "../api-types.js";
import { dto } from "./common.schema.js";

export const IsoDateSchema = z
  .string()
  .trim()
  .refine((s) => isIsoDate(s), { message: "Ngày không hợp lệ (định dạng YYYY-MM-DD)." });

export const PlanIdParams = z.object({ id: z.string().min(1).max(100) });
export const PlanPeriodParams = z.object({ id: z.string().min(1).max(100), periodId: z.string().min(1).max(100) });

export const CreatePeriodBody = z.object({
  label: z.string().trim().min(1).max(200),
  dueDate: IsoDateSchema,
  startDate: IsoDateSchema.nullish(),
  endDate: IsoDateSchema.nullish(),
});

export const LockPeriodBody = z.object({ reason: z.string().trim().max(1000).nullish() });

export const ReportingRateDtoSchema = dto<ReportingRateDto>()(
  z.object({
    expected: z.number().int(),
    actual: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    rate: z.number().nullable(),
    onTimeRate: z.number().nullable(),
  }),
);

export const PeriodDtoSchema = dto<PeriodDto>()(
  z.object({
    id: z.string(),
    regimeId: z.string().nullable(),
    frequency: z.string(),
    label: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    cutoffStart: z.string().nullable(),
    cutoffEnd: z.string().nullable(),
    dueDate: z.string(),
    kind: z.string(),
    locked: z.boolean(),
  }),
);

export const PeriodWithRateDtoSchema = dto<PeriodWithRateDto>()(
  PeriodDtoSchema.extend({
    past: z.boolean(),
    lockReason: z.string().nullable(),
    rate: ReportingRateDtoSchema,
    abilities: z.object({ lock: z.boolean(), unlock: z.boolean() }),
  }),
);
