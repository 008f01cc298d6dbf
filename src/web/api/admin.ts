import type {
  ApiTokenDto,
  AuditEventDto,
  CreatedApiTokenDto,
  PageDto,
  RoleName,
  UserDto,
} from "../../server/api-types.js";
import { api, buildUrl } from "./client.js";

export { AUDIT_ACTION_LABELS, auditActionLabel, entityLabel } from "../../core/audit-labels.js";

export function listUsers(query: { q?: string; limit: number; offset: number }, signal?: AbortSignal) {
  return api.get<PageDto<UserDto>>("/users", { query, signal });
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  email: string | null;
  password: string;
  isAdmin: boolean;
  memberships: { unitId: string; role: RoleName }[];
}

export function createUser(input: CreateUserInput) {
  return api.post<UserDto>("/users", input);
}

export interface AuditQuery {
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export function listAuditEvents(query: AuditQuery, signal?: AbortSignal) {
  return api.get<PageDto<AuditEventDto>>("/audit", { query: { ...query }, signal });
}

/** The audit log as XLSX, with the log's filters (every matching event, streamed by the server). */
export function auditExportUrl(query: Omit<AuditQuery, "limit" | "offset">): string {
  return buildUrl("/audit/export.xlsx", { ...query });
}

export function listTokens(signal?: AbortSignal) {
  return api.get<ApiTokenDto[]>("/tokens", { signal });
}

export function createToken(name: string, expiresAt: string | null) {
  return api.post<CreatedApiTokenDto>("/tokens", { name, expiresAt });
}

export function revokeToken(id: string) {
  return api.delete<unknown>(`/tokens/${encodeURIComponent(id)}`);
}

/** Filter choices: an action prefix ending with a dot selects a whole group. */
export const AUDIT_ACTION_GROUPS: { value: string; label: string }[] = [
  { value: "", label: "Tất cả thao tác" },
  { value: "auth.", label: "Đăng nhập, đăng xuất, mật khẩu" },
  { value: "user.", label: "Tài khoản" },
  { value: "membership.", label: "Đơn vị và vai trò của tài khoản" },
  { value: "token.", label: "Mã truy cập API" },
  { value: "unit.", label: "Đơn vị" },
  { value: "import.", label: "Nhập văn bản" },
  { value: "plan.", label: "Kế hoạch" },
  { value: "report.", label: "Báo cáo" },
  { value: "settings.", label: "Cấu hình" },
];
