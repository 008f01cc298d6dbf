import "./public.css";
import { Link, Outlet } from "react-router-dom";
import { useSession } from "../../session.js";

/**
 * The public area ("Công khai"), outside the signed-in shell: anyone can read the published progress of the plans
 * their issuers made public. Signed-in users get a way back to the app.
 */
export function PublicLayout() {
  const { state } = useSession();
  const signedIn = state.status === "authenticated";
  return (
    <div className="shell public-shell">
      <a className="skip-link" href="#noi-dung">
        Bỏ qua, đến nội dung chính
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/cong-khai" className="brand">
            <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="6" />
              <path d="M7 21l6-6 4 4 8-9" />
            </svg>
            <span className="brand-name">tiendo</span>
            <span className="brand-sep" aria-hidden="true">
              —
            </span>
            <span className="brand-tagline">Tiến độ công khai</span>
          </Link>
          <nav className="public-nav" aria-label="Điều hướng công khai">
            <Link to={signedIn ? "/" : "/dang-nhap"} className="public-nav-link">
              {signedIn ? "Về trang làm việc" : "Đăng nhập"}
            </Link>
          </nav>
        </div>
      </header>
      <main id="noi-dung" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">
        <p>
          Số liệu công khai được tổng hợp từ các báo cáo đã được tiếp nhận; không bao gồm thông tin cá nhân. tiendo —
          Theo dõi tiến độ thực hiện kế hoạch khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.
        </p>
      </footer>
    </div>
  );
}
