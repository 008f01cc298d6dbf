import { z } from "zod";
import type { PlanOverviewDto, TaskHistoryDto, UnitHistoryDto } from "../api-types.js";
import { dto } from "./common.schema.js";
import { ReportingRateDtoSchema } from "./periods.schema.js";
import { ItemStatusSchema, ReportStatusSchema } from "./reports.schema.js";

export const TaskStatusSchema = z.enum([
  "chua_thuc_hien",
  "dang_thuc_hien",
  "hoan_thanh_dung_han",
  "hoan_thanh_qua_han",
  "qua_han_chua_hoan_thanh",
  "thuong_xuyen",
  "tam_dung",
]);
export const CellStateSchema = z.enum(["on_time", "late", "missing", "open", "returned", "not_expected"]);

export const OverviewQuery = z.object({ period: z.string().min(1).max(100).optional() });
export const UnitHistoryParams = z.object({ id: z.string().min(1).max(100), unitId: z.string().min(1).max(100) });

const StatusCount = z.object({ status: TaskStatusSchema, label: z.string(), count: z.number().int() });
const PeriodSummary = z.object({ id: z.string(), label: z.string(), dueDate: z.string() });

export const PlanOverviewDtoSchema = dto<PlanOverviewDto>()(
  z.object({
    planId: z.string(),
    asOf: z.string(),
    period: PeriodSummary.nullable(),
    totalTasks: z.number().int(),
    counts: z.array(StatusCount),
    completionRate: z.number().nullable(),
    dueSoon: z.number().int(),
    overdue: z.array(
      z.object({
        taskId: z.string(),
        ref: z.string().nullable(),
        title: z.string(),
        groupRef: z.string().nullable(),
        dueDate: z.string().nullable(),
        daysOverdue: z.number().int(),
        percent: z.number().nullable(),
        leadUnits: z.array(z.object({ id: z.string(), name: z.string() })),
      }),
    ),
    grid: z.object({
      units: z.array(z.object({ id: z.string(), name: z.string(), rate: ReportingRateDtoSchema })),
      periods: z.array(PeriodSummary.extend({ rate: ReportingRateDtoSchema })),
      cells: z.array(
        z.object({
          unitId: z.string(),
          periodId: z.string(),
          state: CellStateSchema,
          label: z.string(),
          reportStatus: ReportStatusSchema.nullable(),
          submittedOn: z.string().nullable(),
        }),
      ),
      total: ReportingRateDtoSchema,
    }),
    groups: z.array(
      z.object({
        groupId: z.string().nullable(),
        ref: z.string().nullable(),
        title: z.string().nullable(),
        taskCount: z.number().int(),
        completed: z.number().int(),
        overdue: z.number().int(),
        percent: z.number(),
      }),
    ),
    trend: z.array(
      z.object({
        periodId: z.string(),
        label: z.string(),
        endDate: z.string(),
        counts: z.array(StatusCount),
        completionRate: z.number().nullable(),
        reportingRate: z.number().nullable(),
      }),
    ),
  }),
);

const HistoryItem = z.object({
  periodId: z.string(),
  periodLabel: z.string(),
  periodEnd: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  reportStatus: ReportStatusSchema,
  status: ItemStatusSchema,
  percent: z.number().nullable(),
  result: z.string().nullable(),
  difficulties: z.string().nullable(),
  proposals: z.string().nullable(),
  completedOn: z.string().nullable(),
});

export const TaskHistoryDtoSchema = dto<TaskHistoryDto>()(
  z.object({
    taskId: z.string(),
    planId: z.string(),
    ref: z.string().nullable(),
    title: z.string(),
    status: TaskStatusSchema,
    statusLabel: z.string(),
    dueDate: z.string().nullable(),
    percent: z.number().nullable(),
    items: z.array(HistoryItem),
  }),
);

export const UnitHistoryDtoSchema = dto<UnitHistoryDto>()(
  z.object({
    planId: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    rate: ReportingRateDtoSchema,
    periods: z.array(
      z.object({
        periodId: z.string(),
        label: z.string(),
        dueDate: z.string(),
        state: CellStateSchema,
        stateLabel: z.string(),
        reportId: z.string().nullable(),
        reportStatus: ReportStatusSchema.nullable(),
        submittedAt: z.string().nullable(),
        reviewComment: z.string().nullable(),
        items: z.array(
          z.object({
            taskId: z.string(),
            status: ItemStatusSchema,
            percent: z.number().nullable(),
            result: z.string().nullable(),
          }),
        ),
      }),
    ),
  }),
);
