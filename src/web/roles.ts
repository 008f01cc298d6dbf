import type { RoleName, SessionDto, UserDto } from "../server/api-types.js";

export const ROLE_LABELS: Record<RoleName, string> = {
  admin: "Quản trị hệ thống",
  coordinator: "Chuyên viên thường trực",
  leader: "Lãnh đạo đơn vị",
  reporter: "Cán bộ đầu mối",
  viewer: "Người xem",
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as RoleName] ?? role;
}

/** Every role the user holds in some unit, plus "admin" for system administrators. */
export function userRoles(user: UserDto): Set<RoleName> {
  const roles = new Set<RoleName>(user.memberships.map((m) => m.role));
  if (user.isAdmin) roles.add("admin");
  return roles;
}

export function initials(displayName: string): string {
  // "Lê Thị Hoa (UBND Phường 1)" → "TH": the note in brackets is the post, not the person's name.
  const name = displayName.replace(/\s*\([^)]*\)?\s*$/, "").trim() || displayName;
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = words.length > 1 ? words[words.length - 2]! : "";
  const last = words[words.length - 1]!;
  return (first.charAt(0) + last.charAt(0)).toLocaleUpperCase("vi-VN");
}

/** Whether the Quản trị area is offered: system administrators, or whoever the server says may manage accounts. */
export function canAdminister(session: SessionDto): boolean {
  const abilities = session.abilities as SessionDto["abilities"] | undefined;
  return session.user.isAdmin || !!abilities?.manageUsers || !!abilities?.readAudit;
}
