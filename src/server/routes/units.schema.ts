import { z } from "zod";
import type { UnitDto, UnitListItemDto, UnitSummaryDto } from "../api-types.js";
import type {
  DirectoryImportResultDto,
  UnitDetailDto,
  UnitGroupDto,
  UnitGroupPreviewDto,
  UnitGroupSummaryDto,
  UnitMergeResultDto,
  UnitMoveSummaryDto,
  UnitSplitResultDto,
  UnitSuccessionDto,
  UnitTreeDto,
} from "../api-types-directory.js";
import { dto, RoleSchema } from "./common.schema.js";

export const UnitKindSchema = z.enum([
  "province",
  "district",
  "commune",
  "ward",
  "town",
  "department",
  "office",
  "agency",
  "party",
  "association",
  "school",
  "enterprise",
  "other",
]);

export const ListUnitsQuery = z.object({
  /** Search text; diacritics and case do not matter ("phong kinh te" finds "Phòng Kinh tế"). */
  q: z.string().trim().max(200).optional(),
  /** Children of this unit (ignored when q is given). */
  parentId: z.string().max(100).optional(),
  kind: z
    .union([UnitKindSchema, z.array(UnitKindSchema)])
    .transform((k) => (Array.isArray(k) ? k : [k]))
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const UnitSummaryDtoSchema = dto<UnitSummaryDto>()(
  z.object({
    id: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    kind: UnitKindSchema,
    parentId: z.string().nullable(),
  }),
);

export const UnitListItemDtoSchema = dto<UnitListItemDto>()(
  UnitSummaryDtoSchema.extend({ parentName: z.string().nullable() }),
);

export const UnitDtoSchema = dto<UnitDto>()(
  UnitSummaryDtoSchema.extend({
    aliases: z.array(z.string()),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    ancestors: z.array(UnitSummaryDtoSchema),
    children: z.array(UnitSummaryDtoSchema),
    abilities: z.object({ manage: z.boolean() }),
  }),
);

// ── directory administration ──────────────────────────────────────────────────────────────────────────────────────

export const IsoDateSchema = z.iso.date();

/** Directory code (Mã): letters, digits and - _ . / : (kept as the unit id). */
export const UnitCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, { message: "Mã đơn vị chỉ gồm chữ không dấu, chữ số và . _ : / -" });

const UnitFields = {
  name: z.string().trim().min(1).max(300),
  shortName: z.string().trim().max(200).nullable(),
  kind: UnitKindSchema,
  parentId: z.string().min(1).max(100).nullable(),
  aliases: z.array(z.string().trim().min(1).max(300)).max(100),
  validFrom: IsoDateSchema.nullable(),
  validTo: IsoDateSchema.nullable(),
};

export const CreateUnitBody = z.object({
  id: UnitCodeSchema.optional(),
  name: UnitFields.name,
  shortName: UnitFields.shortName.optional(),
  kind: UnitFields.kind,
  parentId: UnitFields.parentId.optional(),
  aliases: UnitFields.aliases.optional(),
  validFrom: UnitFields.validFrom.optional(),
  validTo: UnitFields.validTo.optional(),
});

/** PUT /units/:id: the fields given are changed, the others kept. */
export const UpdateUnitBody = z
  .object({
    name: UnitFields.name.optional(),
    shortName: UnitFields.shortName.optional(),
    kind: UnitFields.kind.optional(),
    parentId: UnitFields.parentId.optional(),
    aliases: UnitFields.aliases.optional(),
    validFrom: UnitFields.validFrom.optional(),
    validTo: UnitFields.validTo.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: "Chưa có thay đổi nào.",
    path: ["_"],
  });

export const MergeUnitBody = z
  .object({
    /** Further units merged together with :id. */
    otherUnitIds: z.array(z.string().min(1).max(100)).max(500).optional(),
    intoUnitId: z.string().min(1).max(100).optional(),
    newUnit: CreateUnitBody.optional(),
    effectiveOn: IsoDateSchema,
    /** Check the merge and answer what would move (tasks, reports, child units, users' roles) without changing anything. */
    dryRun: z.boolean().optional(),
  })
  .refine((b) => (b.intoUnitId === undefined) !== (b.newUnit === undefined), {
    message: "Chọn một đơn vị tiếp nhận (intoUnitId) hoặc khai báo đơn vị mới (newUnit).",
    path: ["intoUnitId"],
  });

/** A part of a split: its code (Mã, when given) or its position in `parts` (from 0). */
export const PartRefSchema = z.union([z.number().int().min(0), z.string().min(1).max(100)]);

/** At most this many tasks / users named in one split (each is checked and may answer its own error). */
const MAX_SPLIT_ENTRIES = 5000;
const TOO_MANY = `Tối đa ${MAX_SPLIT_ENTRIES} mục trong một lần chia tách.`;

export const SplitUnitBody = z.object({
  parts: z.array(CreateUnitBody).min(2).max(100),
  effectiveOn: IsoDateSchema,
  assignTo: z.object({
    /** The part receiving the open tasks not listed in `tasks`, and the unsent reports. */
    default: PartRefSchema,
    /** Open task id → part; the task's items in the unsent reports go with it. */
    tasks: z
      .record(z.string().min(1).max(100), PartRefSchema)
      .refine((r) => Object.keys(r).length <= MAX_SPLIT_ENTRIES, { error: TOO_MANY })
      .optional(),
    /** User id → part receiving that user's roles in the unit; users not listed keep their roles on the old unit. */
    members: z
      .record(z.string().min(1).max(100), PartRefSchema)
      .refine((r) => Object.keys(r).length <= MAX_SPLIT_ENTRIES, { error: TOO_MANY })
      .optional(),
  }),
});

export const UnitTreeQuery = z.object({
  /** Only units valid on this date. */
  activeOn: IsoDateSchema.optional(),
});

const SuccessionKindSchema = z.enum(["merge", "split", "rename"]);
const UnitGroupRuleSchema = z.enum(["communes_under", "offices_of", "explicit", "chosen"]);

export const UnitSuccessionDtoSchema = dto<UnitSuccessionDto>()(
  z.object({ kind: SuccessionKindSchema, effectiveOn: z.string(), unit: UnitSummaryDtoSchema }),
);

export const UnitGroupSummaryDtoSchema = dto<UnitGroupSummaryDto>()(
  z.object({ id: z.string(), name: z.string(), rule: UnitGroupRuleSchema, ownerUnitId: z.string().nullable() }),
);

export const UnitDetailDtoSchema = dto<UnitDetailDto>()(
  UnitDtoSchema.extend({
    predecessors: z.array(UnitSuccessionDtoSchema),
    successors: z.array(UnitSuccessionDtoSchema),
    groups: z.array(UnitGroupSummaryDtoSchema),
    ownedGroups: z.array(UnitGroupSummaryDtoSchema),
    counts: z.object({ openTasks: z.number(), unsentReports: z.number(), pendingReports: z.number() }),
    abilities: z.object({ manage: z.boolean(), merge: z.boolean(), split: z.boolean(), createChild: z.boolean() }),
  }),
);

export const UnitTreeDtoSchema = dto<UnitTreeDto>()(
  z.object({
    nodes: z.array(
      UnitSummaryDtoSchema.extend({
        depth: z.number().int(),
        childCount: z.number().int(),
        validFrom: z.string().nullable(),
        validTo: z.string().nullable(),
      }),
    ),
    canCreate: z.boolean(),
  }),
);

const MoveSummarySchema = dto<UnitMoveSummaryDto>()(
  z.object({
    assignments: z.array(
      z.object({ id: z.string(), taskId: z.string(), fromUnitId: z.string(), toUnitId: z.string() }),
    ),
    duplicateAssignmentsDropped: z.array(z.string()),
    reports: z.array(z.object({ id: z.string(), periodId: z.string(), fromUnitId: z.string(), toUnitId: z.string() })),
    reportsKept: z.array(z.object({ id: z.string(), periodId: z.string(), unitId: z.string() })),
    reportsCreated: z.array(
      z.object({ id: z.string(), periodId: z.string(), unitId: z.string(), fromReportId: z.string() }),
    ),
    reportItems: z.array(
      z.object({
        id: z.string(),
        taskId: z.string(),
        fromReportId: z.string(),
        toReportId: z.string(),
        toUnitId: z.string(),
      }),
    ),
    childUnits: z.array(
      z.object({ id: z.string(), name: z.string(), fromParentId: z.string(), toParentId: z.string() }),
    ),
    memberships: z.array(
      z.object({ id: z.string(), userId: z.string(), role: RoleSchema, fromUnitId: z.string(), toUnitId: z.string() }),
    ),
    duplicateMembershipsDropped: z.array(
      z.object({ id: z.string(), userId: z.string(), role: RoleSchema, unitId: z.string() }),
    ),
    groups: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        removedUnitIds: z.array(z.string()),
        addedUnitIds: z.array(z.string()),
      }),
    ),
    counts: z.object({
      tasks: z.number().int(),
      reports: z.number().int(),
      childUnits: z.number().int(),
      memberships: z.number().int(),
    }),
  }),
);

export const UnitMergeResultDtoSchema = dto<UnitMergeResultDto>()(
  z.object({
    successor: UnitSummaryDtoSchema,
    predecessors: z.array(UnitSummaryDtoSchema),
    effectiveOn: z.string(),
    dryRun: z.boolean(),
    moved: MoveSummarySchema,
  }),
);

export const UnitSplitResultDtoSchema = dto<UnitSplitResultDto>()(
  z.object({
    unit: UnitSummaryDtoSchema,
    parts: z.array(UnitSummaryDtoSchema),
    effectiveOn: z.string(),
    moved: MoveSummarySchema,
  }),
);

export const DirectoryImportResultDtoSchema = dto<DirectoryImportResultDto>()(
  z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
);

export const DirectoryExportQuery = z.object({ activeOn: IsoDateSchema.optional() });

// ── unit groups ───────────────────────────────────────────────────────────────────────────────────────────────────

export { UnitGroupRuleSchema };

export const ListUnitGroupsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  ownerUnitId: z.string().min(1).max(100).optional(),
});

export const CreateUnitGroupBody = z.object({
  name: z.string().trim().min(1).max(300),
  rule: UnitGroupRuleSchema,
  ownerUnitId: z.string().min(1).max(100).nullable().optional(),
  aliases: z.array(z.string().trim().min(1).max(300)).max(100).optional(),
  /** Members of an "explicit" (or "chosen") group. */
  memberIds: z.array(z.string().min(1).max(100)).max(5000).optional(),
});

export const UpdateUnitGroupBody = z.object({
  name: z.string().trim().min(1).max(300).optional(),
  rule: UnitGroupRuleSchema.optional(),
  ownerUnitId: z.string().min(1).max(100).nullable().optional(),
  aliases: z.array(z.string().trim().min(1).max(300)).max(100).optional(),
});

export const SetMembersBody = z.object({ memberIds: z.array(z.string().min(1).max(100)).max(5000) });

export const PreviewUnitGroupBody = z.object({
  rule: UnitGroupRuleSchema,
  ownerUnitId: z.string().min(1).max(100).nullable().optional(),
  memberIds: z.array(z.string().min(1).max(100)).max(5000).optional(),
  activeOn: IsoDateSchema.optional(),
});

export const PreviewQuery = z.object({ activeOn: IsoDateSchema.optional() });

export const UnitGroupDtoSchema = dto<UnitGroupDto>()(
  UnitGroupSummaryDtoSchema.extend({
    aliases: z.array(z.string()),
    memberIds: z.array(z.string()),
    abilities: z.object({ manage: z.boolean() }),
  }),
);

export const UnitGroupPreviewDtoSchema = dto<UnitGroupPreviewDto>()(
  z.object({ rule: UnitGroupRuleSchema, ownerUnitId: z.string().nullable(), members: z.array(UnitSummaryDtoSchema) }),
);
