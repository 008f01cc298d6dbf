import { expect, it } from "vitest";
import { insertTestUnit, insertTestUser } from "../test/fixtures.js";
import { describeEachEngine } from "../testing.js";
import { createImport, deleteImport, forceUpdateImport, getImport, listImports, updateImport } from "./imports.js";

describeEachEngine("imports repository", (getDb) => {
  it("creates an import at version 1 and reads it back", async () => {
    const { db } = getDb();
    const user = await insertTestUser(db);
    const imp = await createImport(db, { file_name: "KH-45.docx", created_by: user.id }, "2025-05-01T01:00:00.000Z");
    const back = await getImport(db, imp.id);
    expect(back).toEqual(imp);
    expect(back?.status).toBe("processing");
    expect(back?.version).toBe(1);
  });

  it("saves with the expected version and refuses a stale save", async () => {
    const { db } = getDb();
    const user = await insertTestUser(db);
    const imp = await createImport(db, { file_name: "a.pdf", created_by: user.id });
    const saved = await updateImport(db, imp.id, 1, { plan_json: '{"format":"tiendo.plan.v1"}', status: "ready" });
    expect(saved?.version).toBe(2);
    expect(saved?.plan_json).toBe('{"format":"tiendo.plan.v1"}');
    const stale = await updateImport(db, imp.id, 1, { plan_json: "{}" });
    expect(stale).toBeNull();
    expect((await getImport(db, imp.id))?.plan_json).toBe('{"format":"tiendo.plan.v1"}');
    expect(await updateImport(db, "missing", 1, { error: "x" })).toBeNull();
    const forced = await forceUpdateImport(db, imp.id, { status: "failed", error: "Không đọc được tệp" });
    expect(forced?.version).toBe(3);
    expect(forced?.error).toBe("Không đọc được tệp");
  });

  it("lists newest first, filtered by creator, owner unit and status, without large columns", async () => {
    const { db } = getDb();
    const user = await insertTestUser(db);
    const unit = await insertTestUnit(db, "Sở Y tế");
    const a = await createImport(
      db,
      { file_name: "a", created_by: user.id, owner_unit_id: unit.id },
      "2025-01-01T00:00:00.000Z",
    );
    const b = await createImport(
      db,
      { file_name: "b", created_by: user.id, status: "ready" },
      "2025-02-01T00:00:00.000Z",
    );
    await updateImport(db, b.id, 1, { cleaned_text: "văn bản dài" });
    const mine = await listImports(db, { createdBy: user.id });
    expect(mine.map((i) => i.id)).toEqual([b.id, a.id]);
    expect(mine[0]).not.toHaveProperty("cleaned_text");
    expect((await listImports(db, { ownerUnitIds: [unit.id] })).map((i) => i.id)).toEqual([a.id]);
    expect(await listImports(db, { ownerUnitIds: [] })).toEqual([]);
    expect((await listImports(db, { createdBy: user.id, status: ["ready", "failed"] })).map((i) => i.id)).toEqual([
      b.id,
    ]);
    expect(await deleteImport(db, a.id)).toBe(true);
    expect(await deleteImport(db, a.id)).toBe(false);
  });
});
