import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { PlanV1 } from "./plan-v1.js";
import { canPublish, type PlanProblem, problemsToFields, taskName, validatePlan } from "./plan-validation.js";

function basePlan(): PlanV1 {
  return {
    format: "tiendo.plan.v1",
    source: "002_f50e818c4aeba819.txt",
    plan: {
      doc_type: "Kế hoạch",
      number: "121/KH-UBND",
      issuer: "Ủy ban nhân dân thị xã Mỹ Hào",
      issued_at: "2025-04-25",
      place: "Mỹ Hào",
      title: "Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số thị xã Mỹ Hào năm 2025",
      period: { start: "2025-01-01", end: "2025-12-31" },
      signer: "Nguyễn Quốc Khánh",
    },
    references: [{ doc_type: "Kế hoạch", number: "82/KH-UBND", issued_at: "2025-04-16", issuer: "UBND tỉnh Hưng Yên" }],
    groups: [{ ref: "1", title: "Nâng cao nhận thức" }],
    tasks: [
      {
        ref: "1.1",
        group: "1",
        title: "Tuyên truyền, phổ biến",
        lead: ["Phòng Văn hóa, Khoa học và Thông tin thị xã"],
        support: ["Các phòng, ban, ngành thị xã", "UBND các xã, phường"],
        product: null,
        timeframe: { text: "Thường xuyên", kind: "ongoing", start: null, end: null, deadlines: [] },
      },
      {
        ref: "1.2",
        group: "1",
        title: "Xây dựng nền tảng số",
        lead: ["Phòng Kinh tế"],
        support: [],
        product: null,
        timeframe: { text: "Hoàn thành tháng 9/2025", kind: "by", start: null, end: "2025-09-30", deadlines: [] },
      },
    ],
    reporting: [
      {
        text: "định kỳ 03 tháng (trước ngày 03 của tháng cuối quý)",
        frequency: "quarterly",
        day: 3,
        month: null,
        month_in_period: 3,
        recipient: "Ủy ban nhân dân thị xã",
      },
    ],
    targets: [],
    emulation: null,
  };
}

type Mutation = (p: PlanV1) => void;
const brief = (ps: PlanProblem[]) => ps.map((p) => [p.severity, p.path, p.message]);

describe("validatePlan", () => {
  it("a complete plan has no problems", () => {
    expect(validatePlan(basePlan())).toEqual([]);
  });

  it.each<[string, Mutation, [string, string, string][]]>([
    [
      "task without lead",
      (p) => {
        p.tasks[1]!.lead = [];
      },
      [["error", "tasks.1.lead", "Nhiệm vụ 1.2 chưa có đơn vị chủ trì."]],
    ],
    [
      "task without ref or title",
      (p) => {
        p.tasks[1]!.ref = null;
        p.tasks[1]!.title = "  ";
      },
      [["error", "tasks.1.title", "Nhiệm vụ thứ 2 chưa có nội dung."]],
    ],
    [
      "blank and duplicate unit names, lead also support",
      (p) => {
        p.tasks[1]!.lead = ["Phòng Kinh tế", "", "phong kinh te"];
        p.tasks[1]!.support = ["Phòng Kinh tế"];
      },
      [
        ["error", "tasks.1.lead.1", "Nhiệm vụ 1.2: tên đơn vị chủ trì thứ 2 bị trống."],
        ["warning", "tasks.1.lead.2", 'Nhiệm vụ 1.2: đơn vị chủ trì "phong kinh te" được ghi hai lần.'],
        ["warning", "tasks.1.support.0", 'Nhiệm vụ 1.2: "Phòng Kinh tế" vừa là đơn vị chủ trì vừa là đơn vị phối hợp.'],
      ],
    ],
    [
      "timeframe start after end",
      (p) => {
        p.tasks[1]!.timeframe = { text: "x", kind: "period", start: "2025-06-01", end: "2025-05-31", deadlines: [] };
      },
      [["error", "tasks.1.timeframe", "Nhiệm vụ 1.2: ngày bắt đầu 01/06/2025 sau thời hạn 31/05/2025."]],
    ],
    [
      "timeframe with bad ISO dates",
      (p) => {
        p.tasks[1]!.timeframe = {
          text: "x",
          kind: "period",
          start: "2025-02-30",
          end: "31/12/2025",
          deadlines: ["2025-13-01"],
        };
      },
      [
        ["error", "tasks.1.timeframe.start", "Nhiệm vụ 1.2: ngày bắt đầu không hợp lệ."],
        ["error", "tasks.1.timeframe.end", "Nhiệm vụ 1.2: thời hạn không hợp lệ."],
        ["error", "tasks.1.timeframe.deadlines.0", "Nhiệm vụ 1.2: mốc thời hạn thứ 1 không hợp lệ."],
      ],
    ],
    [
      "'by' without a date",
      (p) => {
        p.tasks[1]!.timeframe = { text: "Hoàn thành sớm", kind: "by", start: null, end: null, deadlines: [] };
      },
      [["error", "tasks.1.timeframe.end", "Nhiệm vụ 1.2: thời hạn hoàn thành chưa có ngày cụ thể."]],
    ],
    [
      "'period' without start",
      (p) => {
        p.tasks[1]!.timeframe = { text: "x", kind: "period", start: null, end: "2025-05-31", deadlines: [] };
      },
      [
        [
          "error",
          "tasks.1.timeframe",
          "Nhiệm vụ 1.2: khoảng thời gian thực hiện cần có cả ngày bắt đầu và ngày kết thúc.",
        ],
      ],
    ],
    [
      "unknown timeframe kind",
      (p) => {
        (p.tasks[1]!.timeframe as { kind: string }).kind = "soon";
      },
      [["error", "tasks.1.timeframe.kind", 'Nhiệm vụ 1.2: loại thời gian thực hiện "soon" không hợp lệ.']],
    ],
    [
      "ongoing with dates",
      (p) => {
        p.tasks[0]!.timeframe.end = "2025-12-31";
      },
      [
        [
          "warning",
          "tasks.0.timeframe",
          'Nhiệm vụ 1.1: thời gian "thường xuyên" không dùng ngày bắt đầu, kết thúc; các ngày này sẽ bị bỏ qua.',
        ],
      ],
    ],
    [
      "task due after the plan",
      (p) => {
        p.tasks[1]!.timeframe.end = "2026-12-31";
      },
      [
        [
          "warning",
          "tasks.1.timeframe.end",
          "Nhiệm vụ 1.2: thời hạn 31/12/2026 vượt quá thời gian thực hiện kế hoạch (đến 31/12/2025).",
        ],
      ],
    ],
    [
      "plan period missing",
      (p) => {
        p.plan.period = null;
      },
      [["error", "plan.period", "Chưa xác định thời gian thực hiện kế hoạch (từ ngày, đến ngày)."]],
    ],
    [
      "plan period reversed",
      (p) => {
        p.plan.period = { start: "2025-12-31", end: "2025-01-01" };
      },
      [
        [
          "error",
          "plan.period",
          "Thời gian thực hiện kế hoạch không hợp lệ: ngày bắt đầu 31/12/2025 sau ngày kết thúc 01/01/2025.",
        ],
      ],
    ],
    [
      "plan period end missing",
      (p) => {
        p.plan.period = { start: "2025-01-01", end: null };
      },
      [["error", "plan.period.end", "Chưa có ngày kết thúc thời gian thực hiện kế hoạch."]],
    ],
    [
      "header fields",
      (p) => {
        p.plan.title = null;
        p.plan.number = null;
        p.plan.issuer = "";
        p.plan.issued_at = "?";
      },
      [
        ["error", "plan.title", "Kế hoạch chưa có trích yếu (tên kế hoạch)."],
        ["error", "plan.issued_at", "Ngày ban hành không hợp lệ."],
        ["warning", "plan.number", "Kế hoạch chưa có số ký hiệu."],
        ["warning", "plan.issuer", "Kế hoạch chưa có cơ quan ban hành."],
      ],
    ],
    [
      "no tasks",
      (p) => {
        p.tasks = [];
      },
      [["error", "tasks", "Kế hoạch chưa có nhiệm vụ nào."]],
    ],
    [
      "duplicate refs and unknown group",
      (p) => {
        p.tasks[1]!.ref = "1.1";
        p.tasks[1]!.group = "9";
      },
      [
        ["warning", "tasks.1.ref", "Nhiệm vụ 1.1 trùng số thứ tự với nhiệm vụ thứ 1."],
        ["warning", "tasks.1.group", "Nhiệm vụ 1.1 thuộc nhóm 9 nhưng không có nhóm này."],
      ],
    ],
    [
      "no reporting regime",
      (p) => {
        p.reporting = [];
      },
      [["warning", "reporting", "Kế hoạch chưa có chế độ báo cáo: sẽ không có kỳ báo cáo định kỳ nào được tạo."]],
    ],
    [
      "only adhoc reporting",
      (p) => {
        p.reporting = [
          {
            text: "khi có yêu cầu",
            frequency: "adhoc",
            day: null,
            month: null,
            month_in_period: null,
            recipient: "UBND",
          },
        ];
      },
      [["warning", "reporting", "Kế hoạch chỉ có báo cáo đột xuất: sẽ không có kỳ báo cáo định kỳ nào được tạo."]],
    ],
    [
      "reporting values out of range",
      (p) => {
        p.reporting = [
          { text: "x", frequency: "quarterly", day: 32, month: null, month_in_period: 5, recipient: "UBND" },
          { text: "y", frequency: "annual", day: 31, month: 11, month_in_period: null, recipient: null },
        ];
      },
      [
        ["error", "reporting.0.day", "Báo cáo hằng quý: ngày 32 không hợp lệ."],
        ["error", "reporting.0.month_in_period", "Báo cáo hằng quý: tháng trong quý phải từ 1 đến 3."],
        ["error", "reporting.1.day", "Báo cáo hằng năm: ngày 31/11 không tồn tại."],
        ["warning", "reporting.1.recipient", "Báo cáo hằng năm: chưa rõ nơi nhận báo cáo."],
      ],
    ],
    [
      "reporting without a due day, duplicate frequency, misplaced fields",
      (p) => {
        p.reporting = [
          { text: "x", frequency: "monthly", day: null, month: 5, month_in_period: 2, recipient: "UBND" },
          { text: "y", frequency: "monthly", day: 5, month: null, month_in_period: null, recipient: "UBND" },
        ];
      },
      [
        [
          "warning",
          "reporting.0.month_in_period",
          'Báo cáo hằng tháng: "tháng trong kỳ" chỉ dùng cho báo cáo quý; sẽ bị bỏ qua.',
        ],
        ["warning", "reporting.0.month", "Báo cáo hằng tháng: tháng 5 không dùng cho kỳ báo cáo này; sẽ bị bỏ qua."],
        [
          "warning",
          "reporting.0.day",
          "Báo cáo hằng tháng: chưa có hạn nộp; mặc định ngày 20 của tháng cuối kỳ (Nghị định 09/2019/NĐ-CP).",
        ],
        ["warning", "reporting.1", "Báo cáo hằng tháng được quy định hai lần; kỳ báo cáo lấy theo quy định thứ 1."],
      ],
    ],
    [
      "targets and emulation phases",
      (p) => {
        p.targets = [
          { text: "trên 50% trường học", metric: null, comparator: ">", value: null, unit: "%", owner: null },
        ];
        p.emulation = {
          name: "Thi đua",
          standing_body: null,
          subjects: [],
          contents: [],
          phases: [{ name: "Giai đoạn 1", start: "2027-12-31", end: "2025-01-01", milestone: null }],
          criteria: [],
          awards: [],
        };
      },
      [
        ["error", "emulation.phases.0", "Giai đoạn 1: ngày bắt đầu sau ngày kết thúc."],
        ["warning", "targets.0.value", "Chỉ tiêu thứ 1 có phép so sánh nhưng chưa có giá trị."],
      ],
    ],
    [
      "wrong format",
      (p) => {
        (p as { format: string }).format = "tiendo.plan.v0";
      },
      [["error", "format", 'Định dạng không đúng: cần "tiendo.plan.v1".']],
    ],
  ])("%s", (_name, mutate, want) => {
    const p = basePlan();
    mutate(p);
    expect(brief(validatePlan(p))).toEqual(want);
  });
});

describe("helpers", () => {
  it("taskName", () => {
    expect(taskName({ ref: "III.2.3" }, 7)).toBe("Nhiệm vụ III.2.3");
    expect(taskName({ ref: null }, 7)).toBe("Nhiệm vụ thứ 8");
  });

  it("canPublish and problemsToFields", () => {
    const p = basePlan();
    p.tasks[1]!.lead = [];
    p.reporting = [];
    const problems = validatePlan(p);
    expect(canPublish(problems)).toBe(false);
    expect(problemsToFields(problems)).toEqual({
      "tasks.1.lead": "Nhiệm vụ 1.2 chưa có đơn vị chủ trì.",
      reporting: "Kế hoạch chưa có chế độ báo cáo: sẽ không có kỳ báo cáo định kỳ nào được tạo.",
    });
    expect(canPublish(validatePlan(basePlan()))).toBe(true);
  });
});

const GOLD = "/work/shared/seeds/gold";
describe.skipIf(!existsSync(GOLD))("seed gold plans", () => {
  it.each(existsSync(GOLD) ? readdirSync(GOLD).filter((f) => f.endsWith(".json")) : [])(
    "%s: only the gold '?' markers are errors",
    (f) => {
      const doc = JSON.parse(readFileSync(`${GOLD}/${f}`, "utf8")) as PlanV1;
      const errors = validatePlan(doc).filter((p) => p.severity === "error");
      for (const e of errors) expect(JSON.stringify(getPath(doc, e.path))).toContain("?");
    },
  );
});

function getPath(doc: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], doc);
}
