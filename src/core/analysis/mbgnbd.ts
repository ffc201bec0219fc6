/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of models for
 * customer base analysis", IJRM 24): BG/NBD with a chance to drop out right after the first purchase too,
 * so a customer who never came back is not certainly alive. Same parameters (r, α, a, b) and time unit as
 * BG/NBD (src/core/classify/bgnbd.ts); the formulas are those of lifetimes' ModifiedBetaGeoFitter.
 */
import { offOne, type BgNbdFit, type BgNbdParams, type BtydCustomer } from "../classify/bgnbd";
import {
  fitLogParameters,
  groupedObjective,
  groupHistories,
  logBetaGammaFactor,
  type BtydObjective,
  type GroupTerms,
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
 * Fits MBG/NBD by maximum likelihood (`fitLogParameters`: BFGS on the logs of (r, α, a, b) with the analytic
 * gradient of {@link mbgnbdObjective}, from α = mean T and the others 1; not converged near e^±15).
 * Customers with equal (x, t_x, T) are grouped and their terms summed in a fixed order, so the cost grows
 * with distinct histories, not customers, and the estimate does not depend on the customers' order.
 */
export function fitMbgNbd(customers: readonly BtydCustomer[]): BgNbdFit {
  return fitLogParameters(mbgnbdObjective(customers));
}

/**
 * The MBG/NBD likelihood the fit maximises: the mean negative log-likelihood per customer at
 * v = (ln r, ln α, ln a, ln b), its gradient in v written into the second argument (Infinity beyond e^±15);
 * the customers' mean T (the fit's start for α) and their number.
 */
export function mbgnbdObjective(customers: readonly BtydCustomer[]): BtydObjective {
  return groupedObjective(groupHistories(customers), customers.length, 1, groupSums);
}

/**
 * Over the groups in order (each times its customers), into `g.sums`: the log-likelihood and the
 * x-dependent parts of its derivatives in r, α, a and b. Per group, with D = ln a − ln(b+x) +
 * (r+x)(ln(α+T) − ln(α+t_x)) and σ = 1/(1 + e^−D): ll = logFactor − (r+x) ln(α+T) + ln(1 + e^D);
 * ∂r: ψ(r+x) − ln(α+T) + σ(ln(α+T) − ln(α+t_x)); ∂α: −(r+x)/(α+T) + σ(r+x)(1/(α+T) − 1/(α+t_x));
 * ∂a: −ψ(a+b+x+1) + σ/a; ∂b: ψ(b+x+1) − ψ(a+b+x+1) − σ/(b+x).
 */
function groupSums(r: number, a: number, g: GroupTerms): void {
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
    const rx = r + xs[i];
    const lT = logAT[tIndex[i]];
    const lTx = logAT[txIndex[i]];
    const d = logA - logB[j] + rx * (lT - lTx);
    const e = Math.exp(-Math.abs(d));
    const sigma = d > 0 ? 1 / (1 + e) : e / (1 + e);
    ll += n * (logFactor[j] - rx * lT + (d > 0 ? d + Math.log1p(e) : Math.log1p(e)));
    dr += n * (psiRx[j] - lT + sigma * (lT - lTx));
    dAlpha += n * (-rx * invAT[tIndex[i]] + sigma * rx * (invAT[tIndex[i]] - invAT[txIndex[i]]));
    da += n * (sigma / a - psiABx[j]);
    db += n * (psiBx[j] - psiABx[j] - sigma * invB[j]);
  }
  const sums = g.sums;
  sums[0] = ll;
  sums[1] = dr;
  sums[2] = dAlpha;
  sums[3] = da;
  sums[4] = db;
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
 * 1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+1; a+b+x; z), z = t/(α+T+t); 0 for t ≤ 0. Summed after Euler's
 * transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z), where the powers of (1 − z) =
 * (α+T)/(α+T+t) cancel but one: 1 − (1−z)^(a−1) · ₂F₁(a+b−r, a−1; a+b+x; z). Its upper parameters do not
 * grow with x, so it needs a third of the terms (the same value to about 1e-11). Throws when the series
 * fails.
 */
export function mbgBracket(p: BgNbdParams, x: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = p;
  const a = offOne(p.a);
  const z = t / (alpha + T + t);
  return 1 - Math.pow((alpha + T) / (alpha + T + t), a - 1) * hyp2f1(a + b - r, a - 1, a + b + x, z);
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
