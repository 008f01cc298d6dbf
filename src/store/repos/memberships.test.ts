import { expect, it } from "vitest";
import { newId, nowIso } from "../ids.js";
import { countingDb } from "../test/query-counter.js";
import { describeEachEngine } from "../testing.js";
import {
  existingUnitIds,
  findMembership,
  insertMembership,
  listMembershipsOfUsers,
  unitPath,
  unitPaths,
} from "./memberships.js";
import { createUnit } from "./units.js";
import { insertUser } from "./users.js";

describeEachEngine("memberships repo", (getDb) => {
  it("computes many unit paths in one query, each nearest first, unknown units empty", async () => {
    const db = getDb().db;
    const city = await createUnit(db, { name: "Tỉnh Nhiều", kind: "province" });
    const district = await createUnit(db, { name: "Huyện Nhiều", kind: "district", parent_id: city.id });
    const wards = [];
    for (let i = 0; i < 12; i++) {
      wards.push(await createUnit(db, { name: `Xã Nhiều ${i}`, kind: "ward", parent_id: district.id }));
    }
    const counting = countingDb(db);
    const paths = await unitPaths(counting.db, [...wards.map((w) => w.id), city.id, "khong-co", city.id]);
    expect(counting.count()).toBe(1);
    for (const w of wards) expect(paths.get(w.id)).toEqual([w.id, district.id, city.id]);
    expect(paths.get(city.id)).toEqual([city.id]);
    expect(paths.get("khong-co")).toEqual([]);
    expect(paths.size).toBe(14);
  });

  it("lists memberships with unit names and computes unit paths nearest first", async () => {
    const db = getDb().db;
    const city = await createUnit(db, { name: "Thành phố Thử", kind: "province" });
    const district = await createUnit(db, { name: "Quận Thử", kind: "district", parent_id: city.id });
    const ward = await createUnit(db, { name: "Phường Thử", kind: "ward", parent_id: district.id });
    expect(await unitPath(db, ward.id)).toEqual([ward.id, district.id, city.id]);
    expect(await unitPath(db, "khong-co")).toEqual([]);
    expect(await existingUnitIds(db, [ward.id, "khong-co"])).toEqual(new Set([ward.id]));

    const now = nowIso();
    const u = await insertUser(db, {
      id: newId(),
      username: `m${newId().slice(0, 8)}`,
      display_name: "A",
      email: null,
      password_hash: "x",
      is_admin: 0,
      disabled: 0,
      locked_until: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    await insertMembership(db, { id: newId(), user_id: u.id, unit_id: ward.id, role: "reporter", created_at: now });
    expect(await listMembershipsOfUsers(db, [u.id])).toEqual([
      expect.objectContaining({ user_id: u.id, unit_id: ward.id, unit_name: "Phường Thử", role: "reporter" }),
    ]);
    expect(await findMembership(db, u.id, ward.id, "reporter")).toBeDefined();
    expect(await findMembership(db, u.id, ward.id, "leader")).toBeUndefined();
  });
});
