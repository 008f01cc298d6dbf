/**
 * JSON shapes of the unit-directory administration API (/api/v1/units…, /api/v1/unit-groups…), shared with the web
 * app (types only). Kept beside `api-types.ts` so the directory area can grow without touching the shared file; the
 * base unit types come from there.
 */
import type { RoleName, UnitDto, UnitKindName, UnitSummaryDto } from "./api-types.js";

export type SuccessionKindName = "merge" | "split" | "rename";

/** A predecessor or successor of a unit, with the date the change took effect. */
export interface UnitSuccessionDto {
  kind: SuccessionKindName;
  effectiveOn: string;
  unit: UnitSummaryDto;
}

export type UnitGroupRuleName = "communes_under" | "offices_of" | "explicit" | "chosen";

export interface UnitGroupSummaryDto {
  id: string;
  name: string;
  rule: UnitGroupRuleName;
  ownerUnitId: string | null;
}

/** What is still open for a unit: tasks of published plans not completed, reports not sent, reports waiting. */
export interface UnitWorkCountsDto {
  openTasks: number;
  /** Draft or returned reports (not yet sent). */
  unsentReports: number;
  /** Submitted or approved reports waiting for the coordinator. */
  pendingReports: number;
}

/** GET /api/v1/units/:id — the unit page: tree position, history, groups and open work. */
export interface UnitDetailDto extends UnitDto {
  predecessors: UnitSuccessionDto[];
  successors: UnitSuccessionDto[];
  /** Groups the unit belongs to (explicitly or by rule). */
  groups: UnitGroupSummaryDto[];
  /** Groups whose rule is evaluated against this unit ("UBND các xã, phường" of this district). */
  ownedGroups: UnitGroupSummaryDto[];
  counts: UnitWorkCountsDto;
  abilities: UnitDto["abilities"] & { merge: boolean; split: boolean; createChild: boolean };
}

/** GET /api/v1/units/tree — every unit once, in tree order (pre-order, siblings by Vietnamese name). */
export interface UnitTreeNodeDto extends UnitSummaryDto {
  depth: number;
  childCount: number;
  validFrom: string | null;
  validTo: string | null;
}

export interface UnitTreeDto {
  nodes: UnitTreeNodeDto[];
  /** The actor may add units (somewhere) — shows the "Thêm đơn vị" button. */
  canCreate: boolean;
}

/** What a merge or split moved to the successor(s) (or, for a dry run, would move). */
export interface UnitMoveSummaryDto {
  /** Task assignments moved, per receiving unit. */
  assignments: { id: string; taskId: string; fromUnitId: string; toUnitId: string }[];
  /** Assignments dropped because the receiving unit already had the same role on the task. */
  duplicateAssignmentsDropped: string[];
  /** Unsent reports (draft/returned) moved. */
  reports: { id: string; periodId: string; fromUnitId: string; toUnitId: string }[];
  /** Unsent reports left with their unit: the successor already had a report for that period. */
  reportsKept: { id: string; periodId: string; unitId: string }[];
  /** Split: reports created for a part (same period) to receive the items of the tasks it took over. */
  reportsCreated: { id: string; periodId: string; unitId: string; fromReportId: string }[];
  /** Split: report items that followed their task to another part's report (their text and evidence with them). */
  reportItems: { id: string; taskId: string; fromReportId: string; toReportId: string; toUnitId: string }[];
  /** Child units re-parented under the successor (those still in force on the effective date). */
  childUnits: { id: string; name: string; fromParentId: string; toParentId: string }[];
  /** Users' roles moved to the successor. */
  memberships: { id: string; userId: string; role: RoleName; fromUnitId: string; toUnitId: string }[];
  /** Roles removed because the user already held the same role in the successor. */
  duplicateMembershipsDropped: { id: string; userId: string; role: RoleName; unitId: string }[];
  /** Explicit unit groups in which the ceasing unit(s) were replaced by the successor(s). */
  groups: { id: string; name: string; removedUnitIds: string[]; addedUnitIds: string[] }[];
  /**
   * What the successor(s) carry on: distinct open tasks (moved, or already held), unsent reports moved or created,
   * child units re-parented, users' roles (moved, or already held).
   */
  counts: { tasks: number; reports: number; childUnits: number; memberships: number };
}

export interface UnitMergeResultDto {
  /** In a dry run creating a new unit, its id is the requested code, or "" when it would be generated. */
  successor: UnitSummaryDto;
  predecessors: UnitSummaryDto[];
  effectiveOn: string;
  /** True when nothing was written (the request asked for `dryRun`). */
  dryRun: boolean;
  moved: UnitMoveSummaryDto;
}

export interface UnitSplitResultDto {
  unit: UnitSummaryDto;
  parts: UnitSummaryDto[];
  effectiveOn: string;
  moved: UnitMoveSummaryDto;
}

/** GET/POST/PUT /api/v1/unit-groups */
export interface UnitGroupDto extends UnitGroupSummaryDto {
  aliases: string[];
  /** Explicit members ("explicit"/"chosen" rules); empty for rule-based groups. */
  memberIds: string[];
  abilities: { manage: boolean };
}

/** GET /api/v1/unit-groups/:id/preview (and POST /unit-groups/preview): the units the rule resolves to today. */
export interface UnitGroupPreviewDto {
  rule: UnitGroupRuleName;
  ownerUnitId: string | null;
  members: UnitSummaryDto[];
}

/** POST /api/v1/units/import */
export interface DirectoryImportResultDto {
  created: number;
  updated: number;
  unchanged: number;
}

export type { UnitKindName };
