import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useSearchParams } from "react-router-dom";
import type { RoleName } from "../../../server/api-types.js";
import { createUser, listUsers } from "../../api/admin.js";
import { ApiRequestError, errorMessage } from "../../api/client.js";
import type { UnitListItem } from "../../api/units.js";
import { EmptyState } from "../../components/empty-state.js";
import { Pager } from "../../components/pager.js";
import { UnitPicker } from "../../components/unit-picker.js";
import { ROLE_LABELS, roleLabel } from "../../roles.js";
import { useLoad } from "../../use-load.js";

const PAGE_SIZE = 50;
const UNIT_ROLES: RoleName[] = ["reporter", "leader", "coordinator", "viewer"];

type FieldName = "username" | "displayName" | "email" | "password" | "unit";

function CreateUserForm({ onCreated, onCancel }: { onCreated(name: string): void; onCancel(): void }) {
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [isAdmin, setIsAdmin] = useState(false);
  const [unit, setUnit] = useState<UnitListItem | null>(null);
  const [role, setRole] = useState<RoleName>("reporter");
  const [fields, setFields] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const base = useId();
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (sending) return;
    const problems: Partial<Record<FieldName, string>> = {};
    if (!username.trim()) problems.username = "Vui lòng nhập tên đăng nhập.";
    if (!displayName.trim()) problems.displayName = "Vui lòng nhập họ và tên.";
    if (password.length < 8) problems.password = "Mật khẩu cần ít nhất 8 ký tự.";
    if (!unit && !isAdmin) problems.unit = "Chọn đơn vị của người dùng (hoặc cấp quyền quản trị hệ thống).";
    setFields(problems);
    if (Object.keys(problems).length > 0) {
      setError("Vui lòng kiểm tra các trường được đánh dấu.");
      return;
    }
    setSending(true);
    setError(null);
    try {
      const user = await createUser({
        username: username.trim(),
        displayName: displayName.trim(),
        email: email.trim() || null,
        password,
        isAdmin,
        memberships: unit ? [{ unitId: unit.id, role }] : [],
      });
      onCreated(user.displayName);
    } catch (err) {
      const f: Partial<Record<FieldName, string>> = {};
      if (err instanceof ApiRequestError) {
        for (const k of ["username", "displayName", "email", "password"] as const)
          if (err.fields[k]) f[k] = err.fields[k];
        const unitError = Object.entries(err.fields).find(([k]) => k.startsWith("memberships"));
        if (unitError) f.unit = unitError[1];
      }
      setFields(f);
      setError(errorMessage(err));
      setSending(false);
    }
  }

  const text = (
    name: Exclude<FieldName, "unit">,
    label: string,
    value: string,
    set: (v: string) => void,
    extra: { type?: string; autoComplete?: string; hint?: string } = {},
  ) => {
    const id = `${base}-${name}`;
    const describedBy = [extra.hint ? `${id}-hint` : "", fields[name] ? `${id}-err` : ""].filter(Boolean).join(" ");
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {extra.hint ? (
          <p className="field-hint" id={`${id}-hint`}>
            {extra.hint}
          </p>
        ) : null}
        <input
          ref={name === "username" ? first : undefined}
          id={id}
          type={extra.type ?? "text"}
          value={value}
          autoComplete={extra.autoComplete ?? "off"}
          onChange={(e) => set(e.target.value)}
          aria-invalid={fields[name] ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
        {fields[name] ? (
          <p className="field-error" id={`${id}-err`}>
            {fields[name]}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <section className="card create-panel" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`}>Tạo tài khoản</h2>
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      <form className="form form-grid" onSubmit={onSubmit} noValidate aria-busy={sending}>
        {text("displayName", "Họ và tên", displayName, setDisplayName, { autoComplete: "off" })}
        {text("username", "Tên đăng nhập", username, setUsername, {
          hint: "3–50 ký tự: chữ không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.",
        })}
        {text("email", "Thư điện tử (không bắt buộc)", email, setEmail, { type: "email" })}
        {text("password", "Mật khẩu ban đầu", password, setPassword, {
          type: "text",
          hint: "Ít nhất 8 ký tự. Gửi cho người dùng qua kênh riêng và đề nghị đổi sau lần đăng nhập đầu.",
        })}
        <UnitPicker label="Đơn vị" value={unit} onChange={setUnit} error={fields.unit} />
        <div className="field">
          <label htmlFor={`${base}-role`}>Vai trò trong đơn vị</label>
          <select id={`${base}-role`} value={role} onChange={(e) => setRole(e.target.value as RoleName)}>
            {UNIT_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-wide">
          <label className="checkbox">
            <input type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} />
            Quản trị hệ thống (toàn quyền với mọi đơn vị và tài khoản)
          </label>
        </div>
        <div className="form-actions field-wide">
          <button type="submit" className="button button-primary" disabled={sending}>
            {sending ? "Đang tạo…" : "Tạo tài khoản"}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={sending}>
            Hủy
          </button>
        </div>
      </form>
    </section>
  );
}

export function UsersTab() {
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const offset = Math.max(0, Number(params.get("tu") ?? 0) || 0);
  const [text, setText] = useState(q);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const searchId = useId();
  const load = useLoad((signal) => listUsers({ q: q || undefined, limit: PAGE_SIZE, offset }, signal), [q, offset]);

  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (text.trim() === q.trim()) return;
    const t = setTimeout(() => setParams(text.trim() ? { q: text.trim() } : {}, { replace: true }), 300);
    return () => clearTimeout(t);
  }, [text, q, setParams]);

  const page = load.data;
  return (
    <section aria-labelledby="users-title">
      <div className="section-head">
        <h2 id="users-title">Tài khoản</h2>
        {!creating ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setCreated(null);
              setCreating(true);
            }}
          >
            Tạo tài khoản
          </button>
        ) : null}
      </div>
      {created ? (
        <div className="alert alert-success" role="status">
          Đã tạo tài khoản cho {created}.
        </div>
      ) : null}
      {creating ? (
        <CreateUserForm
          onCancel={() => setCreating(false)}
          onCreated={(name) => {
            setCreating(false);
            setCreated(name);
            load.reload();
          }}
        />
      ) : null}
      <search className="searchbar">
        <label htmlFor={searchId}>Tìm tài khoản</label>
        <input
          id={searchId}
          type="search"
          value={text}
          placeholder="Họ tên hoặc tên đăng nhập"
          onChange={(e) => setText(e.target.value)}
        />
      </search>
      {load.status === "error" ? (
        <div className="alert alert-error" role="alert">
          <p>{load.message}</p>
          <button type="button" className="button" onClick={load.reload}>
            Thử lại
          </button>
        </div>
      ) : null}
      {page && page.items.length === 0 ? (
        <EmptyState icon="search" title={q ? "Không có tài khoản phù hợp" : "Chưa có tài khoản nào"}>
          <p>{q ? "Thử tìm bằng tên đăng nhập hoặc một phần họ tên." : "Bấm “Tạo tài khoản” để thêm người dùng."}</p>
        </EmptyState>
      ) : null}
      {page && page.items.length > 0 ? (
        <>
          <div
            className={load.status === "loading" ? "table-wrap is-stale" : "table-wrap"}
            aria-busy={load.status === "loading"}
          >
            <table className="table responsive-table">
              <caption className="visually-hidden">Danh sách tài khoản</caption>
              <thead>
                <tr>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Tên đăng nhập</th>
                  <th scope="col">Đơn vị và vai trò</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((u) => (
                  <tr key={u.id}>
                    <th scope="row" data-label="Họ và tên">
                      {u.displayName}
                      {u.email ? <span className="cell-sub">{u.email}</span> : null}
                    </th>
                    <td data-label="Tên đăng nhập">{u.username}</td>
                    <td data-label="Đơn vị và vai trò">
                      <ul className="plain-list">
                        {u.isAdmin ? (
                          <li>
                            <span className="badge">Quản trị hệ thống</span>
                          </li>
                        ) : null}
                        {u.memberships.map((m) => (
                          <li key={`${m.unitId}:${m.role}`}>
                            {roleLabel(m.role)} — {m.unitName}
                          </li>
                        ))}
                        {!u.isAdmin && u.memberships.length === 0 ? <li className="muted">Chưa gán đơn vị</li> : null}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            total={page.total}
            limit={PAGE_SIZE}
            offset={offset}
            noun="tài khoản"
            onChange={(o) => setParams(o ? { ...(q ? { q } : {}), tu: String(o) } : q ? { q } : {})}
          />
        </>
      ) : null}
    </section>
  );
}
