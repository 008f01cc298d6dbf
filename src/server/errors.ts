/**
 * One error type for everything the API refuses to do. A code from the shared `ErrorCode` union, a Vietnamese message
 * ready for the user, optional field problems; one table maps codes to HTTP statuses.
 */
import type { ApiError, ErrorCode } from "./api-types.js";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_FILE: 415,
  LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Vui lòng đăng nhập để tiếp tục.",
  FORBIDDEN: "Bạn không có quyền thực hiện thao tác này.",
  CSRF: "Phiên làm việc không hợp lệ (thiếu hoặc sai mã chống giả mạo yêu cầu). Vui lòng tải lại trang.",
  NOT_FOUND: "Không tìm thấy dữ liệu yêu cầu.",
  VALIDATION: "Dữ liệu không hợp lệ.",
  CONFLICT: "Dữ liệu đã bị thay đổi hoặc đã tồn tại.",
  STATE: "Không thể thực hiện thao tác ở trạng thái hiện tại.",
  PAYLOAD_TOO_LARGE: "Tệp hoặc dữ liệu gửi lên quá lớn.",
  UNSUPPORTED_FILE: "Định dạng tệp không được hỗ trợ.",
  LOCKED: "Tài khoản đang bị tạm khóa.",
  RATE_LIMITED: "Quá nhiều yêu cầu. Vui lòng thử lại sau.",
  INTERNAL: "Đã có lỗi hệ thống. Vui lòng thử lại sau.",
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  /** Extra response headers (e.g. Retry-After). */
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    options?: { fields?: Record<string, string>; headers?: Record<string, string>; cause?: unknown },
  ) {
    super(message ?? DEFAULT_MESSAGE[code], options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = options?.fields;
    this.headers = options?.headers;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }

  toJSON(): ApiError {
    return {
      error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) },
    };
  }
}

export const notFound = (message?: string) => new AppError("NOT_FOUND", message);
export const forbidden = (message?: string) => new AppError("FORBIDDEN", message);
export const unauthenticated = (message?: string) => new AppError("UNAUTHENTICATED", message);
export const validationError = (fields: Record<string, string>, message?: string) =>
  new AppError("VALIDATION", message, { fields });

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
