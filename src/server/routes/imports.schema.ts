import { z } from "zod";
import type { PlanV1 } from "../../core/plan-v1.js";
import type {
  ImportDto,
  ImportReviewDto,
  ImportRowOriginsDto,
  ImportSummaryDto,
  PlanProblemDto,
  PlanRefDto,
  ReferenceMatchDto,
  TaskLinkSuggestionDto,
  UnitCandidateDto,
  UnitMatchDto,
  UnitRefDto,
} from "../api-types.js";
import { dto } from "./common.schema.js";

// ── tiendo.plan.v1 ─────────────────────────────────────────────────────────────────────────────────────────────
// Dates stay plain strings here: a draft may hold a wrong date, which the problems list reports by path instead of
// refusing the autosave.

const text = z.string().max(20_000);
const optText = text.nullable();

export const TimeframeSchema = z.object({
  text: optText,
  kind: z.enum(["ongoing", "recurring", "by", "period", "conditional", "unspecified"]),
  start: z.string().max(40).nullable(),
  end: z.string().max(40).nullable(),
  deadlines: z.array(z.string().max(40)).max(100),
});

export const PlanV1Schema = dto<PlanV1>()(
  z.object({
    format: z.literal("tiendo.plan.v1"),
    source: z.string().max(500).nullable(),
    plan: z.object({
      doc_type: z.string().max(200).nullable(),
      number: z.string().max(200).nullable(),
      issuer: z.string().max(500).nullable(),
      issued_at: z.string().max(40).nullable(),
      place: z.string().max(200).nullable(),
      title: optText,
      period: z.object({ start: z.string().max(40).nullable(), end: z.string().max(40).nullable() }).nullable(),
      signer: z.string().max(200).nullable(),
    }),
    references: z
      .array(
        z.object({
          doc_type: z.string().max(200).nullable(),
          number: z.string().max(200).nullable(),
          issued_at: z.string().max(40).nullable(),
          issuer: z.string().max(500).nullable(),
        }),
      )
      .max(200),
    groups: z.array(z.object({ ref: z.string().max(50), title: text })).max(2000),
    tasks: z
      .array(
        z.object({
          ref: z.string().max(50).nullable(),
          group: z.string().max(50).nullable(),
          title: text,
          lead: z.array(z.string().max(500)).max(200),
          support: z.array(z.string().max(500)).max(500),
          product: optText,
          detail: optText.optional(),
          timeframe: TimeframeSchema,
        }),
      )
      .max(5000),
    reporting: z
      .array(
        z.object({
          text: text,
          frequency: z.enum(["monthly", "quarterly", "semiannual", "annual", "adhoc"]),
          day: z.number().int().nullable(),
          month: z.number().int().nullable(),
          month_in_period: z.number().int().nullable(),
          recipient: z.string().max(1000).nullable(),
        }),
      )
      .max(50),
    targets: z
      .array(
        z.object({
          text: text,
          metric: optText,
          comparator: z.enum([">", ">=", "<", "<=", "="]).nullable(),
          value: z.number().nullable(),
          unit: z.string().max(100).nullable(),
          owner: z.string().max(500).nullable(),
        }),
      )
      .max(1000),
    emulation: z
      .object({
        name: optText,
        standing_body: optText,
        subjects: z.array(z.object({ kind: z.enum(["collective", "individual"]), text: text })).max(500),
        contents: z.array(text).max(1000),
        phases: z
          .array(
            z.object({
              name: z.string().max(500),
              start: z.string().max(40).nullable(),
              end: z.string().max(40).nullable(),
              milestone: optText,
            }),
          )
          .max(100),
        criteria: z.array(z.object({ subject: text, items: z.array(text).max(500) })).max(500),
        awards: z.array(z.string().max(1000)).max(500),
      })
      .nullable(),
  }),
);

// ── review state ───────────────────────────────────────────────────────────────────────────────────────────────

export const UnitResolutionSchema = z.object({
  type: z.enum(["unit", "group"]),
  id: z.string().min(1).max(100),
  excludedUnitIds: z.array(z.string().max(100)).max(5000).optional(),
});

export const ImportReviewSchema = dto<ImportReviewDto>()(
  z.object({
    units: z
      .record(z.string().max(500), UnitResolutionSchema.nullable())
      .refine((r) => Object.keys(r).length <= 10_000, "Tối đa 10000 tên đơn vị."),
    issuerUnitId: z.string().max(100).nullable(),
    superiorPlanIds: z.array(z.string().max(100)).max(50),
    /** Explicitly no superior plan in the system (older drafts and clients: false). */
    noSuperiorPlan: z.boolean().default(false),
    taskParents: z
      .record(
        z.string().regex(/^\d+$/),
        z.object({ parentTaskId: z.string().min(1).max(100), weight: z.number().min(0).max(1000) }),
      )
      .refine((r) => Object.keys(r).length <= 5000, "Tối đa 5000 liên kết nhiệm vụ."),
  }),
).refine((r) => !(r.noSuperiorPlan && r.superiorPlanIds.length > 0), {
  path: ["superiorPlanIds"],
  message: "Đã chọn “Không liên kết kế hoạch cấp trên” thì không chọn kế hoạch cấp trên nào.",
});

const RowOrigins = z.array(z.number().int().min(0).nullable()).max(5000).optional();

/** For each row of the plan sent, the extracted row it came from (null: a new row). */
export const ImportRowOriginsSchema = dto<ImportRowOriginsDto>()(
  z.object({ tasks: RowOrigins, groups: RowOrigins, reporting: RowOrigins, targets: RowOrigins }),
);

// ── requests ───────────────────────────────────────────────────────────────────────────────────────────────────

/** POST /imports with JSON: pasted text. (A file is sent as multipart/form-data with fields `file` and `unitId`.) */
export const CreateImportJsonBody = z.object({
  fileName: z.string().trim().min(1).max(255),
  text: z.string().min(1).max(5_000_000),
  /** The unit the plan is imported for (default: the actor's coordinating unit). */
  unitId: z.string().max(100).optional(),
});

export const ListImportsQuery = z.object({
  status: z.enum(["processing", "ready", "failed", "published"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const UpdateImportBody = z.object({
  version: z.number().int().min(1),
  plan: PlanV1Schema.optional(),
  review: ImportReviewSchema.optional(),
  origins: ImportRowOriginsSchema.optional(),
});

export const PublishImportBody = z.object({ confirmDuplicate: z.boolean().optional() });

// ── responses ──────────────────────────────────────────────────────────────────────────────────────────────────

export const ImportSummaryDtoSchema = dto<ImportSummaryDto>()(
  z.object({
    id: z.string(),
    fileName: z.string(),
    status: z.enum(["processing", "ready", "failed", "published"]),
    error: z.string().nullable(),
    version: z.number().int(),
    ownerUnitId: z.string().nullable(),
    createdBy: z.string(),
    publishedPlanId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

const UnitRefSchema = dto<UnitRefDto>()(z.object({ id: z.string(), name: z.string() }));

const UnitCandidateSchema = dto<UnitCandidateDto>()(
  z.object({
    id: z.string(),
    name: z.string(),
    type: z.enum(["unit", "group"]),
    confidence: z.number(),
    members: z.array(UnitRefSchema),
  }),
);

const UnitMatchSchema = dto<UnitMatchDto>()(
  z.object({
    name: z.string(),
    roles: z.array(z.enum(["lead", "support"])),
    taskIndexes: z.array(z.number().int()),
    candidates: z.array(UnitCandidateSchema),
    chosen: UnitCandidateSchema.extend({ excludedUnitIds: z.array(z.string()), auto: z.boolean() }).nullable(),
  }),
);

export const PlanRefDtoSchema = dto<PlanRefDto>()(
  z.object({
    id: z.string(),
    docType: z.string(),
    number: z.string().nullable(),
    title: z.string(),
    issuerName: z.string().nullable(),
    issuedAt: z.string().nullable(),
    status: z.enum(["draft", "published", "closed"]),
    isStub: z.boolean(),
  }),
);

const ReferenceMatchSchema = dto<ReferenceMatchDto>()(
  z.object({
    index: z.number().int(),
    docType: z.string().nullable(),
    number: z.string().nullable(),
    issuedAt: z.string().nullable(),
    issuer: z.string().nullable(),
    plans: z.array(PlanRefDtoSchema),
    canCreateStub: z.boolean(),
  }),
);

const TaskLinkSuggestionSchema = dto<TaskLinkSuggestionDto>()(
  z.object({
    taskIndex: z.number().int(),
    candidates: z.array(
      z.object({
        taskId: z.string(),
        planId: z.string(),
        ref: z.string().nullable(),
        title: z.string(),
        score: z.number(),
      }),
    ),
  }),
);

export const PlanProblemDtoSchema = dto<PlanProblemDto>()(
  z.object({
    path: z.string(),
    message: z.string(),
    severity: z.enum(["error", "warning"]),
    code: z.string(),
  }),
);

export const ImportDtoSchema = dto<ImportDto>()(
  ImportSummaryDtoSchema.extend({
    sourceFile: z
      .object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), sha256: z.string() })
      .nullable(),
    plan: PlanV1Schema.nullable(),
    spans: z.record(z.string(), z.object({ start: z.number(), end: z.number() })),
    origins: z.object({
      tasks: z.array(z.number().int().nullable()),
      groups: z.array(z.number().int().nullable()),
      reporting: z.array(z.number().int().nullable()),
      targets: z.array(z.number().int().nullable()),
    }),
    cleanedText: z.string().nullable(),
    warnings: z.array(z.string()),
    review: ImportReviewSchema,
    matches: z.array(UnitMatchSchema),
    issuer: z.object({ chosen: UnitRefSchema.nullable(), candidates: z.array(UnitCandidateSchema) }),
    references: z.array(ReferenceMatchSchema),
    taskLinks: z.array(TaskLinkSuggestionSchema),
    problems: z.array(PlanProblemDtoSchema),
    abilities: z.object({ edit: z.boolean(), publish: z.boolean() }),
  }),
);

export const PublishedDtoSchema = z.object({ planId: z.string() });
