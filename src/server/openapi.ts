/**
 * OpenAPI 3.1 from the recorded routes. JSON Schema 2020-12 (OpenAPI 3.1's dialect) comes from zod itself.
 */
import { z } from "zod";
import type { RecordedRoute } from "./routing.js";
import { API_PREFIX } from "./routing.js";

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const s = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete s.$schema;
  return s;
}

const ERROR_SCHEMA: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: {
          type: "string",
          enum: [
            "UNAUTHENTICATED",
            "FORBIDDEN",
            "NOT_FOUND",
            "VALIDATION",
            "CONFLICT",
            "STATE",
            "CSRF",
            "RATE_LIMITED",
            "LOCKED",
            "UNSUPPORTED_FILE",
            "PAYLOAD_TOO_LARGE",
            "INTERNAL",
          ],
        },
        message: { type: "string", description: "Thông báo tiếng Việt, hiển thị được cho người dùng" },
        fields: { type: "object", additionalProperties: { type: "string" } },
      },
    },
  },
};

const ERROR_TEXT: Record<number, string> = {
  400: "Dữ liệu không hợp lệ",
  401: "Chưa đăng nhập",
  403: "Không có quyền / thiếu mã CSRF",
  404: "Không tìm thấy",
  409: "Xung đột dữ liệu",
  413: "Dữ liệu quá lớn",
  415: "Định dạng tệp không được hỗ trợ",
  423: "Tài khoản tạm khóa",
  429: "Quá nhiều yêu cầu",
  500: "Lỗi hệ thống",
};

function parameters(schema: z.ZodType | undefined, where: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const s = toSchema(schema, "input");
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, prop]) => ({
    name,
    in: where,
    required: where === "path" ? true : required.has(name),
    schema: prop,
    ...(typeof prop.description === "string" ? { description: prop.description } : {}),
  }));
}

export function buildOpenApiDocument(routes: readonly RecordedRoute[], info: { version: string }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = API_PREFIX + r.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const responses: Record<string, unknown> = {};
    responses[String(r.status)] = r.response
      ? {
          description: "Thành công",
          content: {
            "application/json": {
              schema: { type: "object", required: ["data"], properties: { data: toSchema(r.response, "output") } },
            },
          },
        }
      : { description: "Thành công, không có nội dung" };
    const errorStatuses = new Set([400, 500, ...(r.auth === "user" ? [401] : []), ...r.errors]);
    for (const code of [...errorStatuses].sort()) {
      responses[String(code)] = {
        description: ERROR_TEXT[code] ?? "Lỗi",
        content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } },
      };
    }
    const op: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${r.url.replace(/[/:{}-]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parameters(r.params, "path"), ...parameters(r.query, "query")],
      responses,
      security: r.auth === "user" ? [{ cookieSession: [] }, { bearerToken: [] }] : [],
    };
    if (r.body) {
      op.requestBody = { required: true, content: { "application/json": { schema: toSchema(r.body, "input") } } };
    }
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = op;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "tiendo API",
      version: info.version,
      description:
        "API theo dõi tiến độ kế hoạch khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số. " +
        "Mọi phản hồi thành công có dạng { data }, mọi lỗi có dạng { error: { code, message, fields? } }. " +
        "Yêu cầu thay đổi dữ liệu bằng phiên cookie phải gửi tiêu đề x-csrf-token.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: { ApiError: ERROR_SCHEMA },
      securitySchemes: {
        cookieSession: { type: "apiKey", in: "cookie", name: "tiendo_session" },
        bearerToken: { type: "http", scheme: "bearer", description: "Mã truy cập API dạng tdo_…" },
      },
    },
  };
}
