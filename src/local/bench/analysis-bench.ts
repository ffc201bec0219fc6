/**
 * Analysis bench: 1,000,000 deterministic order lines, as the cells getValues returns, encoded once (the
 * book, then the analyses' table: `encodeMs`) → association rules (target ≤ 5 s) and all the statistics
 * (group statistics over every dimension, monthly/quarterly trends, seasonality; target ≤ 1 s), then the
 * whole report as "Run analysis" builds it (models, credit risk, comparison included).
 * `--lines N` changes the size.
 * Prints nothing itself; run-bench prints the figures. Times in ms.
 */
import { associationRules } from "../../core/analysis/association";
import { buildAnalysis } from "../../core/analysis/report";
import { customerFacts } from "../../core/analysis/customer-facts";
import { fitGammaGamma, repeatSummary } from "../../core/analysis/gamma-gamma";
import { DIMENSIONS, groupStats, overallStats } from "../../core/analysis/group-stats";
import { orderTableOf, type OrderTable } from "../../core/analysis/order-table";
import { analyzeSentiment } from "../../core/analysis/sentiment";
import { DEFAULT_ANALYSIS_SETTINGS } from "../../core/analysis/settings";
import { monthlyTrend, quarterlyTrend, seasonality } from "../../core/analysis/trends";
import { buildBook, type SheetCells } from "../../core/book";
import { dayFromCivil } from "../../core/calendar";
import type { CustomerProfile } from "../../core/analysis/types";
import { mulberry32 } from "../random";

const REGIONS = ["North", "South", "East", "West", "Central", "华东", "华南", "华北"];
const SEGMENTS = ["Champions", "Loyal Customers", "Potential Loyalist", "At Risk", "Lost", "Others"];
const COMMENTS = [
  "非常满意，物流很快",
  "质量不错",
  "物流太慢了，非常失望",
  "客服态度差",
  "not bad at all",
  "price is too high",
  "very good service",
  "没有问题",
];

const ORDER_HEADERS = ["OrderID", "CustomerID", "OrderDate", "Product", "Category", "Quantity", "Amount"];

/**
 * Orders sheet cells (Date cells at UTC midnight, fresh strings per cell) of whole orders until `lines` is
 * reached: customers pick from 20 categories × 15 products, with planted pairs (product k of a category
 * often comes with product k + 1) so rules exist to find; dates over three years with a December peak.
 */
export function generateOrderRows(lines: number, customers: number, seed = 7): SheetCells {
  const rand = mulberry32(seed);
  const out: unknown[][] = [];
  const start = dayFromCivil(2023, 1, 1);
  let order = 0;
  while (out.length < lines) {
    order++;
    const customer = Math.floor(rand() * customers);
    let day = start + Math.floor(rand() * 1095);
    if (rand() < 0.1) day = dayFromCivil(2023 + Math.floor(rand() * 3), 12, 1 + Math.floor(rand() * 31));
    const size = 1 + Math.floor(rand() * rand() * 6);
    const category = Math.floor(rand() * 20);
    let product = Math.floor(rand() * 15);
    for (let k = 0; k < size && out.length < lines; k++) {
      out.push([
        `O${order}`,
        `C${customer}`,
        new Date(day * 86_400_000),
        `P${category}-${product}`,
        `Cat${category}`,
        1,
        Math.round(20 + rand() * 480),
      ]);
      product = rand() < 0.6 ? (product + 1) % 15 : Math.floor(rand() * 15);
    }
  }
  return { name: "Orders", headers: ORDER_HEADERS, rows: out };
}

function profiles(customers: number): CustomerProfile[] {
  const rand = mulberry32(11);
  return Array.from({ length: customers }, (_, i) => ({
    id: `C${i}`,
    name: `Customer ${i}`,
    segment: SEGMENTS[Math.floor(rand() * SEGMENTS.length)],
    abc: "ABC"[Math.floor(rand() * 3)],
    lifecycle: ["New", "Active", "Dormant", "Churned"][Math.floor(rand() * 4)],
    region: REGIONS[Math.floor(rand() * REGIONS.length)],
    customerType: ["Prospect", "Regular", "VIP"][Math.floor(rand() * 3)],
    owner: `rep${Math.floor(rand() * 30)}@example.com`,
    gender: rand() < 0.5 ? "Male" : "Female",
    age: 18 + Math.floor(rand() * 60),
    industry: "",
  }));
}

/**
 * Wall time and this process's CPU time (user + system). On a shared machine the wall time includes waiting
 * for a core; the CPU time is the work itself.
 */
function time<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = fn();
  const cpu = process.cpuUsage(c0);
  return { value, ms: Math.round(performance.now() - t0), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

/** Every figure of the statistics chapter over an encoded table. */
function allStatistics(table: OrderTable, people: readonly CustomerProfile[]) {
  const facts = customerFacts(table, people, []);
  return {
    overall: overallStats(facts),
    groups: DIMENSIONS.map((d) => groupStats(facts, d)),
    monthly: monthlyTrend(table),
    quarterly: quarterlyTrend(table),
    seasonality: seasonality(table),
  };
}

export async function analysisBench(argv: readonly string[] = []): Promise<Record<string, number>> {
  const at = argv.indexOf("--lines");
  const n = at >= 0 ? Number(argv[at + 1]) : 1_000_000;
  const customers = Math.max(100, Math.round(n / 20));
  const generated = time(() => generateOrderRows(n, customers));
  const people = profiles(customers);
  // Encoding is part of the work: the cells read into the book, then numbered for the analyses.
  const encoded = time(() => orderTableOf(buildBook({ orders: generated.value }, { timeZone: "UTC" })));
  const table = encoded.value;
  const stats = time(() => allStatistics(table, people));
  const settings = {
    ...DEFAULT_ANALYSIS_SETTINGS,
    topN: DEFAULT_ANALYSIS_SETTINGS.topRules,
    minSupport: 0.0002,
  };
  const byOrder = time(() => associationRules(table, "order", settings));
  const byCustomer = time(() => associationRules(table, "customer", { ...settings, minSupport: 0.01 }));
  const summary = time(() => repeatSummary(table, dayFromCivil(2026, 1, 1)));
  const gg = time(() => fitGammaGamma(summary.value.frequency, summary.value.monetary));
  const report = time(() =>
    buildAnalysis(
      {
        // The whole report as "Run analysis" builds it, encoding included.
        table: orderTableOf(buildBook({ orders: generated.value }, { timeZone: "UTC" })),
        customers: people,
        feedback: [],
        asOfDay: dayFromCivil(2026, 1, 1),
      },
      DEFAULT_ANALYSIS_SETTINGS,
    ),
  );
  const texts = Array.from({ length: 100_000 }, (_, i) => COMMENTS[i % COMMENTS.length]);
  const sentiment = time(() => texts.filter((t) => analyzeSentiment(t).label === "negative").length);
  return {
    orderLines: table.length,
    orders: table.orderCount,
    customers: table.customers.length,
    products: table.products.length,
    generateMs: generated.ms,
    encodeMs: encoded.ms,
    encodeCpuMs: encoded.cpuMs,
    statisticsMs: stats.ms,
    statisticsCpuMs: stats.cpuMs,
    groupRows: stats.value.groups.reduce((s, g) => s + g.length, 0),
    months: stats.value.monthly.length,
    rulesPerOrderMs: byOrder.ms,
    rulesPerOrderCpuMs: byOrder.cpuMs,
    rulesPerOrderWithEncodeMs: byOrder.ms + encoded.ms,
    baskets: byOrder.value.baskets,
    frequentPairs: byOrder.value.frequentItemsets[1],
    frequentTriples: byOrder.value.frequentItemsets[2],
    rules: byOrder.value.rules.length,
    topRuleLift: Math.round(byOrder.value.rules[0]?.lift * 100) / 100,
    rulesPerCustomerMs: byCustomer.ms,
    rulesPerCustomerCpuMs: byCustomer.cpuMs,
    repeatSummaryMs: summary.ms,
    gammaGammaFitMs: gg.ms,
    gammaGammaConverged: gg.value.converged ? 1 : 0,
    sentiment100kMs: sentiment.ms,
    fullReportMs: report.ms,
    fullReportCpuMs: report.cpuMs,
  };
}
