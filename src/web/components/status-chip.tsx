/**
 * Task status, shown the same everywhere (UX.md): a colour from the --status-* variables in app.css, always with
 * its label and a glyph, never colour alone. "Sắp đến hạn" (amber) is a task not yet done whose deadline is near.
 */
import type { TaskStatusName } from "../../server/api-types.js";

export const TASK_STATUS_LABELS: Record<TaskStatusName, string> = {
  chua_thuc_hien: "Chưa thực hiện",
  dang_thuc_hien: "Đang thực hiện",
  hoan_thanh_dung_han: "Hoàn thành đúng hạn",
  hoan_thanh_qua_han: "Hoàn thành quá hạn",
  qua_han_chua_hoan_thanh: "Quá hạn chưa hoàn thành",
  thuong_xuyen: "Thường xuyên",
  tam_dung: "Tạm dừng",
};

type Look =
  | "done-on-time"
  | "done-late"
  | "in-progress"
  | "due-soon"
  | "overdue"
  | "not-started"
  | "recurring"
  | "paused";

const LOOKS: Record<TaskStatusName, Look> = {
  chua_thuc_hien: "not-started",
  dang_thuc_hien: "in-progress",
  hoan_thanh_dung_han: "done-on-time",
  hoan_thanh_qua_han: "done-late",
  qua_han_chua_hoan_thanh: "overdue",
  thuong_xuyen: "recurring",
  tam_dung: "paused",
};

const GLYPHS: Record<Look, string> = {
  "done-on-time": "✓",
  "done-late": "✓",
  "in-progress": "▶",
  "due-soon": "⏱",
  overdue: "!",
  "not-started": "○",
  recurring: "↻",
  paused: "⏸",
};

const OPEN: ReadonlySet<TaskStatusName> = new Set(["chua_thuc_hien", "dang_thuc_hien"]);

interface StatusChipProps {
  status: TaskStatusName;
  /** The server's label (statusLabel); the standard label when absent. */
  label?: string;
  /** Deadline near and not done: shown amber with "sắp đến hạn". */
  dueSoon?: boolean;
}

export function StatusChip({ status, label, dueSoon }: StatusChipProps) {
  const soon = !!dueSoon && OPEN.has(status);
  const look: Look = soon ? "due-soon" : (LOOKS[status] ?? "not-started");
  const text = label ?? TASK_STATUS_LABELS[status] ?? status;
  return (
    <span className={`chip chip-${look}`}>
      <span className="chip-glyph" aria-hidden="true">
        {GLYPHS[look]}
      </span>
      {soon ? `${text} · sắp đến hạn` : text}
    </span>
  );
}
