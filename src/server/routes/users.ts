import { listMembershipsOfUsers, unitPaths } from "../../store/repos/memberships.js";
import { findUserById, listUsers } from "../../store/repos/users.js";
import { createUser } from "../commands/create-user.js";
import { runCommand } from "../context.js";
import { AppError } from "../errors.js";
import { authorize } from "../policies/index.js";
import { presentUser } from "../presenters/user.js";
import { UserDtoSchema } from "./auth.schema.js";
import { IdParams, pageOf } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";
import { CreateUserBody, ListUsersQuery } from "./users.schema.js";

export const registerUserRoutes: RegisterRoutes = (routes, { database }) => {
  const db = database.db;

  routes.add({
    method: "GET",
    url: "/users",
    summary: "Danh sách tài khoản (quản trị hệ thống)",
    tag: "Tài khoản",
    auth: "user",
    query: ListUsersQuery,
    response: pageOf(UserDtoSchema),
    errors: [403],
    handler: async ({ actor, query }) => {
      authorize(actor, "user.list", null);
      const { rows, total } = await listUsers(db, query);
      const memberships = await listMembershipsOfUsers(
        db,
        rows.map((u) => u.id),
      );
      return { items: rows.map((u) => presentUser(u, memberships)), total, limit: query.limit, offset: query.offset };
    },
  });

  routes.add({
    method: "POST",
    url: "/users",
    summary: "Tạo tài khoản (quản trị hệ thống)",
    tag: "Tài khoản",
    auth: "user",
    body: CreateUserBody,
    response: UserDtoSchema,
    status: 201,
    errors: [403, 409],
    handler: async ({ actor, body, req }) => {
      authorize(actor, "user.create", null);
      if (body.isAdmin) authorize(actor, "user.grantSystemAdmin", null);
      const user = await runCommand(database, { actor, ip: req.ip }, (ctx) => createUser(ctx, body));
      return presentUser(user, await listMembershipsOfUsers(db, [user.id]));
    },
  });

  routes.add({
    method: "GET",
    url: "/users/:id",
    summary: "Thông tin một tài khoản",
    tag: "Tài khoản",
    auth: "user",
    params: IdParams,
    response: UserDtoSchema,
    errors: [404],
    handler: async ({ actor, params }) => {
      const user = await findUserById(db, params.id);
      if (!user) throw new AppError("NOT_FOUND", "Không tìm thấy tài khoản.");
      const memberships = await listMembershipsOfUsers(db, [user.id]);
      const paths = await unitPaths(
        db,
        memberships.map((m) => m.unit_id),
      );
      authorize(actor, "user.read", { id: user.id, unitPaths: [...paths.values()] });
      return presentUser(user, memberships);
    },
  });
};
