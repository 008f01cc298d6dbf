import { type FormEvent, type ReactNode, useEffect, useId, useState } from "react";
import type {
  NotificationSettingsDto,
  NotificationTestResultDto,
  UpdateNotificationSettingsInput,
} from "../../../server/api-types-settings.js";
import { ApiRequestError, errorMessage } from "../../api/client.js";
import {
  getNotificationSettings,
  saveNotificationSettings,
  sendTestEmail,
  sendTestWebhook,
} from "../../api/settings.js";
import { formatDateTime } from "../../format.js";
import { useCurrentSession } from "../../session.js";
import { useLoad } from "../../use-load.js";

interface FormState {
  remindersEnabled: boolean;
  daysBefore: string;
  smtpHost: string;
  smtpPort: string;
  smtpSecure: boolean;
  smtpUser: string;
  smtpPassword: string;
  clearPassword: boolean;
  smtpFrom: string;
  webhookUrl: string;
}

type FieldName = "daysBefore" | "smtpHost" | "smtpPort" | "smtpUser" | "smtpPassword" | "smtpFrom" | "webhookUrl";
type FieldErrors = Partial<Record<FieldName, string>>;

function toForm(s: NotificationSettingsDto): FormState {
  return {
    remindersEnabled: s.remindersEnabled,
    daysBefore: String(s.daysBefore),
    smtpHost: s.smtpHost ?? "",
    smtpPort: String(s.smtpPort),
    smtpSecure: s.smtpSecure,
    smtpUser: s.smtpUser ?? "",
    smtpPassword: "",
    clearPassword: false,
    smtpFrom: s.smtpFrom ?? "",
    webhookUrl: s.webhookUrl ?? "",
  };
}

const sameForm = (a: FormState, b: FormState) => JSON.stringify(a) === JSON.stringify(b);

/** Checks what the browser can check; the server checks again and its messages win. */
function validate(f: FormState): FieldErrors {
  const errors: FieldErrors = {};
  const days = Number(f.daysBefore);
  if (!/^\d+$/.test(f.daysBefore.trim()) || days < 0 || days > 60)
    errors.daysBefore = "Số ngày nhắc trước hạn phải là số nguyên từ 0 đến 60.";
  const port = Number(f.smtpPort);
  if (!/^\d+$/.test(f.smtpPort.trim()) || port < 1 || port > 65535)
    errors.smtpPort = "Cổng SMTP phải là số nguyên từ 1 đến 65535.";
  if (f.smtpHost.trim() && !f.smtpFrom.trim()) errors.smtpFrom = "Cần nhập địa chỉ người gửi khi đã nhập máy chủ SMTP.";
  return errors;
}

function toInput(f: FormState): UpdateNotificationSettingsInput {
  return {
    remindersEnabled: f.remindersEnabled,
    daysBefore: Number(f.daysBefore.trim()),
    smtpHost: f.smtpHost.trim() || null,
    smtpPort: Number(f.smtpPort.trim()),
    smtpSecure: f.smtpSecure,
    smtpUser: f.smtpUser.trim() || null,
    ...(f.clearPassword ? { smtpPassword: null } : f.smtpPassword ? { smtpPassword: f.smtpPassword } : {}),
    smtpFrom: f.smtpFrom.trim() || null,
    webhookUrl: f.webhookUrl.trim() || null,
  };
}

function Result({ result }: { result: NotificationTestResultDto | null }) {
  if (!result) return null;
  return result.ok ? (
    <div className="alert alert-success" role="status">
      {result.message}
    </div>
  ) : (
    <div className="alert alert-error" role="alert">
      {result.message}
    </div>
  );
}

function NotificationsForm({
  settings,
  onSaved,
}: {
  settings: NotificationSettingsDto;
  onSaved(s: NotificationSettingsDto): void;
}) {
  const session = useCurrentSession();
  const base = useId();
  const [saved, setSaved] = useState(settings);
  const [form, setForm] = useState<FormState>(() => toForm(settings));
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [testTo, setTestTo] = useState(session.user.email ?? "");
  const [testToError, setTestToError] = useState<string | null>(null);
  const [testing, setTesting] = useState<"email" | "webhook" | null>(null);
  const [emailResult, setEmailResult] = useState<NotificationTestResultDto | null>(null);
  const [webhookResult, setWebhookResult] = useState<NotificationTestResultDto | null>(null);

  useEffect(() => {
    setSaved(settings);
    setForm(toForm(settings));
  }, [settings]);

  const dirty = !sameForm(form, toForm(saved));
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setNotice(null);
  };

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (saving) return;
    const problems = validate(form);
    setFields(problems);
    setNotice(null);
    if (Object.keys(problems).length > 0) {
      setError("Cấu hình chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.");
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const next = await saveNotificationSettings(toInput(form));
      setSaved(next);
      setForm(toForm(next));
      setNotice("Đã lưu cấu hình thông báo. Thay đổi có hiệu lực từ lần nhắc hạn kế tiếp, không cần khởi động lại.");
      onSaved(next);
    } catch (err) {
      const f: FieldErrors = {};
      if (err instanceof ApiRequestError) {
        for (const k of [
          "daysBefore",
          "smtpHost",
          "smtpPort",
          "smtpUser",
          "smtpPassword",
          "smtpFrom",
          "webhookUrl",
        ] as const)
          if (err.fields[k]) f[k] = err.fields[k];
      }
      setFields(f);
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  async function onTestEmail() {
    if (testing) return;
    setEmailResult(null);
    if (!testTo.trim()) {
      setTestToError("Nhập địa chỉ email nhận thư thử.");
      return;
    }
    setTestToError(null);
    setTesting("email");
    try {
      setEmailResult(await sendTestEmail(testTo.trim()));
    } catch (err) {
      if (err instanceof ApiRequestError && err.fields.to) setTestToError(err.fields.to);
      else setEmailResult({ ok: false, message: errorMessage(err) });
    } finally {
      setTesting(null);
    }
  }

  async function onTestWebhook() {
    if (testing) return;
    setWebhookResult(null);
    setTesting("webhook");
    try {
      setWebhookResult(await sendTestWebhook());
    } catch (err) {
      setWebhookResult({ ok: false, message: errorMessage(err) });
    } finally {
      setTesting(null);
    }
  }

  const field = (
    name: FieldName,
    label: string,
    input: { type?: string; inputMode?: "numeric" | "email" | "url"; placeholder?: string; autoComplete?: string },
    hint?: ReactNode,
  ) => {
    const id = `${base}-${name}`;
    const describedBy = [hint ? `${id}-hint` : "", fields[name] ? `${id}-err` : ""].filter(Boolean).join(" ");
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        <input
          id={id}
          type={input.type ?? "text"}
          inputMode={input.inputMode}
          placeholder={input.placeholder}
          autoComplete={input.autoComplete ?? "off"}
          value={form[name]}
          onChange={(e) => set(name, e.target.value)}
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

  const testHint = dirty ? (
    <p className="field-hint">Có thay đổi chưa lưu. Hãy lưu cấu hình trước khi gửi thử.</p>
  ) : null;

  return (
    <>
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      {notice ? (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      ) : null}
      <p className="muted">
        {saved.updatedAt
          ? `Lưu lần cuối lúc ${formatDateTime(saved.updatedAt)}.`
          : "Đang dùng cấu hình từ biến môi trường của máy chủ. Khi lưu, các giá trị dưới đây sẽ được dùng thay cho biến môi trường."}{" "}
        {saved.intervalMinutes > 0
          ? `Hệ thống kiểm tra và gửi nhắc hạn ${saved.intervalMinutes} phút một lần.`
          : "Lịch chạy nhắc hạn đang tắt trên máy chủ (TIENDO_REMINDER_INTERVAL_MINUTES=0): sẽ không có thư nhắc dù đã bật."}
      </p>
      <form className="card form form-grid" onSubmit={onSubmit} noValidate aria-busy={saving}>
        <fieldset className="fieldset field-wide">
          <legend>Nhắc hạn báo cáo</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.remindersEnabled}
              onChange={(e) => set("remindersEnabled", e.target.checked)}
            />
            Bật nhắc hạn báo cáo (thông báo trong hệ thống, thư điện tử và webhook)
          </label>
          {field(
            "daysBefore",
            "Nhắc trước hạn (số ngày)",
            { inputMode: "numeric" },
            "Từ 0 đến 60 ngày. Báo cáo quá hạn chưa nộp vẫn được nhắc thêm.",
          )}
        </fieldset>

        <fieldset className="fieldset field-wide">
          <legend>Máy chủ gửi thư (SMTP)</legend>
          {field(
            "smtpHost",
            "Máy chủ SMTP",
            { placeholder: "Ví dụ: smtp.govap.gov.vn" },
            "Để trống nếu không gửi thư: nhắc hạn chỉ hiển thị trong hệ thống.",
          )}
          {field("smtpPort", "Cổng", { inputMode: "numeric" }, "Thường là 587 (STARTTLS) hoặc 465 (SSL/TLS).")}
          <label className="checkbox">
            <input type="checkbox" checked={form.smtpSecure} onChange={(e) => set("smtpSecure", e.target.checked)} />
            Kết nối bảo mật SSL/TLS ngay từ đầu (thường dùng với cổng 465)
          </label>
          {field("smtpUser", "Tên đăng nhập SMTP (không bắt buộc)", {})}
          {field(
            "smtpPassword",
            "Mật khẩu SMTP",
            {
              type: "password",
              autoComplete: "new-password",
              placeholder: saved.smtpPasswordSet ? "Đã đặt mật khẩu — để trống nếu không đổi" : "Chưa đặt mật khẩu",
            },
            saved.smtpPasswordSet
              ? "Mật khẩu đã lưu không bao giờ được hiển thị. Nhập mật khẩu mới để thay."
              : "Mật khẩu được lưu trên máy chủ và không bao giờ được hiển thị lại.",
          )}
          {saved.smtpPasswordSet ? (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={form.clearPassword}
                onChange={(e) => set("clearPassword", e.target.checked)}
              />
              Xóa mật khẩu đã lưu
            </label>
          ) : null}
          {field("smtpFrom", "Địa chỉ người gửi", {
            type: "email",
            inputMode: "email",
            placeholder: "Ví dụ: tiendo@govap.gov.vn",
          })}
        </fieldset>

        <fieldset className="fieldset field-wide">
          <legend>Webhook (nhóm chat, hệ thống khác)</legend>
          {field(
            "webhookUrl",
            "Địa chỉ webhook",
            { type: "url", inputMode: "url", placeholder: "https://…" },
            "Mỗi lần nhắc hạn, hệ thống gửi một bản tóm tắt dạng JSON tới địa chỉ này. Để trống nếu không dùng.",
          )}
        </fieldset>

        <div className="form-actions field-wide">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? "Đang lưu…" : "Lưu cấu hình"}
          </button>
          {dirty ? (
            <button
              type="button"
              className="button"
              disabled={saving}
              onClick={() => {
                setForm(toForm(saved));
                setFields({});
                setError(null);
              }}
            >
              Hoàn tác thay đổi
            </button>
          ) : null}
        </div>
      </form>

      <section className="card form" aria-labelledby={`${base}-test`}>
        <h3 id={`${base}-test`}>Gửi thử</h3>
        <p className="muted">Thư thử và tin thử dùng cấu hình đã lưu.</p>
        {testHint}
        <div className="field">
          <label htmlFor={`${base}-to`}>Gửi thư thử tới</label>
          <div className="input-with-button">
            <input
              id={`${base}-to`}
              type="email"
              value={testTo}
              autoComplete="email"
              onChange={(e) => setTestTo(e.target.value)}
              aria-invalid={testToError ? true : undefined}
              aria-describedby={testToError ? `${base}-to-err` : undefined}
            />
            <button type="button" className="button" onClick={onTestEmail} disabled={testing !== null || dirty}>
              {testing === "email" ? "Đang gửi…" : "Gửi thử email"}
            </button>
          </div>
          {testToError ? (
            <p className="field-error" id={`${base}-to-err`}>
              {testToError}
            </p>
          ) : null}
        </div>
        <Result result={emailResult} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onTestWebhook} disabled={testing !== null || dirty}>
            {testing === "webhook" ? "Đang gửi…" : "Gửi thử webhook"}
          </button>
        </div>
        <Result result={webhookResult} />
      </section>
    </>
  );
}

export function NotificationsTab() {
  const load = useLoad((signal) => getNotificationSettings(signal), []);
  const [latest, setLatest] = useState<NotificationSettingsDto | null>(null);
  const settings = latest ?? load.data;
  return (
    <section aria-labelledby="notifications-title">
      <div className="section-head">
        <h2 id="notifications-title">Thông báo</h2>
      </div>
      <p className="muted">
        Nhắc hạn nộp báo cáo cho các đơn vị: bật/tắt, số ngày nhắc trước hạn, máy chủ gửi thư điện tử và địa chỉ
        webhook.
      </p>
      {load.status === "error" ? (
        <div className="alert alert-error" role="alert">
          <p>{load.message}</p>
          <button type="button" className="button" onClick={load.reload}>
            Thử lại
          </button>
        </div>
      ) : null}
      {!settings && load.status === "loading" ? <p className="muted">Đang tải cấu hình…</p> : null}
      {settings ? <NotificationsForm settings={settings} onSaved={setLatest} /> : null}
    </section>
  );
}
