/**
 * Vietnamese display formats: dates dd/mm/yyyy, times 24 h, numbers 1.234,5.
 * Timestamps are shown in Vietnam time whatever the browser's zone, so a deadline reads the same for everyone.
 */

const TIME_ZONE = "Asia/Ho_Chi_Minh";
const EMPTY = "—";
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const dateParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

type DateInput = string | Date | null | undefined;

interface Parts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

function toParts(value: DateInput): Parts | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") {
    // A calendar date ("2025-04-25") has no zone: never shift it through Date.
    const m = DATE_ONLY.exec(value);
    if (m) return { year: m[1]!, month: m[2]!, day: m[3]!, hour: "00", minute: "00" };
  }
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  const out: Record<string, string> = {};
  for (const p of dateParts.formatToParts(date)) out[p.type] = p.value;
  return { day: out.day!, month: out.month!, year: out.year!, hour: out.hour!, minute: out.minute! };
}

/** "2025-04-25" or a timestamp → "25/04/2025"; missing or invalid → "—". */
export function formatDate(value: DateInput): string {
  const p = toParts(value);
  return p ? `${p.day}/${p.month}/${p.year}` : EMPTY;
}

/** A timestamp → "25/04/2025 14:32" (Vietnam time, 24 h). */
export function formatDateTime(value: DateInput): string {
  const p = toParts(value);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : EMPTY;
}

/** A timestamp → "14:32" (for "Đã lưu lúc 14:32"). */
export function formatTime(value: DateInput): string {
  const p = toParts(value);
  return p ? `${p.hour}:${p.minute}` : EMPTY;
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** 1234.5 → "1.234,5"; at most `maxFractionDigits` decimals (default 2). */
export function formatNumber(value: number | null | undefined, maxFractionDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  let nf = numberFormats.get(maxFractionDigits);
  if (!nf) {
    nf = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: maxFractionDigits });
    numberFormats.set(maxFractionDigits, nf);
  }
  return nf.format(value);
}

/** 45.5 (already a percentage) → "45,5%". */
export function formatPercent(value: number | null | undefined, maxFractionDigits = 1): string {
  const n = formatNumber(value, maxFractionDigits);
  return n === EMPTY ? EMPTY : `${n}%`;
}

const VI_DATE = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/;

/**
 * "25/4/2025", "25/04/2025", "25-04-2025" or "25.04.2025" → "2025-04-25"; anything else (including 31/02) → null.
 * The inverse of formatDate for calendar dates.
 */
export function parseDate(text: string): string | null {
  const m = VI_DATE.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A percentage typed in Vietnamese or English style: "12,5" or "12.5" → 12.5; "" → null; invalid or >100 → undefined. */
export function parsePercent(text: string): number | null | undefined {
  const t = text.trim().replace(",", ".");
  if (t === "") return null;
  if (!/^\d{1,3}(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 0 && n <= 100 ? n : undefined;
}
