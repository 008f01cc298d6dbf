/**
 * Loads a unit directory (units and unit groups with fixed ids) into the database, creating what is missing and
 * updating what differs. Running it again with the same input changes nothing and writes no audit row.
 */
import {
  createUnitGroup,
  getUnitGroup,
  listUnitGroupMemberIds,
  setUnitGroupMembers,
  unitGroupAliases,
  updateUnitGroup,
} from "../../store/repos/unit-groups.js";
import { createUnits, getUnits, unitAliases, updateUnit } from "../../store/repos/units.js";
import type { UnitGroupRule, UnitKind } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";

export interface DirectoryUnit {
  id: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentId: string | null;
  aliases: string[];
}

export interface DirectoryGroup {
  id: string;
  name: string;
  ownerUnitId: string;
  rule: UnitGroupRule;
  aliases: string[];
  memberIds: string[];
}

export interface SeedDirectoryResult {
  unitsCreated: number;
  unitsUpdated: number;
  groupsCreated: number;
  groupsUpdated: number;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** `units` must list parents before their children. */
export async function seedDirectory(
  ctx: CommandContext,
  input: { units: readonly DirectoryUnit[]; groups: readonly DirectoryGroup[] },
): Promise<SeedDirectoryResult> {
  const now = ctx.now.toISOString();
  const existing = new Map(
    (
      await getUnits(
        ctx.tx,
        input.units.map((u) => u.id),
      )
    ).map((u) => [u.id, u]),
  );
  const toCreate: DirectoryUnit[] = [];
  let unitsUpdated = 0;
  for (const u of input.units) {
    const cur = existing.get(u.id);
    if (!cur) {
      toCreate.push(u);
      continue;
    }
    const differs =
      cur.name !== u.name ||
      cur.short_name !== u.shortName ||
      cur.kind !== u.kind ||
      cur.parent_id !== u.parentId ||
      !sameList(unitAliases(cur), u.aliases);
    if (differs) {
      await updateUnit(
        ctx.tx,
        u.id,
        { name: u.name, short_name: u.shortName, kind: u.kind, parent_id: u.parentId, aliases: u.aliases },
        now,
      );
      unitsUpdated++;
    }
  }
  await createUnits(
    ctx.tx,
    toCreate.map((u) => ({
      id: u.id,
      name: u.name,
      short_name: u.shortName,
      kind: u.kind,
      parent_id: u.parentId,
      aliases: u.aliases,
    })),
    now,
  );

  let groupsCreated = 0;
  let groupsUpdated = 0;
  for (const g of input.groups) {
    const cur = await getUnitGroup(ctx.tx, g.id);
    if (!cur) {
      await createUnitGroup(
        ctx.tx,
        {
          id: g.id,
          name: g.name,
          owner_unit_id: g.ownerUnitId,
          rule: g.rule,
          aliases: g.aliases,
          member_ids: g.memberIds,
        },
        now,
      );
      groupsCreated++;
      continue;
    }
    let changed = false;
    if (
      cur.name !== g.name ||
      cur.rule !== g.rule ||
      cur.owner_unit_id !== g.ownerUnitId ||
      !sameList(unitGroupAliases(cur), g.aliases)
    ) {
      await updateUnitGroup(
        ctx.tx,
        g.id,
        { name: g.name, rule: g.rule, owner_unit_id: g.ownerUnitId, aliases: g.aliases },
        now,
      );
      changed = true;
    }
    const members = (await listUnitGroupMemberIds(ctx.tx, g.id)).sort();
    if (!sameList(members, [...g.memberIds].sort())) {
      await setUnitGroupMembers(ctx.tx, g.id, g.memberIds);
      changed = true;
    }
    if (changed) groupsUpdated++;
  }

  const result = { unitsCreated: toCreate.length, unitsUpdated, groupsCreated, groupsUpdated };
  if (result.unitsCreated + result.unitsUpdated + result.groupsCreated + result.groupsUpdated > 0) {
    await recordAudit(ctx, {
      action: "directory.seeded",
      entityId: null,
      after: { units: result.unitsCreated + result.unitsUpdated, groups: result.groupsCreated + result.groupsUpdated },
    });
  }
  return result;
}
