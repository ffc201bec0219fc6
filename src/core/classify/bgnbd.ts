import {
  fitLogParameters,
  groupedObjective,
  groupHistories,
  logBetaGammaFactor,
  MAX_LOG_PARAM,
  type BtydObjective,
  type GroupTerms,
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
 * Fits BG/NBD by maximum likelihood (`fitLogParameters`: BFGS on the logs of (r, α, a, b) with the analytic
 * gradient of {@link bgnbdObjective}, from α = mean T and the others 1; not converged near e^±15).
 * Customers with equal (x, t_x, T) are grouped and their terms summed in a fixed order, so the cost grows
 * with distinct histories, not customers, and the estimate does not depend on the customers' order.
 */
export function fitBgNbd(customers: readonly BtydCustomer[]): BgNbdFit {
  return fitLogParameters(bgnbdObjective(customers));
}

/**
 * The BG/NBD likelihood the fit maximises: the mean negative log-likelihood per customer at
 * v = (ln r, ln α, ln a, ln b), its gradient in v written into the second argument (Infinity beyond e^±15);
 * the customers' mean T (the fit's start for α) and their number. With whole x (days, weeks) the Γ and ψ
 * terms are tabulated once per trial point for the x that occur and log(α + t) once per distinct T or t_x
 * (groupedObjective); a non-integer x is summed customer by customer, its gradient by differences.
 */
export function bgnbdObjective(customers: readonly BtydCustomer[]): BtydObjective {
  const list = groupHistories(customers);
  const grouped = groupedObjective(list, customers.length, 0, bgGroupSums);
  if (list.every((g) => Number.isInteger(g.c.x))) return grouped;
  const N = grouped.customers;
  const meanNegLl = (v: readonly number[]): number => {
    const [r, alpha, a, b] = v.map(Math.exp);
    let total = 0;
    for (const g of list) total += g.n * bgnbdLogLikelihood({ r, alpha, a, b }, g.c);
    return -total / N;
  };
  return {
    ...grouped,
    objective: (v, gradient) =>
      v.every((x) => Math.abs(x) <= MAX_LOG_PARAM)
        ? withCentralDifferences(meanNegLl, v, gradient)
        : Infinity,
  };
}

/** f(v), its gradient by central differences (step 1e-6) into `gradient`: for the rare non-integer x. */
function withCentralDifferences(
  f: (v: readonly number[]) => number,
  v: readonly number[],
  gradient: number[],
): number {
  for (let k = 0; k < v.length; k++) {
    const up = v.slice();
    const down = v.slice();
    up[k] += 1e-6;
    down[k] -= 1e-6;
    gradient[k] = (f(up) - f(down)) / 2e-6;
  }
  return f(v);
}

/**
 * Over the groups in order (each times its customers), into `g.sums`: the log-likelihood and the
 * x-dependent parts of its derivatives in r, α, a and b. Per group, with l₁ = −(r+x) ln(α+T), l₂ = ln a −
 * ln(b+x−1) − (r+x) ln(α+t_x) (x > 0 only) and w = e^l₂/(e^l₁ + e^l₂) (0 for x = 0): ll = logFactor +
 * ln(e^l₁ + e^l₂); ∂r: ψ(r+x) − (1−w) ln(α+T) − w ln(α+t_x); ∂α: −(r+x)((1−w)/(α+T) + w/(α+t_x));
 * ∂a: −ψ(a+b+x) + w/a; ∂b: ψ(b+x) − ψ(a+b+x) − w/(b+x−1).
 */
function bgGroupSums(r: number, a: number, g: GroupTerms): void {
  const { xs, ns, xIndex, tIndex, txIndex, logFactor, logB, invB, psiRx, psiBx, psiABx, logAT, invAT } = g;
  const logA = Math.log(a);
  let ll = 0;
  let dr = 0;
  let dAlpha = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < xs.length; i++) {
    const j = xIndex[i];
    const n = ns[i];
    const x = xs[i];
    const rx = r + x;
    const lT = logAT[tIndex[i]];
    const l1 = -rx * lT;
    let w = 0;
    let lTx = 0;
    if (x === 0) ll += n * (logFactor[j] + l1);
    else {
      lTx = logAT[txIndex[i]];
      const l2 = logA - logB[j] - rx * lTx;
      const e = Math.exp(-Math.abs(l1 - l2));
      w = l2 > l1 ? 1 / (1 + e) : e / (1 + e);
      ll += n * (logFactor[j] + Math.max(l1, l2) + Math.log1p(e));
      da += (n * w) / a;
      db -= n * w * invB[j];
    }
    dr += n * (psiRx[j] - (1 - w) * lT - w * lTx);
    dAlpha -= n * rx * ((1 - w) * invAT[tIndex[i]] + (x === 0 ? 0 : w * invAT[txIndex[i]]));
    da -= n * psiABx[j];
    db += n * (psiBx[j] - psiABx[j]);
  }
  const sums = g.sums;
  sums[0] = ll;
  sums[1] = dr;
  sums[2] = dAlpha;
  sums[3] = da;
  sums[4] = db;
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
 * 1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z), z = t/(α+T+t); 0 for t ≤ 0. Summed after Euler's
 * transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z), where the powers of (1 − z) =
 * (α+T)/(α+T+t) cancel but one: 1 − (1−z)^(a−1) · ₂F₁(a+b−1−r, a−1; a+b+x−1; z). Its upper parameters do
 * not grow with x, so it needs a third of the terms (the same value to about 1e-11). Throws when the series
 * fails.
 */
export function bgnbdBracket(p: BgNbdParams, x: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = p;
  const a = offOne(p.a);
  const z = t / (alpha + T + t);
  return 1 - Math.pow((alpha + T) / (alpha + T + t), a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
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
