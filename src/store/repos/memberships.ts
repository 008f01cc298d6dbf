/**
 * Who holds which role in which unit, and the unit paths (unit + ancestors) the policies reach over.
 */
import { type Kysely, sql } from "kysely";
import type { DB, Membership, Role } from "../schema.js";
import { chunked } from "../sql/insert.js";

export interface MembershipWithUnit {
  id: string;
  user_id: string;
  unit_id: string;
  unit_name: string;
  role: Role;
}

export async function listMembershipsOfUsers(
  db: Kysely<DB>,
  userIds: readonly string[],
): Promise<MembershipWithUnit[]> {
  const out: MembershipWithUnit[] = [];
  for (const ids of chunked(userIds)) {
    if (ids.length === 0) continue;
    const rows = await db
      .selectFrom("memberships")
      .innerJoin("units", "units.id", "memberships.unit_id")
      .select([
        "memberships.id",
        "memberships.user_id",
        "memberships.unit_id",
        "units.name as unit_name",
        "memberships.role",
      ])
      .where("memberships.user_id", "in", ids)
      .orderBy("units.name")
      .orderBy("memberships.role")
      .execute();
    out.push(...rows);
  }
  return out;
}

export async function findMembership(
  db: Kysely<DB>,
  userId: string,
  unitId: string,
  role: Role,
): Promise<Membership | undefined> {
  return db
    .selectFrom("memberships")
    .selectAll()
    .where("user_id", "=", userId)
    .where("unit_id", "=", unitId)
    .where("role", "=", role)
    .executeTakeFirst();
}

export async function insertMembership(db: Kysely<DB>, m: Membership): Promise<void> {
  await db.insertInto("memberships").values(m).execute();
}

export async function deleteMembership(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom("memberships").where("id", "=", id).execute();
}

/** Which of `unitIds` exist. */
export async function existingUnitIds(db: Kysely<DB>, unitIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const ids of chunked([...new Set(unitIds)])) {
    if (ids.length === 0) continue;
    const rows = await db.selectFrom("units").select("id").where("id", "in", ids).execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/**
 * The unit's id followed by its ancestors' ids, nearest first (`[ward, district, city]`); empty when the unit does
 * not exist. One recursive query on both engines; depth is capped against accidental cycles.
 */
export async function unitPath(db: Kysely<DB>, unitId: string): Promise<string[]> {
  const rows = await db
    .withRecursive("anc(id, parent_id, depth)", (qb) =>
      qb
        .selectFrom("units")
        .select(["units.id", "units.parent_id", sql<number>`0`.as("depth")])
        .where("units.id", "=", unitId)
        .unionAll((qb2) =>
          qb2
            .selectFrom("units")
            .innerJoin("anc", "anc.parent_id", "units.id")
            .select(["units.id", "units.parent_id", sql<number>`anc.depth + 1`.as("depth")])
            .where("anc.depth", "<", 32),
        ),
    )
    .selectFrom("anc")
    .select(["anc.id", "anc.depth"])
    .orderBy("anc.depth")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * `unitPath` for several units at once: one recursive query per 1000 units (not one per unit). Every requested id is
 * in the map; an unknown unit maps to an empty path.
 */
export async function unitPaths(db: Kysely<DB>, unitIds: readonly string[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(unitIds)];
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const part of chunked(ids, 1000)) {
    if (!part.length) continue;
    const rows = await db
      .withRecursive("anc(origin, id, parent_id, depth)", (qb) =>
        qb
          .selectFrom("units")
          .select(["units.id as origin", "units.id", "units.parent_id", sql<number>`0`.as("depth")])
          .where("units.id", "in", part)
          .unionAll((qb2) =>
            qb2
              .selectFrom("units")
              .innerJoin("anc", "anc.parent_id", "units.id")
              .select(["anc.origin", "units.id", "units.parent_id", sql<number>`anc.depth + 1`.as("depth")])
              .where("anc.depth", "<", 32),
          ),
      )
      .selectFrom("anc")
      .select(["anc.origin", "anc.id", "anc.depth"])
      .orderBy("anc.origin")
      .orderBy("anc.depth")
      .execute();
    for (const r of rows) out.get(r.origin)?.push(r.id);
  }
  return out;
}
