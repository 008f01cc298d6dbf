/**
 * Where the key encrypting secrets at rest (services/notification-settings: the SMTP password) comes from:
 * 1. TIENDO_SECRET_KEY (config.secretKey) when set: the same on every server;
 * 2. else, on SQLite, a key file `secret.key` next to the database file (base64, mode 0600), generated at the first
 *    save of a secret and reused after; so the embedded default setup encrypts without any configuration. A database
 *    in memory (tests) gets a key in memory that lives as long as it;
 * 3. else (PostgreSQL without TIENDO_SECRET_KEY) there is no key: saving a secret is refused (several servers share
 *    the database, a file on one of them would not do), reading legacy plaintext still works.
 */
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../../store/db.js";
import type { DB } from "../../store/schema.js";
import type { AppConfig } from "../config.js";
import { generateSecretKey, parseSecretKey, SecretBoxError } from "../secret-box.js";

export const SECRET_KEY_FILE = "secret.key";

export const NO_SECRET_KEY_MESSAGE =
  "Chưa lưu được mật khẩu SMTP: máy chủ dùng PostgreSQL nhưng chưa đặt biến môi trường TIENDO_SECRET_KEY để mã hóa " +
  "mật khẩu trước khi lưu. Hãy đặt TIENDO_SECRET_KEY (khóa 32 byte dạng base64 hoặc hex, ví dụ tạo bằng: openssl " +
  "rand -base64 32) giống nhau trên mọi máy chủ rồi khởi động lại; hoặc đặt mật khẩu qua biến môi trường SMTP_PASSWORD.";

export interface SecretKeys {
  /** The key to decrypt with; undefined when none exists (yet). Throws SecretBoxError when the key file is invalid. */
  readKey(): Promise<Buffer | undefined>;
  /** The key to encrypt with, created when needed (SQLite key file); undefined when none can be had (PostgreSQL). */
  writeKey(): Promise<Buffer | undefined>;
}

/** Keys of in-memory SQLite databases: one per database, forgotten with it. */
const memoryKeys = new WeakMap<Kysely<DB>, Buffer>();

function readKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new SecretBoxError(`Không đọc được tệp khóa mã hóa ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return parseSecretKey(text, `Tệp khóa mã hóa ${file}`);
  } catch (err) {
    throw new SecretBoxError(`${(err as Error).message} (xóa tệp hỏng rồi nhập lại mật khẩu SMTP)`, { cause: err });
  }
}

/** Creates the key file once (exclusive create, mode 0600); when another process won the race, reads theirs. */
function createKeyFile(file: string): Buffer {
  const key = generateSecretKey();
  try {
    fs.writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") {
      const theirs = readKeyFile(file);
      if (theirs) return theirs;
    }
    throw new SecretBoxError(`Không tạo được tệp khóa mã hóa ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export function secretKeysFor(database: Database, config: Pick<AppConfig, "secretKey">): SecretKeys {
  if (config.secretKey) {
    const key = config.secretKey;
    return { readKey: async () => key, writeKey: async () => key };
  }
  if (database.dialect !== "sqlite") return { readKey: async () => undefined, writeKey: async () => undefined };
  const f = database.file ? path.join(path.dirname(database.file), SECRET_KEY_FILE) : "";
  let cached: Buffer | undefined;
  return {
    async readKey() {
      if (!f) return memoryKeys.get(database.db);
      cached ??= readKeyFile(f);
      return cached;
    },
    async writeKey() {
      if (!f) {
        let key = memoryKeys.get(database.db);
        if (!key) {
          key = generateSecretKey();
          memoryKeys.set(database.db, key);
        }
        return key;
      }
      cached ??= readKeyFile(f) ?? createKeyFile(f);
      return cached;
    },
  };
}
