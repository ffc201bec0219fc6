/**
 * The maximum-likelihood machinery BG/NBD (bgnbd.ts) and MBG/NBD (src/core/analysis/mbgnbd.ts) share: the
 * customers grouped by history, and Nelder–Mead on the logs of (r, α, a, b) with its restarts and bounds.
 * Only the likelihood differs between the two models.
 */
import { bfgs, digamma, type Objective } from "../analysis/optimize";
import type { BgNbdFit, BgNbdParams, BtydCustomer } from "./bgnbd";
import { nelderMead } from "./nelder-mead";
import { logGamma } from "./special";

/** Past e^±15 a parameter is one the data cannot pin down (e.g. no dropout signal). */
export const MAX_LOG_PARAM = 15;
/** nelderMead's default point tolerance: the step of the stall check after the first simplex run. */
const STALL_STEP = 1e-5;

/**
 * ln[B(a, b+x+shift)/B(a, b) · Γ(r+x)α^r/Γ(r)]: the factor one customer's likelihood starts from, shift 0
 * in BG/NBD and 1 in MBG/NBD (its extra chance to drop out after the first purchase).
 */
export function logBetaGammaFactor(p: BgNbdParams, x: number, shift: 0 | 1): number {
  const { r, alpha, a, b } = p;
  return (
    logGamma(r + x) -
    logGamma(r) +
    r * Math.log(alpha) +
    logGamma(a + b) +
    logGamma(b + x + shift) -
    logGamma(b) -
    logGamma(a + b + x + shift)
  );
}

/**
 * logBetaGammaFactor at one trial point (r, α, a, b) for each of the distinct `xs`, into `out` (same
 * positions): the Γ terms that depend on x only are taken once per distinct x, not once per history. Summed
 * as the fitters always summed them (the x-free part first), so a fit's value is the same bit for bit. The
 * parameters come one by one, not as an object: an object made per trial point whose first values are
 * whole (e^0 = 1) changes shape when they are not, which throws away the compiled likelihood.
 */
export function tabulateLogFactor(
  r: number,
  alpha: number,
  a: number,
  b: number,
  xs: ArrayLike<number>,
  shift: 0 | 1,
  out: Float64Array,
): void {
  const head = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j];
    out[j] = head + logGamma(r + x) + logGamma(b + x + shift) - logGamma(a + b + x + shift);
  }
}

/** One distinct (x, t_x, T) history and the number of customers who have it. */
export interface HistoryGroup {
  readonly c: BtydCustomer;
  readonly n: number;
}

/**
 * ψ(r + x), ψ(b + x + shift) and ψ(a + b + x + shift) for each of the distinct `xs` at one trial point,
 * into the three arrays (same positions): the digamma terms of the likelihood's gradient, which, like the
 * Γ terms, depend on x only.
 */
export function tabulateDigammas(
  r: number,
  a: number,
  b: number,
  xs: ArrayLike<number>,
  shift: 0 | 1,
  psiRx: Float64Array,
  psiBx: Float64Array,
  psiABx: Float64Array,
): void {
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j];
    psiRx[j] = digamma(r + x);
    psiBx[j] = digamma(b + x + shift);
    psiABx[j] = digamma(a + b + x + shift);
  }
}

/** ln(shift + values[j]) and 1/(shift + values[j]) into the two arrays. */
export function shiftedLogsAndInverses(
  shift: number,
  values: Float64Array,
  logs: Float64Array,
  inverses: Float64Array,
): void {
  for (let j = 0; j < values.length; j++) {
    const t = shift + values[j];
    logs[j] = Math.log(t);
    inverses[j] = 1 / t;
  }
}

/**
 * The customers grouped by equal (x, t_x, T), sorted by x, then t_x, then T: a likelihood summed over the
 * groups costs one term per distinct history, and never depends on the customers' order.
 */
export function groupHistories(customers: readonly BtydCustomer[]): readonly HistoryGroup[] {
  const groups = new Map<string, { c: BtydCustomer; n: number }>();
  for (const c of customers) {
    const key = `${c.x}|${c.tx}|${c.T}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { c, n: 1 });
  }
  return [...groups.values()].sort((p, q) => p.c.x - q.c.x || p.c.tx - q.c.tx || p.c.T - q.c.T);
}

/** Gradient tolerance of the fits, on the mean log-likelihood per customer in (ln r, ln α, ln a, ln b). */
const GRADIENT_TOLERANCE = 1e-8;

/**
 * Maximum likelihood over v = (ln r, ln α, ln a, ln b), so every trial point is valid, from (1, meanT, 1, 1).
 * `meanNegLogLikelihood` returns the mean negative log-likelihood per customer (of `customers`) and writes
 * its gradient in v. BFGS with that analytic gradient (optimize.ts) ends in a few dozen evaluations where
 * a simplex took several hundred; should it stop short of a stationary point (not at a bound), the
 * Nelder–Mead simplex takes over from where it stopped, restarted until the likelihood stops improving.
 * A fit that ends near e^±15 in any parameter is reported as not converged.
 */
export function fitLogParameters(
  meanNegLogLikelihood: Objective,
  meanT: number,
  customers: number,
): BgNbdFit {
  const start = [0, Math.log(Math.max(meanT, 1e-3)), 0, 0];
  const smooth = bfgs(meanNegLogLikelihood, start, {
    gradientTolerance: GRADIENT_TOLERANCE,
    maxIterations: 500,
    bound: MAX_LOG_PARAM,
  });
  let x = smooth.x;
  let value = smooth.value;
  let converged = smooth.converged;
  if (!converged && !smooth.escaped) {
    const gradient = [0, 0, 0, 0];
    const valueOnly = (v: readonly number[]) => meanNegLogLikelihood(v, gradient);
    let best = nelderMead(valueOnly, Number.isFinite(value) ? x : start, { step: 1, maxIterations: 3000 });
    if (!best.converged || slopesDown(valueOnly, best.x, best.value, STALL_STEP)) {
      for (let round = 0; round < 4; round++) {
        const again = nelderMead(valueOnly, best.x, { step: 0.1, maxIterations: 1000 });
        const improved = best.value - again.value;
        if (again.value <= best.value) best = again;
        if (improved < 1e-10 * (1 + Math.abs(best.value))) break;
      }
    }
    x = best.x;
    value = best.value;
    converged = best.converged;
  }
  const [r, alpha, a, b] = x.map(Math.exp);
  const atBound = x.some((v) => Math.abs(v) > MAX_LOG_PARAM - 1);
  return { params: { r, alpha, a, b }, logLikelihood: -value * customers, converged: converged && !atBound };
}

/** Whether a step of ±step along some axis from x lowers f below its value there. */
function slopesDown(
  f: (x: readonly number[]) => number,
  x: readonly number[],
  value: number,
  step: number,
): boolean {
  for (let i = 0; i < x.length; i++) {
    for (const sign of [-1, 1]) {
      const probe = x.slice();
      probe[i] += sign * step;
      if (f(probe) < value) return true;
    }
  }
  return false;
}
