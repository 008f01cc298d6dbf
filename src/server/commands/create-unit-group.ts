import type { Executor } from "../../store/db.js";
import { createUnitGroup as insertUnitGroup, type UnitGroup } from "../../store/repos/unit-groups.js";
import { getUnit, getUnits } from "../../store/repos/units.js";
import type { UnitGroupRule } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { dedupe } from "./create-unit.js";

export interface CreateUnitGroupInput {
  name: string;
  rule: UnitGroupRule;
  ownerUnitId?: string | null;
  aliases?: string[];
  memberIds?: string[];
}

export const RULE_NEEDS_OWNER: Readonly<Record<UnitGroupRule, boolean>> = {
  communes_under: true,
  offices_of: true,
  explicit: false,
  chosen: false,
};

export const RULE_HAS_MEMBERS: Readonly<Record<UnitGroupRule, boolean>> = {
  communes_under: false,
  offices_of: false,
  explicit: true,
  chosen: true,
};

/** 400 when the rule needs an owner and has none, or the owner is unknown. */
export async function assertGroupOwner(db: Executor, rule: UnitGroupRule, ownerUnitId: string | null | undefined) {
  if (RULE_NEEDS_OWNER[rule] && !ownerUnitId) {
    throw new AppError("VALIDATION", "Nhóm theo quy tắc cần đơn vị chủ quản.", {
      fields: { ownerUnitId: "Bắt buộc chọn đơn vị chủ quản cho quy tắc này." },
    });
  }
  if (ownerUnitId && !(await getUnit(db, ownerUnitId))) {
    throw new AppError("VALIDATION", "Không tìm thấy đơn vị chủ quản.", {
      fields: { ownerUnitId: "Không tìm thấy đơn vị." },
    });
  }
}

/** 400 listing the member ids that are not units. */
export async function assertMembersExist(db: Executor, memberIds: readonly string[]) {
  const found = new Set((await getUnits(db, memberIds)).map((u) => u.id));
  const missing = [...new Set(memberIds)].filter((id) => !found.has(id));
  if (missing.length) {
    throw new AppError("VALIDATION", `Không tìm thấy ${missing.length} đơn vị thành viên.`, {
      fields: { memberIds: `Không tìm thấy đơn vị: ${missing.slice(0, 10).join(", ")}.` },
    });
  }
}

/** Adds a unit group. Callers authorize "unit_group.manage" on the owner beforehand. */
export async function createUnitGroup(ctx: CommandContext, input: CreateUnitGroupInput): Promise<UnitGroup> {
  await assertGroupOwner(ctx.tx, input.rule, input.ownerUnitId);
  const memberIds = RULE_HAS_MEMBERS[input.rule] ? [...new Set(input.memberIds ?? [])] : [];
  if (!RULE_HAS_MEMBERS[input.rule] && input.memberIds?.length) {
    throw new AppError("VALIDATION", "Nhóm theo quy tắc không có danh sách thành viên cố định.", {
      fields: { memberIds: "Chỉ nhóm “danh sách” hoặc “chọn khi duyệt” có thành viên cố định." },
    });
  }
  await assertMembersExist(ctx.tx, memberIds);
  const group = await insertUnitGroup(
    ctx.tx,
    {
      name: input.name,
      rule: input.rule,
      owner_unit_id: input.ownerUnitId ?? null,
      aliases: dedupe(input.aliases ?? []),
      member_ids: memberIds,
    },
    ctx.now.toISOString(),
  );
  await recordAudit(ctx, {
    action: "unit_group.created",
    entityId: group.id,
    after: {
      name: group.name,
      rule: group.rule,
      ownerUnitId: group.owner_unit_id,
      aliases: dedupe(input.aliases ?? []),
      memberIds,
    },
  });
  return group;
}
