/** The size the work is first measured at: half of Google's cell limit of 50,000 characters. */
export const N = 25_000;

/** How much larger the second input is: a wide step keeps linear (~8) and quadratic (~64) far apart. */
export const STEP = 8;

/**
 * The ratio above which a step counts as super-linear: three times linear, a third of quadratic. A 4×
 * step (linear 4, quadratic 16) left too little room: garbage collection and V8's size-dependent paths
 * pushed linear parsers past 10 on a busy machine.
 */
export const SUPER_LINEAR = 24;

/**
 * CPU milliseconds `times` runs of `run(input)` take. CPU time, not wall time: on a busy machine a longer
 * window is more often preempted, which would inflate the large input's wall time and the ratio.
 */
function cpu<T>(run: (input: T) => unknown, input: T, times: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < times; i++) run(input);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * How much more work `run` does on `large` than on `small`: the best of `trials` interleaved CPU-time
 * measurements each, repeated so that the small input takes a millisecond or more.
 */
function ratio<T>(run: (input: T) => unknown, small: T, large: T, trials: number): number {
  let times = 1;
  while (cpu(run, small, times) < 1 && times < 1 << 20) times *= 2;
  let a = Infinity;
  let b = Infinity;
  for (let k = 0; k < trials; k++) {
    a = Math.min(a, cpu(run, small, times));
    b = Math.min(b, cpu(run, large, times));
  }
  return b / Math.max(a, 1e-3);
}

/**
 * How the work of `run` grows when its input grows {@link STEP}-fold, from `make(N)` to `make(8N)`: about 8
 * when linear (less when a cap makes it constant), about 64 when quadratic. No absolute time is judged. V8 has
 * size-dependent fast paths (toUpperCase of an unchanged 50,000-character string is 40× cheaper than of a
 * 200,000-character one; short-lived strings die young in the new space), so one step can jump for linear
 * work; a step past {@link SUPER_LINEAR} is therefore confirmed on the next step, 8N to 64N (best of
 * three): only work that grows super-linearly on both steps counts, and then once more on the first step
 * (best of five). Returns the smallest ratio.
 */
export function workGrowth<T>(run: (input: T) => unknown, make: (size: number) => T): number {
  const first = ratio(run, make(N), make(STEP * N), 2);
  if (first <= SUPER_LINEAR) return first;
  const second = ratio(run, make(STEP * N), make(STEP * STEP * N), 3);
  if (second <= SUPER_LINEAR) return Math.min(first, second);
  // Both steps high: a whole suite on two cores can preempt every trial of one step (a linear parser once
  // measured 27 on both). The first step again, best of five: quadratic work stays near 64 however often.
  return Math.min(first, second, ratio(run, make(N), make(STEP * N), 5));
}
