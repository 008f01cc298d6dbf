import { describe, expect, it } from "vitest";
import type { PlanV1 } from "../../core/plan-v1.js";
import type { UnitMatchDto } from "../api-types.js";
import { sameIssuer, titleSimilarity } from "./import-review.js";
import { buildPlanGraph } from "./plan-graph.js";

const doc: PlanV1 = {
  format: "tiendo.plan.v1",
  source: "kh.txt",
  plan: {
    doc_type: "Kế hoạch",
    number: "12/KH-UBND",
    issuer: "Ủy ban nhân dân quận Thử",
    issued_at: "2025-02-10",
    place: "Thử",
    title: "Chuyển đổi số năm 2025",
    period: { start: "2025-01-01", end: "2025-12-31" },
    signer: "Nguyễn Văn A",
  },
  references: [],
  groups: [{ ref: "1", title: "Hạ tầng số" }],
  tasks: [
    {
      ref: "1.1",
      group: "1",
      title: "Nâng cấp mạng",
      lead: ["Phòng Văn hóa"],
      support: ["UBND các phường", "Phòng Văn hóa"],
      product: null,
      timeframe: { text: "Tháng 6/2025", kind: "by", start: null, end: "2025-06-30", deadlines: [] },
    },
    {
      ref: "1.2",
      group: "1",
      title: "Tuyên truyền",
      lead: ["Phòng Văn hóa"],
      support: ["Đơn vị lạ"],
      product: "Báo cáo",
      timeframe: { text: null, kind: "unspecified", start: null, end: null, deadlines: [] },
    },
  ],
  reporting: [
    {
      text: "hằng quý trước ngày 20",
      frequency: "quarterly",
      day: 20,
      month: null,
      month_in_period: null,
      recipient: null,
    },
  ],
  targets: [{ text: "100% phường", metric: null, comparator: "=", value: 100, unit: "%", owner: "Phòng Văn hóa" }],
  emulation: null,
};

const matches: UnitMatchDto[] = [
  {
    name: "Phòng Văn hóa",
    roles: ["lead", "support"],
    taskIndexes: [0, 1],
    candidates: [],
    chosen: {
      id: "vh",
      name: "Phòng Văn hóa",
      type: "unit",
      confidence: 1,
      members: [],
      excludedUnitIds: [],
      auto: true,
    },
  },
  {
    name: "UBND các phường",
    roles: ["support"],
    taskIndexes: [0],
    candidates: [],
    chosen: {
      id: "g",
      name: "UBND các phường",
      type: "group",
      confidence: 1,
      members: [
        { id: "p1", name: "Phường 1" },
        { id: "p2", name: "Phường 2" },
        { id: "p3", name: "Phường 3" },
      ],
      excludedUnitIds: ["p2"],
      auto: false,
    },
  },
  { name: "Đơn vị lạ", roles: ["support"], taskIndexes: [1], candidates: [], chosen: null },
];

describe("buildPlanGraph", () => {
  const graph = buildPlanGraph({
    document: doc,
    planId: "plan",
    issuerUnitId: "quan",
    matches,
    sourceFileId: "f",
    sourceSha256: "abc",
    superiorPlanIds: ["sup", "sup"],
    taskParents: { "1": { parentTaskId: "parent", weight: 2 } },
    actorId: "u",
    now: "2025-03-01T00:00:00.000Z",
  });

  it("writes the plan header as published revision 1 with its source", () => {
    expect(graph.plan).toMatchObject({
      id: "plan",
      status: "published",
      revision: 1,
      issuer_unit_id: "quan",
      source_sha256: "abc",
      period_start: "2025-01-01",
      period_end: "2025-12-31",
      is_stub: 0,
    });
  });

  it("keeps groups and task timeframes, with due dates from core (unspecified inherits the plan end)", () => {
    const [t1, t2] = graph.tasks!;
    expect(t1).toMatchObject({
      group_id: graph.groups![0]!.id,
      tf_kind: "by",
      due_date: "2025-06-30",
      parent_task_id: null,
    });
    expect(t2).toMatchObject({ due_date: "2025-12-31", parent_task_id: "parent", parent_weight: 2 });
  });

  it("expands groups to members minus exclusions, once per unit, leads first; skips unresolved names", () => {
    const t1 = graph.tasks![0]!.id;
    const rows = graph.assignments!.filter((a) => a.task_id === t1);
    expect(rows.map((a) => [a.unit_id, a.role, a.unit_group_id])).toEqual([
      ["vh", "lead", null],
      ["p1", "support", "g"],
      ["p3", "support", "g"],
    ]);
    expect(rows[1]!.printed_name).toBe("UBND các phường");
    const t2 = graph.tasks![1]!.id;
    expect(graph.assignments!.filter((a) => a.task_id === t2).map((a) => a.unit_id)).toEqual(["vh"]);
  });

  it("generates the concrete periods of each regime and links each superior plan once", () => {
    expect(graph.periods!.map((p) => p.period_key)).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
    expect(graph.periods!.every((p) => p.regime_id === graph.regimes![0]!.id)).toBe(true);
    expect(graph.links).toEqual([{ superior_plan_id: "sup", reference_text: null }]);
    expect(graph.targets![0]).toMatchObject({ owner_unit_id: "vh", owner_text: "Phòng Văn hóa" });
  });
});

describe("titleSimilarity / sameIssuer", () => {
  it.each([
    ["Tuyên truyền chuyển đổi số", "Tuyen truyen chuyen doi so", 1],
    ["Phát triển hạ tầng số", "Phát triển hạ tầng số trên địa bàn", 0.6],
  ])("%s ~ %s ≥ %d", (a, b, min) => {
    expect(titleSimilarity(a, b)).toBeGreaterThanOrEqual(min);
  });

  it("scores unrelated titles low", () => {
    expect(titleSimilarity("Tuyên truyền chuyển đổi số", "Kiểm tra an toàn thực phẩm")).toBeLessThan(0.3);
  });

  it("compares issuers through abbreviations", () => {
    expect(sameIssuer("UBND tỉnh Hưng Yên", "Ủy ban nhân dân tỉnh Hưng Yên")).toBe(true);
    expect(sameIssuer("UBND tỉnh Hưng Yên", "Ủy ban nhân dân thành phố Hà Nội")).toBe(false);
  });
});
