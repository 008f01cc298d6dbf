import { useId } from "react";
import { useSearchParams } from "react-router-dom";
import { auditActorText } from "../../../core/audit-labels.js";
import {
  AUDIT_ACTION_GROUPS,
  auditActionLabel,
  auditExportUrl,
  entityLabel,
  listAuditEvents,
} from "../../api/admin.js";
import { DateInput } from "../../components/date-input.js";
import { EmptyState } from "../../components/empty-state.js";
import { Pager } from "../../components/pager.js";
import { formatDateTime } from "../../format.js";
import { useLoad } from "../../use-load.js";

const PAGE_SIZE = 50;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function describe(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return JSON.stringify(value, null, 2);
}

/** Who acted, in words (shared with the XLSX export). */
export const actorText = auditActorText;

export function AuditTab() {
  const [params, setParams] = useSearchParams();
  const action = params.get("thao-tac") ?? "";
  const from = ISO_DATE.test(params.get("tu-ngay") ?? "") ? params.get("tu-ngay")! : "";
  const to = ISO_DATE.test(params.get("den-ngay") ?? "") ? params.get("den-ngay")! : "";
  const offset = Math.max(0, Number(params.get("tu") ?? 0) || 0);
  const ids = { action: useId(), from: useId(), to: useId() };

  const load = useLoad(
    (signal) =>
      listAuditEvents(
        { action: action || undefined, from: from || undefined, to: to || undefined, limit: PAGE_SIZE, offset },
        signal,
      ),
    [action, from, to, offset],
  );

  function update(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("tu");
    setParams(next);
  }

  const page = load.data;
  return (
    <section aria-labelledby="audit-title">
      <div className="section-head">
        <h2 id="audit-title">Nhật ký hệ thống</h2>
        <a
          className="button"
          href={auditExportUrl({ action: action || undefined, from: from || undefined, to: to || undefined })}
          download
          title="Tải toàn bộ nhật ký theo bộ lọc hiện tại (tệp Excel)"
        >
          Xuất Excel
        </a>
      </div>
      <fieldset className="filters">
        <legend className="visually-hidden">Lọc nhật ký</legend>
        <div className="field">
          <label htmlFor={ids.action}>Thao tác</label>
          <select id={ids.action} value={action} onChange={(e) => update("thao-tac", e.target.value)}>
            {AUDIT_ACTION_GROUPS.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.from}>Từ ngày</label>
          <DateInput id={ids.from} value={from} onChange={(v) => update("tu-ngay", v)} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>Đến ngày</label>
          <DateInput id={ids.to} value={to} onChange={(v) => update("den-ngay", v)} />
        </div>
      </fieldset>

      {load.status === "error" ? (
        <div className="alert alert-error" role="alert">
          <p>{load.message}</p>
          <button type="button" className="button" onClick={load.reload}>
            Thử lại
          </button>
        </div>
      ) : null}
      {page && page.items.length === 0 ? (
        <EmptyState icon="search" title="Không có sự kiện nào">
          <p>Không có thao tác nào khớp bộ lọc. Thử chọn “Tất cả thao tác” hoặc mở rộng khoảng thời gian.</p>
        </EmptyState>
      ) : null}
      {page && page.items.length > 0 ? (
        <>
          <div
            className={load.status === "loading" ? "table-wrap is-stale" : "table-wrap"}
            aria-busy={load.status === "loading"}
          >
            <table className="table responsive-table">
              <caption className="visually-hidden">Nhật ký thao tác, mới nhất trước</caption>
              <thead>
                <tr>
                  <th scope="col">Thời gian</th>
                  <th scope="col">Người thực hiện</th>
                  <th scope="col">Thao tác</th>
                  <th scope="col">Đối tượng</th>
                  <th scope="col">Chi tiết</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((ev) => (
                  <tr key={ev.id}>
                    <th scope="row" data-label="Thời gian" className="nowrap">
                      {formatDateTime(ev.at)}
                    </th>
                    <td data-label="Người thực hiện">
                      {actorText(ev.actorLabel)}
                      {ev.ip ? <span className="cell-sub">IP {ev.ip}</span> : null}
                    </td>
                    <td data-label="Thao tác">{auditActionLabel(ev.action)}</td>
                    <td data-label="Đối tượng">{entityLabel(ev.entityType)}</td>
                    <td data-label="Chi tiết">
                      <details className="audit-details">
                        <summary>Xem</summary>
                        <p className="muted">Mã thao tác: {ev.action}</p>
                        <div className="audit-diff">
                          <div>
                            <p className="audit-diff-label">Trước</p>
                            <pre>{describe(ev.before)}</pre>
                          </div>
                          <div>
                            <p className="audit-diff-label">Sau</p>
                            <pre>{describe(ev.after)}</pre>
                          </div>
                        </div>
                      </details>
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
            noun="sự kiện"
            onChange={(o) => {
              const next = new URLSearchParams(params);
              if (o) next.set("tu", String(o));
              else next.delete("tu");
              setParams(next);
            }}
          />
        </>
      ) : null}
    </section>
  );
}
