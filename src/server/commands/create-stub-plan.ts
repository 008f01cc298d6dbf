import { newId } from "../../store/ids.js";
import { findPlansByNumber, getPlan, insertPlanGraph } from "../../store/repos/plans.js";
import type { Plan } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import { actorUserId, type CommandContext } from "../context.js";
import { DetailedAppError } from "../services/http-errors.js";
import { loadDirectory, presentPlanRef, resolveIssuer, sameIssuer } from "../services/import-review.js";

export interface CreateStubPlanInput {
  docType: string;
  number: string;
  issuedAt: string | null;
  issuer: string;
  title: string | null;
}

/**
 * A superior plan known only from a reference ("thực hiện Kế hoạch số 82/KH-UBND ngày 16/4/2025 của UBND tỉnh"),
 * so subordinate plans can link to it before it is imported. The issuer is matched to the directory when confident.
 * Refused (409) when the system already holds a plan with that number from that issuer.
 */
export async function createStubPlan(ctx: CommandContext, input: CreateStubPlanInput): Promise<Plan> {
  const number = input.number.trim();
  const existing = (await findPlansByNumber(ctx.tx, number)).filter((p) => sameIssuer(input.issuer, p.issuer_name));
  if (existing.length > 0) {
    throw new DetailedAppError("CONFLICT", `Hệ thống đã có văn bản số ${number} của ${input.issuer}.`, {
      existing: existing.map(presentPlanRef),
    });
  }
  const dir = await loadDirectory(ctx.tx);
  const issuer = resolveIssuer(dir, input.issuer, null).chosen;
  const now = ctx.now.toISOString();
  const id = newId();
  const title = input.title?.trim() || `${input.docType} số ${number}`;
  await insertPlanGraph(ctx.tx, {
    plan: {
      id,
      doc_type: input.docType,
      number,
      issuer_unit_id: issuer?.id ?? null,
      issuer_name: input.issuer,
      issued_at: input.issuedAt,
      place: null,
      title,
      period_start: null,
      period_end: null,
      signer: null,
      status: "published",
      revision: 1,
      source_file_id: null,
      source_sha256: null,
      is_stub: 1,
      document_json: null,
      created_by: actorUserId(ctx.actor),
      created_at: now,
      updated_at: now,
      published_at: null,
    },
    revision: { changes: [{ field: "plan", before: null, after: "stub" }], actor_id: actorUserId(ctx.actor) },
  });
  await recordAudit(ctx, {
    action: "plan.stub_created",
    entityId: id,
    after: {
      docType: input.docType,
      number,
      issuedAt: input.issuedAt,
      issuer: input.issuer,
      issuerUnitId: issuer?.id ?? null,
    },
  });
  return (await getPlan(ctx.tx, id))!;
}
