import { type FormEvent, useId, useState } from "react";
import type { CreatedApiTokenDto } from "../../../server/api-types.js";
import { createToken, listTokens, revokeToken } from "../../api/admin.js";
import { ApiRequestError, errorMessage } from "../../api/client.js";
import { DateInput } from "../../components/date-input.js";
import { EmptyState } from "../../components/empty-state.js";
import { formatDate, formatDateTime } from "../../format.js";
import { useLoad } from "../../use-load.js";

function NewToken({ token, onDone }: { token: CreatedApiTokenDto; onDone(): void }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <div className="alert alert-success new-token" role="status">
      <p>
        Đã tạo mã “{token.name}”. Hãy sao chép và lưu lại ngay: <strong>mã chỉ hiển thị một lần</strong>.
      </p>
      <label htmlFor={id} className="visually-hidden">
        Mã truy cập vừa tạo
      </label>
      <div className="input-with-button">
        <input id={id} type="text" readOnly value={token.token} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          className="button-ghost"
          onClick={() =>
            navigator.clipboard?.writeText(token.token).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? "Đã sao chép" : "Sao chép"}
        </button>
      </div>
      <button type="button" className="button" onClick={onDone}>
        Tôi đã lưu mã
      </button>
    </div>
  );
}

export function TokensTab() {
  const load = useLoad((signal) => listTokens(signal), []);
  const [name, setName] = useState("");
  const [expiresAt, setExpiresAt] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [fresh, setFresh] = useState<CreatedApiTokenDto | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const ids = { name: useId(), expires: useId() };

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (sending) return;
    if (!name.trim()) {
      setNameError("Vui lòng đặt tên cho mã, ví dụ “Cổng thông tin điện tử”.");
      return;
    }
    setSending(true);
    setNameError(null);
    setError(null);
    try {
      const token = await createToken(name.trim(), expiresAt || null);
      setFresh(token);
      setName("");
      setExpiresAt("");
      load.reload();
    } catch (err) {
      if (err instanceof ApiRequestError && err.fields.name) setNameError(err.fields.name);
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  }

  async function onRevoke(id: string) {
    setError(null);
    try {
      await revokeToken(id);
      setConfirming(null);
      load.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const tokens = load.data;
  return (
    <section aria-labelledby="tokens-title">
      <div className="section-head">
        <h2 id="tokens-title">Mã truy cập API</h2>
      </div>
      <p className="muted">
        Mã truy cập cho phép hệ thống khác (cổng thông tin, phần mềm quản lý văn bản) đọc và ghi dữ liệu thay mặt tài
        khoản của anh/chị. Thu hồi ngay khi không còn dùng.
      </p>
      {fresh ? <NewToken token={fresh} onDone={() => setFresh(null)} /> : null}
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      <form className="card form inline-form" onSubmit={onCreate} noValidate aria-busy={sending}>
        <div className="field">
          <label htmlFor={ids.name}>Tên mã</label>
          <input
            id={ids.name}
            type="text"
            value={name}
            placeholder="Ví dụ: Cổng thông tin điện tử"
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${ids.name}-err` : undefined}
          />
          {nameError ? (
            <p className="field-error" id={`${ids.name}-err`}>
              {nameError}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={ids.expires}>Hết hạn (không bắt buộc)</label>
          <DateInput id={ids.expires} value={expiresAt} onChange={setExpiresAt} />
        </div>
        <button type="submit" className="button button-primary" disabled={sending}>
          {sending ? "Đang tạo…" : "Tạo mã"}
        </button>
      </form>

      {load.status === "error" ? (
        <div className="alert alert-error" role="alert">
          <p>{load.message}</p>
          <button type="button" className="button" onClick={load.reload}>
            Thử lại
          </button>
        </div>
      ) : null}
      {tokens && tokens.length === 0 ? (
        <EmptyState icon="lock" title="Chưa có mã truy cập nào">
          <p>Tạo mã khi cần kết nối một hệ thống khác với tiendo.</p>
        </EmptyState>
      ) : null}
      {tokens && tokens.length > 0 ? (
        <div className="table-wrap">
          <table className="table responsive-table">
            <caption className="visually-hidden">Mã truy cập còn hiệu lực</caption>
            <thead>
              <tr>
                <th scope="col">Tên mã</th>
                <th scope="col">Bắt đầu bằng</th>
                <th scope="col">Ngày tạo</th>
                <th scope="col">Dùng lần cuối</th>
                <th scope="col">Hết hạn</th>
                <th scope="col">
                  <span className="visually-hidden">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <th scope="row" data-label="Tên mã">
                    {t.name}
                  </th>
                  <td data-label="Bắt đầu bằng">
                    <code>{t.prefix}…</code>
                  </td>
                  <td data-label="Ngày tạo">{formatDate(t.createdAt)}</td>
                  <td data-label="Dùng lần cuối">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Chưa dùng"}</td>
                  <td data-label="Hết hạn">{t.expiresAt ? formatDate(t.expiresAt) : "Không thời hạn"}</td>
                  <td className="actions-cell">
                    {confirming === t.id ? (
                      <span className="confirm">
                        <span>Thu hồi mã này?</span>
                        <button type="button" className="button button-danger" onClick={() => onRevoke(t.id)}>
                          Thu hồi
                        </button>
                        <button type="button" className="button" onClick={() => setConfirming(null)}>
                          Hủy
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="button"
                        aria-label={`Thu hồi mã ${t.name}`}
                        onClick={() => setConfirming(t.id)}
                      >
                        Thu hồi
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
