import {
  addSuccessorToGroups,
  endUnits,
  insertSuccessions,
  isSelfOrDescendant,
  moveOpenAssignments,
  moveUnsentReports,
  transitiveSuccessorIds,
} from "../../store/repos/directory-admin.js";
import { listUnitSuccessions } from "../../store/repos/units.js";
import type { Unit } from "../../store/schema.js";
import type { UnitMoveSummaryDto } from "../api-types-directory.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { unprocessable } from "../services/http-errors.js";
import { unitSnapshot } from "../services/unit-directory.js";
import { type CreateUnitInput, createUnit } from "./create-unit.js";

export interface MergeUnitsInput {
  /** The units that cease (at least one), loaded and authorized by the caller. */
  predecessors: Unit[];
  /** An existing unit that carries them on, or a new one created by the merge. */
  into: { unit: Unit } | { newUnit: CreateUnitInput };
  /** First day of the successor ("YYYY-MM-DD"); the predecessors' `valid_to`. */
  effectiveOn: string;
}

export interface MergeUnitsResult {
  successor: Unit;
  predecessors: Unit[];
  moved: UnitMoveSummaryDto;
}

/** 422 with the reason in Vietnamese: the request is understood but the merge cannot be made. */
const refuse = (message: string) => unprocessable("STATE", message);

/** Checks shared by merge and split: the unit still exists on `effectiveOn` and has not been succeeded already. */
export async function assertStillActive(ctx: CommandContext, unit: Unit, effectiveOn: string): Promise<void> {
  if (unit.valid_to && unit.valid_to <= effectiveOn) {
    throw refuse(`“${unit.name}” đã hết hiệu lực từ ngày ${formatDate(unit.valid_to)}.`);
  }
  if (unit.valid_from && unit.valid_from >= effectiveOn) {
    throw new AppError("VALIDATION", `Ngày hiệu lực phải sau ngày “${unit.name}” bắt đầu hoạt động.`, {
      fields: { effectiveOn: `Phải sau ngày ${formatDate(unit.valid_from)}.` },
    });
  }
  const { successors } = await listUnitSuccessions(ctx.tx, unit.id);
  if (successors.length > 0) throw refuse(`“${unit.name}” đã được sáp nhập hoặc chia tách trước đó.`);
}

export function formatDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/**
 * Merges one or several units into a successor, in the caller's transaction: records the successions, ends the
 * predecessors on `effectiveOn`, moves their open task assignments and unsent reports to the successor with
 * set-based statements, adds the successor to the explicit groups that listed them, and writes one audit event
 * listing what moved. Refuses (422) a merge that would make a cycle: the successor is one of the predecessors, lies
 * below one of them in the tree, or was itself merged into one of them.
 */
export async function mergeUnits(ctx: CommandContext, input: MergeUnitsInput): Promise<MergeUnitsResult> {
  const preds = dedupeUnits(input.predecessors);
  if (preds.length === 0) throw new AppError("VALIDATION", "Chưa chọn đơn vị cần sáp nhập.");
  const { effectiveOn } = input;
  for (const p of preds) await assertStillActive(ctx, p, effectiveOn);

  let successor: Unit;
  let created = false;
  if ("unit" in input.into) {
    successor = input.into.unit;
    const self = preds.find((p) => p.id === successor.id);
    if (self) throw refuse(`Không thể sáp nhập “${self.name}” vào chính nó.`);
    for (const p of preds) {
      if (await isSelfOrDescendant(ctx.tx, p.id, successor.id)) {
        throw refuse(
          `Không thể sáp nhập “${p.name}” vào “${successor.name}”: “${successor.name}” là đơn vị trực thuộc của “${p.name}” (sẽ tạo vòng lặp).`,
        );
      }
    }
    const later = new Set(await transitiveSuccessorIds(ctx.tx, successor.id));
    const loop = preds.find((p) => later.has(p.id));
    if (loop) {
      throw refuse(
        `Không thể sáp nhập “${loop.name}” vào “${successor.name}”: “${successor.name}” trước đây đã được sáp nhập vào “${loop.name}” (sẽ tạo vòng lặp kế thừa).`,
      );
    }
    if (successor.valid_to && successor.valid_to <= effectiveOn) {
      throw refuse(`Đơn vị tiếp nhận “${successor.name}” đã hết hiệu lực từ ngày ${formatDate(successor.valid_to)}.`);
    }
  } else {
    const spec = input.into.newUnit;
    if (spec.parentId) {
      for (const p of preds) {
        if (await isSelfOrDescendant(ctx.tx, p.id, spec.parentId)) {
          throw refuse(`Đơn vị mới không thể trực thuộc “${p.name}” vì đơn vị này sẽ bị sáp nhập.`);
        }
      }
    }
    successor = await createUnit(ctx, { ...spec, validFrom: spec.validFrom ?? effectiveOn });
    created = true;
  }

  const now = ctx.now.toISOString();
  await insertSuccessions(
    ctx.tx,
    preds.map((p) => ({
      predecessor_id: p.id,
      successor_id: successor.id,
      kind: "merge" as const,
      effective_on: effectiveOn,
    })),
    now,
  );
  await endUnits(
    ctx.tx,
    preds.map((p) => p.id),
    effectiveOn,
    now,
  );
  const predIds = preds.map((p) => p.id);
  const assignments = await moveOpenAssignments(ctx.tx, { fromUnitIds: predIds, toUnitId: successor.id });
  const reports = await moveUnsentReports(ctx.tx, { fromUnitIds: predIds, toUnitId: successor.id, now });
  const groupsJoined = await addSuccessorToGroups(ctx.tx, predIds, successor.id);
  const moved: UnitMoveSummaryDto = {
    assignments: assignments.moved,
    duplicateAssignmentsDropped: assignments.dropped,
    reports: reports.moved,
    reportsKept: reports.kept,
  };
  await recordAudit(ctx, {
    action: "unit.merged",
    entityId: successor.id,
    before: { predecessors: preds.map((p) => ({ id: p.id, ...unitSnapshot(p) })) },
    after: {
      successorId: successor.id,
      successorName: successor.name,
      createdSuccessor: created ? unitSnapshot(successor) : null,
      predecessorIds: predIds,
      effectiveOn,
      groupsJoined,
      moved: { ...moved },
    },
  });
  return {
    successor,
    predecessors: preds.map((p) => ({ ...p, valid_to: effectiveOn, updated_at: now })),
    moved,
  };
}

function dedupeUnits(units: readonly Unit[]): Unit[] {
  const seen = new Set<string>();
  return units.filter((u) => !seen.has(u.id) && seen.add(u.id));
}
