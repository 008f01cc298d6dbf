import { expect, it } from "vitest";
import { newId } from "../ids.js";
import { describeEachEngine } from "../testing.js";
import { countRecentFailures, deleteLoginAttemptsBefore, insertLoginAttempt } from "./login-attempts.js";

describeEachEngine("login-attempts repo", (getDb) => {
  it("counts failures after the window start and after the last success, per username and/or IP", async () => {
    const db = getDb().db;
    const username = `la${newId().slice(0, 8)}`;
    const add = (at: string, success: boolean, ip = "10.0.0.1") =>
      insertLoginAttempt(db, { id: newId(), username, ip, success, createdAt: at });
    await add("2025-01-01T08:00:00.000Z", false);
    await add("2025-01-01T08:01:00.000Z", true);
    await add("2025-01-01T08:02:00.000Z", false);
    await add("2025-01-01T08:03:00.000Z", false, "10.0.0.2");
    const since = "2025-01-01T07:00:00.000Z";
    expect(await countRecentFailures(db, { username }, since)).toBe(2);
    expect(await countRecentFailures(db, { username, ip: "10.0.0.1" }, since)).toBe(1);
    expect(await countRecentFailures(db, { username }, "2025-01-01T08:02:30.000Z")).toBe(1);
    expect(await deleteLoginAttemptsBefore(db, "2025-01-01T08:01:30.000Z")).toBeGreaterThanOrEqual(2);
    expect(await countRecentFailures(db, { username }, since)).toBe(2);
  });
});
