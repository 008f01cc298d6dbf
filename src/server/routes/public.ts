/**
 * Public progress ("Công khai"): the issuer's coordinators make an issued plan's progress public (or withdraw it);
 * anyone, without login, then reads the public plans, a plan's tasks with their derived status, and downloads them
 * as CSV or JSON. The read routes are `auth: "public"`: no session, no CSRF token (they change nothing), and what
 * they answer is limited by their response schemas (no person, no report text, accepted reports only).
 */
import { getPlan } from "../../store/repos/plans.js";
import { getPublicPlanRow } from "../../store/repos/public-plans.js";
import { setPlanPublic } from "../commands/set-plan-public.js";
import { runCommand } from "../context.js";
import { AppError } from "../errors.js";
import { authorize, can } from "../policies/index.js";
import { sendBuffer } from "../services/http-download.js";
import {
  listPublicPlanSummaries,
  loadPublicPlan,
  publicFileStem,
  publicTasksCsv,
} from "../services/public-progress.js";
import { IdParams } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";
import { planTarget } from "./plans.js";
import {
  PlanPublicStateDtoSchema,
  PublicPlanDtoSchema,
  PublicPlanSummaryDtoSchema,
  SetPlanPublicBody,
} from "./public.schema.js";

const TAG = "Công khai";

export const registerPublicRoutes: RegisterRoutes = (routes, { database }) => {
  const db = database.db;

  const loadTarget = async (id: string) => {
    const plan = await getPlan(db, id);
    if (!plan) throw new AppError("NOT_FOUND", "Không tìm thấy kế hoạch.");
    return planTarget(database, plan);
  };

  routes.add({
    method: "GET",
    url: "/plans/:id/public",
    summary: "Tiến độ của kế hoạch có đang được công khai không, và người dùng có được thay đổi không",
    tag: TAG,
    auth: "user",
    params: IdParams,
    response: PlanPublicStateDtoSchema,
    errors: [404],
    handler: async ({ actor, params }) => {
      const target = await loadTarget(params.id);
      authorize(actor, "plan.read", target);
      const row = await getPublicPlanRow(db, params.id);
      return {
        planId: params.id,
        public: !!row,
        publicSince: row?.public_since ?? null,
        canChange: can(actor, "plan.publicize", target),
      };
    },
  });

  routes.add({
    method: "PUT",
    url: "/plans/:id/public",
    summary: "Công khai tiến độ kế hoạch đã ban hành cho mọi người (không cần đăng nhập), hoặc ngừng công khai",
    tag: TAG,
    auth: "user",
    params: IdParams,
    body: SetPlanPublicBody,
    response: PlanPublicStateDtoSchema,
    errors: [403, 404, 409],
    handler: async ({ actor, params, body, req }) => {
      const target = await loadTarget(params.id);
      if (target.status === "draft" && can(actor, "plan.manage", target)) {
        throw new AppError("STATE", "Kế hoạch chưa ban hành nên chưa thể công khai tiến độ.");
      }
      authorize(
        actor,
        "plan.publicize",
        target,
        "Chỉ cán bộ thường trực hoặc quản trị của đơn vị ban hành mới công khai được tiến độ kế hoạch.",
      );
      const row = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        setPlanPublic(ctx, { planId: params.id, public: body.public }),
      );
      return { planId: params.id, public: !!row, publicSince: row?.public_since ?? null, canChange: true };
    },
  });

  routes.add({
    method: "GET",
    url: "/public/plans",
    summary: "Công khai: các kế hoạch được công khai tiến độ, số nhiệm vụ theo tình trạng, tỷ lệ hoàn thành",
    tag: TAG,
    auth: "public",
    response: PublicPlanSummaryDtoSchema.array(),
    handler: async () => listPublicPlanSummaries(db, new Date()),
  });

  routes.add({
    method: "GET",
    url: "/public/plans/:id",
    summary: "Công khai: tiến độ một kế hoạch — nhóm, nhiệm vụ, đơn vị chủ trì/phối hợp, tình trạng, % hoàn thành",
    tag: TAG,
    auth: "public",
    params: IdParams,
    response: PublicPlanDtoSchema,
    errors: [404],
    handler: async ({ params }) => loadPublicPlan(db, params.id, new Date()),
  });

  routes.add({
    method: "GET",
    url: "/public/plans/:id/tasks.csv",
    summary: "Công khai: tải nhiệm vụ và tiến độ của kế hoạch dạng CSV (UTF-8, mở được bằng Excel)",
    tag: TAG,
    auth: "public",
    params: IdParams,
    status: 200,
    errors: [404],
    handler: async ({ params, reply }) => {
      const plan = await loadPublicPlan(db, params.id, new Date());
      await sendBuffer(
        reply,
        { fileName: `${publicFileStem(plan)}.csv`, mime: "text/csv; charset=utf-8" },
        publicTasksCsv(plan),
      );
    },
  });

  routes.add({
    method: "GET",
    url: "/public/plans/:id/tasks.json",
    summary: "Công khai: tải nhiệm vụ và tiến độ của kế hoạch dạng JSON",
    tag: TAG,
    auth: "public",
    params: IdParams,
    status: 200,
    errors: [404],
    handler: async ({ params, reply }) => {
      // Parsed with the response schema like the JSON route, so the download carries exactly the same fields.
      const plan = PublicPlanDtoSchema.parse(await loadPublicPlan(db, params.id, new Date()));
      await sendBuffer(
        reply,
        { fileName: `${publicFileStem(plan)}.json`, mime: "application/json; charset=utf-8" },
        `${JSON.stringify(plan, null, 2)}\n`,
      );
    },
  });
};
