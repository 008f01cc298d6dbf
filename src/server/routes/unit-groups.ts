/**
 * Unit groups [nhóm đơn vị]: list, read, create, edit, explicit members, and the preview of what a rule resolves to
 * ("UBND các xã, phường" of a district today). Registered by the unit routes.
 */
import { z } from "zod";
import type { Database } from "../../store/db.js";
import { listMembersOfGroups } from "../../store/repos/directory-admin.js";
import { unitPath, unitPaths } from "../../store/repos/memberships.js";
import {
  getUnitGroup,
  listUnitGroupMemberIds,
  listUnitGroups,
  resolveUnitGroup,
  searchUnitGroups,
  type UnitGroup,
} from "../../store/repos/unit-groups.js";
import { getUnits } from "../../store/repos/units.js";
import type { UnitGroupRule } from "../../store/schema.js";
import { createUnitGroup } from "../commands/create-unit-group.js";
import { updateUnitGroup } from "../commands/update-unit-group.js";
import { type Actor, runCommand } from "../context.js";
import { AppError } from "../errors.js";
import { authorize, can } from "../policies/index.js";
import type { UnitGroupTarget } from "../policies/units.js";
import { presentUnitGroup, presentUnitSummary } from "../presenters/unit.js";
import { IdParams } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";
import {
  CreateUnitGroupBody,
  ListUnitGroupsQuery,
  PreviewQuery,
  PreviewUnitGroupBody,
  SetMembersBody,
  UnitGroupDtoSchema,
  UnitGroupPreviewDtoSchema,
  UpdateUnitGroupBody,
} from "./units.schema.js";

const TAG = "Nhóm đơn vị";
const GROUP_NOT_FOUND = "Không tìm thấy nhóm đơn vị.";

async function ownerPath(db: Database["db"], ownerUnitId: string | null | undefined, field = "ownerUnitId") {
  if (!ownerUnitId) return [];
  const path = await unitPath(db, ownerUnitId);
  if (path.length === 0) {
    throw new AppError("VALIDATION", "Không tìm thấy đơn vị chủ quản.", {
      fields: { [field]: "Không tìm thấy đơn vị." },
    });
  }
  return path;
}

async function loadGroup(db: Database["db"], id: string): Promise<{ group: UnitGroup; target: UnitGroupTarget }> {
  const group = await getUnitGroup(db, id);
  if (!group) throw new AppError("NOT_FOUND", GROUP_NOT_FOUND);
  return { group, target: { id: group.id, ownerPath: await ownerPath(db, group.owner_unit_id) } };
}

async function groupView(db: Database["db"], actor: Actor, group: UnitGroup, target: UnitGroupTarget) {
  return presentUnitGroup(group, {
    memberIds: await listUnitGroupMemberIds(db, group.id),
    abilities: { manage: can(actor, "unit_group.manage", target) },
  });
}

async function preview(
  db: Database["db"],
  g: { id: string; rule: UnitGroupRule; owner_unit_id: string | null },
  activeOn: string | undefined,
  explicitIds?: readonly string[],
) {
  const ids = explicitIds ?? (await resolveUnitGroup(db, g, activeOn ? { activeOn } : {}));
  const units = await getUnits(db, ids);
  const members = units
    .filter((u) => !activeOn || ((!u.valid_from || u.valid_from <= activeOn) && (!u.valid_to || u.valid_to > activeOn)))
    .sort((a, b) => a.name.localeCompare(b.name, "vi"))
    .map(presentUnitSummary);
  return { rule: g.rule, ownerUnitId: g.owner_unit_id, members };
}

export const registerUnitGroupRoutes: RegisterRoutes = (routes, { database }) => {
  const db = database.db;

  routes.add({
    method: "GET",
    url: "/unit-groups",
    summary: "Các nhóm đơn vị (tìm không phân biệt dấu, lọc theo đơn vị chủ quản)",
    tag: TAG,
    auth: "user",
    query: ListUnitGroupsQuery,
    response: z.array(UnitGroupDtoSchema),
    handler: async ({ actor, query }) => {
      const groups = query.q
        ? await searchUnitGroups(db, query.q, query.ownerUnitId ? { ownerUnitId: query.ownerUnitId } : {})
        : await listUnitGroups(db, query.ownerUnitId ? { ownerUnitId: query.ownerUnitId } : {});
      const members = await listMembersOfGroups(
        db,
        groups.map((g) => g.id),
      );
      const paths = await unitPaths(
        db,
        groups.map((g) => g.owner_unit_id).filter((x): x is string => !!x),
      );
      return groups.map((g) =>
        presentUnitGroup(g, {
          memberIds: members.get(g.id) ?? [],
          abilities: {
            manage: can(actor, "unit_group.manage", {
              id: g.id,
              ownerPath: (g.owner_unit_id && paths.get(g.owner_unit_id)) || [],
            }),
          },
        }),
      );
    },
  });

  routes.add({
    method: "POST",
    url: "/unit-groups/preview",
    summary: "Xem trước các đơn vị mà một quy tắc nhóm (chưa lưu) xác định",
    tag: TAG,
    auth: "user",
    body: PreviewUnitGroupBody,
    response: UnitGroupPreviewDtoSchema,
    handler: async ({ body }) => {
      await ownerPath(db, body.ownerUnitId);
      const g = { id: "", rule: body.rule, owner_unit_id: body.ownerUnitId ?? null };
      const explicit = body.rule === "explicit" || body.rule === "chosen" ? (body.memberIds ?? []) : undefined;
      return preview(db, g, body.activeOn, explicit);
    },
  });

  routes.add({
    method: "GET",
    url: "/unit-groups/:id",
    summary: "Một nhóm đơn vị",
    tag: TAG,
    auth: "user",
    params: IdParams,
    response: UnitGroupDtoSchema,
    errors: [404],
    handler: async ({ actor, params }) => {
      const { group, target } = await loadGroup(db, params.id);
      authorize(actor, "unit_group.read", target);
      return groupView(db, actor, group, target);
    },
  });

  routes.add({
    method: "GET",
    url: "/unit-groups/:id/preview",
    summary: "Các đơn vị thuộc nhóm (quy tắc được áp dụng), tùy chọn chỉ các đơn vị còn hiệu lực vào một ngày",
    tag: TAG,
    auth: "user",
    params: IdParams,
    query: PreviewQuery,
    response: UnitGroupPreviewDtoSchema,
    errors: [404],
    handler: async ({ actor, params, query }) => {
      const { group, target } = await loadGroup(db, params.id);
      authorize(actor, "unit_group.read", target);
      return preview(db, group, query.activeOn);
    },
  });

  routes.add({
    method: "POST",
    url: "/unit-groups",
    summary: "Thêm nhóm đơn vị (theo quy tắc hoặc danh sách)",
    tag: TAG,
    auth: "user",
    body: CreateUnitGroupBody,
    response: UnitGroupDtoSchema,
    status: 201,
    errors: [403],
    handler: async ({ actor, body, req }) => {
      const target = { id: "", ownerPath: await ownerPath(db, body.ownerUnitId) };
      authorize(actor, "unit_group.manage", target, "Bạn không quản lý đơn vị chủ quản của nhóm này.");
      const group = await runCommand(database, { actor, ip: req.ip }, (ctx) => createUnitGroup(ctx, body));
      return groupView(db, actor, group, { ...target, id: group.id });
    },
  });

  routes.add({
    method: "PUT",
    url: "/unit-groups/:id",
    summary: "Sửa nhóm đơn vị: tên, quy tắc, đơn vị chủ quản, tên gọi khác",
    tag: TAG,
    auth: "user",
    params: IdParams,
    body: UpdateUnitGroupBody,
    response: UnitGroupDtoSchema,
    errors: [403, 404],
    handler: async ({ actor, params, body, req }) => {
      const { group, target } = await loadGroup(db, params.id);
      authorize(actor, "unit_group.manage", target, "Bạn không quản lý nhóm đơn vị này.");
      if (body.ownerUnitId !== undefined && body.ownerUnitId !== group.owner_unit_id) {
        const next = { id: group.id, ownerPath: await ownerPath(db, body.ownerUnitId) };
        authorize(actor, "unit_group.manage", next, "Bạn không quản lý đơn vị chủ quản mới.");
      }
      const updated = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        updateUnitGroup(ctx, { group, ...body }),
      );
      return groupView(db, actor, updated, (await loadGroup(db, updated.id)).target);
    },
  });

  routes.add({
    method: "PUT",
    url: "/unit-groups/:id/members",
    summary: "Đặt danh sách thành viên của nhóm (nhóm theo danh sách)",
    tag: TAG,
    auth: "user",
    params: IdParams,
    body: SetMembersBody,
    response: UnitGroupDtoSchema,
    errors: [403, 404, 422],
    handler: async ({ actor, params, body, req }) => {
      const { group, target } = await loadGroup(db, params.id);
      authorize(actor, "unit_group.manage", target, "Bạn không quản lý nhóm đơn vị này.");
      const updated = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        updateUnitGroup(ctx, { group, memberIds: body.memberIds }),
      );
      return groupView(db, actor, updated, target);
    },
  });
};
