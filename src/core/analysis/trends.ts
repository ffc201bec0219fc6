import { monthKey, quarterKey } from "../calendar";
import type { OrderTable } from "./order-table";
import { relativeChange } from "./stats";

/** One month or quarter of activity. */
export interface PeriodPoint {
  /** "YYYY-MM" or "YYYY-Qn". */
  readonly key: string;
  readonly revenue: number;
  /** Distinct orders placed in the period. */
  readonly orders: number;
  /** Distinct customers who ordered in the period. */
  readonly customers: number;
  /** Revenue change vs the previous period (month-on-month / quarter-on-quarter); null when that was 0. */
  readonly change: number | null;
  /** Revenue change vs the same period a year earlier; null when there is none or it was 0. */
  readonly yoy: number | null;
}

/**
 * Sets bit (slot − base) of each line's customer word for the lines whose period slot lies in
 * [base, base + 32); slotOfMonth gives a month's slot, −1 for none.
 */
function markWindow(
  table: OrderTable,
  firstMonth: number,
  slotOfMonth: Int32Array,
  base: number,
  words: Uint32Array,
): void {
  const { month, customer } = table;
  for (let i = 0; i < table.length; i++) {
    const bit = slotOfMonth[month[i] - firstMonth] - base;
    if (bit >= 0 && bit < 32) words[customer[i]] |= 1 << bit;
  }
}

/** For every bit b set in any word, adds one to out[periods[base + b]]. */
function tallyWindow(words: Uint32Array, periods: readonly number[], base: number, out: Int32Array): void {
  for (let c = 0; c < words.length; c++) {
    for (let w = words[c]; w !== 0; w &= w - 1) out[periods[base + 31 - Math.clz32(w & -w)]]++;
  }
}

/**
 * Distinct customers per period into `out`: one bit per customer and period, 32 periods at a time in one
 * word per customer, so the scratch stays one word per customer however long the range. Only periods with
 * sales (`periods`, ascending) take a bit, so a stray far-off date costs no extra pass.
 */
function countCustomers(
  table: OrderTable,
  firstMonth: number,
  periodOfMonth: Int32Array,
  periods: readonly number[],
  out: Int32Array,
): void {
  const slotOfPeriod = new Int32Array(out.length).fill(-1);
  periods.forEach((p, slot) => (slotOfPeriod[p] = slot));
  const slotOfMonth = periodOfMonth.map((p) => slotOfPeriod[p]);
  const words = new Uint32Array(table.customers.length);
  for (let base = 0; base < periods.length; base += 32) {
    words.fill(0);
    markWindow(table, firstMonth, slotOfMonth, base, words);
    tallyWindow(words, periods, base, out);
  }
}

/** The first and last month index among the table's `n` lines (n ≥ 1). */
function monthRange(month: ArrayLike<number>, n: number): [number, number] {
  let first = month[0];
  let last = month[0];
  for (let i = 1; i < n; i++) {
    const m = month[i];
    if (m < first) first = m;
    if (m > last) last = m;
  }
  return [first, last];
}

/**
 * Revenue, orders and active customers per period, every period from the first to the last with data
 * (empty ones as zeros, so charts keep a true time axis). `perYear` is 12 for months, 4 for quarters.
 */
function periodTrend(table: OrderTable, perYear: 12 | 4): PeriodPoint[] {
  const n = table.length;
  if (n === 0) return [];
  const { month, amount, order } = table;
  const [firstMonth, lastMonth] = monthRange(month, n);
  const toPeriod = (m: number) => (perYear === 12 ? m : Math.floor(m / 3));
  const lo = toPeriod(firstMonth);
  const span = toPeriod(lastMonth) - lo + 1;
  // Period of each month in range, so the per-line loops index a table instead of dividing.
  const periodOfMonth = new Int32Array(lastMonth - firstMonth + 1);
  for (let m = firstMonth; m <= lastMonth; m++) periodOfMonth[m - firstMonth] = toPeriod(m) - lo;
  const revenue = new Float64Array(span);
  const orders = new Int32Array(span);
  const customers = new Int32Array(span);
  // Distinct orders in the same pass: an order counts in the first period it shows up in; the rare order
  // whose lines span periods (bad data) falls back to a set of "order:period" keys.
  const orderPeriod = new Int32Array(table.orderCount).fill(-1);
  const orderInOtherPeriod = new Set<string>();
  for (let i = 0; i < n; i++) {
    const p = periodOfMonth[month[i] - firstMonth];
    revenue[p] += amount[i];
    const o = order[i];
    const seen = orderPeriod[o];
    if (seen === -1) {
      orderPeriod[o] = p;
      orders[p]++;
    } else if (seen !== p && !orderInOtherPeriod.has(`${o}:${p}`)) {
      orderInOtherPeriod.add(`${o}:${p}`);
      orders[p]++;
    }
  }
  // Every line's order counts in the line's period, so the periods with orders are those with sales.
  const withSales: number[] = [];
  for (let p = 0; p < span; p++) if (orders[p] > 0) withSales.push(p);
  countCustomers(table, firstMonth, periodOfMonth, withSales, customers);
  const key = perYear === 12 ? monthKey : quarterKey;
  return Array.from({ length: span }, (_, p) => ({
    key: key(lo + p),
    revenue: revenue[p],
    orders: orders[p],
    customers: customers[p],
    change: p > 0 ? relativeChange(revenue[p - 1], revenue[p]) : null,
    yoy: p >= perYear ? relativeChange(revenue[p - perYear], revenue[p]) : null,
  }));
}

/** Monthly trend ("YYYY-MM"); `change` is month-on-month, `yoy` year-on-year. */
export function monthlyTrend(table: OrderTable): PeriodPoint[] {
  return periodTrend(table, 12);
}

/** Quarterly trend ("YYYY-Qn"); `change` is quarter-on-quarter, `yoy` year-on-year. */
export function quarterlyTrend(table: OrderTable): PeriodPoint[] {
  return periodTrend(table, 4);
}

/** Seasonality of one series: index per calendar month (January first). */
export interface Seasonality {
  /** "" for all revenue, else the category. */
  readonly category: string;
  /** 12 entries; null for a calendar month the data range never covers. */
  readonly index: readonly (number | null)[];
  /** Calendar month (1–12) with the highest index; ties to the earlier month. */
  readonly peakMonth: number;
  /** Meteorological season (northern hemisphere) with the highest summed index. */
  readonly peakSeason: Season;
  readonly revenue: number;
}

export type Season = "spring" | "summer" | "autumn" | "winter";
const SEASON_OF_MONTH: readonly Season[] = [
  "winter",
  "winter",
  "spring",
  "spring",
  "spring",
  "summer",
  "summer",
  "summer",
  "autumn",
  "autumn",
  "autumn",
  "winter",
];

function seasonalityOf(category: string, monthly: Float64Array, firstMonth: number): Seasonality {
  const sum = new Float64Array(12);
  const count = new Int32Array(12);
  let total = 0;
  for (let p = 0; p < monthly.length; p++) {
    const m = (firstMonth + p) % 12;
    sum[m] += monthly[p];
    count[m]++;
    total += monthly[p];
  }
  const overallMean = total / monthly.length;
  const index = Array.from({ length: 12 }, (_, m) =>
    count[m] === 0 || overallMean === 0 ? null : sum[m] / count[m] / overallMean,
  );
  let peakMonth = 1;
  const seasonScore = new Map<Season, number>();
  index.forEach((v, m) => {
    if (v !== null && v > (index[peakMonth - 1] ?? -Infinity)) peakMonth = m + 1;
    seasonScore.set(SEASON_OF_MONTH[m], (seasonScore.get(SEASON_OF_MONTH[m]) ?? 0) + (v ?? 0));
  });
  let peakSeason: Season = "spring";
  for (const [s, v] of seasonScore) if (v > seasonScore.get(peakSeason)!) peakSeason = s;
  return { category, index, peakMonth, peakSeason, revenue: total };
}

/**
 * Seasonality index by calendar month: the mean revenue of that calendar month over the years in range,
 * divided by the mean revenue of all months in range (so 1 is an average month, 1.5 sells 50 % more).
 * The range is every month from the first to the last sale of the whole table, empty months as zero, the
 * same range for each category so categories compare. Returns the total first, then each category by
 * revenue (highest first); at most `maxCategories` categories.
 */
export function seasonality(table: OrderTable, maxCategories = 12): Seasonality[] {
  const n = table.length;
  if (n === 0) return [];
  const { month, amount, category } = table;
  const [lo, hi] = monthRange(month, n);
  const span = hi - lo + 1;
  const nCat = table.categories.length;
  const total = new Float64Array(span);
  // One block of `span` months per category in a single array: no per-line hop through an array of arrays.
  const byCategory = new Float64Array(nCat * span);
  for (let i = 0; i < n; i++) {
    const p = month[i] - lo;
    total[p] += amount[i];
    const c = category[i];
    if (c >= 0) byCategory[c * span + p] += amount[i];
  }
  const categories = table.categories
    .map((name, c) => seasonalityOf(name, byCategory.subarray(c * span, (c + 1) * span), lo))
    .sort((a, b) => b.revenue - a.revenue || (a.category < b.category ? -1 : 1))
    .slice(0, maxCategories);
  return [seasonalityOf("", total, lo), ...categories];
}
