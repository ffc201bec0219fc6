import type { ChurnSettings } from "../classify/settings";
import { associationRules, type RuleResult } from "./association";
import { dateKeyOfDay } from "../calendar";
import { compareCustomerGroups, comparePeriods, type Comparison, type Period } from "./compare";
import { creditRisk, type CreditGrade, type CreditRisk } from "./credit-risk";
import { factColumns, type FactColumns } from "./customer-facts";
import { summarizeFeedback, type FeedbackSummary } from "./feedback";
import { DIMENSIONS, groupStatsOf, overallStatsOf, type Dimension, type GroupStats } from "./group-stats";
import {
  paretoOf,
  portraitOf,
  portraitSize,
  rankedCustomers,
  rankingOf,
  type Pareto,
  type Portrait,
  type RankedCustomer,
} from "./key-customers";
import { revenueForecasts, type ForecastReport } from "./forecast";
import { lifetimeValues, type LifetimeValues } from "./lifetime-value";
import type { OrderTable } from "./order-table";
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from "./settings";
import { monthlyTrend, quarterlyTrend, seasonality, type PeriodPoint, type Seasonality } from "./trends";
import { BLANK_GROUP, type CustomerProfile, type FeedbackEntry } from "./types";

/** Everything the Analysis sheet and the sidebar show; plain data (JSON-safe). */
export interface AnalysisReport {
  /** "YYYY-MM-DD" the report is as of. */
  readonly asOf: string;
  readonly counts: {
    readonly orderLines: number;
    readonly orders: number;
    readonly customers: number;
    readonly feedback: number;
  };
  readonly overall: Omit<GroupStats, "dimension" | "group">;
  readonly groups: Readonly<Record<Dimension, readonly GroupStats[]>>;
  readonly monthly: readonly PeriodPoint[];
  readonly quarterly: readonly PeriodPoint[];
  /** The total first, then categories by revenue. */
  readonly seasonality: readonly Seasonality[];
  /** Every rule passing the thresholds, per kind of basket (the sheet lists the strongest). */
  readonly rules: { readonly order: RuleResult; readonly customer: RuleResult };
  readonly keyCustomers: {
    readonly top: readonly RankedCustomer[];
    readonly pareto: Pareto;
    readonly portrait: Portrait;
    /** The repeat and spend models and every customer's outlook (the sheet lists the first). */
    readonly lifetime: LifetimeValues;
  };
  /** Revenue forecasts of the book, its largest segments and categories, with their backtests. */
  readonly forecast: ForecastReport;
  /**
   * The latest `comparisonDays` days vs the same number of days before (null without orders); and over
   * the latest days, the two regions and the two owners with the most revenue (null with fewer than two).
   */
  readonly comparisons: {
    readonly periods: Comparison | null;
    readonly regions: Comparison | null;
    readonly owners: Comparison | null;
  };
  readonly feedback: FeedbackSummary;
  readonly credit: {
    readonly byGrade: Readonly<Record<CreditGrade, number>>;
    /** Customers with anything overdue, worst first (grade, then amount, then days). */
    readonly overdue: readonly CreditRisk[];
    /** Every customer with orders, in first-seen order (for the CreditRisk column). */
    readonly all: readonly CreditRisk[];
  };
}

export interface AnalysisInput {
  /** The order lines, encoded once (orderTableOf(book), or encodeOrders for lines held in memory). */
  readonly table: OrderTable;
  readonly customers: readonly CustomerProfile[];
  readonly feedback: readonly FeedbackEntry[];
  /** Day number of the analysis date (today in the spreadsheet's zone, passed in by the shell). */
  readonly asOfDay: number;
  /** The classification's churn settings, so CLV uses the same BG/NBD trust rules (defaults if absent). */
  readonly churn?: ChurnSettings;
}

const GRADE_ORDER: Readonly<Record<CreditGrade, number>> = { D: 0, C: 1, B: 2, A: 3 };

/**
 * Compares the two groups (regions or owners) with the most revenue in `current`; blank groups are left
 * out; null when fewer than two groups sold.
 */
function compareTopTwo(
  table: OrderTable,
  facts: FactColumns,
  by: "region" | "owner",
  current: Period,
  previous: Period,
): Comparison | null {
  // The group of each table customer, once: the revenue loop then reads an array, not a map, per line.
  const names: string[] = [];
  const index = new Map<string, number>();
  const groupOfCustomer = new Int32Array(table.customers.length).fill(-1);
  const { profiles, rowOf } = facts;
  for (let c = 0; c < groupOfCustomer.length; c++) {
    const p = profiles[rowOf[c]];
    const g = by === "region" ? p.region : p.owner;
    if (!g || g === BLANK_GROUP) continue;
    let k = index.get(g);
    if (k === undefined) index.set(g, (k = names.push(g) - 1));
    groupOfCustomer[c] = k;
  }
  const revenue = new Float64Array(names.length);
  const sold = new Uint8Array(names.length);
  const { day, customer, amount } = table;
  const { from, to } = current;
  for (let i = 0; i < table.length; i++) {
    if (day[i] < from || day[i] > to) continue;
    const g = groupOfCustomer[customer[i]];
    if (g >= 0) ((revenue[g] += amount[i]), (sold[g] = 1));
  }
  const top = names
    .map((name, g) => [name, revenue[g]] as const)
    .filter((_, g) => sold[g])
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  if (top.length < 2) return null;
  // A blank group is never one of the two compared, so it may read as "".
  return compareCustomerGroups(
    table,
    (c) => (groupOfCustomer[c] < 0 ? "" : names[groupOfCustomer[c]]),
    { a: top[0][0], b: top[1][0] },
    current,
    previous,
  );
}

/**
 * Runs every analysis over one snapshot of the sheets. Order lines dated after `asOfDay` are kept for
 * statistics and trends (they are real sales) but ignored by seasonality, forecasts, the customer models
 * and credit risk, which look back from the analysis date.
 */
export function buildAnalysis(input: AnalysisInput, settings: AnalysisSettings): AnalysisReport {
  const table = input.table;
  // The customers' figures in columns, read by row: no object per customer (tens of thousands) is made
  // for figures only a summary or the top few of reach the report.
  const facts = factColumns(table, input.customers, input.feedback);
  const groups = Object.fromEntries(DIMENSIONS.map((d) => [d, groupStatsOf(facts, d)])) as Record<
    Dimension,
    GroupStats[]
  >;
  const ruleSettings = {
    minSupport: settings.minSupport,
    minConfidence: settings.minConfidence,
    minLift: settings.minLift,
    maxLen: settings.maxLen,
    maxRules: settings.maxRules,
  };
  // The headline kind of basket (settings.basketBy) gets the whole rule budget, the other the sheet's.
  const rulesFor = (by: "order" | "customer") => ({
    ...ruleSettings,
    maxRules:
      by === settings.basketBy
        ? settings.maxRules
        : Math.min(settings.maxRules, DEFAULT_ANALYSIS_SETTINGS.maxRules),
  });
  const ranking = rankingOf(facts);
  const inTop = new Uint8Array(facts.profiles.length);
  const topSize = portraitSize(facts.profiles.length);
  for (let r = 0; r < topSize && r < ranking.order.length; r++) inTop[ranking.order[r]] = 1;
  const lifetime = lifetimeValues(
    table,
    input.asOfDay,
    settings.clvMonths,
    settings.monthlyDiscount,
    input.churn,
  );
  const credit = creditRisk(table, input.asOfDay);
  const byGrade = { A: 0, B: 0, C: 0, D: 0 };
  for (const c of credit) byGrade[c.grade]++;
  let lastDay = -Infinity;
  for (let i = 0; i < table.length; i++)
    if (table.day[i] <= input.asOfDay && table.day[i] > lastDay) lastDay = table.day[i];
  const days = settings.comparisonDays;
  const latest = Number.isFinite(lastDay) ? { from: lastDay - days + 1, to: lastDay } : null;
  const previous = latest ? { from: latest.from - days, to: latest.from - 1 } : null;
  return {
    asOf: dateKeyOfDay(input.asOfDay),
    counts: {
      orderLines: table.length,
      orders: table.orderCount,
      customers: facts.profiles.length,
      feedback: input.feedback.length,
    },
    overall: overallStatsOf(facts),
    groups,
    monthly: monthlyTrend(table),
    quarterly: quarterlyTrend(table),
    seasonality: seasonality(table, input.asOfDay),
    rules: {
      order: associationRules(table, "order", rulesFor("order")),
      customer: associationRules(table, "customer", rulesFor("customer")),
    },
    keyCustomers: {
      top: rankedCustomers(facts, ranking, settings.topCustomers),
      pareto: paretoOf(ranking.cumulativeShare),
      portrait: portraitOf(facts, inTop, ranking.cumulativeShare[topSize - 1] ?? 0),
      lifetime,
    },
    forecast: revenueForecasts(table, input.asOfDay, (c) => {
      const segment = facts.profiles[facts.rowOf[c]].segment ?? "";
      return segment === BLANK_GROUP ? "" : segment;
    }),
    comparisons: {
      periods: latest && previous ? comparePeriods(table, previous, latest) : null,
      regions: latest && previous ? compareTopTwo(table, facts, "region", latest, previous) : null,
      owners: latest && previous ? compareTopTwo(table, facts, "owner", latest, previous) : null,
    },
    feedback: summarizeFeedback(input.feedback),
    credit: {
      byGrade,
      overdue: credit
        .filter((c) => c.overdueCount > 0)
        .sort(
          (a, b) =>
            GRADE_ORDER[a.grade] - GRADE_ORDER[b.grade] ||
            b.overdueAmount - a.overdueAmount ||
            b.maxDaysOverdue - a.maxDaysOverdue,
        ),
      all: credit,
    },
  };
}
