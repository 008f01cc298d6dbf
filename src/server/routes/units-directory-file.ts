/**
 * The directory as a file: GET /units/export.xlsx, GET /units/export.csv (every signed-in user; parents before
 * children), POST /units/import (multipart XLSX/CSV, all or nothing, upsert by Mã). Registered by the unit routes.
 */
import type { FastifyRequest } from "fastify";
import { listUnitTree } from "../../store/repos/units.js";
import { importDirectory } from "../commands/import-directory.js";
import { runCommand } from "../context.js";
import { AppError } from "../errors.js";
import { authorize } from "../policies/index.js";
import {
  DirectoryFileError,
  parseCsv,
  parseDirectoryRows,
  readXlsxRows,
  writeDirectoryCsv,
  writeDirectoryXlsx,
} from "../services/directory-file.js";
import { sendBuffer } from "../services/http-download.js";
import { DetailedAppError } from "../services/http-errors.js";
import type { RegisterRoutes } from "./deps.js";
import { DirectoryExportQuery, DirectoryImportResultDtoSchema } from "./units.schema.js";

const TAG = "Đơn vị";
const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function readDirectoryUpload(req: FastifyRequest): Promise<{ fileName: string; content: Buffer }> {
  if (!req.isMultipart()) {
    throw new AppError("UNSUPPORTED_FILE", "Gửi tệp danh mục (XLSX hoặc CSV) dạng multipart/form-data, trường “file”.");
  }
  let file: { fileName: string; content: Buffer } | undefined;
  // One file only: a request cannot make the server buffer many 50 MB parts (a second file → 413).
  for await (const part of req.parts({ limits: { files: 1, fields: 10, fieldSize: 1000 } })) {
    if (part.type !== "file") continue;
    const content = await part.toBuffer();
    if (!file && part.fieldname === "file") file = { fileName: part.filename || "danh-muc", content };
  }
  if (!file) {
    throw new AppError("VALIDATION", "Chưa chọn tệp danh mục đơn vị.", { fields: { file: "Bắt buộc chọn tệp." } });
  }
  return file;
}

function isXlsx(fileName: string, content: Buffer): boolean {
  return /\.xlsx$/i.test(fileName) || (content[0] === 0x50 && content[1] === 0x4b);
}

export const registerDirectoryFileRoutes: RegisterRoutes = (routes, { database }) => {
  const db = database.db;

  for (const format of ["xlsx", "csv"] as const) {
    routes.add({
      method: "GET",
      url: `/units/export.${format}`,
      summary: `Tải danh mục đơn vị (${format.toUpperCase()}): Mã, Tên, Tên viết tắt, Loại, Mã đơn vị cha, Tên gọi khác, Hiệu lực từ, Hiệu lực đến`,
      tag: TAG,
      auth: "user",
      query: DirectoryExportQuery,
      status: 200,
      handler: async ({ query, reply }) => {
        const units = await listUnitTree(db, query.activeOn ? { activeOn: query.activeOn } : {});
        const body = format === "xlsx" ? await writeDirectoryXlsx(units) : writeDirectoryCsv(units);
        await sendBuffer(
          reply,
          {
            fileName: `danh-muc-don-vi.${format}`,
            mime: format === "xlsx" ? XLSX_MIME : "text/csv; charset=utf-8",
          },
          body,
        );
      },
    });
  }

  routes.add({
    method: "POST",
    url: "/units/import",
    summary:
      "Nhập danh mục đơn vị từ tệp XLSX/CSV (multipart, trường “file”): kiểm tra từng dòng, áp dụng tất cả hoặc không gì cả, cập nhật theo Mã",
    tag: TAG,
    auth: "user",
    response: DirectoryImportResultDtoSchema,
    errors: [403, 415],
    handler: async ({ actor, req }) => {
      authorize(actor, "unit.import", null, "Chỉ quản trị hoặc cán bộ thường trực mới được nhập danh mục đơn vị.");
      const file = await readDirectoryUpload(req);
      try {
        const cells = isXlsx(file.fileName, file.content)
          ? await readXlsxRows(file.content)
          : parseCsv(file.content.toString("utf8"));
        const rows = parseDirectoryRows(cells);
        return await runCommand(database, { actor, ip: req.ip }, (ctx) =>
          importDirectory(ctx, { rows, fileName: file.fileName }),
        );
      } catch (err) {
        if (!(err instanceof DirectoryFileError)) throw err;
        const fields: Record<string, string> = {};
        for (const p of err.problems) fields[`rows.${/^Dòng (\d+)/.exec(p)?.[1] ?? "_"}`] ??= p;
        throw new DetailedAppError(
          "VALIDATION",
          `Tệp danh mục có ${err.problems.length} lỗi; chưa có thay đổi nào được áp dụng. ${err.problems.slice(0, 3).join(" ")}`,
          { problems: err.problems },
          undefined,
          fields,
        );
      }
    },
  });
};
