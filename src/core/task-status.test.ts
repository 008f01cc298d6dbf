import { describe, expect, it } from "vitest";
import type { Timeframe } from "./plan-v1.js";
import {
  completionRate,
  countStatuses,
  deriveTaskStatus,
  effectiveDueDate,
  evaluateTask,
  isCompleted,
  isDueSoon,
  nextDeadline,
  TASK_STATUS_LABEL,
  TASK_STATUSES,
  type TaskReportFact,
  type TaskStatus,
} from "./task-status.js";

const tf = (
  kind: Timeframe["kind"],
  start: string | null = null,
  end: string | null = null,
  deadlines: string[] = [],
) => ({
  kind,
  start,
  end,
  deadlines,
});
const PLAN = { start: "2025-01-01", end: "2025-12-31" };

const KINDS = {
  by: tf("by", null, "2025-09-30"),
  period: tf("period", "2025-04-01", "2025-05-31"),
  unspecified: tf("unspecified"),
  conditional: tf("conditional"),
  conditionalDated: tf("conditional", null, "2025-10-15"),
  ongoing: tf("ongoing"),
  recurring: tf("recurring"),
} as const;

const started: TaskReportFact = {
  periodEnd: "2025-02-14",
  acceptedAt: "2025-02-20",
  status: "in_progress",
  percent: 40,
  completedOn: null,
};
const SITUATIONS: Record<string, TaskReportFact[]> = {
  none: [],
  started: [started],
  doneEarly: [
    { periodEnd: "2025-02-14", acceptedAt: "2025-02-20", status: "done", percent: 100, completedOn: "2025-02-10" },
  ],
  doneLate: [
    started,
    // Accepted 20/12 10:00 Vietnam time; only counts from then on.
    {
      periodEnd: "2025-12-14",
      acceptedAt: "2025-12-20T03:00:00Z",
      status: "done",
      percent: 100,
      completedOn: "2025-12-01",
    },
  ],
  paused: [{ periodEnd: "2025-02-14", acceptedAt: "2025-02-20", status: "paused", percent: 20, completedOn: null }],
  notAccepted: [{ ...started, acceptedAt: null }],
};

const T1 = "2025-03-01"; // before every due date
const T2 = "2025-10-10"; // after "by" (30/9) and "period" (31/5), 5 days before the dated conditional (15/10)
const T3 = "2026-01-10"; // after everything

const C: TaskStatus = "chua_thuc_hien";
const D: TaskStatus = "dang_thuc_hien";
const OK: TaskStatus = "hoan_thanh_dung_han";
const LATE: TaskStatus = "hoan_thanh_qua_han";
const OVER: TaskStatus = "qua_han_chua_hoan_thanh";
const TX: TaskStatus = "thuong_xuyen";
const P: TaskStatus = "tam_dung";

// kind → situation → [status at T1, T2, T3]
const EXPECTED: Record<keyof typeof KINDS, Record<keyof typeof SITUATIONS, [TaskStatus, TaskStatus, TaskStatus]>> = {
  by: {
    none: [C, OVER, OVER],
    started: [D, OVER, OVER],
    doneEarly: [OK, OK, OK],
    doneLate: [D, OVER, LATE],
    paused: [P, P, P],
    notAccepted: [C, OVER, OVER],
  },
  period: {
    none: [C, OVER, OVER],
    started: [D, OVER, OVER],
    doneEarly: [OK, OK, OK],
    doneLate: [D, OVER, LATE],
    paused: [P, P, P],
    notAccepted: [C, OVER, OVER],
  },
  unspecified: {
    none: [C, C, OVER],
    started: [D, D, OVER],
    doneEarly: [OK, OK, OK],
    doneLate: [D, D, OK],
    paused: [P, P, P],
    notAccepted: [C, C, OVER],
  },
  conditional: {
    none: [C, C, C],
    started: [D, D, D],
    doneEarly: [OK, OK, OK],
    doneLate: [D, D, OK],
    paused: [P, P, P],
    notAccepted: [C, C, C],
  },
  conditionalDated: {
    none: [C, C, OVER],
    started: [D, D, OVER],
    doneEarly: [OK, OK, OK],
    doneLate: [D, D, LATE],
    paused: [P, P, P],
    notAccepted: [C, C, OVER],
  },
  ongoing: {
    none: [TX, TX, TX],
    started: [TX, TX, TX],
    doneEarly: [TX, TX, TX],
    doneLate: [TX, TX, TX],
    paused: [P, P, P],
    notAccepted: [TX, TX, TX],
  },
  recurring: {
    none: [TX, TX, TX],
    started: [TX, TX, TX],
    doneEarly: [TX, TX, TX],
    doneLate: [TX, TX, TX],
    paused: [P, P, P],
    notAccepted: [TX, TX, TX],
  },
};

const CASES = Object.entries(EXPECTED).flatMap(([kind, bySituation]) =>
  Object.entries(bySituation).flatMap(([situation, statuses]) =>
    [T1, T2, T3].map((today, i) => [kind, situation, today, statuses[i]!] as const),
  ),
);

describe("deriveTaskStatus: timeframe kind × report situation × date", () => {
  it.each(CASES)("%s / %s / %s → %s", (kind, situation, today, want) => {
    const status = deriveTaskStatus({
      timeframe: KINDS[kind as keyof typeof KINDS],
      planPeriod: PLAN,
      reports: SITUATIONS[situation]!,
      today,
    });
    expect(status).toBe(want);
  });
});

describe("effectiveDueDate", () => {
  it.each([
    ["by", tf("by", null, "2025-09-30"), "2025-09-30"],
    ["by with deadlines only", tf("by", null, null, ["2024-10-01", "2025-10-01"]), "2025-10-01"],
    ["by with end and deadlines", tf("by", null, "2025-10-01", ["2024-10-01", "2025-10-01"]), "2025-10-01"],
    ["period", tf("period", "2025-04-01", "2025-05-31"), "2025-05-31"],
    ["unspecified → plan end", tf("unspecified"), "2025-12-31"],
    ["ongoing", tf("ongoing"), null],
    ["recurring with deadlines", tf("recurring", null, null, ["2025-10-01"]), null],
    ["conditional", tf("conditional"), null],
    ["conditional, date set", tf("conditional", null, "2025-10-15"), "2025-10-15"],
    ["by with an invalid end", tf("by", null, "2025-02-30"), null],
  ])("%s", (_name, timeframe, want) => {
    expect(effectiveDueDate(timeframe, PLAN)).toBe(want);
  });

  it("unspecified without a plan period has no due date", () => {
    expect(effectiveDueDate(tf("unspecified"), null)).toBeNull();
    expect(effectiveDueDate(tf("unspecified"), { start: null, end: null })).toBeNull();
  });
});

describe("nextDeadline", () => {
  const t = tf("by", null, "2025-10-01", ["2024-10-01", "2025-10-01"]);
  it.each([
    ["2024-05-01", "2024-10-01"],
    ["2024-10-02", "2025-10-01"],
    ["2025-10-02", null],
  ])("%s → %s", (today, want) => {
    expect(nextDeadline(t, PLAN, today)).toBe(want);
  });
});

describe("evaluateTask details", () => {
  const base = { timeframe: KINDS.by, planPeriod: PLAN, reports: [] as TaskReportFact[] };

  it.each([
    ["2025-09-22", false, 8],
    ["2025-09-23", true, 7],
    ["2025-09-30", true, 0],
    ["2025-10-01", false, -1],
  ])("due soon on %s = %s (%i days left)", (today, soon, left) => {
    const e = evaluateTask({ ...base, today });
    expect(e.dueSoon).toBe(soon);
    expect(e.daysLeft).toBe(left);
    expect(e.due).toBe("2025-09-30");
  });

  it("custom due-soon horizon", () => {
    expect(evaluateTask({ ...base, today: "2025-09-16", dueSoonDays: 14 }).dueSoon).toBe(true);
  });

  it("completed and paused tasks are never due soon", () => {
    const done = evaluateTask({ ...base, reports: SITUATIONS.doneEarly!, today: "2025-09-29" });
    expect([done.status, done.dueSoon, done.percent, done.completedOn]).toEqual([OK, false, 100, "2025-02-10"]);
    const paused = evaluateTask({ ...base, reports: SITUATIONS.paused!, today: "2025-09-29" });
    expect([paused.status, paused.dueSoon, paused.label]).toEqual([P, false, "Tạm dừng"]);
  });

  it("a coordinator's pause decision pauses the task", () => {
    expect(deriveTaskStatus({ ...base, today: T2, pausedAt: "2025-06-01T02:00:00.000Z" })).toBe(P);
    expect(deriveTaskStatus({ ...base, today: "2025-05-31", pausedAt: "2025-06-01" })).toBe(C);
    expect(deriveTaskStatus({ ...base, timeframe: KINDS.ongoing, today: T2, pausedAt: "2025-06-01" })).toBe(P);
  });

  it("counts unaccepted reports when asked", () => {
    expect(deriveTaskStatus({ ...base, reports: SITUATIONS.notAccepted!, today: T1, acceptedOnly: false })).toBe(D);
  });

  it("the latest report speaks: a reopened task is not done", () => {
    const reports: TaskReportFact[] = [
      { periodEnd: "2025-03-14", acceptedAt: "2025-03-20", status: "done", percent: 100, completedOn: "2025-03-10" },
      { periodEnd: "2025-06-14", acceptedAt: "2025-06-20", status: "in_progress", percent: 80, completedOn: null },
    ];
    const e = evaluateTask({ ...base, reports, today: "2025-07-01" });
    expect([e.status, e.percent]).toEqual([D, 80]);
  });

  it("done without a completion date uses the period end", () => {
    const reports: TaskReportFact[] = [
      { periodEnd: "2025-12-14", acceptedAt: "2025-12-20", status: "done", percent: null, completedOn: null },
    ];
    const e = evaluateTask({ ...base, reports, today: T3 });
    expect([e.status, e.completedOn]).toEqual([LATE, "2025-12-14"]);
  });

  it("not_started with a positive percent still counts as started; percents are clamped", () => {
    const reports: TaskReportFact[] = [
      { periodEnd: "2025-02-14", acceptedAt: "2025-02-20", status: "not_started", percent: 130, completedOn: null },
    ];
    const e = evaluateTask({ ...base, reports, today: T1 });
    expect([e.status, e.percent]).toEqual([D, 100]);
  });

  it("rejects an invalid today", () => {
    expect(() => deriveTaskStatus({ ...base, today: "2025-13-01" })).toThrow(RangeError);
  });
});

describe("labels and summaries", () => {
  it("has a Vietnamese label for every status", () => {
    expect(TASK_STATUSES.map((s) => TASK_STATUS_LABEL[s])).toEqual([
      "Chưa thực hiện",
      "Đang thực hiện",
      "Hoàn thành đúng hạn",
      "Hoàn thành quá hạn",
      "Quá hạn chưa hoàn thành",
      "Thường xuyên",
      "Tạm dừng",
    ]);
  });

  it("isDueSoon / isCompleted", () => {
    expect(isDueSoon(C, "2025-09-30", "2025-09-25")).toBe(true);
    expect(isDueSoon(OK, "2025-09-30", "2025-09-25")).toBe(false);
    expect(isDueSoon(C, null, "2025-09-25")).toBe(false);
    expect(isDueSoon(C, "2025-09-30", "2025-10-01")).toBe(false);
    expect(isCompleted(LATE)).toBe(true);
    expect(isCompleted(OVER)).toBe(false);
  });

  it("countStatuses and completionRate", () => {
    const counts = countStatuses([OK, OK, LATE, OVER, TX, TX, D]);
    expect(counts.total).toBe(7);
    expect(counts.hoan_thanh_dung_han).toBe(2);
    expect(counts.chua_thuc_hien).toBe(0);
    expect(completionRate(counts)).toBe(60);
    expect(completionRate(countStatuses([TX]))).toBeNull();
  });
});
