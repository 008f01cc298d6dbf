import { type FormEvent, useId, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { errorMessage } from "../api/client.js";
import { IMPORT_STATUS_LABELS, importFile, importPath, importText, listImports } from "../api/imports.js";
import { EmptyState } from "../components/empty-state.js";
import { Page } from "../components/page.js";
import { formatDateTime } from "../format.js";
import { userRoles } from "../roles.js";
import { useCurrentSession } from "../session.js";
import { useLoad } from "../use-load.js";
import { planPath } from "./plans-page.js";

const STATUS_CLASS: Record<string, string> = {
  processing: "chip-in-progress",
  ready: "chip-due-soon",
  failed: "chip-overdue",
  published: "chip-done-on-time",
};

export function ImportsPage() {
  const session = useCurrentSession();
  const roles = userRoles(session.user);
  const canImport = roles.has("coordinator") || roles.has("admin") || !!session.abilities?.importPlans;
  if (!canImport) {
    return (
      <Page title="Nhập kế hoạch">
        <EmptyState
          icon="lock"
          title="Anh/chị chưa có quyền nhập kế hoạch"
          action={
            <Link to="/ke-hoach" className="button">
              Về danh sách kế hoạch
            </Link>
          }
        >
          <p>
            Việc nhập và ban hành kế hoạch do chuyên viên thường trực thực hiện. Nếu anh/chị cần quyền này, vui lòng
            liên hệ quản trị viên của cơ quan.
          </p>
        </EmptyState>
      </Page>
    );
  }
  return <ImportsWorkspace />;
}

function ImportsWorkspace() {
  const navigate = useNavigate();
  const list = useLoad((signal) => listImports({ limit: 50, offset: 0 }, signal), []);
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState("");
  const [pastedName, setPastedName] = useState("");
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { file: useId(), text: useId(), name: useId() };

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    if (!file && !pasted.trim()) {
      setError("Chọn tệp văn bản kế hoạch hoặc dán nội dung văn bản.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const imp = file ? await importFile(file) : await importText(pastedName.trim() || "van-ban-dan.txt", pasted);
      navigate(importPath(imp.id));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
      list.reload();
    }
  }

  return (
    <Page
      title="Nhập kế hoạch"
      lead="Nhập văn bản kế hoạch đã ban hành (DOCX, PDF, kể cả bản chụp), rà soát các trường được trích xuất rồi ban hành để các đơn vị báo cáo."
      before={
        <nav className="breadcrumb" aria-label="Vị trí">
          <ol>
            <li>
              <Link to="/ke-hoach">Kế hoạch</Link>
            </li>
            <li>
              <span aria-current="page">Nhập kế hoạch</span>
            </li>
          </ol>
        </nav>
      }
    >
      <form className="card form import-form" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <h2>Văn bản mới</h2>
        {error ? (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        ) : null}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for mouse users; the file input inside is the accessible control */}
        <div
          className={dragging ? "field drop-zone is-dragging" : "field drop-zone"}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const dropped = e.dataTransfer.files[0];
            if (dropped) {
              setFile(dropped);
              setError(null);
            }
          }}
        >
          <label htmlFor={ids.file}>Tệp văn bản kế hoạch</label>
          <p className="field-hint">
            Kéo thả tệp vào đây hoặc bấm để chọn. DOCX, PDF (kể cả bản chụp), TXT. Việc đọc văn bản có thể mất một lúc.
          </p>
          <input
            id={ids.file}
            type="file"
            accept=".docx,.pdf,.txt,.doc,.odt,.rtf,.html,.htm"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {file ? (
            <p className="drop-zone-file" aria-live="polite">
              Đã chọn: <strong>{file.name}</strong>
            </p>
          ) : null}
        </div>
        <details className="report-more">
          <summary>Hoặc dán nội dung văn bản</summary>
          <div className="field">
            <label htmlFor={ids.name}>Tên văn bản</label>
            <input
              id={ids.name}
              type="text"
              value={pastedName}
              placeholder="Ví dụ: 121-KH-UBND.txt"
              onChange={(e) => setPastedName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.text}>Nội dung</label>
            <textarea id={ids.text} rows={8} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          </div>
        </details>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Đang đọc văn bản…" : "Nhập và rà soát"}
          </button>
        </div>
      </form>

      <section aria-labelledby="imports-title" className="overview-block">
        <h2 id="imports-title">Các văn bản đã nhập</h2>
        {list.status === "error" ? (
          <div className="alert alert-error" role="alert">
            <p>{list.message}</p>
            <button type="button" className="button" onClick={list.reload}>
              Thử lại
            </button>
          </div>
        ) : null}
        {list.data && list.data.items.length === 0 ? (
          <EmptyState title="Chưa nhập văn bản nào">
            <p>Chọn tệp văn bản kế hoạch ở trên để bắt đầu.</p>
          </EmptyState>
        ) : null}
        {list.data && list.data.items.length > 0 ? (
          <div className="table-wrap">
            <table className="table responsive-table">
              <caption className="visually-hidden">Các văn bản đã nhập</caption>
              <thead>
                <tr>
                  <th scope="col">Tệp</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Nhập lúc</th>
                  <th scope="col">
                    <span className="visually-hidden">Thao tác</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row" data-label="Tệp">
                      {i.fileName}
                      {i.error ? <span className="cell-sub">{i.error}</span> : null}
                    </th>
                    <td data-label="Trạng thái">
                      <span className={`chip ${STATUS_CLASS[i.status] ?? "chip-not-started"}`}>
                        {IMPORT_STATUS_LABELS[i.status] ?? i.status}
                      </span>
                    </td>
                    <td data-label="Nhập lúc">{formatDateTime(i.createdAt)}</td>
                    <td className="actions-cell">
                      {i.status === "published" && i.publishedPlanId ? (
                        <Link className="button" to={planPath(i.publishedPlanId)}>
                          Xem kế hoạch
                        </Link>
                      ) : i.status === "ready" ? (
                        <Link className="button" to={importPath(i.id)}>
                          Rà soát
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </Page>
  );
}
