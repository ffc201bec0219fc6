import type { OrderTable } from "./order-table";
import { nelderMead } from "../classify/nelder-mead";
import { logGamma } from "../classify/special";

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

/**
 * BTYD summary of each customer who bought on or before `asOfDay`: all of a customer's purchases on one
 * day form one transaction; frequency = transactions − 1; monetary = mean value of the repeat
 * transactions (lifetimes' summary_data_from_transaction_data convention, which the Gamma-Gamma model
 * assumes). Lines after `asOfDay` are ignored. Customers come out in table order.
 */
export function repeatSummary(table: OrderTable, asOfDay: number): RepeatSummary {
  // Line indexes grouped by customer (counting sort, linear), then each customer's few lines by day.
  const nc = table.customers.length;
  const start = new Int32Array(nc + 1);
  for (let i = 0; i < table.length; i++) if (table.day[i] <= asOfDay) start[table.customer[i] + 1]++;
  for (let c = 0; c < nc; c++) start[c + 1] += start[c];
  const fill = start.slice(0, nc);
  const idx = new Int32Array(start[nc]);
  for (let i = 0; i < table.length; i++) if (table.day[i] <= asOfDay) idx[fill[table.customer[i]]++] = i;
  const byDay = (a: number, b: number) => table.day[a] - table.day[b];
  for (let c = 0; c < nc; c++)
    if (start[c + 1] - start[c] > 1) idx.subarray(start[c], start[c + 1]).sort(byDay);
  const customer: number[] = [];
  const frequency: number[] = [];
  const recency: number[] = [];
  const age: number[] = [];
  const monetary: number[] = [];
  let k = 0;
  while (k < idx.length) {
    const c = table.customer[idx[k]];
    const first = table.day[idx[k]];
    let days = 0;
    let repeatValue = 0;
    let lastDay = first;
    while (k < idx.length && table.customer[idx[k]] === c) {
      const d = table.day[idx[k]];
      let v = 0;
      while (k < idx.length && table.customer[idx[k]] === c && table.day[idx[k]] === d)
        v += table.amount[idx[k++]];
      if (days > 0) repeatValue += v;
      days++;
      lastDay = d;
    }
    customer.push(c);
    frequency.push(days - 1);
    recency.push(lastDay - first);
    age.push(asOfDay - first);
    monetary.push(days > 1 ? repeatValue / (days - 1) : 0);
  }
  return {
    customer: Int32Array.from(customer),
    frequency: Int32Array.from(frequency),
    recency: Int32Array.from(recency),
    age: Int32Array.from(age),
    monetary: Float64Array.from(monetary),
  };
}

/** Gamma-Gamma spend model parameters (Fader, Hardie & Lee 2005, "RFM and CLV"). */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly v: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  /** Customers the fit used (frequency > 0 and monetary > 0). */
  readonly customers: number;
  /** Mean negative log-likelihood per customer at the optimum. */
  readonly meanNegLogLikelihood: number;
  readonly converged: boolean;
  /** Population mean spend per transaction implied by the fit: p·v / (q − 1) (null when q ≤ 1). */
  readonly impliedMeanSpend: number | null;
  /** Observed mean of the customers' monetary values. */
  readonly observedMeanSpend: number;
}

/**
 * Mean negative log-likelihood of the Gamma-Gamma model for customers with x > 0 repeat transactions of
 * mean value m (lifetimes' GammaGammaFitter, no penalty):
 * −[lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px − 1) ln m + px ln x − (px + q) ln(xm + v)].
 */
export function gammaGammaNegLogLikelihood(
  params: GammaGammaParams,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
): number {
  const { p, q, v } = params;
  let total = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    const m = monetary[i];
    const px = p * x;
    total +=
      logGamma(px + q) -
      logGamma(px) -
      logGamma(q) +
      q * Math.log(v) +
      (px - 1) * Math.log(m) +
      px * Math.log(x) -
      (px + q) * Math.log(x * m + v);
  }
  return -total / frequency.length;
}

/**
 * Fits p, q, v by maximum likelihood (Nelder–Mead on their logarithms, from 1, 1, 1 as lifetimes does,
 * then restarted once from the optimum to escape a collapsed simplex). Customers with frequency 0 or
 * monetary ≤ 0 are left out (the model describes repeat spend). Throws when fewer than 3 customers remain.
 * Parameters are searched within e^±10; `converged` is false when the optimum sits on that bound (spend
 * that the model does not describe, e.g. uniform noise) or the iteration cap was hit.
 * The Γ terms depend on x only, so they are computed once per distinct frequency, not per customer.
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
  const distinct = [...new Set(xs)];
  const slotOf = new Map(distinct.map((x, i) => [x, i]));
  const slot = Int32Array.from(xs, (x) => slotOf.get(x)!);
  const slotCount = new Float64Array(distinct.length);
  for (let i = 0; i < n; i++) slotCount[slot[i]]++;
  const logM = Float64Array.from(ms, Math.log);
  const logX = Float64Array.from(xs, Math.log);
  const objective = (l: readonly number[]) => {
    // Outside e^±10 the data carry no information and the simplex would only drift (flat likelihood).
    if (l.some((x) => Math.abs(x) > 10)) return Infinity;
    const p = Math.exp(l[0]);
    const q = Math.exp(l[1]);
    const v = Math.exp(l[2]);
    let total = 0;
    for (let s = 0; s < distinct.length; s++) {
      total += slotCount[s] * (logGamma(p * distinct[s] + q) - logGamma(p * distinct[s]));
    }
    total += n * (q * Math.log(v) - logGamma(q));
    for (let i = 0; i < n; i++) {
      const px = p * xs[i];
      total += (px - 1) * logM[i] + px * logX[i] - (px + q) * Math.log(xs[i] * ms[i] + v);
    }
    return -total / n;
  };
  const first = nelderMead(objective, [0, 0, 0], { step: 1, maxIterations: 2000 });
  const best = nelderMead(objective, first.x, { step: 0.1, maxIterations: 2000 });
  const [p, q, v] = best.x.map(Math.exp);
  const observed = ms.reduce((s, m) => s + m, 0) / n;
  return {
    p,
    q,
    v,
    customers: n,
    meanNegLogLikelihood: best.value,
    converged: first.converged && best.converged && best.x.every((x) => Math.abs(x) < 9.9),
    impliedMeanSpend: q > 1 ? (p * v) / (q - 1) : null,
    observedMeanSpend: observed,
  };
}

/**
 * Expected mean spend per future transaction of a customer with x repeat transactions of mean m:
 * (p·v + p·x·m) / (p·x + q − 1), a weighted mean of the population mean p·v/(q − 1) and m. With x = 0 it is
 * the population mean. Requires q > 1.
 */
export function expectedAverageSpend(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  return (p * v + p * x * m) / (p * x + q - 1);
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
