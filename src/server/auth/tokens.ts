/**
 * Secrets handed to clients (session cookies, API tokens, CSRF tokens). Only their SHA-256 reaches the database.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const API_TOKEN_PREFIX = "tdo_";

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

export function newSessionToken(): string {
  return randomSecret(32);
}

export function newApiToken(): string {
  return API_TOKEN_PREFIX + randomSecret(32);
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(API_TOKEN_PREFIX) && /^[A-Za-z0-9_-]{20,100}$/.test(value.slice(API_TOKEN_PREFIX.length));
}

/** The part of a token shown in lists to recognise it ("tdo_AbCd…"). */
export function tokenDisplayPrefix(token: string): string {
  return token.slice(0, API_TOKEN_PREFIX.length + 6);
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
