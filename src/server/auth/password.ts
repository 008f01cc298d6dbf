/**
 * Local account passwords: argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane).
 */
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../errors.js";

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), OPTIONS);
}

/** False for a wrong password and for a malformed stored hash (never throws on user input). */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password.normalize("NFC"));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so an unknown username is not revealed by a faster answer. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("tiendo-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
  return false;
}

/** Vietnamese reason the password is not acceptable, or null. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Mật khẩu không được dài quá ${PASSWORD_MAX_LENGTH} ký tự.`;
  if (username && password.toLowerCase() === username.toLowerCase()) return "Mật khẩu không được trùng tên đăng nhập.";
  if (/^(.)\1*$/.test(password)) return "Mật khẩu quá đơn giản.";
  return null;
}

export function assertAcceptablePassword(password: string, username?: string, field = "password"): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError("VALIDATION", problem, { fields: { [field]: problem } });
}
