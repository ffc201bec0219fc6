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

/**
 * x·m per customer, as the likelihood has always formed it, numbered by distinct value in order of first
 * appearance. An open-addressing table of typed arrays keyed by the product's bits: no Map, no boxed
 * doubles, a loop that compiles small.
 */
function distinctTotals(xs: Float64Array, ms: Float64Array): DistinctTotals {
  const n = xs.length;
  let bits = 4;
  while (1 << bits < 2 * n) bits++;
  const slots = new Int32Array(1 << bits).fill(-1);
  const values = new Float64Array(n);
  const index = new Int32Array(n);
  const count = numberTotals(xs, ms, { slots, values, index, shift: 32 - bits });
  return { values: values.slice(0, count), index };
}

/** A double's bits: written to BIT_VIEW, read as two halves from BITS (the same buffer). */
const BIT_VIEW = new Float64Array(1);
const BITS = new Int32Array(BIT_VIEW.buffer);

/** The loop of {@link distinctTotals}: returns how many distinct products there are. */
function numberTotals(
  xs: Float64Array,
  ms: Float64Array,
  t: { slots: Int32Array; values: Float64Array; index: Int32Array; shift: number },
): number {
  const { slots, values, index, shift } = t;
  const mask = slots.length - 1;
  let count = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i] * ms[i];
    BIT_VIEW[0] = v;
    // Fibonacci hashing: the top bits of the product depend on every bit of the double.
    let at = Math.imul(BITS[0] ^ Math.imul(BITS[1], 0x85ebca6b), 0x9e3779b1) >>> shift;
    let k = slots[at];
    while (k !== -1 && values[k] !== v) {
      at = (at + 1) & mask;
      k = slots[at];
    }
    if (k === -1) {
      k = count++;
      values[k] = v;
      slots[at] = k;
    }
    index[i] = k;
  }
  return count;
}

/**
 * Σ ln t, Σ x ln t, Σ 1/t and Σ x/t over the customers, t = x·m + γ. Customers often share a repeat spend
 * x·m (whole-currency amounts), so ln t and 1/t are taken once per distinct x·m; the sums still run over the
 * customers in order, so they are the same bit for bit. Each loop is a function of its own: called once
 * per likelihood evaluation, a function with two loops is compiled around its first loop while it runs
 * and then leaves that code at the second on every call, running it unoptimised. Into `sums`, in that
 * order (a scratch array, not an object per evaluation).
 */
function spendSums(
  xs: Float64Array,
  totals: DistinctTotals,
  gamma: number,
  logT: Float64Array,
  invT: Float64Array,
  sums: Float64Array,
): void {
  shiftedTerms(totals.values, gamma, logT, invT);
  customerSums(xs, totals.index, logT, invT, sums);
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
  out.fill(0);
  // The sums are stored on every step, not after the loop: compiled while the loop runs (on the first
  // call), stores after it would have run never and leave the compiled code on every call.
  for (let i = 0; i < xs.length; i++) {
    const lt = logT[index[i]];
    const r = invT[index[i]];
    const x = xs[i];
    out[0] = log += lt;
    out[1] = xLog += x * lt;
    out[2] = inverse += r;
    out[3] = xInverse += x * r;
  }
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
  const { xs, ms, sums: fixed } = repeatSpenders(frequency, monetary);
  const n = xs.length;
  if (n < 3) throw new Error(`Gamma-Gamma needs at least 3 repeat customers, got ${n}`);
  const { values: distinct, counts: slotCount } = distinctCounts(xs);
  const totals = distinctTotals(xs, ms);
  // The terms that do not depend on γ, summed once.
  const sumLogM = fixed[0];
  const sumXLogM = fixed[1];
  const sumXLogX = fixed[2];
  const observed = fixed[3] / n;
  const logT = new Float64Array(totals.values.length);
  const invT = new Float64Array(totals.values.length);
  const sums = new Float64Array(4);
  // Mean negative log-likelihood and its gradient in (ln p, ln q, ln γ).
  const objective: Objective = (l, gradient) => {
    for (let k = 0; k < l.length; k++) if (!Number.isFinite(l[k]) || Math.abs(l[k]) > 30) return Infinity;
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
    spendSums(xs, totals, gamma, logT, invT, sums);
    const log = sums[0];
    const xLog = sums[1];
    ll -= p * xLog + q * log;
    dp -= xLog;
    dq -= log;
    const dg = (n * q) / gamma - (p * sums[3] + q * sums[2]);
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
 * The frequency and monetary value of the customers with both above 0, in order, and over them Σ ln m,
 * Σ x ln m, Σ x ln x and Σ m (in that order in `sums`). One pass, one loop: compiled once, alone.
 */
function repeatSpenders(
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
): { xs: Float64Array; ms: Float64Array; sums: Float64Array } {
  const xs = new Float64Array(frequency.length);
  const ms = new Float64Array(frequency.length);
  let k = 0;
  let sumLogM = 0;
  let sumXLogM = 0;
  let sumXLogX = 0;
  let sumM = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    const m = monetary[i];
    if (!(x > 0 && m > 0)) continue;
    xs[k] = x;
    ms[k++] = m;
    const lm = Math.log(m);
    sumLogM += lm;
    sumXLogM += x * lm;
    sumXLogX += x * Math.log(x);
    sumM += m;
  }
  return {
    xs: xs.subarray(0, k),
    ms: ms.subarray(0, k),
    sums: Float64Array.of(sumLogM, sumXLogM, sumXLogX, sumM),
  };
}

/**
 * The distinct values of `xs` (ascending; no NaN) and how many times each occurs. Frequencies are whole
 * numbers, mostly small: counted in a table indexed by value; other values sorted.
 */
function distinctCounts(xs: Float64Array): { values: Float64Array; counts: Float64Array } {
  let max = 0;
  let whole = true;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x > max) max = x;
    if (!Number.isInteger(x) || x < 0) whole = false;
  }
  if (!whole || max > xs.length) return sortedCounts(xs);
  const table = new Float64Array(max + 1);
  for (let i = 0; i < xs.length; i++) table[xs[i]]++;
  let k = 0;
  for (let v = 0; v <= max; v++) if (table[v] > 0) k++;
  const values = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let v = 0, j = 0; v <= max; v++) {
    if (table[v] === 0) continue;
    values[j] = v;
    counts[j++] = table[v];
  }
  return { values, counts };
}

/** {@link distinctCounts} by sorting. */
function sortedCounts(xs: Float64Array): { values: Float64Array; counts: Float64Array } {
  const sorted = Float64Array.from(xs).sort();
  const counts = new Float64Array(sorted.length);
  let k = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i];
    counts[k - 1]++;
  }
  return { values: sorted.slice(0, k), counts: counts.slice(0, k) };
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

/**
 * {@link lifetimeValue} from a customer's expectations at the month ends already computed:
 * `curve[m]` = E[X(30·m)] for m = 0…months, `discounts[m]` = (1 + monthlyDiscount)^m. The same sum bit for bit.
 */
export function discountedValue(curve: Float64Array, spend: number, discounts: Float64Array): number {
  let value = 0;
  let previous = curve[0];
  for (let i = 1; i < curve.length; i++) {
    const now = curve[i];
    value += ((now - previous) * spend) / discounts[i];
    previous = now;
  }
  return value;
}
