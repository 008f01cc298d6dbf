import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../store/db.js";
import { openTestDatabase } from "../store/testing.js";
import { buildTestApp } from "./test/factories.js";

describe("serving the web app", () => {
  let dir: string;
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tiendo-web-"));
    fs.mkdirSync(path.join(dir, "assets"));
    fs.writeFileSync(path.join(dir, "index.html"), '<!doctype html><html lang="vi"><div id="root"></div></html>');
    fs.writeFileSync(path.join(dir, "assets", "app-abc123.js"), "console.log('tiendo')");
    database = await openTestDatabase("sqlite");
    app = await buildTestApp(database, { webRoot: dir });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves index.html at / and for client-side routes (SPA fallback)", async () => {
    for (const url of ["/", "/ke-hoach/123", "/quan-tri/tai-khoan?tab=1"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toMatch(/text\/html/);
      expect(res.body).toContain('<div id="root">');
    }
  });

  it("serves hashed assets with a long cache and strict headers", async () => {
    const res = await app.inject({ method: "GET", url: "/assets/app-abc123.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toContain("immutable");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("keeps 404 JSON for unknown API routes, missing files and non-GET requests", async () => {
    const api = await app.inject({ method: "GET", url: "/api/v1/khong-co" });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe("NOT_FOUND");
    expect((await app.inject({ method: "GET", url: "/assets/khong-co.js" })).statusCode).toBe(404);
    expect((await app.inject({ method: "POST", url: "/ke-hoach" })).statusCode).toBe(404);
  });
});
