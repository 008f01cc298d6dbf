import { getUnit, createUnit as insertUnit } from "../../store/repos/units.js";
import type { Unit, UnitKind } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { assertValidity, requireParent, unitSnapshot } from "../services/unit-directory.js";

export interface CreateUnitInput {
  /** The directory code (Mã); generated when absent. */
  id?: string;
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  parentId?: string | null;
  aliases?: string[];
  validFrom?: string | null;
  validTo?: string | null;
}

/** Adds a unit to the directory. Callers authorize ("unit.create" under the parent) beforehand. */
export async function createUnit(ctx: CommandContext, input: CreateUnitInput): Promise<Unit> {
  if (input.id && (await getUnit(ctx.tx, input.id))) {
    throw new AppError("CONFLICT", `Mã đơn vị “${input.id}” đã được sử dụng.`, {
      fields: { id: "Mã đơn vị đã được sử dụng." },
    });
  }
  if (input.parentId) await requireParent(ctx.tx, input.parentId);
  assertValidity(input.validFrom, input.validTo);
  const unit = await insertUnit(
    ctx.tx,
    {
      ...(input.id ? { id: input.id } : {}),
      name: input.name,
      short_name: input.shortName ?? null,
      kind: input.kind,
      parent_id: input.parentId ?? null,
      aliases: dedupe(input.aliases ?? []),
      valid_from: input.validFrom ?? null,
      valid_to: input.validTo ?? null,
    },
    ctx.now.toISOString(),
  );
  await recordAudit(ctx, { action: "unit.created", entityId: unit.id, after: unitSnapshot(unit) });
  return unit;
}

/** Trimmed, non-empty, first occurrence kept. */
export function dedupe(aliases: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of aliases.map((x) => x.trim())) if (a && !out.includes(a)) out.push(a);
  return out;
}
