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

/** Puts the k-th smallest value at index k of a[lo..hi], smaller ones before it (Hoare quickselect). */
function selectInPlace(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    // Median of three as the pivot keeps sorted and reversed input linear.
    const mid = (lo + hi) >>> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Type-7 quantile of an unsorted scratch array (reordered in place); same definition as quantileSorted. */
function quantileInPlace(a: Float64Array, p: number): number {
  const n = a.length;
  const h = (n - 1) * p;
  const k = Math.floor(h);
  selectInPlace(a, k, 0, n - 1);
  const below = a[k];
  if (k + 1 >= n || h === k) return below;
  // After selecting k, the (k + 1)-th smallest is the least value right of k.
  let above = a[k + 1];
  for (let i = k + 2; i < n; i++) if (a[i] < above) above = a[i];
  return below + (h - k) * (above - below);
}

/**
 * Count, sum, mean, median, sample SD (n − 1), p90 (type 7), min and max of the finite values; NaN and
 * ±Infinity are skipped (a blank cell is not a zero). The SD uses Welford's update, stable for large sums.
 * Quantiles use quickselect (linear time), so a million values need no sort.
 */
export function describe(values: ArrayLike<number>): Summary {
  const finite = new Float64Array(values.length);
  let n = 0;
  let mean = 0;
  let m2 = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    finite[n++] = v;
    sum += v;
    const delta = v - mean;
    mean += delta / n;
    m2 += delta * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return EMPTY_SUMMARY;
  const scratch = finite.subarray(0, n);
  return {
    count: n,
    sum,
    mean: sum / n,
    median: quantileInPlace(scratch, 0.5),
    sd: n > 1 ? Math.sqrt(m2 / (n - 1)) : null,
    p90: quantileInPlace(scratch, 0.9),
    min,
    max,
  };
}

/** Relative change (b − a) / a; null when a is 0 or either side is missing. */
export function relativeChange(a: number | null, b: number | null): number | null {
  if (a === null || b === null || a === 0) return null;
  return (b - a) / Math.abs(a);
}
