/**
 * Helpers for browser tests: the built web app, the real server on a random port over a fresh in-memory database,
 * and a real Chromium driven by playwright-core. Nothing is mocked: the SPA talks to the real API under the real CSP.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { type Browser, chromium, type Page } from "playwright-core";
import { buildTestApp, makeUnit, makeUser } from "../../src/server/test/factories.js";
import type { Unit, User } from "../../src/store/schema.js";
import { type Database, openTestDatabase } from "../../src/store/testing.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WEB_SRC = path.join(ROOT, "src/web");
export const WEB_DIST = path.join(ROOT, "dist/web");

/** The Chromium CI installs (Debian package); TIENDO_CHROMIUM overrides it. */
export const CHROMIUM_PATH = process.env.TIENDO_CHROMIUM || "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/**
 * Builds dist/web when it is missing or older than any file under src/web (so the test never runs against a stale
 * bundle), the same way `npm run build:web` does.
 */
export function ensureWebBuild(): void {
  const index = path.join(WEB_DIST, "index.html");
  const fresh = () => fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(WEB_SRC);
  if (fresh()) return;
  // Browser test files run in parallel workers: one builds, the others wait (the build empties dist/web first).
  const lock = path.join(ROOT, "dist/.web-build.lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(lock, { recursive: true, force: true }); // left by a killed run
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (fresh()) return;
    const viteBin = path.join(ROOT, "node_modules/vite/bin/vite.js");
    execFileSync(process.execPath, [viteBin, "build", "--config", "src/web/vite.config.ts", "--logLevel", "warn"], {
      cwd: ROOT,
      stdio: "inherit",
      // vitest sets NODE_ENV=test, which would give React's development build.
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (!fs.existsSync(index)) throw new Error(`vite build did not produce ${index}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Fails (never skips) when Chromium is missing: a browser test that silently does nothing proves nothing. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Browser tests need it: install with \`apt-get install chromium\` ` +
        "(CI does) or set TIENDO_CHROMIUM to a Chromium binary.",
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface TestServer {
  baseUrl: string;
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/** The real server over a fresh, migrated in-memory SQLite database, listening on 127.0.0.1 at a random port. */
export async function startServer(): Promise<TestServer> {
  const database = await openTestDatabase("sqlite");
  const app = await buildTestApp(database, { webRoot: WEB_DIST });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("server did not report a TCP address");
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface Fixture {
  province: Unit;
  department: Unit;
  office: Unit;
  admin: { user: User; password: string };
}

/** A small directory and one administrator who coordinates in a department and reports for an office. */
export async function seedFixture(database: Database): Promise<Fixture> {
  const province = await makeUnit(database, { name: "Thành phố Hồ Chí Minh", kind: "province" });
  const department = await makeUnit(database, {
    name: "Sở Khoa học và Công nghệ",
    kind: "department",
    parentId: province.id,
  });
  const ward = await makeUnit(database, { name: "Phường Gò Vấp", kind: "ward", parentId: province.id });
  const office = await makeUnit(database, {
    name: "Phòng Văn hóa - Xã hội phường Gò Vấp",
    kind: "office",
    parentId: ward.id,
  });
  const admin = await makeUser(database, {
    username: "nguyenvanan",
    displayName: "Nguyễn Văn An",
    password: "Mật-khẩu-đúng-2025",
    isAdmin: true,
    memberships: [
      { unitId: department.id, role: "coordinator" },
      { unitId: office.id, role: "reporter" },
    ],
  });
  return { province, department, office, admin };
}

/** Signs in through the login form and waits for the home page. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL(`${baseUrl}/`);
}

export const DEMO_PASSWORD = "Demo-tiendo-2025";

/**
 * The `tiendo demo` data: the demo directory and accounts (all with DEMO_PASSWORD) and the five seed plans,
 * imported and published as the CLI does.
 */
export async function seedDemoData(database: Database): Promise<void> {
  const { seedDemo } = await import("../../src/cli/demo/seed.js");
  const { publishSeedPlans } = await import("../../src/server/demo/publish-seeds.js");
  await seedDemo(database, { password: DEMO_PASSWORD });
  const outcomes = await publishSeedPlans(database, { fixturesDir: path.join(ROOT, "tests/fixtures/seeds") });
  const failed = outcomes.filter((o) => o.status === "failed");
  if (failed.length) throw new Error(`demo plans failed to publish: ${failed.map((o) => `${o.file}: ${o.error}`)}`);
}
