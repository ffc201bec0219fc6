/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of models for
 * customer base analysis", IJRM 24): BG/NBD with a chance to drop out right after the first purchase too,
 * so a customer who never came back is not certainly alive. Same parameters (r, α, a, b) and time unit as
 * BG/NBD (src/core/classify/bgnbd.ts); the formulas are those of lifetimes' ModifiedBetaGeoFitter.
 */
import { offOne, type BgNbdFit, type BgNbdParams, type BtydCustomer } from "../classify/bgnbd";
import {
  fitLogParameters,
  groupHistories,
  logBetaGammaFactor,
  MAX_LOG_PARAM,
  tabulateLogFactor,
} from "../classify/btyd-fit";
import { hyp2f1 } from "../classify/special";

/**
 * Log-likelihood of one customer:
 * L = B(a, b+x+1)/B(a, b) · Γ(r+x)α^r / (Γ(r)(α+T)^(r+x)) · [1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)],
 * in logs, the bracket as log1p of an exponential so large T does not overflow.
 */
export function mbgnbdLogLikelihood(p: BgNbdParams, c: BtydCustomer): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  const base = logBetaGammaFactor(p, x, 1) - (r + x) * Math.log(alpha + T);
  const d = Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return base + (d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d)));
}

/**
 * Fits MBG/NBD by maximum likelihood as fitBgNbd fits BG/NBD (`fitLogParameters`: Nelder–Mead on
 * (ln r, ln α, ln a, ln b) from (1, mean T, 1, 1), restarted when it stalls); customers with equal (x, t_x, T)
 * grouped and their terms summed in a fixed order, so the estimate does not depend on the customers' order.
 * Not converged when the simplex hit its cap or a parameter ends near e^±15.
 */
export function fitMbgNbd(customers: readonly BtydCustomer[]): BgNbdFit {
  const list = groupHistories(customers);
  const xs = Float64Array.from(list, (g) => g.c.x);
  const ns = Float64Array.from(list, (g) => g.n);
  // Γ terms tabulated per distinct x, logs of α + t per distinct time, at each trial point.
  // Typed, as BG/NBD's: the tabulation is compiled once for both fits.
  const distinctX = Float64Array.from(new Set(xs));
  const xSlot = new Map(Array.from(distinctX, (x, i) => [x, i]));
  const xIndex = Int32Array.from(xs, (x) => xSlot.get(x)!);
  const times = Float64Array.from(new Set(list.flatMap((g) => [g.c.T, g.c.tx]))).sort();
  const timeSlot = new Map(Array.from(times, (t, i) => [t, i]));
  const tIndex = Int32Array.from(list, (g) => timeSlot.get(g.c.T)!);
  const txIndex = Int32Array.from(list, (g) => timeSlot.get(g.c.tx)!);
  const logFactor = new Float64Array(distinctX.length);
  const logBx = new Float64Array(distinctX.length);
  const logAT = new Float64Array(times.length);
  let sumT = 0;
  for (const c of customers) sumT += c.T;
  const terms: GroupTerms = { xs, ns, xIndex, tIndex, txIndex, logFactor, logBx, logAT };
  // Each loop a function of its own: compiled once and alone, not around the first loop of a larger one.
  const negLl = (v: readonly number[]): number => {
    for (let k = 0; k < v.length; k++) if (Math.abs(v[k]) > MAX_LOG_PARAM) return Infinity;
    const r = Math.exp(v[0]);
    const alpha = Math.exp(v[1]);
    const a = Math.exp(v[2]);
    const b = Math.exp(v[3]);
    tabulateLogFactor(r, alpha, a, b, distinctX, 1, logFactor);
    logsOfShifted(b, distinctX, logBx);
    logsOfShifted(alpha, times, logAT);
    return -groupSum(r, Math.log(a), terms);
  };
  return fitLogParameters(negLl, sumT / Math.max(customers.length, 1));
}

/** ln(shift + values[j]) into out[j]. */
function logsOfShifted(shift: number, values: Float64Array, out: Float64Array): void {
  for (let j = 0; j < values.length; j++) out[j] = Math.log(shift + values[j]);
}

/** The groups' columns and the tabulated logs at one trial point. */
interface GroupTerms {
  readonly xs: Float64Array;
  readonly ns: Float64Array;
  readonly xIndex: Int32Array;
  readonly tIndex: Int32Array;
  readonly txIndex: Int32Array;
  readonly logFactor: Float64Array;
  readonly logBx: Float64Array;
  readonly logAT: Float64Array;
}

/** The log-likelihood summed over the groups in order (each times its customers) at one trial point. */
function groupSum(r: number, logA: number, g: GroupTerms): number {
  const { xs, ns, xIndex, tIndex, txIndex, logFactor, logBx, logAT } = g;
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    const j = xIndex[i];
    const rx = r + xs[i];
    const lT = logAT[tIndex[i]];
    const d = logA - logBx[j] + rx * (lT - logAT[txIndex[i]]);
    const ll = logFactor[j] - rx * lT + (d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d)));
    total += ns[i] * ll;
  }
  return total;
}

/** P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)); below 1 for one-time buyers too. */
export function mbgPAlive(p: BgNbdParams, c: BtydCustomer): number {
  return mbgPAliveOf(p, c.x, c.tx, c.T);
}

/** {@link mbgPAlive} of the history (x, t_x, T) given as numbers: no object per customer in a loop over many. */
export function mbgPAliveOf(p: BgNbdParams, x: number, tx: number, T: number): number {
  const d = Math.log(p.a) - Math.log(p.b + x) + (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx));
  return 1 / (1 + Math.exp(d));
}

/** (a+b+x)/(a−1) of {@link mbgExpectedPurchases}, a function of x alone. */
export function mbgExpectedHead(p: BgNbdParams, x: number): number {
  const a = offOne(p.a);
  return (a + p.b + x) / (a - 1);
}

/**
 * Expected purchases in the next `t` time units given the history:
 * (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] / (1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)).
 * 0 for t ≤ 0; a is nudged off the singular a = 1 by 1e-9. Throws when the ₂F₁ series does not converge.
 */
export function mbgExpectedPurchases(p: BgNbdParams, c: BtydCustomer, t: number): number {
  return mbgExpectedPurchasesAt(p, c, [t])[0];
}

/**
 * {@link mbgExpectedPurchases} at each of the `horizons` (same values bit for bit), P(alive) and what else
 * depends on the customer alone computed once.
 */
export function mbgExpectedPurchasesAt(
  p: BgNbdParams,
  c: BtydCustomer,
  horizons: readonly number[],
): number[] {
  const brackets = Float64Array.from(horizons, (t) => mbgBracket(p, c.x, c.T, t));
  const out = new Float64Array(horizons.length);
  mbgExpectedFromBrackets(p, c, horizons, brackets, 0, out, 0);
  return Array.from(out);
}

/**
 * The ₂F₁ part of {@link mbgExpectedPurchases}, a function of x, T and the horizon t alone:
 * 1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t)); 0 for t ≤ 0. Throws when the series fails.
 */
export function mbgBracket(p: BgNbdParams, x: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = p;
  const a = offOne(p.a);
  const z = t / (alpha + T + t);
  return 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x + 1, a + b + x, z);
}

/**
 * {@link mbgExpectedPurchases} of customer `c` at each of the `horizons` from their brackets (see
 * mbgBracket; `brackets[from + h]` for horizon h), written to `out[to + h]`.
 */
export function mbgExpectedFromBrackets(
  p: BgNbdParams,
  c: BtydCustomer,
  horizons: readonly number[],
  brackets: ArrayLike<number>,
  from: number,
  out: Float64Array,
  to: number,
): void {
  const head = mbgExpectedHead(p, c.x);
  const alive = mbgPAlive(p, c);
  for (let h = 0; h < horizons.length; h++)
    out[to + h] = horizons[h] <= 0 ? 0 : head * brackets[from + h] * alive;
}
