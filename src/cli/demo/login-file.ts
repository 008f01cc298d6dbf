/**
 * The demo login is written next to the SQLite file (mode 600) so `tiendo serve` can print it after
 * `npm run quickstart`. Only for the demo; real deployments create accounts with `tiendo user add`.
 */
import fs from "node:fs";
import path from "node:path";

const FILE = "demo-login.json";

export function demoLoginPath(dbPath: string): string | null {
  if (dbPath === ":memory:") return null;
  return path.join(path.dirname(path.resolve(dbPath)), FILE);
}

export function writeDemoLogin(dbPath: string, login: { username: string; password: string }): void {
  const file = demoLoginPath(dbPath);
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(login)}\n`, { mode: 0o600 });
}

export function readDemoLogin(dbPath: string): { username: string; password: string } | null {
  const file = demoLoginPath(dbPath);
  if (!file || !fs.existsSync(file)) return null;
  try {
    const v = JSON.parse(fs.readFileSync(file, "utf8")) as { username?: unknown; password?: unknown };
    return typeof v.username === "string" && typeof v.password === "string"
      ? { username: v.username, password: v.password }
      : null;
  } catch {
    return null;
  }
}
