/**
 * The last logical line of `preClean` while physical lines are appended to it (`prev + " " + line`).
 *
 * Re-testing the whole joined string for every appended line is quadratic in the paragraph length (a 1 MB paragraph
 * of wrapped lines took tens of seconds). This keeps what the join decisions need, exactly:
 * - `row`: the line contains a tab (appended physical lines never do);
 * - upper-case / letter counts (additive: the joining space is not a letter) for the capitals-heading test;
 * - the physical parts, so end-anchored tests read the last part and start-anchored tests the first part(s).
 */
import { caseCounts } from "../structure/perf-text.js";

const counts = { up: 0, letters: 0 };

export class PrevLine {
  row = false;
  /** Last physical part (the joined line ends with it). */
  last = "";
  private parts: string[] = [];
  /** Parts [0, counted) are in `up` / `letters` (counted on demand: most lines never need it). */
  private counted = 0;
  private up = 0;
  private letters = 0;
  /** `/\S\s+\S/u` on the trimmed line (null: not computed yet). */
  private spaced: boolean | null = null;

  /** A new logical line. */
  set(s: string): void {
    this.row = s.includes("\t");
    this.last = s;
    this.parts = [s];
    this.counted = 0;
    this.up = 0;
    this.letters = 0;
    this.spaced = null;
  }

  /** `line` (trimmed, non-empty, no tab) appended as `${prev} ${line}`. */
  append(line: string): void {
    this.last = line;
    this.parts.push(line);
    // prev holds a non-space character, and `line` starts with one: "<\S> <\S>".
    this.spaced = true;
  }

  /** Same as clean.ts `isUpperHeading(prev)`. */
  upperHeading(): boolean {
    const parts = this.parts;
    while (this.counted < parts.length) {
      caseCounts(parts[this.counted++]!, counts);
      this.up += counts.up;
      this.letters += counts.letters;
    }
    if (this.spaced === null) this.spaced = /\S\s+\S/u.test((parts[0] ?? "").trim());
    return this.letters >= 6 && this.spaced && this.up / this.letters >= 0.75;
  }

  /**
   * `re.test(prev)` for a start-anchored `re` without end anchors or look-ahead. `prefix` matches (at least) every
   * string that `re` does not match but that some longer string starting with it does: while the text read so far
   * is such a string, the next part is read too; otherwise the answer cannot change and the rest is never read.
   */
  startMatches(re: RegExp, prefix: RegExp): boolean {
    const parts = this.parts;
    let head = parts[0] ?? "";
    let k = 1;
    for (;;) {
      if (re.test(head)) return true;
      if (k >= parts.length || !prefix.test(head)) return false;
      head = `${head} ${parts[k++]}`;
    }
  }
}

/**
 * Merge a table continuation row into the previous row, cell by cell: the previous row's cells `a` (trimmed), the
 * continuation row `cont` as read. The row is `mergeCells(prev.split("\t").map((c) => c.trim()), cont).join("\t")`;
 * the cells returned hold no tab and are trimmed, so they can be merged again as they are: a chain of continuation
 * rows costs the length of the rows, not the length of the merged row times their number.
 */
export function mergeCells(a: string[], cont: string): string[] {
  const b = cont.split("\t");
  const n = Math.max(a.length, b.length);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? "";
    const y = (b[i] ?? "").trim();
    out.push(x && y ? `${x} ${y}` : x || y);
  }
  while (out.length > 1 && out[out.length - 1] === "") out.pop();
  return out;
}
