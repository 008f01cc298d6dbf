import type { SuccessionWithUnit, UnitWorkCounts } from "../../store/repos/directory-admin.js";
import { type UnitGroup, unitGroupAliases } from "../../store/repos/unit-groups.js";
import { type UnitTreeRow, unitAliases } from "../../store/repos/units.js";
import type { Unit } from "../../store/schema.js";
import type { UnitDto, UnitSummaryDto } from "../api-types.js";
import type {
  UnitDetailDto,
  UnitGroupDto,
  UnitGroupSummaryDto,
  UnitSuccessionDto,
  UnitTreeDto,
} from "../api-types-directory.js";

export function presentUnitSummary(u: Unit): UnitSummaryDto {
  return { id: u.id, name: u.name, shortName: u.short_name, kind: u.kind, parentId: u.parent_id };
}

export function presentUnit(
  u: Unit,
  opts: { ancestors: readonly Unit[]; children: readonly Unit[]; abilities: UnitDto["abilities"] },
): UnitDto {
  return {
    ...presentUnitSummary(u),
    aliases: unitAliases(u),
    validFrom: u.valid_from,
    validTo: u.valid_to,
    ancestors: opts.ancestors.map(presentUnitSummary),
    children: opts.children.map(presentUnitSummary),
    abilities: opts.abilities,
  };
}

export function presentSuccession(s: SuccessionWithUnit): UnitSuccessionDto {
  return { kind: s.kind, effectiveOn: s.effective_on, unit: presentUnitSummary(s.unit) };
}

export function presentUnitGroupSummary(g: UnitGroup): UnitGroupSummaryDto {
  return { id: g.id, name: g.name, rule: g.rule, ownerUnitId: g.owner_unit_id };
}

export function presentUnitGroup(g: UnitGroup, opts: { memberIds: string[]; abilities: UnitGroupDto["abilities"] }) {
  const dto: UnitGroupDto = {
    ...presentUnitGroupSummary(g),
    aliases: unitGroupAliases(g),
    memberIds: opts.memberIds,
    abilities: opts.abilities,
  };
  return dto;
}

export function presentUnitDetail(
  u: Unit,
  opts: {
    ancestors: readonly Unit[];
    children: readonly Unit[];
    successions: { predecessors: readonly SuccessionWithUnit[]; successors: readonly SuccessionWithUnit[] };
    groups: readonly UnitGroup[];
    ownedGroups: readonly UnitGroup[];
    counts: UnitWorkCounts;
    abilities: UnitDetailDto["abilities"];
  },
): UnitDetailDto {
  return {
    ...presentUnit(u, { ancestors: opts.ancestors, children: opts.children, abilities: opts.abilities }),
    predecessors: opts.successions.predecessors.map(presentSuccession),
    successors: opts.successions.successors.map(presentSuccession),
    groups: opts.groups.map(presentUnitGroupSummary),
    ownedGroups: opts.ownedGroups.map(presentUnitGroupSummary),
    counts: { ...opts.counts },
    abilities: opts.abilities,
  };
}

export function presentUnitTree(rows: readonly UnitTreeRow[], canCreate: boolean): UnitTreeDto {
  return {
    nodes: rows.map((r) => ({
      ...presentUnitSummary(r),
      depth: r.depth,
      childCount: r.child_count,
      validFrom: r.valid_from,
      validTo: r.valid_to,
    })),
    canCreate,
  };
}
