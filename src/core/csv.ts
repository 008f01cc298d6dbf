/**
 * CSV cells for files people open in Excel (RFC 4180 quoting). A cell that starts like a formula (=, +, -, @, tab,
 * carriage return) gets a leading apostrophe, so a spreadsheet shows it as text instead of running it; reading a
 * file back removes that apostrophe again (`unguardCsvCell`).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

// Both "," and ";" are quoted: readers may guess either delimiter (Excel in a Vietnamese locale saves with ";").
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  const needsQuotes = /[",;\r\n]/.test(safe) || /^\s|\s$/.test(safe);
  return needsQuotes ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Undoes the formula guard of `csvCell` on a cell read from a file. */
export function unguardCsvCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
