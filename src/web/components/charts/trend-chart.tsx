/**
 * Completion rate and reporting rate over the periods, as two labelled lines (solid and dashed, with distinct point
 * markers) on a 0–100 % scale. Values are printed at each point; the table beside it carries the same numbers.
 */
import type { TrendPointDto } from "../../../server/api-types.js";
import { formatPercent } from "../../format.js";

const W = 640;
const H = 240;
const PAD = { left: 64, right: 48, top: 24, bottom: 52 };

export function TrendChart({ points, title }: { points: TrendPointDto[]; title: string }) {
  if (points.length === 0) return <p className="muted">Chưa có kỳ báo cáo nào kết thúc.</p>;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const xAt = (i: number) => PAD.left + (points.length === 1 ? innerW / 2 : (innerW * i) / (points.length - 1));
  const yAt = (v: number) => PAD.top + innerH - (innerH * v) / 100;
  const line = (pick: (p: TrendPointDto) => number | null) =>
    points
      .map((p, i) => ({ v: pick(p), i }))
      .filter((p): p is { v: number; i: number } => p.v !== null)
      .map((p) => `${xAt(p.i).toFixed(1)},${yAt(p.v).toFixed(1)}`)
      .join(" ");
  const summary = points
    .map(
      (p) =>
        `${p.label}: hoàn thành ${p.completionRate === null ? "chưa có số liệu" : formatPercent(p.completionRate)}, báo cáo ${p.reportingRate === null ? "chưa có số liệu" : formatPercent(p.reportingRate)}`,
    )
    .join("; ");
  return (
    <figure className="chart trend-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}. ${summary}.`}>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line className="grid-line" x1={PAD.left} x2={W - PAD.right} y1={yAt(v)} y2={yAt(v)} />
            <text className="axis-text" x={PAD.left - 6} y={yAt(v) + 4} textAnchor="end">
              {v}%
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <text key={p.periodId} className="axis-text" x={xAt(i)} y={H - 8} textAnchor="middle">
            {p.label}
          </text>
        ))}
        <polyline className="trend-line trend-completion" points={line((p) => p.completionRate)} />
        <polyline className="trend-line trend-reporting" points={line((p) => p.reportingRate)} />
        {points.map((p, i) => (
          <g key={`pt-${p.periodId}`}>
            {p.completionRate !== null ? (
              <>
                <circle className="trend-dot trend-completion" cx={xAt(i)} cy={yAt(p.completionRate)} r={4} />
                <text className="point-text" x={xAt(i)} y={yAt(p.completionRate) - 8} textAnchor="middle">
                  {formatPercent(p.completionRate)}
                </text>
              </>
            ) : null}
            {p.reportingRate !== null ? (
              <>
                <rect
                  className="trend-dot trend-reporting"
                  x={xAt(i) - 4}
                  y={yAt(p.reportingRate) - 4}
                  width={8}
                  height={8}
                />
                <text
                  className="point-text point-reporting"
                  x={xAt(i)}
                  y={yAt(p.reportingRate) + 20}
                  textAnchor="middle"
                >
                  {formatPercent(p.reportingRate)}
                </text>
              </>
            ) : null}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          <li>
            <span className="legend-key legend-completion" aria-hidden="true" /> Tỷ lệ nhiệm vụ hoàn thành (đường liền,
            chấm tròn)
          </li>
          <li>
            <span className="legend-key legend-reporting" aria-hidden="true" /> Tỷ lệ đơn vị nộp báo cáo (đường đứt,
            chấm vuông)
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
