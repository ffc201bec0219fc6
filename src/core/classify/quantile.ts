/**
 * Quantile of sorted numbers, R's default type 7: with h = (n − 1)·p, the value (1 − g)·x[⌊h⌋] + g·x[⌊h⌋+1]
 * where g = h − ⌊h⌋. The arithmetic follows R's quantile.default step by step (including (1 − g)·a + g·b
 * rather than a + g·(b − a)), so break points match R to the last bit. `sorted` must be ascending and
 * non-empty; p in [0, 1].
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const q = sorted[lo - 1];
  if (!(index > lo) || sorted[hi - 1] === q) return q;
  const h = index - lo;
  return (1 - h) * q + h * sorted[hi - 1];
}

/**
 * Score intervals of the R package `rfm` (rsquaredacademy), `rfm_table_order`: for n bins, bin i covers
 * [lower_i, upper_i) with lower_1 = min, upper_n = max + 1 and, between, the type-7 quantiles at i/n, each
 * plus one. Probabilities are i·(1/n) as R's seq(0, 1, length.out = n + 1) computes them. Ties can make bins
 * empty (equal bounds); they are kept, as the package keeps them. Returns the n + 1 bounds, ascending.
 */
export function rfmBreaks(sorted: ArrayLike<number>, bins: number): Float64Array {
  const bounds = new Float64Array(bins + 1);
  const n = sorted.length;
  if (n === 0) return bounds;
  const by = 1 / bins;
  bounds[0] = sorted[0];
  for (let i = 1; i < bins; i++) bounds[i] = quantileType7(sorted, i * by) + 1;
  bounds[bins] = sorted[n - 1] + 1;
  return bounds;
}

/**
 * The 1-based bin of `value` among `bounds` from rfmBreaks: the last i with lower_i ≤ value < upper_i
 * (R assigns bins in order, so a later bin overwrites an earlier one). 0 if it is in none, which cannot
 * happen for values of the sample the bounds were computed from.
 */
export function binOf(bounds: ArrayLike<number>, value: number): number {
  for (let i = bounds.length - 2; i >= 0; i--) {
    if (value >= bounds[i] && value < bounds[i + 1]) return i + 1;
  }
  return 0;
}
