import { monthKey, quarterKey } from "./calendar";
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
 * Revenue, orders and active customers per period, every period from the first to the last with data
 * (empty ones as zeros, so charts keep a true time axis). `perYear` is 12 for months, 4 for quarters.
 */
function periodTrend(table: OrderTable, perYear: 12 | 4): PeriodPoint[] {
  const n = table.length;
  if (n === 0) return [];
  const toPeriod = perYear === 12 ? (m: number) => m : (m: number) => Math.floor(m / 3);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const p = toPeriod(table.month[i]);
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  const span = hi - lo + 1;
  const revenue = new Float64Array(span);
  const orders = new Int32Array(span);
  const customers = new Int32Array(span);
  // "Last period seen" stamps count distinct orders/customers per period without sets; they need the lines
  // visited period by period, so bucket the line indexes first (counting sort).
  const start = new Int32Array(span + 1);
  for (let i = 0; i < n; i++) start[toPeriod(table.month[i]) - lo + 1]++;
  for (let p = 0; p < span; p++) start[p + 1] += start[p];
  const fill = start.slice(0, span);
  const byPeriod = new Int32Array(n);
  for (let i = 0; i < n; i++) byPeriod[fill[toPeriod(table.month[i]) - lo]++] = i;
  const orderStamp = new Int32Array(table.orderCount).fill(-1);
  const customerStamp = new Int32Array(table.customers.length).fill(-1);
  for (let p = 0; p < span; p++) {
    for (let k = start[p]; k < start[p + 1]; k++) {
      const i = byPeriod[k];
      revenue[p] += table.amount[i];
      if (orderStamp[table.order[i]] !== p) {
        orderStamp[table.order[i]] = p;
        orders[p]++;
      }
      if (customerStamp[table.customer[i]] !== p) {
        customerStamp[table.customer[i]] = p;
        customers[p]++;
      }
    }
  }
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
  if (table.length === 0) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < table.length; i++) {
    if (table.month[i] < lo) lo = table.month[i];
    if (table.month[i] > hi) hi = table.month[i];
  }
  const span = hi - lo + 1;
  const nCat = table.categories.length;
  const total = new Float64Array(span);
  const byCategory = Array.from({ length: nCat }, () => new Float64Array(span));
  for (let i = 0; i < table.length; i++) {
    const p = table.month[i] - lo;
    total[p] += table.amount[i];
    const c = table.category[i];
    if (c >= 0) byCategory[c][p] += table.amount[i];
  }
  const categories = table.categories
    .map((name, c) => seasonalityOf(name, byCategory[c], lo))
    .sort((a, b) => b.revenue - a.revenue || (a.category < b.category ? -1 : 1))
    .slice(0, maxCategories);
  return [seasonalityOf("", total, lo), ...categories];
}
