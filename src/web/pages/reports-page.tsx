/**
 * Báo cáo: what waits for the signed-in user, from GET /me/reports — the unit's reports to send (returned ones first,
 * then overdue and due soon), those waiting for the leader's approval, those waiting for the coordinator's acceptance.
 * The same rows feed the home page panels. Someone with nothing to do here (a viewer, a leader whose units have
 * nothing pending) sees instead, read-only, the reports of the units within their reach (GET /me/reports/units).
 */
import { Link } from "react-router-dom";
import type { MyReportDto, MyReportQueueName, UnitReportStatusDto } from "../../server/api-types.js";
import { api } from "../api/client.js";
import { planNumberLabel } from "../api/plans.js";
import { myReports, reportPath } from "../api/reports.js";
import { EmptyState } from "../components/empty-state.js";
import { Page } from "../components/page.js";
import { formatDate, formatNumber } from "../format.js";
import { useCurrentSession } from "../session.js";
import { type LoadState, useLoad } from "../use-load.js";
import { planPath } from "./plans-page.js";

/** Returned first (someone asked for a fix), then by due date. */
export function sortForAction(rows: MyReportDto[]): MyReportDto[] {
  return [...rows].sort(
    (a, b) =>
      Number(b.status === "returned") - Number(a.status === "returned") ||
      a.period.dueDate.localeCompare(b.period.dueDate) ||
      a.unitName.localeCompare(b.unitName, "vi"),
  );
}

/** Report status as a chip: colour, glyph and label. */
export function ReportStateChip({ row }: { row: Pick<MyReportDto, "status" | "statusLabel" | "daysLeft"> }) {
  const submitted = row.status === "submitted" || row.status === "approved";
  const look =
    row.status === "returned"
      ? { cls: "chip-overdue", glyph: "↩" }
      : row.status === "accepted"
        ? { cls: "chip-done-on-time", glyph: "✓" }
        : submitted
          ? { cls: "chip-in-progress", glyph: "▶" }
          : row.daysLeft < 0
            ? { cls: "chip-overdue", glyph: "!" }
            : row.daysLeft <= 7
              ? { cls: "chip-due-soon", glyph: "⏱" }
              : { cls: "chip-not-started", glyph: "○" };
  const label = row.status === "draft" && row.daysLeft < 0 ? "Quá hạn, chưa nộp" : row.statusLabel;
  return (
    <span className={`chip ${look.cls}`}>
      <span className="chip-glyph" aria-hidden="true">
        {look.glyph}
      </span>
      {label}
    </span>
  );
}

/** "Còn 5 ngày", "Quá hạn 12 ngày", "Hạn hôm nay". */
export function dueText(row: Pick<MyReportDto, "daysLeft">): string {
  if (row.daysLeft === 0) return "Hạn nộp hôm nay";
  if (row.daysLeft > 0) return `Còn ${formatNumber(row.daysLeft)} ngày`;
  return `Quá hạn ${formatNumber(-row.daysLeft)} ngày`;
}

const ACTION_LABEL: Record<MyReportQueueName, string> = {
  report: "Mở báo cáo",
  approve: "Xem và duyệt",
  accept: "Xem và tiếp nhận",
};

function ReportTable({ rows, caption }: { rows: MyReportDto[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table responsive-table my-reports-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Kỳ báo cáo</th>
            <th scope="col">Kế hoạch</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Hạn nộp</th>
            <th scope="col">Tình trạng</th>
            <th scope="col">
              <span className="visually-hidden">Thao tác</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.queue}:${r.planId}:${r.unitId}:${r.period.id}`}>
              <th scope="row" data-label="Kỳ báo cáo">
                {r.period.label}
                <span className="cell-sub">
                  {formatDate(r.period.startDate)} – {formatDate(r.period.endDate)}
                </span>
              </th>
              <td data-label="Kế hoạch">
                <Link to={planPath(r.planId)}>{planNumberLabel({ number: r.planNumber })}</Link>
                <span className="cell-sub">{r.planTitle}</span>
              </td>
              <td data-label="Đơn vị">{r.unitName}</td>
              <td data-label="Hạn nộp">
                <span className="nowrap">{formatDate(r.period.dueDate)}</span>
                {r.queue === "report" ? (
                  <span className={`cell-sub${r.daysLeft < 0 ? " overdue-count" : ""}`}>{dueText(r)}</span>
                ) : r.submittedAt ? (
                  <span className="cell-sub">Nộp ngày {formatDate(r.submittedAt)}</span>
                ) : null}
              </td>
              <td data-label="Tình trạng">
                <ReportStateChip row={r} />
                {r.reviewComment ? <span className="cell-sub review-comment">Ý kiến: {r.reviewComment}</span> : null}
                {r.period.locked ? <span className="cell-sub">Kỳ báo cáo đã khóa</span> : null}
              </td>
              <td className="actions-cell">
                <Link className="button" to={reportPath({ planId: r.planId, periodId: r.period.id, unitId: r.unitId })}>
                  {ACTION_LABEL[r.queue]}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The due-date window of the read-only list: periods due from REACH_PAST_DAYS ago to REACH_AHEAD_DAYS ahead. */
export const REACH_PAST_DAYS = 90;
export const REACH_AHEAD_DAYS = 30;

function unitReportsInReach(signal: AbortSignal) {
  return api.get<UnitReportStatusDto[]>("/me/reports/units", {
    query: { pastDays: REACH_PAST_DAYS, days: REACH_AHEAD_DAYS },
    signal,
  });
}

const isSent = (r: Pick<UnitReportStatusDto, "status">) =>
  r.status === "submitted" || r.status === "approved" || r.status === "accepted";

/** "12 báo cáo: 7 đã nộp, 5 chưa nộp (3 quá hạn)". */
export function reachSummary(rows: Pick<UnitReportStatusDto, "status" | "daysLeft">[]): string {
  const sent = rows.filter(isSent).length;
  const overdue = rows.filter((r) => !isSent(r) && r.daysLeft < 0).length;
  const pending = rows.length - sent;
  return (
    `${formatNumber(rows.length)} báo cáo: ${formatNumber(sent)} đã nộp, ${formatNumber(pending)} chưa nộp` +
    (overdue > 0 ? ` (${formatNumber(overdue)} quá hạn)` : "")
  );
}

/** Read-only: each unit's report for each period, with its status and due date; a started report can be opened. */
function ReachTable({ rows }: { rows: UnitReportStatusDto[] }) {
  return (
    <div className="table-wrap">
      <table className="table responsive-table my-reports-table">
        <caption className="visually-hidden">Báo cáo của các đơn vị trong phạm vi theo dõi</caption>
        <thead>
          <tr>
            <th scope="col">Kỳ báo cáo</th>
            <th scope="col">Kế hoạch</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Hạn nộp</th>
            <th scope="col">Tình trạng</th>
            <th scope="col">
              <span className="visually-hidden">Thao tác</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.planId}:${r.unitId}:${r.period.id}`}>
              <th scope="row" data-label="Kỳ báo cáo">
                {r.period.label}
                <span className="cell-sub">
                  {formatDate(r.period.startDate)} – {formatDate(r.period.endDate)}
                </span>
              </th>
              <td data-label="Kế hoạch">
                <Link to={planPath(r.planId)}>{planNumberLabel({ number: r.planNumber })}</Link>
                <span className="cell-sub">{r.planTitle}</span>
              </td>
              <td data-label="Đơn vị">{r.unitName}</td>
              <td data-label="Hạn nộp">
                <span className="nowrap">{formatDate(r.period.dueDate)}</span>
                {isSent(r) ? (
                  r.submittedAt ? (
                    <span className="cell-sub">Nộp ngày {formatDate(r.submittedAt)}</span>
                  ) : null
                ) : (
                  <span className={`cell-sub${r.daysLeft < 0 ? " overdue-count" : ""}`}>{dueText(r)}</span>
                )}
              </td>
              <td data-label="Tình trạng">
                <ReportStateChip row={r} />
                {r.period.locked ? <span className="cell-sub">Kỳ báo cáo đã khóa</span> : null}
              </td>
              <td className="actions-cell">
                {r.reportId ? (
                  <Link
                    className="button"
                    to={reportPath({ planId: r.planId, periodId: r.period.id, unitId: r.unitId })}
                  >
                    Xem báo cáo
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReachSection({ load }: { load: LoadState<UnitReportStatusDto[] | null> & { reload(): void } }) {
  const rows = load.data ?? [];
  return (
    <section className="overview-block" aria-labelledby="queue-reach">
      <h2 id="queue-reach">Báo cáo của các đơn vị theo dõi{load.data ? ` (${formatNumber(rows.length)})` : ""}</h2>
      <p className="muted">
        Chỉ để xem: các kỳ báo cáo có hạn nộp trong {formatNumber(REACH_PAST_DAYS)} ngày qua và{" "}
        {formatNumber(REACH_AHEAD_DAYS)} ngày tới của đơn vị anh/chị, các đơn vị trực thuộc và các đơn vị thực hiện kế
        hoạch do đơn vị anh/chị ban hành.
      </p>
      {load.status === "error" ? (
        <div className="alert alert-error" role="alert">
          <p>{load.message}</p>
          <button type="button" className="button" onClick={load.reload}>
            Thử lại
          </button>
        </div>
      ) : null}
      {load.status === "loading" && !load.data ? <p className="muted">Đang tải…</p> : null}
      {load.data && rows.length === 0 ? (
        <EmptyState title="Chưa có báo cáo nào để theo dõi" action={<Link to="/ke-hoach">Xem danh sách kế hoạch</Link>}>
          <p>
            Các đơn vị trong phạm vi của anh/chị không có kỳ báo cáo nào đến hạn trong {formatNumber(REACH_PAST_DAYS)}{" "}
            ngày qua hoặc {formatNumber(REACH_AHEAD_DAYS)} ngày tới. Tiến độ và tình hình báo cáo của từng kế hoạch xem
            tại mục Kế hoạch (thẻ “Kỳ báo cáo”).
          </p>
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <>
          <p>{reachSummary(rows)}</p>
          <ReachTable rows={rows} />
        </>
      ) : null}
    </section>
  );
}

const SECTIONS: { queue: MyReportQueueName; title: string; empty: string }[] = [
  {
    queue: "report",
    title: "Báo cáo đơn vị cần nộp",
    empty: "Đơn vị không có báo cáo nào đến hạn trong 30 ngày tới, quá hạn hay bị trả lại.",
  },
  { queue: "approve", title: "Báo cáo chờ lãnh đạo phê duyệt", empty: "Không có báo cáo nào chờ phê duyệt." },
  {
    queue: "accept",
    title: "Báo cáo chờ tiếp nhận",
    empty: "Không có báo cáo nào của các đơn vị đang chờ cơ quan chủ trì tiếp nhận.",
  },
];

export function ReportsPage() {
  const { user } = useCurrentSession();
  const load = useLoad((signal) => myReports({}, signal), [user.id]);
  const roles = new Set(user.memberships.map((m) => m.role));
  const shows: Record<MyReportQueueName, boolean> = {
    report: roles.has("reporter") || roles.has("leader") || roles.has("admin"),
    approve: roles.has("leader"),
    accept: roles.has("coordinator") || roles.has("admin"),
  };
  const rows = load.data ?? [];
  const acts = shows.report || shows.approve || shows.accept;
  // Nothing to do here (a viewer, or nothing pending): show what the units within reach have reported instead.
  const follows = user.memberships.length > 0 && (!acts || (load.status === "done" && rows.length === 0));
  const reach = useLoad((signal) => (follows ? unitReportsInReach(signal) : Promise.resolve(null)), [user.id, follows]);

  return (
    <Page
      title="Báo cáo"
      lead={
        acts || user.memberships.length === 0
          ? "Báo cáo tiến độ đang chờ anh/chị: đơn vị cần nộp (bị trả lại, quá hạn, sắp đến hạn), chờ phê duyệt, chờ tiếp nhận."
          : "Tình hình báo cáo tiến độ của các đơn vị anh/chị theo dõi: đã nộp, chưa nộp, quá hạn."
      }
    >
      {user.memberships.length === 0 ? (
        <EmptyState icon="lock" title="Tài khoản chưa thuộc đơn vị nào">
          <p>Liên hệ quản trị viên để được gán vào đơn vị; các kỳ báo cáo của đơn vị sẽ hiện ở đây.</p>
        </EmptyState>
      ) : null}
      {load.status === "error" ? (
        <div className="alert alert-error" role="alert">
          <p>{load.message}</p>
          <button type="button" className="button" onClick={load.reload}>
            Thử lại
          </button>
        </div>
      ) : null}
      {load.status === "loading" && !load.data ? <p className="muted">Đang tải…</p> : null}
      {load.data
        ? SECTIONS.filter((s) => shows[s.queue] || rows.some((r) => r.queue === s.queue)).map((s) => {
            const list = sortForAction(rows.filter((r) => r.queue === s.queue));
            return (
              <section key={s.queue} className="overview-block" aria-labelledby={`queue-${s.queue}`}>
                <h2 id={`queue-${s.queue}`}>
                  {s.title} ({formatNumber(list.length)})
                </h2>
                {list.length === 0 ? <p className="muted">{s.empty}</p> : <ReportTable rows={list} caption={s.title} />}
              </section>
            );
          })
        : null}
      {follows ? <ReachSection load={reach} /> : null}
    </Page>
  );
}
