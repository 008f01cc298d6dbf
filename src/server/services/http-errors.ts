/**
 * AppError variants the import/plan routes need beyond the code table: 422 (the request is well-formed but the
 * document cannot be processed or published as it stands) and errors that carry data for the client to show (the
 * current version of a draft on conflict, the plans that already have this number).
 */
import type { ApiError, ErrorCode } from "../api-types.js";
import { AppError } from "../errors.js";

export class DetailedAppError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    private readonly extra: Record<string, unknown> = {},
    private readonly statusOverride?: number,
    fields?: Record<string, string>,
  ) {
    super(code, message, fields ? { fields } : undefined);
  }

  override get status(): number {
    return this.statusOverride ?? super.status;
  }

  override toJSON(): ApiError {
    const base = super.toJSON();
    return { error: { ...base.error, ...this.extra } } as ApiError;
  }
}

/** 422: the document cannot be read, or cannot be published as it stands. */
export const unprocessable = (
  code: ErrorCode,
  message: string,
  opts: { fields?: Record<string, string>; extra?: Record<string, unknown> } = {},
) => new DetailedAppError(code, message, opts.extra ?? {}, 422, opts.fields);
