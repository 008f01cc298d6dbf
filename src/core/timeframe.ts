/**
 * Timeframes in words, for lists and reports when the document's own wording is missing or not wanted:
 * "Thường xuyên", "Hằng năm", "Hạn 30/09/2025", "Năm 2025", "Năm 2025 - 2026", "Tháng 12/2025",
 * "Tháng 4 - 5/2025", "Từ 15/04/2025 đến 31/05/2025", "Theo thời gian thực hiện kế hoạch".
 */
import { addDays, compareDates, formatDateVi, type IsoDate, isIsoDate, parseIsoDate } from "./dates.js";
import type { Timeframe } from "./plan-v1.js";

export interface DescribeTimeframeOptions {
  /** Use the document's text when there is one (default true). */
  preferText?: boolean;
}

/** "Năm 2025", "Tháng 4 - 5/2025", … for a span of whole months/years; otherwise "Từ … đến …". */
export function describeSpan(start: IsoDate, end: IsoDate): string {
  const s = parseIsoDate(start);
  const e = parseIsoDate(end);
  const wholeMonths = s.day === 1 && parseIsoDate(addDays(end, 1)).day === 1;
  if (wholeMonths && s.month === 1 && e.month === 12) {
    return s.year === e.year ? `Năm ${s.year}` : `Năm ${s.year} - ${e.year}`;
  }
  if (wholeMonths && s.year === e.year) {
    return s.month === e.month ? `Tháng ${s.month}/${s.year}` : `Tháng ${s.month} - ${e.month}/${s.year}`;
  }
  return `Từ ${formatDateVi(start)} đến ${formatDateVi(end)}`;
}

export function describeTimeframe(
  tf: Pick<Timeframe, "text" | "kind" | "start" | "end" | "deadlines">,
  options: DescribeTimeframeOptions = {},
): string {
  const text = tf.text?.trim();
  if ((options.preferText ?? true) && text) return text.charAt(0).toUpperCase() + text.slice(1);
  const start = isIsoDate(tf.start) ? tf.start : null;
  const end = isIsoDate(tf.end) ? tf.end : null;
  const deadlines = (tf.deadlines ?? []).filter(isIsoDate).sort();
  switch (tf.kind) {
    case "ongoing":
      return "Thường xuyên";
    case "recurring":
      return deadlines.length ? `Hằng năm (hạn ${deadlines.map(formatDateVi).join(", ")})` : "Hằng năm";
    case "by": {
      const due = end ?? deadlines[deadlines.length - 1] ?? null;
      return due ? `Hạn ${formatDateVi(due)}` : "Chưa xác định thời hạn";
    }
    case "period":
      if (start && end && compareDates(start, end) <= 0) return describeSpan(start, end);
      if (end) return `Hạn ${formatDateVi(end)}`;
      if (start) return `Từ ${formatDateVi(start)}`;
      return "Chưa xác định thời hạn";
    case "conditional":
      return end ? `Hạn ${formatDateVi(end)}` : "Khi đủ điều kiện (chưa có thời hạn)";
    case "unspecified":
      return "Theo thời gian thực hiện kế hoạch";
  }
}
