/** Descriptive statistics of one numeric sample. Undefined figures are null, so the result is JSON-safe. */
export interface Summary {
  readonly count: number;
  readonly sum: number;
  readonly mean: number | null;
  readonly median: number | null;
  /** Sample standard deviation (divisor n − 1); null below two values. */
  readonly sd: number | null;
  /** 90th percentile, type 7. */
  readonly p90: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export const EMPTY_SUMMARY: Summary = {
  count: 0,
  sum: 0,
  mean: null,
  median: null,
  sd: null,
  p90: null,
  min: null,
  max: null,
};

/**
 * Quantile of an ascending sample by Hyndman & Fan type 7 (R's and NumPy's default): with h = (n − 1)·p,
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). So the median of an even sample is the mean of the middle two,
 * p90 of [1..10] is 9.1. Null for an empty sample; p is clamped to [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Count, sum, mean, median, sample SD (n − 1), p90 (type 7), min and max of the finite values; NaN and
 * ±Infinity are skipped (a blank cell is not a zero). The SD uses Welford's update, stable for large sums.
 */
export function describe(values: ArrayLike<number>): Summary {
  const finite = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) finite[n++] = v;
  }
  if (n === 0) return EMPTY_SUMMARY;
  const sorted = finite.subarray(0, n).sort();
  let mean = 0;
  let m2 = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i];
    sum += v;
    const delta = v - mean;
    mean += delta / (i + 1);
    m2 += delta * (v - mean);
  }
  return {
    count: n,
    sum,
    mean: sum / n,
    median: quantileSorted(sorted, 0.5),
    sd: n > 1 ? Math.sqrt(m2 / (n - 1)) : null,
    p90: quantileSorted(sorted, 0.9),
    min: sorted[0],
    max: sorted[n - 1],
  };
}

/** Relative change (b − a) / a; null when a is 0 or either side is missing. */
export function relativeChange(a: number | null, b: number | null): number | null {
  if (a === null || b === null || a === 0) return null;
  return (b - a) / Math.abs(a);
}
