/**
 * "What needs me" for reports: the reports the actor's units still have to send (due soon, overdue, returned), the
 * submitted ones waiting for their leader's approval, and those waiting for the coordinator's acceptance.
 * Candidates come from the store; the report policies decide what each actor sees.
 */
import { z } from "zod";
import { addDays, daysBetween } from "../../core/index.js";
import { unitPaths } from "../../store/repos/memberships.js";
import { listReportDuties, listReportsInStatus, type ReportDutyRow } from "../../store/repos/my-reports.js";
import type { MyReportDto, MyReportQueueName } from "../api-types.js";
import type { Actor, UserActor } from "../context.js";
import { can, type ReportTarget } from "../policies/index.js";
import { todayOf } from "../services/plan-overview.js";
import { REPORT_STATUS_LABEL } from "../services/unit-report.js";
import type { RegisterRoutes } from "./deps.js";
import { MyReportDtoSchema, MyReportsQuery } from "./my-reports.schema.js";

const ACTION = { report: "report.submit", approve: "report.approve", accept: "report.review" } as const;

function presentMyReport(queue: MyReportQueueName, r: ReportDutyRow, today: string): MyReportDto {
  const status = r.status ?? "draft";
  return {
    queue,
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
        for (const r of queue === "report" ? duties : waiting) {
          if (can(me, ACTION[queue], target(r))) out.push(presentMyReport(queue, r, today));
        }
      }
      return out;
    },
  });
};
