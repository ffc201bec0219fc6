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

/** The least of a[from..]. */
function minFrom(a: Float64Array, from: number): number {
  let least = a[from];
  for (let i = from + 1; i < a.length; i++) if (a[i] < least) least = a[i];
  return least;
}

/**
 * Type-7 quantile of an unsorted scratch array (reordered in place); same definition as quantileSorted.
 * `from` lets a later call skip what an earlier one settled: every value in a[from..] must be ≥ every value
 * before it, as a selection leaves the array around the index it selected.
 */
function quantileInPlace(a: Float64Array, p: number, from: number): number {
  const n = a.length;
  const h = (n - 1) * p;
  const k = Math.floor(h);
  selectInPlace(a, k, from, n - 1);
  const below = a[k];
  if (k + 1 >= n || h === k) return below;
  // After selecting k, the (k + 1)-th smallest is the least value right of k.
  return below + (h - k) * (minFrom(a, k + 1) - below);
}

/**
 * Moves the finite values of `a` to its front, in order, and returns how many; their sum, Welford mean and
 * M2, min and max build up in `acc` (zero-filled by the caller) in that order. The loop stores as it goes
 * so that nothing but the return follows it: V8 reuses the on-stack-replacement code it compiled during
 * the first long call, and code after the loop that had not run by then deoptimizes on every later call.
 */
function compactFinite(a: Float64Array, acc: Float64Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (!Number.isFinite(v)) continue;
    a[n++] = v;
    acc[0] += v;
    const delta = v - acc[1];
    acc[1] += delta / n;
    acc[2] += delta * (v - acc[1]);
    if (n === 1 || v < acc[3]) acc[3] = v;
    if (n === 1 || v > acc[4]) acc[4] = v;
  }
  return n;
}

/**
 * describe() without the copy, for callers that own a scratch array: the finite values end up at the
 * front of `values`, reordered.
 */
export function describeInPlace(values: Float64Array): Summary {
  const acc = new Float64Array(5);
  const n = compactFinite(values, acc);
  if (n === 0) return EMPTY_SUMMARY;
  const finite = values.subarray(0, n);
  const median = quantileInPlace(finite, 0.5, 0);
  return {
    count: n,
    sum: acc[0],
    mean: acc[0] / n,
    median,
    sd: n > 1 ? Math.sqrt(acc[2] / (n - 1)) : null,
    // The median's selection left the upper half above its index; p90 lies there.
    p90: quantileInPlace(finite, 0.9, Math.floor((n - 1) * 0.5)),
    min: acc[3],
    max: acc[4],
  };
}

/**
 * Count, sum, mean, median, sample SD (n − 1), p90 (type 7), min and max of the finite values; NaN and
 * ±Infinity are skipped (a blank cell is not a zero). The SD uses Welford's update, stable for large sums.
 * Quantiles use quickselect (linear time), so a million values need no sort.
 */
export function describe(values: ArrayLike<number>): Summary {
  const finite = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite[n++] = values[i];
  return describeInPlace(finite.subarray(0, n));
}

/** Relative change (b − a) / a; null when a is 0 or either side is missing. */
export function relativeChange(a: number | null, b: number | null): number | null {
  if (a === null || b === null || a === 0) return null;
  return (b - a) / Math.abs(a);
}
