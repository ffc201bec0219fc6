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
  /** Series entry of each line on or before the date: see {@link LineSlots}. */
  readonly slots: LineSlots;
  /** The total and per-category series, made together on first use. */
  standard?: { readonly total: MonthlySeries; readonly categories: MonthlySeries };
}

/**
 * The series entry of line i (on or before the analysis date) is `slotOf[keys[i] − base]`, −1 for a month
 * left out. The keys are the lines' days (a table over the days' range: no month is computed per line)
 * or, for a range of days too long for a table, their months.
 */
interface LineSlots {
  readonly keys: Float64Array | Int32Array;
  readonly base: number;
  readonly slotOf: Int32Array;
}

const ranges = new WeakMap<OrderTable, Map<number, SeriesRange | null>>();

/** The first day on or before `asOfDay` among the first `n` days; Infinity when none. */
function firstDayUpTo(day: Float64Array, n: number, asOfDay: number): number {
  let first = Infinity;
  for (let i = 0; i < n; i++) if (day[i] <= asOfDay && day[i] < first) first = day[i];
  return first;
}

/** The months from the first sale to `asOfDay`, found once per table and date; null without sales. */
function rangeOf(table: OrderTable, asOfDay: number): SeriesRange | null {
  let byDate = ranges.get(table);
  if (!byDate) ranges.set(table, (byDate = new Map()));
  const known = byDate.get(asOfDay);
  if (known !== undefined) return known;
  const firstDay = firstDayUpTo(table.day, table.length, asOfDay);
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
    // Each day's (or month's) entry, so the per-line loops index a table instead of computing the month.
    const entry = (m: number) => (m >= 0 && m < months ? m : -1);
    let slots: LineSlots;
    if (asOfDay - firstDay < SLOT_TABLE_DAYS && Number.isInteger(asOfDay) && Number.isInteger(firstDay)) {
      const slotOf = new Int32Array(asOfDay - firstDay + 1);
      for (let d = firstDay; d <= asOfDay; d++) slotOf[d - firstDay] = entry(monthIndexOfDay(d) - from - lo);
      slots = { keys: table.day, base: firstDay, slotOf };
    } else {
      const slotOf = new Int32Array(span);
      for (let m = 0; m < span; m++) slotOf[m] = entry(m - lo);
      slots = { keys: table.month, base: from, slotOf };
    }
    range = { firstDay, firstMonth: from + lo, months, coverage: cover.slice(lo, lo + months), slots };
  }
  byDate.set(asOfDay, range);
  return range;
}

/** A series with no months. */
function empty(groups: number): MonthlySeries {
  return { firstMonth: 0, months: 0, values: new Float64Array(0), coverage: new Float64Array(0), groups };
}

/**
 * Adds each line on or before `asOfDay` to its month of series `group[i]` (`group[customer[i]]` when
 * `byCustomer`), skipping a group < 0. A loop of typed arrays and
 * nothing else, no call per line: a report runs it over every line a few times, each time cold.
 */
function accumulate(
  table: OrderTable,
  range: SeriesRange,
  asOfDay: number,
  values: Float64Array,
  group: Int32Array,
  byCustomer: boolean,
): void {
  // One loop for each way of grouping (near copies on purpose), so each is compiled once for the one kind
  // of call it gets: one loop taking every kind was compiled, dropped and compiled again per kind.
  if (byCustomer) addByCustomer(table, range, asOfDay, values, group);
  else addByLine(table, range, asOfDay, values, group);
}

/**
 * Every line's amount into its month of the one series `total` and, when `group` is given, into its month
 * of series `group[line]` of `values` (none when negative): the total and the categories in one pass.
 */
function addAll(
  table: OrderTable,
  range: SeriesRange,
  asOfDay: number,
  total: Float64Array,
  values: Float64Array,
  group: Int32Array | null,
): void {
  const { amount, day } = table;
  const { months } = range;
  const { keys, base, slotOf } = range.slots;
  for (let i = 0; i < table.length; i++) {
    if (day[i] > asOfDay) continue;
    const m = slotOf[keys[i] - base];
    if (m < 0) continue;
    total[m] += amount[i];
    if (group === null) continue;
    const g = group[i];
    if (g >= 0) values[g * months + m] += amount[i];
  }
}

/** Every line's amount into its month of series `group[line]` (none when negative). */
function addByLine(
  table: OrderTable,
  range: SeriesRange,
  asOfDay: number,
  values: Float64Array,
  group: Int32Array,
): void {
  const { amount, day } = table;
  const { months } = range;
  const { keys, base, slotOf } = range.slots;
  for (let i = 0; i < table.length; i++) {
    if (day[i] > asOfDay) continue;
    const m = slotOf[keys[i] - base];
    if (m < 0) continue;
    const g = group[i];
    if (g >= 0) values[g * months + m] += amount[i];
  }
}

/** Every line's amount into its month of series `group[customer of the line]` (none when negative). */
function addByCustomer(
  table: OrderTable,
  range: SeriesRange,
  asOfDay: number,
  values: Float64Array,
  group: Int32Array,
): void {
  const { amount, day, customer } = table;
  const { months } = range;
  const { keys, base, slotOf } = range.slots;
  for (let i = 0; i < table.length; i++) {
    if (day[i] > asOfDay) continue;
    const m = slotOf[keys[i] - base];
    if (m < 0) continue;
    const g = group[customer[i]];
    if (g >= 0) values[g * months + m] += amount[i];
  }
}

/** Prorates the partial months of each group's values. */
function prorate(values: Float64Array, coverage: Float64Array): void {
  const months = coverage.length;
  for (let g = 0; g * months < values.length; g++)
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
  const group = new Int32Array(table.length);
  for (let i = 0; i < table.length; i++) group[i] = table.day[i] <= asOfDay ? groupOf(i) : -1;
  return seriesFrom(range, groups, (values) => accumulate(table, range, asOfDay, values, group, false));
}

/**
 * {@link monthlySeries} with line i in series `groupOfCustomer[customer[i]]` (none when < 0): the
 * forecasts' segments, with no call per line.
 */
export function customerGroupSeries(
  table: OrderTable,
  asOfDay: number,
  groups: number,
  groupOfCustomer: Int32Array,
): MonthlySeries {
  const range = rangeOf(table, asOfDay);
  if (!range || groups <= 0) return empty(groups);
  return seriesFrom(range, groups, (values) =>
    accumulate(table, range, asOfDay, values, groupOfCustomer, true),
  );
}

/** A series of `groups` groups over the range, its values filled by `fill` and then prorated. */
function seriesFrom(range: SeriesRange, groups: number, fill: (values: Float64Array) => void): MonthlySeries {
  const values = new Float64Array(groups * range.months);
  fill(values);
  prorate(values, range.coverage);
  return { firstMonth: range.firstMonth, months: range.months, values, coverage: range.coverage, groups };
}

/**
 * The total revenue series (one group) and one series per category, as {@link monthlySeries} makes them,
 * made once per table and date: seasonality and the forecasts both read them. Read-only.
 */
export function standardSeries(
  table: OrderTable,
  asOfDay: number,
): { readonly total: MonthlySeries; readonly categories: MonthlySeries } {
  const range = rangeOf(table, asOfDay);
  const nCat = table.categories.length;
  if (!range) return { total: empty(1), categories: empty(nCat) };
  if (!range.standard) {
    // One pass for both: the lines are many, the series few.
    const total = new Float64Array(range.months);
    const values = new Float64Array(nCat * range.months);
    addAll(table, range, asOfDay, total, values, nCat > 0 ? table.category : null);
    prorate(total, range.coverage);
    prorate(values, range.coverage);
    const series = (groups: number, v: Float64Array): MonthlySeries => ({
      firstMonth: range.firstMonth,
      months: range.months,
      values: v,
      coverage: range.coverage,
      groups,
    });
    range.standard = { total: series(1, total), categories: nCat > 0 ? series(nCat, values) : empty(0) };
  }
  return range.standard;
}

/** One group's values as a plain array. */
export function seriesOf(s: MonthlySeries, group: number): number[] {
  return Array.from(s.values.subarray(group * s.months, (group + 1) * s.months));
}
