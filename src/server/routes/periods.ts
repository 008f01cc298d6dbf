/**
 * Reporting periods of a plan: the list with per-period reporting rates, ad-hoc requests by a coordinator, locking.
 */
import { z } from "zod";
import { compareDates } from "../../core/index.js";
import { getPeriod, periodLockReasons, sortPeriods } from "../../store/repos/periods.js";
import { createPeriod } from "../commands/create-period.js";
import { setPeriodLock } from "../commands/set-period-lock.js";
import { runCommand } from "../context.js";
import { AppError } from "../errors.js";
import { authorize, can } from "../policies/index.js";
import { presentPeriod, presentRate } from "../presenters/report.js";
import { loadPlanFacts, planGrid, todayOf } from "../services/plan-overview.js";
import { loadReadablePlan } from "../services/unit-report.js";
import type { RegisterRoutes } from "./deps.js";
import {
  CreatePeriodBody,
  LockPeriodBody,
  PeriodDtoSchema,
  PeriodWithRateDtoSchema,
  PlanIdParams,
  PlanPeriodParams,
} from "./periods.schema.js";

const TAG = "Kỳ báo cáo";

export const registerPeriodRoutes: RegisterRoutes = (routes, { database }) => {
  const db = database.db;

  routes.add({
    method: "GET",
    url: "/plans/:id/periods",
    summary:
      "Các kỳ báo cáo của kế hoạch theo hạn nộp (cùng hạn: kỳ ngắn hơn trước), kèm tỷ lệ báo cáo và lý do khóa từng kỳ",
    tag: TAG,
    auth: "user",
    params: PlanIdParams,
    response: z.array(PeriodWithRateDtoSchema),
    errors: [404],
    handler: async ({ actor, params }) => {
      const { target } = await loadReadablePlan(db, actor, params.id);
      const facts = await loadPlanFacts(db, params.id);
      const today = todayOf(new Date());
      const grid = planGrid(facts, today);
      const manage = can(actor, "plan.manage", target);
      const periods = sortPeriods([...facts.graph.periods]);
      const locked = periods.filter((p) => p.locked === 1).map((p) => p.id);
      const reasons = locked.length ? await periodLockReasons(db, locked) : new Map<string, string | null>();
      return periods.map((p) => ({
        ...presentPeriod(p),
        past: compareDates(p.due_date, today) < 0,
        lockReason: p.locked === 1 ? (reasons.get(p.id) ?? null) : null,
        rate: presentRate(grid.byPeriod[p.id]!),
        abilities: { lock: manage && p.locked === 0, unlock: manage && p.locked === 1 },
      }));
    },
  });

  routes.add({
    method: "POST",
    url: "/plans/:id/periods",
    summary: "Yêu cầu báo cáo đột xuất: thêm một kỳ báo cáo với tên, hạn nộp và khoảng thời gian (tùy chọn)",
    tag: TAG,
    auth: "user",
    params: PlanIdParams,
    body: CreatePeriodBody,
    response: PeriodDtoSchema,
    status: 201,
    errors: [403, 404, 409],
    handler: async ({ actor, params, body, req }) => {
      const { plan, target } = await loadReadablePlan(db, actor, params.id);
      authorize(actor, "plan.manage", target, "Chỉ cơ quan chủ trì kế hoạch mới được yêu cầu báo cáo đột xuất.");
      const row = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        createPeriod(ctx, {
          plan,
          label: body.label,
          dueDate: body.dueDate,
          startDate: body.startDate ?? null,
          endDate: body.endDate ?? null,
        }),
      );
      return presentPeriod(row);
    },
  });

  for (const locked of [true, false]) {
    routes.add({
      method: "POST",
      url: `/plans/:id/periods/:periodId/${locked ? "lock" : "unlock"}`,
      summary: locked
        ? "Khóa kỳ báo cáo: đơn vị không thể sửa, nộp báo cáo hay đính kèm minh chứng"
        : "Mở khóa kỳ báo cáo",
      tag: TAG,
      auth: "user",
      params: PlanPeriodParams,
      body: LockPeriodBody,
      response: PeriodDtoSchema,
      errors: [403, 404],
      handler: async ({ actor, params, body, req }) => {
        const { target } = await loadReadablePlan(db, actor, params.id);
        const period = await getPeriod(db, params.periodId);
        if (!period || period.plan_id !== params.id) throw new AppError("NOT_FOUND", "Không tìm thấy kỳ báo cáo.");
        authorize(actor, "plan.manage", target, "Chỉ cơ quan chủ trì kế hoạch mới được khóa hoặc mở khóa kỳ báo cáo.");
        const row = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
          setPeriodLock(ctx, { period, locked, reason: body.reason ?? null }),
        );
        return presentPeriod(row);
      },
    });
  }
};
