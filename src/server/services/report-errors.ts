/** Errors of the reporting cycle that carry data for the client. */
import type { ApiError } from "../api-types.js";
import { AppError } from "../errors.js";

/** Thrown by commands when the report changed since the version the caller edited; routes add `current`. */
export class ReportVersionConflict extends AppError {
  constructor() {
    super(
      "CONFLICT",
      "Báo cáo vừa được người khác cập nhật. Nội dung của bạn chưa được lưu; vui lòng xem phiên bản mới và nhập lại phần thay đổi.",
    );
    this.name = "ReportVersionConflict";
  }
}

/** 409 CONFLICT whose body also carries the current version of the report (ReportConflictError in api-types). */
export class ReportConflictWithCurrent extends AppError {
  constructor(
    message: string,
    private readonly current: unknown,
  ) {
    super("CONFLICT", message);
    this.name = "ReportConflictWithCurrent";
  }

  override toJSON(): ApiError {
    const base = super.toJSON();
    return { error: { ...base.error, current: this.current } } as ApiError;
  }
}
