import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const main = path.join(root, "src", "cli", "main.ts");

async function tiendo(args: string[], env: Record<string, string>, input?: string) {
  const child = run(tsx, [main, ...args], { env: { ...process.env, ...env }, cwd: root, timeout: 60_000 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  } else {
    child.child.stdin?.end();
  }
  try {
    const r = await child;
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
  }
}

describe("tiendo CLI", () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tiendo-cli-"));
    env = { TIENDO_DB_PATH: path.join(dir, "t.db"), DATABASE_URL: "", TIENDO_ADMIN_PASSWORD: "" };
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("demo, user add, user password and token create work end to end", async () => {
    const demo = await tiendo(["demo"], env);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/Mật khẩu \(chung cho các tài khoản demo\): \S+/);
    const again = await tiendo(["demo"], env);
    expect(again.stdout).toContain("0 tạo mới, 0 cập nhật; nhóm đơn vị: 0 tạo mới, 0 cập nhật");
    // The five seed plans are published once; a second run leaves them as they are.
    expect(demo.stdout.match(/: đã ban hành \d+ nhiệm vụ\./g)).toHaveLength(5);
    expect(again.stdout.match(/: đã ban hành trước đó, bỏ qua\./g)).toHaveLength(5);

    const add = await tiendo(
      [
        "user",
        "add",
        "canbo.p3",
        "--name",
        "Cán bộ Phường 3",
        "--unit",
        "Phường 3",
        "--role",
        "reporter",
        "--password-stdin",
      ],
      env,
      "Mat-khau-rat-dai-1\n",
    );
    expect(add.stderr).toBe("");
    expect(add.stdout).toBe('Đã tạo tài khoản "canbo.p3".\n');

    const token = await tiendo(["token", "create", "canbo.p3", "--name", "script"], env);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^tdo_[A-Za-z0-9_-]{40,}\n$/);

    const pw = await tiendo(["user", "password", "khong-ton-tai"], env);
    expect(pw.code).toBe(1);
    expect(pw.stderr).toContain('Không tìm thấy tài khoản "khong-ton-tai"');
  });

  it("refuses to start when the database cannot be opened, saying why", async () => {
    const notADb = path.join(dir, "not-a-db.db");
    fs.writeFileSync(notADb, "đây không phải cơ sở dữ liệu ".repeat(200));
    const r = await tiendo(["serve", "--port", "0"], { ...env, TIENDO_DB_PATH: notADb });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Không mở được cơ sở dữ liệu");
  });

  it("rejects invalid configuration with a Vietnamese message", async () => {
    const r = await tiendo(["migrate"], { ...env, PORT: "không-phải-số" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("PORT phải là số nguyên");
  });
});
