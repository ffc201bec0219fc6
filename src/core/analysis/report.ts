import type { ChurnSettings } from "../classify/settings";
import { associationRules, type RuleResult } from "./association";
import { dateKeyOfDay } from "../calendar";
import {
  groupsComparison,
  periodFigures,
  periodsComparison,
  type Comparison,
  type Grouping,
  type PeriodFigures,
} from "./compare";
import { creditRisk, type CreditGrade, type CreditRisk } from "./credit-risk";
import { customerTotals, factColumns, type FactColumns } from "./customer-facts";
import { summarizeFeedback, type FeedbackSummary } from "./feedback";
import {
  DIMENSIONS,
  groupStatsOf,
  overallStatsOf,
  rawValuesOf,
  type Dimension,
  type GroupStats,
} from "./group-stats";
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
import { repeatSummary } from "./repeat-summary";
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
 * Each table customer's region and owner as numbers (the profiles' raw values, numbered once for the
 * group statistics too); blank values are −1, left out of the comparisons. Both from one loop over the
 * customers: compiled once, not once per attribute.
 */
function regionsAndOwners(
  facts: FactColumns,
): Record<"region" | "owner", Grouping & { names: readonly string[] }> {
  const region = rawValuesOf(facts.profiles, "region");
  const owner = rawValuesOf(facts.profiles, "owner");
  const n = facts.rowOf.length;
  const regionOf = new Int32Array(n);
  const ownerOf = new Int32Array(n);
  groupsOfRows(
    facts.rowOf,
    [region.index, owner.index],
    [blankValues(region.values), blankValues(owner.values)],
    [regionOf, ownerOf],
  );
  return {
    region: { groupOf: regionOf, groups: region.values.length, names: region.values as string[] },
    owner: { groupOf: ownerOf, groups: owner.values.length, names: owner.values as string[] },
  };
}

/** 1 for each raw value that names no group (blank). */
function blankValues(values: readonly unknown[]): Uint8Array {
  return Uint8Array.from(values, (g) => (!g || g === BLANK_GROUP ? 1 : 0));
}

/** Each customer's group in both attributes: its profile row's raw value, −1 for a blank one. */
function groupsOfRows(
  rowOf: Int32Array,
  [indexA, indexB]: readonly Int32Array[],
  [blankA, blankB]: readonly Uint8Array[],
  [outA, outB]: readonly Int32Array[],
): void {
  for (let c = 0; c < rowOf.length; c++) {
    const row = rowOf[c];
    const a = indexA[row];
    const b = indexB[row];
    outA[c] = blankA[a] ? -1 : a;
    outB[c] = blankB[b] ? -1 : b;
  }
}

/**
 * Compares the two groups of a grouping with the most revenue in the second period of `f` (the current
 * one); null when fewer than two groups sold.
 */
function compareTopTwo(f: PeriodFigures, names: readonly string[]): Comparison | null {
  const top: number[] = [];
  for (let g = 0; g < names.length; g++) if (f.customers[2 * g + 1] > 0) top.push(g);
  if (top.length < 2) return null;
  const revenue = (g: number) => f.revenue[2 * g + 1];
  top.sort((x, y) => revenue(y) - revenue(x) || (names[x] < names[y] ? -1 : 1));
  return groupsComparison(f, { name: names[top[0]], group: top[0] }, { name: names[top[1]], group: top[1] });
}

/**
 * The latest `days` days with orders up to the analysis date against the same number of days before;
 * and over those, the two regions and the two owners with the most revenue. One pass over the lines
 * serves all three.
 */
function comparisonsOf(
  table: OrderTable,
  facts: FactColumns,
  latestDay: number,
  days: number,
): AnalysisReport["comparisons"] {
  if (!Number.isFinite(latestDay)) return { periods: null, regions: null, owners: null };
  const latest = { from: latestDay - days + 1, to: latestDay };
  const previous = { from: latest.from - days, to: latest.from - 1 };
  const everyone = { groupOf: new Int32Array(table.customers.length), groups: 1 };
  const { region: regions, owner: owners } = regionsAndOwners(facts);
  const [all, byRegion, byOwner] = periodFigures(table, [everyone, regions, owners], previous, latest);
  return {
    periods: periodsComparison(all, previous, latest),
    regions: compareTopTwo(byRegion, regions.names),
    owners: compareTopTwo(byOwner, owners.names),
  };
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
  // Per-customer sums from one pass over the lines, read by the facts, the credit risk and the comparisons.
  const totals = customerTotals(table, input.asOfDay);
  const facts = factColumns(table, input.customers, input.feedback, totals);
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
  // Only the portrait's top customers and the listed ones need their rows ranked.
  const topSize = portraitSize(facts.profiles.length);
  const ranking = rankingOf(facts, undefined, Math.max(topSize, settings.topCustomers));
  const inTop = new Uint8Array(facts.profiles.length);
  for (let r = 0; r < topSize && r < ranking.order.length; r++) inTop[ranking.order[r]] = 1;
  const lifetime = lifetimeValues(
    table,
    input.asOfDay,
    settings.clvMonths,
    settings.monthlyDiscount,
    input.churn,
    repeatSummary(table, input.asOfDay, totals.dayRuns),
  );
  const credit = creditRisk(table, input.asOfDay, totals);
  const byGrade = { A: 0, B: 0, C: 0, D: 0 };
  for (const c of credit) byGrade[c.grade]++;
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
    monthly: monthlyTrend(table, input.asOfDay),
    quarterly: quarterlyTrend(table, input.asOfDay),
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
    comparisons: comparisonsOf(table, facts, totals.latestDay, settings.comparisonDays),
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
