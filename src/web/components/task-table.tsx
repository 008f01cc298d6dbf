/**
 * The plan's task table (TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian | Tình trạng), shared by the plan page and
 * the public plan page; each passes how it shows a task's units and its time. Becomes cards at narrow widths.
 */
import type { ReactNode } from "react";
import type { TaskStatusName } from "../../server/api-types.js";
import { formatNumber } from "../format.js";
import { StatusChip } from "./status-chip.js";

export interface TaskTableRow {
  id: string;
  ref: string | null;
  title: string;
  product: string | null;
  status: TaskStatusName;
  statusLabel: string;
  dueSoon: boolean;
  percent: number | null;
}

export interface TaskTableProps<T extends TaskTableRow> {
  tasks: readonly T[];
  caption: string;
  leadUnits: (task: T) => ReactNode;
  partnerUnits: (task: T) => ReactNode;
  timeframe: (task: T) => string;
}

export function TaskTable<T extends TaskTableRow>({
  tasks,
  caption,
  leadUnits,
  partnerUnits,
  timeframe,
}: TaskTableProps<T>) {
  return (
    <div className="table-wrap">
      <table className="table responsive-table tasks-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">TT</th>
            <th scope="col">Nhiệm vụ</th>
            <th scope="col">Đơn vị chủ trì</th>
            <th scope="col">Đơn vị phối hợp</th>
            <th scope="col">Thời gian thực hiện</th>
            <th scope="col">Tình trạng</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.id}>
              <td data-label="TT" className="nowrap">
                {t.ref ?? "—"}
              </td>
              <th scope="row" data-label="Nhiệm vụ" className="cell-title">
                {t.title}
                {t.product ? <span className="cell-sub">Sản phẩm: {t.product}</span> : null}
              </th>
              <td data-label="Đơn vị chủ trì">{leadUnits(t)}</td>
              <td data-label="Đơn vị phối hợp">{partnerUnits(t)}</td>
              <td data-label="Thời gian thực hiện">{timeframe(t)}</td>
              <td data-label="Tình trạng">
                <StatusChip status={t.status} label={t.statusLabel} dueSoon={t.dueSoon} />
                {t.percent !== null ? <span className="cell-sub">Đã thực hiện {formatNumber(t.percent)}%</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
