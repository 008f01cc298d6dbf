import { expect, it } from "vitest";
import { describeEachEngine } from "../testing.js";
import {
  addUnitSuccession,
  createUnit,
  createUnits,
  currentSuccessorIds,
  findUnitsByExactName,
  getUnit,
  listAncestorUnits,
  listChildUnits,
  listUnitSuccessions,
  listUnitTree,
  searchUnits,
  subtreeUnitIds,
  unitAliases,
  updateUnit,
} from "./units.js";

describeEachEngine("units repository", (getDb) => {
  async function province() {
    const { db } = getDb();
    const p = await createUnit(db, {
      name: "Ủy ban nhân dân tỉnh Quảng Trị",
      kind: "province",
      aliases: ["UBND tỉnh"],
    });
    const [so, huyen, xa1, xa2, phong] = await createUnits(db, [
      { name: "Sở Khoa học và Công nghệ", kind: "department", parent_id: p.id, short_name: "Sở KH&CN" },
      { name: "UBND huyện Gio Linh", kind: "district", parent_id: p.id, valid_to: "2025-07-01" },
      { name: "UBND xã Gio Mỹ", kind: "commune", parent_id: null },
      { name: "UBND xã Gio Hải", kind: "commune", parent_id: null },
      { name: "Phòng Văn hóa - Thông tin", kind: "office", parent_id: null },
    ]);
    // Children after their parent exists: point them at the district.
    for (const u of [xa1!, xa2!, phong!]) await updateUnit(db, u.id, { parent_id: huyen!.id });
    return { p, so: so!, huyen: huyen!, xa1: xa1!, xa2: xa2!, phong: phong! };
  }

  it("creates a unit with a folded search key and reads it back", async () => {
    const { db } = getDb();
    const u = await createUnit(db, { name: "Sở Thông tin và Truyền thông", kind: "department", aliases: ["Sở TT&TT"] });
    const back = await getUnit(db, u.id);
    expect(back?.search_key).toBe("so thong tin va truyen thong | so tt tt");
    expect(unitAliases(back!)).toEqual(["Sở TT&TT"]);
  });

  it("keeps the search key in step on update", async () => {
    const { db } = getDb();
    const u = await createUnit(db, { name: "Phòng Kinh tế", kind: "office" });
    const updated = await updateUnit(db, u.id, {
      name: "Phòng Kinh tế, Hạ tầng và Đô thị",
      aliases: ["Phòng KT-HT-ĐT"],
    });
    expect(updated?.name).toBe("Phòng Kinh tế, Hạ tầng và Đô thị");
    expect(updated?.search_key).toBe("phong kinh te ha tang va do thi | phong kt ht dt");
    expect((await searchUnits(db, "ha tang do thi")).map((x) => x.id)).toContain(u.id);
    expect((await searchUnits(db, "Phòng Kinh tế")).map((x) => x.id)).toContain(u.id);
    expect(await updateUnit(db, "missing", { name: "x" })).toBeUndefined();
  });

  it("walks children, ancestors and subtrees", async () => {
    const { db } = getDb();
    const t = await province();
    expect((await listChildUnits(db, t.p.id)).map((u) => u.name)).toEqual([
      "Sở Khoa học và Công nghệ",
      "UBND huyện Gio Linh",
    ]);
    expect((await listAncestorUnits(db, t.xa1.id)).map((u) => u.id)).toEqual([t.p.id, t.huyen.id]);
    expect(await listAncestorUnits(db, t.p.id)).toEqual([]);
    const sub = await subtreeUnitIds(db, t.huyen.id);
    expect(new Set(sub)).toEqual(new Set([t.huyen.id, t.xa1.id, t.xa2.id, t.phong.id]));
    const all = await subtreeUnitIds(db, [t.p.id], { includeRoots: false });
    expect(all).toHaveLength(5);
    expect(all).not.toContain(t.p.id);
  });

  it("searches without diacritics, exact names first, and filters by validity", async () => {
    const { db } = getDb();
    const t = await province();
    const hits = await searchUnits(db, "gio", { withinIds: await subtreeUnitIds(db, t.p.id) });
    expect(hits.map((u) => u.id).sort()).toEqual([t.huyen.id, t.xa1.id, t.xa2.id].sort());
    const exactFirst = await searchUnits(db, "ubnd xa gio my", { withinIds: [t.xa1.id, t.xa2.id, t.huyen.id] });
    expect(exactFirst.map((u) => u.id)).toEqual([t.xa1.id]);
    const active = await searchUnits(db, "gio linh", { activeOn: "2025-08-01", withinIds: [t.huyen.id] });
    expect(active).toEqual([]);
    // LIKE wildcards in the query are literal.
    expect(await searchUnits(db, "%", { withinIds: [t.huyen.id] })).toHaveLength(1); // folded to "" → no word filter
    expect(await searchUnits(db, "gio_linh", { withinIds: [t.huyen.id] })).toHaveLength(1); // "_" folds to a space
  });

  it("finds by exact folded name or alias, not by a longer name", async () => {
    const { db } = getDb();
    const t = await province();
    const byAlias = await findUnitsByExactName(db, "UBND TỈNH");
    expect(byAlias.map((u) => u.id)).toContain(t.p.id);
    const byShort = await findUnitsByExactName(db, "Sở KH&CN");
    expect(byShort.map((u) => u.id)).toContain(t.so.id);
    const none = await findUnitsByExactName(db, "UBND");
    expect(none.map((u) => u.id)).not.toContain(t.p.id);
  });

  it("records successions and follows them to the current unit", async () => {
    const { db } = getDb();
    const t = await province();
    const merged = await createUnit(db, {
      name: "UBND xã Gio Mỹ Hải",
      kind: "commune",
      parent_id: t.p.id,
      valid_from: "2025-07-01",
    });
    const renamed = await createUnit(db, { name: "UBND xã Cửa Việt", kind: "commune", parent_id: t.p.id });
    await addUnitSuccession(db, {
      predecessor_id: t.xa1.id,
      successor_id: merged.id,
      kind: "merge",
      effective_on: "2025-07-01",
    });
    await addUnitSuccession(db, {
      predecessor_id: t.xa2.id,
      successor_id: merged.id,
      kind: "merge",
      effective_on: "2025-07-01",
    });
    await addUnitSuccession(db, {
      predecessor_id: merged.id,
      successor_id: renamed.id,
      kind: "rename",
      effective_on: "2026-01-01",
    });
    expect(await currentSuccessorIds(db, t.xa1.id)).toEqual([renamed.id]);
    expect(await currentSuccessorIds(db, t.so.id)).toEqual([t.so.id]);
    const s = await listUnitSuccessions(db, merged.id);
    expect(s.predecessors.map((x) => x.predecessor_id).sort()).toEqual([t.xa1.id, t.xa2.id].sort());
    expect(s.successors.map((x) => x.successor_id)).toEqual([renamed.id]);
  });

  it("lists the whole tree in pre-order with depth", async () => {
    const { db } = getDb();
    const t = await province();
    const tree = await listUnitTree(db);
    const i = tree.findIndex((r) => r.id === t.p.id);
    const mine = tree.slice(i, i + 6);
    expect(mine.map((r) => [r.name, r.depth])).toEqual([
      ["Ủy ban nhân dân tỉnh Quảng Trị", 0],
      ["Sở Khoa học và Công nghệ", 1],
      ["UBND huyện Gio Linh", 1],
      ["Phòng Văn hóa - Thông tin", 2],
      ["UBND xã Gio Hải", 2],
      ["UBND xã Gio Mỹ", 2],
    ]);
    expect(mine[2]?.child_count).toBe(3);
  });
});
