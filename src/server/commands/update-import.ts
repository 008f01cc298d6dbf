import type { PlanV1 } from "../../core/plan-v1.js";
import { getImport, updateImport as saveImport } from "../../store/repos/imports.js";
import type { ImportRow } from "../../store/schema.js";
import type { ImportReviewDto, ImportRowOriginsDto } from "../api-types.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { parseReview, parseRowOrigins, reviewJson } from "../services/import-review.js";
import {
  isIdentity,
  nextOrigins,
  type PlanOrigins,
  ROW_LISTS,
  type RowList,
  remapTaskParents,
  storedOrigins,
} from "../services/import-rows.js";

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
  /** Where each row of `plan` was in the version edited (see ImportRowOriginsDto); lined up by content when absent. */
  origins?: ImportRowOriginsDto;
}

function parseJson<T>(json: string | null): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
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
  const rows: Partial<Record<RowList, { removed: number; added: number }>> = {};
  // The rows' origins to store with the review state (when the plan's rows changed).
  let origins: PlanOrigins | undefined;
  let review = input.review;
  if (input.plan !== undefined) {
    const json = JSON.stringify(input.plan);
    const before = parseJson<PlanV1>(current.plan_json);
    if (json !== current.plan_json && before) {
      // Rows removed, added or reordered: the spans (and stored task links) follow their rows.
      const previous = storedOrigins(before, parseRowOrigins(current.review_json));
      const next = nextOrigins(before, previous, input.plan, input.origins);
      if (Object.keys(next.problems).length > 0) {
        throw new AppError("VALIDATION", "Vị trí các dòng của kế hoạch gửi lên không khớp với phiên bản đang sửa.", {
          fields: next.problems,
        });
      }
      for (const list of ROW_LISTS) {
        const moves = next.moves[list];
        if (isIdentity(moves, before[list].length)) continue;
        rows[list] = {
          removed: before[list].length - new Set(moves.filter((x) => x !== null)).size,
          added: moves.filter((x) => x === null).length,
        };
      }
      const same = ROW_LISTS.every(
        (l) => next.origins[l].length === previous[l].length && next.origins[l].every((o, i) => o === previous[l][i]),
      );
      if (!same) origins = next.origins;
      // Task links sent with this save already name the rows sent; the stored ones move with their tasks.
      if (rows.tasks && review === undefined) {
        const stored = parseReview(current.review_json);
        review = { ...stored, taskParents: remapTaskParents(stored.taskParents, next.moves.tasks) };
      }
    }
    if (json !== current.plan_json) {
      patch.plan_json = json;
      changed.push("plan");
    }
  }
  if (origins && review === undefined) review = parseReview(current.review_json);
  if (review !== undefined) {
    const json = reviewJson(review, current.review_json, origins);
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
    after: { version: saved.version, changed, ...(Object.keys(rows).length ? { rows } : {}) },
  });
  return saved;
}
