import { expect, it } from "vitest";
import { verifyPassword } from "../../server/auth/password.js";
import { listAuditEvents } from "../../store/repos/audit.js";
import { listUnitGroups, resolveUnitGroup } from "../../store/repos/unit-groups.js";
import { findUnitsByExactName, listUnitTree, searchUnits } from "../../store/repos/units.js";
import { findUserByUsername, listUsers } from "../../store/repos/users.js";
import { describeEachEngine } from "../../store/testing.js";
import { DEMO_ACCOUNTS, DEMO_UNITS } from "./directory.js";
import { flattenUnits, seedDemo, stableId } from "./seed.js";

describeEachEngine("tiendo demo", (getDb) => {
  const counts = async () => {
    const db = getDb().db;
    return {
      units: (await listUnitTree(db)).length,
      groups: (await listUnitGroups(db)).length,
      users: (await listUsers(db, { limit: 1, offset: 0 })).total,
      audit: (await listAuditEvents(db, { limit: 1, offset: 0 })).total,
    };
  };

  it("creates the directory and accounts once; running it again changes nothing", async () => {
    const first = await seedDemo(getDb(), { password: "Demo-mat-khau-1" });
    expect(first.unitsCreated).toBe(flattenUnits(DEMO_UNITS).length);
    expect(first.accountsCreated).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    expect(first.password).toBe("Demo-mat-khau-1");
    const after1 = await counts();

    const second = await seedDemo(getDb(), { password: "khac-hoan-toan-2" });
    expect(second).toMatchObject({ unitsCreated: 0, unitsUpdated: 0, groupsCreated: 0, groupsUpdated: 0 });
    expect(second.accountsCreated).toEqual([]);
    expect(second.password).toBeNull();
    expect(await counts()).toEqual(after1);
  });

  it("holds the units the seed plans name, findable by their printed names", async () => {
    const db = getDb().db;
    await seedDemo(getDb(), { password: "Demo-mat-khau-1" });
    const goVap = stableId("hcm/govap");
    const wards = await resolveUnitGroup(db, stableId("group/govap/phuong"));
    expect(wards).toHaveLength(16);
    expect(wards).toContain(stableId("hcm/govap/p17"));
    const myHaoCommunes = await resolveUnitGroup(db, stableId("group/myhao/xaphuong"));
    expect(myHaoCommunes).toHaveLength(13);

    const phongVhtt = await findUnitsByExactName(db, "Phòng VHTT");
    expect(phongVhtt.map((u) => u.parent_id)).toEqual([goVap]);
    const lhpn = await findUnitsByExactName(db, "Hội LHPN Quận");
    expect(lhpn.map((u) => u.id)).toEqual([stableId("hcm/govap/hlhpn")]);
    const found = await searchUnits(db, "phong van hoa, khoa hoc va thong tin");
    expect(found[0]?.id).toBe(stableId("hy/myhao/vhkhtt"));
    expect((await findUnitsByExactName(db, "Sở Khoa học và Công nghệ")).length).toBe(3);
  });
});

describeEachEngine("tiendo demo passwords", (getDb) => {
  it("gives the reporters of several units their own demo password when one is set", async () => {
    const r = await seedDemo(getDb(), { password: "Quan-tri-rieng-1", demoPassword: "Demo-chung-2" });
    expect(r.adminPassword).toBe("Quan-tri-rieng-1");
    expect(r.demoPassword).toBe("Demo-chung-2");
    const reporterUnits = DEMO_ACCOUNTS.flatMap((a) => a.memberships.filter((m) => m.role === "reporter"));
    expect(new Set(reporterUnits.map((m) => m.unitKey)).size).toBeGreaterThanOrEqual(4);
    const db = getDb().db;
    const admin = await findUserByUsername(db, "admin");
    const reporter = await findUserByUsername(db, "sokhcn.hanoi");
    expect(await verifyPassword(admin!.password_hash, "Quan-tri-rieng-1")).toBe(true);
    expect(await verifyPassword(reporter!.password_hash, "Demo-chung-2")).toBe(true);
    expect(await verifyPassword(reporter!.password_hash, "Quan-tri-rieng-1")).toBe(false);
  });
});
