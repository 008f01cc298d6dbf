/**
 * CSV/TSV → tab-joined rows. RFC 4180 quoting ("" escapes, quoted newlines), delimiter guessed among , ; \t |.
 * Cell newlines and tabs become spaces so that one row stays one line.
 */

const DELIMITERS = [",", ";", "\t", "|"] as const;

function guessDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best: string = ",";
  let bestScore = -1;
  for (const d of DELIMITERS) {
    // Count per line outside quotes; prefer a delimiter that appears, and consistently.
    const counts: number[] = [];
    let inQuotes = false;
    let count = 0;
    for (let i = 0; i < sample.length && counts.length < 50; i++) {
      const c = sample[i]!;
      if (c === '"') inQuotes = !inQuotes;
      else if (!inQuotes && c === d) count++;
      else if (!inQuotes && c === "\n") {
        counts.push(count);
        count = 0;
      }
    }
    if (count > 0) counts.push(count);
    const nonZero = counts.filter((n) => n > 0);
    if (nonZero.length === 0) continue;
    const mode = modeOf(nonZero);
    const consistent = counts.filter((n) => n === mode).length;
    const score = consistent * 1000 + mode;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function modeOf(xs: number[]): number {
  const m = new Map<number, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  let best = 0;
  let bestN = -1;
  for (const [x, n] of m) {
    if (n > bestN) {
      best = x;
      bestN = n;
    }
  }
  return best;
}

/** Parse CSV text into rows of cells. */
export function parseCsv(text: string, delimiter = guessDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let inQuotes = false;
  let quotedCell = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += c;
      continue;
    }
    if (c === '"' && (cell === "" || /^\s*$/.test(cell)) && !quotedCell) {
      inQuotes = true;
      quotedCell = true;
      cell = "";
    } else if (c === delimiter) {
      row.push(cell);
      cell = "";
      quotedCell = false;
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      quotedCell = false;
    } else if (c !== "\r") cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function csvToText(text: string): string {
  const rows = parseCsv(text);
  const lines: string[] = [];
  for (const r of rows) {
    const cells = r.map((c) =>
      c
        .replace(/[\t\n\r]+/g, " ")
        .replace(/ {2,}/g, " ")
        .trim(),
    );
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    if (cells.length === 0) continue;
    lines.push(cells.join("\t"));
  }
  return lines.join("\n");
}
