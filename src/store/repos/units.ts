/**
 * The unit directory [đơn vị]: a tree (province → communes, departments, offices…), with aliases for matching
 * printed names, validity dates and successions (merges since 1/7/2025).
 */
import { type Selectable, sql } from "kysely";
import { searchKey } from "../../core/text.js";
import { type Executor, inTransaction } from "../db.js";
import { newId, nowIso } from "../ids.js";
import type { SuccessionKind, Unit, UnitKind, UnitSuccessionsTable } from "../schema.js";
import { chunked, insertInChunks } from "../sql/insert.js";
import { parseJsonText, toJsonText } from "../sql/json.js";
import { likeContains } from "../sql/text.js";

export interface UnitInput {
  id?: string;
  name: string;
  short_name?: string | null;
  kind: UnitKind;
  parent_id?: string | null;
  aliases?: string[];
  valid_from?: string | null;
  valid_to?: string | null;
}

export type UnitPatch = Partial<Omit<UnitInput, "id">>;

/** Separates the folded names inside `search_key`; folded text never contains it. */
const KEY_SEPARATOR = " | ";

/** The folded keys of a unit: name, short name, each alias (deduplicated, in that order). */
export function unitKeys(name: string, shortName: string | null | undefined, aliases: readonly string[]): string[] {
  const keys: string[] = [];
  for (const s of [name, shortName ?? "", ...aliases]) {
    const k = searchKey(s);
    if (k && !keys.includes(k)) keys.push(k);
  }
  return keys;
}

export function unitSearchKey(name: string, shortName: string | null | undefined, aliases: readonly string[]): string {
  return unitKeys(name, shortName, aliases).join(KEY_SEPARATOR);
}

/** The aliases column parsed. */
export function unitAliases(unit: Pick<Unit, "aliases">): string[] {
  return parseJsonText<string[]>(unit.aliases, []);
}

function toRow(input: UnitInput, now: string) {
  const aliases = input.aliases ?? [];
  return {
    id: input.id ?? newId(),
    name: input.name,
    short_name: input.short_name ?? null,
    kind: input.kind,
    parent_id: input.parent_id ?? null,
    aliases: toJsonText(aliases),
    search_key: unitSearchKey(input.name, input.short_name, aliases),
    valid_from: input.valid_from ?? null,
    valid_to: input.valid_to ?? null,
    created_at: now,
    updated_at: now,
  };
}

export async function createUnit(db: Executor, input: UnitInput, now = nowIso()): Promise<Unit> {
  const row = toRow(input, now);
  await db.insertInto("units").values(row).execute();
  return row;
}

/** Many units in batched INSERTs (directory import, seeding). Parents must precede their children in `inputs`. */
export async function createUnits(db: Executor, inputs: readonly UnitInput[], now = nowIso()): Promise<Unit[]> {
  const rows = inputs.map((u) => toRow(u, now));
  await insertInChunks(db, "units", rows);
  return rows;
}

/** Updates the given fields and keeps `search_key` in step; undefined when the unit does not exist. */
export async function updateUnit(
  db: Executor,
  id: string,
  patch: UnitPatch,
  now = nowIso(),
): Promise<Unit | undefined> {
  return inTransaction(db, async (tx) => {
    const current = await getUnit(tx, id);
    if (!current) return undefined;
    const name = patch.name ?? current.name;
    const shortName = patch.short_name !== undefined ? patch.short_name : current.short_name;
    const aliases = patch.aliases ?? unitAliases(current);
    return tx
      .updateTable("units")
      .set({
        name,
        short_name: shortName,
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.parent_id !== undefined ? { parent_id: patch.parent_id } : {}),
        ...(patch.valid_from !== undefined ? { valid_from: patch.valid_from } : {}),
        ...(patch.valid_to !== undefined ? { valid_to: patch.valid_to } : {}),
        aliases: toJsonText(aliases),
        search_key: unitSearchKey(name, shortName, aliases),
        updated_at: now,
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
  });
}

export async function getUnit(db: Executor, id: string): Promise<Unit | undefined> {
  return db.selectFrom("units").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Units by id, in no particular order; unknown ids are skipped. */
export async function getUnits(db: Executor, ids: readonly string[]): Promise<Unit[]> {
  const out: Unit[] = [];
  for (const part of chunked([...new Set(ids)])) {
    if (part.length) out.push(...(await db.selectFrom("units").selectAll().where("id", "in", part).execute()));
  }
  return out;
}

/** Direct children of a unit (or the roots when `parentId` is null), by name. */
export async function listChildUnits(db: Executor, parentId: string | null): Promise<Unit[]> {
  const rows = await db
    .selectFrom("units")
    .selectAll()
    .where((eb) => (parentId === null ? eb("parent_id", "is", null) : eb("parent_id", "=", parentId)))
    .execute();
  return rows.sort(byName);
}

/** The ancestors of a unit, root first, without the unit itself (a breadcrumb). */
export async function listAncestorUnits(db: Executor, id: string): Promise<Unit[]> {
  const rows = await db
    .withRecursive("anc(id, parent_id, depth)", (qb) =>
      qb
        .selectFrom("units")
        .select(["units.id", "units.parent_id", sql<number>`0`.as("depth")])
        .where("units.id", "=", id)
        .unionAll((qb2) =>
          qb2
            .selectFrom("units")
            .innerJoin("anc", "anc.parent_id", "units.id")
            // The depth bound stops a corrupted (cyclic) tree from recursing forever.
            .select(["units.id", "units.parent_id", sql<number>`anc.depth + 1`.as("depth")])
            .where("anc.depth", "<", 64),
        ),
    )
    .selectFrom("anc")
    .innerJoin("units", "units.id", "anc.id")
    .selectAll("units")
    .select("anc.depth")
    .where("anc.depth", ">", 0)
    .orderBy("anc.depth", "desc")
    .execute();
  return rows.map(({ depth: _depth, ...unit }) => unit);
}

/** Ids of the units in the subtrees of `rootIds` (roots included unless `includeRoots` is false). */
export async function subtreeUnitIds(
  db: Executor,
  rootIds: string | readonly string[],
  opts: { includeRoots?: boolean } = {},
): Promise<string[]> {
  const roots = [...new Set(typeof rootIds === "string" ? [rootIds] : rootIds)];
  if (roots.length === 0) return [];
  const result = new Set<string>();
  for (const part of chunked(roots, 1000)) {
    const rows = await db
      .withRecursive("sub(id, depth)", (qb) =>
        qb
          .selectFrom("units")
          .select(["units.id", sql<number>`0`.as("depth")])
          .where("units.id", "in", part)
          .unionAll((qb2) =>
            qb2
              .selectFrom("units")
              .innerJoin("sub", "sub.id", "units.parent_id")
              .select(["units.id", sql<number>`sub.depth + 1`.as("depth")])
              .where("sub.depth", "<", 64),
          ),
      )
      .selectFrom("sub")
      .select(["sub.id", "sub.depth"])
      .execute();
    for (const r of rows) result.add(r.id);
  }
  if (opts.includeRoots === false) for (const r of roots) result.delete(r);
  return [...result];
}

export interface UnitSearchOptions {
  limit?: number;
  kinds?: UnitKind[];
  /** Only units valid on this date ("YYYY-MM-DD"). */
  activeOn?: string;
  /** Only units in this subtree. */
  withinIds?: readonly string[];
}

/**
 * Diacritics-insensitive search: every word of the query must occur in the unit's folded names. Best first:
 * exact name or alias, then names starting with the query, then shorter names.
 */
export async function searchUnits(db: Executor, query: string, opts: UnitSearchOptions = {}): Promise<Unit[]> {
  const folded = searchKey(query);
  const words = folded.split(" ").filter(Boolean);
  const limit = opts.limit ?? 20;
  let q = db.selectFrom("units").selectAll();
  for (const w of words) q = q.where(likeContains(sql.ref("search_key"), w));
  if (opts.kinds?.length) q = q.where("kind", "in", opts.kinds);
  if (opts.activeOn) q = q.where(activeOn(opts.activeOn));
  if (opts.withinIds) {
    if (opts.withinIds.length === 0) return [];
    q = q.where("id", "in", [...opts.withinIds]);
  }
  // Rank in the application (folded-key ranking is the same on both engines); fetch a generous candidate set.
  const rows = await q.limit(Math.max(limit * 10, 200)).execute();
  const rank = (u: Unit): number => {
    const keys = u.search_key.split(KEY_SEPARATOR);
    if (keys.includes(folded)) return 0;
    if (keys.some((k) => k.startsWith(folded))) return 1;
    if (keys.some((k) => ` ${k} `.includes(` ${folded} `))) return 2;
    return 3;
  };
  return rows
    .map((u) => ({ u, r: rank(u) }))
    .sort((a, b) => a.r - b.r || a.u.name.length - b.u.name.length || byName(a.u, b.u))
    .slice(0, limit)
    .map((x) => x.u);
}

/** Units whose name, short name or an alias equals `name` once folded ("UBND tỉnh" ≠ "UBND tỉnh Quảng Trị"). */
export async function findUnitsByExactName(
  db: Executor,
  name: string,
  opts: { activeOn?: string } = {},
): Promise<Unit[]> {
  const folded = searchKey(name);
  if (!folded) return [];
  let q = db
    .selectFrom("units")
    .selectAll()
    .where(likeContains(sql.ref("search_key"), folded));
  if (opts.activeOn) q = q.where(activeOn(opts.activeOn));
  const rows = await q.execute();
  return rows.filter((u) => u.search_key.split(KEY_SEPARATOR).includes(folded)).sort(byName);
}

function activeOn(date: string) {
  return sql<boolean>`(valid_from is null or valid_from <= ${date}) and (valid_to is null or valid_to > ${date})`;
}

// ── successions ────────────────────────────────────────────────────────────────────────────────────────────────

export interface SuccessionInput {
  predecessor_id: string;
  successor_id: string;
  kind: SuccessionKind;
  effective_on: string;
}

export type UnitSuccession = Selectable<UnitSuccessionsTable>;

export async function addUnitSuccession(db: Executor, input: SuccessionInput, now = nowIso()): Promise<UnitSuccession> {
  const row = { id: newId(), ...input, created_at: now };
  await db.insertInto("unit_successions").values(row).execute();
  return row;
}

/** Successions where the unit is the predecessor (what it became) and where it is the successor (what it absorbed). */
export async function listUnitSuccessions(
  db: Executor,
  unitId: string,
): Promise<{ successors: UnitSuccession[]; predecessors: UnitSuccession[] }> {
  const rows = await db
    .selectFrom("unit_successions")
    .selectAll()
    .where((eb) => eb.or([eb("predecessor_id", "=", unitId), eb("successor_id", "=", unitId)]))
    .orderBy("effective_on")
    .execute();
  return {
    successors: rows.filter((r) => r.predecessor_id === unitId),
    predecessors: rows.filter((r) => r.successor_id === unitId),
  };
}

/**
 * The units that carry on `unitId` today: follows successions to the end of each chain (a district merged into
 * a commune that was later renamed → the renamed commune). A unit without successors is its own successor.
 */
export async function currentSuccessorIds(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db
    .withRecursive("chain(id, depth)", (qb) =>
      qb
        .selectFrom("units")
        .select(["units.id", sql<number>`0`.as("depth")])
        .where("units.id", "=", unitId)
        .unionAll((qb2) =>
          qb2
            .selectFrom("unit_successions as s")
            .innerJoin("chain", "chain.id", "s.predecessor_id")
            .select(["s.successor_id as id", sql<number>`chain.depth + 1`.as("depth")])
            .where("chain.depth", "<", 32),
        ),
    )
    .selectFrom("chain")
    .select("chain.id")
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("unit_successions as s2").select("s2.id").whereRef("s2.predecessor_id", "=", "chain.id"))),
    )
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

// ── whole tree ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface UnitTreeRow extends Unit {
  depth: number;
  child_count: number;
}

/**
 * Every unit in tree order (pre-order, siblings by Vietnamese name), with depth: what the directory screen shows.
 * One query; the ordering is done here because sibling collation must be Vietnamese on both engines.
 */
export async function listUnitTree(db: Executor, opts: { activeOn?: string } = {}): Promise<UnitTreeRow[]> {
  let q = db.selectFrom("units").selectAll();
  if (opts.activeOn) q = q.where(activeOn(opts.activeOn));
  const units = await q.execute();
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    // A unit whose parent is filtered out (or missing) is shown as a root rather than lost.
    const parent = u.parent_id && ids.has(u.parent_id) ? u.parent_id : null;
    const list = children.get(parent) ?? [];
    list.push(u);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort(byName);
  const out: UnitTreeRow[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      out.push({ ...u, depth, child_count: children.get(u.id)?.length ?? 0 });
      visit(u.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

function byName(a: Pick<Unit, "name">, b: Pick<Unit, "name">): number {
  return collator.compare(a.name, b.name);
}
