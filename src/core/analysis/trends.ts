import { monthIndexOfDay, monthKey, quarterKey } from "../calendar";
import { seriesOf, standardSeries } from "./monthly-series";
import { ordersInRuns, type OrderTable } from "./order-table";
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
  /**
   * Revenue change vs the previous period (month-on-month / quarter-on-quarter); null when that was 0, or
   * when this period is still running on the analysis date.
   */
  readonly change: number | null;
  /** Revenue change vs the same period a year earlier; null when there is none, it was 0, or this period is still running. */
  readonly yoy: number | null;
}

/**
 * Where each line falls among a trend's periods: `periodOf[keys[i] − base]`, the keys being the lines'
 * days (a table over the days' range: no month is computed per line) or, for a range of days too long
 * for a table, their months.
 */
interface LinePeriods {
  readonly keys: Float64Array | Int32Array;
  readonly base: number;
  readonly periodOf: Int32Array;
}

/** Longest range of days the periods are looked up by day (about 2,900 years); longer goes by month. */
const DAY_TABLE_DAYS = 1 << 20;

/** Words of period bits per customer in one pass of countCustomers. */
const WINDOW_WORDS = 4;

// The per-line loops below are each a small function of typed arrays: a report runs them once, cold,
// and V8 compiles a small loop sooner and more cheaply than one inside a large function.

/**
 * First and last day of the lines, into `out` (a return object would be code the loop's compiled form
 * has not seen run, and V8 would throw that compiled form away on first return).
 */
function dayRange(day: Float64Array, n: number, out: Float64Array): void {
  let first = day[0];
  let last = day[0];
  for (let i = 1; i < n; i++) {
    const d = day[i];
    if (d < first) first = d;
    if (d > last) last = d;
  }
  out[0] = first;
  out[1] = last;
}

/** Revenue of each line's period, in line order. */
function addRevenue(lines: LinePeriods, amount: Float64Array, n: number, revenue: Float64Array): void {
  const { keys, base, periodOf } = lines;
  for (let i = 0; i < n; i++) revenue[periodOf[keys[i] - base]] += amount[i];
}

/**
 * Revenue of each line's period (in line order) and, when each order's lines form a run, distinct orders
 * per period in the same pass: a run counts once in each period its lines show up in (almost always one),
 * the run a period last counted being remembered per period.
 */
function addRevenueAndRunOrders(
  lines: LinePeriods,
  amount: Float64Array,
  order: Int32Array,
  n: number,
  revenue: Float64Array,
  orders: Int32Array,
): void {
  const { keys, base, periodOf } = lines;
  const countedRun = new Int32Array(orders.length).fill(-1);
  let run = -1;
  for (let i = 0; i < n; i++) {
    const p = periodOf[keys[i] - base];
    revenue[p] += amount[i];
    if (i === 0 || order[i] !== order[i - 1]) run++;
    if (countedRun[p] !== run) {
      countedRun[p] = run;
      orders[p]++;
    }
  }
}

/**
 * Distinct orders per period for any order of lines: the first period of each order is remembered, and
 * the rare order whose lines span periods (bad data) falls back to a set of order · periods + period keys.
 */
function countOrders(
  lines: LinePeriods,
  order: Int32Array,
  orderCount: number,
  n: number,
  orders: Int32Array,
): void {
  const { keys, base, periodOf } = lines;
  const orderPeriod = new Int32Array(orderCount).fill(-1);
  const orderInOtherPeriod = new Set<number>();
  const periods = orders.length;
  for (let i = 0; i < n; i++) {
    const p = periodOf[keys[i] - base];
    const o = order[i];
    const seen = orderPeriod[o];
    if (seen === -1) {
      orderPeriod[o] = p;
      orders[p]++;
    } else if (seen !== p && !orderInOtherPeriod.has(o * periods + p)) {
      orderInOtherPeriod.add(o * periods + p);
      orders[p]++;
    }
  }
}

/**
 * Distinct customers per period into `out`: bits per customer and period, up to WINDOW_WORDS × 32 periods
 * at a time (one pass over the lines for ten years of months), so the scratch stays a few words per
 * customer however long the range. Only periods with sales (`periods`, ascending) take a bit, so a stray
 * far-off date costs no extra pass.
 */
function countCustomers(
  table: OrderTable,
  lines: LinePeriods,
  periods: readonly number[],
  out: Int32Array,
): void {
  const slotOfPeriod = new Int32Array(out.length).fill(-1);
  periods.forEach((p, slot) => (slotOfPeriod[p] = slot));
  const slotOf = lines.periodOf.map((p) => slotOfPeriod[p]);
  const W = Math.min(WINDOW_WORDS, Math.max(1, Math.ceil(periods.length / 32)));
  const words = new Uint32Array(table.customers.length * W);
  for (let first = 0; first < periods.length; first += 32 * W) {
    words.fill(0);
    setPeriodBits(
      { keys: lines.keys, base: lines.base, periodOf: slotOf },
      table.customer,
      table.length,
      first,
      W,
      words,
    );
    addBitCounts(words, W, periods, first, out);
  }
}

/** Adds each set bit of the customers' words (W per customer, bit b: slot first + b) to its period. */
function addBitCounts(
  words: Uint32Array,
  W: number,
  periods: readonly number[],
  first: number,
  out: Int32Array,
): void {
  for (let c = 0; c * W < words.length; c++)
    for (let k = 0; k < W; k++)
      for (let w = words[c * W + k]; w !== 0; w &= w - 1)
        out[periods[first + 32 * k + 31 - Math.clz32(w & -w)]]++;
}

/** Sets bit `slot − first` of each line's customer for the slots in [first, first + 32·W). */
function setPeriodBits(
  lines: LinePeriods,
  customer: Int32Array,
  n: number,
  first: number,
  W: number,
  words: Uint32Array,
): void {
  const { keys, base, periodOf: slotOf } = lines;
  const bits = 32 * W;
  for (let i = 0; i < n; i++) {
    const bit = slotOf[keys[i] - base] - first;
    if (bit >= 0 && bit < bits) words[customer[i] * W + (bit >>> 5)] |= 1 << (bit & 31);
  }
}

/**
 * Revenue, orders and active customers per period, every period from the first to the last with data
 * (empty ones as zeros, so charts keep a true time axis). `perYear` is 12 for months, 4 for quarters.
 */
function periodTrend(table: OrderTable, perYear: 12 | 4, asOfDay: number): PeriodPoint[] {
  const n = table.length;
  if (n === 0) return [];
  const range = new Float64Array(2);
  dayRange(table.day, n, range);
  const [firstDay, lastDay] = range;
  const firstMonth = monthIndexOfDay(firstDay);
  const lastMonth = monthIndexOfDay(lastDay);
  const monthsPerPeriod = 12 / perYear;
  const lo = Math.floor(firstMonth / monthsPerPeriod);
  const span = Math.floor(lastMonth / monthsPerPeriod) - lo + 1;
  // The period of each day (or month) in range, so the per-line loops index a table instead of dividing.
  let lines: LinePeriods;
  if (lastDay - firstDay < DAY_TABLE_DAYS && Number.isInteger(firstDay) && Number.isInteger(lastDay)) {
    const periodOf = new Int32Array(lastDay - firstDay + 1);
    for (let d = firstDay; d <= lastDay; d++)
      periodOf[d - firstDay] = Math.floor(monthIndexOfDay(d) / monthsPerPeriod) - lo;
    lines = { keys: table.day, base: firstDay, periodOf };
  } else {
    const periodOf = new Int32Array(lastMonth - firstMonth + 1);
    for (let m = firstMonth; m <= lastMonth; m++)
      periodOf[m - firstMonth] = Math.floor(m / monthsPerPeriod) - lo;
    lines = { keys: table.month, base: firstMonth, periodOf };
  }
  const revenue = new Float64Array(span);
  const orders = new Int32Array(span);
  const customers = new Int32Array(span);
  if (ordersInRuns(table)) addRevenueAndRunOrders(lines, table.amount, table.order, n, revenue, orders);
  else {
    addRevenue(lines, table.amount, n, revenue);
    countOrders(lines, table.order, table.orderCount, n, orders);
  }
  // Every line's order counts in the line's period, so the periods with orders are those with sales.
  const withSales: number[] = [];
  for (let p = 0; p < span; p++) if (orders[p] > 0) withSales.push(p);
  countCustomers(table, lines, withSales, customers);
  const key = perYear === 12 ? monthKey : quarterKey;
  // The period the analysis date falls in, unless that date is its last day: still running, so its part
  // is not compared with whole periods (a month that is nine days old is not a 70 % drop).
  const periodOfDay = (d: number) => Math.floor(monthIndexOfDay(d) / monthsPerPeriod) - lo;
  const running =
    Number.isFinite(asOfDay) && periodOfDay(asOfDay + 1) === periodOfDay(asOfDay) ? periodOfDay(asOfDay) : -1;
  return Array.from({ length: span }, (_, p) => ({
    key: key(lo + p),
    revenue: revenue[p],
    orders: orders[p],
    customers: customers[p],
    change: p > 0 && p !== running ? relativeChange(revenue[p - 1], revenue[p]) : null,
    yoy: p >= perYear && p !== running ? relativeChange(revenue[p - perYear], revenue[p]) : null,
  }));
}

/**
 * Monthly trend ("YYYY-MM"); `change` is month-on-month, `yoy` year-on-year. With `asOfDay`, the month it
 * falls in is still running unless it is the month's last day: that month gets neither change (null).
 */
export function monthlyTrend(table: OrderTable, asOfDay = Infinity): PeriodPoint[] {
  return periodTrend(table, 12, asOfDay);
}

/** Quarterly trend ("YYYY-Qn"), as {@link monthlyTrend}: `change` quarter-on-quarter, `yoy` year-on-year. */
export function quarterlyTrend(table: OrderTable, asOfDay = Infinity): PeriodPoint[] {
  return periodTrend(table, 4, asOfDay);
}

/** Seasonality of one series: index per calendar month (January first). */
export interface Seasonality {
  /** "" for all revenue, else the category. */
  readonly category: string;
  /**
   * 12 entries: each calendar month's mean ratio of revenue to the centred 12-month moving average,
   * scaled so the twelve average 1 (1.3 = that month sells 30 % above trend). All null when the history
   * is shorter than two years.
   */
  readonly index: readonly (number | null)[];
  /** Calendar month (1–12) with the highest index; ties to the earlier month; null without an index. */
  readonly peakMonth: number | null;
  /** Meteorological season (northern hemisphere) with the highest summed index; null without an index. */
  readonly peakSeason: Season | null;
  /** Revenue of the months used. */
  readonly revenue: number;
  /** Months of history used (complete or prorated, see monthly-series.ts). */
  readonly months: number;
  /** False below MIN_SEASON_MONTHS months: "not enough history". */
  readonly enoughHistory: boolean;
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

/** Two full years: the centred 12-month average then covers each calendar month at least once. */
export const MIN_SEASON_MONTHS = 24;

/**
 * The classical ratio-to-moving-average index of a monthly series starting at calendar month `firstMonth`
 * (0 = January): the 2×12 centred moving average MAₜ = (½yₜ₋₆ + yₜ₋₅ + … + yₜ₊₅ + ½yₜ₊₆) / 12 removes trend
 * and season, yₜ / MAₜ is the month's seasonal-irregular ratio, each calendar month's ratios are averaged
 * and the twelve means scaled to average 1. A month whose MA is 0 gives no ratio.
 */
export function seasonalIndex(values: readonly number[], firstMonth: number): (number | null)[] {
  const n = values.length;
  const sum = new Float64Array(12);
  const count = new Int32Array(12);
  for (let t = 6; t + 6 < n; t++) {
    let ma = (values[t - 6] + values[t + 6]) / 2;
    for (let k = t - 5; k <= t + 5; k++) ma += values[k];
    ma /= 12;
    if (ma <= 0) continue;
    const m = (firstMonth + t) % 12;
    sum[m] += values[t] / ma;
    count[m]++;
  }
  const means = Array.from({ length: 12 }, (_, m) => (count[m] ? sum[m] / count[m] : null));
  const present = means.filter((v): v is number => v !== null);
  const scale = present.length ? present.reduce((a, b) => a + b, 0) / present.length : 0;
  return means.map((v) => (v === null || scale <= 0 ? null : v / scale));
}

function seasonalityOf(category: string, values: readonly number[], firstMonth: number): Seasonality {
  const revenue = values.reduce((a, b) => a + b, 0);
  const enoughHistory = values.length >= MIN_SEASON_MONTHS;
  const index = enoughHistory
    ? seasonalIndex(values, firstMonth % 12)
    : new Array<number | null>(12).fill(null);
  let peakMonth: number | null = null;
  const seasonScore = new Map<Season, number>();
  index.forEach((v, m) => {
    if (v === null) return;
    if (peakMonth === null || v > index[peakMonth - 1]!) peakMonth = m + 1;
    seasonScore.set(SEASON_OF_MONTH[m], (seasonScore.get(SEASON_OF_MONTH[m]) ?? 0) + v);
  });
  let peakSeason: Season | null = null;
  for (const [season, v] of seasonScore)
    if (peakSeason === null || v > seasonScore.get(peakSeason)!) peakSeason = season;
  return { category, index, peakMonth, peakSeason, revenue, months: values.length, enoughHistory };
}

/**
 * Seasonality by calendar month of all revenue and of each category, by ratio to the centred 12-month
 * moving average ({@link seasonalIndex}), over the months from the first sale to `asOfDay` (partial
 * months prorated or left out: monthly-series.ts); the same months for each category so categories
 * compare. Returns the total first, then at most `maxCategories` categories by revenue (highest first);
 * each says whether its history (two years at least) was enough. Empty without orders.
 */
export function seasonality(table: OrderTable, asOfDay: number, maxCategories = 12): Seasonality[] {
  const { total: totals, categories: byCategory } = standardSeries(table, asOfDay);
  if (totals.months === 0) return [];
  const categories = table.categories
    .map((name, c) => seasonalityOf(name, seriesOf(byCategory, c), byCategory.firstMonth))
    .sort((a, b) => b.revenue - a.revenue || (a.category < b.category ? -1 : 1))
    .slice(0, maxCategories);
  return [seasonalityOf("", seriesOf(totals, 0), totals.firstMonth), ...categories];
}
