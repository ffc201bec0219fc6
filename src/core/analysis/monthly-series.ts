import { civilFromDay, daysInMonth, firstDayOfMonthIndex, monthIndexOfDay } from "../calendar";
import type { OrderTable } from "./order-table";

/**
 * Monthly revenue series for seasonality and forecasts, over the months the data covers: from the first
 * sale to the analysis date. A month the range covers only in part is prorated (its revenue divided by the
 * share of its days covered) when at least half of it is covered, and left out when less is: a series
 * never reads a fortnight as a slow month.
 */
export interface MonthlySeries {
  /** Month ordinal (src/core/calendar) of the first entry. */
  readonly firstMonth: number;
  /** Months in the series (consecutive). */
  readonly months: number;
  /** Revenue of each series (group) and month, `months` entries per group, prorated where partial. */
  readonly values: Float64Array;
  /** Share of each month's days covered (1 for complete months). */
  readonly coverage: Float64Array;
  readonly groups: number;
}

/** Least share of a month's days that must be covered for the month to be kept (prorated). */
export const MIN_COVERAGE = 0.5;

/** Longest range of days mapped to months through a table (about 2,900 years); longer goes by month column. */
const SLOT_TABLE_DAYS = 1 << 20;

/** The months a table's series cover up to one analysis date, shared by every series of that date. */
interface SeriesRange {
  /** The first sale on or before the date. */
  readonly firstDay: number;
  /** Month ordinal of the series' first entry, and the number of months. */
  readonly firstMonth: number;
  readonly months: number;
  readonly coverage: Float64Array;
  /** Series entry of each day from firstDay to the date (−1: a month left out); null when too long. */
  readonly slotOfDay: Int32Array | null;
  /** The total and per-category series, made together on first use. */
  standard?: { readonly total: MonthlySeries; readonly categories: MonthlySeries };
}

const ranges = new WeakMap<OrderTable, Map<number, SeriesRange | null>>();

/** The months from the first sale to `asOfDay`, found once per table and date; null without sales. */
function rangeOf(table: OrderTable, asOfDay: number): SeriesRange | null {
  let byDate = ranges.get(table);
  if (!byDate) ranges.set(table, (byDate = new Map()));
  const known = byDate.get(asOfDay);
  if (known !== undefined) return known;
  let firstDay = Infinity;
  for (let i = 0; i < table.length; i++)
    if (table.day[i] <= asOfDay && table.day[i] < firstDay) firstDay = table.day[i];
  let range: SeriesRange | null = null;
  if (Number.isFinite(firstDay)) {
    const from = monthIndexOfDay(firstDay);
    const to = monthIndexOfDay(asOfDay);
    const span = to - from + 1;
    const cover = new Float64Array(span);
    for (let m = 0; m < span; m++) {
      const start = firstDayOfMonthIndex(from + m);
      const { year, month } = civilFromDay(start);
      const length = daysInMonth(year, month);
      const covered = Math.min(start + length - 1, asOfDay) - Math.max(start, firstDay) + 1;
      cover[m] = covered / length;
    }
    const lo = cover[0] >= MIN_COVERAGE ? 0 : 1;
    const hi = cover[span - 1] >= MIN_COVERAGE ? span - 1 : span - 2;
    const months = Math.max(0, hi - lo + 1);
    let slotOfDay: Int32Array | null = null;
    if (asOfDay - firstDay < SLOT_TABLE_DAYS && Number.isInteger(asOfDay) && Number.isInteger(firstDay)) {
      // Each day's entry, so the per-line loops index a table instead of computing the month.
      slotOfDay = new Int32Array(asOfDay - firstDay + 1);
      for (let d = firstDay; d <= asOfDay; d++) {
        const m = monthIndexOfDay(d) - from - lo;
        slotOfDay[d - firstDay] = m >= 0 && m < months ? m : -1;
      }
    }
    range = { firstDay, firstMonth: from + lo, months, coverage: cover.slice(lo, lo + months), slotOfDay };
  }
  byDate.set(asOfDay, range);
  return range;
}

/** A series with no months. */
function empty(groups: number): MonthlySeries {
  return { firstMonth: 0, months: 0, values: new Float64Array(0), coverage: new Float64Array(0), groups };
}

/**
 * Adds each line on or before `asOfDay` to its month in every target whose `groupOf(i)` is ≥ 0, then
 * prorates the partial months: one pass over the lines for several series.
 */
function accumulate(
  table: OrderTable,
  range: SeriesRange,
  asOfDay: number,
  targets: readonly { values: Float64Array; groups: number; groupOf: (line: number) => number }[],
): void {
  const { amount, day } = table;
  const { months, firstDay, slotOfDay } = range;
  const month = slotOfDay === null ? table.month : null;
  const lo = range.firstMonth;
  for (let i = 0; i < table.length; i++) {
    const d = day[i];
    if (d > asOfDay) continue;
    const m = slotOfDay !== null ? slotOfDay[d - firstDay] : month![i] - lo;
    if (m < 0 || m >= months) continue;
    for (let t = 0; t < targets.length; t++) {
      const g = targets[t].groupOf(i);
      if (g >= 0) targets[t].values[g * months + m] += amount[i];
    }
  }
  const coverage = range.coverage;
  for (const { values, groups } of targets)
    for (let g = 0; g < groups; g++)
      for (let m = 0; m < months; m++) if (coverage[m] < 1) values[g * months + m] /= coverage[m];
}

/**
 * Revenue per month for `groups` series: line i counts toward series `groupOf(i)` (skipped when < 0);
 * lines after `asOfDay` are left out (the future is not history). Months from the month of the first
 * sale to the month of `asOfDay`, dropping a first or last month covered less than MIN_COVERAGE and
 * prorating one covered more. Empty (months 0) without sales on or before `asOfDay`.
 */
export function monthlySeries(
  table: OrderTable,
  asOfDay: number,
  groups: number,
  groupOf: (line: number) => number,
): MonthlySeries {
  const range = rangeOf(table, asOfDay);
  if (!range || groups <= 0) return empty(groups);
  const values = new Float64Array(groups * range.months);
  accumulate(table, range, asOfDay, [{ values, groups, groupOf }]);
  return { firstMonth: range.firstMonth, months: range.months, values, coverage: range.coverage, groups };
}

/**
 * The total revenue series (one group) and one series per category, as {@link monthlySeries} makes them,
 * made in one pass once per table and date: seasonality and the forecasts both read them. Read-only.
 */
export function standardSeries(
  table: OrderTable,
  asOfDay: number,
): { readonly total: MonthlySeries; readonly categories: MonthlySeries } {
  const range = rangeOf(table, asOfDay);
  const nCat = table.categories.length;
  if (!range) return { total: empty(1), categories: empty(nCat) };
  if (!range.standard) {
    const total = new Float64Array(range.months);
    const categories = new Float64Array(nCat > 0 ? nCat * range.months : 0);
    const { category } = table;
    accumulate(table, range, asOfDay, [
      { values: total, groups: 1, groupOf: () => 0 },
      ...(nCat > 0 ? [{ values: categories, groups: nCat, groupOf: (i: number) => category[i] }] : []),
    ]);
    const series = (values: Float64Array, groups: number): MonthlySeries => ({
      firstMonth: range.firstMonth,
      months: range.months,
      values,
      coverage: range.coverage,
      groups,
    });
    range.standard = { total: series(total, 1), categories: nCat > 0 ? series(categories, nCat) : empty(0) };
  }
  return range.standard;
}

/** One group's values as a plain array. */
export function seriesOf(s: MonthlySeries, group: number): number[] {
  return Array.from(s.values.subarray(group * s.months, (group + 1) * s.months));
}
