import { describe, expect, it } from "vitest";
import type { ActorMembership, UserActor } from "../context.js";
import type { AppError } from "../errors.js";
import { abilities, allowedIds, authorize, can } from "./index.js";

const actor = (memberships: ActorMembership[], extra: Partial<UserActor> = {}): UserActor => ({
  kind: "user",
  id: "u1",
  username: "canbo",
  displayName: "Cán bộ",
  isAdmin: false,
  memberships,
  via: "session",
  sessionId: "s1",
  tokenId: null,
  ...extra,
});

// Thành phố → quận Gò Vấp → Phường 1; a sibling district elsewhere.
const city = ["hcm"];
const district = ["govap", "hcm"];
const ward = ["p1", "govap", "hcm"];
const otherDistrict = ["q1", "hcm"];

const report = (
  unitPath: string[],
  status: "draft" | "submitted" | "approved" | "returned" | "accepted" = "draft",
) => ({
  id: `r-${unitPath[0]}-${status}`,
  status,
  unitPath,
  planIssuerUnitPath: district,
});

describe("policies", () => {
  it("a role at a unit reaches the unit's whole subtree but not its parent or siblings", () => {
    const coordinator = actor([{ unitId: "govap", unitName: "Quận Gò Vấp", role: "admin" }]);
    expect(can(coordinator, "unit.manage", { id: "govap", unitPath: district })).toBe(true);
    expect(can(coordinator, "unit.manage", { id: "p1", unitPath: ward })).toBe(true);
    expect(can(coordinator, "unit.manage", { id: "hcm", unitPath: city })).toBe(false);
    expect(can(coordinator, "unit.manage", { id: "q1", unitPath: otherDistrict })).toBe(false);
  });

  it("a reporter cannot manage users, read the audit log or create accounts", () => {
    const reporter = actor([{ unitId: "p1", unitName: "Phường 1", role: "reporter" }]);
    expect(can(reporter, "user.list", null)).toBe(false);
    expect(can(reporter, "user.create", null)).toBe(false);
    expect(can(reporter, "audit.read", null)).toBe(false);
    expect(() => authorize(reporter, "user.create", null)).toThrowError(
      expect.objectContaining({ code: "FORBIDDEN" }) as unknown as Error,
    );
    const sysadmin = actor([], { isAdmin: true });
    expect(can(sysadmin, "user.create", null)).toBe(true);
    expect(can(sysadmin, "audit.read", null)).toBe(true);
  });

  it("a reporter edits and submits their own unit's draft, a leader approves, the issuer's coordinator reviews", () => {
    const reporter = actor([{ unitId: "p1", unitName: "Phường 1", role: "reporter" }]);
    const leader = actor([{ unitId: "p1", unitName: "Phường 1", role: "leader" }]);
    const coordinator = actor([{ unitId: "govap", unitName: "Quận Gò Vấp", role: "coordinator" }]);
    expect(can(reporter, "report.submit", report(ward))).toBe(true);
    expect(can(reporter, "report.submit", report(otherDistrict))).toBe(false);
    expect(can(reporter, "report.approve", report(ward, "submitted"))).toBe(false);
    expect(can(leader, "report.approve", report(ward, "submitted"))).toBe(true);
    expect(can(leader, "report.approve", report(ward, "draft"))).toBe(false);
    expect(can(coordinator, "report.review", report(ward, "approved"))).toBe(true);
    expect(can(reporter, "report.review", report(ward, "approved"))).toBe(false);
  });

  it("refusing an action on something the actor cannot read is 404, on something readable 403", () => {
    const reporter = actor([{ unitId: "p1", unitName: "Phường 1", role: "reporter" }]);
    const err = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return (e as AppError).code;
      }
      return "allowed";
    };
    expect(err(() => authorize(reporter, "report.submit", report(otherDistrict)))).toBe("NOT_FOUND");
    expect(err(() => authorize(reporter, "report.approve", report(ward, "submitted")))).toBe("FORBIDDEN");
    expect(err(() => authorize(reporter, "token.revoke", { id: "t", userId: "someone-else" }))).toBe("NOT_FOUND");
    expect(err(() => authorize(reporter, "token.revoke", { id: "t", userId: "u1" }))).toBe("allowed");
    expect(err(() => authorize(null, "unit.read", { id: "p1", unitPath: ward }))).toBe("UNAUTHENTICATED");
  });

  it("the bulk form returns exactly the allowed ids; abilities serialize the same answers", () => {
    const leader = actor([{ unitId: "p1", unitName: "Phường 1", role: "leader" }]);
    const reports = [report(ward, "submitted"), report(otherDistrict, "submitted"), report(ward, "draft")];
    expect(allowedIds(leader, "report.approve", reports)).toEqual(new Set([reports[0]!.id]));
    expect(abilities(leader, ["report.read", "report.approve", "report.review"], reports[0]!)).toEqual({
      "report.read": true,
      "report.approve": true,
      "report.review": false,
    });
  });

  it("an API token cannot mint tokens; the system actor may do everything", () => {
    expect(can(actor([], { via: "token" }), "token.create", null)).toBe(false);
    expect(can(actor([], { via: "session" }), "token.create", null)).toBe(true);
    expect(can({ kind: "system", label: "cli" }, "audit.read", null)).toBe(true);
  });

  it("draft plans are visible only inside the issuer's subtree; published plans to everyone", () => {
    const outsider = actor([{ unitId: "q1", unitName: "Quận 1", role: "coordinator" }]);
    const insider = actor([{ unitId: "p1", unitName: "Phường 1", role: "viewer" }]);
    const draft = { id: "k1", status: "draft" as const, issuerUnitPath: ward };
    expect(can(outsider, "plan.read", draft)).toBe(false);
    expect(can(insider, "plan.read", draft)).toBe(true);
    expect(can(outsider, "plan.read", { ...draft, status: "published" })).toBe(true);
    expect(can(insider, "plan.publish", draft)).toBe(false);
  });
});
