/**
 * Tasks by status as one stacked bar (SVG), with a legend that carries every label and number: colour is never the
 * only cue. Each legend entry can link to the task list filtered by that status.
 */
import { Link } from "react-router-dom";
import type { StatusCountDto, TaskStatusName } from "../../../server/api-types.js";
import { formatNumber, formatPercent } from "../../format.js";
import { StatusChip } from "../status-chip.js";

/** Same order as the legend, worst first. */
export const STATUS_CHART_ORDER: TaskStatusName[] = [
  "qua_han_chua_hoan_thanh",
  "dang_thuc_hien",
  "chua_thuc_hien",
  "thuong_xuyen",
  "tam_dung",
  "hoan_thanh_qua_han",
  "hoan_thanh_dung_han",
];

export const STATUS_FILL_CLASS: Record<TaskStatusName, string> = {
  chua_thuc_hien: "fill-not-started",
  dang_thuc_hien: "fill-in-progress",
  hoan_thanh_dung_han: "fill-done-on-time",
  hoan_thanh_qua_han: "fill-done-late",
  qua_han_chua_hoan_thanh: "fill-overdue",
  thuong_xuyen: "fill-recurring",
  tam_dung: "fill-paused",
};

export function StatusBar({
  counts,
  linkFor,
  title,
}: {
  counts: StatusCountDto[];
  /** Where a status in the legend leads (the filtered task list); no link when omitted. */
  linkFor?: (status: TaskStatusName) => string;
  title: string;
}) {
  const shown = STATUS_CHART_ORDER.map((s) => counts.find((c) => c.status === s)).filter(
    (c): c is StatusCountDto => !!c && c.count > 0,
  );
  const total = shown.reduce((n, c) => n + c.count, 0);
  if (total === 0) return <p className="muted">Chưa có nhiệm vụ nào.</p>;
  let x = 0;
  const summary = shown.map((c) => `${c.label}: ${formatNumber(c.count)}`).join("; ");
  return (
    <figure className="chart status-bar">
      <svg viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={`${title}. ${summary}.`}>
        {shown.map((c) => {
          const w = (100 * c.count) / total;
          const rect = (
            <rect key={c.status} className={STATUS_FILL_CLASS[c.status]} x={x} y={0} width={w} height={8}>
              <title>
                {c.label}: {formatNumber(c.count)}
              </title>
            </rect>
          );
          x += w;
          return rect;
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {shown.map((c) => (
            <li key={c.status}>
              {linkFor ? (
                <Link to={linkFor(c.status)} className="legend-link">
                  <StatusChip status={c.status} label={c.label} />
                </Link>
              ) : (
                <StatusChip status={c.status} label={c.label} />
              )}
              <strong>{formatNumber(c.count)}</strong>
              <span className="muted">({formatPercent((100 * c.count) / total)})</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
