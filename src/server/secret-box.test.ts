import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  generateSecretKey,
  isEncryptedSecret,
  parseSecretKey,
  SecretBoxError,
} from "./secret-box.js";

const key = generateSecretKey();
const CTX = "app_settings.smtp_password";

describe("secret box", () => {
  it("round-trips Unicode and empty values, with a fresh IV each time", () => {
    for (const plain of ["Mật-khẩu-SMTP-2025", "", "a".repeat(500)]) {
      const enc = encryptSecret(plain, key, CTX);
      expect(enc).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
      expect(enc).not.toContain(plain || "\u0000");
      expect(isEncryptedSecret(enc)).toBe(true);
      expect(decryptSecret(enc, key, CTX)).toBe(plain);
    }
    expect(encryptSecret("x", key)).not.toBe(encryptSecret("x", key));
  });

  it("reads legacy plaintext (no prefix) as is, even without a key", () => {
    expect(decryptSecret("mat-khau-cu", undefined)).toBe("mat-khau-cu");
    expect(isEncryptedSecret("mat-khau-cu")).toBe(false);
  });

  it("detects tampering with a clear error", () => {
    const enc = encryptSecret("Mật-khẩu", key, CTX);
    const raw = Buffer.from(enc.slice(3), "base64");
    raw[raw.length - 1]! ^= 1;
    const tampered = `v1:${raw.toString("base64")}`;
    expect(() => decryptSecret(tampered, key, CTX)).toThrow(SecretBoxError);
    expect(() => decryptSecret(tampered, key, CTX)).toThrow(/khóa mã hóa không đúng hoặc dữ liệu đã bị sửa đổi/);
    // Another context (column) is refused too.
    expect(() => decryptSecret(enc, key, "other")).toThrow(SecretBoxError);
    expect(() => decryptSecret("v1:abc", key, CTX)).toThrow(/bị hỏng/);
    expect(() => decryptSecret("v1:%%%", key, CTX)).toThrow(/bị hỏng/);
  });

  it("refuses a wrong or missing key", () => {
    const enc = encryptSecret("Mật-khẩu", key, CTX);
    expect(() => decryptSecret(enc, generateSecretKey(), CTX)).toThrow(/khóa mã hóa không đúng/);
    expect(() => decryptSecret(enc, undefined, CTX)).toThrow(/không có khóa giải mã/);
    expect(() => encryptSecret("x", Buffer.alloc(16))).toThrow(SecretBoxError);
  });

  it("parses 32-byte keys as hex or base64 and refuses anything else", () => {
    expect(parseSecretKey(key.toString("hex")).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString("base64")).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString("base64url")).equals(key)).toBe(true);
    expect(parseSecretKey(` ${key.toString("base64")}\n`).equals(key)).toBe(true);
    for (const bad of ["", "abc", "z".repeat(64), Buffer.alloc(16).toString("base64"), key.toString("hex") + "00"]) {
      expect(() => parseSecretKey(bad)).toThrow(/TIENDO_SECRET_KEY phải là khóa 32 byte/);
    }
  });
});
