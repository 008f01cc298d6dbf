import {
  listUnitGroupMemberIds,
  setUnitGroupMembers,
  type UnitGroup,
  unitGroupAliases,
  updateUnitGroup as writeUnitGroup,
} from "../../store/repos/unit-groups.js";
import type { UnitGroupRule } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { unprocessable } from "../services/http-errors.js";
import { snapshotDiff } from "../services/unit-directory.js";
import { dedupe } from "./create-unit.js";
import { assertGroupOwner, assertMembersExist, RULE_HAS_MEMBERS } from "./create-unit-group.js";

export interface UpdateUnitGroupInput {
  group: UnitGroup;
  name?: string;
  rule?: UnitGroupRule;
  ownerUnitId?: string | null;
  aliases?: string[];
  /** Replaces the explicit member list ("explicit"/"chosen" groups only). */
  memberIds?: string[];
}

function snapshot(g: UnitGroup, memberIds: readonly string[]) {
  return {
    name: g.name,
    rule: g.rule,
    ownerUnitId: g.owner_unit_id,
    aliases: unitGroupAliases(g),
    memberIds: [...memberIds].sort(),
  };
}

/**
 * Changes a group's name, rule, owner, aliases or explicit members. Switching to a rule-based group clears the member
 * list; setting members on a rule-based group is refused (422). Audited with the changed fields only.
 */
export async function updateUnitGroup(ctx: CommandContext, input: UpdateUnitGroupInput): Promise<UnitGroup> {
  const { group } = input;
  const rule = input.rule ?? group.rule;
  const owner = input.ownerUnitId !== undefined ? input.ownerUnitId : group.owner_unit_id;
  if (input.rule !== undefined || input.ownerUnitId !== undefined) await assertGroupOwner(ctx.tx, rule, owner);
  if (input.memberIds !== undefined && !RULE_HAS_MEMBERS[rule]) {
    throw unprocessable("STATE", `Nhóm “${group.name}” xác định thành viên theo quy tắc, không có danh sách cố định.`);
  }
  const beforeMembers = await listUnitGroupMemberIds(ctx.tx, group.id);
  const updated = await writeUnitGroup(
    ctx.tx,
    group.id,
    {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.rule !== undefined ? { rule: input.rule } : {}),
      ...(input.ownerUnitId !== undefined ? { owner_unit_id: input.ownerUnitId } : {}),
      ...(input.aliases !== undefined ? { aliases: dedupe(input.aliases) } : {}),
    },
    ctx.now.toISOString(),
  );
  if (!updated) throw new Error(`updateUnitGroup: group ${group.id} vanished inside the transaction`);
  let afterMembers = beforeMembers;
  if (input.memberIds !== undefined) {
    await assertMembersExist(ctx.tx, input.memberIds);
    afterMembers = [...new Set(input.memberIds)];
    await setUnitGroupMembers(ctx.tx, group.id, afterMembers);
  } else if (!RULE_HAS_MEMBERS[rule] && beforeMembers.length) {
    afterMembers = [];
    await setUnitGroupMembers(ctx.tx, group.id, []);
  }
  const diff = snapshotDiff(snapshot(group, beforeMembers), snapshot(updated, afterMembers));
  if (Object.keys(diff.after).length) {
    await recordAudit(ctx, {
      action: "unit_group.updated",
      entityId: group.id,
      before: diff.before,
      after: diff.after,
    });
  }
  return updated;
}
