/**
 * Encryption at rest for the few secrets tiendo keeps in its database (the SMTP password saved under
 * Quản trị → Thông báo). Pure functions over node:crypto, no I/O: AES-256-GCM with a random 96-bit IV per value and
 * an optional context string bound as associated data (a value cannot be moved to another column unnoticed).
 *
 * Stored format, versioned so the scheme can change later: `v1:` + base64(iv[12] ‖ tag[16] ‖ ciphertext). A value
 * without a known prefix is a legacy plaintext value and is returned as is.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export const SECRET_KEY_BYTES = 32;
const PREFIX = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Something about a key or an encrypted value is wrong; the message is Vietnamese, for an administrator. */
export class SecretBoxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SecretBoxError";
  }
}

export const SECRET_KEY_FORMAT_MESSAGE =
  "phải là khóa 32 byte viết dạng base64 (44 ký tự) hoặc hex (64 ký tự), ví dụ tạo bằng: openssl rand -base64 32";

/**
 * A 32-byte key written as hex (64 hex digits) or base64/base64url (with or without padding). Throws SecretBoxError
 * naming `name` otherwise.
 */
export function parseSecretKey(text: string, name = "TIENDO_SECRET_KEY"): Buffer {
  const v = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(v)) key = Buffer.from(v, "hex");
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(v)) key = Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (!key || key.length !== SECRET_KEY_BYTES) throw new SecretBoxError(`${name} ${SECRET_KEY_FORMAT_MESSAGE}`);
  return key;
}

/** A fresh random key, as base64 (what a key file holds). */
export function generateSecretKey(): Buffer {
  return randomBytes(SECRET_KEY_BYTES);
}

function checkKey(key: Buffer): void {
  if (key.length !== SECRET_KEY_BYTES) throw new SecretBoxError(`Khóa mã hóa phải dài ${SECRET_KEY_BYTES} byte.`);
}

/** True when `value` is in an encrypted format this module writes (otherwise: legacy plaintext). */
export function isEncryptedSecret(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** Encrypts `plain` under `key`; `context` (e.g. the column) must be given again to decrypt. */
export function encryptSecret(plain: string, key: Buffer, context = ""): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64");
}

/**
 * The plaintext of a stored value: decrypted when it is in an encrypted format, as is when it is legacy plaintext.
 * Throws SecretBoxError when the key is missing, wrong, or the value was altered (GCM cannot tell those apart).
 */
export function decryptSecret(stored: string, key: Buffer | undefined, context = ""): string {
  if (!isEncryptedSecret(stored)) return stored;
  if (!key) {
    throw new SecretBoxError(
      "Giá trị đã được mã hóa nhưng máy chủ không có khóa giải mã (TIENDO_SECRET_KEY hoặc tệp secret.key).",
    );
  }
  checkKey(key);
  const body = stored.slice(PREFIX.length);
  const raw = /^[A-Za-z0-9+/]*={0,2}$/.test(body) ? Buffer.from(body, "base64") : Buffer.alloc(0);
  if (raw.length < IV_BYTES + TAG_BYTES) {
    throw new SecretBoxError("Giá trị mã hóa bị hỏng (sai định dạng), không giải mã được.");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch (err) {
    throw new SecretBoxError("Không giải mã được giá trị đã lưu: khóa mã hóa không đúng hoặc dữ liệu đã bị sửa đổi.", {
      cause: err,
    });
  }
}
