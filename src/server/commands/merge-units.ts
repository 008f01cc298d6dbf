import {
  endUnits,
  insertSuccessions,
  isSelfOrDescendant,
  moveChildUnits,
  moveMemberships,
  moveOpenAssignments,
  moveUnsentReports,
  replaceInGroups,
  transitiveSuccessorIds,
} from "../../store/repos/directory-admin.js";
import { getUnit, listAncestorUnits, listUnitSuccessions } from "../../store/repos/units.js";
import type { Unit } from "../../store/schema.js";
import type { UnitMoveSummaryDto } from "../api-types-directory.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { unprocessable } from "../services/http-errors.js";
import { assertValidity, requireParent, unitSnapshot } from "../services/unit-directory.js";
import { type CreateUnitInput, createUnit } from "./create-unit.js";

export interface MergeUnitsInput {
  /** The units that cease (at least one), loaded and authorized by the caller. */
  predecessors: Unit[];
  /** An existing unit that carries them on, or a new one created by the merge. */
  into: { unit: Unit } | { newUnit: CreateUnitInput };
  /** First day of the successor ("YYYY-MM-DD"); the predecessors' `valid_to`. */
  effectiveOn: string;
  /** Check everything and say what would move, writing nothing. */
  dryRun?: boolean;
}

export interface MergeUnitsResult {
  /** In a dry run creating a new unit, an unsaved row (id: the requested code, or ""). */
  successor: Unit;
  predecessors: Unit[];
  moved: UnitMoveSummaryDto;
  dryRun: boolean;
}

/** A move summary with nothing moved yet. */
export function emptyMoveSummary(): UnitMoveSummaryDto {
  return {
    assignments: [],
    duplicateAssignmentsDropped: [],
    reports: [],
    reportsKept: [],
    reportsCreated: [],
    reportItems: [],
    childUnits: [],
    memberships: [],
    duplicateMembershipsDropped: [],
    groups: [],
    counts: { tasks: 0, reports: 0, childUnits: 0, memberships: 0 },
  };
}

/** Fills `counts` from the lists (`taskIds`: every open task the successors now carry, moved or already held). */
export function withCounts(moved: UnitMoveSummaryDto, taskIds: Iterable<string>): UnitMoveSummaryDto {
  return {
    ...moved,
    counts: {
      tasks: new Set(taskIds).size,
      reports: moved.reports.length + moved.reportsCreated.length,
      childUnits: moved.childUnits.length,
      memberships: moved.memberships.length + moved.duplicateMembershipsDropped.length,
    },
  };
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
 * predecessors on `effectiveOn`, and moves to the successor, with set-based statements: their open task assignments,
 * unsent reports, child units still in force (re-parented), users' roles (a role the user already holds there is
 * dropped, not duplicated; not when the successor lies above the unit, see below), and their places in explicit unit
 * groups (replaced by the successor). Writes one
 * `unit.merged` audit event listing what moved. Refuses (422) a merge that would make a cycle: the successor is one
 * of the predecessors, lies below one of them in the tree (so re-parenting their children under it would loop), or
 * was itself merged into one of them. With `dryRun` it checks the same and returns what would move, writing nothing.
 */
export async function mergeUnits(ctx: CommandContext, input: MergeUnitsInput): Promise<MergeUnitsResult> {
  const preds = dedupeUnits(input.predecessors);
  if (preds.length === 0) throw new AppError("VALIDATION", "Chưa chọn đơn vị cần sáp nhập.");
  const { effectiveOn } = input;
  const dryRun = input.dryRun === true;
  for (const p of preds) await assertStillActive(ctx, p, effectiveOn);

  let successor: Unit;
  let created = false;
  /** The successor and the units above it: none of the predecessors (nor their children) may be among them. */
  let above: Set<string>;
  if ("unit" in input.into) {
    successor = input.into.unit;
    const self = preds.find((p) => p.id === successor.id);
    if (self) throw refuse(`Không thể sáp nhập “${self.name}” vào chính nó.`);
    above = new Set([successor.id, ...(await listAncestorUnits(ctx.tx, successor.id)).map((a) => a.id)]);
    const below = preds.find((p) => above.has(p.id));
    if (below) {
      throw refuse(
        `Không thể sáp nhập “${below.name}” vào “${successor.name}”: “${successor.name}” là đơn vị trực thuộc của “${below.name}” (sẽ tạo vòng lặp).`,
      );
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
    above = new Set(
      spec.parentId ? [spec.parentId, ...(await listAncestorUnits(ctx.tx, spec.parentId)).map((a) => a.id)] : [],
    );
    const under = preds.find((p) => above.has(p.id));
    if (under) throw refuse(`Đơn vị mới không thể trực thuộc “${under.name}” vì đơn vị này sẽ bị sáp nhập.`);
    const newUnit = { ...spec, validFrom: spec.validFrom ?? effectiveOn };
    if (dryRun) {
      successor = await unsavedUnit(ctx, newUnit);
    } else {
      successor = await createUnit(ctx, newUnit);
      created = true;
    }
  }

  const now = ctx.now.toISOString();
  const predIds = preds.map((p) => p.id);
  const children = await moveChildUnits(ctx.tx, {
    fromUnitIds: predIds,
    toUnitId: successor.id,
    activeOn: effectiveOn,
    now,
    dryRun: true,
  });
  // Implied by the checks above (a child above the successor means the successor is below a predecessor); kept so
  // the tree can never be made to loop whatever those checks become.
  const loopChild = children.find((c) => above.has(c.id));
  if (loopChild) {
    throw refuse(
      `Không thể chuyển “${loopChild.name}” sang trực thuộc “${successor.name}”: “${successor.name}” thuộc “${loopChild.name}” (sẽ tạo vòng lặp).`,
    );
  }
  if (!dryRun) {
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
    await endUnits(ctx.tx, predIds, effectiveOn, now);
    await moveChildUnits(ctx.tx, {
      fromUnitIds: predIds,
      toUnitId: successor.id,
      activeOn: effectiveOn,
      now,
      unitIds: children.map((c) => c.id),
    });
  }
  const to = { fromUnitIds: predIds, toUnitId: successor.id, dryRun };
  const assignments = await moveOpenAssignments(ctx.tx, to);
  const reports = await moveUnsentReports(ctx.tx, { ...to, now });
  // Users' roles follow a merge sideways or into a new unit, never up the tree: a role in a unit below the successor
  // would then cover the successor's whole subtree (merging a commune into its district would make the commune's
  // administrator the district's), a grant a directory editor cannot make. Those roles stay on the ended unit.
  const rolesKept: string[] = [];
  if ("unit" in input.into) {
    for (const p of preds) if (await isSelfOrDescendant(ctx.tx, successor.id, p.id)) rolesKept.push(p.id);
  }
  const memberships = await moveMemberships(ctx.tx, {
    ...to,
    fromUnitIds: predIds.filter((id) => !rolesKept.includes(id)),
  });
  const groups = await replaceInGroups(ctx.tx, { fromUnitIds: predIds, toUnitIds: [successor.id], dryRun });
  const moved = withCounts(
    {
      ...emptyMoveSummary(),
      assignments: assignments.moved,
      duplicateAssignmentsDropped: assignments.dropped,
      reports: reports.moved,
      reportsKept: reports.kept,
      childUnits: children,
      memberships: memberships.moved,
      duplicateMembershipsDropped: memberships.dropped,
      groups,
    },
    [...assignments.moved.map((a) => a.taskId), ...assignments.droppedTaskIds],
  );
  if (dryRun) return { successor, predecessors: preds, moved, dryRun };

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
      groupsJoined: groups.length,
      counts: moved.counts,
      moved: { ...moved },
      ...(rolesKept.length ? { membershipsKeptUnitIds: rolesKept } : {}),
    },
  });
  return {
    successor,
    predecessors: preds.map((p) => ({ ...p, valid_to: effectiveOn, updated_at: now })),
    moved,
    dryRun,
  };
}

/** The row a merge would create (dry run): checked like `createUnit` checks it, not saved. */
async function unsavedUnit(ctx: CommandContext, spec: CreateUnitInput): Promise<Unit> {
  if (spec.id && (await getUnit(ctx.tx, spec.id))) {
    throw new AppError("CONFLICT", `Mã đơn vị “${spec.id}” đã được sử dụng.`, {
      fields: { id: "Mã đơn vị đã được sử dụng." },
    });
  }
  if (spec.parentId) await requireParent(ctx.tx, spec.parentId);
  assertValidity(spec.validFrom, spec.validTo);
  const now = ctx.now.toISOString();
  return {
    id: spec.id ?? "",
    name: spec.name,
    short_name: spec.shortName ?? null,
    kind: spec.kind,
    parent_id: spec.parentId ?? null,
    aliases: JSON.stringify(spec.aliases ?? []),
    search_key: "",
    valid_from: spec.validFrom ?? null,
    valid_to: spec.validTo ?? null,
    created_at: now,
    updated_at: now,
  };
}

function dedupeUnits(units: readonly Unit[]): Unit[] {
  const seen = new Set<string>();
  return units.filter((u) => !seen.has(u.id) && seen.add(u.id));
}
