import { type RefObject, useEffect, useId, useRef, useState } from "react";
import { Link, NavLink, Outlet, useLocation } from "react-router-dom";
import type { UserDto } from "../../server/api-types.js";
import { errorMessage } from "../api/client.js";
import { canAdminister, initials, roleLabel } from "../roles.js";
import { useCurrentSession, useSession } from "../session.js";
import { NotificationBell } from "./notification-bell.js";

export interface NavItem {
  to: string;
  label: string;
  adminOnly?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { to: "/ke-hoach", label: "Kế hoạch" },
  { to: "/nhiem-vu", label: "Nhiệm vụ của đơn vị" },
  { to: "/bao-cao", label: "Báo cáo" },
  { to: "/don-vi", label: "Đơn vị" },
  { to: "/quan-tri", label: "Quản trị", adminOnly: true },
];

/** Closes a popup on Escape and on a click outside `container`. */
function useDismiss(open: boolean, container: RefObject<HTMLElement | null>, close: (refocus: boolean) => void) {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close(true);
    };
    const onPointer = (e: PointerEvent) => {
      if (container.current && !container.current.contains(e.target as Node)) close(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open, container, close]);
}

function AccountMenu({ user }: { user: UserDto }) {
  const { signOut } = useSession();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const location = useLocation();

  const close = useRef((refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }).current;
  useDismiss(open, root, close);
  // Following a link in the menu closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => setOpen(false), [location.pathname]);

  async function onSignOut() {
    setBusy(true);
    setError(null);
    try {
      await signOut();
    } catch (err) {
      setError(`Chưa đăng xuất được. ${errorMessage(err)}`);
      setBusy(false);
    }
  }

  return (
    <div className="account" ref={root}>
      <button
        ref={button}
        type="button"
        className="account-button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Tài khoản: ${user.displayName}`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {initials(user.displayName)}
        </span>
        <span className="account-name">{user.displayName}</span>
        <svg className="caret" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
          <path d="M2 4l4 4 4-4" />
        </svg>
      </button>
      <div id={menuId} className="account-panel" hidden={!open}>
        <div className="account-who">
          <strong>{user.displayName}</strong>
          <span className="muted">{user.username}</span>
        </div>
        <ul className="account-roles" aria-label="Đơn vị và vai trò">
          {user.isAdmin ? (
            <li>
              <span className="account-role">{roleLabel("admin")}</span>
            </li>
          ) : null}
          {user.memberships.map((m) => (
            <li key={`${m.unitId}:${m.role}`}>
              <span className="account-role">{roleLabel(m.role)}</span>
              <span className="account-unit">{m.unitName}</span>
            </li>
          ))}
          {!user.isAdmin && user.memberships.length === 0 ? (
            <li className="muted">Chưa được gán vào đơn vị nào. Liên hệ quản trị viên.</li>
          ) : null}
        </ul>
        <div className="account-actions">
          <Link to="/doi-mat-khau" className="menu-item">
            Đổi mật khẩu
          </Link>
          <button type="button" className="menu-item" onClick={onSignOut} disabled={busy}>
            {busy ? "Đang đăng xuất…" : "Đăng xuất"}
          </button>
          {error ? (
            <p className="account-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export function AppShell() {
  const session = useCurrentSession();
  const { user } = session;
  const [navOpen, setNavOpen] = useState(false);
  const navRoot = useRef<HTMLDivElement>(null);
  const navButton = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  const items = NAV_ITEMS.filter((item) => !item.adminOnly || canAdminister(session));

  const closeNav = useRef((refocus: boolean) => {
    setNavOpen(false);
    if (refocus) navButton.current?.focus();
  }).current;
  useDismiss(navOpen, navRoot, closeNav);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => setNavOpen(false), [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#noi-dung">
        Bỏ qua, đến nội dung chính
      </a>
      <header className="topbar">
        <div className="topbar-inner" ref={navRoot}>
          <button
            ref={navButton}
            type="button"
            className="nav-toggle"
            aria-expanded={navOpen}
            aria-controls="dieu-huong"
            onClick={() => setNavOpen((o) => !o)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              {navOpen ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
            </svg>
            <span className="visually-hidden">{navOpen ? "Đóng menu" : "Mở menu"}</span>
          </button>
          <Link to="/" className="brand">
            <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="6" />
              <path d="M7 21l6-6 4 4 8-9" />
            </svg>
            <span className="brand-name">tiendo</span>
            <span className="brand-sep" aria-hidden="true">
              —
            </span>
            <span className="brand-tagline">Theo dõi tiến độ</span>
          </Link>
          <nav id="dieu-huong" className={navOpen ? "mainnav open" : "mainnav"} aria-label="Điều hướng chính">
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{item.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="topbar-end">
            <NotificationBell />
            <AccountMenu user={user} />
          </div>
        </div>
      </header>
      <main id="noi-dung" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">
        <p>tiendo — Theo dõi tiến độ thực hiện kế hoạch khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số</p>
        <p>
          <Link to="/cong-khai">Xem tiến độ công khai</Link>
        </p>
      </footer>
    </div>
  );
}
