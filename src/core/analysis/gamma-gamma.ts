import type { OrderTable } from "./order-table";
import { logGamma } from "../classify/special";
import { bfgs, digamma, type Objective } from "./optimize";

/** Per-customer repeat-purchase summary in the BTYD convention. */
export interface RepeatSummary {
  /** Index into the table's customers. */
  readonly customer: Int32Array;
  /** Repeat transactions: distinct purchase days − 1. */
  readonly frequency: Int32Array;
  /** Days from first to last purchase. */
  readonly recency: Int32Array;
  /** Days from first purchase to the analysis date. */
  readonly age: Int32Array;
  /** Mean value of the repeat transactions (first day excluded); 0 when frequency is 0. */
  readonly monetary: Float64Array;
}

/** Longest run of one customer's lines put in day order by insertion; longer ones by a stable sort. */
const INSERTION_RUN = 32;

/**
 * Puts days[lo..hi) in ascending order, moving amounts along; stable, so the lines of one day keep their
 * table order (the order their amounts are added in). `scratch` holds at least hi − lo entries.
 */
function sortByDay(
  days: Int32Array,
  amounts: Float64Array,
  lo: number,
  hi: number,
  scratch: Int32Array,
): void {
  let sorted = true;
  for (let k = lo + 1; k < hi && sorted; k++) if (days[k] < days[k - 1]) sorted = false;
  if (sorted) return;
  if (hi - lo <= INSERTION_RUN) {
    for (let k = lo + 1; k < hi; k++) {
      const d = days[k];
      const v = amounts[k];
      let j = k - 1;
      while (j >= lo && days[j] > d) {
        days[j + 1] = days[j];
        amounts[j + 1] = amounts[j];
        j--;
      }
      days[j + 1] = d;
      amounts[j + 1] = v;
    }
    return;
  }
  // A heavy buyer's many lines: positions sorted by (day, position), which Array.sort keeps stable too.
  const order = Array.from({ length: hi - lo }, (_, k) => lo + k).sort((x, y) => days[x] - days[y] || x - y);
  const moved = new Float64Array(hi - lo);
  for (let k = 0; k < order.length; k++) {
    scratch[k] = days[order[k]];
    moved[k] = amounts[order[k]];
  }
  days.set(scratch.subarray(0, hi - lo), lo);
  amounts.set(moved, lo);
}

/** Most lines one block of customers gathers at a time (3 MB of scratch). */
const BLOCK_LINES = 1 << 18;

/**
 * BTYD summary of each customer who bought on or before `asOfDay`: all of a customer's purchases on one
 * day form one transaction; frequency = transactions − 1; monetary = mean value of the repeat
 * transactions (lifetimes' summary_data_from_transaction_data convention, which the Gamma-Gamma model
 * assumes). Lines after `asOfDay` are ignored. Customers come out in table order.
 */
export function repeatSummary(table: OrderTable, asOfDay: number): RepeatSummary {
  // The lines on or before the date grouped by customer (a stable counting sort), each carrying its day
  // and amount, so the pass over a customer's lines reads them in a row instead of gathering them from
  // all over the table; then each customer's lines in day order. Customers go in blocks of at most
  // BLOCK_LINES lines (one pass over the table each), so the scratch stays small however long the table.
  const nc = table.customers.length;
  const { day, customer, amount } = table;
  const start = new Int32Array(nc + 1);
  for (let i = 0; i < table.length; i++) if (day[i] <= asOfDay) start[customer[i] + 1]++;
  let buyers = 0;
  let longest = 0;
  for (let c = 0; c < nc; c++) {
    const lines = start[c + 1];
    if (lines > 0) buyers++;
    if (lines > longest) longest = lines;
    start[c + 1] += start[c];
  }
  const size = Math.max(Math.min(start[nc], BLOCK_LINES), longest);
  const days = new Int32Array(size);
  const amounts = new Float64Array(size);
  const scratch = new Int32Array(longest > INSERTION_RUN ? longest : 0);
  const out = {
    customer: new Int32Array(buyers),
    frequency: new Int32Array(buyers),
    recency: new Int32Array(buyers),
    age: new Int32Array(buyers),
    monetary: new Float64Array(buyers),
  };
  let b = 0;
  for (let from = 0; from < nc;) {
    // The block: customers from..to − 1, as many as fit.
    let to = from + 1;
    while (to < nc && start[to + 1] - start[from] <= size) to++;
    const base = start[from];
    const fill = start.slice(from, to);
    for (let i = 0; i < table.length; i++) {
      const c = customer[i];
      if (c < from || c >= to || day[i] > asOfDay) continue;
      const k = fill[c - from]++ - base;
      days[k] = day[i];
      amounts[k] = amount[i];
    }
    for (let c = from; c < to; c++) {
      const lo = start[c] - base;
      const hi = start[c + 1] - base;
      if (lo === hi) continue;
      sortByDay(days, amounts, lo, hi, scratch);
      const first = days[lo];
      let transactions = 0;
      let repeatValue = 0;
      let k = lo;
      while (k < hi) {
        const d = days[k];
        let v = 0;
        while (k < hi && days[k] === d) v += amounts[k++];
        if (transactions > 0) repeatValue += v;
        transactions++;
      }
      out.customer[b] = c;
      out.frequency[b] = transactions - 1;
      out.recency[b] = days[hi - 1] - first;
      out.age[b] = asOfDay - first;
      out.monetary[b] = transactions > 1 ? repeatValue / (transactions - 1) : 0;
      b++;
    }
    from = to;
  }
  return out;
}

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
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    if (frequency[i] > 0 && monetary[i] > 0) {
      xs.push(frequency[i]);
      ms.push(monetary[i]);
    }
  }
  const n = xs.length;
  if (n < 3) throw new Error(`Gamma-Gamma needs at least 3 repeat customers, got ${n}`);
  const distinct = [...new Set(xs)].sort((a, b) => a - b);
  const slotCount = new Float64Array(distinct.length);
  const slotOf = new Map(distinct.map((x, i) => [x, i]));
  for (const x of xs) slotCount[slotOf.get(x)!]++;
  const xm = Float64Array.from(xs, (x, i) => x * ms[i]);
  const x64 = Float64Array.from(xs);
  // The terms that do not depend on γ, summed once.
  let sumLogM = 0;
  let sumXLogM = 0;
  let sumXLogX = 0;
  for (let i = 0; i < n; i++) {
    const lm = Math.log(ms[i]);
    sumLogM += lm;
    sumXLogM += xs[i] * lm;
    sumXLogX += xs[i] * Math.log(xs[i]);
  }
  const observed = ms.reduce((s, m) => s + m, 0) / n;
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
    let sumL = 0;
    let sumXL = 0;
    let sumR = 0;
    let sumXR = 0;
    for (let i = 0; i < n; i++) {
      const t = xm[i] + gamma;
      const lt = Math.log(t);
      const r = 1 / t;
      const x = x64[i];
      sumL += lt;
      sumXL += x * lt;
      sumR += r;
      sumXR += x * r;
    }
    ll -= p * sumXL + q * sumL;
    dp -= sumXL;
    dq -= sumL;
    const dg = (n * q) / gamma - (p * sumXR + q * sumR);
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
