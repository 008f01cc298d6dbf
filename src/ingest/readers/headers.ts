/** Column names of task tables (appendix "Phụ lục" tables, spreadsheets), matched without diacritics. */
import { searchKey } from "../../core/text.js";

const HEADER_KEYS = [
  "stt",
  "tt",
  "so tt",
  "nhiem vu",
  "nhiem vu cu the",
  "noi dung",
  "noi dung cong viec",
  "ten nhiem vu",
  "chu tri",
  "co quan chu tri",
  "don vi chu tri",
  "phoi hop",
  "co quan phoi hop",
  "don vi phoi hop",
  "thoi gian",
  "thoi gian thuc hien",
  "thoi gian hoan thanh",
  "tien do",
  "san pham",
  "ket qua",
  "ket qua du kien",
  "san pham du kien",
  "ghi chu",
  "kinh phi",
];

/** True when a cell reads like a task-table column name ("Cơ quan chủ trì", "Thời gian thực hiện / dự kiến …"). */
export function isTaskHeaderCell(cell: string): boolean {
  const k = searchKey(cell);
  if (k === "" || k.length > 60) return false;
  for (const h of HEADER_KEYS) if (k === h || k.startsWith(`${h} `)) return true;
  return false;
}

/** How many cells of a row are task-table column names. */
export function headerScore(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (isTaskHeaderCell(c)) n++;
  return n;
}
