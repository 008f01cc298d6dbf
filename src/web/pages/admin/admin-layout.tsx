import { Navigate, NavLink, Outlet, useLocation } from "react-router-dom";
import { Page } from "../../components/page.js";
import { canAdminister } from "../../roles.js";
import { useCurrentSession } from "../../session.js";
import { ForbiddenPage } from "../placeholder-pages.js";

export function AdminLayout() {
  const session = useCurrentSession();
  const location = useLocation();
  if (!canAdminister(session)) return <ForbiddenPage />;
  const abilities = session.abilities as typeof session.abilities | undefined;
  const manageUsers = session.user.isAdmin || !!abilities?.manageUsers;
  const readAudit = session.user.isAdmin || !!abilities?.readAudit;
  const tabs = [
    manageUsers ? { to: "/quan-tri/tai-khoan", label: "Tài khoản" } : null,
    readAudit ? { to: "/quan-tri/nhat-ky", label: "Nhật ký hệ thống" } : null,
    { to: "/quan-tri/ma-truy-cap", label: "Mã truy cập API" },
    session.user.isAdmin ? { to: "/quan-tri/thong-bao", label: "Thông báo" } : null,
  ].filter((t): t is { to: string; label: string } => t !== null);

  if (location.pathname.replace(/\/$/, "") === "/quan-tri") return <Navigate to={tabs[0]!.to} replace />;

  return (
    <Page title="Quản trị" lead="Tài khoản và vai trò, mã truy cập API cho hệ thống khác, nhật ký thao tác.">
      <nav className="tabs" aria-label="Mục quản trị">
        <ul>
          {tabs.map((t) => (
            <li key={t.to}>
              <NavLink to={t.to}>{t.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </Page>
  );
}
