/**
 * The maximum-likelihood machinery BG/NBD (bgnbd.ts) and MBG/NBD (src/core/analysis/mbgnbd.ts) share: the
 * customers grouped by history, and Nelder–Mead on the logs of (r, α, a, b) with its restarts and bounds.
 * Only the likelihood differs between the two models.
 */
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

/**
 * Minimises `negLogLikelihood` over v = (ln r, ln α, ln a, ln b), so every trial point is valid, from
 * (1, meanT, 1, 1). A single simplex run can stall on these surfaces: when it did not converge, or a step of
 * its point tolerance along some axis still lowers the value, it is restarted from its own optimum until the
 * likelihood stops improving. A fit that ends near e^±15 in any parameter is reported as not converged.
 */
export function fitLogParameters(
  negLogLikelihood: (v: readonly number[]) => number,
  meanT: number,
): BgNbdFit {
  let best = nelderMead(negLogLikelihood, [0, Math.log(Math.max(meanT, 1e-3)), 0, 0], {
    step: 1,
    maxIterations: 3000,
  });
  // At a true optimum a restart only re-converges within its own tolerance: some 160 evaluations, a third
  // of the fit, for a change below the tolerance. A stalled simplex leaves a slope behind, which the 8
  // evaluations of the check find.
  if (!best.converged || slopesDown(negLogLikelihood, best.x, best.value, STALL_STEP)) {
    for (let round = 0; round < 4; round++) {
      const again = nelderMead(negLogLikelihood, best.x, { step: 0.1, maxIterations: 1000 });
      const improved = best.value - again.value;
      if (again.value <= best.value) best = again;
      if (improved < 1e-10 * (1 + Math.abs(best.value))) break;
    }
  }
  const [r, alpha, a, b] = best.x.map(Math.exp);
  const atBound = best.x.some((x) => Math.abs(x) > MAX_LOG_PARAM - 1);
  return { params: { r, alpha, a, b }, logLikelihood: -best.value, converged: best.converged && !atBound };
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
