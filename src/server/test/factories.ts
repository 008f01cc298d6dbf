/**
 * Factories for server tests: real rows through the real commands (so audit rows exist as in production).
 */
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Database } from "../../store/db.js";
import { newId } from "../../store/ids.js";
import { createUnit } from "../../store/repos/units.js";
import type { Role, Unit, UnitKind, User } from "../../store/schema.js";
import type { SessionDto } from "../api-types.js";
import { buildApp } from "../app.js";
import { createUser } from "../commands/create-user.js";
import { type AppConfig, loadConfig } from "../config.js";
import { type Actor, runCommand, SYSTEM_ACTOR } from "../context.js";

let seq = 0;
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++seq).toString(36)}`;

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({}), webRoot: "/nonexistent-tiendo-web", ...overrides };
}

export async function buildTestApp(database: Database, overrides: Partial<AppConfig> = {}): Promise<FastifyInstance> {
  return buildApp({ database, config: testConfig(overrides) });
}

export async function makeUnit(
  database: Database,
  input: { name?: string; kind?: UnitKind; parentId?: string | null; aliases?: string[] } = {},
): Promise<Unit> {
  return createUnit(database.db, {
    id: newId(),
    name: input.name ?? unique("Phòng Thử nghiệm "),
    kind: input.kind ?? "office",
    parent_id: input.parentId ?? null,
    aliases: input.aliases ?? [],
  });
}

export const DEFAULT_PASSWORD = "Mật-khẩu-thử-2025";

export async function makeUser(
  database: Database,
  input: {
    username?: string;
    password?: string;
    displayName?: string;
    isAdmin?: boolean;
    memberships?: { unitId: string; role: Role }[];
    actor?: Actor;
  } = {},
): Promise<{ user: User; password: string }> {
  const password = input.password ?? DEFAULT_PASSWORD;
  const user = await runCommand(database, { actor: input.actor ?? SYSTEM_ACTOR }, (ctx) =>
    createUser(ctx, {
      username: input.username ?? unique("user"),
      displayName: input.displayName ?? "Nguyễn Văn Thử",
      password,
      isAdmin: input.isAdmin ?? false,
      memberships: input.memberships ?? [],
    }),
  );
  return { user, password };
}

export interface LoggedIn {
  cookie: string;
  csrfToken: string;
  session: SessionDto;
  /** Headers for a state-changing request with this session. */
  headers: Record<string, string>;
}

export function sessionCookieFrom(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === "tiendo_session");
  if (!c) throw new Error("no session cookie in response");
  return `tiendo_session=${c.value}`;
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<LoggedIn> {
  const res = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const session = (res.json() as { data: SessionDto }).data;
  const cookie = sessionCookieFrom(res);
  return { cookie, csrfToken: session.csrfToken, session, headers: { cookie, "x-csrf-token": session.csrfToken } };
}
