/**
 * Audit events in words: Vietnamese names of actions and entity types, and of the short codes the server records
 * for who acted. Shared by the Nhật ký screen and its XLSX export.
 */

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

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
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
  return AUDIT_ENTITY_LABELS[type] ?? type;
}

/** Who acted, in words: the server records system actors and channels by short codes ("cli", "demo", "(token)"). */
export function auditActorText(label: string): string {
  if (label === "cli") return "Dòng lệnh (cli)";
  if (label === "demo") return "Nạp dữ liệu mẫu (demo)";
  if (label === "system") return "Hệ thống";
  if (label === "login") return "Hệ thống (đăng nhập)";
  return label.replace(/ \(token\)$/, " (qua mã truy cập API)").replace(/ \(cli\)$/, " (qua dòng lệnh)");
}
