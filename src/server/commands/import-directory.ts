import { allUnitParents } from "../../store/repos/directory-admin.js";
import { createUnits, getUnits, unitAliases, updateUnit } from "../../store/repos/units.js";
import type { Unit } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { can } from "../policies/index.js";
import { DirectoryFileError, type DirectoryRow } from "../services/directory-file.js";
import { dedupe } from "./create-unit.js";

export interface ImportDirectoryInput {
  rows: readonly DirectoryRow[];
  fileName: string;
}

export interface ImportDirectoryResult {
  created: number;
  updated: number;
  unchanged: number;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function differs(cur: Unit, r: DirectoryRow): boolean {
  return (
    cur.name !== r.name ||
    cur.short_name !== r.shortName ||
    cur.kind !== r.kind ||
    cur.parent_id !== r.parentId ||
    cur.valid_from !== r.validFrom ||
    cur.valid_to !== r.validTo ||
    // The file cannot carry a repeated alias; a repeated alias in the directory is no difference.
    !sameList(dedupe(unitAliases(cur)), r.aliases)
  );
}

/**
 * Applies a validated directory file, all or nothing (the caller's transaction): upsert by Mã (the unit id). Refuses
 * the whole file (DirectoryFileError, one "Dòng N: …" per problem) when a parent is unknown or the tree would get a
 * cycle, and (403) when a row lies outside the actor's part of the directory. One `directory.imported` audit event
 * with the counts.
 */
export async function importDirectory(
  ctx: CommandContext,
  input: ImportDirectoryInput,
): Promise<ImportDirectoryResult> {
  const { rows } = input;
  const inFile = new Map(rows.map((r) => [r.id, r]));
  const parents = await allUnitParents(ctx.tx);
  const problems: string[] = [];
  for (const r of rows) {
    if (r.parentId && !inFile.has(r.parentId) && !parents.has(r.parentId)) {
      problems.push(`Dòng ${r.line}: Không tìm thấy đơn vị cha “${r.parentId}”.`);
    }
  }
  if (problems.length) throw new DirectoryFileError(problems);

  const parentAfter = (id: string): string | null =>
    inFile.has(id) ? (inFile.get(id)!.parentId ?? null) : (parents.get(id) ?? null);
  /** The unit then its ancestors; null when following parents loops. */
  const pathOf = (id: string, parentOf: (id: string) => string | null): string[] | null => {
    const path = [id];
    for (let cur = parentOf(id); cur !== null; cur = parentOf(cur)) {
      if (path.includes(cur)) return null;
      path.push(cur);
    }
    return path;
  };
  const pathsAfter = new Map<string, string[]>();
  for (const r of rows) {
    const path = pathOf(r.id, parentAfter);
    if (!path) problems.push(`Dòng ${r.line}: Đơn vị cha “${r.parentId}” tạo vòng lặp trong cây đơn vị.`);
    else pathsAfter.set(r.id, path);
  }
  if (problems.length) throw new DirectoryFileError(problems);

  const existing = new Map(
    (
      await getUnits(
        ctx.tx,
        rows.map((r) => r.id),
      )
    ).map((u) => [u.id, u]),
  );
  const denied: string[] = [];
  for (const r of rows) {
    const after = pathsAfter.get(r.id)!;
    const now = existing.has(r.id) ? pathOf(r.id, (id) => parents.get(id) ?? null) : null;
    const allowed =
      (after.length > 1
        ? can(ctx.actor, "unit.manage", { id: r.id, unitPath: after })
        : can(ctx.actor, "unit.create", { parentPath: null })) &&
      (!now || can(ctx.actor, "unit.manage", { id: r.id, unitPath: now }));
    if (!allowed) denied.push(`Dòng ${r.line}: Bạn không quản lý đơn vị “${r.name}” (${r.id}).`);
  }
  if (denied.length) {
    throw new AppError(
      "FORBIDDEN",
      `Tệp có ${denied.length} dòng ngoài phạm vi bạn quản lý: ${denied.slice(0, 5).join(" ")}`,
    );
  }

  // New units, parents before children (a new unit may hang under another new unit of the file).
  const order: DirectoryRow[] = [];
  const placed = new Set<string>();
  const place = (r: DirectoryRow) => {
    if (placed.has(r.id)) return;
    placed.add(r.id);
    const parent = r.parentId ? inFile.get(r.parentId) : undefined;
    if (parent && !existing.has(parent.id)) place(parent);
    order.push(r);
  };
  for (const r of rows) if (!existing.has(r.id)) place(r);
  const now = ctx.now.toISOString();
  // Existing units that move under a new unit must wait for it; create first with their final parents.
  await createUnits(
    ctx.tx,
    order.map((r) => ({
      id: r.id,
      name: r.name,
      short_name: r.shortName,
      kind: r.kind,
      parent_id: r.parentId,
      aliases: r.aliases,
      valid_from: r.validFrom,
      valid_to: r.validTo,
    })),
    now,
  );
  let updated = 0;
  let unchanged = 0;
  for (const r of rows) {
    const cur = existing.get(r.id);
    if (!cur) continue;
    if (!differs(cur, r)) {
      unchanged++;
      continue;
    }
    await updateUnit(
      ctx.tx,
      r.id,
      {
        name: r.name,
        short_name: r.shortName,
        kind: r.kind,
        parent_id: r.parentId,
        aliases: r.aliases,
        valid_from: r.validFrom,
        valid_to: r.validTo,
      },
      now,
    );
    updated++;
  }
  const result = { created: order.length, updated, unchanged };
  await recordAudit(ctx, {
    action: "directory.imported",
    entityId: null,
    after: { ...result, fileName: input.fileName },
  });
  return result;
}
