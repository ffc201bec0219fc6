/**
 * Analysis bench: 1,000,000 deterministic order lines of a book as the repeat-purchase models describe one
 * (see generateOrderRows), as the cells getValues returns them. First, as a
 * fresh "Run analysis" execution does it, the whole report from those cells, in three fresh processes
 * (the median run is reported, every run's CPU in `fullReportCpuMsRuns`, the main thread's share in
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
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { associationRules } from "../../core/analysis/association";
import { revenueForecasts, type SeriesForecast } from "../../core/analysis/forecast";
import { buildAnalysis } from "../../core/analysis/report";
import { customerFacts } from "../../core/analysis/customer-facts";
import { fitGammaGamma, repeatSummary } from "../../core/analysis/gamma-gamma";
import { DIMENSIONS, groupStats, overallStats } from "../../core/analysis/group-stats";
import { encodeOrders, orderTableOf, type OrderTable } from "../../core/analysis/order-table";
import { analyzeSentiment } from "../../core/analysis/sentiment";
import { DEFAULT_ANALYSIS_SETTINGS } from "../../core/analysis/settings";
import { monthlyTrend, quarterlyTrend, seasonality } from "../../core/analysis/trends";
import { buildBook, type SheetCells } from "../../core/book";
import { civilFromDay, dayFromCivil } from "../../core/calendar";
import type { CustomerProfile } from "../../core/analysis/types";
import { sidebarReport } from "../../gas/analysis/server";
import { DEFAULT_SEED, seedBook } from "../demo/seed-data";
import { gammaVariate, mulberry32 } from "../random";

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

/** The generated book's window: three years of orders, 2023–2025. */
const FIRST_DAY = dayFromCivil(2023, 1, 1);
const SPAN_DAYS = 1095;

/** Orders sheet cells and how many customers ordered. */
export interface GeneratedOrders {
  readonly sheet: SheetCells;
  readonly customers: number;
}

/**
 * Orders sheet cells as a growing book holds them (Date cells at UTC midnight, fresh strings per cell), in
 * date order as rows are appended, OrderIDs O1, O2, … in that order, until `lines` lines. Customers come
 * as the BG/NBD story has them, so every model of the report has something to fit: each joins on a day of
 * 2023–2025 and buys at a rate of its own (Gamma across customers, higher in December) until it drops out
 * after a purchase with a probability of its own (Beta across customers), and spends around a level of its
 * own (Gamma-Gamma). An order has 1–6 lines of one of 20 categories × 15 products, with planted pairs
 * (product k of a category often comes with product k + 1) so that rules exist to find. About 20 lines a
 * customer: 50,000 customers for a million lines.
 */
export function generateOrderRows(lines: number, seed = 7): GeneratedOrders {
  const rand = mulberry32(seed);
  const december = new Uint8Array(SPAN_DAYS);
  for (let d = 0; d < SPAN_DAYS; d++) december[d] = civilFromDay(FIRST_DAY + d).month === 12 ? 1 : 0;
  // Orders of every customer, customer after customer, until they hold `lines` lines.
  const orderDay: number[] = [];
  const orderCustomer: number[] = [];
  const orderSize: number[] = [];
  const level: number[] = [];
  let total = 0;
  for (let c = 0; total < lines; c++) {
    const rate = (0.04 * gammaVariate(rand, 0.9)) / 0.9; // orders a day, before December's lift
    const g = gammaVariate(rand, 1.2);
    const dropout = g / (g + gammaVariate(rand, 12));
    level.push(30 + (80 * gammaVariate(rand, 3)) / 3);
    // Purchases by thinning a Poisson process at December's rate (1.6×) down to each day's own.
    let t = Math.floor(rand() * SPAN_DAYS);
    for (;;) {
      const size = 1 + Math.floor(rand() * rand() * 6);
      orderDay.push(FIRST_DAY + t);
      orderCustomer.push(c);
      orderSize.push(size);
      total += size;
      if (total >= lines || rand() < dropout) break;
      let next = t;
      do next += -Math.log(1 - rand()) / (1.6 * rate);
      while (next < SPAN_DAYS && !december[Math.floor(next)] && rand() >= 1 / 1.6);
      if (next >= SPAN_DAYS) break;
      t = Math.floor(next);
    }
  }
  // In date order, as a sheet fills; same-day orders as they came.
  const byDay = Array.from(orderDay.keys()).sort((a, b) => orderDay[a] - orderDay[b] || a - b);
  const out: unknown[][] = [];
  for (let k = 0; k < byDay.length && out.length < lines; k++) {
    const o = byDay[k];
    const category = Math.floor(rand() * 20);
    let product = Math.floor(rand() * 15);
    for (let j = 0; j < orderSize[o] && out.length < lines; j++) {
      const amount = Math.max(1, Math.round((level[orderCustomer[o]] * gammaVariate(rand, 6)) / 6));
      out.push([
        `O${k + 1}`,
        `C${orderCustomer[o]}`,
        new Date(orderDay[o] * 86_400_000),
        `P${category}-${product}`,
        `Cat${category}`,
        1,
        amount,
      ]);
      product = rand() < 0.6 ? (product + 1) % 15 : Math.floor(rand() * 15);
    }
  }
  return { sheet: { name: "Orders", headers: ORDER_HEADERS, rows: out }, customers: level.length };
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
function time<T>(fn: () => T): { value: T; ms: number; cpuMs: number; systemCpuMs: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = fn();
  const cpu = process.cpuUsage(c0);
  return {
    value,
    ms: Math.round(performance.now() - t0),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    systemCpuMs: Math.round(cpu.system / 1000),
  };
}

/**
 * CPU ms of this process's main thread alone (Linux: /proc/self/task/PID/stat, in clock ticks of 10 ms);
 * null elsewhere. The process's CPU less this is what the collector's and the compiler's own threads
 * spent.
 */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // Fields after the command's closing parenthesis; utime and stime are fields 14 and 15 of the line.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * The garbage collector's pauses from now until `stop`: their total wall time in ms (the entries arrive
 * after the work, so `stop` waits a turn of the event loop for them).
 */
function gcPauses(): { stop(): Promise<number> } {
  const t0 = performance.now();
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  return {
    async stop() {
      const t1 = performance.now();
      await new Promise((settled) => setImmediate(settled));
      entries.push(...observer.takeRecords());
      observer.disconnect();
      let total = 0;
      for (const e of entries) if (e.startTime >= t0 && e.startTime <= t1) total += e.duration;
      return Math.round(total);
    },
  };
}

/** A full garbage collection, as `--expose-gc` offers it, without requiring the flag on the command line. */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

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

/** Idle time before the clock starts, for the compiler's threads to finish the harness's own work. */
const SETTLE_MS = 300;

/** How many fresh processes build the full report; the median run's figures are reported. */
const REPORT_RUNS = 3;

const AS_OF = dayFromCivil(2026, 1, 1);

/** The figures of one full-report run (see fullReportRun). */
interface ReportRun {
  readonly bookCpuMs: number;
  readonly tableCpuMs: number;
  readonly analysisCpuMs: number;
  readonly fullReportCpuMs: number;
  readonly fullReportMs: number;
  readonly encodeMs: number;
  readonly sidebarPayloadBytes: number;
  /** The main thread's share of fullReportCpuMs (null off Linux). */
  readonly fullReportMainThreadCpuMs: number | null;
  /**
   * Pages the report touched for the first time (minor faults; 4 KB each): fresh memory costs the system
   * time of zeroing and mapping it, a share of fullReportCpuMs that depends on the machine.
   */
  readonly fullReportPageFaults: number;
  /** The kernel's share of fullReportCpuMs (mostly mapping those pages). */
  readonly fullReportSystemCpuMs: number;
  /** The main thread's garbage-collection pauses (ms of wall time) in the report. */
  readonly fullReportGcPauseMs: number;
}

/**
 * `n` generated lines in a holder the run empties: no variable of the caller's frame keeps the cells alive
 * once the book has them.
 */
function cellsHolder(n: number): { rows: SheetCells | null; readonly customers: number } {
  const generated = generateOrderRows(n);
  return { rows: generated.sheet, customers: generated.customers };
}

/**
 * The whole report of `n` generated lines, from the cells, as "Run analysis" builds it in an execution
 * of its own: the book, the analyses' table, every analysis, each counted, the reading of the cells
 * included; and the size of the sidebar's answer. As in readBook (gas/book/read-book.ts), the cells are
 * garbage once the book is built: only the book holds what was read.
 */
async function fullReportRun(n: number): Promise<ReportRun> {
  const cells = cellsHolder(n);
  const people = profiles(cells.customers);
  // The generator's own garbage is collected before the clock starts (its cells stay), and the compiler's
  // threads are given a moment to finish what loading and generating queued (tsx's TypeScript loader
  // among it): what is measured is the report's work, including every collection and compilation that
  // work brings on, and not the clean-up after how this bench happened to make its cells.
  collectGarbage();
  await new Promise((settled) => setTimeout(settled, SETTLE_MS));
  const pauses = gcPauses();
  const faults0 = process.resourceUsage().minorPageFault;
  const main0 = mainThreadCpuMs();
  const book = time(() => {
    const orders = cells.rows!;
    cells.rows = null;
    return buildBook({ orders }, { timeZone: "UTC" });
  });
  const encoded = time(() => orderTableOf(book.value));
  const report = time(() =>
    buildAnalysis(
      { table: encoded.value, customers: people, feedback: [], asOfDay: AS_OF },
      DEFAULT_ANALYSIS_SETTINGS,
    ),
  );
  const main1 = mainThreadCpuMs();
  const faults = process.resourceUsage().minorPageFault - faults0;
  const gcPauseMs = await pauses.stop();
  // What google.script.run carries to the sidebar for this report (the server's answer, as JSON).
  const payload = Buffer.byteLength(JSON.stringify({ ok: true, value: sidebarReport(report.value) }), "utf8");
  return {
    bookCpuMs: book.cpuMs,
    tableCpuMs: encoded.cpuMs,
    analysisCpuMs: report.cpuMs,
    fullReportCpuMs: book.cpuMs + encoded.cpuMs + report.cpuMs,
    fullReportMs: book.ms + encoded.ms + report.ms,
    encodeMs: book.ms + encoded.ms,
    sidebarPayloadBytes: payload,
    fullReportMainThreadCpuMs: main0 === null || main1 === null ? null : main1 - main0,
    fullReportPageFaults: faults,
    fullReportSystemCpuMs: book.systemCpuMs + encoded.systemCpuMs + report.systemCpuMs,
    fullReportGcPauseMs: gcPauseMs,
  };
}

/**
 * The full report in REPORT_RUNS fresh processes, one after the other (a fresh heap and cold code each
 * time, as an execution starts): the run with the median CPU time, and every run's CPU time. On a shared
 * machine a neighbour can slow one run by a fifth or more; the median is what a quiet machine shows.
 */
function fullReportRuns(n: number): ReportRun & { readonly fullReportCpuMsRuns: readonly number[] } {
  const runs: ReportRun[] = [];
  for (let k = 0; k < REPORT_RUNS; k++) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, process.argv[1], "bench", "--only", "analysis", "--report-run", String(n)],
      { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`full-report run ${k + 1} failed (exit ${child.status})`);
    const out = child.stdout.trimEnd().split("\n");
    runs.push(JSON.parse(out[out.length - 1]) as ReportRun);
  }
  const sorted = [...runs].sort((a, b) => a.fullReportCpuMs - b.fullReportCpuMs);
  return { ...sorted[sorted.length >> 1], fullReportCpuMsRuns: runs.map((r) => r.fullReportCpuMs) };
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
  const people = profiles(generated.value.customers);
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
