import type { PlanV1 } from "../../core/plan-v1.js";
import { getImport, updateImport as saveImport } from "../../store/repos/imports.js";
import type { ImportRow } from "../../store/schema.js";
import type { ImportReviewDto } from "../api-types.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { reviewJson } from "../services/import-review.js";

/** Someone saved the draft first: nothing was written; `current` is what the server holds now. */
export class ImportVersionConflict extends AppError {
  constructor(readonly current: ImportRow) {
    super(
      "CONFLICT",
      "Bản nháp đã được lưu bởi người khác (hoặc ở cửa sổ khác). Hãy xem phiên bản hiện tại trước khi lưu lại.",
    );
  }
}

export interface UpdateImportInput {
  id: string;
  /** The version the editor started from. */
  version: number;
  plan?: PlanV1;
  review?: ImportReviewDto;
}

/** Autosave of the review screen, with optimistic locking: a stale version changes nothing and throws a conflict. */
export async function updateImport(ctx: CommandContext, input: UpdateImportInput): Promise<ImportRow> {
  const current = await getImport(ctx.tx, input.id);
  if (!current) throw new AppError("NOT_FOUND", "Không tìm thấy bản nhập.");
  if (current.status !== "ready") {
    throw new AppError(
      "STATE",
      current.status === "published"
        ? "Kế hoạch đã được ban hành từ bản nhập này."
        : "Bản nhập chưa sẵn sàng để chỉnh sửa.",
    );
  }
  if (current.version !== input.version) throw new ImportVersionConflict(current);
  const changed: string[] = [];
  const patch: { plan_json?: string; review_json?: string } = {};
  if (input.plan !== undefined) {
    const json = JSON.stringify(input.plan);
    if (json !== current.plan_json) {
      patch.plan_json = json;
      changed.push("plan");
    }
  }
  if (input.review !== undefined) {
    const json = reviewJson(input.review, current.review_json);
    if (json !== current.review_json) {
      patch.review_json = json;
      changed.push("review");
    }
  }
  const saved = await saveImport(ctx.tx, input.id, input.version, patch, ctx.now.toISOString());
  if (!saved) {
    const now = await getImport(ctx.tx, input.id);
    if (!now) throw new AppError("NOT_FOUND", "Không tìm thấy bản nhập.");
    throw new ImportVersionConflict(now);
  }
  await recordAudit(ctx, {
    action: "import.updated",
    entityId: saved.id,
    before: { version: current.version },
    after: { version: saved.version, changed },
  });
  return saved;
}
