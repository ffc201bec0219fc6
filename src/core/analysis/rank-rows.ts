/**
 * Rows ranked by a value, highest first, ties by ID (string order): the order of customers by spend, by
 * lifetime value, by expected purchases.
 */

/**
 * The rows of `values` highest first, ties by `idOf` (string order): the order a stable comparator sort by
 * (value descending, then ID) gives, NaN values where that sort leaves them. The values are sorted
 * natively (no comparator) and only rows of equal value are compared by ID, unless there is a NaN.
 * `ranks` limits the rows to the first ranks (ties at the last included), when only the top rows are read.
 * Also returns the values sorted ascending and whether one is NaN (then `ascending`
 * ends with the NaNs), for sums over the ranks.
 */
export function rowsByValue(
  values: Float64Array,
  idOf: (i: number) => string,
  ranks = Infinity,
): { readonly order: Int32Array; readonly ascending: Float64Array; readonly hasNaN: boolean } {
  const n = values.length;
  const ascending = Float64Array.from(values).sort();
  const hasNaN = n > 0 && Number.isNaN(ascending[n - 1]);
  const order = hasNaN ? rowsByComparison(values, idOf) : rowsBySorted(values, ascending, idOf, ranks);
  return { order, ascending, hasNaN };
}

/** Compares two rows by ID (string order). */
const byIdOf =
  (idOf: (i: number) => string) =>
  (a: number, b: number): number => {
    const x = idOf(a);
    const y = idOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

/** Rows by value, highest first, then by ID, by one stable comparator sort (any value, NaN included). */
function rowsByComparison(values: Float64Array, idOf: (i: number) => string): Int32Array {
  const byId = byIdOf(idOf);
  const rows = Array.from({ length: values.length }, (_, i) => i);
  return Int32Array.from(rows.sort((a, b) => values[b] - values[a] || byId(a, b)));
}

/**
 * The rows at the first `ranks` ranks (all of them, or a few more when values tie at the last), in the
 * order {@link rowsByComparison} gives: each row is placed in its value's block of the sorted values by
 * binary search, and only rows of equal value are compared in JS, by ID (string comparisons are what a
 * comparator sort of tens of thousands of rows spends its time on). `ascending`: the values sorted, no NaN.
 */
function rowsBySorted(
  values: Float64Array,
  ascending: Float64Array,
  idOf: (i: number) => string,
  ranks: number,
): Int32Array {
  const n = values.length;
  if (n === 0) return new Int32Array(0);
  // Rows below the value at the last rank wanted are never placed.
  const least = ascending[Math.max(0, n - Math.min(ranks, n))];
  const rows = new Int32Array(n);
  const filled = new Int32Array(n);
  const placed = placeRows(values, ascending, least, rows, filled);
  // A block's rows are in row order: a stable sort by ID finishes it.
  const byId = byIdOf(idOf);
  for (let start = 0; start < placed; start += filled[start]) {
    const size = filled[start];
    if (size > 1) rows.set(Array.from(rows.subarray(start, start + size)).sort(byId), start);
  }
  return rows.subarray(0, placed);
}

/**
 * Places each row of value ≥ `least` in its value's block of `rows` (a block starts after every greater
 * value; `filled[start]` counts its rows so far), in row order; returns how many were placed.
 */
function placeRows(
  values: Float64Array,
  ascending: Float64Array,
  least: number,
  rows: Int32Array,
  filled: Int32Array,
): number {
  const n = values.length;
  let placed = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < least) continue;
    // The block of v starts at n minus the count of values up to v.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ascending[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    const start = n - lo;
    rows[start + filled[start]++] = i;
    placed++;
  }
  return placed;
}
