import { monthKey } from "../calendar";
import {
  fitSmoothing,
  minimumLength,
  project,
  type SmoothingFit,
  type SmoothingMethod,
} from "./holt-winters";
import { customerGroupSeries, seriesOf, standardSeries } from "./monthly-series";
import { Z80 } from "./normal";
import type { OrderTable } from "./order-table";

/** One month of a forecast or backtest, revenue in the sheet's currency. */
export interface ForecastPoint {
  /** "YYYY-MM". */
  readonly month: string;
  readonly forecast: number;
  /** The 80 % interval. */
  readonly lower: number;
  readonly upper: number;
  /** Revenue booked that month (backtest), null for months ahead. */
  readonly actual: number | null;
}

/** The forecast of one series: the whole book, one segment or one category. */
export interface SeriesForecast {
  /** "all", or the segment (customers now in it, their whole history). */
  readonly segment: string;
  /** "all", or the category. */
  readonly category: string;
  /** The method chosen by the backtest; null when the history is too short for any. */
  readonly method: SmoothingMethod | null;
  /** Mean absolute percentage error of the chosen method on the held-out months (0.12 = 12 %). */
  readonly backtestMape: number | null;
  /** Each method tried and its backtest MAPE. */
  readonly candidates: readonly { readonly method: SmoothingMethod; readonly mape: number | null }[];
  /** The held-out months, forecast from the months before them. */
  readonly backtest: readonly ForecastPoint[];
  /** The months ahead, from the fit on the whole history. */
  readonly ahead: readonly ForecastPoint[];
  /** Months of history (complete or prorated). */
  readonly months: number;
}

export interface ForecastReport {
  readonly book: SeriesForecast;
  readonly segments: readonly SeriesForecast[];
  readonly categories: readonly SeriesForecast[];
}

/** Months forecast ahead. */
export const HORIZON = 12;
/** Fewest months for any forecast: a backtest of 3 months after the 4 a damped trend needs, plus slack. */
export const MIN_FORECAST_MONTHS = 9;

const METHODS: readonly SmoothingMethod[] = [
  "holt-winters-additive",
  "holt-winters-multiplicative",
  "holt-damped",
  "ses",
];

/**
 * The months held out: as many as leave two full seasons to fit the seasonal methods on (at most 12) when
 * the history allows at least 3 that way; else a quarter of the history (at least 3), with only the
 * damped trend and the level alone fitted.
 */
export function holdoutLength(months: number): number {
  const seasonal = Math.min(12, months - 2 * 12);
  return seasonal >= 3 ? seasonal : Math.max(3, Math.floor(months / 4));
}

/** MAPE over the months whose actual is not 0; null when all are 0. */
export function mape(actual: readonly number[], forecast: readonly number[]): number | null {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) continue;
    sum += Math.abs(actual[i] - forecast[i]) / Math.abs(actual[i]);
    n++;
  }
  return n ? sum / n : null;
}

/**
 * Forecasts a monthly series that starts at month ordinal `firstMonth`: every method with enough months
 * is fitted on all but the last {@link holdoutLength} months and scored by its MAPE on them; the best
 * (lowest MAPE, ties in METHODS order) is refitted on the whole series and projected {@link HORIZON}
 * months ahead with 80 % intervals. Below {@link MIN_FORECAST_MONTHS} months nothing is forecast.
 */
export function forecastSeries(
  values: readonly number[],
  firstMonth: number,
  segment = "all",
  category = "all",
): SeriesForecast {
  const n = values.length;
  const empty: SeriesForecast = {
    segment,
    category,
    method: null,
    backtestMape: null,
    candidates: [],
    backtest: [],
    ahead: [],
    months: n,
  };
  if (n < MIN_FORECAST_MONTHS) return empty;
  const hold = holdoutLength(n);
  const train = values.slice(0, n - hold);
  const test = values.slice(n - hold);
  const tried: { method: SmoothingMethod; mape: number | null; fit: SmoothingFit }[] = [];
  for (const method of METHODS) {
    if (train.length < minimumLength(method)) continue;
    const fit = fitSmoothing(train, method);
    if (!fit) continue;
    const points = project(fit, hold, Z80);
    tried.push({
      method,
      fit,
      mape: mape(
        test,
        points.map((p) => p.forecast),
      ),
    });
  }
  const scored = tried.filter((t) => t.mape !== null);
  if (!scored.length)
    return { ...empty, candidates: tried.map(({ method, mape: m }) => ({ method, mape: m })) };
  const best = scored.reduce((a, b) => (b.mape! < a.mape! ? b : a));
  const full = fitSmoothing(values, best.method);
  if (!full) return { ...empty, candidates: tried.map(({ method, mape: m }) => ({ method, mape: m })) };
  const backtest = project(best.fit, hold, Z80).map((p, i) => ({
    month: monthKey(firstMonth + n - hold + i),
    ...p,
    actual: test[i],
  }));
  const ahead = project(full, HORIZON, Z80).map((p, i) => ({
    month: monthKey(firstMonth + n + i),
    ...p,
    actual: null,
  }));
  return {
    segment,
    category,
    method: best.method,
    backtestMape: best.mape,
    candidates: tried.map(({ method, mape: m }) => ({ method, mape: m })),
    backtest,
    ahead,
    months: n,
  };
}

/**
 * Revenue forecasts of the book, of each of the `maxSeries` largest segments (by the customers'
 * `segmentOf`, blank ones left out) and of the `maxSeries` largest categories, over the months from the
 * first sale to `asOfDay` (partial months prorated or left out: monthly-series.ts).
 */
export function revenueForecasts(
  table: OrderTable,
  asOfDay: number,
  segmentOf: (customer: number) => string,
  maxSeries = 8,
): ForecastReport {
  const { total: book, categories: byCategory } = standardSeries(table, asOfDay);
  const segmentNames: string[] = [];
  const segmentIndex = new Map<string, number>();
  const segmentOfCustomer = new Int32Array(table.customers.length).fill(-1);
  for (let c = 0; c < segmentOfCustomer.length; c++) {
    const name = segmentOf(c);
    if (!name) continue;
    let k = segmentIndex.get(name);
    if (k === undefined) segmentIndex.set(name, (k = segmentNames.push(name) - 1));
    segmentOfCustomer[c] = k;
  }
  const bySegment = customerGroupSeries(table, asOfDay, segmentNames.length, segmentOfCustomer);
  const largest = (names: readonly string[], series: typeof bySegment) =>
    names
      .map((name, g) => ({ name, g, revenue: seriesOf(series, g).reduce((a, b) => a + b, 0) }))
      .filter((s) => s.revenue > 0)
      .sort((a, b) => b.revenue - a.revenue || (a.name < b.name ? -1 : 1))
      .slice(0, maxSeries);
  return {
    book: forecastSeries(seriesOf(book, 0), book.firstMonth),
    segments: largest(segmentNames, bySegment).map((s) =>
      forecastSeries(seriesOf(bySegment, s.g), bySegment.firstMonth, s.name, "all"),
    ),
    categories: largest(table.categories, byCategory).map((s) =>
      forecastSeries(seriesOf(byCategory, s.g), byCategory.firstMonth, "all", s.name),
    ),
  };
}
