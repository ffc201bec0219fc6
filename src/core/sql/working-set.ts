/**
 * Which rows trimming removes to keep a sheet's working set: only lines BigQuery holds (key at or below
 * the export's high-water mark), the oldest first, until at most `keep` lines remain. Pure.
 */
export interface TrimLine {
  /** 1-based sheet row. */
  readonly row: number;
  /** Its stable key (line-keys.ts); 0 when it has none (never exported). */
  readonly key: number;
  /** Its date as a day number (NaN when unreadable: such a line has no key, so it is never trimmed). */
  readonly day: number;
}

/** A run of consecutive sheet rows to delete in one call: deleted from the bottom up. */
export interface RowRun {
  readonly start: number;
  readonly count: number;
}

/**
 * The rows to delete: of the `lines` exported (0 < key ≤ mark), the oldest by date (then by key) while
 * more than `keep` lines remain; as runs of consecutive rows, the lowest run last, so deleting them in
 * order never shifts a run still to come. `keep` 0 trims nothing (no working-set size set).
 */
export function planTrim(lines: readonly TrimLine[], mark: number, keep: number): RowRun[] {
  if (keep <= 0 || lines.length <= keep) return [];
  const exported = lines
    .filter((l) => l.key > 0 && l.key <= mark)
    .sort((a, b) => (a.day === b.day ? a.key - b.key : a.day < b.day ? -1 : 1));
  const rows = exported
    .slice(0, lines.length - keep)
    .map((l) => l.row)
    .sort((a, b) => b - a);
  const runs: RowRun[] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last.start === row + 1) runs[runs.length - 1] = { start: row, count: last.count + 1 };
    else runs.push({ start: row, count: 1 });
  }
  return runs;
}
