/**
 * Checks a reviewed tiendo.plan.v1 document before it is published. Each problem has a path into the document
 * (the PlanSpans convention: "plan.period", "tasks.3.lead", "reporting.0.day"), a Vietnamese message ready for the
 * review screen, a severity and a stable code.
 *
 * Errors block publishing: what the published plan cannot work without (title, a valid plan period, tasks with a
 * title and a lead unit, well-formed dates, timeframes whose kind has the dates it needs, reporting rules with
 * possible dates). Warnings are shown and may be accepted (missing number, tasks outside the plan period, no
 * reporting regime, default due dates, unknown groups, duplicate refs…).
 */
import { compareDates, daysInMonth, formatDateVi, type IsoDate, isIsoDate } from "./dates.js";
import { PLAN_FORMAT, type PlanTask, type PlanV1, type ReportingRule, type Timeframe } from "./plan-v1.js";
import { DEFAULT_DUE_DAY } from "./reporting-calendar.js";
import { searchKey } from "./text.js";

export type ProblemSeverity = "error" | "warning";

export type ProblemCode =
  | "format"
  | "required"
  | "invalid_date"
  | "date_order"
  | "out_of_period"
  | "timeframe_kind"
  | "timeframe_dates"
  | "empty_unit"
  | "duplicate_unit"
  | "lead_and_support"
  | "duplicate_ref"
  | "unknown_group"
  | "no_tasks"
  | "no_reporting"
  | "reporting_value"
  | "reporting_default_due"
  | "reporting_duplicate"
  | "reporting_recipient"
  | "target_value";

export interface PlanProblem {
  path: string;
  message: string;
  severity: ProblemSeverity;
  code: ProblemCode;
}

const TIMEFRAME_KINDS: readonly Timeframe["kind"][] = [
  "ongoing",
  "recurring",
  "by",
  "period",
  "conditional",
  "unspecified",
];
const FREQUENCIES: readonly ReportingRule["frequency"][] = ["monthly", "quarterly", "semiannual", "annual", "adhoc"];

const FREQUENCY_VI: Record<ReportingRule["frequency"], string> = {
  monthly: "hằng tháng",
  quarterly: "hằng quý",
  semiannual: "6 tháng",
  annual: "hằng năm",
  adhoc: "đột xuất",
};

/** "Nhiệm vụ 1.2", or "Nhiệm vụ thứ 4" for a task without a ref. */
export function taskName(task: Pick<PlanTask, "ref">, index: number): string {
  const ref = task.ref?.trim();
  return ref ? `Nhiệm vụ ${ref}` : `Nhiệm vụ thứ ${index + 1}`;
}

function blank(s: string | null | undefined): boolean {
  return s == null || s.trim() === "";
}

/** Every problem of the document, errors first, then in document order. */
export function validatePlan(doc: PlanV1): PlanProblem[] {
  const out: PlanProblem[] = [];
  const err = (path: string, code: ProblemCode, message: string) =>
    out.push({ path, code, message, severity: "error" });
  const warn = (path: string, code: ProblemCode, message: string) =>
    out.push({ path, code, message, severity: "warning" });

  if (doc.format !== PLAN_FORMAT) err("format", "format", `Định dạng không đúng: cần "${PLAN_FORMAT}".`);

  // ---- plan header
  const plan = doc.plan;
  if (blank(plan?.title)) err("plan.title", "required", "Kế hoạch chưa có trích yếu (tên kế hoạch).");
  if (blank(plan?.number)) warn("plan.number", "required", "Kế hoạch chưa có số ký hiệu.");
  if (blank(plan?.issuer)) warn("plan.issuer", "required", "Kế hoạch chưa có cơ quan ban hành.");
  if (plan?.issued_at == null) warn("plan.issued_at", "required", "Kế hoạch chưa có ngày ban hành.");
  else if (!isIsoDate(plan.issued_at)) err("plan.issued_at", "invalid_date", "Ngày ban hành không hợp lệ.");

  let periodStart: IsoDate | null = null;
  let periodEnd: IsoDate | null = null;
  const period = plan?.period ?? null;
  if (period === null || (period.start == null && period.end == null)) {
    err("plan.period", "required", "Chưa xác định thời gian thực hiện kế hoạch (từ ngày, đến ngày).");
  } else {
    if (period.start == null)
      err("plan.period.start", "required", "Chưa có ngày bắt đầu thời gian thực hiện kế hoạch.");
    else if (!isIsoDate(period.start)) err("plan.period.start", "invalid_date", "Ngày bắt đầu kế hoạch không hợp lệ.");
    else periodStart = period.start;
    if (period.end == null) err("plan.period.end", "required", "Chưa có ngày kết thúc thời gian thực hiện kế hoạch.");
    else if (!isIsoDate(period.end)) err("plan.period.end", "invalid_date", "Ngày kết thúc kế hoạch không hợp lệ.");
    else periodEnd = period.end;
    if (periodStart && periodEnd && compareDates(periodStart, periodEnd) > 0) {
      err(
        "plan.period",
        "date_order",
        `Thời gian thực hiện kế hoạch không hợp lệ: ngày bắt đầu ${formatDateVi(periodStart)} sau ngày kết thúc ${formatDateVi(periodEnd)}.`,
      );
      periodStart = periodEnd = null;
    }
  }
  if (isIsoDate(plan?.issued_at) && periodEnd && compareDates(plan.issued_at, periodEnd) > 0) {
    warn(
      "plan.issued_at",
      "out_of_period",
      `Ngày ban hành ${formatDateVi(plan.issued_at)} sau khi kết thúc thời gian thực hiện kế hoạch (${formatDateVi(periodEnd)}).`,
    );
  }

  // ---- references
  (doc.references ?? []).forEach((r, i) => {
    if (r.issued_at != null && !isIsoDate(r.issued_at)) {
      err(`references.${i}.issued_at`, "invalid_date", `Văn bản căn cứ thứ ${i + 1}: ngày ban hành không hợp lệ.`);
    }
  });

  // ---- groups
  const groupRefs = new Set<string>();
  (doc.groups ?? []).forEach((g, i) => {
    if (blank(g.ref)) err(`groups.${i}.ref`, "required", `Nhóm nhiệm vụ thứ ${i + 1} chưa có số thứ tự.`);
    else if (groupRefs.has(g.ref)) warn(`groups.${i}.ref`, "duplicate_ref", `Số thứ tự nhóm ${g.ref} bị trùng.`);
    else groupRefs.add(g.ref);
    if (blank(g.title)) err(`groups.${i}.title`, "required", `Nhóm nhiệm vụ ${g.ref || i + 1} chưa có tên.`);
  });

  // ---- tasks
  const tasks = doc.tasks ?? [];
  if (tasks.length === 0) err("tasks", "no_tasks", "Kế hoạch chưa có nhiệm vụ nào.");
  const seenRefs = new Map<string, number>();
  tasks.forEach((t, i) => {
    const name = taskName(t, i);
    const at = `tasks.${i}`;
    if (blank(t.title)) err(`${at}.title`, "required", `${name} chưa có nội dung.`);
    const ref = t.ref?.trim();
    if (ref) {
      const first = seenRefs.get(ref);
      if (first !== undefined) {
        warn(`${at}.ref`, "duplicate_ref", `${name} trùng số thứ tự với nhiệm vụ thứ ${first + 1}.`);
      } else seenRefs.set(ref, i);
    }
    if (t.group != null && groupRefs.size > 0 && !groupRefs.has(t.group)) {
      warn(`${at}.group`, "unknown_group", `${name} thuộc nhóm ${t.group} nhưng không có nhóm này.`);
    }
    checkUnits(t, i, name, err, warn);
    checkTimeframe(t.timeframe, `${at}.timeframe`, name, periodStart, periodEnd, err, warn);
  });

  // ---- reporting regime
  checkReporting(doc.reporting ?? [], err, warn);

  // ---- targets
  (doc.targets ?? []).forEach((t, i) => {
    if (blank(t.text)) err(`targets.${i}.text`, "required", `Chỉ tiêu thứ ${i + 1} chưa có nội dung.`);
    if (t.comparator != null && (t.value == null || !Number.isFinite(t.value))) {
      warn(`targets.${i}.value`, "target_value", `Chỉ tiêu thứ ${i + 1} có phép so sánh nhưng chưa có giá trị.`);
    }
  });

  // ---- emulation phases
  (doc.emulation?.phases ?? []).forEach((p, i) => {
    const at = `emulation.phases.${i}`;
    if (p.start != null && !isIsoDate(p.start))
      err(`${at}.start`, "invalid_date", `${p.name}: ngày bắt đầu không hợp lệ.`);
    if (p.end != null && !isIsoDate(p.end)) err(`${at}.end`, "invalid_date", `${p.name}: ngày kết thúc không hợp lệ.`);
    if (isIsoDate(p.start) && isIsoDate(p.end) && compareDates(p.start, p.end) > 0) {
      err(at, "date_order", `${p.name}: ngày bắt đầu sau ngày kết thúc.`);
    }
  });

  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
}

type Report = (path: string, code: ProblemCode, message: string) => void;

function checkUnits(t: PlanTask, i: number, name: string, err: Report, warn: Report) {
  const at = `tasks.${i}`;
  const lead = t.lead ?? [];
  const support = t.support ?? [];
  if (lead.filter((u) => !blank(u)).length === 0) err(`${at}.lead`, "required", `${name} chưa có đơn vị chủ trì.`);
  const keys = new Map<string, string>();
  for (const [role, list, label] of [
    ["lead", lead, "chủ trì"],
    ["support", support, "phối hợp"],
  ] as const) {
    const seen = new Set<string>();
    list.forEach((u, j) => {
      if (blank(u)) {
        err(`${at}.${role}.${j}`, "empty_unit", `${name}: tên đơn vị ${label} thứ ${j + 1} bị trống.`);
        return;
      }
      const key = searchKey(u);
      if (seen.has(key)) {
        warn(`${at}.${role}.${j}`, "duplicate_unit", `${name}: đơn vị ${label} "${u}" được ghi hai lần.`);
        return;
      }
      seen.add(key);
      if (role === "support" && keys.get(key) === "lead") {
        warn(`${at}.support.${j}`, "lead_and_support", `${name}: "${u}" vừa là đơn vị chủ trì vừa là đơn vị phối hợp.`);
      }
      if (!keys.has(key)) keys.set(key, role);
    });
  }
}

function checkTimeframe(
  tf: Timeframe | null | undefined,
  at: string,
  name: string,
  planStart: IsoDate | null,
  planEnd: IsoDate | null,
  err: Report,
  warn: Report,
) {
  if (!tf) {
    err(at, "required", `${name} chưa có thời gian thực hiện.`);
    return;
  }
  if (!TIMEFRAME_KINDS.includes(tf.kind)) {
    err(`${at}.kind`, "timeframe_kind", `${name}: loại thời gian thực hiện "${String(tf.kind)}" không hợp lệ.`);
    return;
  }
  const start = tf.start;
  const end = tf.end;
  const okStart = start == null || isIsoDate(start);
  const okEnd = end == null || isIsoDate(end);
  if (!okStart) err(`${at}.start`, "invalid_date", `${name}: ngày bắt đầu không hợp lệ.`);
  if (!okEnd) err(`${at}.end`, "invalid_date", `${name}: thời hạn không hợp lệ.`);
  (tf.deadlines ?? []).forEach((d, j) => {
    if (!isIsoDate(d)) err(`${at}.deadlines.${j}`, "invalid_date", `${name}: mốc thời hạn thứ ${j + 1} không hợp lệ.`);
  });
  if (okStart && okEnd && start != null && end != null && compareDates(start, end) > 0) {
    err(at, "date_order", `${name}: ngày bắt đầu ${formatDateVi(start)} sau thời hạn ${formatDateVi(end)}.`);
    return;
  }

  switch (tf.kind) {
    case "by":
      if (end == null && (tf.deadlines ?? []).length === 0) {
        err(`${at}.end`, "timeframe_dates", `${name}: thời hạn hoàn thành chưa có ngày cụ thể.`);
      }
      break;
    case "period":
      if (start == null || end == null) {
        err(at, "timeframe_dates", `${name}: khoảng thời gian thực hiện cần có cả ngày bắt đầu và ngày kết thúc.`);
      }
      break;
    case "ongoing":
    case "recurring":
    case "unspecified":
      if (start != null || end != null) {
        warn(
          at,
          "timeframe_dates",
          `${name}: thời gian "${kindVi(tf.kind)}" không dùng ngày bắt đầu, kết thúc; các ngày này sẽ bị bỏ qua.`,
        );
      }
      break;
    case "conditional":
      break;
  }

  if (planEnd && isIsoDate(end) && compareDates(end, planEnd) > 0) {
    warn(
      `${at}.end`,
      "out_of_period",
      `${name}: thời hạn ${formatDateVi(end)} vượt quá thời gian thực hiện kế hoạch (đến ${formatDateVi(planEnd)}).`,
    );
  }
  if (planStart && isIsoDate(end) && compareDates(end, planStart) < 0) {
    warn(
      `${at}.end`,
      "out_of_period",
      `${name}: thời hạn ${formatDateVi(end)} trước khi bắt đầu kế hoạch (${formatDateVi(planStart)}).`,
    );
  }
}

function kindVi(kind: Timeframe["kind"]): string {
  switch (kind) {
    case "ongoing":
      return "thường xuyên";
    case "recurring":
      return "hằng năm";
    case "unspecified":
      return "không ghi";
    default:
      return kind;
  }
}

function checkReporting(rules: readonly ReportingRule[], err: Report, warn: Report) {
  if (rules.length === 0) {
    warn("reporting", "no_reporting", "Kế hoạch chưa có chế độ báo cáo: sẽ không có kỳ báo cáo định kỳ nào được tạo.");
    return;
  }
  if (rules.every((r) => r.frequency === "adhoc")) {
    warn("reporting", "no_reporting", "Kế hoạch chỉ có báo cáo đột xuất: sẽ không có kỳ báo cáo định kỳ nào được tạo.");
  }
  const seen = new Map<string, number>();
  rules.forEach((r, i) => {
    const at = `reporting.${i}`;
    if (!FREQUENCIES.includes(r.frequency)) {
      err(
        `${at}.frequency`,
        "reporting_value",
        `Chế độ báo cáo thứ ${i + 1}: kỳ báo cáo "${String(r.frequency)}" không hợp lệ.`,
      );
      return;
    }
    const label = `Báo cáo ${FREQUENCY_VI[r.frequency]}`;
    const first = seen.get(r.frequency);
    if (first !== undefined && r.frequency !== "adhoc") {
      warn(at, "reporting_duplicate", `${label} được quy định hai lần; kỳ báo cáo lấy theo quy định thứ ${first + 1}.`);
    } else seen.set(r.frequency, i);
    if (blank(r.recipient)) warn(`${at}.recipient`, "reporting_recipient", `${label}: chưa rõ nơi nhận báo cáo.`);
    if (r.frequency === "adhoc") return;

    const dayOk = r.day == null || (Number.isInteger(r.day) && r.day >= 1 && r.day <= 31);
    const monthOk = r.month == null || (Number.isInteger(r.month) && r.month >= 1 && r.month <= 12);
    if (!dayOk) err(`${at}.day`, "reporting_value", `${label}: ngày ${r.day} không hợp lệ.`);
    if (!monthOk) err(`${at}.month`, "reporting_value", `${label}: tháng ${r.month} không hợp lệ.`);
    if (dayOk && monthOk && r.day != null && r.month != null && r.day > daysInMonth(2024, r.month)) {
      err(`${at}.day`, "reporting_value", `${label}: ngày ${r.day}/${r.month} không tồn tại.`);
    }
    if (r.month_in_period != null) {
      if (r.frequency !== "quarterly") {
        warn(
          `${at}.month_in_period`,
          "reporting_value",
          `${label}: "tháng trong kỳ" chỉ dùng cho báo cáo quý; sẽ bị bỏ qua.`,
        );
      } else if (!Number.isInteger(r.month_in_period) || r.month_in_period < 1 || r.month_in_period > 3) {
        err(`${at}.month_in_period`, "reporting_value", `${label}: tháng trong quý phải từ 1 đến 3.`);
      }
    }
    if (r.month != null && (r.frequency === "monthly" || r.frequency === "quarterly")) {
      warn(`${at}.month`, "reporting_value", `${label}: tháng ${r.month} không dùng cho kỳ báo cáo này; sẽ bị bỏ qua.`);
    }
    if (r.day == null) {
      warn(
        `${at}.day`,
        "reporting_default_due",
        `${label}: chưa có hạn nộp; mặc định ngày ${DEFAULT_DUE_DAY} của tháng cuối kỳ (Nghị định 09/2019/NĐ-CP).`,
      );
    }
  });
}

/** True when nothing blocks publishing. */
export function canPublish(problems: readonly PlanProblem[]): boolean {
  return !problems.some((p) => p.severity === "error");
}

/** Problems as the API's `fields` map (path → message; the first problem of a path wins). */
export function problemsToFields(problems: readonly PlanProblem[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const p of problems) if (!(p.path in fields)) fields[p.path] = p.message;
  return fields;
}
