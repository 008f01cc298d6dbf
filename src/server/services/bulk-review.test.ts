import { describe, expect, it } from "vitest";
import type { ProgressReport, ReportingPeriod, ReportStatus, Role, Unit } from "../../store/schema.js";
import type { UserActor } from "../context.js";
import {
  BULK_FORBIDDEN_MESSAGE,
  type BulkReviewSnapshot,
  bulkReviewResult,
  distinctIds,
  planBulkReview,
} from "./bulk-review.js";

const person = (unitId: string, role: Role): UserActor => ({
  kind: "user",
  id: `u-${role}`,
  username: role,
  displayName: role,
  isAdmin: false,
  memberships: [{ unitId, unitName: unitId, role }],
  via: "session",
  sessionId: null,
  tokenId: null,
});

const coordinator = person("issuer", "coordinator");
const unit = (id: string, name = `Phường ${id}`) => ({ id, name }) as Unit;
const report = (unitId: string, status: ReportStatus) =>
  ({ id: `r-${unitId}`, unit_id: unitId, status, version: 3 }) as ProgressReport;

function snapshot(reports: ProgressReport[], opts: { locked?: boolean } = {}): BulkReviewSnapshot {
  const ids = ["1", "2", "3", "4", "5"];
  return {
    period: { id: "p", label: "Quý I/2025", locked: opts.locked ? 1 : 0 } as ReportingPeriod,
    issuerPath: ["issuer"],
    units: new Map([...ids, "x"].map((id) => [id, unit(id)])),
    paths: new Map(ids.map((id) => [id, [id, "issuer"]])),
    assigned: new Set(ids),
    reports: new Map(reports.map((r) => [r.unit_id, r])),
  };
}

describe("planBulkReview", () => {
  const s = snapshot([
    report("1", "submitted"),
    report("2", "approved"),
    report("3", "draft"),
    report("4", "accepted"),
  ]);

  it("runs submitted and approved reports and says why each other one is refused, once per unit in order", () => {
    const steps = planBulkReview(coordinator, "accept", ["1", "2", "3", "4", "5", "x", "nope", "1"], s);
    expect(steps.map((st) => st.unitId)).toEqual(["1", "2", "3", "4", "5", "x", "nope"]);
    expect(steps.map((st) => st.kind)).toEqual(["run", "run", "refused", "refused", "refused", "refused", "refused"]);
    const reasons = steps.map((st) => (st.kind === "refused" ? [st.error.code, st.error.message, st.status] : null));
    expect(reasons.slice(2)).toEqual([
      ["STATE", "Báo cáo chưa được nộp.", "draft"],
      ["STATE", "Báo cáo đã được tiếp nhận trước đó.", "accepted"],
      // Assigned but never started: no report, no status.
      ["STATE", "Báo cáo chưa được nộp.", undefined],
      ["NOT_FOUND", "Đơn vị không được giao nhiệm vụ nào trong kế hoạch này.", undefined],
      ["NOT_FOUND", "Không tìm thấy đơn vị.", undefined],
    ]);
    expect(steps[0]).toMatchObject({ kind: "run", unitName: "Phường 1", report: { id: "r-1" } });
  });

  it("words a returned report for the return action as well", () => {
    const [step] = planBulkReview(coordinator, "return", ["5"], snapshot([report("5", "returned")]));
    expect(step).toMatchObject({
      kind: "refused",
      error: { message: "Báo cáo đã được trả lại, đơn vị chưa nộp lại." },
    });
  });

  it("refuses every report of a locked period with the lock as reason", () => {
    const steps = planBulkReview(
      coordinator,
      "return",
      ["1", "3"],
      snapshot([report("1", "submitted")], { locked: true }),
    );
    for (const st of steps) {
      expect(st.kind).toBe("refused");
      if (st.kind === "refused") expect(st.error.message).toContain("“Quý I/2025” đã bị khóa, không thể trả lại");
    }
  });

  it("refuses per item whoever may read but not review (the route refuses such users as a whole first)", () => {
    const viewer = person("issuer", "viewer");
    const [step] = planBulkReview(viewer, "accept", ["1"], s);
    expect(step).toMatchObject({ kind: "refused", error: { code: "FORBIDDEN" } });
    expect(BULK_FORBIDDEN_MESSAGE).toMatch(/cơ quan chủ trì/);
    // Someone with no view of the unit or the issuer does not learn that the report exists.
    const [hidden] = planBulkReview(person("elsewhere", "coordinator"), "accept", ["1"], s);
    expect(hidden).toMatchObject({ kind: "refused", error: { code: "NOT_FOUND" } });
  });
});

describe("distinctIds and bulkReviewResult", () => {
  it("keeps the first occurrence of each id and counts the outcomes", () => {
    expect(distinctIds(["b", "a", "b", "c", "a"])).toEqual(["b", "a", "c"]);
    expect(
      bulkReviewResult("accept", [
        { unitId: "a", unitName: "A", ok: true, status: "accepted" },
        { unitId: "b", unitName: "B", ok: false, error: { code: "STATE", message: "x" } },
      ]),
    ).toMatchObject({ action: "accept", okCount: 1, failedCount: 1 });
  });
});
