/**
 * The reporting side of a plan page: periods with their reporting rates and, for a chosen period, each unit's
 * report (Đã nộp, Nộp muộn, Chưa nộp, Trả lại…); and the overview: charts (status distribution, reporting grid,
 * trend, progress by group) each with its numbers as a table, and the coordinator's actions on the plan.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type {
  BulkReviewActionName,
  BulkReviewResultDto,
  GridCellDto,
  PeriodWithRateDto,
  PlanDto,
  PlanOverviewDto,
  ReportCellStateName,
  ReportingRateDto,
} from "../../server/api-types.js";
import { ApiRequestError, errorMessage } from "../api/client.js";
import { getOverview } from "../api/plans.js";
import {
  bulkReviewReports,
  consolidatedUrl,
  createAdhocPeriod,
  listPeriods,
  reportPath,
  setPeriodLocked,
} from "../api/reports.js";
import { BarList } from "../components/charts/bar-list.js";
import { ChartData } from "../components/charts/data-table.js";
import { StatusBar } from "../components/charts/status-bar.js";
import { TrendChart } from "../components/charts/trend-chart.js";
import { DateInput } from "../components/date-input.js";
import { EmptyState } from "../components/empty-state.js";
import { formatDate, formatNumber, formatPercent } from "../format.js";
import { useLoad } from "../use-load.js";
import { unitPath } from "./units-page.js";

const CELL_CLASS: Record<ReportCellStateName, string> = {
  on_time: "chip-done-on-time",
  late: "chip-done-late",
  missing: "chip-overdue",
  open: "chip-not-started",
  returned: "chip-due-soon",
  not_expected: "chip-paused",
};

function rateText(rate: ReportingRateDto): string {
  return `${formatNumber(rate.actual)}/${formatNumber(rate.expected)}`;
}

function LoadError({ message, retry }: { message: string; retry(): void }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>{message}</p>
      <button type="button" className="button" onClick={retry}>
        Thử lại
      </button>
    </div>
  );
}

export function PeriodsTab({ plan }: { plan: PlanDto }) {
  const [params] = useSearchParams();
  const periods = useLoad((signal) => listPeriods(plan.id, signal), [plan.id]);
  const list = periods.data ?? [];
  const chosenId =
    params.get("ky") ??
    [...list].filter((p) => p.past).sort((a, b) => b.dueDate.localeCompare(a.dueDate))[0]?.id ??
    list[0]?.id ??
    null;
  const overview = useLoad(
    (signal) => (chosenId ? getOverview(plan.id, chosenId, signal) : Promise.resolve(null)),
    [plan.id, chosenId],
  );
  const chosen = list.find((p) => p.id === chosenId) ?? null;
  const cells = (overview.data?.grid.cells ?? []).filter((c) => c.periodId === chosenId);
  const unitNames = new Map((overview.data?.grid.units ?? []).map((u) => [u.id, u.name]));

  return (
    <section aria-labelledby="plan-periods">
      <h2 id="plan-periods">Kỳ báo cáo ({formatNumber(list.length)})</h2>
      {(plan.regimes ?? []).length > 0 ? (
        <ul className="regimes">
          {plan.regimes.map((r) => (
            <li key={r.id}>{r.text}</li>
          ))}
        </ul>
      ) : null}
      {periods.status === "error" ? <LoadError message={periods.message} retry={periods.reload} /> : null}
      {periods.data && list.length === 0 ? (
        <EmptyState title="Kế hoạch chưa có kỳ báo cáo">
          <p>Kỳ báo cáo được tạo từ chế độ báo cáo ghi trong kế hoạch, hoặc do chuyên viên thường trực thêm.</p>
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="table responsive-table">
            <caption className="visually-hidden">Kỳ báo cáo và tỷ lệ báo cáo</caption>
            <thead>
              <tr>
                <th scope="col">Kỳ báo cáo</th>
                <th scope="col">Thời gian chốt số liệu</th>
                <th scope="col">Hạn nộp</th>
                <th scope="col">Đã nộp</th>
                <th scope="col">Nộp muộn</th>
                <th scope="col">Chưa nộp</th>
                <th scope="col">Tỷ lệ báo cáo</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.id} className={p.id === chosenId ? "row-current" : undefined}>
                  <th scope="row" data-label="Kỳ báo cáo">
                    <Link
                      to={`?muc=ky-bao-cao&ky=${encodeURIComponent(p.id)}`}
                      aria-current={p.id === chosenId ? "true" : undefined}
                    >
                      {p.label}
                    </Link>
                    {p.locked ? (
                      <span className="cell-sub">{p.lockReason ? `Đã khóa: ${p.lockReason}` : "Đã khóa"}</span>
                    ) : null}
                  </th>
                  <td data-label="Thời gian chốt số liệu">
                    {p.cutoffStart || p.cutoffEnd
                      ? `${formatDate(p.cutoffStart)} – ${formatDate(p.cutoffEnd)}`
                      : `${formatDate(p.startDate)} – ${formatDate(p.endDate)}`}
                  </td>
                  <td data-label="Hạn nộp" className="nowrap">
                    {formatDate(p.dueDate)}
                  </td>
                  <td data-label="Đã nộp">{rateText(p.rate)}</td>
                  <td data-label="Nộp muộn">{formatNumber(p.rate.late)}</td>
                  <td data-label="Chưa nộp" className={p.rate.missing > 0 ? "overdue-count" : undefined}>
                    {formatNumber(p.rate.missing)}
                  </td>
                  <td data-label="Tỷ lệ báo cáo">
                    {p.rate.rate === null ? (
                      <span className="muted">{p.past ? "—" : "Chưa đến hạn"}</span>
                    ) : (
                      formatPercent(p.rate.rate)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {chosen ? (
        <PeriodReports
          key={chosen.id}
          plan={plan}
          period={chosen}
          cells={cells}
          unitNames={unitNames}
          overviewError={overview.status === "error" ? overview.message : null}
          loaded={overview.data !== null}
          reloadOverview={overview.reload}
          onChanged={() => {
            overview.reload();
            periods.reload();
          }}
        />
      ) : null}
    </section>
  );
}

/** A report the coordinator can accept or return now: submitted, or approved by the unit's leader. */
export function awaitsReview(cell: Pick<GridCellDto, "reportStatus">): boolean {
  return cell.reportStatus === "submitted" || cell.reportStatus === "approved";
}

/**
 * The sentence after a bulk review, e.g. "Đã tiếp nhận 5 báo cáo; 1 báo cáo không tiếp nhận được: Phường 3 — Báo
 * cáo chưa được nộp." Each refused report is named with the server's reason.
 */
export function bulkReviewSummary(result: BulkReviewResultDto, nameOf: (unitId: string) => string): string {
  const verb = result.action === "accept" ? "tiếp nhận" : "trả lại";
  const failed = result.items.filter((i) => !i.ok);
  const reasons = failed
    .map((i) => `${i.unitName ?? nameOf(i.unitId)} — ${(i.error?.message ?? "").replace(/\.$/, "")}`)
    .join("; ");
  const okCount = result.items.length - failed.length;
  if (!failed.length) return `Đã ${verb} ${formatNumber(okCount)} báo cáo.`;
  if (!okCount) return `Không ${verb} được báo cáo nào: ${reasons}.`;
  return `Đã ${verb} ${formatNumber(okCount)} báo cáo; ${formatNumber(failed.length)} báo cáo không ${verb} được: ${reasons}.`;
}

type BulkAction = BulkReviewActionName;

/**
 * Each unit's report for the chosen period and, for the plan's coordinator, the bulk review: tick the reports waiting
 * for review (or all of them), accept or return them (returning asks for a comment), confirm, read what happened to
 * each, and the list refreshes.
 */
function PeriodReports({
  plan,
  period,
  cells,
  unitNames,
  overviewError,
  loaded,
  reloadOverview,
  onChanged,
}: {
  plan: PlanDto;
  period: PeriodWithRateDto;
  cells: GridCellDto[];
  unitNames: Map<string, string>;
  overviewError: string | null;
  loaded: boolean;
  reloadOverview(): void;
  onChanged(): void;
}) {
  const ids = { all: useId(), comment: useId(), commentError: useId(), count: useId() };
  const canReview = plan.abilities?.manage === true && !period.locked;
  const waiting = cells.filter(awaitsReview).map((c) => c.unitId);
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  // Only reports still waiting count: after a refresh, handled ones drop out of the selection by themselves.
  const selected = waiting.filter((id) => picked.has(id));
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ tone: string; text: string } | null>(null);
  const allRef = useRef<HTMLInputElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const acceptButton = useRef<HTMLButtonElement>(null);
  const returnButton = useRef<HTMLButtonElement>(null);
  const nameOf = (unitId: string) => unitNames.get(unitId) ?? unitId;

  const allChecked = waiting.length > 0 && selected.length === waiting.length;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = selected.length > 0 && !allChecked;
  });
  // Focus follows the step: into the confirmation, and back to the button that opened it when cancelled.
  const cancelled = useRef<BulkAction | null>(null);
  useEffect(() => {
    if (confirming === "return") commentRef.current?.focus();
    else if (confirming === "accept") confirmRef.current?.focus();
    else if (cancelled.current) {
      (cancelled.current === "accept" ? acceptButton : returnButton).current?.focus();
      cancelled.current = null;
    }
  }, [confirming]);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  function toggle(unitId: string, on: boolean) {
    setPicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(unitId);
      else next.delete(unitId);
      return next;
    });
  }

  function start(action: BulkAction) {
    setError(null);
    setOutcome(null);
    if (!selected.length) {
      setError("Chưa chọn báo cáo nào. Đánh dấu các báo cáo cần xử lý trong danh sách.");
      return;
    }
    setCommentError(null);
    setConfirming(action);
  }

  function cancel() {
    cancelled.current = confirming;
    setConfirming(null);
    setCommentError(null);
  }

  async function run() {
    if (!confirming || busy) return;
    if (confirming === "return" && !comment.trim()) {
      setCommentError("Vui lòng ghi ý kiến để đơn vị biết cần sửa gì.");
      commentRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await bulkReviewReports(plan.id, period.id, confirming, {
        unitIds: selected,
        ...(confirming === "return" ? { comment: comment.trim() } : {}),
      });
      const tone =
        result.failedCount === 0 ? "alert alert-success" : result.okCount === 0 ? "alert alert-error" : "notice";
      setOutcome({ tone, text: bulkReviewSummary(result, nameOf) });
      setPicked(new Set());
      setConfirming(null);
      setComment("");
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const count = formatNumber(selected.length);

  return (
    <section className="period-units" aria-labelledby="period-units">
      <h3 id="period-units">Báo cáo của các đơn vị — {period.label}</h3>
      {overviewError ? <LoadError message={overviewError} retry={reloadOverview} /> : null}
      {loaded && cells.length === 0 ? <p className="muted">Kỳ này không có đơn vị nào phải báo cáo.</p> : null}
      {plan.abilities?.manage && period.locked && waiting.length > 0 ? (
        <p className="notice">
          {period.label} đã khóa: không tiếp nhận hoặc trả lại được báo cáo. Mở khóa kỳ ở mục Tổng quan để tiếp tục.
        </p>
      ) : null}
      {outcome ? (
        <div className={outcome.tone} role="status" tabIndex={-1} ref={outcomeRef}>
          <p>{outcome.text}</p>
        </div>
      ) : null}
      {canReview && waiting.length > 0 ? (
        <fieldset className="fieldset coordinator-actions bulk-review" disabled={busy}>
          <legend>Tiếp nhận hoặc trả lại nhiều báo cáo</legend>
          <label className="checkbox" htmlFor={ids.all}>
            <input
              id={ids.all}
              ref={allRef}
              type="checkbox"
              checked={allChecked}
              onChange={(e) => {
                setPicked(e.target.checked ? new Set(waiting) : new Set());
                setError(null);
              }}
            />
            <span>Chọn tất cả báo cáo chờ tiếp nhận ({formatNumber(waiting.length)})</span>
          </label>
          <p id={ids.count} className="muted" aria-live="polite">
            Đã chọn {count} báo cáo.
          </p>
          {confirming ? (
            <fieldset
              className="fieldset bulk-confirm"
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  e.preventDefault();
                  cancel();
                }
              }}
            >
              <legend>
                <strong>
                  {confirming === "accept"
                    ? `Tiếp nhận ${count} báo cáo đã chọn? Số liệu của các báo cáo này sẽ được tính vào tình hình thực hiện nhiệm vụ.`
                    : `Trả lại ${count} báo cáo đã chọn? Các đơn vị sẽ sửa và nộp lại báo cáo.`}
                </strong>
              </legend>
              {confirming === "return" ? (
                <div className="field">
                  <label htmlFor={ids.comment}>Ý kiến trả lại (bắt buộc, gửi cho từng đơn vị)</label>
                  <textarea
                    id={ids.comment}
                    ref={commentRef}
                    rows={3}
                    value={comment}
                    required
                    aria-invalid={commentError ? true : undefined}
                    aria-describedby={commentError ? ids.commentError : undefined}
                    onChange={(e) => {
                      setComment(e.target.value);
                      if (commentError && e.target.value.trim()) setCommentError(null);
                    }}
                  />
                  {commentError ? (
                    <p className="field-error" id={ids.commentError} role="alert">
                      {commentError}
                    </p>
                  ) : null}
                </div>
              ) : null}
              <div className="form-actions">
                <button
                  type="button"
                  ref={confirmRef}
                  className={confirming === "accept" ? "button button-primary" : "button button-danger"}
                  onClick={() => void run()}
                >
                  {busy
                    ? confirming === "accept"
                      ? "Đang tiếp nhận…"
                      : "Đang trả lại…"
                    : confirming === "accept"
                      ? "Đồng ý tiếp nhận"
                      : "Đồng ý trả lại"}
                </button>
                <button type="button" className="button" onClick={cancel}>
                  Hủy
                </button>
              </div>
            </fieldset>
          ) : (
            <div className="form-actions">
              <button
                type="button"
                ref={acceptButton}
                className="button button-primary"
                aria-describedby={ids.count}
                onClick={() => start("accept")}
              >
                Tiếp nhận các báo cáo đã chọn
              </button>
              <button
                type="button"
                ref={returnButton}
                className="button"
                aria-describedby={ids.count}
                onClick={() => start("return")}
              >
                Trả lại các báo cáo đã chọn
              </button>
            </div>
          )}
          {error ? (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      {cells.length > 0 ? (
        <div className="table-wrap">
          <table className="table responsive-table">
            <caption className="visually-hidden">Tình hình nộp báo cáo {period.label}</caption>
            <thead>
              <tr>
                {canReview && waiting.length > 0 ? <th scope="col">Chọn</th> : null}
                <th scope="col">Đơn vị</th>
                <th scope="col">Tình hình nộp</th>
                <th scope="col">Ngày nộp</th>
                <th scope="col">
                  <span className="visually-hidden">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cells.map((c) => (
                <tr key={c.unitId}>
                  {canReview && waiting.length > 0 ? (
                    <td data-label={awaitsReview(c) ? "Chọn" : ""} className="select-cell">
                      {awaitsReview(c) ? (
                        <label className="checkbox">
                          <input
                            type="checkbox"
                            checked={picked.has(c.unitId)}
                            disabled={busy}
                            onChange={(e) => {
                              toggle(c.unitId, e.target.checked);
                              setError(null);
                            }}
                          />
                          <span className="visually-hidden">Chọn báo cáo của {nameOf(c.unitId)}</span>
                        </label>
                      ) : null}
                    </td>
                  ) : null}
                  <th scope="row" data-label="Đơn vị">
                    <Link to={unitPath(c.unitId)}>{nameOf(c.unitId)}</Link>
                  </th>
                  <td data-label="Tình hình nộp">
                    <span className={`chip ${CELL_CLASS[c.state] ?? "chip-not-started"}`}>{c.label}</span>
                    {c.reportStatus === "approved" ? <span className="cell-sub">Lãnh đạo đơn vị đã duyệt</span> : null}
                    {c.reportStatus === "accepted" ? <span className="cell-sub">Đã tiếp nhận</span> : null}
                  </td>
                  <td data-label="Ngày nộp">{c.submittedOn ? formatDate(c.submittedOn) : "—"}</td>
                  <td className="actions-cell">
                    {c.state !== "not_expected" ? (
                      <Link
                        className="button"
                        to={reportPath({ planId: plan.id, periodId: c.periodId, unitId: c.unitId })}
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
      ) : null}
    </section>
  );
}

const CELL_GLYPH: Record<ReportCellStateName, string> = {
  on_time: "✓",
  late: "✓",
  missing: "!",
  open: "○",
  returned: "↩",
  not_expected: "–",
};

/** The bar chart shows the units that report least; the table below it lists them all. */
const LOWEST_SHOWN = 10;

const RATE_FILL = (rate: number | null) =>
  rate === null ? "fill-not-started" : rate >= 90 ? "fill-done-on-time" : rate >= 60 ? "fill-due-soon" : "fill-overdue";

/** The latest period already due, else the first one: what a coordinator consolidates by default. */
function defaultPeriodId(list: PeriodWithRateDto[]): string | null {
  return (
    [...list].filter((p) => p.past).sort((a, b) => b.dueDate.localeCompare(a.dueDate))[0]?.id ?? list[0]?.id ?? null
  );
}

/**
 * What the plan's coordinator does from here: download the consolidated report of a period (DOCX, XLSX appendix),
 * lock or unlock that period, and request an ad-hoc report.
 */
function CoordinatorActions({ plan, onChanged }: { plan: PlanDto; onChanged(): void }) {
  const [params, setParams] = useSearchParams();
  const periods = useLoad((signal) => listPeriods(plan.id, signal), [plan.id]);
  const list = periods.data ?? [];
  const chosenId =
    params.get("ky") && list.some((p) => p.id === params.get("ky")) ? params.get("ky") : defaultPeriodId(list);
  const chosen = list.find((p) => p.id === chosenId) ?? null;
  const selectId = useId();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  async function toggleLock() {
    if (!chosen) return;
    setBusy(true);
    setMessage(null);
    try {
      await setPeriodLocked(plan.id, chosen.id, !chosen.locked);
      setMessage({
        kind: "ok",
        text: chosen.locked
          ? `Đã mở khóa ${chosen.label}: đơn vị lại sửa và nộp được báo cáo.`
          : `Đã khóa ${chosen.label}: đơn vị không sửa, nộp được báo cáo kỳ này nữa.`,
      });
      periods.reload();
      onChanged();
    } catch (err) {
      setMessage({ kind: "error", text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card coordinator-actions" aria-labelledby="ov-actions">
      <h3 id="ov-actions">Báo cáo tổng hợp và kỳ báo cáo</h3>
      {periods.status === "error" ? <LoadError message={periods.message} retry={periods.reload} /> : null}
      {list.length === 0 && periods.data ? <p className="muted">Kế hoạch chưa có kỳ báo cáo.</p> : null}
      {chosen ? (
        <>
          <div className="field inline-field">
            <label htmlFor={selectId}>Kỳ báo cáo tổng hợp</label>
            <select
              id={selectId}
              value={chosen.id}
              onChange={(e) => {
                const next = new URLSearchParams(params);
                next.set("ky", e.target.value);
                setParams(next, { replace: true });
                setMessage(null);
              }}
            >
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label} (hạn nộp {formatDate(p.dueDate)}){p.locked ? " — đã khóa" : ""}
                </option>
              ))}
            </select>
          </div>
          <p className="muted">
            Đã nộp {rateText(chosen.rate)} đơn vị
            {chosen.rate.rate === null ? "" : ` (${formatPercent(chosen.rate.rate)})`}; báo cáo tổng hợp lấy số liệu từ
            các báo cáo đã tiếp nhận.
          </p>
          <div className="form-actions">
            <a className="button button-primary" href={consolidatedUrl(plan.id, chosen.id, "docx")} download>
              Tải báo cáo tổng hợp (DOCX)
            </a>
            <a className="button" href={consolidatedUrl(plan.id, chosen.id, "xlsx")} download>
              Tải phụ lục (XLSX)
            </a>
            {chosen.abilities.lock || chosen.abilities.unlock ? (
              <button type="button" className="button" disabled={busy} onClick={() => void toggleLock()}>
                {chosen.locked ? `Mở khóa ${chosen.label}` : `Khóa ${chosen.label}`}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
      {message ? (
        <p className={message.kind === "ok" ? "alert alert-success" : "alert alert-error"} role="status">
          {message.text}
        </p>
      ) : null}
      <AdhocRequest
        plan={plan}
        onCreated={(label) => {
          setMessage({
            kind: "ok",
            text: `Đã yêu cầu báo cáo đột xuất “${label}”; các đơn vị thấy kỳ này trên trang Báo cáo.`,
          });
          periods.reload();
          onChanged();
        }}
      />
    </section>
  );
}

function AdhocRequest({ plan, onCreated }: { plan: PlanDto; onCreated(label: string): void }) {
  const base = useId();
  const [label, setLabel] = useState("");
  const [due, setDue] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!label.trim()) missing.label = "Nhập tên kỳ báo cáo, ví dụ “Báo cáo đột xuất tháng 7/2025”.";
    if (!due) missing.dueDate = "Nhập hạn nộp (dd/mm/yyyy).";
    setFields(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setError(null);
    try {
      await createAdhocPeriod(plan.id, {
        label: label.trim(),
        dueDate: due,
        startDate: start || null,
        endDate: end || null,
      });
      onCreated(label.trim());
      setLabel("");
      setDue("");
      setStart("");
      setEnd("");
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiRequestError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="adhoc-request">
      <summary>Yêu cầu báo cáo đột xuất</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${base}-label`}>Tên kỳ báo cáo</label>
          <input
            id={`${base}-label`}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            aria-invalid={fields.label ? true : undefined}
            aria-describedby={fields.label ? `${base}-label-error` : undefined}
          />
          {fields.label ? (
            <p className="field-error" id={`${base}-label-error`}>
              {fields.label}
            </p>
          ) : null}
        </div>
        <div className="adhoc-dates">
          <div className="field">
            <label htmlFor={`${base}-due`}>Hạn nộp</label>
            <DateInput id={`${base}-due`} value={due} onChange={setDue} />
            {fields.dueDate ? <p className="field-error">{fields.dueDate}</p> : null}
          </div>
          <div className="field">
            <label htmlFor={`${base}-start`}>Số liệu từ ngày (tùy chọn)</label>
            <DateInput id={`${base}-start`} value={start} onChange={setStart} />
          </div>
          <div className="field">
            <label htmlFor={`${base}-end`}>Đến ngày (tùy chọn)</label>
            <DateInput id={`${base}-end`} value={end} onChange={setEnd} />
          </div>
        </div>
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Đang gửi…" : "Gửi yêu cầu báo cáo"}
        </button>
      </form>
    </details>
  );
}

/** Units × periods: every cell a chip with its glyph and label, so the grid reads without colour. */
function RateGrid({ o }: { o: PlanOverviewDto }) {
  const cells = new Map(o.grid.cells.map((c) => [`${c.unitId}:${c.periodId}`, c]));
  return (
    <div className="table-wrap rate-grid-wrap">
      <table className="table compact-table rate-grid">
        <caption className="visually-hidden">Tình hình nộp báo cáo của từng đơn vị qua các kỳ</caption>
        <thead>
          <tr>
            <th scope="col">Đơn vị</th>
            {o.grid.periods.map((p) => (
              <th scope="col" key={p.id}>
                {p.label}
                <span className="cell-sub">
                  {p.rate.rate === null ? "—" : formatPercent(p.rate.rate)} ({rateText(p.rate)})
                </span>
              </th>
            ))}
            <th scope="col">Tỷ lệ</th>
          </tr>
        </thead>
        <tbody>
          {o.grid.units.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                <Link to={unitPath(u.id)}>{u.name}</Link>
              </th>
              {o.grid.periods.map((p) => {
                const c = cells.get(`${u.id}:${p.id}`);
                return (
                  <td key={p.id}>
                    {c ? (
                      c.state === "not_expected" ? (
                        <span className="muted">{c.label}</span>
                      ) : (
                        <Link
                          className={`chip ${CELL_CLASS[c.state]}`}
                          to={reportPath({ planId: o.planId, periodId: p.id, unitId: u.id })}
                        >
                          <span className="chip-glyph" aria-hidden="true">
                            {CELL_GLYPH[c.state]}
                          </span>
                          {c.label}
                        </Link>
                      )
                    ) : (
                      "—"
                    )}
                  </td>
                );
              })}
              <td className="nowrap">{u.rate.rate === null ? "—" : formatPercent(u.rate.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OverviewTab({ plan }: { plan: PlanDto }) {
  const load = useLoad((signal) => getOverview(plan.id, null, signal), [plan.id]);
  if (load.status === "error" && !load.data) return <LoadError message={load.message} retry={load.reload} />;
  const o = load.data;
  if (!o) return <p className="muted">Đang tải…</p>;
  const total = o.totalTasks || 1;
  const unitRows = [...o.grid.units].sort((a, b) => (a.rate.rate ?? 101) - (b.rate.rate ?? 101));
  return (
    <section aria-labelledby="plan-overview" className="overview">
      <h2 id="plan-overview">Tổng quan (số liệu đến {formatDate(o.asOf)})</h2>
      {plan.abilities?.manage ? <CoordinatorActions plan={plan} onChanged={load.reload} /> : null}
      <div className="unit-grid">
        <section className="card" aria-labelledby="ov-status">
          <h3 id="ov-status">Nhiệm vụ theo tình trạng</h3>
          <StatusBar
            counts={o.counts}
            title="Tỷ lệ nhiệm vụ theo tình trạng"
            linkFor={(s) => `?tinh-trang=${encodeURIComponent(s)}`}
          />
          <p className="muted">
            Tổng số {formatNumber(o.totalTasks)} nhiệm vụ; tỷ lệ hoàn thành{" "}
            {o.completionRate === null ? "—" : formatPercent(o.completionRate)}; {formatNumber(o.dueSoon)} nhiệm vụ sắp
            đến hạn.
          </p>
          <ChartData>
            <table className="table compact-table">
              <caption className="visually-hidden">Số nhiệm vụ theo tình trạng</caption>
              <thead>
                <tr>
                  <th scope="col">Tình trạng</th>
                  <th scope="col">Số nhiệm vụ</th>
                  <th scope="col">Tỷ lệ</th>
                </tr>
              </thead>
              <tbody>
                {o.counts
                  .filter((c) => c.count > 0)
                  .map((c) => (
                    <tr key={c.status}>
                      <th scope="row">{c.label}</th>
                      <td>{formatNumber(c.count)}</td>
                      <td>{formatPercent((100 * c.count) / total)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </ChartData>
        </section>
        <section className="card" aria-labelledby="ov-units">
          <h3 id="ov-units">Tỷ lệ báo cáo theo đơn vị</h3>
          {unitRows.length === 0 ? (
            <p className="muted">Chưa có kỳ báo cáo nào đến hạn.</p>
          ) : (
            <>
              {unitRows.length > LOWEST_SHOWN ? (
                <p className="muted">
                  {formatNumber(LOWEST_SHOWN)} đơn vị có tỷ lệ nộp thấp nhất (trong {formatNumber(unitRows.length)} đơn
                  vị; đủ danh sách trong bảng số liệu).
                </p>
              ) : null}
              <BarList
                title="Tỷ lệ nộp báo cáo của các đơn vị, thấp nhất trước"
                rows={unitRows.slice(0, LOWEST_SHOWN).map((u) => ({
                  key: u.id,
                  label: u.name,
                  value: u.rate.rate,
                  fill: RATE_FILL(u.rate.rate),
                  note: `${rateText(u.rate)} kỳ`,
                }))}
              />
              <ChartData>
                <table className="table compact-table">
                  <caption className="visually-hidden">Tỷ lệ báo cáo của từng đơn vị</caption>
                  <thead>
                    <tr>
                      <th scope="col">Đơn vị</th>
                      <th scope="col">Đã nộp</th>
                      <th scope="col">Nộp muộn</th>
                      <th scope="col">Tỷ lệ</th>
                    </tr>
                  </thead>
                  <tbody>
                    {unitRows.map((u) => (
                      <tr key={u.id}>
                        <th scope="row">
                          <Link to={unitPath(u.id)}>{u.name}</Link>
                        </th>
                        <td>{rateText(u.rate)}</td>
                        <td>{formatNumber(u.rate.late)}</td>
                        <td>{u.rate.rate === null ? "—" : formatPercent(u.rate.rate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ChartData>
            </>
          )}
        </section>
      </div>

      {o.grid.periods.length > 0 && o.grid.units.length > 0 ? (
        <section aria-labelledby="ov-grid" className="overview-block">
          <h3 id="ov-grid">Tình hình nộp báo cáo: đơn vị × kỳ báo cáo</h3>
          <p className="muted">
            Mỗi ô cho biết đơn vị đã nộp đúng hạn, nộp muộn, chưa nộp hay bị trả lại; chọn ô để mở báo cáo.
          </p>
          <RateGrid o={o} />
        </section>
      ) : null}

      {o.trend.length > 0 ? (
        <section aria-labelledby="ov-trend" className="overview-block">
          <h3 id="ov-trend">Xu hướng qua các kỳ</h3>
          <TrendChart points={o.trend} title="Tỷ lệ hoàn thành nhiệm vụ và tỷ lệ nộp báo cáo qua các kỳ" />
          <ChartData>
            <div className="table-wrap">
              <table className="table compact-table">
                <caption className="visually-hidden">Xu hướng qua các kỳ</caption>
                <thead>
                  <tr>
                    <th scope="col">Kỳ báo cáo</th>
                    <th scope="col">Tỷ lệ hoàn thành</th>
                    <th scope="col">Tỷ lệ nộp báo cáo</th>
                  </tr>
                </thead>
                <tbody>
                  {o.trend.map((t) => (
                    <tr key={t.periodId}>
                      <th scope="row">{t.label}</th>
                      <td>{t.completionRate === null ? "—" : formatPercent(t.completionRate)}</td>
                      <td>{t.reportingRate === null ? "—" : formatPercent(t.reportingRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </ChartData>
        </section>
      ) : null}

      {o.groups.length > 0 ? (
        <section aria-labelledby="ov-groups" className="overview-block">
          <h3 id="ov-groups">Tiến độ theo nhóm nhiệm vụ</h3>
          <BarList
            title="Tiến độ bình quân của từng nhóm nhiệm vụ"
            rows={o.groups.map((g) => ({
              key: g.groupId ?? "none",
              label: g.title ? `${g.ref ? `${g.ref}. ` : ""}${g.title}` : "Nhiệm vụ không thuộc nhóm",
              value: g.percent,
              fill: g.overdue > 0 ? "fill-overdue" : "fill-in-progress",
              note: `${formatNumber(g.completed)}/${formatNumber(g.taskCount)} hoàn thành${g.overdue > 0 ? `, ${formatNumber(g.overdue)} quá hạn` : ""}`,
            }))}
          />
          <ChartData>
            <div className="table-wrap">
              <table className="table responsive-table">
                <caption className="visually-hidden">Tiến độ theo nhóm nhiệm vụ</caption>
                <thead>
                  <tr>
                    <th scope="col">Nhóm</th>
                    <th scope="col">Số nhiệm vụ</th>
                    <th scope="col">Hoàn thành</th>
                    <th scope="col">Quá hạn</th>
                    <th scope="col">Tiến độ bình quân</th>
                  </tr>
                </thead>
                <tbody>
                  {o.groups.map((g) => (
                    <tr key={g.groupId ?? "none"}>
                      <th scope="row" data-label="Nhóm" className="cell-title">
                        {g.title ? `${g.ref ? `${g.ref}. ` : ""}${g.title}` : "Nhiệm vụ không thuộc nhóm"}
                      </th>
                      <td data-label="Số nhiệm vụ">{formatNumber(g.taskCount)}</td>
                      <td data-label="Hoàn thành">{formatNumber(g.completed)}</td>
                      <td data-label="Quá hạn" className={g.overdue > 0 ? "overdue-count" : undefined}>
                        {formatNumber(g.overdue)}
                      </td>
                      <td data-label="Tiến độ bình quân">{formatPercent(g.percent)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </ChartData>
        </section>
      ) : null}

      <section aria-labelledby="ov-overdue" className="overview-block">
        <h3 id="ov-overdue">Nhiệm vụ quá hạn ({formatNumber(o.overdue.length)})</h3>
        {o.overdue.length === 0 ? (
          <p className="muted">Không có nhiệm vụ quá hạn.</p>
        ) : (
          <div className="table-wrap">
            <table className="table responsive-table">
              <caption className="visually-hidden">Nhiệm vụ quá hạn chưa hoàn thành</caption>
              <thead>
                <tr>
                  <th scope="col">TT</th>
                  <th scope="col">Nhiệm vụ</th>
                  <th scope="col">Đơn vị chủ trì</th>
                  <th scope="col">Hạn</th>
                  <th scope="col">Quá hạn</th>
                  <th scope="col">Tỷ lệ thực hiện</th>
                </tr>
              </thead>
              <tbody>
                {o.overdue.map((t) => (
                  <tr key={t.taskId}>
                    <td data-label="TT">{t.ref ?? "—"}</td>
                    <th scope="row" data-label="Nhiệm vụ" className="cell-title">
                      {t.title}
                    </th>
                    <td data-label="Đơn vị chủ trì">{t.leadUnits.map((u) => u.name).join("; ") || "—"}</td>
                    <td data-label="Hạn" className="nowrap">
                      {formatDate(t.dueDate)}
                    </td>
                    <td data-label="Quá hạn" className="overdue-count">
                      {formatNumber(t.daysOverdue)} ngày
                    </td>
                    <td data-label="Tỷ lệ thực hiện">{t.percent === null ? "—" : formatPercent(t.percent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
