import { z } from "zod";
import { findApiTokenById, listApiTokens } from "../../store/repos/api-tokens.js";
import { createApiToken } from "../commands/create-api-token.js";
import { revokeApiToken } from "../commands/revoke-api-token.js";
import { runCommand } from "../context.js";
import { AppError } from "../errors.js";
import { authorize } from "../policies/index.js";
import { presentApiToken } from "../presenters/token.js";
import { IdParams } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";
import { ApiTokenDtoSchema, CreatedApiTokenDtoSchema, CreateTokenBody } from "./tokens.schema.js";

export const registerTokenRoutes: RegisterRoutes = (routes, { database }) => {
  routes.add({
    method: "GET",
    url: "/tokens",
    summary: "Các mã truy cập API của tôi (còn hiệu lực)",
    tag: "Mã truy cập API",
    auth: "user",
    response: z.array(ApiTokenDtoSchema),
    handler: async ({ actor }) => {
      authorize(actor, "token.list", null);
      return (await listApiTokens(database.db, actor.id)).map(presentApiToken);
    },
  });

  routes.add({
    method: "POST",
    url: "/tokens",
    summary: "Tạo mã truy cập API (mã chỉ hiển thị một lần)",
    tag: "Mã truy cập API",
    auth: "user",
    body: CreateTokenBody,
    response: CreatedApiTokenDtoSchema,
    status: 201,
    errors: [403],
    handler: async ({ actor, body, req }) => {
      authorize(
        actor,
        "token.create",
        null,
        "Không thể tạo mã truy cập bằng một mã truy cập khác. Vui lòng đăng nhập.",
      );
      const expiresAt = body.expiresAt
        ? body.expiresAt.length === 10
          ? `${body.expiresAt}T23:59:59.999Z`
          : new Date(body.expiresAt).toISOString()
        : null;
      const { token, row } = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
        createApiToken(ctx, { userId: actor.id, name: body.name, expiresAt }),
      );
      return { ...presentApiToken(row), token };
    },
  });

  routes.add({
    method: "DELETE",
    url: "/tokens/:id",
    summary: "Thu hồi mã truy cập API",
    tag: "Mã truy cập API",
    auth: "user",
    params: IdParams,
    errors: [403, 404],
    handler: async ({ actor, params, req }) => {
      const token = await findApiTokenById(database.db, params.id);
      if (!token || token.revoked_at) throw new AppError("NOT_FOUND", "Không tìm thấy mã truy cập.");
      authorize(actor, "token.revoke", { id: token.id, userId: token.user_id });
      await runCommand(database, { actor, ip: req.ip }, (ctx) => revokeApiToken(ctx, token));
    },
  });
};
