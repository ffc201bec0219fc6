import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import {
  classifyBook,
  DEFAULT_SETTINGS,
  isoOfDay,
  readBook,
  scoreRfm,
  zoneDayFunction,
  type ClassifyOutcome,
} from "../../core/classify";
import { generateBook, type GeneratedBook } from "./order-generator";

const TIME_ZONE = "Asia/Shanghai";
const AS_OF = "2026-11-23";
const RUNS = 3;

function flag(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

/** CPU time (user + system, all threads of the process) since `start`: steadier than wall time on a busy host. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function runCore(book: GeneratedBook, asOf: number): ClassifyOutcome {
  return classifyBook({
    customers: { name: "Customers", headers: book.customerHeaders, rows: book.customerRows },
    orders: { name: "Orders", headers: book.orderHeaders, rows: book.orderRows },
    asOf,
    timeZone: TIME_ZONE,
    settings: DEFAULT_SETTINGS,
    lang: "en",
  });
}

/**
 * The same per-customer aggregates and rfm-package quantile scores in SQL: distinct OrderIDs plus one per
 * line without one, net amount, recency; breaks are quantile_cont (type 7) + 1 at the same probabilities
 * R uses (i · (1/5)), a score is 1 + the number of inner breaks at or below the value (R reversed).
 */
function scoreSql(asOf: string, bins: number): string {
  const probs = Array.from({ length: bins - 1 }, (_, i) => String((i + 1) * (1 / bins))).join(", ");
  const score = (col: string, q: string) =>
    "1 + " + Array.from({ length: bins - 1 }, (_, i) => `(${col} >= ${q}[${i + 1}] + 1)::INT`).join(" + ");
  return `
    WITH per AS (
      SELECT customer_id,
             DATE '${asOf}' - max(order_date) AS recency,
             count(DISTINCT order_id) + count(*) FILTER (WHERE order_id IS NULL) AS frequency,
             sum(amount) AS monetary
      FROM orders GROUP BY customer_id
    ), q AS (
      SELECT quantile_cont(recency, [${probs}]) AS qr,
             quantile_cont(frequency, [${probs}]) AS qf,
             quantile_cont(monetary, [${probs}]) AS qm
      FROM per
    )
    SELECT customer_id, recency, frequency, monetary,
           ${bins + 1} - (${score("recency", "qr")}) AS r,
           ${score("frequency", "qf")} AS f,
           ${score("monetary", "qm")} AS m
    FROM per, q`;
}

/**
 * Times the core classification of a generated book (value arrays as getValues returns them → output
 * arrays) against DuckDB computing the same aggregates and quantile scores from the same rows. Only the
 * core call and the DuckDB query are timed (median of three runs after a warm-up); loading DuckDB is not.
 * Wall and CPU times are both printed: on a shared host the wall time mostly measures the neighbours.
 */
export async function classifyBench(argv: readonly string[] = []): Promise<Record<string, number>> {
  const rows = flag(argv, "rows", 1_000_000);
  const customers = flag(argv, "customers", 50_000);
  const t0 = performance.now();
  const book = generateBook({ customers, rows, until: "2026-11-22" });
  const generateMs = performance.now() - t0;
  const asOf = zoneDayFunction(TIME_ZONE)(Date.parse(`${AS_OF}T12:00:00+08:00`));

  let outcome = runCore(book, asOf);
  const coreTimes: number[] = [];
  const coreCpu: number[] = [];
  let heapAfterCore = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    outcome = runCore(book, asOf);
    coreTimes.push(performance.now() - start);
    coreCpu.push(cpuMs(cpu));
    heapAfterCore = Math.max(heapAfterCore, process.memoryUsage().heapUsed);
  }

  // Like for like with the SQL below: aggregates and quantile scores only (no segments, ABC, churn, why).
  const rfmTimes: number[] = [];
  const rfmCpu: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const read = readBook({
      customers: { name: "Customers", headers: book.customerHeaders, rows: book.customerRows },
      orders: { name: "Orders", headers: book.orderHeaders, rows: book.orderRows },
      asOf,
      timeZone: TIME_ZONE,
    });
    scoreRfm(read.values, DEFAULT_SETTINGS);
    // The first run warms up.
    if (i > 0) {
      rfmTimes.push(performance.now() - start);
      rfmCpu.push(cpuMs(cpu));
    }
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), "classify-bench-"));
  const file = path.join(dir, "orders.csv");
  const zoneDay = zoneDayFunction(TIME_ZONE);
  const lines = ["customer_id,order_id,order_date,amount"];
  for (const r of book.orderRows) {
    lines.push(`${r[1]},${r[0]},${isoOfDay(zoneDay((r[2] as Date).getTime()))},${r[5]}`);
  }
  writeFileSync(file, lines.join("\n"));
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  const loadStart = performance.now();
  await db.run(
    `CREATE TABLE orders AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', header = true,
       columns = {'customer_id': 'VARCHAR', 'order_id': 'VARCHAR', 'order_date': 'DATE', 'amount': 'DOUBLE'})`,
  );
  const duckdbLoadMs = performance.now() - loadStart;
  const sql = scoreSql(AS_OF, DEFAULT_SETTINGS.bins);
  await db.runAndReadAll(sql);
  const duckTimes: number[] = [];
  const duckCpu: number[] = [];
  let duckRows: unknown[][] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const reader = await db.runAndReadAll(sql);
    duckRows = reader.getRowsJS() as unknown[][];
    duckTimes.push(performance.now() - start);
    duckCpu.push(cpuMs(cpu));
  }
  db.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });

  const ours = new Map(outcome.results.map((r) => [r.customerId, r]));
  let scoresAgree = 0;
  for (const [id, , , , r, f, m] of duckRows) {
    const o = ours.get(String(id));
    if (o && o.r === Number(r) && o.f === Number(f) && o.m === Number(m)) scoresAgree++;
  }
  const coreMs = median(coreTimes);
  const duckdbQueryMs = median(duckTimes);
  return {
    orderRows: rows,
    customers,
    customersScored: outcome.results.length,
    generateMs: Math.round(generateMs),
    coreMs: Math.round(coreMs),
    coreMinMs: Math.round(Math.min(...coreTimes)),
    coreCpuMs: Math.round(median(coreCpu)),
    duckdbLoadMs: Math.round(duckdbLoadMs),
    duckdbQueryMs: Math.round(duckdbQueryMs),
    duckdbQueryCpuMs: Math.round(median(duckCpu)),
    coreToDuckdbRatio: Math.round((coreMs / duckdbQueryMs) * 100) / 100,
    // DuckDB from the same rows: loading them (from a CSV file, its fastest path) and the query, against
    // the core's whole classification from the arrays getValues returns.
    duckdbFromRowsMs: Math.round(duckdbLoadMs + duckdbQueryMs),
    coreToDuckdbFromRowsRatio: Math.round((coreMs / (duckdbLoadMs + duckdbQueryMs)) * 100) / 100,
    aggregatesAndScoresMs: Math.round(median(rfmTimes)),
    aggregatesAndScoresCpuMs: Math.round(median(rfmCpu)),
    aggregatesAndScoresToDuckdbRatio: Math.round((median(rfmTimes) / duckdbQueryMs) * 100) / 100,
    scoresAgree,
    scoresDiffer: duckRows.length - scoresAgree,
    bgnbdFitted: outcome.model.kind === "bgnbd" ? 1 : 0,
    heapUsedAfterCoreMb: Math.round(heapAfterCore / 1048576),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}
