import {
  addSuccessorToGroups,
  endUnits,
  insertSuccessions,
  isSelfOrDescendant,
  moveOpenAssignments,
  moveUnsentReports,
  openTaskIdsOf,
} from "../../store/repos/directory-admin.js";
import type { Unit } from "../../store/schema.js";
import type { UnitMoveSummaryDto } from "../api-types-directory.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { unprocessable } from "../services/http-errors.js";
import { unitSnapshot } from "../services/unit-directory.js";
import { type CreateUnitInput, createUnit } from "./create-unit.js";
import { assertStillActive } from "./merge-units.js";

export interface SplitUnitInput {
  unit: Unit;
  /** The new units (at least two); a part without parent goes under the split unit's parent. */
  parts: CreateUnitInput[];
  effectiveOn: string;
  /** Index in `parts` of the unit receiving the open tasks not listed in `tasks`, and the unsent reports. */
  defaultPart: number;
  /** Open task id → index in `parts`. */
  tasks?: Record<string, number>;
}

export interface SplitUnitResult {
  unit: Unit;
  parts: Unit[];
  moved: UnitMoveSummaryDto;
}

/**
 * Splits a unit into new units, in the caller's transaction: creates the parts (valid from `effectiveOn`), records
 * the successions, ends the unit, moves its open task assignments (per task as chosen, the rest to the default part)
 * and its unsent reports (to the default part) with set-based statements, and writes one `unit.split` audit event.
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

  const moved: UnitMoveSummaryDto = { assignments: [], duplicateAssignmentsDropped: [], reports: [], reportsKept: [] };
  // Chosen tasks first, one set-based move per receiving part; then everything still open goes to the default part.
  const byPart = new Map<number, string[]>();
  for (const [taskId, part] of Object.entries(taskMap)) byPart.set(part, [...(byPart.get(part) ?? []), taskId]);
  for (const [part, taskIds] of byPart) {
    const r = await moveOpenAssignments(ctx.tx, { fromUnitIds: [unit.id], toUnitId: parts[part]!.id, taskIds });
    moved.assignments.push(...r.moved);
    moved.duplicateAssignmentsDropped.push(...r.dropped);
  }
  const defaultUnit = parts[input.defaultPart]!;
  const rest = await moveOpenAssignments(ctx.tx, { fromUnitIds: [unit.id], toUnitId: defaultUnit.id });
  moved.assignments.push(...rest.moved);
  moved.duplicateAssignmentsDropped.push(...rest.dropped);
  const reports = await moveUnsentReports(ctx.tx, { fromUnitIds: [unit.id], toUnitId: defaultUnit.id, now });
  moved.reports.push(...reports.moved);
  moved.reportsKept.push(...reports.kept);
  let groupsJoined = 0;
  for (const p of parts) groupsJoined += await addSuccessorToGroups(ctx.tx, [unit.id], p.id);

  await recordAudit(ctx, {
    action: "unit.split",
    entityId: unit.id,
    before: unitSnapshot(unit),
    after: {
      partIds: parts.map((p) => p.id),
      parts: parts.map((p) => ({ id: p.id, name: p.name })),
      defaultPartId: defaultUnit.id,
      effectiveOn,
      groupsJoined,
      moved: { ...moved },
    },
  });
  return { unit: { ...unit, valid_to: effectiveOn, updated_at: now }, parts, moved };
}
