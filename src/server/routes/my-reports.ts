/**
 * "What needs me" for reports: the reports the actor's units still have to send (due soon, overdue, returned), the
 * submitted ones waiting for their leader's approval, and those waiting for the coordinator's acceptance.
 * Candidates come from the store; the report policies decide what each actor sees. And, read-only, the reports of the
 * units within the actor's reach, for those who follow reports rather than fill them (viewers, leaders).
 */
import { z } from "zod";
import { addDays, daysBetween } from "../../core/index.js";
import { unitPaths } from "../../store/repos/memberships.js";
import {
  listReportDuties,
  listReportsInReach,
  listReportsInStatus,
  type ReportDutyRow,
} from "../../store/repos/my-reports.js";
import { comparePeriods } from "../../store/repos/periods.js";
import { subtreeUnitIds } from "../../store/repos/units.js";
import type { MyReportDto, MyReportQueueName, UnitReportStatusDto } from "../api-types.js";
import type { Actor, UserActor } from "../context.js";
import { can, type ReportTarget } from "../policies/index.js";
import { todayOf } from "../services/plan-overview.js";
import { REPORT_STATUS_LABEL } from "../services/unit-report.js";
import type { RegisterRoutes } from "./deps.js";
import {
  MyReportDtoSchema,
  MyReportsQuery,
  UnitReportStatusDtoSchema,
  UnitReportsInReachQuery,
} from "./my-reports.schema.js";

const ACTION = { report: "report.submit", approve: "report.approve", accept: "report.review" } as const;

function presentUnitReportStatus(r: ReportDutyRow, today: string): UnitReportStatusDto {
  const status = r.status ?? "draft";
  return {
    planId: r.plan_id,
    planNumber: r.plan_number,
    planTitle: r.plan_title,
    period: {
      id: r.period_id,
      label: r.period_label,
      startDate: r.start_date,
      endDate: r.end_date,
      dueDate: r.due_date,
      locked: r.locked === 1,
    },
    unitId: r.unit_id,
    unitName: r.unit_name,
    reportId: r.report_id,
    status,
    statusLabel: r.report_id ? REPORT_STATUS_LABEL[status] : "Chưa lập",
    submittedAt: r.submitted_at,
    reviewComment: status === "returned" ? r.review_comment : null,
    updatedAt: r.updated_at,
    daysLeft: daysBetween(today, r.due_date),
  };
}

const periodOf = (r: ReportDutyRow) => ({
  id: r.period_id,
  due_date: r.due_date,
  start_date: r.start_date,
  end_date: r.end_date,
});

/** Periods in list order (comparePeriods: due date, then the shorter first), then units by name. */
const byPeriodThenUnit = (a: ReportDutyRow, b: ReportDutyRow) =>
  comparePeriods(periodOf(a), periodOf(b)) || a.unit_name.localeCompare(b.unit_name, "vi");

/** The latest due first; on one due date still the shorter period first (comparePeriods), then units by name. */
const latestDueFirst = (a: ReportDutyRow, b: ReportDutyRow) =>
  b.due_date.localeCompare(a.due_date) || byPeriodThenUnit(a, b);

function presentMyReport(queue: MyReportQueueName, r: ReportDutyRow, today: string): MyReportDto {
  return { queue, ...presentUnitReportStatus(r, today) };
}

/**
 * What the actor must do through their own roles: a system administrator may act on every report, but their
 * "waiting for me" lists hold only what their memberships give them.
 */
function byMembership(actor: UserActor): Actor {
  return { ...actor, isAdmin: false };
}

export const registerMyReportRoutes: RegisterRoutes = (routes, { database }) => {
  const db = database.db;

  routes.add({
    method: "GET",
    url: "/me/reports",
    summary:
      "Báo cáo đang chờ tôi: đơn vị cần nộp (sắp đến hạn, quá hạn, bị trả lại), chờ lãnh đạo duyệt, chờ cơ quan chủ trì tiếp nhận",
    tag: "Báo cáo tiến độ",
    auth: "user",
    query: MyReportsQuery,
    response: z.array(MyReportDtoSchema),
    handler: async ({ actor, query }) => {
      if (actor.kind !== "user") return [];
      const me = byMembership(actor);
      const today = todayOf(new Date());
      const want = (q: MyReportQueueName) => !query.queue || query.queue === q;
      const roles = (names: string[]) => actor.memberships.some((m) => names.includes(m.role));
      const [duties, waiting] = await Promise.all([
        want("report") && roles(["reporter", "leader", "admin"])
          ? listReportDuties(
              db,
              actor.memberships.map((m) => m.unitId),
              { dueBy: addDays(today, query.days) },
            )
          : Promise.resolve([]),
        (want("approve") && roles(["leader"])) || (want("accept") && roles(["coordinator", "admin"]))
          ? listReportsInStatus(db, ["submitted", "approved"])
          : Promise.resolve([]),
      ]);
      const paths = await unitPaths(db, [
        ...[...duties, ...waiting].map((r) => r.unit_id),
        ...waiting.flatMap((r) => (r.plan_issuer_unit_id ? [r.plan_issuer_unit_id] : [])),
      ]);
      const target = (r: ReportDutyRow): ReportTarget => ({
        id: r.report_id ?? "",
        status: r.status ?? "draft",
        unitPath: paths.get(r.unit_id) ?? [],
        planIssuerUnitPath: r.plan_issuer_unit_id ? (paths.get(r.plan_issuer_unit_id) ?? []) : [],
      });
      const out: MyReportDto[] = [];
      for (const queue of ["report", "approve", "accept"] as const) {
        if (!want(queue)) continue;
        for (const r of queue === "report" ? [...duties].sort(byPeriodThenUnit) : waiting) {
          if (can(me, ACTION[queue], target(r))) out.push(presentMyReport(queue, r, today));
        }
      }
      return out;
    },
  });

  routes.add({
    method: "GET",
    url: "/me/reports/units",
    summary:
      "Báo cáo của các đơn vị trong phạm vi theo dõi (đơn vị của tôi, đơn vị trực thuộc, đơn vị thực hiện kế hoạch do đơn vị tôi ban hành), chỉ để xem",
    tag: "Báo cáo tiến độ",
    auth: "user",
    query: UnitReportsInReachQuery,
    response: z.array(UnitReportStatusDtoSchema),
    errors: [400],
    handler: async ({ actor, query }) => {
      if (actor.kind !== "user" || actor.memberships.length === 0) return [];
      const today = todayOf(new Date());
      const from = query.from ?? addDays(today, -query.pastDays);
      const to = query.to ?? addDays(today, query.days);
      if (from > to) return [];
      const reach = await subtreeUnitIds(
        db,
        actor.memberships.map((m) => m.unitId),
      );
      const rows = await listReportsInReach(db, reach, { from, to, limit: query.limit });
      const paths = await unitPaths(db, [
        ...rows.map((r) => r.unit_id),
        ...rows.flatMap((r) => (r.plan_issuer_unit_id ? [r.plan_issuer_unit_id] : [])),
      ]);
      // Reading is decided by the actor's memberships, as for the other lists (an administrator's reach is theirs).
      const me = byMembership(actor);
      return rows
        .sort(latestDueFirst)
        .filter((r) =>
          can(me, "report.read", {
            id: r.report_id ?? "",
            status: r.status ?? "draft",
            unitPath: paths.get(r.unit_id) ?? [],
            planIssuerUnitPath: r.plan_issuer_unit_id ? (paths.get(r.plan_issuer_unit_id) ?? []) : [],
          }),
        )
        .map((r) => presentUnitReportStatus(r, today));
    },
  });
};
