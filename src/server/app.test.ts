import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "../store/repos/audit.js";
import { touchSession } from "../store/repos/sessions.js";
import { describeEachEngine } from "../store/testing.js";
import type { ApiError, CreatedApiTokenDto, SessionDto } from "./api-types.js";
import { sha256Hex } from "./auth/tokens.js";
import { BAD_CREDENTIALS_MESSAGE } from "./commands/create-session.js";
import { buildTestApp, login, makeUnit, makeUser, unique } from "./test/factories.js";

describeEachEngine("HTTP API", (getDb) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(getDb(), { loginMaxFailures: 3, lockoutMinutes: 15, loginRateLimit: 6 });
  });
  afterAll(async () => {
    await app?.close();
  });

  const auditFor = async (entityId: string, action: string) =>
    (await listAuditEvents(getDb().db, { entityId, action, limit: 50, offset: 0 })).rows;

  describe("system", () => {
    it("answers health with the engine", async () => {
      const res = await app.inject({ method: "GET", url: "/api/v1/health" });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ status: "ok", database: getDb().dialect });
    });

    it("answers an unknown API route with 404 JSON in Vietnamese", async () => {
      const res = await app.inject({ method: "GET", url: "/api/v1/khong-co" });
      expect(res.statusCode).toBe(404);
      const body = res.json() as ApiError;
      expect(body.error.code).toBe("NOT_FOUND");
      expect(body.error.message).toContain("Không tìm thấy");
    });

    it("publishes an OpenAPI 3.1 document naming every registered route", async () => {
      const res = await app.inject({ method: "GET", url: "/api/v1/openapi.json" });
      expect(res.statusCode).toBe(200);
      const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(doc.openapi).toBe("3.1.0");
      for (const r of app.apiRoutes.routes) {
        const p = `/api/v1${r.url.replace(/:(\w+)/g, "{$1}")}`;
        expect(doc.paths[p]?.[r.method.toLowerCase()], `${r.method} ${p}`).toBeDefined();
      }
      expect(doc.paths["/api/v1/auth/login"]?.post).toMatchObject({
        requestBody: { content: { "application/json": { schema: { required: ["username", "password"] } } } },
      });
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/api/v1/tokens/{id}", "/api/v1/units", "/api/v1/units/{id}", "/api/v1/audit"]),
      );
    });

    it("sends a strict Content-Security-Policy", async () => {
      const res = await app.inject({ method: "GET", url: "/api/v1/health" });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    });
  });

  describe("login", () => {
    it("logs in, sets an HttpOnly SameSite=Lax cookie and returns the session", async () => {
      const { user, password } = await makeUser(getDb(), { displayName: "Trần Thị Bình" });
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: user.username.toUpperCase(), password },
      });
      expect(res.statusCode).toBe(200);
      const data = (res.json() as { data: SessionDto }).data;
      expect(data.user).toMatchObject({ id: user.id, displayName: "Trần Thị Bình", isAdmin: false });
      expect(data.csrfToken.length).toBeGreaterThan(20);
      const setCookie = String(res.headers["set-cookie"]);
      expect(setCookie).toMatch(/tiendo_session=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      expect(setCookie).not.toMatch(/Secure/);
      expect(await auditFor(user.id, "auth.login")).toHaveLength(1);
    });

    it("gives the same message for a wrong password and an unknown user", async () => {
      const { user } = await makeUser(getDb());
      const wrong = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: user.username, password: "sai-mat-khau-123" },
      });
      const unknown = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: unique("khongco"), password: "sai-mat-khau-123" },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect((wrong.json() as ApiError).error.message).toBe(BAD_CREDENTIALS_MESSAGE);
    });

    it("locks the account after repeated failures, even for the right password, and unknown users alike", async () => {
      const { user, password } = await makeUser(getDb());
      const attempt = (username: string, pw: string) =>
        app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password: pw } });
      for (let i = 0; i < 3; i++) expect((await attempt(user.username, "sai-mat-khau")).statusCode).toBe(401);
      const locked = await attempt(user.username, password);
      expect(locked.statusCode).toBe(423);
      expect((locked.json() as ApiError).error.message).toMatch(/tạm thời bị khóa/);
      expect(locked.headers["retry-after"]).toBeDefined();

      const ghost = unique("ghost");
      for (let i = 0; i < 3; i++) expect((await attempt(ghost, "sai-mat-khau")).statusCode).toBe(401);
      const ghostLocked = await attempt(ghost, "sai-mat-khau");
      expect(ghostLocked.statusCode).toBe(423);
      expect((ghostLocked.json() as ApiError).error.code).toBe("LOCKED");
    });

    it("rejects a malformed login with 400 and Vietnamese field messages", async () => {
      const res = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "" } });
      expect(res.statusCode).toBe(400);
      const body = res.json() as ApiError;
      expect(body.error.code).toBe("VALIDATION");
      expect(body.error.fields).toEqual({ username: "Bắt buộc nhập.", password: "Bắt buộc nhập." });
    });

    it("rejects invalid JSON with 400 VALIDATION", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: { "content-type": "application/json" },
        payload: "{not json",
      });
      expect(res.statusCode).toBe(400);
      expect((res.json() as ApiError).error).toMatchObject({
        code: "VALIDATION",
        message: expect.stringContaining("JSON"),
      });
    });

    it("refuses a login posted from another site (Origin check)", async () => {
      const { user, password } = await makeUser(getDb());
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: { origin: "https://evil.example" },
        payload: { username: user.username, password },
      });
      expect(res.statusCode).toBe(403);
      expect((res.json() as ApiError).error.code).toBe("CSRF");
    });
  });

  describe("session", () => {
    it("answers me with 401 when not logged in", async () => {
      const res = await app.inject({ method: "GET", url: "/api/v1/auth/me" });
      expect(res.statusCode).toBe(401);
      expect((res.json() as ApiError).error.code).toBe("UNAUTHENTICATED");
    });

    it("returns the session from me, and logout ends it", async () => {
      const { user, password } = await makeUser(getDb());
      const s = await login(app, user.username, password);
      const me = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: s.cookie } });
      expect(me.statusCode).toBe(200);
      expect((me.json() as { data: SessionDto }).data.csrfToken).toBe(s.csrfToken);

      const out = await app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: s.headers });
      expect(out.statusCode).toBe(204);
      const after = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: s.cookie } });
      expect(after.statusCode).toBe(401);
      expect(await auditFor(user.id, "auth.logout")).toHaveLength(1);
    });

    it("requires the CSRF token on state-changing cookie requests", async () => {
      const { user, password } = await makeUser(getDb());
      const s = await login(app, user.username, password);
      const missing = await app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie: s.cookie } });
      expect(missing.statusCode).toBe(403);
      expect((missing.json() as ApiError).error.code).toBe("CSRF");
      const wrong = await app.inject({
        method: "POST",
        url: "/api/v1/tokens",
        headers: { cookie: s.cookie, "x-csrf-token": "x".repeat(32) },
        payload: { name: "thử" },
      });
      expect(wrong.statusCode).toBe(403);
      // The session survived the refused logout.
      const me = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: s.cookie } });
      expect(me.statusCode).toBe(200);
    });

    it("changing the password ends the other sessions but keeps this one", async () => {
      const { user, password } = await makeUser(getDb());
      const a = await login(app, user.username, password);
      const b = await login(app, user.username, password);
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/auth/password",
        headers: a.headers,
        payload: { currentPassword: password, newPassword: "Mật-khẩu-mới-2025" },
      });
      expect(res.statusCode).toBe(204);
      expect(
        (await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: a.cookie } })).statusCode,
      ).toBe(200);
      expect(
        (await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: b.cookie } })).statusCode,
      ).toBe(401);
      await login(app, user.username, "Mật-khẩu-mới-2025");
      expect(await auditFor(user.id, "auth.password_changed")).toHaveLength(1);
    });

    it("ends a session after the idle time", async () => {
      const { user, password } = await makeUser(getDb());
      const s = await login(app, user.username, password);
      const sessionId = sha256Hex(s.cookie.slice("tiendo_session=".length));
      await touchSession(getDb().db, sessionId, new Date(Date.now() - 9 * 3600_000).toISOString());
      const me = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: s.cookie } });
      expect(me.statusCode).toBe(401);
    });

    it("rejects a wrong current password with a field message", async () => {
      const { user, password } = await makeUser(getDb());
      const a = await login(app, user.username, password);
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/auth/password",
        headers: a.headers,
        payload: { currentPassword: "khong-dung-123", newPassword: "Mật-khẩu-mới-2025" },
      });
      expect(res.statusCode).toBe(400);
      expect((res.json() as ApiError).error.fields).toEqual({ currentPassword: "Mật khẩu hiện tại không đúng." });
    });
  });

  describe("API tokens", () => {
    it("a Bearer token works without CSRF and stops after revocation", async () => {
      const { user, password } = await makeUser(getDb());
      const s = await login(app, user.username, password);
      const created = await app.inject({
        method: "POST",
        url: "/api/v1/tokens",
        headers: s.headers,
        payload: { name: "Đồng bộ số liệu" },
      });
      expect(created.statusCode).toBe(201);
      const token = (created.json() as { data: CreatedApiTokenDto }).data;
      expect(token.token).toMatch(/^tdo_/);
      expect(token.prefix).toBe(token.token.slice(0, 10));
      expect(await auditFor(token.id, "token.created")).toHaveLength(1);

      const bearer = { authorization: `Bearer ${token.token}` };
      const me = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer });
      expect(me.statusCode).toBe(200);
      expect((me.json() as { data: SessionDto }).data.user.id).toBe(user.id);
      // A state-changing request with the token needs no CSRF header.
      const second = await app.inject({
        method: "POST",
        url: "/api/v1/tokens",
        headers: { ...bearer, origin: "https://elsewhere.example" },
        payload: { name: "x" },
      });
      expect(second.statusCode).toBe(403); // allowed past CSRF, refused by policy: a token cannot mint tokens
      expect((second.json() as ApiError).error.code).toBe("FORBIDDEN");

      const list = await app.inject({ method: "GET", url: "/api/v1/tokens", headers: bearer });
      expect((list.json() as { data: { id: string }[] }).data.map((t) => t.id)).toContain(token.id);
      expect(list.body).not.toContain(token.token);

      const del = await app.inject({ method: "DELETE", url: `/api/v1/tokens/${token.id}`, headers: bearer });
      expect(del.statusCode).toBe(204);
      expect(await auditFor(token.id, "token.revoked")).toHaveLength(1);
      const after = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: bearer });
      expect(after.statusCode).toBe(401);
    });

    it("cannot revoke someone else's token (404)", async () => {
      const a = await makeUser(getDb());
      const b = await makeUser(getDb());
      const sa = await login(app, a.user.username, a.password);
      const sb = await login(app, b.user.username, b.password);
      const created = await app.inject({
        method: "POST",
        url: "/api/v1/tokens",
        headers: sa.headers,
        payload: { name: "a" },
      });
      const id = (created.json() as { data: CreatedApiTokenDto }).data.id;
      const res = await app.inject({ method: "DELETE", url: `/api/v1/tokens/${id}`, headers: sb.headers });
      expect(res.statusCode).toBe(404);
    });

    it("rejects a malformed or unknown Bearer token with 401", async () => {
      const res = await app.inject({
        method: "GET",
        url: "/api/v1/auth/me",
        headers: { authorization: "Bearer tdo_khongtontai" },
      });
      expect(res.statusCode).toBe(401);
    });
  });

  describe("users (admin)", () => {
    it("an administrator creates a user with a membership; the audit row is written", async () => {
      const admin = await makeUser(getDb(), { isAdmin: true });
      const unit = await makeUnit(getDb());
      const s = await login(app, admin.user.username, admin.password);
      const username = unique("canbo");
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: s.headers,
        payload: {
          username,
          displayName: "Lê Văn Cường",
          password: "Mật-khẩu-2025",
          memberships: [{ unitId: unit.id, role: "reporter" }],
        },
      });
      expect(res.statusCode).toBe(201);
      const created = res.json().data as { id: string; memberships: unknown[] };
      expect(created.memberships).toEqual([{ unitId: unit.id, unitName: unit.name, role: "reporter" }]);
      const events = await auditFor(created.id, "user.created");
      expect(events).toHaveLength(1);
      expect(events[0]!.actor_user_id).toBe(admin.user.id);

      const dup = await app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: s.headers,
        payload: { username, displayName: "Trùng", password: "Mật-khẩu-2025" },
      });
      expect(dup.statusCode).toBe(409);
      expect((dup.json() as ApiError).error.fields?.username).toBe("Tên đăng nhập đã được sử dụng.");

      const list = await app.inject({
        method: "GET",
        url: `/api/v1/users?q=${username}`,
        headers: { cookie: s.cookie },
      });
      expect(list.json().data).toMatchObject({ total: 1, items: [{ username }] });
    });

    it("a reporter may not list or create users (403) and invalid bodies give field errors", async () => {
      const unit = await makeUnit(getDb());
      const reporter = await makeUser(getDb(), { memberships: [{ unitId: unit.id, role: "reporter" }] });
      const s = await login(app, reporter.user.username, reporter.password);
      expect(
        (await app.inject({ method: "GET", url: "/api/v1/users", headers: { cookie: s.cookie } })).statusCode,
      ).toBe(403);
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: s.headers,
        payload: { username: "x", displayName: "X", password: "1" },
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys((res.json() as ApiError).error.fields ?? {})).toEqual(["username", "password"]);
      expect((res.json() as ApiError).error.fields?.password).toBe("Tối thiểu 8 ký tự.");
    });

    it("GET /users/:id is 404 for someone who may not read the account", async () => {
      const other = await makeUser(getDb());
      const me = await makeUser(getDb());
      const s = await login(app, me.user.username, me.password);
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/users/${other.user.id}`,
        headers: { cookie: s.cookie },
      });
      expect(res.statusCode).toBe(404);
      const own = await app.inject({
        method: "GET",
        url: `/api/v1/users/${me.user.id}`,
        headers: { cookie: s.cookie },
      });
      expect(own.statusCode).toBe(200);
    });

    it("a unit administrator reads accounts in the unit's subtree, not elsewhere", async () => {
      const district = await makeUnit(getDb(), { kind: "district" });
      const ward = await makeUnit(getDb(), { kind: "ward", parentId: district.id });
      const elsewhere = await makeUnit(getDb(), { kind: "ward" });
      const unitAdmin = await makeUser(getDb(), { memberships: [{ unitId: district.id, role: "admin" }] });
      const inWard = await makeUser(getDb(), { memberships: [{ unitId: ward.id, role: "reporter" }] });
      const outside = await makeUser(getDb(), { memberships: [{ unitId: elsewhere.id, role: "reporter" }] });
      const s = await login(app, unitAdmin.user.username, unitAdmin.password);
      const get = (id: string) =>
        app.inject({ method: "GET", url: `/api/v1/users/${id}`, headers: { cookie: s.cookie } });
      expect((await get(inWard.user.id)).statusCode).toBe(200);
      expect((await get(outside.user.id)).statusCode).toBe(404);
    });
  });

  describe("units and audit", () => {
    it("searches units without diacritics and shows a unit with its ancestors and children", async () => {
      const tag = unique("GV");
      const district = await makeUnit(getDb(), { name: `Quận Gò Vấp ${tag}`, kind: "district" });
      const office = await makeUnit(getDb(), { name: `Phòng Kinh tế ${tag}`, parentId: district.id });
      const { user, password } = await makeUser(getDb());
      const s = await login(app, user.username, password);
      const found = await app.inject({
        method: "GET",
        url: `/api/v1/units?q=${encodeURIComponent(`phong kinh te ${tag.toLowerCase()}`)}`,
        headers: { cookie: s.cookie },
      });
      expect(found.statusCode).toBe(200);
      expect(found.json().data).toEqual([expect.objectContaining({ id: office.id, parentName: district.name })]);
      const one = await app.inject({
        method: "GET",
        url: `/api/v1/units/${district.id}`,
        headers: { cookie: s.cookie },
      });
      expect(one.json().data).toMatchObject({
        name: district.name,
        ancestors: [],
        children: [{ id: office.id }],
        abilities: { manage: false },
      });
      const missing = await app.inject({ method: "GET", url: "/api/v1/units/khong-co", headers: { cookie: s.cookie } });
      expect(missing.statusCode).toBe(404);
      const anonymous = await app.inject({ method: "GET", url: "/api/v1/units?q=phong" });
      expect(anonymous.statusCode).toBe(401);
    });

    it("the audit log is for system administrators and filters by action", async () => {
      const admin = await makeUser(getDb(), { isAdmin: true });
      const plain = await makeUser(getDb());
      const sa = await login(app, admin.user.username, admin.password);
      const sp = await login(app, plain.user.username, plain.password);
      expect(
        (await app.inject({ method: "GET", url: "/api/v1/audit", headers: { cookie: sp.cookie } })).statusCode,
      ).toBe(403);
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/audit?action=auth.&actorUserId=${plain.user.id}`,
        headers: { cookie: sa.cookie },
      });
      expect(res.statusCode).toBe(200);
      const page = res.json().data as { total: number; items: { action: string; actorLabel: string }[] };
      expect(page.total).toBe(1);
      expect(page.items[0]).toMatchObject({ action: "auth.login", actorLabel: plain.user.username });
      const bad = await app.inject({ method: "GET", url: "/api/v1/audit?limit=abc", headers: { cookie: sa.cookie } });
      expect(bad.statusCode).toBe(400);
      expect((bad.json() as ApiError).error.fields?.limit).toBeDefined();
    });
  });
});
