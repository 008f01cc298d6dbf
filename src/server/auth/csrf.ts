/**
 * Cross-site request forgery defences for cookie sessions:
 * 1. every state-changing request carries the session's CSRF token in `x-csrf-token` (a page on another site cannot
 *    read it), and
 * 2. the browser's Origin (or Referer) must be this site.
 * Bearer-token requests need neither: browsers never attach Authorization headers on their own.
 */
import type { FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import { safeEqual } from "./tokens.js";

export const CSRF_HEADER = "x-csrf-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

function originOf(value: string): string | null {
  try {
    return new URL(value).origin.toLowerCase();
  } catch {
    return null;
  }
}

/** The origins this server answers as: the configured public URL and the Host the request was sent to. */
export function allowedOrigins(req: FastifyRequest, publicUrl: string | undefined): Set<string> {
  const out = new Set<string>();
  if (publicUrl) {
    const o = originOf(publicUrl);
    if (o) out.add(o);
  }
  const host = req.headers.host;
  if (host) {
    out.add(`${req.protocol}://${host}`.toLowerCase());
  }
  return out;
}

/** Rejects a state-changing request whose Origin/Referer names another site (applies to login too). */
export function checkOrigin(req: FastifyRequest, publicUrl: string | undefined): void {
  if (!isStateChanging(req.method)) return;
  const header = req.headers.origin ?? req.headers.referer;
  if (!header || header === "null") {
    if (req.headers.origin === "null") throw new AppError("CSRF", "Yêu cầu không xuất phát từ trang tiendo.");
    return;
  }
  const origin = originOf(header);
  if (!origin || !allowedOrigins(req, publicUrl).has(origin)) {
    throw new AppError("CSRF", "Yêu cầu không xuất phát từ trang tiendo (nguồn gốc không hợp lệ).");
  }
}

export function checkCsrfToken(req: FastifyRequest, expected: string): void {
  if (!isStateChanging(req.method)) return;
  const sent = req.headers[CSRF_HEADER];
  const value = Array.isArray(sent) ? sent[0] : sent;
  if (!value || !safeEqual(value, expected)) throw new AppError("CSRF");
}
