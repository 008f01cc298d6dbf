/**
 * Horizontal percentage bars, one per row (progress by task group, reporting rate by unit): the label and the value
 * are printed next to each bar, so the bar only adds the shape.
 */
import { formatPercent } from "../../format.js";

export interface BarRow {
  key: string;
  label: string;
  /** 0..100, or null for "no data" (drawn empty and said so). */
  value: number | null;
  /** A fill class from app.css (fill-done-on-time, fill-in-progress…). */
  fill: string;
  note?: string;
}

export function BarList({ rows, title }: { rows: BarRow[]; title: string }) {
  return (
    <figure className="chart bar-list" aria-label={title}>
      <ul>
        {rows.map((r) => (
          <li key={r.key}>
            <span className="bar-label">{r.label}</span>
            <svg viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" className="bar-track">
              <rect className="fill-track" x={0} y={0} width={100} height={6} />
              {r.value !== null ? (
                <rect className={r.fill} x={0} y={0} width={Math.max(0, Math.min(100, r.value))} height={6} />
              ) : null}
            </svg>
            <span className="bar-value">
              {r.value === null ? "—" : formatPercent(r.value)}
              {r.note ? <span className="muted"> · {r.note}</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
