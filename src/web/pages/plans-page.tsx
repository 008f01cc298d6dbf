import { useEffect, useId, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type { PlanListItemDto } from "../../server/api-types.js";
import { listPlans, planNumberLabel, plansExportUrl } from "../api/plans.js";
import { EmptyState } from "../components/empty-state.js";
import { Page } from "../components/page.js";
import { Pager } from "../components/pager.js";
import { formatDate, formatNumber, formatPercent } from "../format.js";
import { userRoles } from "../roles.js";
import { useCurrentSession } from "../session.js";
import { useLoad } from "../use-load.js";

const PAGE_SIZE = 50;
const STATUS_CHOICES = [
  { value: "", label: "Đang thực hiện và đã kết thúc" },
  { value: "published", label: "Đang thực hiện" },
  { value: "closed", label: "Đã kết thúc" },
] as const;

export function planPath(id: string): string {
  return `/ke-hoach/${encodeURIComponent(id)}`;
}

export function Progress({ value, label }: { value: number | null; label: string }) {
  if (value === null) return <span className="muted">—</span>;
  return (
    <span className="progress">
      <progress max={100} value={value} aria-label={label} />
      <span>{formatPercent(value)}</span>
    </span>
  );
}

function Overdue({ count }: { count: number }) {
  if (count === 0) return <span className="muted">0</span>;
  return (
    <span className="overdue-count">
      <span aria-hidden="true">! </span>
      {formatNumber(count)} nhiệm vụ
    </span>
  );
}

function PlanRow({ plan }: { plan: PlanListItemDto }) {
  return (
    <tr>
      <th scope="row" data-label="Số" className="nowrap">
        <Link to={planPath(plan.id)}>{planNumberLabel(plan)}</Link>
      </th>
      <td data-label="Ngày ban hành" className="nowrap">
        {formatDate(plan.issuedAt)}
      </td>
      <td data-label="Trích yếu" className="cell-title">
        {plan.title}
        {plan.status === "closed" ? <span className="badge badge-muted">Đã kết thúc</span> : null}
      </td>
      <td data-label="Đơn vị ban hành">{plan.issuerName ?? "—"}</td>
      <td data-label="Kỳ báo cáo tới">
        {plan.nextPeriod ? (
          <>
            {plan.nextPeriod.label}
            <span className="cell-sub">Hạn nộp {formatDate(plan.nextPeriod.dueDate)}</span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td data-label="% hoàn thành">
        <Progress value={plan.percentDone} label={`Tỷ lệ hoàn thành kế hoạch ${planNumberLabel(plan)}`} />
      </td>
      <td data-label="Quá hạn">
        <Overdue count={plan.overdueCount} />
      </td>
    </tr>
  );
}

export function PlansPage() {
  const session = useCurrentSession();
  const roles = userRoles(session.user);
  const canImport = roles.has("coordinator") || roles.has("admin") || !!session.abilities?.importPlans;
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const yearParam = Number(params.get("nam"));
  const year = Number.isInteger(yearParam) && yearParam > 1900 ? yearParam : undefined;
  const statusParam = params.get("trang-thai");
  const status = statusParam === "published" || statusParam === "closed" ? statusParam : undefined;
  const offset = Math.max(0, Number(params.get("tu") ?? 0) || 0);
  const [text, setText] = useState(q);
  const ids = { q: useId(), year: useId(), status: useId() };
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);

  const load = useLoad(
    (signal) => listPlans({ q: q || undefined, year, status, limit: PAGE_SIZE, offset }, signal),
    [q, year, status, offset],
  );

  function update(key: string, value: string, replace = false) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("tu");
    setParams(next, { replace });
  }

  useEffect(() => setText(q), [q]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `update` reads the current params
  useEffect(() => {
    if (text.trim() === q.trim()) return;
    const t = setTimeout(() => update("q", text.trim(), q !== ""), 300);
    return () => clearTimeout(t);
  }, [text, q]);

  const page = load.data;
  const filtered = !!(q || year || status);
  return (
    <Page
      title="Kế hoạch"
      lead="Các kế hoạch đã ban hành: số, ngày ban hành, trích yếu, kỳ báo cáo tới, tỷ lệ hoàn thành và nhiệm vụ quá hạn."
      actions={
        <>
          <a
            className="button"
            href={plansExportUrl({ q: q || undefined, year, status })}
            download
            title="Tải danh sách kế hoạch theo bộ lọc hiện tại (tệp Excel)"
          >
            Xuất Excel
          </a>
          {canImport ? (
            <Link className="button button-primary" to="/ke-hoach/nhap">
              Nhập kế hoạch
            </Link>
          ) : null}
        </>
      }
    >
      <div className="filters filters-wide">
        <search className="field">
          <label htmlFor={ids.q}>Tìm kế hoạch</label>
          <input
            id={ids.q}
            type="search"
            value={text}
            placeholder="Số, trích yếu hoặc đơn vị ban hành (gõ không dấu cũng được)"
            onChange={(e) => setText(e.target.value)}
          />
        </search>
        <div className="field">
          <label htmlFor={ids.year}>Năm ban hành</label>
          <select id={ids.year} value={year ?? ""} onChange={(e) => update("nam", e.target.value)}>
            <option value="">Tất cả các năm</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>Trạng thái</label>
          <select id={ids.status} value={status ?? ""} onChange={(e) => update("trang-thai", e.target.value)}>
            {STATUS_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
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
        filtered ? (
          <EmptyState icon="search" title="Không có kế hoạch phù hợp">
            <p>Thử bỏ bớt bộ lọc hoặc tìm bằng số kế hoạch, ví dụ “121/KH-UBND”.</p>
          </EmptyState>
        ) : (
          <EmptyState title="Chưa có kế hoạch nào">
            {canImport ? (
              <p>
                Bắt đầu bằng việc nhập văn bản kế hoạch đã ban hành. Sau khi rà soát và xác nhận đơn vị chủ trì, phối
                hợp, hãy ban hành để các đơn vị báo cáo tiến độ.
              </p>
            ) : (
              <p>Khi chuyên viên thường trực ban hành kế hoạch, danh sách và tiến độ thực hiện sẽ hiện ở đây.</p>
            )}
          </EmptyState>
        )
      ) : null}

      {page && page.items.length > 0 ? (
        <>
          <div
            className={load.status === "loading" ? "table-wrap is-stale" : "table-wrap"}
            aria-busy={load.status === "loading"}
          >
            <table className="table responsive-table plans-table">
              <caption className="visually-hidden">Danh sách kế hoạch</caption>
              <thead>
                <tr>
                  <th scope="col">Số</th>
                  <th scope="col">Ngày ban hành</th>
                  <th scope="col">Trích yếu</th>
                  <th scope="col">Đơn vị ban hành</th>
                  <th scope="col">Kỳ báo cáo tới</th>
                  <th scope="col">% hoàn thành</th>
                  <th scope="col">Quá hạn</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((p) => (
                  <PlanRow key={p.id} plan={p} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            total={page.total}
            limit={PAGE_SIZE}
            offset={offset}
            noun="kế hoạch"
            onChange={(o) => {
              const next = new URLSearchParams(params);
              if (o) next.set("tu", String(o));
              else next.delete("tu");
              setParams(next);
            }}
          />
        </>
      ) : null}
    </Page>
  );
}
