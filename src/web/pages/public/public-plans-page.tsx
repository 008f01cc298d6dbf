import { Link } from "react-router-dom";
import type { PublicPlanSummaryDto, TaskStatusName } from "../../../server/api-types.js";
import { planNumberLabel } from "../../api/plans.js";
import { EmptyState } from "../../components/empty-state.js";
import { Page } from "../../components/page.js";
import { StatusChip } from "../../components/status-chip.js";
import { formatDate, formatNumber } from "../../format.js";
import { useLoad } from "../../use-load.js";
import { Progress } from "../plans-page.js";
import { listPublicPlans, publicPlanPath } from "./public-api.js";

/** Order of the statuses in counts: what needs attention first, as on the plan page. */
export const PUBLIC_STATUS_ORDER: TaskStatusName[] = [
  "qua_han_chua_hoan_thanh",
  "dang_thuc_hien",
  "chua_thuc_hien",
  "thuong_xuyen",
  "hoan_thanh_dung_han",
  "hoan_thanh_qua_han",
  "tam_dung",
];

/** The non-zero counts, in display order. */
export function orderedCounts(counts: PublicPlanSummaryDto["counts"]) {
  return PUBLIC_STATUS_ORDER.map((s) => counts.find((c) => c.status === s)).filter(
    (c): c is PublicPlanSummaryDto["counts"][number] => !!c && c.count > 0,
  );
}

export function periodText(plan: Pick<PublicPlanSummaryDto, "periodStart" | "periodEnd">): string {
  if (!plan.periodStart && !plan.periodEnd) return "—";
  return `${formatDate(plan.periodStart)} – ${formatDate(plan.periodEnd)}`;
}

function PublicPlanRow({ plan }: { plan: PublicPlanSummaryDto }) {
  const counts = orderedCounts(plan.counts);
  return (
    <tr>
      <th scope="row" data-label="Số" className="nowrap">
        <Link to={publicPlanPath(plan.id)}>{planNumberLabel(plan)}</Link>
      </th>
      <td data-label="Ngày ban hành" className="nowrap">
        {formatDate(plan.issuedAt)}
      </td>
      <td data-label="Trích yếu" className="cell-title">
        {plan.title}
        {plan.status === "closed" ? <span className="badge badge-muted">Đã kết thúc</span> : null}
      </td>
      <td data-label="Đơn vị ban hành">{plan.issuerName ?? "—"}</td>
      <td data-label="Thời gian thực hiện">{periodText(plan)}</td>
      <td data-label="Nhiệm vụ">
        {formatNumber(plan.taskCount)} nhiệm vụ
        {counts.length ? (
          <ul className="public-list-counts" aria-label="Số nhiệm vụ theo tình trạng">
            {counts.map((c) => (
              <li key={c.status} className="status-count">
                <StatusChip status={c.status} label={c.label} />
                <strong>{formatNumber(c.count)}</strong>
              </li>
            ))}
          </ul>
        ) : null}
      </td>
      <td data-label="% hoàn thành">
        <Progress value={plan.percentDone} label={`Tỷ lệ hoàn thành kế hoạch ${planNumberLabel(plan)}`} />
      </td>
    </tr>
  );
}

/** /cong-khai: the plans whose progress is public. */
export function PublicPlansPage() {
  const load = useLoad((signal) => listPublicPlans(signal), []);
  const plans = load.data;
  return (
    <Page
      title="Tiến độ công khai"
      lead="Các kế hoạch khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số được cơ quan ban hành công khai tiến độ thực hiện."
    >
      {load.status === "error" ? (
        <div className="alert alert-error" role="alert">
          <p>{load.message}</p>
          <button type="button" className="button" onClick={load.reload}>
            Thử lại
          </button>
        </div>
      ) : null}
      {!plans && load.status === "loading" ? (
        <div className="splash-inline" role="status">
          <span className="spinner" aria-hidden="true" /> Đang tải…
        </div>
      ) : null}
      {plans && plans.length === 0 ? (
        <EmptyState title="Chưa có kế hoạch nào được công khai">
          <p>Khi cơ quan ban hành công khai tiến độ một kế hoạch, kế hoạch sẽ hiện ở đây.</p>
        </EmptyState>
      ) : null}
      {plans && plans.length > 0 ? (
        <div className="table-wrap">
          <table className="table responsive-table plans-table public-plans-table">
            <caption className="visually-hidden">Kế hoạch công khai tiến độ</caption>
            <thead>
              <tr>
                <th scope="col">Số</th>
                <th scope="col">Ngày ban hành</th>
                <th scope="col">Trích yếu</th>
                <th scope="col">Đơn vị ban hành</th>
                <th scope="col">Thời gian thực hiện</th>
                <th scope="col">Nhiệm vụ</th>
                <th scope="col">% hoàn thành</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <PublicPlanRow key={p.id} plan={p} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
