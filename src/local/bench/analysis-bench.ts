/**
 * Analysis bench: 1,000,000 deterministic order lines of a book as the repeat-purchase models describe one
 * (see generateOrderRows), as the cells getValues returns them. First, as a fresh "Run analysis"
 * execution does it, the whole report from those cells (full-report.ts), in three fresh processes running
 * the code as it ships: one file compiled by build.mjs as the server bundle is (the median run is
 * reported, every run's CPU in `fullReportCpuMsRuns`, the main thread's share in
 * `fullReportMainThreadCpuMs`): the book, the analyses' table, every analysis (`bookCpuMs` + `tableCpuMs`
 * + `analysisCpuMs` = `fullReportCpuMs`, target ≤ 1.5 s CPU), and the size of the sidebar's answer for
 * that report (`sidebarPayloadBytes`, target ≤ 50 KB), each with a pass/fail. Then the parts on one
 * table: association rules of any size (Eclat with Apriori pruning), all the statistics (group statistics
 * over every dimension, monthly/quarterly trends, seasonality), the Gamma-Gamma fit. Then the revenue
 * forecasts' backtests on the demo's book and on CDNOW (../shared/data/cdnow_master.txt, skipped when
 * absent): method and MAPE. `--lines N` changes the size.
 * Prints nothing itself; run-bench prints the figures. Times in ms; CPU times are the process's user +
 * system time, the garbage collector's and the compiler's threads included.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { associationRules } from "../../core/analysis/association";
import { revenueForecasts, type SeriesForecast } from "../../core/analysis/forecast";
import { customerFacts } from "../../core/analysis/customer-facts";
import { fitGammaGamma, repeatSummary } from "../../core/analysis/gamma-gamma";
import { DIMENSIONS, groupStats, overallStats } from "../../core/analysis/group-stats";
import { encodeOrders, orderTableOf, type OrderTable } from "../../core/analysis/order-table";
import { analyzeSentiment } from "../../core/analysis/sentiment";
import { DEFAULT_ANALYSIS_SETTINGS } from "../../core/analysis/settings";
import { monthlyTrend, quarterlyTrend, seasonality } from "../../core/analysis/trends";
import { buildBook } from "../../core/book";
import { dayFromCivil } from "../../core/calendar";
import type { CustomerProfile } from "../../core/analysis/types";
import { DEFAULT_SEED, seedBook } from "../demo/seed-data";
import { AS_OF, fullReportRun, time, type ReportRun } from "./full-report";
import { generatedProfiles, generateOrderRows } from "./generated-orders";

export { generateOrderRows } from "./generated-orders";

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

/** Every figure of the statistics chapter over an encoded table. */
function allStatistics(table: OrderTable, people: readonly CustomerProfile[], asOfDay: number) {
  const facts = customerFacts(table, people, []);
  return {
    overall: overallStats(facts),
    groups: DIMENSIONS.map((d) => groupStats(facts, d)),
    monthly: monthlyTrend(table),
    quarterly: quarterlyTrend(table),
    seasonality: seasonality(table, asOfDay),
  };
}

/** A forecast's method and backtest MAPE (percent, one decimal), and how many months it held out. */
function backtestFigures(f: SeriesForecast) {
  return {
    method: f.method ?? "none",
    mapePercent: f.backtestMape === null ? null : Math.round(f.backtestMape * 1000) / 10,
    heldOutMonths: f.backtest.length,
    months: f.months,
  };
}

/** The demo's book (2,000 customers, two years to 2026-11-20): the book's forecast and its backtest. */
function demoForecast() {
  const orders = seedBook(DEFAULT_SEED).find((s) => s.key === "Orders")!;
  const table = orderTableOf(
    buildBook(
      { orders: { name: "Orders", headers: orders.values[0], rows: orders.values.slice(1) } },
      {
        timeZone: "UTC",
      },
    ),
  );
  return backtestFigures(revenueForecasts(table, dayFromCivil(2026, 11, 20), () => "").book);
}

const CDNOW = path.join(__dirname, "..", "..", "..", "..", "shared", "data", "cdnow_master.txt");

/** CDNOW's 69,659 purchases (Jan 1997 – Jun 1998): the book's forecast and its backtest; null when absent. */
function cdnowForecast() {
  if (!existsSync(CDNOW)) return null;
  const lines = readFileSync(CDNOW, "utf8")
    .split("\n")
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const [customerId, date, , amount] = l.trim().split(/\s+/);
      const day = dayFromCivil(Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8)));
      return { orderId: "", customerId, day, product: "", category: "", quantity: 1, amount: Number(amount) };
    });
  return backtestFigures(revenueForecasts(encodeOrders(lines), dayFromCivil(1998, 6, 30), () => "").book);
}

/** Issue 16's targets: the full analysis of 1M lines in 1.5 s of CPU; the sidebar's answer in 50 KB. */
const TARGET_CPU_MS = 1500;
const TARGET_PAYLOAD_BYTES = 50 * 1024;

/** How many fresh processes build the full report; the median run's figures are reported. */
const REPORT_RUNS = 3;

const BUILD_SCRIPT = path.join(__dirname, "..", "..", "..", "build.mjs");

/**
 * The full report in REPORT_RUNS fresh processes, one after the other (a fresh heap and cold code each
 * time, as an execution starts), each running the bundle build.mjs compiles of full-report-main.ts: the
 * run with the median CPU time, and every run's CPU time. On a shared machine a neighbour can slow one run
 * by a fifth or more; the median is what a quiet machine shows.
 */
function fullReportRuns(n: number): ReportRun & { readonly fullReportCpuMsRuns: readonly number[] } {
  const dir = mkdtempSync(path.join(tmpdir(), "sheet-crm-bench-"));
  try {
    const bundle = path.join(dir, "full-report.cjs");
    const built = spawnSync(process.execPath, [BUILD_SCRIPT, "--bench-bundle", bundle], { stdio: "inherit" });
    if (built.status !== 0) throw new Error(`building the full-report bundle failed (exit ${built.status})`);
    const runs: ReportRun[] = [];
    for (let k = 0; k < REPORT_RUNS; k++) {
      const child = spawnSync(process.execPath, [bundle, String(n)], {
        stdio: ["ignore", "pipe", "inherit"],
        encoding: "utf8",
        maxBuffer: 16 * 1024 * 1024,
      });
      if (child.status !== 0) throw new Error(`full-report run ${k + 1} failed (exit ${child.status})`);
      const out = child.stdout.trimEnd().split("\n");
      runs.push(JSON.parse(out[out.length - 1]) as ReportRun);
    }
    const sorted = [...runs].sort((a, b) => a.fullReportCpuMs - b.fullReportCpuMs);
    return { ...sorted[sorted.length >> 1], fullReportCpuMsRuns: runs.map((r) => r.fullReportCpuMs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function analysisBench(argv: readonly string[] = []): Promise<Record<string, unknown>> {
  const flag = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : null;
  };
  const single = flag("--report-run");
  if (single !== null) return { ...(await fullReportRun(single)) };
  const n = flag("--lines") ?? 1_000_000;
  const full = fullReportRuns(n);
  // The parts, each on one table built in this process.
  const generated = time(() => generateOrderRows(n));
  const people = generatedProfiles(generated.value.customers);
  const asOf = AS_OF;
  const table = orderTableOf(buildBook({ orders: generated.value.sheet }, { timeZone: "UTC" }));
  const stats = time(() => allStatistics(table, people, asOf));
  const settings = { ...DEFAULT_ANALYSIS_SETTINGS, minSupport: 0.0002 };
  const byOrder = time(() => associationRules(table, "order", settings));
  const byCustomer = time(() => associationRules(table, "customer", { ...settings, minSupport: 0.01 }));
  const summary = time(() => repeatSummary(table, asOf));
  const gg = time(() => fitGammaGamma(summary.value.frequency, summary.value.monetary));
  const demo = time(demoForecast);
  const cdnow = time(cdnowForecast);
  const texts = Array.from({ length: 100_000 }, (_, i) => COMMENTS[i % COMMENTS.length]);
  const sentiment = time(() => texts.filter((t) => analyzeSentiment(t).label === "negative").length);
  const encodeMs = full.encodeMs;
  return {
    orderLines: table.length,
    orders: table.orderCount,
    customers: table.customers.length,
    products: table.products.length,
    generateMs: generated.ms,
    bookCpuMs: full.bookCpuMs,
    tableCpuMs: full.tableCpuMs,
    analysisCpuMs: full.analysisCpuMs,
    fullReportMs: full.fullReportMs,
    fullReportCpuMs: full.fullReportCpuMs,
    fullReportCpuMsRuns: full.fullReportCpuMsRuns,
    fullReportMainThreadCpuMs: full.fullReportMainThreadCpuMs,
    fullReportPageFaults: full.fullReportPageFaults,
    fullReportSystemCpuMs: full.fullReportSystemCpuMs,
    fullReportGcPauseMs: full.fullReportGcPauseMs,
    fullReportTargetCpuMs: TARGET_CPU_MS,
    fullReportPass: full.fullReportCpuMs <= TARGET_CPU_MS,
    sidebarPayloadBytes: full.sidebarPayloadBytes,
    sidebarPayloadTargetBytes: TARGET_PAYLOAD_BYTES,
    sidebarPayloadPass: full.sidebarPayloadBytes <= TARGET_PAYLOAD_BYTES,
    encodeMs,
    encodeCpuMs: full.bookCpuMs + full.tableCpuMs,
    statisticsMs: stats.ms,
    statisticsCpuMs: stats.cpuMs,
    groupRows: stats.value.groups.reduce((s, g) => s + g.length, 0),
    months: stats.value.monthly.length,
    rulesPerOrderMs: byOrder.ms,
    rulesPerOrderCpuMs: byOrder.cpuMs,
    rulesPerOrderWithEncodeMs: byOrder.ms + encodeMs,
    baskets: byOrder.value.baskets,
    frequentPairs: byOrder.value.frequentItemsets[1] ?? 0,
    frequentTriples: byOrder.value.frequentItemsets[2] ?? 0,
    largestItemset: byOrder.value.frequentItemsets.length,
    rules: byOrder.value.rules.length,
    rulesSpurious: byOrder.value.spurious,
    topRuleLift: Math.round(byOrder.value.rules[0]?.lift * 100) / 100,
    rulesPerCustomerMs: byCustomer.ms,
    rulesPerCustomerCpuMs: byCustomer.cpuMs,
    repeatSummaryMs: summary.ms,
    gammaGammaFitMs: gg.ms,
    gammaGammaCpuMs: gg.cpuMs,
    gammaGammaConverged: gg.value.converged ? 1 : 0,
    sentiment100kMs: sentiment.ms,
    forecastDemo: demo.value,
    forecastCdnow: cdnow.value ?? "cdnow_master.txt not found",
    forecastBenchMs: demo.ms + cdnow.ms,
  };
}
