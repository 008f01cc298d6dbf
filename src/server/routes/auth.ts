import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import { findUserById } from "../../store/repos/users.js";
import { loadUserActor } from "../auth/actor.js";
import { SESSION_COOKIE } from "../auth/authenticate.js";
import { changePassword } from "../commands/change-password.js";
import { createSession } from "../commands/create-session.js";
import { endSession } from "../commands/end-session.js";
import type { AppConfig } from "../config.js";
import { runCommand } from "../context.js";
import { AppError } from "../errors.js";
import { presentSession } from "../presenters/session.js";
import { ChangePasswordBody, LoginBody, SessionDtoSchema } from "./auth.schema.js";
import type { RegisterRoutes } from "./deps.js";

export function sessionCookieOptions(config: AppConfig, req: FastifyRequest) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: config.secureCookies || req.protocol === "https",
  };
}

function clearSessionCookie(reply: FastifyReply, config: AppConfig, req: FastifyRequest) {
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config, req));
}

export const registerAuthRoutes: RegisterRoutes = (routes, { database, config }) => {
  routes.add({
    method: "POST",
    url: "/auth/login",
    summary: "Đăng nhập bằng tên đăng nhập và mật khẩu",
    tag: "Đăng nhập",
    auth: "public",
    body: LoginBody,
    response: SessionDtoSchema,
    errors: [401, 403, 423, 429],
    handler: async ({ body, req, reply }) => {
      const result = await runCommand(database, { actor: { kind: "system", label: "login" }, ip: req.ip }, (ctx) =>
        createSession(ctx, {
          username: body.username,
          password: body.password,
          userAgent: req.headers["user-agent"] ?? null,
          policy: config,
        }),
      );
      if (!result.ok) throw result.error;
      reply.setCookie(SESSION_COOKIE, result.token, {
        ...sessionCookieOptions(config, req),
        maxAge: config.sessionAbsoluteHours * 3600,
      });
      const actor = await loadUserActor(database.db, result.user, "session", { sessionId: result.session.id });
      return presentSession(
        actor,
        result.user,
        { csrfToken: result.session.csrf_token, expiresAt: result.session.expires_at },
        config.sessionIdleMinutes,
      );
    },
  });

  routes.add({
    method: "POST",
    url: "/auth/logout",
    summary: "Đăng xuất (kết thúc phiên hiện tại)",
    tag: "Đăng nhập",
    auth: "user",
    errors: [403],
    handler: async ({ actor, req, reply }) => {
      const sessionId = req.sessionAuth?.id;
      if (sessionId) await runCommand(database, { actor, ip: req.ip }, (ctx) => endSession(ctx, { sessionId }));
      clearSessionCookie(reply, config, req);
    },
  });

  routes.add({
    method: "GET",
    url: "/auth/me",
    summary: "Phiên đăng nhập hiện tại",
    tag: "Đăng nhập",
    auth: "user",
    response: SessionDtoSchema,
    handler: async ({ actor, req }) => {
      const user = await findUserById(database.db, actor.id);
      if (!user) throw new AppError("UNAUTHENTICATED");
      return presentSession(
        actor,
        user,
        { csrfToken: req.sessionAuth?.csrfToken ?? "", expiresAt: req.sessionAuth?.expiresAt ?? null },
        config.sessionIdleMinutes,
      );
    },
  });

  routes.add({
    method: "POST",
    url: "/auth/password",
    summary: "Đổi mật khẩu của tôi (các phiên khác bị đăng xuất)",
    tag: "Đăng nhập",
    auth: "user",
    body: ChangePasswordBody,
    errors: [403],
    handler: async ({ actor, body, req }) => {
      if (actor.via === "token") {
        throw new AppError("FORBIDDEN", "Không thể đổi mật khẩu bằng mã truy cập API. Vui lòng đăng nhập.");
      }
      await runCommand(database, { actor, ip: req.ip }, (ctx) => changePassword(ctx, body));
    },
  });
};
