/**
 * Registering an API route records its method, path and zod schemas; the same record validates requests, shapes
 * responses (undeclared fields are dropped) and produces the OpenAPI document, so the document cannot drift.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Actor, UserActor } from "./context.js";
import { AppError } from "./errors.js";
import { parseOrThrow } from "./validation.js";

export const API_PREFIX = "/api/v1";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** "public": no login needed; "user": a signed-in user (cookie session or Bearer token). */
export type AuthMode = "public" | "user";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<B, Q, P, A extends AuthMode> {
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  actor: A extends "user" ? UserActor : Actor | null;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<
  B extends Schema | undefined,
  Q extends Schema | undefined,
  P extends Schema | undefined,
  R extends Schema | undefined,
  A extends AuthMode,
> {
  method: HttpMethod;
  /** Path under /api/v1, Fastify style (`/units/:id`). */
  url: string;
  summary: string;
  tag: string;
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  /** Schema of `data` in the success response; omit for 204 No Content. */
  response?: R;
  /** Success status; default 200 (201 for creations). */
  status?: number;
  /** Extra error statuses this route answers with (401/400/500 are implied). */
  errors?: number[];
  // biome-ignore lint/suspicious/noConfusingVoidType: handlers without a response schema are plain `async () => {}`.
  handler: (input: RouteInput<B, Q, P, A>) => Promise<R extends z.ZodType ? z.input<R> : undefined | void>;
}

export interface RecordedRoute {
  method: HttpMethod;
  url: string;
  summary: string;
  tag: string;
  auth: AuthMode;
  body?: Schema;
  query?: Schema;
  params?: Schema;
  response?: Schema;
  status: number;
  errors: number[];
}

export class ApiRoutes {
  readonly routes: RecordedRoute[] = [];

  constructor(private readonly app: FastifyInstance) {}

  add<
    B extends Schema | undefined = undefined,
    Q extends Schema | undefined = undefined,
    P extends Schema | undefined = undefined,
    R extends Schema | undefined = undefined,
    A extends AuthMode = "user",
  >(spec: RouteSpec<B, Q, P, R, A>): void {
    const status = spec.status ?? (spec.response ? 200 : 204);
    this.routes.push({
      method: spec.method,
      url: spec.url,
      summary: spec.summary,
      tag: spec.tag,
      auth: spec.auth,
      body: spec.body,
      query: spec.query,
      params: spec.params,
      response: spec.response,
      status,
      errors: spec.errors ?? [],
    });
    this.app.route({
      method: spec.method,
      url: API_PREFIX + spec.url,
      handler: async (req, reply) => {
        const actor = req.actor;
        if (spec.auth === "user" && actor?.kind !== "user") throw new AppError("UNAUTHENTICATED");
        const params = spec.params ? parseOrThrow(spec.params, req.params) : undefined;
        const query = spec.query ? parseOrThrow(spec.query, req.query ?? {}) : undefined;
        const body = spec.body ? parseOrThrow(spec.body, req.body ?? {}) : undefined;
        const result = await spec.handler({
          body,
          query,
          params,
          actor,
          req,
          reply,
        } as RouteInput<B, Q, P, A>);
        if (!spec.response) {
          reply.code(status);
          return reply.send();
        }
        // Parse the handler's result with the response schema: it drops fields the schema does not declare.
        const data = spec.response.parse(result);
        reply.code(status);
        return { data };
      },
    });
  }
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    /** Set for cookie-session requests: the session id (hash) and its CSRF token. */
    sessionAuth: { id: string; csrfToken: string; expiresAt: string } | null;
  }
}
