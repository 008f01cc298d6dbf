import { updateUnit as writeUnit } from "../../store/repos/units.js";
import type { Unit, UnitKind } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import {
  assertNoParentCycle,
  assertValidity,
  requireParent,
  snapshotDiff,
  unitSnapshot,
} from "../services/unit-directory.js";
import { dedupe } from "./create-unit.js";

export interface UpdateUnitInput {
  unit: Unit;
  name?: string;
  shortName?: string | null;
  kind?: UnitKind;
  parentId?: string | null;
  aliases?: string[];
  validFrom?: string | null;
  validTo?: string | null;
}

/**
 * Changes a unit's fields. A new parent must exist and must not be the unit itself or one of its descendants (422).
 * Callers authorize "unit.manage" on the unit (and "unit.create" under a new parent) beforehand. Audited with the
 * changed fields only; an update that changes nothing writes no audit row.
 */
export async function updateUnit(ctx: CommandContext, input: UpdateUnitInput): Promise<Unit> {
  const { unit } = input;
  if (input.parentId !== undefined && input.parentId !== null && input.parentId !== unit.parent_id) {
    await requireParent(ctx.tx, input.parentId);
    await assertNoParentCycle(ctx.tx, unit, input.parentId);
  }
  assertValidity(
    input.validFrom !== undefined ? input.validFrom : unit.valid_from,
    input.validTo !== undefined ? input.validTo : unit.valid_to,
  );
  const updated = await writeUnit(
    ctx.tx,
    unit.id,
    {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.shortName !== undefined ? { short_name: input.shortName } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
      ...(input.aliases !== undefined ? { aliases: dedupe(input.aliases) } : {}),
      ...(input.validFrom !== undefined ? { valid_from: input.validFrom } : {}),
      ...(input.validTo !== undefined ? { valid_to: input.validTo } : {}),
    },
    ctx.now.toISOString(),
  );
  if (!updated) throw new Error(`updateUnit: unit ${unit.id} vanished inside the transaction`);
  const diff = snapshotDiff(unitSnapshot(unit), unitSnapshot(updated));
  if (Object.keys(diff.after).length > 0) {
    await recordAudit(ctx, { action: "unit.updated", entityId: unit.id, before: diff.before, after: diff.after });
  }
  return updated;
}
