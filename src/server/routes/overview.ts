/**
 * The plan's dashboard (status counts, overdue tasks, reporting-rate grid, progress by group, trend) and the
 * drill-downs behind it. Fixed number of queries whatever the plan's size.
 */

import { taskHistory, unitHistory } from "../services/plan-history.js";
import { buildOverview, loadPlanFacts } from "../services/plan-overview.js";
import { loadReadablePlan } from "../services/unit-report.js";
import { IdParams } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";
import {
  OverviewQuery,
  PlanOverviewDtoSchema,
  TaskHistoryDtoSchema,
  UnitHistoryDtoSchema,
  UnitHistoryParams,
} from "./overview.schema.js";

const TAG = "Tổng quan";

export const registerOverviewRoutes: RegisterRoutes = (routes, { database }) => {
  const db = database.db;

  routes.add({
    method: "GET",
    url: "/plans/:id/overview",
    summary:
      "Tổng quan kế hoạch: số nhiệm vụ theo tình trạng, nhiệm vụ quá hạn, tỷ lệ báo cáo (đơn vị × kỳ), tiến độ theo nhóm, xu hướng",
    tag: TAG,
    auth: "user",
    params: IdParams,
    query: OverviewQuery,
    response: PlanOverviewDtoSchema,
    errors: [404],
    handler: async ({ actor, params, query }) => {
      await loadReadablePlan(db, actor, params.id);
      return buildOverview(await loadPlanFacts(db, params.id), { now: new Date(), periodId: query.period ?? null });
    },
  });

  routes.add({
    method: "GET",
    url: "/plans/:id/units/:unitId/history",
    summary: "Lịch sử báo cáo của một đơn vị trong kế hoạch: từng kỳ, trạng thái nộp, nội dung",
    tag: TAG,
    auth: "user",
    params: UnitHistoryParams,
    response: UnitHistoryDtoSchema,
    errors: [404],
    handler: async ({ actor, params }) => unitHistory(db, actor, params.id, params.unitId, new Date()),
  });

  routes.add({
    method: "GET",
    url: "/tasks/:id/history",
    summary: "Diễn biến một nhiệm vụ qua các kỳ báo cáo của các đơn vị, kèm tình trạng hiện tại",
    tag: TAG,
    auth: "user",
    params: IdParams,
    response: TaskHistoryDtoSchema,
    errors: [404],
    handler: async ({ actor, params }) => taskHistory(db, actor, params.id, new Date()),
  });
};
