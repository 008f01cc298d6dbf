import { forceUpdateImport, createImport as insertImport } from "../../store/repos/imports.js";
import { storeSourceFile } from "../../store/repos/source-files.js";
import type { ImportRow } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import { actorUserId, type CommandContext } from "../context.js";
import { AppError } from "../errors.js";
import type { ImportedDocument } from "../services/plan-importer.js";

export interface CreateImportInput {
  fileName: string;
  mime: string;
  /** The file as received (pasted text is stored as UTF-8 text). */
  content: Buffer;
  ownerUnitId: string | null;
  /** What the importer made of it: the draft, or why the file could not be read. */
  outcome: { ok: true; document: ImportedDocument } | { ok: false; code: string; message: string };
}

/**
 * Records an uploaded plan document: the file (kept once per SHA-256) and the import draft, "ready" for review with
 * the extracted plan, spans and cleaned text, or "failed" with the reader's Vietnamese explanation so an
 * administrator can inspect the file.
 */
export async function createImport(ctx: CommandContext, input: CreateImportInput): Promise<ImportRow> {
  const createdBy = actorUserId(ctx.actor);
  if (!createdBy) throw new AppError("FORBIDDEN", "Chỉ người dùng đã đăng nhập mới nhập được văn bản.");
  const now = ctx.now.toISOString();
  const { file } = await storeSourceFile(
    ctx.tx,
    { file_name: input.fileName, mime: input.mime, content: input.content, created_by: createdBy },
    now,
  );
  const row = await insertImport(
    ctx.tx,
    { file_name: input.fileName, created_by: createdBy, source_file_id: file.id, owner_unit_id: input.ownerUnitId },
    now,
  );
  const o = input.outcome;
  const updated = await forceUpdateImport(
    ctx.tx,
    row.id,
    o.ok
      ? {
          status: "ready",
          plan_json: JSON.stringify(o.document.plan),
          spans_json: JSON.stringify(o.document.spans),
          cleaned_text: o.document.cleanedText,
          review_json: JSON.stringify({ warnings: o.document.warnings }),
        }
      : { status: "failed", error: o.message },
    now,
  );
  if (!updated) throw new Error("createImport: the import vanished inside its transaction");
  await recordAudit(ctx, {
    action: "import.created",
    entityId: updated.id,
    after: {
      fileName: input.fileName,
      sha256: file.sha256,
      size: file.size,
      status: updated.status,
      ownerUnitId: input.ownerUnitId,
      ...(o.ok ? { tasks: o.document.plan.tasks.length } : { error: o.message, code: o.code }),
    },
  });
  return updated;
}
