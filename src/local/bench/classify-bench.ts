import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { buildBook, type Book } from "../../core/book";
import { dateKeyOfDay, zoneDayFunction } from "../../core/calendar";
import { bookRfm, classify, DEFAULT_SETTINGS, scoreRfm, type ClassifyOutcome } from "../../core/classify";
import {
  generateBook,
  reorderRows,
  rowOrder,
  withDateCells,
  type DateCells,
  type GeneratedBook,
  type RowOrder,
} from "./order-generator";

const TIME_ZONE = "Asia/Shanghai";
const AS_OF = "2026-11-23";
/** Timed repetitions per figure (after one warm-up); the median is reported. */
const RUNS = 5;
const ORDERS: readonly RowOrder[] = ["grouped", "date", "shuffled"];

function flag(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

/** CPU time (user + system, all threads of the process) since `start`: steadier than wall time on a busy host. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const round = (v: number) => Math.round(v);
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

v8.setFlagsFromString("--expose-gc");
/**
 * A full garbage collection, run before each timed step (and not timed): each step starts from a clean
 * heap, as an Apps Script execution does, and pays for the collections its own garbage causes, not for the
 * previous step's.
 */
const collectGarbage = vm.runInNewContext("gc") as () => void;

/** Wall and CPU time of one call, after a full collection. */
function timed<T>(fn: () => T): { value: T; ms: number; cpu: number } {
  collectGarbage();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = fn();
  return { value, ms: performance.now() - start, cpu: cpuMs(cpu) };
}

function bookOf(generated: GeneratedBook, orderRows: unknown[][]): Book {
  return buildBook(
    {
      customers: { name: "Customers", headers: generated.customerHeaders, rows: generated.customerRows },
      orders: { name: "Orders", headers: generated.orderHeaders, rows: orderRows },
    },
    { timeZone: TIME_ZONE, lang: "en", details: false },
  );
}

/** The whole classification as the add-on runs it: the book from the cells, then every result. */
function wholeClassification(generated: GeneratedBook, orderRows: unknown[][], asOf: number) {
  const book = bookOf(generated, orderRows);
  return { book, outcome: classify(book, { asOf, settings: DEFAULT_SETTINGS, lang: "en" }) };
}

/** Like for like with the SQL: aggregates and quantile scores on the loaded book (no segments, ABC, churn, why). */
function likeForLike(book: Book, asOf: number) {
  return scoreRfm(bookRfm(book, asOf), DEFAULT_SETTINGS);
}

/**
 * The same per-customer aggregates and rfm-package quantile scores in SQL: distinct OrderIDs plus one per
 * line without one, net amount, recency; breaks are quantile_cont (type 7) + 1 at the same probabilities
 * R uses (i · (1/5)), a score is 1 + the number of inner breaks at or below the value (R reversed).
 */
function scoreSql(table: string, asOf: string, bins: number): string {
  const probs = Array.from({ length: bins - 1 }, (_, i) => String((i + 1) * (1 / bins))).join(", ");
  const score = (col: string, q: string) =>
    "1 + " + Array.from({ length: bins - 1 }, (_, i) => `(${col} >= ${q}[${i + 1}] + 1)::INT`).join(" + ");
  return `
    WITH per AS (
      SELECT customer_id,
             DATE '${asOf}' - max(order_date) AS recency,
             count(DISTINCT order_id) + count(*) FILTER (WHERE order_id IS NULL) AS frequency,
             sum(amount) AS monetary
      FROM ${table} GROUP BY customer_id
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
 * Loads the generated lines into DuckDB once (a CSV file, its fastest path) and copies them into one table
 * per row order, so each order's query reads the same rows in the same physical order as the core does.
 */
async function loadDuckdb(db: DuckDBConnection, generated: GeneratedBook): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "classify-bench-"));
  const file = path.join(dir, "orders.csv");
  const zoneDay = zoneDayFunction(TIME_ZONE);
  const lines = ["customer_id,order_id,order_date,amount,date_pos,shuffled_pos"];
  // Each generated row's position in the date and shuffled orders (the same permutations as the core's).
  const position = (order: RowOrder) => {
    const at = new Int32Array(generated.orderRows.length);
    rowOrder(generated.orderRows, order).forEach((row, k) => (at[row] = k));
    return at;
  };
  const datePos = position("date");
  const shuffledPos = position("shuffled");
  generated.orderRows.forEach((r, i) => {
    const day = dateKeyOfDay(zoneDay((r[2] as Date).getTime()));
    lines.push(`${r[1]},${r[0]},${day},${r[5]},${datePos[i]},${shuffledPos[i]}`);
  });
  writeFileSync(file, lines.join("\n"));
  const start = performance.now();
  await db.run(
    `CREATE TABLE orders_grouped AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', header = true,
       columns = {'customer_id': 'VARCHAR', 'order_id': 'VARCHAR', 'order_date': 'DATE', 'amount': 'DOUBLE',
                  'date_pos': 'INTEGER', 'shuffled_pos': 'INTEGER'})`,
  );
  const loadMs = performance.now() - start;
  const columns = "customer_id, order_id, order_date, amount";
  await db.run(`CREATE TABLE orders_date AS SELECT ${columns} FROM orders_grouped ORDER BY date_pos`);
  await db.run(`CREATE TABLE orders_shuffled AS SELECT ${columns} FROM orders_grouped ORDER BY shuffled_pos`);
  rmSync(dir, { recursive: true, force: true });
  return loadMs;
}

interface OrderFigures {
  whole: number[];
  wholeCpu: number[];
  book: number[];
  like: number[];
  likeCpu: number[];
  duck: number[];
  duckCpu: number[];
}

/**
 * The classification bench (`npm run bench -- --only classify`): the same generated lines (1,000,000 over
 * 50,000 customers by default) in three row orders — grouped by customer, by date, shuffled — each timed
 * three ways, interleaved in one process and repeated (median of RUNS after a warm-up):
 * - `wholeMs`: the whole classification from the cells getValues returns (the book built, every result);
 * - `likeForLikeMs`: the same aggregates and quantile scores DuckDB computes, on the loaded book;
 * - `duckdbEngineMs`: DuckDB's query on its loaded table, the result left in DuckDB (not converted to JS).
 * Then growth: the whole classification of 1M and 10M shuffled lines of the same 50,000 customers, each in
 * a fresh process, CPU time; and the whole classification with OrderDate as serial numbers and as typed text.
 */
export async function classifyBench(argv: readonly string[] = []): Promise<Record<string, unknown>> {
  const growthOnly = argv.indexOf("--growth-lines");
  if (growthOnly >= 0) return growthRun(Number(argv[growthOnly + 1]), flag(argv, "customers", 50_000));
  const rows = flag(argv, "rows", 1_000_000);
  const customers = flag(argv, "customers", 50_000);
  const t0 = performance.now();
  const generated = generateBook({ customers, rows, until: "2026-11-22" });
  const generateMs = performance.now() - t0;
  const asOf = zoneDayFunction(TIME_ZONE)(Date.parse(`${AS_OF}T12:00:00+08:00`));
  const orders = new Map(ORDERS.map((o) => [o, reorderRows(generated.orderRows, o)] as const));

  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  const duckdbLoadMs = await loadDuckdb(db, generated);
  const sql = (o: RowOrder) => scoreSql(`orders_${o}`, AS_OF, DEFAULT_SETTINGS.bins);

  const figures = new Map<RowOrder, OrderFigures>(
    ORDERS.map((o) => [
      o,
      { whole: [], wholeCpu: [], book: [], like: [], likeCpu: [], duck: [], duckCpu: [] },
    ]),
  );
  const outcomes = new Map<RowOrder, ClassifyOutcome>();
  let heapAfterCore = 0;
  for (let run = 0; run <= RUNS; run++) {
    for (const o of ORDERS) {
      const f = figures.get(o)!;
      const built = timed(() => bookOf(generated, orders.get(o)!));
      const whole = timed(() => wholeClassification(generated, orders.get(o)!, asOf));
      heapAfterCore = Math.max(heapAfterCore, process.memoryUsage().heapUsed);
      const like = timed(() => likeForLike(whole.value.book, asOf));
      collectGarbage();
      const duckStart = performance.now();
      const duckCpu = process.cpuUsage();
      await db.run(sql(o));
      const duckMs = performance.now() - duckStart;
      const duckCpuMs = cpuMs(duckCpu);
      outcomes.set(o, whole.value.outcome);
      if (run === 0) continue; // warm-up
      f.book.push(built.ms);
      f.whole.push(whole.ms);
      f.wholeCpu.push(whole.cpu);
      f.like.push(like.ms);
      f.likeCpu.push(like.cpu);
      f.duck.push(duckMs);
      f.duckCpu.push(duckCpuMs);
    }
  }

  // The scores agree customer by customer with DuckDB's, in every order (read once, outside the timing).
  let scoresAgree = 0;
  let scoresDiffer = 0;
  for (const o of ORDERS) {
    const ours = new Map(outcomes.get(o)!.results.map((r) => [r.customerId, r]));
    const reader = await db.runAndReadAll(sql(o));
    for (const [id, , , , r, f, m] of reader.getRowsJS() as unknown[][]) {
      const mine = ours.get(String(id));
      if (mine && mine.r === Number(r) && mine.f === Number(f) && mine.m === Number(m)) scoresAgree++;
      else scoresDiffer++;
    }
  }
  db.closeSync();
  instance.closeSync();
  const sameResults = ORDERS.every(
    (o) => JSON.stringify(outcomes.get(o)!.results) === JSON.stringify(outcomes.get("grouped")!.results),
  );

  const byOrder = Object.fromEntries(
    ORDERS.map((o) => {
      const f = figures.get(o)!;
      return [
        o,
        {
          likeForLikeMs: round(median(f.like)),
          wholeMs: round(median(f.whole)),
          duckdbEngineMs: round(median(f.duck)),
          likeForLikeRatio: ratio(median(f.like), median(f.duck)),
          bookMs: round(median(f.book)),
          wholeCpuMs: round(median(f.wholeCpu)),
          likeForLikeCpuMs: round(median(f.likeCpu)),
          duckdbEngineCpuMs: round(median(f.duckCpu)),
        },
      ];
    }),
  );
  const cellTypes = Object.fromEntries(
    (["serial", "text"] as DateCells[]).map((cells) => [cells, cellTypeRun(generated, cells, asOf)]),
  );
  orders.clear();
  // lines1M and lines10M: `rows` and ten times as many (1M and 10M by default), for the same customers.
  const growth = { lines1M: growthChild(rows, customers), lines10M: growthChild(rows * 10, customers) };

  const grouped = figures.get("grouped")!;
  const coreMs = median(grouped.whole);
  const duckdbQueryMs = median(grouped.duck);
  const outcome = outcomes.get("grouped")!;
  return {
    orderRows: rows,
    customers,
    customersScored: outcome.results.length,
    generateMs: round(generateMs),
    coreMs: round(coreMs),
    coreMinMs: round(Math.min(...grouped.whole)),
    coreCpuMs: round(median(grouped.wholeCpu)),
    duckdbLoadMs: round(duckdbLoadMs),
    duckdbQueryMs: round(duckdbQueryMs),
    duckdbQueryCpuMs: round(median(grouped.duckCpu)),
    coreToDuckdbRatio: ratio(coreMs, duckdbQueryMs),
    // DuckDB from the same rows: loading them (from a CSV file, its fastest path) and the query, against
    // the core's whole classification from the arrays getValues returns.
    duckdbFromRowsMs: round(duckdbLoadMs + duckdbQueryMs),
    coreToDuckdbFromRowsRatio: ratio(coreMs, duckdbLoadMs + duckdbQueryMs),
    aggregatesAndScoresMs: round(median(grouped.like)),
    aggregatesAndScoresCpuMs: round(median(grouped.likeCpu)),
    aggregatesAndScoresToDuckdbRatio: ratio(median(grouped.like), duckdbQueryMs),
    scoresAgree,
    scoresDiffer,
    sameResultsInEveryOrder: sameResults ? 1 : 0,
    bgnbdFitted: outcome.model.kind === "bgnbd" ? 1 : 0,
    heapUsedAfterCoreMb: round(heapAfterCore / 1048576),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024),
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
    classify: { byOrder, growth, cellTypes },
  };
}

/** Whole classification CPU ms (median of RUNS after a warm-up) of the shuffled lines with other date cells. */
function cellTypeRun(generated: GeneratedBook, cells: DateCells, asOf: number): number {
  const rows = reorderRows(withDateCells(generated.orderRows, cells), "shuffled");
  const cpu: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const t = timed(() => wholeClassification(generated, rows, asOf));
    if (run > 0) cpu.push(t.cpu);
  }
  return round(median(cpu));
}

/**
 * The whole classification of `lines` shuffled lines in a process of its own (a fresh heap holding only
 * that book; 10M lines need a larger old space), CPU ms.
 */
function growthChild(lines: number, customers: number): number {
  const child = spawnSync(
    process.execPath,
    [
      "--max-old-space-size=12288",
      ...process.execArgv,
      process.argv[1],
      "bench",
      "--only",
      "classify",
      "--growth-lines",
      String(lines),
      "--customers",
      String(customers),
    ],
    { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`growth run of ${lines} lines failed (exit ${child.status})`);
  const out = child.stdout.trimEnd().split("\n");
  return Number(JSON.parse(out[out.length - 1]).wholeCpuMs);
}

/**
 * One growth figure: `lines` shuffled lines over `customers` customers. A warm-up on a 200,000-line book
 * first (so both sizes run compiled code), then two timed runs; the lower CPU time is reported (the other
 * run's difference is the neighbours' noise on a shared host).
 */
function growthRun(lines: number, customers: number): Record<string, number> {
  const asOf = zoneDayFunction(TIME_ZONE)(Date.parse(`${AS_OF}T12:00:00+08:00`));
  const warm = shuffledBook(200_000, 10_000);
  wholeClassification(warm, warm.orderRows, asOf);
  const generated = shuffledBook(lines, customers);
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let run = 0; run < 2; run++) {
    const t = timed(() => wholeClassification(generated, generated.orderRows, asOf).outcome.results.length);
    cpu.push(t.cpu);
    wall.push(t.ms);
  }
  return {
    lines,
    wholeCpuMs: round(Math.min(...cpu)),
    wholeMs: round(Math.min(...wall)),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024),
  };
}

/** A generated book of `lines` shuffled lines (the generated order is dropped, only the copy is kept). */
function shuffledBook(lines: number, customers: number): GeneratedBook {
  const generated = generateBook({ customers, rows: lines, until: "2026-11-22" });
  return { ...generated, orderRows: reorderRows(generated.orderRows, "shuffled") };
}
