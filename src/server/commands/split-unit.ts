import {
  endUnits,
  insertSuccessions,
  isSelfOrDescendant,
  memberUserIdsOf,
  moveMemberships,
  moveOpenAssignments,
  openTaskIdsOf,
  replaceInGroups,
  splitUnsentReports,
} from "../../store/repos/directory-admin.js";
import type { Unit } from "../../store/schema.js";
import type { UnitMoveSummaryDto } from "../api-types-directory.js";
import { recordAudit } from "../audit.js";
import { actorUserId, type CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { unprocessable } from "../services/http-errors.js";
import { unitSnapshot } from "../services/unit-directory.js";
import { type CreateUnitInput, createUnit } from "./create-unit.js";
import { assertStillActive, emptyMoveSummary, withCounts } from "./merge-units.js";

export interface SplitUnitInput {
  unit: Unit;
  /** The new units (at least two); a part without parent goes under the split unit's parent. */
  parts: CreateUnitInput[];
  effectiveOn: string;
  /**
   * Index in `parts` of the unit receiving the open tasks not listed in `tasks`, and the unsent reports with their
   * own text and the items of those tasks.
   */
  defaultPart: number;
  /** Open task id → index in `parts`; the task's items in the unsent reports go with it. */
  tasks?: Record<string, number>;
  /** User id → index in `parts` receiving that user's roles in the unit; the others stay on the old unit. */
  members?: Record<string, number>;
}

export interface SplitUnitResult {
  unit: Unit;
  parts: Unit[];
  moved: UnitMoveSummaryDto;
}

/**
 * Splits a unit into new units, in the caller's transaction: creates the parts (valid from `effectiveOn`), records
 * the successions, ends the unit, and with set-based statements moves its open task assignments (per task as chosen,
 * the rest to the default part), shares its unsent reports (each item follows its task: a part taking tasks gets its
 * own report for the period with their items; the report, its own text and the other items go to the default part),
 * moves the users' roles the request maps (the others stay on the old unit), and replaces the unit by the parts in
 * explicit unit groups. Writes one `unit.split` audit event.
 */
export async function splitUnit(ctx: CommandContext, input: SplitUnitInput): Promise<SplitUnitResult> {
  const { unit, effectiveOn } = input;
  if (input.parts.length < 2) {
    throw new AppError("VALIDATION", "Chia tách cần ít nhất hai đơn vị mới.", {
      fields: { parts: "Cần ít nhất hai đơn vị mới." },
    });
  }
  const inRange = (i: number) => Number.isInteger(i) && i >= 0 && i < input.parts.length;
  if (!inRange(input.defaultPart)) {
    throw new AppError("VALIDATION", "Chưa chọn đơn vị tiếp nhận mặc định.", {
      fields: { "assignTo.default": "Phải là một trong các đơn vị mới." },
    });
  }
  await assertStillActive(ctx, unit, effectiveOn);
  const taskMap = input.tasks ?? {};
  if (Object.keys(taskMap).length > 0) {
    const open = new Set(await openTaskIdsOf(ctx.tx, unit.id));
    const fields: Record<string, string> = {};
    for (const [taskId, part] of Object.entries(taskMap)) {
      if (!open.has(taskId)) fields[`assignTo.tasks.${taskId}`] = "Nhiệm vụ không thuộc đơn vị hoặc đã hoàn thành.";
      else if (!inRange(part)) fields[`assignTo.tasks.${taskId}`] = "Phải là một trong các đơn vị mới.";
    }
    if (Object.keys(fields).length) {
      throw new AppError("VALIDATION", "Phân công nhiệm vụ cho các đơn vị mới không hợp lệ.", { fields });
    }
  }
  const memberMap = input.members ?? {};
  if (Object.keys(memberMap).length > 0) {
    const members = new Set(await memberUserIdsOf(ctx.tx, unit.id));
    const fields: Record<string, string> = {};
    for (const [userId, part] of Object.entries(memberMap)) {
      if (!members.has(userId)) fields[`assignTo.members.${userId}`] = "Người dùng không có vai trò tại đơn vị này.";
      else if (!inRange(part)) fields[`assignTo.members.${userId}`] = "Phải là một trong các đơn vị mới.";
    }
    if (Object.keys(fields).length) {
      throw new AppError("VALIDATION", "Phân công người dùng cho các đơn vị mới không hợp lệ.", { fields });
    }
  }
  for (const [i, p] of input.parts.entries()) {
    if (p.parentId && (await isSelfOrDescendant(ctx.tx, unit.id, p.parentId))) {
      throw unprocessable(
        "STATE",
        `Đơn vị mới “${p.name}” không thể trực thuộc “${unit.name}” vì đơn vị này sẽ bị chia tách.`,
        { fields: { [`parts.${i}.parentId`]: "Không được trực thuộc đơn vị bị chia tách." } },
      );
    }
  }

  const parts: Unit[] = [];
  for (const p of input.parts) {
    parts.push(
      await createUnit(ctx, {
        ...p,
        parentId: p.parentId !== undefined ? p.parentId : unit.parent_id,
        validFrom: p.validFrom ?? effectiveOn,
      }),
    );
  }
  const now = ctx.now.toISOString();
  await insertSuccessions(
    ctx.tx,
    parts.map((p) => ({
      predecessor_id: unit.id,
      successor_id: p.id,
      kind: "split" as const,
      effective_on: effectiveOn,
    })),
    now,
  );
  await endUnits(ctx.tx, [unit.id], effectiveOn, now);

  const moved: UnitMoveSummaryDto = emptyMoveSummary();
  const taskIds: string[] = [];
  // Chosen tasks first, one set-based move per receiving part; then everything still open goes to the default part.
  const byPart = new Map<number, string[]>();
  for (const [taskId, part] of Object.entries(taskMap)) byPart.set(part, [...(byPart.get(part) ?? []), taskId]);
  for (const [part, ids] of byPart) {
    const r = await moveOpenAssignments(ctx.tx, { fromUnitIds: [unit.id], toUnitId: parts[part]!.id, taskIds: ids });
    moved.assignments.push(...r.moved);
    moved.duplicateAssignmentsDropped.push(...r.dropped);
    taskIds.push(...r.moved.map((a) => a.taskId), ...r.droppedTaskIds);
  }
  const defaultUnit = parts[input.defaultPart]!;
  const rest = await moveOpenAssignments(ctx.tx, { fromUnitIds: [unit.id], toUnitId: defaultUnit.id });
  moved.assignments.push(...rest.moved);
  moved.duplicateAssignmentsDropped.push(...rest.dropped);
  taskIds.push(...rest.moved.map((a) => a.taskId), ...rest.droppedTaskIds);

  const reports = await splitUnsentReports(ctx.tx, {
    unitId: unit.id,
    defaultUnitId: defaultUnit.id,
    unitOfTask: new Map(Object.entries(taskMap).map(([taskId, part]) => [taskId, parts[part]!.id])),
    now,
    by: actorUserId(ctx.actor),
  });
  moved.reports.push(...reports.moved);
  moved.reportsKept.push(...reports.kept);
  moved.reportsCreated.push(...reports.created);
  moved.reportItems.push(...reports.items);

  const usersByPart = new Map<number, string[]>();
  for (const [userId, part] of Object.entries(memberMap)) {
    usersByPart.set(part, [...(usersByPart.get(part) ?? []), userId]);
  }
  for (const [part, userIds] of usersByPart) {
    const r = await moveMemberships(ctx.tx, { fromUnitIds: [unit.id], toUnitId: parts[part]!.id, userIds });
    moved.memberships.push(...r.moved);
    moved.duplicateMembershipsDropped.push(...r.dropped);
  }
  moved.groups.push(
    ...(await replaceInGroups(ctx.tx, {
      fromUnitIds: [unit.id],
      toUnitIds: parts.map((p) => p.id),
    })),
  );
  const summary = withCounts(moved, taskIds);

  await recordAudit(ctx, {
    action: "unit.split",
    entityId: unit.id,
    before: unitSnapshot(unit),
    after: {
      partIds: parts.map((p) => p.id),
      parts: parts.map((p) => ({ id: p.id, name: p.name })),
      defaultPartId: defaultUnit.id,
      effectiveOn,
      groupsJoined: summary.groups.length,
      counts: summary.counts,
      moved: { ...summary },
    },
  });
  return { unit: { ...unit, valid_to: effectiveOn, updated_at: now }, parts, moved: summary };
}
