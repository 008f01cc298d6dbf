import { z } from "zod";
import type { Database } from "../../store/db.js";
import { unitPath } from "../../store/repos/memberships.js";
import {
  countPlans,
  getPlan,
  getPlanWithTasks,
  getTask,
  listPlanRevisions,
  listPlans,
  listSubordinatePlans,
  listTasksForUnits,
  type PlanFilter,
  type UnitTaskRow,
} from "../../store/repos/plans.js";
import { getSourceFile, getSourceFileMeta } from "../../store/repos/source-files.js";
import { getUnit, subtreeUnitIds } from "../../store/repos/units.js";
import type { Plan } from "../../store/schema.js";
import type { UnitTaskDto } from "../api-types.js";
import { createStubPlan } from "../commands/create-stub-plan.js";
import { linkPlan } from "../commands/link-plan.js";
import { setTaskParent } from "../commands/set-task-parent.js";
import { updatePlan } from "../commands/update-plan.js";
import { type Actor, runCommand, type UserActor } from "../context.js";
import { AppError } from "../errors.js";
import { abilities, authorize, can, type PlanTarget } from "../policies/index.js";
import {
  presentPlan,
  presentPlanListItem,
  presentPlanRef,
  presentRevision,
  presentUnitTask,
} from "../presenters/plan.js";
import { sendBuffer } from "../services/http-download.js";
import { evaluateTasks, planListStats, planRollup, todayIso } from "../services/plan-progress.js";
import { IdParams, pageOf } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";
import {
  CreateStubPlanBody,
  LinkPlanBody,
  ListPlansQuery,
  PlanDtoSchema,
  PlanListItemDtoSchema,
  PlanRevisionDtoSchema,
  RollupTaskDtoSchema,
  SetTaskParentBody,
  TaskParentDtoSchema,
  UnitTaskDtoSchema,
  UnitTasksQuery,
  UpdatePlanBody,
} from "./plans.schema.js";

const TAG = "Kế hoạch";
const PLAN_NOT_FOUND = "Không tìm thấy kế hoạch.";

export async function planTarget(
  database: Database,
  plan: Pick<Plan, "id" | "status" | "issuer_unit_id">,
): Promise<PlanTarget> {
  return {
    id: plan.id,
    status: plan.status,
    issuerUnitPath: plan.issuer_unit_id ? await unitPath(database.db, plan.issuer_unit_id) : [],
  };
}

/** Units whose staff may see drafts: every unit the actor belongs to, with their subtrees. */
async function actorSubtree(database: Database, actor: Actor): Promise<string[]> {
  if (actor.kind !== "user" || actor.memberships.length === 0) return [];
  return subtreeUnitIds(database.db, [...new Set(actor.memberships.map((m) => m.unitId))]);
}

/** The plan list's filter (GET /plans and its export): drafts only of the actor's own units and their subtrees. */
export async function planListFilter(
  database: Database,
  actor: UserActor,
  query: Pick<z.output<typeof ListPlansQuery>, "status" | "issuer" | "q" | "year">,
): Promise<PlanFilter> {
  const filter: PlanFilter = {
    status: query.status ?? ["published", "closed"],
    ...(query.issuer ? { issuerUnitIds: [query.issuer] } : {}),
    ...(query.q ? { query: query.q } : {}),
    ...(query.year ? { issuedFrom: `${query.year}-01-01`, issuedTo: `${query.year}-12-31` } : {}),
  };
  if (query.status === "draft" && !actor.isAdmin) {
    const mine = await actorSubtree(database, actor);
    filter.issuerUnitIds = query.issuer ? mine.filter((id) => id === query.issuer) : mine;
  }
  return filter;
}

/**
 * The tasks of some units (chủ trì or phối hợp) on published plans, evaluated, with the list's filters; a fixed
 * number of queries whatever the count. Rows keep the task's columns (timeframe…) for exports.
 */
export async function loadUnitTasks(
  db: Database["db"],
  unitIds: readonly string[],
  query: Pick<z.output<typeof UnitTasksQuery>, "role" | "planId" | "dueFrom" | "dueTo" | "status">,
  limit = 5000,
): Promise<{ row: UnitTaskRow; task: UnitTaskDto }[]> {
  const rows = await listTasksForUnits(db, unitIds, {
    ...(query.role ? { role: query.role } : {}),
    ...(query.planId ? { planIds: [query.planId] } : {}),
    ...(query.dueFrom ? { dueFrom: query.dueFrom } : {}),
    ...(query.dueTo ? { dueTo: query.dueTo } : {}),
    limit,
  });
  const planIds = [...new Set(rows.map((r) => r.plan_id))];
  const plans = planIds.length ? await listPlans(db, { ids: planIds, limit: planIds.length }) : [];
  const periods = new Map(plans.map((p) => [p.id, { start: p.period_start, end: p.period_end }]));
  const evals = await evaluateTasks(db, rows, periods, todayIso());
  return rows
    .map((row) => ({ row, task: presentUnitTask(row, evals.get(row.id)!) }))
    .filter((t) => !query.status || t.task.status === query.status);
}

export const registerPlanRoutes: RegisterRoutes = (routes, { database }) => {
  const db = database.db;

  const loadReadable = async (actor: Actor, id: string) => {
    const plan = await getPlan(db, id);
    if (!plan) throw new AppError("NOT_FOUND", PLAN_NOT_FOUND);
    const target = await planTarget(database, plan);
    authorize(actor, "plan.read", target);
    return { plan, target };
  };

  routes.add({
    method: "GET",
    url: "/plans",
    summary: "Danh sách kế hoạch: số, ngày ban hành, trích yếu, đơn vị ban hành, kỳ báo cáo tới, % hoàn thành, quá hạn",
    tag: TAG,
    auth: "user",
    query: ListPlansQuery,
    response: pageOf(PlanListItemDtoSchema),
    handler: async ({ actor, query }) => {
      const filter = await planListFilter(database, actor, query);
      const [rows, total] = await Promise.all([
        listPlans(db, { ...filter, limit: query.limit, offset: query.offset }),
        countPlans(db, filter),
      ]);
      const stats = await planListStats(db, rows, todayIso());
      return {
        items: rows.map((r) => presentPlanListItem(r, stats.get(r.id))),
        total,
        limit: query.limit,
        offset: query.offset,
      };
    },
  });

  routes.add({
    method: "POST",
    url: "/plans/stub",
    summary: "Tạo kế hoạch cấp trên mới biết qua văn bản căn cứ (để liên kết trước khi nhập)",
    tag: TAG,
    auth: "user",
    body: CreateStubPlanBody,
    response: PlanListItemDtoSchema,
    status: 201,
    errors: [403, 409],
    handler: async ({ actor, body, req }) => {
      authorize(
        actor,
        "plan.import",
        { unitPath: null },
        "Chỉ cán bộ thường trực hoặc quản trị mới tạo được kế hoạch.",
      );
      const plan = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        createStubPlan(ctx, {
          docType: body.docType,
          number: body.number,
          issuedAt: body.issuedAt ?? null,
          issuer: body.issuer,
          title: body.title ?? null,
        }),
      );
      return presentPlanListItem(plan, undefined);
    },
  });

  routes.add({
    method: "GET",
    url: "/plans/:id",
    summary: "Một kế hoạch: thông tin chung, kế hoạch cấp trên/cấp dưới, nhiệm vụ và trạng thái, kỳ báo cáo, chỉ tiêu",
    tag: TAG,
    auth: "user",
    params: IdParams,
    response: PlanDtoSchema,
    errors: [404],
    handler: async ({ actor, params }) => {
      const { target } = await loadReadable(actor, params.id);
      const g = (await getPlanWithTasks(db, params.id))!;
      const today = todayIso();
      const leads = new Map<string, Set<string>>();
      for (const a of g.assignments) {
        if (a.role !== "lead" || !a.unit_id) continue;
        const s = leads.get(a.task_id) ?? new Set<string>();
        s.add(a.unit_id);
        leads.set(a.task_id, s);
      }
      const period = { start: g.plan.period_start, end: g.plan.period_end };
      const [evaluations, stats, subordinates, source] = await Promise.all([
        evaluateTasks(db, g.tasks, new Map([[g.plan.id, period]]), today, leads),
        planListStats(db, [g.plan], today),
        listSubordinatePlans(db, g.plan.id),
        g.plan.source_file_id ? getSourceFileMeta(db, g.plan.source_file_id) : Promise.resolve(undefined),
      ]);
      const superiors = g.links.map((l) => ({
        id: l.superior_plan_id,
        docType: "",
        number: l.superior_number,
        title: l.superior_title,
        issuerName: null,
        issuedAt: l.superior_issued_at,
        status: "published" as const,
        isStub: false,
      }));
      const full = await listPlans(db, {
        ids: superiors.map((s) => s.id),
        includeStubs: true,
        status: ["draft", "published", "closed"],
        limit: Math.max(1, superiors.length),
      });
      const fullById = new Map(full.map((p) => [p.id, presentPlanRef(p)]));
      const ab = abilities(actor, ["plan.manage", "plan.publish", "plan.close"], target);
      return presentPlan(g, {
        stats: stats.get(g.plan.id),
        evaluations,
        subordinates: subordinates.map((p) => presentPlanRef(p)),
        superiors: superiors.map((s) => fullById.get(s.id) ?? s),
        source,
        abilities: { manage: ab["plan.manage"], publish: ab["plan.publish"], close: ab["plan.close"] },
      });
    },
  });

  routes.add({
    method: "PUT",
    url: "/plans/:id",
    summary: "Sửa kế hoạch đã ban hành: tạo phiên bản mới, ghi lại nội dung thay đổi, người sửa, thời điểm",
    tag: TAG,
    auth: "user",
    params: IdParams,
    body: UpdatePlanBody,
    response: z.object({ id: z.string(), revision: z.number().int() }),
    errors: [403, 404, 409],
    handler: async ({ actor, params, body, req }) => {
      const { target } = await loadReadable(actor, params.id);
      authorize(actor, "plan.manage", target, "Chỉ cán bộ thường trực của đơn vị ban hành mới sửa được kế hoạch.");
      const plan = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        updatePlan(ctx, { planId: params.id, revision: body.revision, header: body.header, tasks: body.tasks }),
      );
      return { id: plan.id, revision: plan.revision };
    },
  });

  routes.add({
    method: "GET",
    url: "/plans/:id/revisions",
    summary: "Lịch sử phiên bản của kế hoạch (nội dung thay đổi, người sửa, thời điểm)",
    tag: TAG,
    auth: "user",
    params: IdParams,
    response: z.array(PlanRevisionDtoSchema),
    errors: [404],
    handler: async ({ actor, params }) => {
      await loadReadable(actor, params.id);
      return (await listPlanRevisions(db, params.id)).map(presentRevision);
    },
  });

  routes.add({
    method: "POST",
    url: "/plans/:id/links",
    summary: "Liên kết kế hoạch với kế hoạch cấp trên mà nó triển khai",
    tag: TAG,
    auth: "user",
    params: IdParams,
    body: LinkPlanBody,
    response: z.object({ planId: z.string(), superiorPlanId: z.string(), created: z.boolean() }),
    status: 201,
    errors: [403, 404],
    handler: async ({ actor, params, body, req }) => {
      const { target } = await loadReadable(actor, params.id);
      authorize(actor, "plan.manage", target);
      const superior = await getPlan(db, body.superiorPlanId);
      if (!superior || !can(actor, "plan.read", await planTarget(database, superior))) {
        throw new AppError("VALIDATION", "Không tìm thấy kế hoạch cấp trên.", {
          fields: { superiorPlanId: "Không tìm thấy kế hoạch." },
        });
      }
      const r = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        linkPlan(ctx, { planId: params.id, superiorPlanId: superior.id, referenceText: body.referenceText ?? null }),
      );
      return { planId: params.id, superiorPlanId: superior.id, created: r.created };
    },
  });

  routes.add({
    method: "GET",
    url: "/plans/:id/rollup",
    summary: "Tiến độ tổng hợp của từng nhiệm vụ từ các nhiệm vụ cấp dưới (trọng số hiển thị, sửa được)",
    tag: TAG,
    auth: "user",
    params: IdParams,
    response: z.array(RollupTaskDtoSchema),
    errors: [404],
    handler: async ({ actor, params }) => {
      await loadReadable(actor, params.id);
      const g = (await getPlanWithTasks(db, params.id))!;
      return planRollup(db, g.tasks, { start: g.plan.period_start, end: g.plan.period_end }, todayIso());
    },
  });

  routes.add({
    method: "PUT",
    url: "/tasks/:id/parent",
    summary: "Gắn nhiệm vụ với nhiệm vụ cấp trên mà nó thực hiện, kèm trọng số trong tiến độ tổng hợp",
    tag: TAG,
    auth: "user",
    params: IdParams,
    body: SetTaskParentBody,
    response: TaskParentDtoSchema,
    errors: [403, 404],
    handler: async ({ actor, params, body, req }) => {
      const task = await getTask(db, params.id);
      if (!task) throw new AppError("NOT_FOUND", "Không tìm thấy nhiệm vụ.");
      const { target } = await loadReadable(actor, task.plan_id).catch(() => {
        throw new AppError("NOT_FOUND", "Không tìm thấy nhiệm vụ.");
      });
      authorize(actor, "plan.manage", target, "Chỉ cán bộ thường trực của đơn vị ban hành mới liên kết được nhiệm vụ.");
      if (body.parentTaskId) {
        const parent = await getTask(db, body.parentTaskId);
        const parentPlan = parent ? await getPlan(db, parent.plan_id) : undefined;
        if (!parentPlan || !can(actor, "plan.read", await planTarget(database, parentPlan))) {
          throw new AppError("VALIDATION", "Không tìm thấy nhiệm vụ cấp trên.", {
            fields: { parentTaskId: "Không tìm thấy nhiệm vụ." },
          });
        }
      }
      const updated = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        setTaskParent(ctx, { taskId: task.id, parentTaskId: body.parentTaskId, weight: body.weight }),
      );
      return { id: updated.id, parentTaskId: updated.parent_task_id, parentWeight: updated.parent_weight };
    },
  });

  const unitTasks = async (unitIds: string[], query: z.output<typeof UnitTasksQuery>) => {
    const items = (await loadUnitTasks(db, unitIds, query)).map((t) => t.task);
    return {
      items: items.slice(query.offset, query.offset + query.limit),
      total: items.length,
      limit: query.limit,
      offset: query.offset,
    };
  };

  routes.add({
    method: "GET",
    url: "/units/:id/tasks",
    summary: "Nhiệm vụ của đơn vị (chủ trì hoặc phối hợp) trên mọi kế hoạch đã ban hành",
    tag: "Đơn vị",
    auth: "user",
    params: IdParams,
    query: UnitTasksQuery,
    response: pageOf(UnitTaskDtoSchema),
    errors: [404],
    handler: async ({ params, query }) => {
      const unit = await getUnit(db, params.id);
      if (!unit) throw new AppError("NOT_FOUND", "Không tìm thấy đơn vị.");
      return unitTasks([unit.id], query);
    },
  });

  routes.add({
    method: "GET",
    url: "/me/tasks",
    summary: "Nhiệm vụ của các đơn vị tôi thuộc về (chủ trì hoặc phối hợp)",
    tag: "Đơn vị",
    auth: "user",
    query: UnitTasksQuery,
    response: pageOf(UnitTaskDtoSchema),
    handler: async ({ actor, query }) => unitTasks([...new Set(actor.memberships.map((m) => m.unitId))], query),
  });

  routes.add({
    method: "GET",
    url: "/plans/:id/source",
    summary: "Tải văn bản gốc của kế hoạch",
    tag: TAG,
    auth: "user",
    params: IdParams,
    status: 200,
    errors: [404],
    handler: async ({ actor, params, reply }) => {
      const { plan } = await loadReadable(actor, params.id);
      const file = plan.source_file_id ? await getSourceFile(db, plan.source_file_id) : undefined;
      if (!file) throw new AppError("NOT_FOUND", "Kế hoạch không có văn bản gốc.");
      await sendBuffer(reply, { fileName: file.file_name, mime: file.mime }, Buffer.from(file.content));
    },
  });
};
