/**
 * Unit groups [nhóm đơn vị]: "UBND các xã, phường", "Các phòng, ban, ngành" — a name printed in plans that stands
 * for several units, resolved by a rule against an owner unit, or by an explicit member list.
 */
import { type Selectable, sql } from "kysely";
import { searchKey } from "../../core/text.js";
import { type Executor, inTransaction } from "../db.js";
import { newId, nowIso } from "../ids.js";
import type { UnitGroupRule, UnitGroupsTable, UnitKind } from "../schema.js";
import { chunked, insertInChunks } from "../sql/insert.js";
import { parseJsonText, toJsonText } from "../sql/json.js";
import { likeContains } from "../sql/text.js";
import { subtreeUnitIds, unitSearchKey } from "./units.js";

export type UnitGroup = Selectable<UnitGroupsTable>;

export interface UnitGroupInput {
  id?: string;
  name: string;
  owner_unit_id?: string | null;
  rule: UnitGroupRule;
  aliases?: string[];
  /** Members for the "explicit" and "chosen" rules. */
  member_ids?: string[];
}

/** Kinds each rule selects among the owner's descendants. */
export const RULE_KINDS: Record<"communes_under" | "offices_of", readonly UnitKind[]> = {
  communes_under: ["commune", "ward", "town"],
  offices_of: ["department", "office", "agency"],
};

export function unitGroupAliases(group: Pick<UnitGroup, "aliases">): string[] {
  return parseJsonText<string[]>(group.aliases, []);
}

export async function createUnitGroup(db: Executor, input: UnitGroupInput, now = nowIso()): Promise<UnitGroup> {
  const aliases = input.aliases ?? [];
  const row: UnitGroup = {
    id: input.id ?? newId(),
    name: input.name,
    owner_unit_id: input.owner_unit_id ?? null,
    rule: input.rule,
    aliases: toJsonText(aliases),
    search_key: unitSearchKey(input.name, null, aliases),
    created_at: now,
    updated_at: now,
  };
  return inTransaction(db, async (tx) => {
    await tx.insertInto("unit_groups").values(row).execute();
    if (input.member_ids?.length) await setUnitGroupMembers(tx, row.id, input.member_ids);
    return row;
  });
}

export async function updateUnitGroup(
  db: Executor,
  id: string,
  patch: Partial<Omit<UnitGroupInput, "id" | "member_ids">>,
  now = nowIso(),
): Promise<UnitGroup | undefined> {
  return inTransaction(db, async (tx) => {
    const current = await getUnitGroup(tx, id);
    if (!current) return undefined;
    const name = patch.name ?? current.name;
    const aliases = patch.aliases ?? unitGroupAliases(current);
    return tx
      .updateTable("unit_groups")
      .set({
        name,
        aliases: toJsonText(aliases),
        search_key: unitSearchKey(name, null, aliases),
        ...(patch.rule !== undefined ? { rule: patch.rule } : {}),
        ...(patch.owner_unit_id !== undefined ? { owner_unit_id: patch.owner_unit_id } : {}),
        updated_at: now,
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
  });
}

export async function getUnitGroup(db: Executor, id: string): Promise<UnitGroup | undefined> {
  return db.selectFrom("unit_groups").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Groups, optionally only those of one owner unit, by name. */
export async function listUnitGroups(db: Executor, opts: { ownerUnitId?: string | null } = {}): Promise<UnitGroup[]> {
  let q = db.selectFrom("unit_groups").selectAll().orderBy("name");
  if (opts.ownerUnitId !== undefined) {
    const owner = opts.ownerUnitId;
    q = q.where((eb) => (owner === null ? eb("owner_unit_id", "is", null) : eb("owner_unit_id", "=", owner)));
  }
  return q.execute();
}

/** Groups whose name or an alias contains every word of `query` (diacritics-insensitive). */
export async function searchUnitGroups(db: Executor, query: string, opts: { ownerUnitId?: string } = {}) {
  let q = db.selectFrom("unit_groups").selectAll();
  for (const w of searchKey(query).split(" ").filter(Boolean)) q = q.where(likeContains(sql.ref("search_key"), w));
  if (opts.ownerUnitId) q = q.where("owner_unit_id", "=", opts.ownerUnitId);
  return q.orderBy("name").limit(50).execute();
}

/** Replaces the explicit member list. */
export async function setUnitGroupMembers(db: Executor, groupId: string, unitIds: readonly string[]): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.deleteFrom("unit_group_members").where("group_id", "=", groupId).execute();
    const rows = [...new Set(unitIds)].map((unit_id) => ({ group_id: groupId, unit_id }));
    await insertInChunks(tx, "unit_group_members", rows);
  });
}

export async function listUnitGroupMemberIds(db: Executor, groupId: string): Promise<string[]> {
  const rows = await db.selectFrom("unit_group_members").select("unit_id").where("group_id", "=", groupId).execute();
  return rows.map((r) => r.unit_id);
}

/**
 * The member unit ids a group stands for: the rule evaluated against the owner unit ("communes_under": communes,
 * wards and towns anywhere below the owner; "offices_of": departments, offices and agencies directly under it),
 * or the explicit members. `activeOn` keeps only units valid on that date (merged communes drop out).
 */
export async function resolveUnitGroup(
  db: Executor,
  group: string | Pick<UnitGroup, "id" | "rule" | "owner_unit_id">,
  opts: { activeOn?: string } = {},
): Promise<string[]> {
  const g = typeof group === "string" ? await getUnitGroup(db, group) : group;
  if (!g) return [];
  let ids: string[];
  if (g.rule === "communes_under" || g.rule === "offices_of") {
    if (!g.owner_unit_id) return [];
    const kinds = [...RULE_KINDS[g.rule]];
    const candidates =
      g.rule === "communes_under"
        ? await subtreeUnitIds(db, g.owner_unit_id, { includeRoots: false })
        : (await db.selectFrom("units").select("id").where("parent_id", "=", g.owner_unit_id).execute()).map(
            (r) => r.id,
          );
    ids = [];
    for (const part of chunked(candidates)) {
      if (!part.length) continue;
      let q = db.selectFrom("units").select("id").where("id", "in", part).where("kind", "in", kinds);
      if (opts.activeOn) q = q.where(activeOnSql(opts.activeOn));
      ids.push(...(await q.execute()).map((r) => r.id));
    }
  } else {
    let q = db
      .selectFrom("unit_group_members")
      .innerJoin("units", "units.id", "unit_group_members.unit_id")
      .select("units.id")
      .where("unit_group_members.group_id", "=", g.id);
    if (opts.activeOn) q = q.where(activeOnSql(opts.activeOn));
    ids = (await q.execute()).map((r) => r.id);
  }
  return ids;
}

function activeOnSql(date: string) {
  return sql<boolean>`(units.valid_from is null or units.valid_from <= ${date}) and (units.valid_to is null or units.valid_to > ${date})`;
}
