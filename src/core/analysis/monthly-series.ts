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
  let firstDay = Infinity;
  for (let i = 0; i < table.length; i++)
    if (table.day[i] <= asOfDay && table.day[i] < firstDay) firstDay = table.day[i];
  if (!Number.isFinite(firstDay) || groups <= 0) {
    return { firstMonth: 0, months: 0, values: new Float64Array(0), coverage: new Float64Array(0), groups };
  }
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
  const values = new Float64Array(groups * months);
  const { month, amount, day } = table;
  for (let i = 0; i < table.length; i++) {
    if (day[i] > asOfDay) continue;
    const m = month[i] - from - lo;
    if (m < 0 || m >= months) continue;
    const g = groupOf(i);
    if (g >= 0) values[g * months + m] += amount[i];
  }
  const coverage = cover.slice(lo, lo + months);
  for (let g = 0; g < groups; g++)
    for (let m = 0; m < months; m++) if (coverage[m] < 1) values[g * months + m] /= coverage[m];
  return { firstMonth: from + lo, months, values, coverage, groups };
}

/** One group's values as a plain array. */
export function seriesOf(s: MonthlySeries, group: number): number[] {
  return Array.from(s.values.subarray(group * s.months, (group + 1) * s.months));
}
