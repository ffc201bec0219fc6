/** One read of consecutive sheet rows (1-based, inclusive). */
export interface RowSpan {
  readonly first: number;
  readonly last: number;
}

/**
 * What a read costs, in the units of one cell read: a service call costs about as much as `callCells`
 * cells (Apps Script charges per call far more than per cell; see the emulator's cost table).
 */
export interface ReadCost {
  readonly callCells: number;
}

/** Apps Script: a call ≈ 1 ms, a cell read ≈ 0.01 ms (src/local/emulator/cost-model.ts, DEFAULT_COSTS). */
export const DEFAULT_READ_COST: ReadCost = { callCells: 100 };

/**
 * The cheapest way to read the given sheet rows of a `width`-column table: consecutive rows share a read,
 * and a gap is read through when its cells cost less than another call. Returns the spans in row order;
 * `rows` may be unsorted and hold duplicates.
 */
export function planRowReads(
  rows: readonly number[],
  width: number,
  cost: ReadCost = DEFAULT_READ_COST,
): RowSpan[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const spans: { first: number; last: number }[] = [];
  const gapRows = Math.floor(cost.callCells / Math.max(1, width));
  for (const row of sorted) {
    const open = spans[spans.length - 1];
    if (open && row - open.last - 1 <= gapRows) open.last = row;
    else spans.push({ first: row, last: row });
  }
  return spans;
}

/** The cost of reading `spans` of a `width`-column table, in cell units (see ReadCost). */
export function spansCost(
  spans: readonly RowSpan[],
  width: number,
  cost: ReadCost = DEFAULT_READ_COST,
): number {
  return spans.reduce((sum, s) => sum + cost.callCells + (s.last - s.first + 1) * width, 0);
}
