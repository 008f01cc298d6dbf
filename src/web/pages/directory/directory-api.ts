/**
 * Client of the unit-directory administration API (/api/v1/units…, /api/v1/unit-groups…). Kept beside the
 * directory pages so the shared `api/units.ts` stays small.
 */
import type { UnitKindName } from "../../../server/api-types.js";
import type {
  DirectoryImportResultDto,
  UnitDetailDto,
  UnitGroupDto,
  UnitMergeResultDto,
  UnitSplitResultDto,
  UnitTreeDto,
} from "../../../server/api-types-directory.js";
import { ApiRequestError, api, upload } from "../../api/client.js";
import { formatNumber } from "../../format.js";

const unitUrl = (id: string) => `/units/${encodeURIComponent(id)}`;

export function getUnitTree(signal?: AbortSignal) {
  return api.get<UnitTreeDto>("/units/tree", { signal });
}

export function getUnitDetail(id: string, signal?: AbortSignal) {
  return api.get<UnitDetailDto>(unitUrl(id), { signal });
}

export interface UnitFields {
  name: string;
  shortName: string | null;
  kind: UnitKindName;
  parentId: string | null;
  aliases: string[];
  validFrom: string | null;
  validTo: string | null;
}

export function createUnit(body: UnitFields & { id?: string }) {
  return api.post<UnitDetailDto>("/units", body);
}

export function updateUnit(id: string, body: Partial<UnitFields>) {
  return api.put<UnitDetailDto>(unitUrl(id), body);
}

export interface MergeBody {
  otherUnitIds: string[];
  intoUnitId?: string;
  newUnit?: Pick<UnitFields, "name" | "kind" | "parentId"> & { shortName?: string | null };
  effectiveOn: string;
  /** Only check and count what would move; nothing is changed. */
  dryRun?: boolean;
}

export function mergeUnit(id: string, body: MergeBody) {
  return api.post<UnitMergeResultDto>(`${unitUrl(id)}/merge`, body);
}

export interface SplitBody {
  parts: { name: string; kind: UnitKindName; shortName?: string | null }[];
  effectiveOn: string;
  assignTo: { default: number; tasks?: Record<string, number>; members?: Record<string, number> };
}

export function splitUnit(id: string, body: SplitBody) {
  return api.post<UnitSplitResultDto>(`${unitUrl(id)}/split`, body);
}

/** What a merge moved, for the notice on the successor's page. */
export function mergeDoneNotice(r: UnitMergeResultDto): string {
  const c = r.moved.counts;
  return `Đã sáp nhập ${r.predecessors.map((p) => `“${p.name}”`).join(", ")} vào “${r.successor.name}”: chuyển ${formatNumber(
    c.tasks,
  )} nhiệm vụ, ${formatNumber(c.reports)} báo cáo chưa gửi, ${formatNumber(c.childUnits)} đơn vị trực thuộc và ${formatNumber(
    c.memberships,
  )} vai trò của người dùng.`;
}

/** What a split moved, for the notice on the old unit's page. */
export function splitDoneNotice(r: UnitSplitResultDto): string {
  const c = r.moved.counts;
  return `Đã chia tách “${r.unit.name}” thành ${r.parts.map((p) => `“${p.name}”`).join(", ")}; chuyển ${formatNumber(
    c.tasks,
  )} nhiệm vụ, ${formatNumber(c.reports)} báo cáo chưa gửi và ${formatNumber(c.memberships)} vai trò của người dùng.`;
}

export function importDirectory(file: File) {
  return upload<DirectoryImportResultDto>("/units/import", file);
}

export function directoryExportUrl(format: "xlsx" | "csv"): string {
  return `/api/v1/units/export.${format}`;
}

export function searchUnitGroups(q: string, signal?: AbortSignal) {
  return api.get<UnitGroupDto[]>("/unit-groups", { query: { q }, signal });
}

/** The row-level problems of a refused directory file ("Dòng 4: …"), else none. */
export function directoryFileProblems(err: unknown): string[] {
  if (!(err instanceof ApiRequestError)) return [];
  const problems = err.detail?.problems;
  return Array.isArray(problems) ? problems.filter((p): p is string => typeof p === "string") : [];
}

/** Lower case without diacritics: "Phường Gò Vấp" → "phuong go vap". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Kinds in the order a civil servant expects to choose them. */
export const UNIT_KINDS: UnitKindName[] = [
  "province",
  "department",
  "agency",
  "district",
  "office",
  "ward",
  "commune",
  "town",
  "party",
  "association",
  "school",
  "enterprise",
  "other",
];

export function unitDetailPath(id: string, action?: "sua" | "sap-nhap" | "chia-tach" | "them"): string {
  return `/don-vi/${encodeURIComponent(id)}${action ? `?thao-tac=${action}` : ""}`;
}
