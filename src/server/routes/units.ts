import { z } from "zod";
import type { Database } from "../../store/db.js";
import {
  listGroupsContainingUnit,
  listGroupsOwnedBy,
  listSuccessionsWithUnits,
  unitWorkCounts,
} from "../../store/repos/directory-admin.js";
import {
  getUnit,
  getUnits,
  listAncestorUnits,
  listChildUnits,
  listUnitTree,
  searchUnits,
} from "../../store/repos/units.js";
import type { Unit } from "../../store/schema.js";
import type { UnitDetailDto } from "../api-types-directory.js";
import { createUnit } from "../commands/create-unit.js";
import { mergeUnits } from "../commands/merge-units.js";
import { splitUnit } from "../commands/split-unit.js";
import { updateUnit } from "../commands/update-unit.js";
import { type Actor, runCommand } from "../context.js";
import { AppError } from "../errors.js";
import { authorize, can, type UnitTarget } from "../policies/index.js";
import { presentUnitDetail, presentUnitSummary, presentUnitTree } from "../presenters/unit.js";
import { requireParent } from "../services/unit-directory.js";
import { IdParams } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";
import { registerUnitGroupRoutes } from "./unit-groups.js";
import {
  CreateUnitBody,
  ListUnitsQuery,
  MergeUnitBody,
  SplitUnitBody,
  UnitDetailDtoSchema,
  UnitListItemDtoSchema,
  UnitMergeResultDtoSchema,
  UnitSplitResultDtoSchema,
  UnitTreeDtoSchema,
  UnitTreeQuery,
  UpdateUnitBody,
} from "./units.schema.js";
import { registerDirectoryFileRoutes } from "./units-directory-file.js";

const TAG = "Đơn vị";
const UNIT_NOT_FOUND = "Không tìm thấy đơn vị.";

export interface LoadedUnit {
  unit: Unit;
  ancestors: Unit[];
  target: UnitTarget;
}

/** A unit with its ancestors and policy target; 404 (or 400 on `field`, for ids given in a body) when missing. */
export async function loadUnit(db: Database["db"], id: string, field?: string): Promise<LoadedUnit> {
  const unit = await getUnit(db, id);
  if (!unit) {
    if (field) throw new AppError("VALIDATION", UNIT_NOT_FOUND, { fields: { [field]: UNIT_NOT_FOUND } });
    throw new AppError("NOT_FOUND", UNIT_NOT_FOUND);
  }
  const ancestors = await listAncestorUnits(db, unit.id);
  return { unit, ancestors, target: { id: unit.id, unitPath: [unit.id, ...ancestors.map((a) => a.id).reverse()] } };
}

/** The path a new unit under `parentId` would have above it (null = top level); 400 when the parent is unknown. */
async function parentPathOf(db: Database["db"], parentId: string | null | undefined, field = "parentId") {
  if (!parentId) return null;
  const parent = await requireParent(db, parentId, field);
  return [parent.id, ...(await listAncestorUnits(db, parent.id)).map((a) => a.id).reverse()];
}

async function unitDetail(db: Database["db"], actor: Actor, loaded: LoadedUnit): Promise<UnitDetailDto> {
  const { unit, ancestors, target } = loaded;
  const [children, successions, groups, ownedGroups, counts] = await Promise.all([
    listChildUnits(db, unit.id),
    listSuccessionsWithUnits(db, unit.id),
    listGroupsContainingUnit(
      db,
      unit,
      ancestors.map((a) => a.id),
    ),
    listGroupsOwnedBy(db, unit.id),
    unitWorkCounts(db, unit.id),
  ]);
  const manage = can(actor, "unit.manage", target);
  const active = !unit.valid_to && successions.successors.length === 0;
  return presentUnitDetail(unit, {
    ancestors,
    children,
    successions,
    groups,
    ownedGroups,
    counts,
    abilities: {
      manage,
      merge: manage && active,
      split: manage && active,
      createChild: can(actor, "unit.create", { parentPath: target.unitPath }),
    },
  });
}

export const registerUnitRoutes: RegisterRoutes = (routes, deps) => {
  const { database } = deps;
  const db = database.db;

  routes.add({
    method: "GET",
    url: "/units",
    summary: "Tìm đơn vị (không phân biệt dấu) hoặc liệt kê đơn vị con",
    tag: TAG,
    auth: "user",
    query: ListUnitsQuery,
    response: z.array(UnitListItemDtoSchema),
    handler: async ({ query }) => {
      let units: Unit[];
      if (query.q) {
        units = await searchUnits(db, query.q, { limit: query.limit, ...(query.kind ? { kinds: query.kind } : {}) });
      } else {
        units = await listChildUnits(db, query.parentId ?? null);
        if (query.kind) units = units.filter((u) => query.kind!.includes(u.kind));
        units = units.slice(0, query.limit);
      }
      const parents = new Map(
        (
          await getUnits(
            db,
            units.map((u) => u.parent_id).filter((id): id is string => !!id),
          )
        ).map((p) => [p.id, p]),
      );
      return units.map((u) => ({
        ...presentUnitSummary(u),
        parentName: (u.parent_id && parents.get(u.parent_id)?.name) || null,
      }));
    },
  });

  routes.add({
    method: "GET",
    url: "/units/tree",
    summary: "Cây đơn vị đầy đủ (theo thứ tự cây, một truy vấn), tùy chọn chỉ các đơn vị còn hiệu lực vào một ngày",
    tag: TAG,
    auth: "user",
    query: UnitTreeQuery,
    response: UnitTreeDtoSchema,
    handler: async ({ actor, query }) => {
      const rows = await listUnitTree(db, query.activeOn ? { activeOn: query.activeOn } : {});
      return presentUnitTree(rows, can(actor, "unit.import", null));
    },
  });

  routes.add({
    method: "GET",
    url: "/units/:id",
    summary: "Thông tin một đơn vị: cấp trên, trực thuộc, đơn vị tiền thân/kế thừa, nhóm, nhiệm vụ và báo cáo đang mở",
    tag: TAG,
    auth: "user",
    params: IdParams,
    response: UnitDetailDtoSchema,
    errors: [404],
    handler: async ({ actor, params }) => {
      const loaded = await loadUnit(db, params.id);
      authorize(actor, "unit.read", loaded.target);
      return unitDetail(db, actor, loaded);
    },
  });

  routes.add({
    method: "POST",
    url: "/units",
    summary: "Thêm đơn vị vào danh mục",
    tag: TAG,
    auth: "user",
    body: CreateUnitBody,
    response: UnitDetailDtoSchema,
    status: 201,
    errors: [403, 409],
    handler: async ({ actor, body, req }) => {
      const parentPath = await parentPathOf(db, body.parentId);
      authorize(
        actor,
        "unit.create",
        { parentPath },
        parentPath
          ? "Bạn chỉ được thêm đơn vị trong phạm vi đơn vị mình quản trị hoặc điều phối."
          : "Chỉ quản trị hệ thống mới được thêm đơn vị cấp cao nhất.",
      );
      const unit = await runCommand(database, { actor, ip: req.ip }, (ctx) => createUnit(ctx, body));
      return unitDetail(db, actor, await loadUnit(db, unit.id));
    },
  });

  routes.add({
    method: "PUT",
    url: "/units/:id",
    summary: "Sửa đơn vị: tên, tên viết tắt, loại, đơn vị cấp trên (không được tạo vòng lặp), tên gọi khác, hiệu lực",
    tag: TAG,
    auth: "user",
    params: IdParams,
    body: UpdateUnitBody,
    response: UnitDetailDtoSchema,
    errors: [403, 404, 422],
    handler: async ({ actor, params, body, req }) => {
      const loaded = await loadUnit(db, params.id);
      authorize(actor, "unit.manage", loaded.target, "Bạn không quản lý đơn vị này trong danh mục.");
      if (body.parentId !== undefined && body.parentId !== loaded.unit.parent_id) {
        const parentPath = await parentPathOf(db, body.parentId);
        authorize(actor, "unit.create", { parentPath }, "Bạn không quản lý đơn vị cấp trên mới.");
      }
      await runCommand(database, { actor, ip: req.ip }, (ctx) => updateUnit(ctx, { unit: loaded.unit, ...body }));
      return unitDetail(db, actor, await loadUnit(db, loaded.unit.id));
    },
  });

  routes.add({
    method: "POST",
    url: "/units/:id/merge",
    summary:
      "Sáp nhập đơn vị (và các đơn vị khác) vào một đơn vị kế thừa: nhiệm vụ đang mở, báo cáo chưa gửi, đơn vị trực thuộc và vai trò người dùng được chuyển sang (dryRun: chỉ xem trước)",
    tag: TAG,
    auth: "user",
    params: IdParams,
    body: MergeUnitBody,
    response: UnitMergeResultDtoSchema,
    errors: [403, 404, 422],
    handler: async ({ actor, params, body, req }) => {
      const { predecessors, into } = await loadMerge(db, actor, params.id, body);
      const result = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        mergeUnits(ctx, { predecessors, into, effectiveOn: body.effectiveOn, dryRun: body.dryRun === true }),
      );
      return {
        successor: presentUnitSummary(result.successor),
        predecessors: result.predecessors.map(presentUnitSummary),
        effectiveOn: body.effectiveOn,
        dryRun: result.dryRun,
        moved: result.moved,
      };
    },
  });

  routes.add({
    method: "POST",
    url: "/units/:id/split",
    summary:
      "Chia tách đơn vị thành các đơn vị mới; nhiệm vụ đang mở (cùng nội dung báo cáo chưa gửi của chúng) được giao theo lựa chọn hoặc cho đơn vị mặc định; vai trò người dùng chuyển theo lựa chọn",
    tag: TAG,
    auth: "user",
    params: IdParams,
    body: SplitUnitBody,
    response: UnitSplitResultDtoSchema,
    errors: [403, 404, 422],
    handler: async ({ actor, params, body, req }) => {
      const { loaded, defaultPart, tasks, members } = await loadSplit(db, actor, params.id, body);
      const result = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        splitUnit(ctx, {
          unit: loaded.unit,
          parts: body.parts,
          effectiveOn: body.effectiveOn,
          defaultPart,
          tasks,
          members,
        }),
      );
      return {
        unit: presentUnitSummary(result.unit),
        parts: result.parts.map(presentUnitSummary),
        effectiveOn: body.effectiveOn,
        moved: result.moved,
      };
    },
  });

  registerUnitGroupRoutes(routes, deps);
  registerDirectoryFileRoutes(routes, deps);
};

/** Loads and authorizes what a merge names: the units that cease, and the successor (existing or to create). */
async function loadMerge(db: Database["db"], actor: Actor, id: string, body: z.output<typeof MergeUnitBody>) {
  const loaded = [await loadUnit(db, id)];
  for (const other of body.otherUnitIds ?? []) loaded.push(await loadUnit(db, other, "otherUnitIds"));
  for (const u of loaded) authorize(actor, "unit.manage", u.target, `Bạn không quản lý đơn vị “${u.unit.name}”.`);
  let into: { unit: Unit } | { newUnit: z.output<typeof CreateUnitBody> };
  if (body.intoUnitId) {
    const succ = await loadUnit(db, body.intoUnitId, "intoUnitId");
    authorize(actor, "unit.manage", succ.target, `Bạn không quản lý đơn vị tiếp nhận “${succ.unit.name}”.`);
    into = { unit: succ.unit };
  } else {
    const newUnit = body.newUnit!;
    const parentPath = await parentPathOf(db, newUnit.parentId, "newUnit.parentId");
    authorize(actor, "unit.create", { parentPath }, "Bạn không được thêm đơn vị mới ở vị trí này.");
    into = { newUnit };
  }
  return { predecessors: loaded.map((u) => u.unit), into };
}

/** Loads and authorizes a split (the unit, where each part goes) and resolves the part references to positions. */
async function loadSplit(db: Database["db"], actor: Actor, id: string, body: z.output<typeof SplitUnitBody>) {
  const loaded = await loadUnit(db, id);
  authorize(actor, "unit.manage", loaded.target, `Bạn không quản lý đơn vị “${loaded.unit.name}”.`);
  for (const [i, p] of body.parts.entries()) {
    // A part without `parentId` goes where the split unit was; `null` makes it a top-level unit.
    const parentPath =
      p.parentId === undefined
        ? loaded.unit.parent_id
          ? loaded.target.unitPath.slice(1)
          : null
        : await parentPathOf(db, p.parentId, `parts.${i}.parentId`);
    authorize(actor, "unit.create", { parentPath }, "Bạn không được thêm đơn vị mới ở vị trí này.");
  }
  const refOf = partResolver(body.parts);
  const tasks: Record<string, number> = {};
  for (const [taskId, ref] of Object.entries(body.assignTo.tasks ?? {})) {
    tasks[taskId] = refOf(ref, `assignTo.tasks.${taskId}`);
  }
  const members: Record<string, number> = {};
  for (const [userId, ref] of Object.entries(body.assignTo.members ?? {})) {
    members[userId] = refOf(ref, `assignTo.members.${userId}`);
  }
  return { loaded, defaultPart: refOf(body.assignTo.default, "assignTo.default"), tasks, members };
}

/** A part reference (its Mã, or its position from 0) → its position; 400 on `field` when it names no part. */
function partResolver(parts: readonly { id?: string | undefined }[]) {
  return (ref: string | number, field: string): number => {
    const i = typeof ref === "number" ? ref : parts.findIndex((p) => p.id === ref);
    if (i < 0 || i >= parts.length) {
      throw new AppError("VALIDATION", "Đơn vị tiếp nhận phải là một trong các đơn vị mới.", {
        fields: { [field]: "Phải là một trong các đơn vị mới." },
      });
    }
    return i;
  };
}
