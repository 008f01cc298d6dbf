import { expect, it } from "vitest";
import { newId } from "../ids.js";
import { describeEachEngine } from "../testing.js";
import { insertAuditEvent, listAuditEvents } from "./audit.js";

describeEachEngine("audit repo", (getDb) => {
  it("inserts events with JSON payloads and filters by action prefix, entity and time", async () => {
    const db = getDb().db;
    const entityId = newId();
    const base = { actorUserId: null, actorLabel: "system", entityType: "progress_report", entityId, ip: null };
    await insertAuditEvent(db, {
      ...base,
      action: "report.submitted",
      before: { status: "draft" },
      after: { status: "submitted" },
      at: new Date("2025-03-01T00:00:00Z"),
    });
    await insertAuditEvent(db, {
      ...base,
      action: "report.returned",
      before: null,
      after: { comment: "Bổ sung số liệu" },
      at: new Date("2025-03-05T00:00:00Z"),
    });
    const all = await listAuditEvents(db, { entityId, action: "report.", limit: 10, offset: 0 });
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => r.action)).toEqual(["report.returned", "report.submitted"]);
    expect(JSON.parse(all.rows[0]!.after_json!)).toEqual({ comment: "Bổ sung số liệu" });
    expect(all.rows[0]!.before_json).toBeNull();
    const exact = await listAuditEvents(db, { entityId, action: "report.submitted", limit: 10, offset: 0 });
    expect(exact.total).toBe(1);
    const late = await listAuditEvents(db, { entityId, from: "2025-03-02", limit: 10, offset: 0 });
    expect(late.rows.map((r) => r.action)).toEqual(["report.returned"]);
    const none = await listAuditEvents(db, { entityId, action: "report", limit: 10, offset: 0 });
    expect(none.total).toBe(0);
  });
});
