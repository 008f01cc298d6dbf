import type { IsoDate } from "./types.js";

/** "2025-04-25" → "25/04/2025". */
export function dateVi(iso: IsoDate | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** "2025-04-25" → "ngày 25 tháng 4 năm 2025" (Nghị định 30/2020: days < 10 and months < 3 take a leading zero). */
export function dateLineVi(iso: IsoDate): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m < 3 ? `0${m}` : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/** 1234.5 → "1.234,5" */
export function numberVi(n: number, fractionDigits = 0): string {
  return new Intl.NumberFormat("vi-VN", { maximumFractionDigits: fractionDigits }).format(n);
}

export function percentVi(part: number, whole: number): string {
  if (whole <= 0) return "0%";
  return `${numberVi(Math.min(100, (part / whole) * 100), 1)}%`;
}
