/**
 * A unit's due dates as an iCalendar feed calendar apps can subscribe to: report due dates of every published plan
 * the unit takes part in, and the due dates of the tasks it leads. Calendar apps cannot send headers, so besides
 * `Authorization: Bearer …` the personal API token may be given as `?token=` (read-only use; revoke it to stop).
 */
import { z } from "zod";
import { addDays, formatDateVi } from "../../core/index.js";
import { renderCalendar } from "../../reports/icalendar.js";
import type { CalendarEvent } from "../../reports/types.js";
import { unitPath } from "../../store/repos/memberships.js";
import { listPeriodsForUnits } from "../../store/repos/overview.js";
import { listTasksForUnits } from "../../store/repos/plans.js";
import { getUnit } from "../../store/repos/units.js";
import { authenticateBearer } from "../auth/authenticate.js";
import { AppError } from "../errors.js";
import { authorize } from "../policies/index.js";
import { sendBuffer } from "../services/http-download.js";
import { todayOf } from "../services/plan-overview.js";
import { IdParams } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";

const CalendarQuery = z.object({ token: z.string().min(10).max(200).optional() });

export const registerCalendarRoutes: RegisterRoutes = (routes, { database, config }) => {
  const db = database.db;

  routes.add({
    method: "GET",
    url: "/units/:id/calendar.ics",
    summary: "Lịch hạn nộp báo cáo và hạn hoàn thành nhiệm vụ của đơn vị (iCalendar; đăng ký bằng ?token=mã API)",
    tag: "Đơn vị",
    auth: "public",
    params: IdParams,
    query: CalendarQuery,
    status: 200,
    errors: [401, 404],
    handler: async ({ actor: requestActor, params, query, reply }) => {
      const now = new Date();
      const actor = requestActor ?? (query.token ? (await authenticateBearer(db, query.token, now)).actor : null);
      if (!actor) throw new AppError("UNAUTHENTICATED");
      const unit = await getUnit(db, params.id);
      if (!unit) throw new AppError("NOT_FOUND", "Không tìm thấy đơn vị.");
      const path = await unitPath(db, unit.id);
      authorize(actor, "report.read", { id: "", status: "draft", unitPath: path, planIssuerUnitPath: [] });
      // Past due dates stay in the feed for three years (calendar apps keep history).
      const from = addDays(todayOf(now), -3 * 366);
      const [periods, tasks] = await Promise.all([
        listPeriodsForUnits(db, [unit.id], from),
        listTasksForUnits(db, [unit.id], { role: "lead", dueFrom: from, activeOnly: true, limit: 5000 }),
      ]);
      const base = config.publicUrl ?? "";
      const events: CalendarEvent[] = [
        ...periods.map((p) => ({
          uid: `period-${p.id}-${unit.id}@tiendo`,
          date: p.due_date,
          summary: `Hạn nộp báo cáo ${p.label} — ${p.plan_number ? `KH ${p.plan_number}` : p.plan_title}`,
          description: `${unit.name}: báo cáo tiến độ ${p.label} (từ ${formatDateVi(p.start_date)} đến ${formatDateVi(p.end_date)}) của ${p.plan_number ? `Kế hoạch số ${p.plan_number}` : "kế hoạch"} “${p.plan_title}”.`,
          url: base ? `${base}/reports/${p.plan_id}/${p.id}/${unit.id}` : null,
          alarmsDaysBefore: [3, 1],
        })),
        ...tasks
          .filter((t) => t.due_date)
          .map((t) => ({
            uid: `task-${t.id}-${unit.id}@tiendo`,
            date: t.due_date!,
            summary: `Hạn hoàn thành nhiệm vụ${t.ref ? ` ${t.ref}` : ""}: ${t.title}`,
            description: `${unit.name} chủ trì. ${t.plan_number ? `Kế hoạch số ${t.plan_number}: ` : ""}${t.plan_title}.`,
            url: base ? `${base}/plans/${t.plan_id}` : null,
            alarmsDaysBefore: [7, 1],
          })),
      ];
      await sendBuffer(
        reply,
        { fileName: "lich-bao-cao.ics", mime: "text/calendar; charset=utf-8", inline: true },
        renderCalendar(`tiendo — ${unit.name}`, events, now),
      );
    },
  });
};
