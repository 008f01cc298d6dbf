/**
 * The web app's only door to the server: JSON over fetch, same-origin cookies, the CSRF token on every mutation,
 * and one error type whose `message` is always Vietnamese and ready to show.
 */
import type { ApiError, ErrorCode } from "../../server/api-types.js";

export const API_BASE = "/api/v1";

/** Codes the server sends, plus what can only happen in the browser. */
export type ClientErrorCode = ErrorCode | "NETWORK" | "BAD_RESPONSE";

export const NETWORK_ERROR_MESSAGE = "Không kết nối được máy chủ. Vui lòng thử lại.";

/** Shown when the server sends a code without a message (or no JSON at all). */
const MESSAGES: Record<ClientErrorCode, string> = {
  UNAUTHENTICATED: "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.",
  FORBIDDEN: "Bạn không có quyền thực hiện thao tác này.",
  NOT_FOUND: "Không tìm thấy dữ liệu yêu cầu.",
  VALIDATION: "Dữ liệu chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.",
  CONFLICT: "Dữ liệu đã được người khác thay đổi. Vui lòng tải lại và thử lại.",
  STATE: "Thao tác không thực hiện được ở trạng thái hiện tại.",
  CSRF: "Phiên làm việc không hợp lệ. Vui lòng tải lại trang.",
  RATE_LIMITED: "Bạn thao tác quá nhiều lần. Vui lòng chờ một lát rồi thử lại.",
  LOCKED: "Tài khoản đang tạm khóa. Vui lòng thử lại sau.",
  UNSUPPORTED_FILE: "Định dạng tệp không được hỗ trợ.",
  PAYLOAD_TOO_LARGE: "Tệp hoặc dữ liệu gửi lên quá lớn.",
  INTERNAL: "Máy chủ gặp lỗi. Vui lòng thử lại sau.",
  NETWORK: NETWORK_ERROR_MESSAGE,
  BAD_RESPONSE: "Máy chủ trả về dữ liệu không đọc được. Vui lòng thử lại.",
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: "VALIDATION",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_FILE",
  422: "VALIDATION",
  423: "LOCKED",
  429: "RATE_LIMITED",
};

export function messageForCode(code: ClientErrorCode): string {
  return MESSAGES[code];
}

export class ApiRequestError extends Error {
  override readonly name = "ApiRequestError";
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    /** HTTP status; 0 when the server was not reached. */
    readonly status: number,
    /** Field path → Vietnamese message. */
    readonly fields: Record<string, string> = {},
    /** The server's whole `error` object (some carry more, e.g. the current version on a 409). */
    readonly detail: Record<string, unknown> | undefined = undefined,
  ) {
    super(message);
  }
}

/** Any thrown value → Vietnamese text for the user. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiRequestError) return err.message;
  return MESSAGES.INTERNAL;
}

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** Set from the SessionDto after login or /me; cleared on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Called when a request made while signed in comes back 401 (the session expired or was revoked elsewhere),
 * so the app can return to the login page. Returns the unsubscribe function.
 */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function isApiError(body: unknown): body is ApiError {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Do not notify onUnauthenticated listeners on 401 (login and session bootstrap expect it). */
  expectUnauthenticated?: boolean;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** An API address with its query (empty values left out); also for download links. */
export function buildUrl(path: string, query: RequestOptions["query"]): string {
  const url = API_BASE + path;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

export async function request<T>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const isForm = typeof FormData !== "undefined" && body instanceof FormData;
  // A FormData body gets its multipart content type (with boundary) from the browser.
  if (body !== undefined && !isForm) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiRequestError("NETWORK", NETWORK_ERROR_MESSAGE, 0);
  }

  let parsed: unknown;
  const text = await response.text().catch(() => "");
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!response.ok) {
    const fallbackCode: ErrorCode = STATUS_CODES[response.status] ?? "INTERNAL";
    const apiError = isApiError(parsed) ? parsed.error : undefined;
    const code: ClientErrorCode = apiError?.code ?? fallbackCode;
    const message = apiError?.message?.trim() || MESSAGES[code] || MESSAGES.INTERNAL;
    const error = new ApiRequestError(
      code,
      message,
      response.status,
      apiError?.fields ?? {},
      apiError as Record<string, unknown> | undefined,
    );
    if (response.status === 401 && !opts.expectUnauthenticated) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }

  if (response.status === 204 || text === "") return undefined as T;
  if (typeof parsed !== "object" || parsed === null || !("data" in parsed)) {
    throw new ApiRequestError("BAD_RESPONSE", MESSAGES.BAD_RESPONSE, response.status);
  }
  return (parsed as { data: T }).data;
}

/** POST a file as multipart/form-data (field `file`), with the CSRF token. */
export async function upload<T>(path: string, file: File, opts: RequestOptions = {}): Promise<T> {
  const form = new FormData();
  form.set("file", file, file.name);
  return request<T>("POST", path, form, opts);
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>("GET", path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>("POST", path, body ?? {}, opts),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>("PUT", path, body, opts),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>("PATCH", path, body, opts),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>("DELETE", path, undefined, opts),
};
