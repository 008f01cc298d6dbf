import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "../../store/db.js";
import { generateSecretKey } from "../secret-box.js";
import { SECRET_KEY_FILE, secretKeysFor } from "./secret-keys.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function fakeDatabase(dialect: Database["dialect"], file?: string): Database {
  return { db: {} as Database["db"], dialect, file, close: async () => {} };
}

function tmpDb(): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tiendo-keys-"));
  dirs.push(dir);
  return { dir, file: path.join(dir, "tiendo.db") };
}

describe("secret keys", () => {
  it("SQLite without TIENDO_SECRET_KEY: generates secret.key next to the database once (0600), then reuses it", async () => {
    const { dir, file } = tmpDb();
    const keys = secretKeysFor(fakeDatabase("sqlite", file), {});
    expect(await keys.readKey()).toBeUndefined();
    expect(fs.existsSync(path.join(dir, SECRET_KEY_FILE))).toBe(false);
    const key = await keys.writeKey();
    expect(key?.length).toBe(32);
    const keyFile = path.join(dir, SECRET_KEY_FILE);
    if (process.platform !== "win32") expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    // Another server process (or a restart) reads the same key and never replaces it.
    const again = secretKeysFor(fakeDatabase("sqlite", file), {});
    expect((await again.readKey())?.equals(key!)).toBe(true);
    expect((await again.writeKey())?.equals(key!)).toBe(true);
    expect(fs.readFileSync(keyFile, "utf8").trim()).toBe(key!.toString("base64"));
  });

  it("an invalid key file is reported clearly", async () => {
    const { dir, file } = tmpDb();
    fs.writeFileSync(path.join(dir, SECRET_KEY_FILE), "hong\n");
    await expect(secretKeysFor(fakeDatabase("sqlite", file), {}).readKey()).rejects.toThrow(
      /Tệp khóa mã hóa .*secret\.key phải là khóa 32 byte/,
    );
  });

  it("TIENDO_SECRET_KEY wins; PostgreSQL without it has no key (no file is written)", async () => {
    const { dir, file } = tmpDb();
    const env = generateSecretKey();
    expect((await secretKeysFor(fakeDatabase("sqlite", file), { secretKey: env }).writeKey())?.equals(env)).toBe(true);
    expect(fs.existsSync(path.join(dir, SECRET_KEY_FILE))).toBe(false);
    const pg = secretKeysFor(fakeDatabase("postgres"), {});
    expect(await pg.readKey()).toBeUndefined();
    expect(await pg.writeKey()).toBeUndefined();
    expect((await secretKeysFor(fakeDatabase("postgres"), { secretKey: env }).writeKey())?.equals(env)).toBe(true);
  });

  it("an in-memory SQLite database gets one key in memory, shared by every provider of that database", async () => {
    const database = fakeDatabase("sqlite");
    const key = await secretKeysFor(database, {}).writeKey();
    expect((await secretKeysFor(database, {}).readKey())?.equals(key!)).toBe(true);
    expect(await secretKeysFor(fakeDatabase("sqlite"), {}).readKey()).toBeUndefined();
  });
});
