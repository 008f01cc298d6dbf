import type {
  ApiTokenDto,
  AuditEventDto,
  CreatedApiTokenDto,
  PageDto,
  RoleName,
  UserDto,
} from "../../server/api-types.js";
import { api } from "./client.js";

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

export function listTokens(signal?: AbortSignal) {
  return api.get<ApiTokenDto[]>("/tokens", { signal });
}

export function createToken(name: string, expiresAt: string | null) {
  return api.post<CreatedApiTokenDto>("/tokens", { name, expiresAt });
}

export function revokeToken(id: string) {
  return api.delete<unknown>(`/tokens/${encodeURIComponent(id)}`);
}

/** Vietnamese names of audit actions; an unknown action is shown as sent. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.login": "Đăng nhập",
  "auth.logout": "Đăng xuất",
  "auth.password_changed": "Đổi mật khẩu",
  "user.created": "Tạo tài khoản",
  "user.updated": "Sửa tài khoản",
  "user.password_set": "Đặt lại mật khẩu",
  "membership.added": "Gán vào đơn vị",
  "membership.removed": "Gỡ khỏi đơn vị",
  "token.created": "Tạo mã truy cập API",
  "token.revoked": "Thu hồi mã truy cập API",
  "unit.created": "Thêm đơn vị",
  "unit.updated": "Sửa đơn vị",
  "unit_group.created": "Thêm nhóm đơn vị",
  "unit_group.updated": "Sửa nhóm đơn vị",
  "directory.seeded": "Nạp danh mục đơn vị",
  "import.created": "Nhập văn bản",
  "import.updated": "Sửa bản nhập",
  "import.deleted": "Xóa bản nhập",
  "plan.published": "Ban hành kế hoạch",
  "plan.updated": "Sửa kế hoạch",
  "plan.closed": "Kết thúc kế hoạch",
  "plan.linked": "Liên kết kế hoạch",
  "plan.stub_created": "Tạo kế hoạch cấp trên (tham chiếu)",
  "task.parent_set": "Gắn nhiệm vụ cấp trên",
  "period.created": "Tạo kỳ báo cáo",
  "report.saved": "Lưu báo cáo",
  "report.submitted": "Nộp báo cáo",
  "report.approved": "Lãnh đạo duyệt báo cáo",
  "report.accepted": "Tiếp nhận báo cáo",
  "report.returned": "Trả lại báo cáo",
  "evidence.added": "Thêm minh chứng",
  "evidence.removed": "Xóa minh chứng",
  "target_value.recorded": "Ghi nhận chỉ tiêu",
  "settings.updated": "Sửa cấu hình",
};

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

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

const ENTITY_LABELS: Record<string, string> = {
  user: "Tài khoản",
  membership: "Vai trò trong đơn vị",
  api_token: "Mã truy cập API",
  unit: "Đơn vị",
  unit_group: "Nhóm đơn vị",
  directory: "Danh mục đơn vị",
  import: "Bản nhập",
  plan: "Kế hoạch",
  task: "Nhiệm vụ",
  reporting_period: "Kỳ báo cáo",
  progress_report: "Báo cáo",
  evidence_file: "Minh chứng",
  target_value: "Chỉ tiêu",
  settings: "Cấu hình",
};

export function entityLabel(type: string): string {
  return ENTITY_LABELS[type] ?? type;
}
