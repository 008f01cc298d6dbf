/** "Xem số liệu dạng bảng": every chart's numbers, one click away (UX.md). */
import type { ReactNode } from "react";

export function ChartData({ children, open = false }: { children: ReactNode; open?: boolean }) {
  return (
    <details className="chart-data" open={open}>
      <summary>Xem số liệu dạng bảng</summary>
      {children}
    </details>
  );
}
