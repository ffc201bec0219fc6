import { isOverdue, type Book } from "../book";
import {
  addDays,
  dateKeyOfDay,
  dayOfDateKey,
  firstDayOfMonthIndex,
  monthIndexOfDay,
  monthKey,
  type DateKey,
} from "../calendar";
import { forecastSeries } from "../analysis/forecast";
import { monthlySeries, seriesOf } from "../analysis/monthly-series";
import { orderTableOf } from "../analysis/order-table";
import { customerValues } from "./customer-card";
import { lastTwoWeeks, weeklyMigration, type WeeklyMigration } from "./migration";
import { daysIdleOf } from "./reminders";
import { isAtRiskSegment, lifecycleKey, segmentKey, segmentOrder } from "./segments";
import { buildSatisfaction, type Satisfaction, type SurveyScore } from "../intake/satisfaction";

/** A 7-day window, both ends included. */
export interface Period {
  readonly from: DateKey;
  readonly to: DateKey;
}

/** The report lists this many overdue order lines (largest first) and totals the rest. */
export const MAX_OVERDUE_LINES = 20;
/** The report lists this many at-risk customers (most valuable first). */
export const MAX_AT_RISK = 10;

export interface OverdueLine {
  readonly orderId: string;
  readonly customerId: string;
  readonly name: string;
  readonly amount: number;
  readonly dueDate?: DateKey;
  readonly daysOverdue: number | null;
}

export interface CustomerLine {
  readonly customerId: string;
  readonly name: string;
  readonly value: number;
  readonly segment: string;
  readonly owner: string;
  readonly daysIdle: number | null;
}

/** Months ahead the report shows of the revenue forecast (the Analysis sheet has twelve). */
export const FORECAST_MONTHS = 3;

/** The book's revenue forecast as the report shows it: the Analysis sheet's method, fewer months. */
export interface ReportForecast {
  /** The smoothing method the backtest chose (src/core/analysis/forecast.ts). */
  readonly method: string;
  /** Its mean absolute percentage error on the held-out months (0.12 = 12 %), null when not measurable. */
  readonly backtestMape: number | null;
  /** The next {@link FORECAST_MONTHS} months after the last complete (or mostly complete) one. */
  readonly months: readonly {
    readonly month: string;
    readonly forecast: number;
    /** The 80 % interval. */
    readonly lower: number;
    readonly upper: number;
  }[];
}

export interface WeeklyReport {
  readonly asOf: DateKey;
  readonly thisWeek: Period;
  readonly lastWeek: Period;
  /** The same weekdays 52 weeks earlier. */
  readonly lastYear: Period;
  readonly kpis: {
    readonly customers: number;
    /** With an order or a contact in the 90 days ending asOf. */
    readonly active: number;
    /** Created this week (CreatedAt, or the first order when CreatedAt is blank). */
    readonly newCustomers: number;
    readonly revenue: { readonly thisWeek: number; readonly lastWeek: number; readonly lastYear: number };
    readonly orders: { readonly thisWeek: number; readonly lastWeek: number; readonly lastYear: number };
  };
  /** Customers per segment key ("" for unclassified), best segment first. */
  readonly segments: readonly { readonly key: string; readonly count: number }[];
  /** With the moves named and valued, most valuable customer first (whom to look at first). */
  readonly migration?: Omit<WeeklyMigration, "moves"> & {
    readonly moves: readonly {
      readonly customerId: string;
      readonly name: string;
      readonly value: number;
      readonly from: string;
      readonly to: string;
    }[];
  };
  readonly abc: readonly { readonly label: string; readonly count: number; readonly value: number }[];
  /** Per lifecycle stage key (segments.ts lifecycleKey; unknown labels as written), most customers first. */
  readonly lifecycle: readonly { readonly label: string; readonly count: number }[];
  readonly top: readonly CustomerLine[];
  readonly atRisk: readonly CustomerLine[];
  /**
   * The MAX_OVERDUE_LINES largest overdue order lines: by amount, then days overdue (unknown last), then
   * order id. A demo-sized book has hundreds, which would swamp the mail; `overdueTotal` counts them all.
   */
  readonly overdue: readonly OverdueLine[];
  /** Every overdue order line, not just those listed: how many, and their summed amount. */
  readonly overdueTotal: { readonly lines: number; readonly amount: number };
  /** The 12 months ending with asOf's month, oldest first. */
  readonly monthly: readonly { readonly month: string; readonly revenue: number }[];
  readonly regions: readonly {
    readonly region: string;
    readonly customers: number;
    readonly revenue12m: number;
    readonly revenueThisWeek: number;
  }[];
  /** Null when the history is too short for any forecast (under nine months). */
  readonly forecast: ReportForecast | null;
  /** Ratings, sentiment and NPS of the last 90 days (src/core/intake/satisfaction.ts); absent without any. */
  readonly satisfaction?: Satisfaction;
}

/** How many of `items` have each key. */
function tally(keys: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

const byValueThenId = (a: CustomerLine, b: CustomerLine) =>
  b.value - a.value || (a.customerId < b.customerId ? -1 : 1);

/** Longest overdue first; an unknown age (status "overdue" without a due date) after every known one. */
const byAge = (a: number | null, b: number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a;

/** Largest first, then longest overdue, then by order id, so the cut at MAX_OVERDUE_LINES is stable. */
const byAmountThenAge = (a: OverdueLine, b: OverdueLine) =>
  b.amount - a.amount ||
  byAge(a.daysOverdue, b.daysOverdue) ||
  (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);

/**
 * The weekly manager report as of `asOf` (the last full day, a calendar day in the spreadsheet's zone).
 * This week is the 7 days ending asOf; last week the 7 before; last year the same weekdays 364 days earlier.
 * Blank segment, ABC, lifecycle and region labels are reported as "—". Order lines without a date count
 * for totals but never for a period; lines without a CustomerID are left out. Overdue lines are owed
 * lines (not paid, not refunds) marked overdue or past their DueDate on asOf.
 */
export function buildWeeklyReport(
  book: Book,
  asOf: DateKey,
  surveys: readonly SurveyScore[] = [],
): WeeklyReport {
  const { customers, orders } = book;
  const day = dayOfDateKey(asOf);
  const week = (end: DateKey): Period => ({ from: addDays(end, -6), to: end });
  const thisWeek = week(asOf);
  const lastWeek = week(addDays(asOf, -7));
  const lastYear = week(addDays(asOf, -364));
  // Periods as day ranges [from, to]: this week, last week, the same week a year ago.
  const ranges = [
    [day - 6, day],
    [day - 13, day - 7],
    [day - 370, day - 364],
  ];
  const revenueIn = [0, 0, 0];
  const ordersIn = [0, 0, 0];
  const label = (s: string) => s || "—";
  const known = customers.known;
  const values = customerValues(book);
  const active = new Uint8Array(customers.count);
  const firstOrder = new Float64Array(customers.count).fill(NaN);
  const lastMonth = monthIndexOfDay(day);
  const monthly = new Float64Array(12);
  const regionOf = (c: number) => (c < known ? label(customers.region[c]) : "—");
  const regions = new Map<string, { customers: number; revenue12m: number; revenueThisWeek: number }>();
  const region = (r: string) => {
    let acc = regions.get(r);
    if (!acc) regions.set(r, (acc = { customers: 0, revenue12m: 0, revenueThisWeek: 0 }));
    return acc;
  };
  for (let c = 0; c < known; c++) region(regionOf(c)).customers++;
  const from12 = firstDayOfMonthIndex(lastMonth - 11);
  const overdueLines: OverdueLine[] = [];
  for (let i = 0; i < orders.length; i++) {
    const c = orders.customer[i];
    if (c < 0) continue;
    const d = orders.day[i];
    const amount = orders.amount[i] === orders.amount[i] ? orders.amount[i] : 0;
    const acc = region(regionOf(c));
    if (d === d) {
      for (let p = 0; p < 3; p++)
        if (d >= ranges[p][0] && d <= ranges[p][1]) {
          revenueIn[p] += amount;
          ordersIn[p]++;
        }
      if (d >= day - 89 && d <= day) active[c] = 1;
      if (!(firstOrder[c] <= d)) firstOrder[c] = d;
      const m = monthIndexOfDay(d) - (lastMonth - 11);
      if (d <= day && m >= 0 && m < 12) monthly[m] += amount;
      if (d >= from12 && d <= day) acc.revenue12m += amount;
      if (d >= ranges[0][0] && d <= ranges[0][1]) acc.revenueThisWeek += amount;
    }
    if (isOverdue(orders, i, day)) {
      const due = orders.dueDay ? orders.dueDay[i] : NaN;
      overdueLines.push({
        orderId: orders.order[i] < 0 ? "" : orders.orderIds.at(orders.order[i])!,
        customerId: customers.ids[c],
        name: c < known ? customers.name[c] : customers.ids[c],
        amount,
        ...(due === due ? { dueDate: dateKeyOfDay(due) } : {}),
        daysOverdue: due === due ? day - due : null,
      });
    }
  }
  overdueLines.sort(byAmountThenAge);
  for (let c = 0; c < customers.count; c++) {
    const last = customers.lastContact[c];
    if (last >= day - 89 && last <= day) active[c] = 1;
  }

  const lines: CustomerLine[] = [];
  const segmentKeys: string[] = [];
  const abcLabels: string[] = [];
  const lifecycleLabels: string[] = [];
  const abcValue = new Map<string, number>();
  let activeCount = 0;
  let newCustomers = 0;
  for (let c = 0; c < known; c++) {
    lines.push({
      customerId: customers.ids[c],
      name: customers.name[c],
      value: values[c],
      segment: customers.segment[c],
      owner: customers.ownerEmail[c],
      daysIdle: daysIdleOf(book, c, day),
    });
    segmentKeys.push(segmentKey(customers.segment[c]));
    const abc = label(customers.abc[c]);
    abcLabels.push(abc);
    abcValue.set(abc, (abcValue.get(abc) ?? 0) + values[c]);
    lifecycleLabels.push(label(lifecycleKey(customers.lifecycle[c])));
    if (active[c]) activeCount++;
    const created =
      customers.createdAt[c] === customers.createdAt[c] ? customers.createdAt[c] : firstOrder[c];
    if (created >= ranges[0][0] && created <= ranges[0][1]) newCustomers++;
  }
  const segCounts = tally(segmentKeys);
  const abcCounts = tally(abcLabels);
  const weeks = lastTwoWeeks(book.history, asOf);
  const names = new Map(lines.map((l) => [l.customerId, l.name]));

  return {
    asOf,
    thisWeek,
    lastWeek,
    lastYear,
    kpis: {
      customers: known,
      active: activeCount,
      newCustomers,
      revenue: { thisWeek: revenueIn[0], lastWeek: revenueIn[1], lastYear: revenueIn[2] },
      orders: { thisWeek: ordersIn[0], lastWeek: ordersIn[1], lastYear: ordersIn[2] },
    },
    segments: segmentOrder(segCounts.keys()).map((k) => ({ key: k, count: segCounts.get(k)! })),
    migration: migrationWithNames(weeks, book, names, new Map(lines.map((l) => [l.customerId, l.value]))),
    abc: [...abcCounts.keys()]
      .sort()
      .map((k) => ({ label: k, count: abcCounts.get(k)!, value: abcValue.get(k)! })),
    lifecycle: [...tally(lifecycleLabels).entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([l, count]) => ({ label: l, count })),
    top: [...lines].sort(byValueThenId).slice(0, 10),
    atRisk: lines
      .filter((l) => isAtRiskSegment(l.segment))
      .sort(byValueThenId)
      .slice(0, MAX_AT_RISK),
    overdue: overdueLines.slice(0, MAX_OVERDUE_LINES),
    overdueTotal: {
      lines: overdueLines.length,
      amount: overdueLines.reduce((sum, o) => sum + o.amount, 0),
    },
    monthly: Array.from(monthly, (revenue, m) => ({ month: monthKey(lastMonth - 11 + m), revenue })),
    regions: [...regions.entries()]
      .map(([r, acc]) => ({ region: r, ...acc }))
      .sort((a, b) => b.revenue12m - a.revenue12m || (a.region < b.region ? -1 : 1)),
    forecast: reportForecast(book, day),
    ...(book.feedback.length || surveys.length
      ? { satisfaction: buildSatisfaction(book, asOf, surveys) }
      : {}),
  };
}

/**
 * The book's monthly revenue forecast as of `day`, by the Analysis sheet's own method (Holt-Winters or a
 * simpler smoothing, chosen by a backtest), cut to {@link FORECAST_MONTHS}; null below nine months.
 */
export function reportForecast(book: Book, day: number): ReportForecast | null {
  const series = monthlySeries(orderTableOf(book), day, 1, () => 0);
  const f = forecastSeries(seriesOf(series, 0), series.firstMonth);
  if (!f.method) return null;
  return {
    method: f.method,
    backtestMape: f.backtestMape,
    months: f.ahead
      .slice(0, FORECAST_MONTHS)
      .map((p) => ({ month: p.month, forecast: p.forecast, lower: p.lower, upper: p.upper })),
  };
}

function migrationWithNames(
  weeks: readonly DateKey[],
  book: Book,
  names: ReadonlyMap<string, string>,
  values: ReadonlyMap<string, number>,
): WeeklyReport["migration"] {
  if (weeks.length < 2) return undefined;
  const m = weeklyMigration(book.history, weeks[0], weeks[1]);
  const moves = m.moves
    .map((x) => ({
      ...x,
      name: names.get(x.customerId) ?? x.customerId,
      value: values.get(x.customerId) ?? 0,
    }))
    .sort((a, b) => b.value - a.value || (a.customerId < b.customerId ? -1 : 1));
  return { ...m, moves };
}
