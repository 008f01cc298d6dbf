import { z } from "zod";
import type { MyReportDto, UnitReportStatusDto } from "../api-types.js";
import { dto } from "./common.schema.js";
import { IsoDateSchema } from "./periods.schema.js";
import { ReportStatusSchema } from "./reports.schema.js";

export const MyReportsQuery = z.object({
  /** Only one queue; all of them by default. */
  queue: z.enum(["report", "approve", "accept"]).optional(),
  /** How many days ahead counts as "due soon" for reports still to send (default 30). */
  days: z.coerce.number().int().min(0).max(366).default(30),
});

export const MyReportDtoSchema = dto<MyReportDto>()(
  z.object({
    queue: z.enum(["report", "approve", "accept"]),
    planId: z.string(),
    planNumber: z.string().nullable(),
    planTitle: z.string(),
    period: z.object({
      id: z.string(),
      label: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      dueDate: z.string(),
      locked: z.boolean(),
    }),
    unitId: z.string(),
    unitName: z.string(),
    reportId: z.string().nullable(),
    status: ReportStatusSchema,
    statusLabel: z.string(),
    submittedAt: z.string().nullable(),
    reviewComment: z.string().nullable(),
    updatedAt: z.string().nullable(),
    daysLeft: z.number().int(),
  }),
);

export const UnitReportsInReachQuery = z.object({
  /** Periods due from this many days ago (default 90)… */
  pastDays: z.coerce.number().int().min(0).max(731).default(90),
  /** …up to this many days ahead (default 30). */
  days: z.coerce.number().int().min(0).max(366).default(30),
  /** Explicit bounds on the due date (YYYY-MM-DD), instead of pastDays/days. */
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const UnitReportStatusDtoSchema = dto<UnitReportStatusDto>()(MyReportDtoSchema.omit({ queue: true }));
