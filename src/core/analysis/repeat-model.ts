/**
 * The book's repeat-purchase model: BG/NBD and MBG/NBD fitted on the same customers, the one with the
 * higher likelihood chosen (both have four parameters, so this is also the AIC choice). Under BG/NBD a
 * customer who never bought again is alive with probability 1; MBG/NBD lets them drop out after the first
 * purchase, so when it fits the book better every customer with an order gets an informative P(alive).
 */
import {
  bgnbdBracket,
  expectedDenominator,
  expectedHead,
  expectedPurchases,
  fitBgNbd,
  pAlive,
  pAliveOf,
  type BgNbdFit,
  type BgNbdParams,
  type BtydCustomer,
} from "../classify/bgnbd";
import type { ChurnSettings } from "../classify/settings";
import {
  fitMbgNbd,
  mbgBracket,
  mbgExpectedHead,
  mbgExpectedPurchases,
  mbgPAlive,
  mbgPAliveOf,
} from "./mbgnbd";

export type RepeatModelKind = "bgnbd" | "mbgnbd";

/** Most customers the fits use; beyond that a deterministic sample keeps Apps Script inside its time limit. */
export const MAX_FIT_CUSTOMERS = 2_500;

/** The two fits and the choice between them. */
export interface RepeatModels {
  readonly customers: number;
  readonly repeatBuyers: number;
  /** Customers the fits used (all, or the deterministic sample above MAX_FIT_CUSTOMERS). */
  readonly fittedOn: number;
  /** Null when the book is too small to fit at all. */
  readonly bgnbd: BgNbdFit | null;
  readonly mbgnbd: BgNbdFit | null;
  /** The trusted fit with the higher log-likelihood; null when neither can be trusted. */
  readonly chosen: RepeatModelKind | null;
  /** Why none was chosen. */
  readonly reason: "few-customers" | "few-repeat-buyers" | "untrusted-fit" | null;
}

/** FNV-1a, so the fitting sample depends on the IDs only, never on row order (as classify's churn model). */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A fit the add-on relies on: converged, every parameter finite in [1e−6, 1e6]. */
function trusted(fit: BgNbdFit | null): fit is BgNbdFit {
  if (!fit || !fit.converged) return false;
  const p = fit.params;
  return [p.r, p.alpha, p.a, p.b].every((v) => Number.isFinite(v) && v >= 1e-6 && v <= 1e6);
}

/**
 * Fits both models to the customers' histories (`ids[i]` owns `histories[i]`; any one time unit, days in
 * the add-on) under the classification's trust rules: at least `minCustomers` customers and
 * `minRepeatBuyers` with a repeat purchase; above MAX_FIT_CUSTOMERS both fit the customers whose ID hash
 * falls in one 1/k slice (k = ⌈n / MAX_FIT_CUSTOMERS⌉), the same sample the classification uses.
 */
export function repeatModels(
  ids: readonly string[],
  histories: readonly BtydCustomer[],
  s: Pick<ChurnSettings, "minCustomers" | "minRepeatBuyers">,
): RepeatModels {
  const columns = {
    x: histories.map((c) => c.x),
    tx: histories.map((c) => c.tx),
    T: histories.map((c) => c.T),
  };
  return repeatModelsOfColumns((i) => ids[i], columns, s);
}

/** The customers' histories as columns: customer i's is (x[i], tx[i], T[i]). */
export interface HistoryColumns {
  readonly x: ArrayLike<number>;
  readonly tx: ArrayLike<number>;
  readonly T: ArrayLike<number>;
}

/**
 * {@link repeatModels} of histories given as columns (`idOf(i)` owns history i): the same fits, with a
 * history object made only for the customers the fits use.
 */
export function repeatModelsOfColumns(
  idOf: (i: number) => string,
  h: HistoryColumns,
  s: Pick<ChurnSettings, "minCustomers" | "minRepeatBuyers">,
): RepeatModels {
  const customers = h.x.length;
  const repeatBuyers = countPositive(h.x);
  const reason = tooFew(customers, repeatBuyers, s);
  if (reason) return none(customers, repeatBuyers, reason);
  const k = customers > MAX_FIT_CUSTOMERS ? Math.ceil(customers / MAX_FIT_CUSTOMERS) : 1;
  return fitBoth(customers, repeatBuyers, sampleOf(idOf, h, k));
}

/** How many values are above 0. (Each loop a small function: compiled alone, not with its caller.) */
function countPositive(values: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) count++;
  return count;
}

/** The histories whose ID hash falls in the 1/k slice (all when k = 1), in order, as objects. */
function sampleOf(idOf: (i: number) => string, h: HistoryColumns, k: number): BtydCustomer[] {
  const sample: BtydCustomer[] = [];
  for (let i = 0; i < h.x.length; i++)
    if (k === 1 || hashId(idOf(i)) % k === 0) sample.push({ x: h.x[i], tx: h.tx[i], T: h.T[i] });
  return sample;
}

/** Why the book is too small to fit, if it is. */
function tooFew(
  customers: number,
  repeatBuyers: number,
  s: Pick<ChurnSettings, "minCustomers" | "minRepeatBuyers">,
): RepeatModels["reason"] {
  if (customers < s.minCustomers) return "few-customers";
  if (repeatBuyers < s.minRepeatBuyers) return "few-repeat-buyers";
  return null;
}

/** No fit, and why. */
function none(customers: number, repeatBuyers: number, reason: RepeatModels["reason"]): RepeatModels {
  return { customers, repeatBuyers, fittedOn: 0, bgnbd: null, mbgnbd: null, chosen: null, reason };
}

/** Both fits on the sample, and the choice between them. */
function fitBoth(customers: number, repeatBuyers: number, sample: readonly BtydCustomer[]): RepeatModels {
  const bgnbd = fitBgNbd(sample);
  const mbgnbd = fitMbgNbd(sample);
  const usable = [trusted(bgnbd) ? bgnbd : null, trusted(mbgnbd) ? mbgnbd : null];
  let chosen: RepeatModelKind | null = null;
  if (usable[0] && usable[1]) chosen = usable[1].logLikelihood > usable[0].logLikelihood ? "mbgnbd" : "bgnbd";
  else if (usable[0]) chosen = "bgnbd";
  else if (usable[1]) chosen = "mbgnbd";
  return {
    customers,
    repeatBuyers,
    fittedOn: sample.length,
    bgnbd,
    mbgnbd,
    chosen,
    reason: chosen ? null : "untrusted-fit",
  };
}

/** P(alive) of a history under the model (BG/NBD gives 1 without a repeat purchase). */
export function pAliveUnder(kind: RepeatModelKind, params: BgNbdParams, c: BtydCustomer): number {
  return kind === "mbgnbd" ? mbgPAlive(params, c) : pAlive(params, c);
}

/** Expected purchases in the next `t` time units under the model; throws when the ₂F₁ series fails. */
export function expectedUnder(
  kind: RepeatModelKind,
  params: BgNbdParams,
  c: BtydCustomer,
  t: number,
): number {
  return kind === "mbgnbd" ? mbgExpectedPurchases(params, c, t) : expectedPurchases(params, c, t);
}

/** {@link pAliveUnder} of the history (x, t_x, T) given as numbers. */
export function pAliveOfHistory(
  kind: RepeatModelKind,
  params: BgNbdParams,
  x: number,
  tx: number,
  T: number,
): number {
  return kind === "mbgnbd" ? mbgPAliveOf(params, x, tx, T) : pAliveOf(params, x, tx, T);
}

/**
 * The customers (indices) in order of (x, T), ties in index order: customers with the same x and T come
 * together, so the ₂F₁ brackets — a function of x, T and the horizon alone — are computed once per such
 * run and no table of them is kept. Whole non-negative x and T (days in the add-on) are sorted as one
 * number each, natively; other values by a comparator.
 */
export function historyOrder(xs: ArrayLike<number>, Ts: ArrayLike<number>): Int32Array {
  const n = xs.length;
  let maxX = 0;
  let maxT = 0;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const T = Ts[i];
    if (!(Number.isInteger(x) && Number.isInteger(T) && x >= 0 && T >= 0)) whole = false;
    else {
      if (x > maxX) maxX = x;
      if (T > maxT) maxT = T;
    }
  }
  // (x · (max T + 1) + T) · 2^⌈log₂ n⌉ + i: exact while below 2^53, and its order is (x, T, i).
  if (whole && (maxX + 1) * (maxT + 1) * 2 * Math.max(n, 1) <= Number.MAX_SAFE_INTEGER)
    return wholeHistoryOrder(xs, Ts, maxT + 1);
  const rows = Array.from({ length: n }, (_, i) => i);
  return Int32Array.from(rows.sort((a, b) => xs[a] - xs[b] || Ts[a] - Ts[b] || a - b));
}

/** {@link historyOrder} of whole x and T, T below `spanT`: one key per customer, sorted natively. */
function wholeHistoryOrder(xs: ArrayLike<number>, Ts: ArrayLike<number>, spanT: number): Int32Array {
  const n = xs.length;
  // The index in the low bits, below a power of two: taken back out exactly by a floor, not a remainder.
  let rows = 1;
  while (rows < n) rows *= 2;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (xs[i] * spanT + Ts[i]) * rows + i;
  keys.sort();
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[j] = keys[j] - Math.floor(keys[j] / rows) * rows;
  return order;
}

/**
 * The ₂F₁ brackets of (x, T) at each horizon (bgnbdBracket or mbgBracket) into `out[h]`; all NaN when the
 * series fails at any of them.
 */
export function bracketsOf(
  kind: RepeatModelKind,
  params: BgNbdParams,
  x: number,
  T: number,
  horizons: Float64Array,
  out: Float64Array,
): void {
  try {
    for (let h = 0; h < horizons.length; h++)
      out[h] =
        kind === "mbgnbd" ? mbgBracket(params, x, T, horizons[h]) : bgnbdBracket(params, x, T, horizons[h]);
  } catch {
    out.fill(NaN);
  }
}

/** The factor of the expectation that depends on x alone (see expectedHead, mbgExpectedHead). */
export function expectedHeadUnder(kind: RepeatModelKind, params: BgNbdParams, x: number): number {
  return kind === "mbgnbd" ? mbgExpectedHead(params, x) : expectedHead(params, x);
}

/**
 * One expectation from its parts, as expectedFromBrackets and mbgExpectedFromBrackets form it: 0 at a
 * horizon ≤ 0, else head · bracket · scale / divisor — BG/NBD's scale is 1 and MBG/NBD's divisor 1, and
 * both are exact, so the value is theirs bit for bit. `scale`: MBG/NBD's P(alive); `divisor`: BG/NBD's
 * expectedDenominator.
 */
export function expectationFrom(
  horizon: number,
  head: number,
  bracket: number,
  scale: number,
  divisor: number,
): number {
  return horizon <= 0 ? 0 : (head * bracket * scale) / divisor;
}
