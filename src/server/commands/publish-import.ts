import type { PlanV1 } from "../../core/plan-v1.js";
import { newId } from "../../store/ids.js";
import { forceUpdateImport, getImport } from "../../store/repos/imports.js";
import { replaceStubPlan } from "../../store/repos/plan-stats.js";
import { findPlansByNumber, insertPlanGraph } from "../../store/repos/plans.js";
import { getSourceFileMeta } from "../../store/repos/source-files.js";
import type { ImportRow } from "../../store/schema.js";
import type { ImportReviewDto } from "../api-types.js";
import { recordAudit } from "../audit.js";
import { actorUserId, type CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import { can } from "../policies/index.js";
import { DetailedAppError, unprocessable } from "../services/http-errors.js";
import {
  analyzeImport,
  parseReview,
  pathOf,
  presentPlanRef,
  sameIssuer,
  superiorPlansOf,
} from "../services/import-review.js";
import { buildPlanGraph } from "../services/plan-graph.js";

export interface PublishImportInput {
  id: string;
  /** Publish even though the issuer already published a plan with this number. */
  confirmDuplicate?: boolean;
}

export interface PublishImportResult {
  planId: string;
  import: ImportRow;
}

export interface PublishDocumentInput {
  document: PlanV1;
  review: ImportReviewDto;
  sourceFileId: string | null;
  confirmDuplicate?: boolean;
  importId?: string | null;
}

/**
 * Publishes a reviewed document as a plan: refuses (422) while a problem blocks it (a task without a lead unit from
 * the directory, an invalid timeframe, an incomplete reporting regime, an unknown issuer), warns (409) when the
 * issuer already published the same number unless confirmed; then writes the plan graph (tasks, assignments,
 * regimes and periods, targets, emulation, links, revision 1) and records `plan.published`.
 */
export async function publishPlanDocument(ctx: CommandContext, input: PublishDocumentInput): Promise<string> {
  const { document, review } = input;
  const analysis = await analyzeImport(ctx.tx, document, review);

  const issuerId = analysis.issuer.chosen?.id ?? null;
  // The draft is readable (the route checked it); publishing for an issuer the actor does not coordinate is a 403.
  if (
    issuerId &&
    !can(ctx.actor, "plan.publish", {
      id: input.importId ?? "new",
      status: "draft",
      issuerUnitPath: pathOf(analysis.directory, issuerId),
    })
  ) {
    throw new AppError("FORBIDDEN", "Bạn chỉ ban hành được kế hoạch của đơn vị mình phụ trách.");
  }
  const blocking = analysis.problems.filter((p) => p.severity === "error");
  if (blocking.length > 0 || !issuerId) {
    const fields: Record<string, string> = {};
    for (const p of blocking) if (!(p.path in fields)) fields[p.path] = p.message;
    const list = blocking
      .slice(0, 10)
      .map((p) => `- ${p.message}`)
      .join("\n");
    const more = blocking.length > 10 ? `\n… và ${blocking.length - 10} vấn đề khác.` : "";
    throw unprocessable(
      "VALIDATION",
      `Chưa thể ban hành kế hoạch: còn ${blocking.length} vấn đề cần xử lý.\n${list}${more}`,
      { fields, extra: { problems: blocking } },
    );
  }

  if (document.plan.number && !input.confirmDuplicate) {
    const existing = (await findPlansByNumber(ctx.tx, document.plan.number)).filter(
      (p) => p.issuer_unit_id === issuerId && p.is_stub === 0 && p.status !== "draft",
    );
    if (existing.length > 0) {
      throw new DetailedAppError(
        "CONFLICT",
        `Đơn vị đã ban hành kế hoạch số ${document.plan.number} trên hệ thống. Nếu đây là văn bản khác, hãy xác nhận để ban hành tiếp.`,
        { existing: existing.map(presentPlanRef) },
      );
    }
  }

  // A stub created from a reference to this very plan gives way to it: its subordinate plans now link here.
  const stubs = document.plan.number
    ? (await findPlansByNumber(ctx.tx, document.plan.number)).filter(
        (p) =>
          p.is_stub === 1 &&
          (p.issuer_unit_id === issuerId ||
            (!!document.plan.issuer && sameIssuer(p.issuer_name, document.plan.issuer))),
      )
    : [];

  const source = input.sourceFileId ? await getSourceFileMeta(ctx.tx, input.sourceFileId) : undefined;
  const stubIds = new Set(stubs.map((p) => p.id));
  const superior = superiorPlansOf(review, analysis.references);
  const superiorPlanIds = [...new Set(superior.planIds)].filter((id) => !stubIds.has(id));
  // "No superior plan in the system" links no task either.
  const taskParents = superior.choice === "none" ? {} : review.taskParents;
  const graph = buildPlanGraph({
    document,
    planId: newId(),
    issuerUnitId: issuerId,
    matches: analysis.matches,
    sourceFileId: source?.id ?? null,
    sourceSha256: source?.sha256 ?? null,
    superiorPlanIds,
    taskParents,
    actorId: actorUserId(ctx.actor),
    now: ctx.now.toISOString(),
  });
  const counts = await insertPlanGraph(ctx.tx, graph);
  let linksMoved = 0;
  for (const stub of stubs) linksMoved += await replaceStubPlan(ctx.tx, stub.id, graph.plan.id);
  await recordAudit(ctx, {
    action: "plan.published",
    entityId: graph.plan.id,
    before: null,
    after: {
      importId: input.importId ?? null,
      number: graph.plan.number,
      title: graph.plan.title,
      issuerUnitId: issuerId,
      sourceSha256: graph.plan.source_sha256,
      duplicateConfirmed: !!input.confirmDuplicate,
      superiorChoice: superior.choice,
      superiorPlanIds,
      replacedStubIds: stubs.map((s) => s.id),
      linksMoved,
      ...counts,
    },
  });
  return graph.plan.id;
}

/** Publishes a reviewed import (see publishPlanDocument) and marks the import published. */
export async function publishImport(ctx: CommandContext, input: PublishImportInput): Promise<PublishImportResult> {
  const row = await getImport(ctx.tx, input.id);
  if (!row) throw new AppError("NOT_FOUND", "Không tìm thấy bản nhập.");
  if (row.status === "published") throw new AppError("STATE", "Kế hoạch đã được ban hành từ bản nhập này.");
  if (row.status !== "ready" || !row.plan_json) throw new AppError("STATE", "Bản nhập chưa sẵn sàng để ban hành.");
  const planId = await publishPlanDocument(ctx, {
    document: JSON.parse(row.plan_json) as PlanV1,
    review: parseReview(row.review_json),
    sourceFileId: row.source_file_id,
    confirmDuplicate: input.confirmDuplicate,
    importId: row.id,
  });
  const updated = await forceUpdateImport(
    ctx.tx,
    row.id,
    { status: "published", published_plan_id: planId },
    ctx.now.toISOString(),
  );
  return { planId, import: updated ?? row };
}
