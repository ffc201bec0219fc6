import { logGamma } from "../classify/special";
import { bfgs, digamma, type Objective } from "./optimize";

// The summary the fit reads, kept importable from here.
export { repeatSummary, type RepeatSummary } from "./repeat-summary";

/**
 * Gamma-Gamma spend model parameters (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie 2013, "The
 * Gamma-Gamma Model of Monetary Value"): a transaction's value ~ Gamma(p, ν), ν ~ Gamma(q, γ) across
 * customers. Spend is in the sheet's currency; γ is in currency units too.
 */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** Why a fit is not used, when it is not: */
export type GammaGammaProblem =
  /** The likelihood keeps rising toward q → ∞ (or another parameter's bound): spend varies between
   * customers no more than chance, so the model's heterogeneity cannot be estimated. */
  | "boundary"
  /** No start reached a stationary point within the iteration cap. */
  | "no-convergence"
  /** Starts ended at different optima: the estimate is not unique. */
  | "starts-disagree"
  /** q ≤ 1: the mean spend p·γ/(q − 1) is undefined. */
  | "q-not-above-1";

export interface GammaGammaFit extends GammaGammaParams {
  /** Customers the fit used (frequency > 0 and monetary > 0). */
  readonly customers: number;
  /** Total log-likelihood at the estimate (as Fader & Hardie report it). */
  readonly logLikelihood: number;
  /** Mean negative log-likelihood per customer at the optimum. */
  readonly meanNegLogLikelihood: number;
  /** A unique interior maximum was found: gradient ≈ 0, parameters inside e^±9, two starts or more agree, q > 1. */
  readonly converged: boolean;
  /** Null when converged. */
  readonly problem: GammaGammaProblem | null;
  /** Optimiser starts made, and how many ended at the best estimate (relative difference < 1e-3). */
  readonly starts: number;
  readonly agreeing: number;
  /** Population mean spend per transaction implied by the fit: p·γ / (q − 1) (null when q ≤ 1). */
  readonly impliedMeanSpend: number | null;
  /** Observed mean of the customers' monetary values. */
  readonly observedMeanSpend: number;
}

/**
 * Mean negative log-likelihood of the Gamma-Gamma model for customers with x > 0 repeat transactions of
 * mean value m (Fader & Hardie 2013, eq. 3):
 * −[lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px − 1) ln m + px ln x − (px + q) ln(xm + γ)].
 */
export function gammaGammaNegLogLikelihood(
  params: GammaGammaParams,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
): number {
  const { p, q, gamma } = params;
  let total = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    const m = monetary[i];
    const px = p * x;
    total +=
      logGamma(px + q) -
      logGamma(px) -
      logGamma(q) +
      q * Math.log(gamma) +
      (px - 1) * Math.log(m) +
      px * Math.log(x) -
      (px + q) * Math.log(x * m + gamma);
  }
  return -total / frequency.length;
}

/** The distinct values of x·m (a customer's repeat spend) and, per customer, the position of theirs. */
interface DistinctTotals {
  readonly values: Float64Array;
  readonly index: Int32Array;
}

/** x·m per customer, as the likelihood has always formed it, numbered by distinct value. */
function distinctTotals(xs: Float64Array, ms: Float64Array): DistinctTotals {
  const slot = new Map<number, number>();
  const values: number[] = [];
  const index = new Int32Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const t = xs[i] * ms[i];
    let k = slot.get(t);
    if (k === undefined) {
      k = values.length;
      slot.set(t, k);
      values.push(t);
    }
    index[i] = k;
  }
  return { values: Float64Array.from(values), index };
}

/**
 * Σ ln t, Σ x ln t, Σ 1/t and Σ x/t over the customers, t = x·m + γ. Customers often share a repeat spend
 * x·m (whole-currency amounts), so ln t and 1/t are taken once per distinct x·m; the sums still run over the
 * customers in order, so they are the same bit for bit. Each loop is a function of its own: called once
 * per likelihood evaluation, a function with two loops is compiled around its first loop while it runs
 * and then leaves that code at the second on every call, running it unoptimised.
 */
function spendSums(
  xs: Float64Array,
  totals: DistinctTotals,
  gamma: number,
  logT: Float64Array,
  invT: Float64Array,
): { log: number; xLog: number; inverse: number; xInverse: number } {
  shiftedTerms(totals.values, gamma, logT, invT);
  const sums = new Float64Array(4);
  customerSums(xs, totals.index, logT, invT, sums);
  return { log: sums[0], xLog: sums[1], inverse: sums[2], xInverse: sums[3] };
}

/** ln t and 1/t of each distinct value, t = value + γ. */
function shiftedTerms(values: Float64Array, gamma: number, logT: Float64Array, invT: Float64Array): void {
  for (let k = 0; k < values.length; k++) {
    const t = values[k] + gamma;
    logT[k] = Math.log(t);
    invT[k] = 1 / t;
  }
}

/** The four sums over the customers in order, into `out`. */
function customerSums(
  xs: Float64Array,
  index: Int32Array,
  logT: Float64Array,
  invT: Float64Array,
  out: Float64Array,
): void {
  let log = 0;
  let xLog = 0;
  let inverse = 0;
  let xInverse = 0;
  for (let i = 0; i < xs.length; i++) {
    const lt = logT[index[i]];
    const r = invT[index[i]];
    const x = xs[i];
    log += lt;
    xLog += x * lt;
    inverse += r;
    xInverse += x * r;
  }
  out[0] = log;
  out[1] = xLog;
  out[2] = inverse;
  out[3] = xInverse;
}

/** Log-parameters beyond ±LOG_BOUND mean the data cannot pin the parameter down (e^9 ≈ 8,100). */
const LOG_BOUND = 9;

/**
 * Fits p, q, γ by maximum likelihood on the customers with at least one repeat transaction, each with the
 * mean value of their repeat transactions (Fader & Hardie's definition; customers with frequency 0 or
 * monetary ≤ 0 are left out). The search runs on (ln p, ln q, ln γ), which makes every trial point valid
 * and the scales comparable, by BFGS with the analytic gradient from three starts (p, q) = (1, 2), (5, 4),
 * (0.5, 10), each with γ set so the start's mean spend p·γ/(q − 1) equals the observed mean. The best end
 * point is the estimate; it is `converged` only when it is a stationary point inside e^±9, at least two
 * starts end there, and q > 1 — otherwise `problem` says why and no value should be computed from it.
 * Throws when fewer than 3 customers remain. Γ terms depend on x only, so they are computed once per
 * distinct frequency; each evaluation costs one logarithm and one division per customer.
 */
export function fitGammaGamma(frequency: ArrayLike<number>, monetary: ArrayLike<number>): GammaGammaFit {
  let n = 0;
  for (let i = 0; i < frequency.length; i++) if (frequency[i] > 0 && monetary[i] > 0) n++;
  if (n < 3) throw new Error(`Gamma-Gamma needs at least 3 repeat customers, got ${n}`);
  const xs = new Float64Array(n);
  const ms = new Float64Array(n);
  for (let i = 0, k = 0; i < frequency.length; i++) {
    if (frequency[i] > 0 && monetary[i] > 0) {
      xs[k] = frequency[i];
      ms[k++] = monetary[i];
    }
  }
  const distinct = Float64Array.from(new Set(xs)).sort();
  const slotCount = new Float64Array(distinct.length);
  const slotOf = new Map(Array.from(distinct, (x, i) => [x, i]));
  for (let i = 0; i < n; i++) slotCount[slotOf.get(xs[i])!]++;
  const totals = distinctTotals(xs, ms);
  // The terms that do not depend on γ, summed once.
  let sumLogM = 0;
  let sumXLogM = 0;
  let sumXLogX = 0;
  let sumM = 0;
  for (let i = 0; i < n; i++) {
    const lm = Math.log(ms[i]);
    sumLogM += lm;
    sumXLogM += xs[i] * lm;
    sumXLogX += xs[i] * Math.log(xs[i]);
    sumM += ms[i];
  }
  const observed = sumM / n;
  const logT = new Float64Array(totals.values.length);
  const invT = new Float64Array(totals.values.length);
  // Mean negative log-likelihood and its gradient in (ln p, ln q, ln γ).
  const objective: Objective = (l, gradient) => {
    if (l.some((v) => !Number.isFinite(v) || Math.abs(v) > 30)) return Infinity;
    const p = Math.exp(l[0]);
    const q = Math.exp(l[1]);
    const gamma = Math.exp(l[2]);
    let ll = 0;
    let dp = 0;
    let dq = 0;
    for (let s = 0; s < distinct.length; s++) {
      const x = distinct[s];
      const c = slotCount[s];
      ll += c * (logGamma(p * x + q) - logGamma(p * x));
      const psiSum = digamma(p * x + q);
      dp += c * x * (psiSum - digamma(p * x));
      dq += c * psiSum;
    }
    const logGammaParam = Math.log(gamma);
    ll += n * (q * logGammaParam - logGamma(q)) + p * sumXLogM - sumLogM + p * sumXLogX;
    dp += sumXLogM + sumXLogX;
    dq += n * (logGammaParam - digamma(q));
    const sums = spendSums(xs, totals, gamma, logT, invT);
    ll -= p * sums.xLog + q * sums.log;
    dp -= sums.xLog;
    dq -= sums.log;
    const dg = (n * q) / gamma - (p * sums.xInverse + q * sums.inverse);
    gradient[0] = (-p * dp) / n;
    gradient[1] = (-q * dq) / n;
    gradient[2] = (-gamma * dg) / n;
    return -ll / n;
  };
  const starts: [number, number][] = [
    [1, 2],
    [5, 4],
    [0.5, 10],
  ];
  const runs = starts.map(([p, q]) =>
    bfgs(objective, [Math.log(p), Math.log(q), Math.log((observed * (q - 1)) / p)], {
      gradientTolerance: 1e-6,
      maxIterations: 200,
      bound: LOG_BOUND,
    }),
  );
  // The best converged end point; without one, the lowest (reported as not converged).
  const pool = runs.some((r) => r.converged) ? runs.filter((r) => r.converged) : runs;
  const best = pool.reduce((a, b) => (b.value < a.value ? b : a));
  const [p, q, gamma] = best.x.map(Math.exp);
  const agreeing = runs.filter((r) =>
    r.x.every((v, i) => Math.abs(Math.exp(v - best.x[i]) - 1) < 1e-3),
  ).length;
  const problem: GammaGammaProblem | null =
    best.escaped || best.x.some((v) => Math.abs(v) > LOG_BOUND)
      ? "boundary"
      : !best.converged
        ? "no-convergence"
        : agreeing < 2
          ? "starts-disagree"
          : q <= 1
            ? "q-not-above-1"
            : null;
  return {
    p,
    q,
    gamma,
    customers: n,
    logLikelihood: -best.value * n,
    meanNegLogLikelihood: best.value,
    converged: problem === null,
    problem,
    starts: runs.length,
    agreeing,
    impliedMeanSpend: q > 1 ? (p * gamma) / (q - 1) : null,
    observedMeanSpend: observed,
  };
}

/**
 * Expected mean spend per future transaction of a customer with x repeat transactions of mean m:
 * (p·γ + p·x·m) / (p·x + q − 1), a weighted mean of the population mean p·γ/(q − 1) and m. With x = 0 it is
 * the population mean. Requires q > 1.
 */
export function expectedAverageSpend(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = params;
  return (p * gamma + p * x * m) / (p * x + q - 1);
}

/**
 * Customer lifetime value over `months` months: Σ_{i=1..months} (E[X(30·i)] − E[X(30·(i−1))]) · spend /
 * (1 + monthlyDiscount)^i, where `expectedPurchases(t)` is the expected number of transactions in the next
 * t days (the BG/NBD conditional expectation) and `spend` the expected average spend. With
 * monthlyDiscount 0 it is simply E[X(30·months)] · spend. Months are 30 days, as in lifetimes.
 */
export function lifetimeValue(
  expectedPurchases: (days: number) => number,
  spend: number,
  months: number,
  monthlyDiscount = 0,
): number {
  let value = 0;
  let previous = expectedPurchases(0);
  for (let i = 1; i <= months; i++) {
    const now = expectedPurchases(30 * i);
    value += ((now - previous) * spend) / (1 + monthlyDiscount) ** i;
    previous = now;
  }
  return value;
}
