import type {
  ImportDto,
  ImportSummaryDto,
  PageDto,
  PlanListItemDto,
  UpdateImportRequest,
} from "../../server/api-types.js";
import { ApiRequestError, api, upload } from "./client.js";

export function listImports(
  query: { status?: "processing" | "ready" | "failed" | "published"; limit: number; offset: number },
  signal?: AbortSignal,
) {
  return api.get<PageDto<ImportSummaryDto>>("/imports", { query: { ...query }, signal });
}

export function importFile(file: File) {
  return upload<ImportDto>("/imports", file);
}

export function importText(fileName: string, text: string) {
  return api.post<ImportDto>("/imports", { fileName, text });
}

export function getImport(id: string, signal?: AbortSignal) {
  return api.get<ImportDto>(`/imports/${encodeURIComponent(id)}`, { signal });
}

export function updateImport(id: string, body: UpdateImportRequest) {
  return api.put<ImportDto>(`/imports/${encodeURIComponent(id)}`, body);
}

export function publishImport(id: string, confirmDuplicate = false) {
  return api.post<{ planId: string }>(`/imports/${encodeURIComponent(id)}/publish`, { confirmDuplicate });
}

/** A superior plan known only from a reference (a stub), to link the imported plan to before it is itself imported. */
export function createStubPlan(body: {
  docType: string;
  number: string;
  issuedAt: string | null;
  issuer: string;
  title: string | null;
}) {
  return api.post<PlanListItemDto>("/plans/stub", body);
}

export function importSourceUrl(id: string): string {
  return `/api/v1/imports/${encodeURIComponent(id)}/source`;
}

export function importPath(id: string): string {
  return `/ke-hoach/nhap/${encodeURIComponent(id)}`;
}

/** The id of the import the server kept for a file it could not read (422), to show it in the list. */
export function failedImportId(err: unknown): string | null {
  if (!(err instanceof ApiRequestError)) return null;
  const id = err.detail?.importId;
  return typeof id === "string" ? id : null;
}

export const IMPORT_STATUS_LABELS: Record<ImportSummaryDto["status"], string> = {
  processing: "Đang xử lý",
  ready: "Chờ rà soát",
  failed: "Không đọc được",
  published: "Đã ban hành",
};
