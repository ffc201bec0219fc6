import {
  fitLogParameters,
  groupHistories,
  logBetaGammaFactor,
  MAX_LOG_PARAM,
  tabulateLogFactor,
} from "./btyd-fit";
import { hyp2f1 } from "./special";

/** A customer in the BTYD convention, in one time unit (days in the add-on, weeks for CDNOW). */
export interface BtydCustomer {
  /** Repeat purchases: distinct purchase days after the first. */
  readonly x: number;
  /** Time from the first to the last purchase. */
  readonly tx: number;
  /** Time from the first purchase to the analysis date. */
  readonly T: number;
}

/** BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rate ~ Gamma(r, α), dropout p ~ Beta(a, b). */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

export interface BgNbdFit {
  readonly params: BgNbdParams;
  /** Total log-likelihood at the estimate. */
  readonly logLikelihood: number;
  readonly converged: boolean;
}

/**
 * Log-likelihood of one customer, FHL (2005) eq. (6) in its 2F1-free closed form, computed in logs with a
 * log-sum-exp so large x and T do not overflow:
 * L = B(a, b+x)/B(a, b) · Γ(r+x)α^r / (Γ(r)(α+T)^(r+x)) + [x > 0] B(a+1, b+x−1)/B(a, b) · Γ(r+x)α^r / (Γ(r)(α+t_x)^(r+x)).
 */
export function bgnbdLogLikelihood(p: BgNbdParams, c: BtydCustomer): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  const common = logBetaGammaFactor(p, x, 0);
  const l1 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return common + l1;
  const l2 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  const m = Math.max(l1, l2);
  return common + m + Math.log(Math.exp(l1 - m) + Math.exp(l2 - m));
}

/**
 * Fits BG/NBD by maximum likelihood (`fitLogParameters`: Nelder–Mead on the logs of (r, α, a, b), restarted
 * when it stalls; not converged near e^±15). Customers with equal (x, t_x, T) are grouped, so the cost grows
 * with distinct histories, not customers. Deterministic: α starts at the mean T, the others at 1.
 */
export function fitBgNbd(customers: readonly BtydCustomer[]): BgNbdFit {
  const list = groupHistories(customers);
  const xs = Float64Array.from(list, (g) => g.c.x);
  const txs = Float64Array.from(list, (g) => g.c.tx);
  const Ts = Float64Array.from(list, (g) => g.c.T);
  const ns = Float64Array.from(list, (g) => g.n);
  let sumT = 0;
  for (let i = 0; i < Ts.length; i++) sumT += ns[i] * Ts[i];
  const integerX = list.every((g) => Number.isInteger(g.c.x));
  // The Γ terms depend on x only; with integer x they are tabulated once per trial point, for the x that
  // occur (a few dozen of up to a few hundred). Histories share few distinct T and t_x (whole days, and
  // mostly the same days for both): log(α + t) is taken once per distinct value of either and trial point,
  // not once per group. Same expressions, so the same sums bit for bit.
  const presentX = integerX ? Float64Array.from(new Set(xs)) : new Float64Array(0);
  const xSlot = new Map(Array.from(presentX, (x, j) => [x, j]));
  const xIndex = integerX ? Int32Array.from(xs, (x) => xSlot.get(x)!) : new Int32Array(0);
  const logFactor = new Float64Array(presentX.length);
  const logBx1 = new Float64Array(presentX.length);
  const times = new Float64Array(2 * list.length);
  times.set(Ts);
  times.set(txs, list.length);
  const distinctTimes = indexDistinct(times);
  const tIndex = distinctTimes.index.subarray(0, list.length);
  const txIndex = distinctTimes.index.subarray(list.length);
  const logATime = new Float64Array(distinctTimes.values.length);
  const terms: BgGroupTerms = { xs, ns, xIndex, tIndex, txIndex, logFactor, logBx1, logATime };
  // Each loop a function of its own: compiled once and alone, not around the first loop of a larger one.
  const negLl = (v: readonly number[]): number => {
    // Parameters past e^±15 mean the data cannot pin them down (e.g. no dropout signal): stay inside.
    for (let k = 0; k < v.length; k++) if (Math.abs(v[k]) > MAX_LOG_PARAM) return Infinity;
    const r = Math.exp(v[0]);
    const alpha = Math.exp(v[1]);
    const a = Math.exp(v[2]);
    const b = Math.exp(v[3]);
    if (!integerX) {
      let total = 0;
      for (const g of list) total += g.n * bgnbdLogLikelihood({ r, alpha, a, b }, g.c);
      return -total;
    }
    tabulateLogFactor(r, alpha, a, b, presentX, 0, logFactor);
    logsOfBxMinusOne(b, presentX, logBx1);
    shiftedLogs(alpha, distinctTimes.values, logATime);
    return -bgGroupSum(r, Math.log(a), terms);
  };
  return fitLogParameters(negLl, sumT / Math.max(customers.length, 1));
}

/** ln(shift + values[j]) into out[j]. */
function shiftedLogs(shift: number, values: Float64Array, out: Float64Array): void {
  for (let j = 0; j < values.length; j++) out[j] = Math.log(shift + values[j]);
}

/** ln(b + x − 1) of each x into out, summed in that order as the likelihood always summed it. */
function logsOfBxMinusOne(b: number, xs: Float64Array, out: Float64Array): void {
  for (let j = 0; j < xs.length; j++) out[j] = Math.log(b + xs[j] - 1);
}

/** The groups' columns and the tabulated logs at one trial point (integer x). */
interface BgGroupTerms {
  readonly xs: Float64Array;
  readonly ns: Float64Array;
  readonly xIndex: Int32Array;
  readonly tIndex: Int32Array;
  readonly txIndex: Int32Array;
  readonly logFactor: Float64Array;
  readonly logBx1: Float64Array;
  readonly logATime: Float64Array;
}

/** The log-likelihood summed over the groups in order (each times its customers) at one trial point. */
function bgGroupSum(r: number, logA: number, g: BgGroupTerms): number {
  const { xs, ns, xIndex, tIndex, txIndex, logFactor, logBx1, logATime } = g;
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const common = logFactor[xIndex[i]];
    const l1 = -(r + x) * logATime[tIndex[i]];
    let ll: number;
    if (x === 0) ll = common + l1;
    else {
      const l2 = logA - logBx1[xIndex[i]] - (r + x) * logATime[txIndex[i]];
      // The log-sum-exp with the larger term's exp(0) written as 1: the same sum bit for bit, one exp less.
      ll =
        l1 > l2
          ? common + l1 + Math.log(1 + Math.exp(l2 - l1))
          : common + l2 + Math.log(Math.exp(l1 - l2) + 1);
    }
    total += ns[i] * ll;
  }
  return total;
}

/** The distinct values of `values` (sorted) and, for each entry, the position of its value among them. */
function indexDistinct(values: Float64Array): { values: Float64Array; index: Int32Array } {
  const sorted = Float64Array.from(new Set(values)).sort();
  const position = new Map<number, number>();
  sorted.forEach((v, j) => position.set(v, j));
  return { values: sorted, index: Int32Array.from(values, (v) => position.get(v)!) };
}

/**
 * P(alive | x, t_x, T), FHL (2005) eq. (11): 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 * Customers with no repeat purchase are alive with probability 1 under the model (they cannot have dropped
 * out before their first repeat).
 */
export function pAlive(p: BgNbdParams, c: BtydCustomer): number {
  return pAliveOf(p, c.x, c.tx, c.T);
}

/** {@link pAlive} of the history (x, t_x, T) given as numbers: no object per customer in a loop over many. */
export function pAliveOf(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const ratio = (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx));
  return 1 / (1 + (p.a / (p.b + x - 1)) * Math.exp(ratio));
}

/**
 * Expected purchases in the next `t` time units given the history, FHL (2005) eq. (10):
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / (1 + [x > 0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x)).
 * 0 for t ≤ 0. The formula is singular at a = 1; a is nudged off 1 by 1e-9 there.
 */
export function expectedPurchases(p: BgNbdParams, c: BtydCustomer, t: number): number {
  return expectedPurchasesAt(p, c, [t])[0];
}

/**
 * {@link expectedPurchases} at each of the `horizons` (same values bit for bit), what depends on the customer
 * alone computed once: a lifetime value needs a customer's expectation at the end of every month.
 */
export function expectedPurchasesAt(p: BgNbdParams, c: BtydCustomer, horizons: readonly number[]): number[] {
  const brackets = Float64Array.from(horizons, (t) => bgnbdBracket(p, c.x, c.T, t));
  const out = new Float64Array(horizons.length);
  expectedFromBrackets(p, c, horizons, brackets, 0, out, 0);
  return Array.from(out);
}

/**
 * The ₂F₁ part of {@link expectedPurchases}, which depends on x, T and the horizon t alone (not on t_x):
 * 1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t)); 0 for t ≤ 0. Throws when the series fails.
 */
export function bgnbdBracket(p: BgNbdParams, x: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = p;
  const a = offOne(p.a);
  const z = t / (alpha + T + t);
  return 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
}

/**
 * {@link expectedPurchases} of customer `c` at each of the `horizons` from their brackets (see
 * bgnbdBracket; `brackets[from + h]` for horizon h), written to `out[to + h]`.
 */
export function expectedFromBrackets(
  p: BgNbdParams,
  c: BtydCustomer,
  horizons: readonly number[],
  brackets: ArrayLike<number>,
  from: number,
  out: Float64Array,
  to: number,
): void {
  const head = expectedHead(p, c.x);
  const denominator = expectedDenominator(p, c.x, c.tx, c.T);
  for (let h = 0; h < horizons.length; h++)
    out[to + h] = horizons[h] <= 0 ? 0 : (head * brackets[from + h]) / denominator;
}

/** (a+b+x−1)/(a−1) of {@link expectedPurchases}, a function of x alone. */
export function expectedHead(p: BgNbdParams, x: number): number {
  const a = offOne(p.a);
  return (a + p.b + x - 1) / (a - 1);
}

/** 1 + [x > 0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x), what {@link expectedPurchases} divides by. */
export function expectedDenominator(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, b } = p;
  const a = offOne(p.a);
  return x > 0 ? 1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 1;
}

/** a nudged off the singular a = 1 by 1e-9. */
export function offOne(a: number): number {
  return Math.abs(a - 1) < 1e-9 ? 1 + 1e-9 : a;
}
