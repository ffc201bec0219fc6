import { displayValue, type IndexedCustomer } from "./customer-index";
import { isHighRisk } from "./next-action";
import type { Lang } from "../schema/types";

/** One bar or slice of a mix chart. */
export interface MixEntry {
  readonly label: string;
  readonly count: number;
}

/** Revenue of one calendar month ("YYYY-MM"). */
export interface MonthRevenue {
  readonly month: string;
  readonly amount: number;
}

export interface AtRiskCustomer {
  readonly id: string;
  readonly name: string;
  readonly monetary: number;
  readonly segment: string;
  readonly churnRisk: string;
}

export interface DashboardData {
  readonly customers: number;
  readonly won: number;
  /** Sum of order amounts in the trend window. */
  readonly revenue12m: number;
  readonly openOpportunity: number;
  readonly atRiskCount: number;
  /** Share of customers with a segment (0..1): how much of the book the classifier has seen. */
  readonly classifiedShare: number;
  readonly segmentMix: readonly MixEntry[];
  readonly abcMix: readonly MixEntry[];
  readonly lifecycleMix: readonly MixEntry[];
  readonly statusMix: readonly MixEntry[];
  readonly revenueTrend: readonly MonthRevenue[];
  readonly atRisk: readonly AtRiskCustomer[];
}

/** An order as the dashboard needs it: its date as "YYYY-MM-DD" (spreadsheet zone) and amount. */
export interface OrderPoint {
  readonly date: string;
  readonly amount: number;
}

const TREND_MONTHS = 12;
const AT_RISK_SHOWN = 10;

function mix(customers: readonly IndexedCustomer[], pick: (c: IndexedCustomer) => string | null): MixEntry[] {
  const counts = new Map<string, number>();
  for (const c of customers) {
    const v = pick(c);
    if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** The `TREND_MONTHS` month keys ending with the month of `today` ("YYYY-MM-DD"), oldest first. */
export function trendMonths(today: string, months = TREND_MONTHS): string[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < months; i++) {
    out.unshift(`${y}-${String(m).padStart(2, "0")}`);
    m--;
    if (m === 0) {
      m = 12;
      y--;
    }
  }
  return out;
}

/**
 * Dashboard figures for the customers a user may see. Revenue trend: order amounts summed per calendar
 * month over the 12 months ending with `today`'s month (orders outside are ignored; months with no orders
 * show 0). At-risk: customers whose churn risk reads high and who are not lost, by monetary value, top 10.
 */
export function buildDashboard(
  customers: readonly IndexedCustomer[],
  orders: readonly OrderPoint[],
  today: string,
  lang: Lang,
): DashboardData {
  const months = trendMonths(today);
  const byMonth = new Map(months.map((m) => [m, 0]));
  for (const o of orders) {
    const key = o.date.slice(0, 7);
    const sum = byMonth.get(key);
    if (sum !== undefined && Number.isFinite(o.amount)) byMonth.set(key, sum + o.amount);
  }
  const revenueTrend = months.map((month) => ({
    month,
    amount: Math.round(byMonth.get(month)! * 100) / 100,
  }));
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  const risky = customers.filter(
    (c) => isHighRisk(c.get("ChurnRisk") as string | null) && c.get("Status") !== "lost",
  );
  const atRisk = risky
    .slice()
    .sort((a, b) => num(b.values.Monetary) - num(a.values.Monetary))
    .slice(0, AT_RISK_SHOWN)
    .map((c) => ({
      id: c.id,
      name: String(c.get("Name") ?? ""),
      monetary: num(c.get("Monetary")),
      segment: String(c.get("Segment") ?? ""),
      churnRisk: String(c.get("ChurnRisk") ?? ""),
    }));
  const text = (v: unknown) => (v === null || v === undefined || v === "" ? null : String(v));
  return {
    customers: customers.length,
    won: customers.filter((c) => c.get("Status") === "won").length,
    revenue12m: revenueTrend.reduce((s, m) => s + m.amount, 0),
    openOpportunity: customers
      .filter((c) => c.get("Status") !== "won" && c.get("Status") !== "lost")
      .reduce((s, c) => s + num(c.get("OpportunityAmount")), 0),
    atRiskCount: risky.length,
    classifiedShare: customers.length
      ? customers.filter((c) => text(c.get("Segment"))).length / customers.length
      : 0,
    segmentMix: mix(customers, (c) => text(c.get("Segment"))),
    abcMix: mix(customers, (c) => text(c.get("ABC"))).sort((a, b) => a.label.localeCompare(b.label)),
    lifecycleMix: mix(customers, (c) => text(c.get("Lifecycle"))),
    statusMix: mix(customers, (c) =>
      c.get("Status") === null ? null : displayValue("Status", c.get("Status"), lang),
    ),
    revenueTrend,
    atRisk,
  };
}
