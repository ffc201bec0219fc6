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
 * The grouped histories' columns and, at one trial point, the tables both models' likelihoods read: each
 * a function of x alone (per distinct x) or of a time alone (per distinct T or t_x). `shift` is 0 for
 * BG/NBD and 1 for MBG/NBD (as in logBetaGammaFactor); `sums` receives a model's sums over the groups.
 */
export interface GroupTerms {
  readonly shift: 0 | 1;
  readonly xs: Float64Array;
  readonly ns: Float64Array;
  /** Each group's position among the distinct x, and among the distinct times for its T and t_x. */
  readonly xIndex: Int32Array;
  readonly tIndex: Int32Array;
  readonly txIndex: Int32Array;
  readonly distinctX: Float64Array;
  readonly times: Float64Array;
  readonly logFactor: Float64Array;
  /** ln and 1/ of b + x − 1 + shift per distinct x (BG/NBD reads them for x > 0 only). */
  readonly logB: Float64Array;
  readonly invB: Float64Array;
  /** ψ(r + x), ψ(b + x + shift) and ψ(a + b + x + shift) per distinct x. */
  readonly psiRx: Float64Array;
  readonly psiBx: Float64Array;
  readonly psiABx: Float64Array;
  /** ln(α + t) and 1/(α + t) per distinct time. */
  readonly logAT: Float64Array;
  readonly invAT: Float64Array;
  /** The log-likelihood, then the x-dependent parts of its derivatives in r, α, a and b. */
  readonly sums: Float64Array;
}

/** The tables of {@link GroupTerms} for grouped histories, sized once (filled by tabulateTerms). */
function groupTerms(list: readonly HistoryGroup[], shift: 0 | 1): GroupTerms {
  const xs = Float64Array.from(list, (g) => g.c.x);
  const distinctX = Float64Array.from(new Set(xs));
  const xSlot = new Map(Array.from(distinctX, (x, j) => [x, j]));
  const times = Float64Array.from(new Set(list.flatMap((g) => [g.c.T, g.c.tx]))).sort();
  const timeSlot = new Map(Array.from(times, (t, j) => [t, j]));
  const X = distinctX.length;
  return {
    shift,
    xs,
    ns: Float64Array.from(list, (g) => g.n),
    xIndex: Int32Array.from(xs, (x) => xSlot.get(x)!),
    tIndex: Int32Array.from(list, (g) => timeSlot.get(g.c.T)!),
    txIndex: Int32Array.from(list, (g) => timeSlot.get(g.c.tx)!),
    distinctX,
    times,
    logFactor: new Float64Array(X),
    logB: new Float64Array(X),
    invB: new Float64Array(X),
    psiRx: new Float64Array(X),
    psiBx: new Float64Array(X),
    psiABx: new Float64Array(X),
    logAT: new Float64Array(times.length),
    invAT: new Float64Array(times.length),
    sums: new Float64Array(5),
  };
}

/** Fills the tables of `g` at the trial point (r, α, a, b). Each loop a small function of its own. */
function tabulateTerms(g: GroupTerms, r: number, alpha: number, a: number, b: number): void {
  tabulateLogFactor(r, alpha, a, b, g.distinctX, g.shift, g.logFactor);
  tabulateDigammas(r, a, b, g.distinctX, g.shift, g.psiRx, g.psiBx, g.psiABx);
  logsAndInverses(g.shift === 1 ? b : b - 1, g.distinctX, g.logB, g.invB);
  logsAndInverses(alpha, g.times, g.logAT, g.invAT);
}

/**
 * The mean negative log-likelihood per customer from a model's sums over the groups (`g.sums`), its
 * gradient in (ln r, ln α, ln a, ln b) into `gradient`: the parts of the derivatives every customer shares
 * (both models' Γ factors give ln α − ψ(r), r/α, ψ(a+b) and ψ(a+b) − ψ(b)) added N times, then θ · ∂/∂θ.
 */
function meanWithGradient(
  g: GroupTerms,
  r: number,
  alpha: number,
  a: number,
  b: number,
  N: number,
  gradient: number[],
): number {
  const [ll, dr, dAlpha, da, db] = g.sums;
  const psiAB = digamma(a + b);
  gradient[0] = (-r * (dr + N * (Math.log(alpha) - digamma(r)))) / N;
  gradient[1] = (-alpha * (dAlpha + (N * r) / alpha)) / N;
  gradient[2] = (-a * (da + N * psiAB)) / N;
  gradient[3] = (-b * (db + N * (psiAB - digamma(b)))) / N;
  return -ll / N;
}

/** A model's likelihood as the fit reads it: the objective, the customers' mean T and their number. */
export interface BtydObjective {
  /** Mean negative log-likelihood per customer at v = (ln r, ln α, ln a, ln b), gradient into the second argument. */
  readonly objective: Objective;
  readonly meanT: number;
  readonly customers: number;
}

/**
 * The objective of grouped histories (Infinity beyond e^±15 in any parameter): the tables at each trial
 * point, `groupSums` adding a model's terms into `terms.sums`, the shared parts added by meanWithGradient.
 */
export function groupedObjective(
  list: readonly HistoryGroup[],
  customers: number,
  shift: 0 | 1,
  groupSums: (r: number, a: number, terms: GroupTerms) => void,
): BtydObjective {
  const terms = groupTerms(list, shift);
  let sumT = 0;
  for (let i = 0; i < list.length; i++) sumT += list[i].n * list[i].c.T;
  const N = Math.max(customers, 1);
  const objective: Objective = (v, gradient) => {
    // Parameters past e^±15 mean the data cannot pin them down (e.g. no dropout signal): stay inside.
    for (let k = 0; k < v.length; k++) if (!(Math.abs(v[k]) <= MAX_LOG_PARAM)) return Infinity;
    const r = Math.exp(v[0]);
    const alpha = Math.exp(v[1]);
    const a = Math.exp(v[2]);
    const b = Math.exp(v[3]);
    tabulateTerms(terms, r, alpha, a, b);
    groupSums(r, a, terms);
    return meanWithGradient(terms, r, alpha, a, b, N, gradient);
  };
  return { objective, meanT: sumT / N, customers: N };
}

/** ψ(r + x), ψ(b + x + shift) and ψ(a + b + x + shift) for each of the distinct `xs`. */
function tabulateDigammas(
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
function logsAndInverses(
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
 * The objective returns the mean negative log-likelihood per customer (of `customers`) and writes its
 * gradient in v. BFGS with that analytic gradient (optimize.ts) ends in a few dozen evaluations where
 * a simplex took several hundred; should it stop short of a stationary point (not at a bound), the
 * Nelder–Mead simplex takes over from where it stopped, restarted until the likelihood stops improving.
 * A fit that ends near e^±15 in any parameter is reported as not converged.
 */
export function fitLogParameters({
  objective: meanNegLogLikelihood,
  meanT,
  customers,
}: BtydObjective): BgNbdFit {
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
