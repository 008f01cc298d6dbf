import { z } from "zod";
import type { PlanDto, PlanListItemDto, PlanRevisionDto, RollupTaskDto, TaskDto, UnitTaskDto } from "../api-types.js";
import { dto } from "./common.schema.js";
import { PlanRefDtoSchema, TimeframeSchema } from "./imports.schema.js";

const isoDate = z.iso.date();
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

export const ListPlansQuery = z.object({
  year: z.coerce.number().int().min(1945).max(2100).optional(),
  /** Issuing unit id. */
  issuer: z.string().max(100).optional(),
  status: z.enum(["draft", "published", "closed"]).optional(),
  /** Words of the number, title or issuer; diacritics and case do not matter. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const UpdatePlanBody = z.object({
  revision: z.number().int().min(1),
  header: z
    .object({
      docType: z.string().trim().min(1).max(200).optional(),
      number: z.string().trim().max(200).nullable().optional(),
      title: z.string().trim().min(1).max(20_000).optional(),
      issuedAt: isoDate.nullable().optional(),
      place: z.string().max(200).nullable().optional(),
      signer: z.string().max(200).nullable().optional(),
      periodStart: isoDate.nullable().optional(),
      periodEnd: isoDate.nullable().optional(),
    })
    .optional(),
  tasks: z
    .array(
      z.object({
        id: z.string().min(1).max(100),
        title: z.string().trim().min(1).max(20_000).optional(),
        product: z.string().max(20_000).nullable().optional(),
        detail: z.string().max(20_000).nullable().optional(),
        timeframe: TimeframeSchema.optional(),
      }),
    )
    .max(5000)
    .optional(),
});

export const CreateStubPlanBody = z.object({
  docType: z.string().trim().min(1).max(200),
  number: z.string().trim().min(1).max(200),
  issuedAt: isoDate.nullable().optional(),
  issuer: z.string().trim().min(1).max(500),
  title: z.string().trim().max(20_000).nullable().optional(),
});

export const LinkPlanBody = z.object({
  superiorPlanId: z.string().min(1).max(100),
  referenceText: z.string().max(2000).nullable().optional(),
});

export const SetTaskParentBody = z.object({
  parentTaskId: z.string().min(1).max(100).nullable(),
  weight: z.number().min(0).max(1000).optional(),
});

export const UnitTasksQuery = z.object({
  planId: z.string().max(100).optional(),
  role: z.enum(["lead", "support"]).optional(),
  status: TaskStatusSchema.optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

// ── responses ──────────────────────────────────────────────────────────────────────────────────────────────────

const PeriodSummarySchema = z.object({ id: z.string(), label: z.string(), dueDate: z.string() });

export const PlanListItemDtoSchema = dto<PlanListItemDto>()(
  PlanRefDtoSchema.extend({
    issuerUnitId: z.string().nullable(),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    publishedAt: z.string().nullable(),
    taskCount: z.number().int(),
    nextPeriod: PeriodSummarySchema.nullable(),
    percentDone: z.number().nullable(),
    overdueCount: z.number().int(),
  }),
);

export const TaskDtoSchema = dto<TaskDto>()(
  z.object({
    id: z.string(),
    ref: z.string().nullable(),
    groupId: z.string().nullable(),
    title: z.string(),
    detail: z.string().nullable(),
    product: z.string().nullable(),
    timeframe: TimeframeSchema,
    dueDate: z.string().nullable(),
    parentTaskId: z.string().nullable(),
    parentWeight: z.number(),
    pausedAt: z.string().nullable(),
    status: TaskStatusSchema,
    statusLabel: z.string(),
    dueSoon: z.boolean(),
    percent: z.number().nullable(),
    assignments: z.array(
      z.object({
        id: z.string(),
        unitId: z.string().nullable(),
        unitName: z.string().nullable(),
        role: z.enum(["lead", "support"]),
        printedName: z.string(),
        unitGroupId: z.string().nullable(),
      }),
    ),
  }),
);

export const PlanDtoSchema = dto<PlanDto>()(
  PlanListItemDtoSchema.extend({
    place: z.string().nullable(),
    signer: z.string().nullable(),
    revision: z.number().int(),
    sourceFile: z
      .object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), sha256: z.string() })
      .nullable(),
    superiorPlans: z.array(PlanRefDtoSchema),
    subordinatePlans: z.array(PlanRefDtoSchema),
    groups: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string() })),
    tasks: z.array(TaskDtoSchema),
    regimes: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        frequency: z.string(),
        day: z.number().nullable(),
        month: z.number().nullable(),
        monthInPeriod: z.number().nullable(),
        recipient: z.string().nullable(),
      }),
    ),
    periods: z.array(
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
    ),
    targets: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        metric: z.string().nullable(),
        comparator: z.string().nullable(),
        value: z.number().nullable(),
        unit: z.string().nullable(),
        ownerUnitId: z.string().nullable(),
        ownerText: z.string().nullable(),
      }),
    ),
    emulation: z.unknown().nullable(),
    abilities: z.object({ manage: z.boolean(), publish: z.boolean(), close: z.boolean() }),
  }),
);

export const PlanRevisionDtoSchema = dto<PlanRevisionDto>()(
  z.object({
    id: z.string(),
    revision: z.number().int(),
    changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    actorId: z.string().nullable(),
    createdAt: z.string(),
  }),
);

export const UnitTaskDtoSchema = dto<UnitTaskDto>()(
  z.object({
    taskId: z.string(),
    planId: z.string(),
    planNumber: z.string().nullable(),
    planTitle: z.string(),
    unitId: z.string(),
    role: z.enum(["lead", "support"]),
    ref: z.string().nullable(),
    title: z.string(),
    dueDate: z.string().nullable(),
    status: TaskStatusSchema,
    statusLabel: z.string(),
    dueSoon: z.boolean(),
    percent: z.number().nullable(),
  }),
);

export const RollupTaskDtoSchema = dto<RollupTaskDto>()(
  z.object({
    taskId: z.string(),
    ref: z.string().nullable(),
    title: z.string(),
    ownPercent: z.number().nullable(),
    percent: z.number().nullable(),
    children: z.array(
      z.object({
        taskId: z.string(),
        planId: z.string(),
        planNumber: z.string().nullable(),
        ref: z.string().nullable(),
        title: z.string(),
        weight: z.number(),
        share: z.number(),
        percent: z.number().nullable(),
      }),
    ),
  }),
);

export const TaskParentDtoSchema = z.object({
  id: z.string(),
  parentTaskId: z.string().nullable(),
  parentWeight: z.number(),
});
