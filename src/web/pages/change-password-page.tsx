import { type FormEvent, useId, useRef, useState } from "react";
import { ApiRequestError, api, errorMessage } from "../api/client.js";
import { Page } from "../components/page.js";

type Field = "currentPassword" | "newPassword" | "confirm";

const MIN_LENGTH = 8;

/** POST /api/v1/auth/password {currentPassword, newPassword}. */
export function ChangePasswordPage() {
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: "", newPassword: "", confirm: "" });
  const [fields, setFields] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [sending, setSending] = useState(false);
  const refs = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  const baseId = useId();

  function validate(): Partial<Record<Field, string>> {
    const out: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) out.currentPassword = "Vui lòng nhập mật khẩu hiện tại.";
    if (values.newPassword.length < MIN_LENGTH) out.newPassword = `Mật khẩu mới cần ít nhất ${MIN_LENGTH} ký tự.`;
    else if (values.newPassword === values.currentPassword)
      out.newPassword = "Mật khẩu mới phải khác mật khẩu hiện tại.";
    if (values.confirm !== values.newPassword) out.confirm = "Mật khẩu nhập lại không khớp.";
    return out;
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (sending) return;
    const problems = validate();
    setFields(problems);
    setDone(false);
    const first = (Object.keys(refs) as Field[]).find((f) => problems[f]);
    if (first) {
      setError(null);
      refs[first].current?.focus();
      return;
    }
    setSending(true);
    setError(null);
    try {
      await api.post<unknown>("/auth/password", {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      setValues({ currentPassword: "", newPassword: "", confirm: "" });
      setDone(true);
    } catch (err) {
      const fieldErrors: Partial<Record<Field, string>> = {};
      if (err instanceof ApiRequestError) {
        for (const f of ["currentPassword", "newPassword"] as const) if (err.fields[f]) fieldErrors[f] = err.fields[f];
      }
      setFields(fieldErrors);
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  }

  const input = (field: Field, label: string, autoComplete: string, hint?: string) => {
    const id = `${baseId}-${field}`;
    const describedBy = [hint ? `${id}-hint` : "", fields[field] ? `${id}-err` : ""].filter(Boolean).join(" ");
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        <input
          ref={refs[field]}
          id={id}
          type="password"
          autoComplete={autoComplete}
          value={values[field]}
          onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
          aria-invalid={fields[field] ? true : undefined}
          aria-describedby={describedBy || undefined}
          readOnly={sending}
        />
        {fields[field] ? (
          <p className="field-error" id={`${id}-err`}>
            {fields[field]}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <Page title="Đổi mật khẩu" lead="Sau khi đổi, các phiên đăng nhập trên thiết bị khác sẽ phải đăng nhập lại.">
      <div className="card narrow">
        {done ? (
          <div className="alert alert-success" role="status">
            Đã đổi mật khẩu.
          </div>
        ) : null}
        {error ? (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        ) : null}
        <form className="form" onSubmit={onSubmit} noValidate aria-busy={sending}>
          {input("currentPassword", "Mật khẩu hiện tại", "current-password")}
          {input("newPassword", "Mật khẩu mới", "new-password", `Ít nhất ${MIN_LENGTH} ký tự.`)}
          {input("confirm", "Nhập lại mật khẩu mới", "new-password")}
          <button type="submit" className="button button-primary" disabled={sending}>
            {sending ? "Đang lưu…" : "Đổi mật khẩu"}
          </button>
        </form>
      </div>
    </Page>
  );
}
