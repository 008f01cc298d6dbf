import { expect, it } from "vitest";
import { describeEachEngine } from "../testing.js";
import {
  createUnitGroup,
  getUnitGroup,
  listUnitGroupMemberIds,
  listUnitGroups,
  resolveUnitGroup,
  searchUnitGroups,
  setUnitGroupMembers,
  updateUnitGroup,
} from "./unit-groups.js";
import { createUnit, createUnits } from "./units.js";

describeEachEngine("unit groups repository", (getDb) => {
  async function tree() {
    const { db } = getDb();
    const p = await createUnit(db, { name: "UBND tỉnh", kind: "province" });
    const d = await createUnit(db, { name: "UBND huyện A", kind: "district", parent_id: p.id });
    const [so, xa, phuong, cu, phong] = await createUnits(db, [
      { name: "Sở Tài chính", kind: "department", parent_id: p.id },
      { name: "UBND xã B", kind: "commune", parent_id: d.id },
      { name: "UBND phường C", kind: "ward", parent_id: p.id },
      { name: "UBND xã cũ", kind: "commune", parent_id: d.id, valid_to: "2025-07-01" },
      { name: "Phòng Nội vụ", kind: "office", parent_id: d.id },
    ]);
    return { p, d, so: so!, xa: xa!, phuong: phuong!, cu: cu!, phong: phong! };
  }

  it("resolves 'communes_under' to communes, wards and towns at any depth, respecting validity", async () => {
    const { db } = getDb();
    const t = await tree();
    const g = await createUnitGroup(db, { name: "UBND các xã, phường", rule: "communes_under", owner_unit_id: t.p.id });
    expect(new Set(await resolveUnitGroup(db, g.id))).toEqual(new Set([t.xa.id, t.phuong.id, t.cu.id]));
    expect(new Set(await resolveUnitGroup(db, g, { activeOn: "2025-09-01" }))).toEqual(new Set([t.xa.id, t.phuong.id]));
  });

  it("resolves 'offices_of' to the owner's direct departments and offices only", async () => {
    const { db } = getDb();
    const t = await tree();
    const ofProvince = await createUnitGroup(db, {
      name: "Các sở, ban, ngành",
      rule: "offices_of",
      owner_unit_id: t.p.id,
    });
    expect(await resolveUnitGroup(db, ofProvince.id)).toEqual([t.so.id]);
    const ofDistrict = await createUnitGroup(db, { name: "Các phòng, ban", rule: "offices_of", owner_unit_id: t.d.id });
    expect(await resolveUnitGroup(db, ofDistrict.id)).toEqual([t.phong.id]);
  });

  it("keeps explicit members and replaces them as a whole", async () => {
    const { db } = getDb();
    const t = await tree();
    const g = await createUnitGroup(db, { name: "Tổ công tác", rule: "explicit", member_ids: [t.so.id, t.xa.id] });
    expect(new Set(await listUnitGroupMemberIds(db, g.id))).toEqual(new Set([t.so.id, t.xa.id]));
    await setUnitGroupMembers(db, g.id, [t.phong.id, t.phong.id]);
    expect(await resolveUnitGroup(db, g.id)).toEqual([t.phong.id]);
    expect(await resolveUnitGroup(db, "no-such-group")).toEqual([]);
  });

  it("updates names and aliases, searchable without diacritics", async () => {
    const { db } = getDb();
    const t = await tree();
    const g = await createUnitGroup(db, { name: "Các đoàn thể", rule: "chosen", owner_unit_id: t.p.id });
    await updateUnitGroup(db, g.id, { aliases: ["Mặt trận Tổ quốc và các đoàn thể"] });
    expect((await getUnitGroup(db, g.id))?.search_key).toBe("cac doan the | mat tran to quoc va cac doan the");
    expect((await searchUnitGroups(db, "mat tran", { ownerUnitId: t.p.id })).map((x) => x.id)).toEqual([g.id]);
    expect((await listUnitGroups(db, { ownerUnitId: t.p.id })).map((x) => x.id)).toContain(g.id);
  });
});
