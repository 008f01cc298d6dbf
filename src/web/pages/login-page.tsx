import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { login } from "../api/auth.js";
import { ApiRequestError, errorMessage } from "../api/client.js";
import { useSession } from "../session.js";

type Fields = Partial<Record<"username" | "password", string>>;

/** Only same-app paths, so a crafted link cannot send the user elsewhere after login. */
export function safeNext(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/dang-nhap")) return "/";
  return next;
}

export function LoginPage() {
  const { state, signedIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get("next"));

  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [showPassword, setShowPassword] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Fields>({});
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { username: useId(), password: useId(), error: useId() };

  useEffect(() => {
    document.title = "Đăng nhập — tiendo";
  }, []);

  if (state.status === "authenticated") return <Navigate to={next} replace />;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (sending) return;
    const missing: Fields = {};
    if (!username.trim()) missing.username = "Vui lòng nhập tên đăng nhập.";
    if (!password) missing.password = "Vui lòng nhập mật khẩu.";
    setFields(missing);
    if (missing.username || missing.password) {
      setError(null);
      (missing.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setSending(true);
    setError(null);
    try {
      const session = await login(username.trim(), password);
      signedIn(session);
      navigate(next, { replace: true });
    } catch (err) {
      const fieldErrors: Fields = {};
      if (err instanceof ApiRequestError) {
        if (err.fields.username) fieldErrors.username = err.fields.username;
        if (err.fields.password) fieldErrors.password = err.fields.password;
      }
      setFields(fieldErrors);
      setError(errorMessage(err));
      setPassword("");
      setSending(false);
      (fieldErrors.username ? usernameRef : passwordRef).current?.focus();
    }
  }

  const expired = state.status === "anonymous" && state.reason === "expired";

  return (
    <div className="login-screen">
      <main className="login-card" id="noi-dung">
        <div className="login-brand">
          <svg className="brand-mark large" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="6" />
            <path d="M7 21l6-6 4 4 8-9" />
          </svg>
          <div>
            <p className="login-product">tiendo — Theo dõi tiến độ</p>
            <p className="login-tagline">Kế hoạch khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số</p>
          </div>
        </div>
        <h1>Đăng nhập</h1>
        {expired && !error ? (
          <p className="notice" role="status">
            Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.
          </p>
        ) : null}
        {error ? (
          <div className="alert alert-error" role="alert" id={ids.error}>
            {error}
          </div>
        ) : null}
        <form className="form" onSubmit={onSubmit} noValidate aria-busy={sending}>
          <div className="field">
            <label htmlFor={ids.username}>Tên đăng nhập</label>
            <input
              ref={usernameRef}
              id={ids.username}
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-invalid={fields.username ? true : undefined}
              aria-describedby={fields.username ? `${ids.username}-err` : undefined}
              readOnly={sending}
              required
            />
            {fields.username ? (
              <p className="field-error" id={`${ids.username}-err`}>
                {fields.username}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={ids.password}>Mật khẩu</label>
            <div className="input-with-button">
              <input
                ref={passwordRef}
                id={ids.password}
                name="password"
                type={showPassword ? "text" : "password"}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={fields.password ? true : undefined}
                aria-describedby={fields.password ? `${ids.password}-err` : undefined}
                readOnly={sending}
                required
              />
              <button
                type="button"
                className="button-ghost"
                aria-pressed={showPassword}
                aria-controls={ids.password}
                onClick={() => setShowPassword((s) => !s)}
              >
                {showPassword ? "Ẩn" : "Hiện"}
                <span className="visually-hidden"> mật khẩu</span>
              </button>
            </div>
            {fields.password ? (
              <p className="field-error" id={`${ids.password}-err`}>
                {fields.password}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button-primary button-block" disabled={sending}>
            {sending ? "Đang đăng nhập…" : "Đăng nhập"}
          </button>
        </form>
        <p className="login-help">Quên mật khẩu? Liên hệ quản trị viên của cơ quan để được cấp lại.</p>
        <p className="login-help">
          <Link to="/cong-khai">Xem tiến độ công khai</Link> — không cần đăng nhập.
        </p>
      </main>
    </div>
  );
}
