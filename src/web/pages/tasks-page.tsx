import { useId } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type { TaskStatusName } from "../../server/api-types.js";
import { myTasks, myTasksExportUrl, ROLE_IN_TASK } from "../api/plans.js";
import { EmptyState } from "../components/empty-state.js";
import { Page } from "../components/page.js";
import { Pager } from "../components/pager.js";
import { StatusChip, TASK_STATUS_LABELS } from "../components/status-chip.js";
import { formatDate, formatNumber } from "../format.js";
import { useCurrentSession } from "../session.js";
import { useLoad } from "../use-load.js";
import { planPath } from "./plans-page.js";

const PAGE_SIZE = 100;

/** "A", "A và B", "A, B và C". */
function joinNames(names: string[]): string {
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} và ${names[names.length - 1]}`;
}

export function TasksPage() {
  const { user } = useCurrentSession();
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get("tinh-trang");
  const status = rawStatus && rawStatus in TASK_STATUS_LABELS ? (rawStatus as TaskStatusName) : undefined;
  const rawRole = params.get("vai-tro");
  const role = rawRole === "lead" || rawRole === "support" ? rawRole : undefined;
  const offset = Math.max(0, Number(params.get("tu") ?? 0) || 0);
  const ids = { status: useId(), role: useId() };
  const units = [...new Set(user.memberships.map((m) => m.unitName))];

  const load = useLoad((signal) => myTasks({ status, role, limit: PAGE_SIZE, offset }, signal), [status, role, offset]);

  function update(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("tu");
    setParams(next);
  }

  const page = load.data;
  const multipleUnits = new Set(user.memberships.map((m) => m.unitId)).size > 1;
  return (
    <Page
      title="Nhiệm vụ của đơn vị"
      lead={
        units.length > 0
          ? `Nhiệm vụ do ${joinNames(units)} chủ trì hoặc phối hợp thực hiện, trên mọi kế hoạch đã ban hành.`
          : "Nhiệm vụ đơn vị chủ trì hoặc phối hợp thực hiện, trên mọi kế hoạch đã ban hành."
      }
      actions={
        units.length > 0 ? (
          <a
            className="button"
            href={myTasksExportUrl({ status, role })}
            download
            title="Tải nhiệm vụ của đơn vị theo bộ lọc hiện tại (tệp Excel)"
          >
            Xuất Excel
          </a>
        ) : null
      }
    >
      {units.length === 0 ? (
        <EmptyState icon="lock" title="Tài khoản chưa thuộc đơn vị nào">
          <p>Liên hệ quản trị viên để được gán vào đơn vị; nhiệm vụ của đơn vị sẽ hiện ở đây.</p>
        </EmptyState>
      ) : (
        <>
          <div className="filters">
            <div className="field">
              <label htmlFor={ids.status}>Tình trạng</label>
              <select id={ids.status} value={status ?? ""} onChange={(e) => update("tinh-trang", e.target.value)}>
                <option value="">Tất cả</option>
                {(Object.keys(TASK_STATUS_LABELS) as TaskStatusName[]).map((s) => (
                  <option key={s} value={s}>
                    {TASK_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.role}>Vai trò của đơn vị</label>
              <select id={ids.role} value={role ?? ""} onChange={(e) => update("vai-tro", e.target.value)}>
                <option value="">Chủ trì và phối hợp</option>
                <option value="lead">Chủ trì</option>
                <option value="support">Phối hợp</option>
              </select>
            </div>
          </div>

          {load.status === "error" ? (
            <div className="alert alert-error" role="alert">
              <p>{load.message}</p>
              <button type="button" className="button" onClick={load.reload}>
                Thử lại
              </button>
            </div>
          ) : null}

          {page && page.items.length === 0 ? (
            status || role ? (
              <EmptyState icon="search" title="Không có nhiệm vụ phù hợp">
                <p>Chọn “Tất cả” để xem mọi nhiệm vụ của đơn vị.</p>
              </EmptyState>
            ) : (
              <EmptyState title="Đơn vị chưa được giao nhiệm vụ">
                <p>
                  Nhiệm vụ xuất hiện ở đây khi một kế hoạch giao việc cho đơn vị được ban hành. Xem các kế hoạch tại
                  trang <Link to="/ke-hoach">Kế hoạch</Link>.
                </p>
              </EmptyState>
            )
          ) : null}

          {page && page.items.length > 0 ? (
            <>
              <div
                className={load.status === "loading" ? "table-wrap is-stale" : "table-wrap"}
                aria-busy={load.status === "loading"}
              >
                <table className="table responsive-table tasks-table">
                  <caption className="visually-hidden">Nhiệm vụ của đơn vị</caption>
                  <thead>
                    <tr>
                      <th scope="col">Nhiệm vụ</th>
                      <th scope="col">Kế hoạch</th>
                      <th scope="col">Vai trò</th>
                      <th scope="col">Hạn</th>
                      <th scope="col">Tình trạng</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((t) => (
                      <tr key={`${t.taskId}:${t.unitId}:${t.role}`}>
                        <th scope="row" data-label="Nhiệm vụ" className="cell-title">
                          {t.ref ? <span className="task-ref">{t.ref}. </span> : null}
                          {t.title}
                        </th>
                        <td data-label="Kế hoạch" className="cell-plan">
                          <Link to={planPath(t.planId)} title={t.planTitle}>
                            {t.planNumber ? <span className="nowrap">{t.planNumber}</span> : t.planTitle}
                          </Link>
                        </td>
                        <td data-label="Vai trò">
                          {ROLE_IN_TASK[t.role]}
                          {multipleUnits ? (
                            <span className="cell-sub">
                              {user.memberships.find((m) => m.unitId === t.unitId)?.unitName ?? ""}
                            </span>
                          ) : null}
                        </td>
                        <td data-label="Hạn" className="nowrap">
                          {t.dueDate ? formatDate(t.dueDate) : "Thường xuyên / không ghi hạn"}
                        </td>
                        <td data-label="Tình trạng">
                          <StatusChip status={t.status} label={t.statusLabel} dueSoon={t.dueSoon} />
                          {t.percent !== null ? (
                            <span className="cell-sub">Đã thực hiện {formatNumber(t.percent)}%</span>
                          ) : null}
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
                noun="nhiệm vụ"
                onChange={(o) => {
                  const next = new URLSearchParams(params);
                  if (o) next.set("tu", String(o));
                  else next.delete("tu");
                  setParams(next);
                }}
              />
            </>
          ) : null}
        </>
      )}
    </Page>
  );
}
