import type { FastifyRequest } from "fastify";
import type { PlanV1 } from "../../core/plan-v1.js";
import type { Database } from "../../store/db.js";
import { getImport, type ImportSummary, listImports } from "../../store/repos/imports.js";
import { unitPath } from "../../store/repos/memberships.js";
import { getSourceFile, getSourceFileMeta } from "../../store/repos/source-files.js";
import { subtreeUnitIds } from "../../store/repos/units.js";
import type { ImportRow } from "../../store/schema.js";
import type { ImportDto } from "../api-types.js";
import { createImport } from "../commands/create-import.js";
import { publishImport } from "../commands/publish-import.js";
import { ImportVersionConflict, updateImport } from "../commands/update-import.js";
import { type Actor, runCommand, type UserActor } from "../context.js";
import { AppError } from "../errors.js";
import { authorize, can, type ImportDraftTarget } from "../policies/index.js";
import { presentImport, presentImportSummary } from "../presenters/import.js";
import { sendBuffer } from "../services/http-download.js";
import { DetailedAppError, unprocessable } from "../services/http-errors.js";
import { analyzeImport, parseReview } from "../services/import-review.js";
import {
  type ImportedDocument,
  importPlanDocument,
  type PlanImporter,
  UnreadableImport,
} from "../services/plan-importer.js";
import { parseOrThrow } from "../validation.js";
import { IdParams, pageOf } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";
import {
  CreateImportJsonBody,
  ImportDtoSchema,
  ImportSummaryDtoSchema,
  ListImportsQuery,
  PublishedDtoSchema,
  PublishImportBody,
  UpdateImportBody,
} from "./imports.schema.js";

const TAG = "Nhập kế hoạch";
const NOT_FOUND = "Không tìm thấy bản nhập.";

export async function importTarget(database: Database, row: ImportRow | ImportSummary): Promise<ImportDraftTarget> {
  return {
    id: row.id,
    status: row.status,
    createdBy: row.created_by,
    ownerUnitPath: row.owner_unit_id ? await unitPath(database.db, row.owner_unit_id) : [],
  };
}

/** The draft with everything the review screen shows. */
export async function importView(database: Database, row: ImportRow, actor: Actor): Promise<ImportDto> {
  const plan = row.plan_json ? (JSON.parse(row.plan_json) as PlanV1) : null;
  const [analysis, source, target] = await Promise.all([
    analyzeImport(database.db, plan, parseReview(row.review_json)),
    row.source_file_id ? getSourceFileMeta(database.db, row.source_file_id) : Promise.resolve(undefined),
    importTarget(database, row),
  ]);
  const { directory: _directory, ...rest } = analysis;
  return presentImport(row, {
    source,
    analysis: rest,
    abilities: { edit: can(actor, "import.edit", target), publish: can(actor, "import.publish", target) },
  });
}

/** The unit an import is made for when the request does not say: the actor's first coordinating unit. */
function defaultOwnerUnit(actor: UserActor): string | null {
  return actor.memberships.find((m) => m.role === "coordinator" || m.role === "admin")?.unitId ?? null;
}

interface Upload {
  fileName: string;
  mime: string;
  content: Buffer;
  text: string | null;
  unitId: string | undefined;
}

async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (req.isMultipart()) {
    let file: { fileName: string; mime: string; content: Buffer } | undefined;
    let unitId: string | undefined;
    // One file, and short text fields: a request cannot make the server buffer many 50 MB parts (over the limit → 413).
    for await (const part of req.parts({ limits: { files: 1, fields: 10, fieldSize: 1000 } })) {
      if (part.type === "file") {
        const content = await part.toBuffer();
        if (!file && part.fieldname === "file")
          file = { fileName: part.filename || "tai-lieu", mime: part.mimetype, content };
      } else if (part.fieldname === "unitId" && typeof part.value === "string" && part.value) {
        unitId = part.value;
      }
    }
    if (!file) {
      throw new AppError("VALIDATION", "Chưa chọn tệp văn bản kế hoạch.", { fields: { file: "Bắt buộc chọn tệp." } });
    }
    return { ...file, text: null, unitId };
  }
  const body = parseOrThrow(CreateImportJsonBody, req.body ?? {});
  return {
    fileName: body.fileName,
    mime: "text/plain; charset=utf-8",
    content: Buffer.from(body.text, "utf8"),
    text: body.text,
    unitId: body.unitId,
  };
}

export interface ImportRouteOptions {
  importer?: PlanImporter;
}

export function makeImportRoutes(opts: ImportRouteOptions = {}): RegisterRoutes {
  const importer = opts.importer ?? importPlanDocument;
  return (routes, { database }) => {
    const db = database.db;

    const load = async (id: string) => {
      const row = await getImport(db, id);
      if (!row) throw new AppError("NOT_FOUND", NOT_FOUND);
      return row;
    };

    routes.add({
      method: "POST",
      url: "/imports",
      summary:
        "Nhập văn bản kế hoạch: tệp (multipart/form-data, trường `file`, tùy chọn `unitId`) hoặc văn bản dán vào (JSON {fileName, text})",
      tag: TAG,
      auth: "user",
      response: ImportDtoSchema,
      status: 201,
      errors: [403, 413, 422],
      handler: async ({ actor, req }) => {
        authorize(
          actor,
          "plan.import",
          { unitPath: null },
          "Chỉ cán bộ thường trực hoặc quản trị đơn vị mới được nhập kế hoạch.",
        );
        const upload = await readUpload(req);
        const ownerUnitId = upload.unitId ?? defaultOwnerUnit(actor);
        if (upload.unitId) {
          const path = await unitPath(db, upload.unitId);
          if (path.length === 0) {
            throw new AppError("VALIDATION", "Không tìm thấy đơn vị.", {
              fields: { unitId: "Không tìm thấy đơn vị." },
            });
          }
          authorize(actor, "plan.import", { unitPath: path }, "Bạn không phụ trách đơn vị này.");
        }
        let outcome: { ok: true; document: ImportedDocument } | { ok: false; code: string; message: string };
        try {
          const document = await importer(
            upload.text !== null
              ? { text: upload.text, fileName: upload.fileName }
              : { bytes: new Uint8Array(upload.content), fileName: upload.fileName },
          );
          outcome = { ok: true, document };
        } catch (err) {
          if (!(err instanceof UnreadableImport)) throw err;
          outcome = { ok: false, code: err.code, message: err.message };
        }
        const row = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
          createImport(ctx, {
            fileName: upload.fileName,
            mime: upload.mime,
            content: upload.content,
            ownerUnitId,
            outcome,
          }),
        );
        if (!outcome.ok) {
          throw unprocessable("UNSUPPORTED_FILE", `Không đọc được tệp “${upload.fileName}”: ${outcome.message}`, {
            extra: { importId: row.id },
          });
        }
        return importView(database, row, actor);
      },
    });

    routes.add({
      method: "GET",
      url: "/imports",
      summary: "Các bản nhập kế hoạch: của tôi, và của các đơn vị tôi điều phối",
      tag: TAG,
      auth: "user",
      query: ListImportsQuery,
      response: pageOf(ImportSummaryDtoSchema),
      handler: async ({ actor, query }) => {
        const window = {
          limit: query.offset + query.limit,
          offset: 0,
          ...(query.status ? { status: query.status } : {}),
        };
        let rows: ImportSummary[];
        if (actor.isAdmin) {
          rows = await listImports(db, window);
        } else {
          const coordinated = actor.memberships
            .filter((m) => m.role === "coordinator" || m.role === "admin")
            .map((m) => m.unitId);
          const unitIds = coordinated.length ? await subtreeUnitIds(db, coordinated) : [];
          const [own, units] = await Promise.all([
            listImports(db, { ...window, createdBy: actor.id }),
            unitIds.length ? listImports(db, { ...window, ownerUnitIds: unitIds }) : Promise.resolve([]),
          ]);
          const byId = new Map([...own, ...units].map((r) => [r.id, r]));
          rows = [...byId.values()].sort(
            (a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id),
          );
        }
        const items = rows.slice(query.offset, query.offset + query.limit).map(presentImportSummary);
        return { items, total: rows.length, limit: query.limit, offset: query.offset };
      },
    });

    routes.add({
      method: "GET",
      url: "/imports/:id",
      summary: "Bản nhập để rà soát: kế hoạch trích xuất, vị trí trong văn bản, khớp đơn vị, vấn đề cần xử lý",
      tag: TAG,
      auth: "user",
      params: IdParams,
      response: ImportDtoSchema,
      errors: [404],
      handler: async ({ actor, params }) => {
        const row = await load(params.id);
        authorize(actor, "import.read", await importTarget(database, row));
        return importView(database, row, actor);
      },
    });

    routes.add({
      method: "PUT",
      url: "/imports/:id",
      summary:
        "Lưu bản rà soát (tự động lưu); phiên bản cũ bị từ chối với 409 kèm nội dung hiện tại. Khi xóa, thêm hoặc đổi thứ tự dòng, `origins` cho biết vị trí cũ của mỗi dòng để vị trí trong văn bản gốc đi theo dòng",
      tag: TAG,
      auth: "user",
      params: IdParams,
      body: UpdateImportBody,
      response: ImportDtoSchema,
      errors: [403, 404, 409],
      handler: async ({ actor, params, body, req }) => {
        const row = await load(params.id);
        authorize(actor, "import.edit", await importTarget(database, row), "Bản nhập này không thể chỉnh sửa.");
        try {
          const saved = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
            updateImport(ctx, {
              id: row.id,
              version: body.version,
              plan: body.plan,
              review: body.review,
              origins: body.origins,
            }),
          );
          return importView(database, saved, actor);
        } catch (err) {
          if (!(err instanceof ImportVersionConflict)) throw err;
          const current = await importView(database, err.current, actor);
          throw new DetailedAppError("CONFLICT", err.message, { current });
        }
      },
    });

    routes.add({
      method: "POST",
      url: "/imports/:id/publish",
      summary: "Ban hành kế hoạch từ bản nhập đã rà soát",
      tag: TAG,
      auth: "user",
      params: IdParams,
      body: PublishImportBody,
      response: PublishedDtoSchema,
      status: 201,
      errors: [403, 404, 409, 422],
      handler: async ({ actor, params, body, req }) => {
        const row = await load(params.id);
        authorize(actor, "import.publish", await importTarget(database, row), "Bản nhập này không thể ban hành.");
        const result = await runCommand(database, { actor, ip: req.ip }, (ctx) =>
          publishImport(ctx, { id: row.id, confirmDuplicate: body.confirmDuplicate }),
        );
        return { planId: result.planId };
      },
    });

    routes.add({
      method: "GET",
      url: "/imports/:id/source",
      summary: "Tải tệp gốc của bản nhập",
      tag: TAG,
      auth: "user",
      params: IdParams,
      status: 200,
      errors: [404],
      handler: async ({ actor, params, reply }) => {
        const row = await load(params.id);
        authorize(actor, "import.read", await importTarget(database, row));
        const file = row.source_file_id ? await getSourceFile(db, row.source_file_id) : undefined;
        if (!file) throw new AppError("NOT_FOUND", "Bản nhập không có tệp gốc.");
        await sendBuffer(reply, { fileName: file.file_name, mime: file.mime }, Buffer.from(file.content));
      },
    });
  };
}

export const registerImportRoutes: RegisterRoutes = makeImportRoutes();
