/**
 * The HTTP application: JSON API under /api/v1 (validated with zod, documented at /api/v1/openapi.json), cookie
 * sessions with CSRF protection or Bearer tokens, strict security headers, and the built web app with SPA fallback.
 */
import fs from "node:fs";
import path from "node:path";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import type { Database } from "../store/db.js";
import { authenticateBearer, authenticateSession, bearerTokenOf, SESSION_COOKIE } from "./auth/authenticate.js";
import { checkCsrfToken, checkOrigin } from "./auth/csrf.js";
import type { AppConfig } from "./config.js";
import { AppError, isAppError } from "./errors.js";
import { buildOpenApiDocument } from "./openapi.js";
import { registerAllRoutes } from "./routes/index.js";
import { API_PREFIX, ApiRoutes } from "./routing.js";

export interface BuildAppOptions {
  database: Database;
  config: AppConfig;
  /** Fastify/pino logger options; false (default) = silent. */
  logger?: boolean | object;
}

/** Requests that may change state without a CSRF token (no session exists yet; still Origin-checked). */
const CSRF_EXEMPT = new Set([`${API_PREFIX}/auth/login`]);

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

function isApi(url: string): boolean {
  return url === "/api" || url.startsWith("/api/");
}

function pathOf(req: FastifyRequest): string {
  const q = req.url.indexOf("?");
  return q === -1 ? req.url : req.url.slice(0, q);
}

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { database, config } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
  });

  app.decorateRequest("actor", null);
  app.decorateRequest("sessionAuth", null);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 20 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // No inline <style> or scripts; style attributes (set by React/SVG charts) are allowed, they cannot run code.
        styleSrc: ["'self'"],
        styleSrcAttr: ["'unsafe-inline'"],
        fontSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "same-origin" },
  });

  // Authentication and CSRF for API requests.
  app.addHook("onRequest", async (req) => {
    if (!isApi(pathOf(req))) return;
    const now = new Date();
    const bearer = bearerTokenOf(req.headers.authorization);
    if (bearer === null) {
      throw new AppError("UNAUTHENTICATED", "Tiêu đề Authorization không hợp lệ (cần dạng: Bearer tdo_…).");
    }
    if (bearer !== undefined) {
      req.actor = (await authenticateBearer(database.db, bearer, now)).actor;
      return;
    }
    checkOrigin(req, config.publicUrl);
    const cookieValue = req.cookies[SESSION_COOKIE];
    if (!cookieValue) return;
    const auth = await authenticateSession(database.db, cookieValue, now, config);
    if (!auth?.session) return;
    req.actor = auth.actor;
    req.sessionAuth = { id: auth.session.id, csrfToken: auth.session.csrf_token, expiresAt: auth.session.expires_at };
    if (!CSRF_EXEMPT.has(pathOf(req))) checkCsrfToken(req, auth.session.csrf_token);
  });

  app.setErrorHandler((err, req, reply) => {
    if (isAppError(err)) {
      if (err.headers) reply.headers(err.headers);
      if (err.status >= 500) req.log.error({ err }, err.message);
      return reply.code(err.status).send(err.toJSON());
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    const status = typeof e.statusCode === "number" ? e.statusCode : 500;
    if (status === 413 || e.code === "FST_REQ_FILE_TOO_LARGE") {
      return reply.code(413).send(new AppError("PAYLOAD_TOO_LARGE").toJSON());
    }
    if (status === 415) {
      return reply
        .code(415)
        .send(
          new AppError("UNSUPPORTED_FILE", "Kiểu nội dung gửi lên không được hỗ trợ (cần application/json).").toJSON(),
        );
    }
    if (status >= 400 && status < 500) {
      const message = /JSON/i.test(`${e.code ?? ""} ${e.message ?? ""}`)
        ? "Dữ liệu gửi lên không phải JSON hợp lệ."
        : "Yêu cầu không hợp lệ.";
      return reply.code(400).send(new AppError("VALIDATION", message, { fields: {} }).toJSON());
    }
    req.log.error({ err }, "unhandled error");
    return reply.code(500).send(new AppError("INTERNAL").toJSON());
  });

  const webIndex = path.join(config.webRoot, "index.html");
  const hasWeb = fs.existsSync(webIndex);

  app.setNotFoundHandler((req, reply) => {
    const p = pathOf(req);
    if (!isApi(p) && (req.method === "GET" || req.method === "HEAD") && hasWeb && !path.extname(p)) {
      // Client-side route of the single-page app.
      return reply.header("cache-control", "no-cache").type("text/html; charset=utf-8").sendFile("index.html");
    }
    return reply
      .code(404)
      .send(
        new AppError(
          "NOT_FOUND",
          isApi(p) ? `Không tìm thấy API: ${req.method} ${p}` : `Không tìm thấy trang: ${p}`,
        ).toJSON(),
      );
  });

  const routes = new ApiRoutes(app);
  registerAllRoutes(routes, { database, config });

  let openApiDocument: object | undefined;
  app.get(`${API_PREFIX}/openapi.json`, async () => {
    openApiDocument ??= buildOpenApiDocument(routes.routes, { version: config.version });
    return openApiDocument;
  });
  app.decorate("apiRoutes", routes);

  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webRoot,
      prefix: "/",
      wildcard: true,
      index: ["index.html"],
      setHeaders(res, filePath) {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.header("cache-control", "public, max-age=31536000, immutable");
        } else {
          res.header("cache-control", "no-cache");
        }
      },
    });
  } else {
    app.get("/", async (_req, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(
          '<!doctype html><html lang="vi"><meta charset="utf-8"><title>tiendo</title>' +
            "<p>Giao diện web chưa được xây dựng. Chạy <code>npm run build</code> rồi khởi động lại máy chủ.</p>" +
            '<p>API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p></html>',
        ),
    );
  }

  return app;
}

declare module "fastify" {
  interface FastifyInstance {
    apiRoutes: ApiRoutes;
  }
}
