/**
 * The SQL bench (`npm run bench -- --only sql [--lines N]`): order lines generated inside DuckDB with
 * range() (10M and 100M by default: N and 10·N), 1,000,000 customers at both sizes, then timed:
 * - the classification SQL src/core/sql generates (DuckDB dialect: aggregates, median gaps, the rfm
 *   package's break points, scores, rfm10 segments, ABC by count, lifecycle), its result materialised;
 * - a hand-written DuckDB query (HAND_WRITTEN below, written the DuckDB way: count_if, FILTER, median,
 *   list_sort and a macro for R's type-7 quantile) computing the same aggregates and the same scores.
 * Both results are compared row by row after each run (differingRows; only repeat_value may differ in its
 * last bits: its doubles are summed in the engine's order), so the comparison is of equal work.
 * Each query runs once after a warm-up at the small size and once at the large size (memory- and
 * time-heavy: run it rarely). The database is a file in the temp directory with memory_limit 8GB and a
 * temp_directory, so DuckDB spills rather than crowding the shared host. Prints time per line at each
 * size; the JSON gets {"sql": {lines10M: {ms, …}, lines100M: {ms, …}, perLineRatio100Mto10M,
 * toHandWrittenRatio}} (the ratio at the large size) and pass/fail against the issue's targets.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { DEFAULT_SETTINGS } from "../../core/classify";
import { classificationSql, RESULT_FIELDS } from "../../core/sql";

const CUSTOMERS = 1_000_000;
const AS_OF = 20_730;
/** Targets of issue 19: per-line time at 100M ≤ 1.5 × at 10M; generated ≤ 1.2 × hand-written. */
const TARGETS = { perLineRatio100Mto10M: 1.5, toHandWrittenRatio: 1.2 } as const;

function flag(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

/**
 * Lines in orders of three (the lines of an order share its customer and day, as on a real sheet), one
 * line in ten without an OrderID, whole-cent amounts; days over two years, all before the analysis date.
 */
async function generate(db: DuckDBConnection, lines: number): Promise<number> {
  const start = performance.now();
  await db.run(`CREATE OR REPLACE TABLE bench.orders AS
    SELECT 'C' || CAST(hash(i // 3) % ${CUSTOMERS} AS VARCHAR) AS customer_id,
      CASE WHEN i % 10 = 0 THEN NULL ELSE 'SO' || CAST(i // 3 AS VARCHAR) END AS order_id,
      CAST(20000 + hash(i // 3 * 7) % 730 AS BIGINT) AS order_day,
      CAST(hash(i * 13) % 100000 AS DOUBLE) / 100 AS amount
    FROM range(${lines}) AS t(i)`);
  return performance.now() - start;
}

/** R's type-7 quantile of a sorted list with R's arithmetic, (1 − h)·x[lo] + h·x[hi] (quantile.ts). */
const HAND_SETUP = `CREATE OR REPLACE TEMP MACRO r_quantile(x, p) AS (
  CASE WHEN NOT (1 + (len(x) - 1) * p > floor(1 + (len(x) - 1) * p))
      OR x[ceil(1 + (len(x) - 1) * p)::BIGINT] = x[floor(1 + (len(x) - 1) * p)::BIGINT]
    THEN x[floor(1 + (len(x) - 1) * p)::BIGINT]
    ELSE (1 - (1 + (len(x) - 1) * p - floor(1 + (len(x) - 1) * p))) * x[floor(1 + (len(x) - 1) * p)::BIGINT]
      + (1 + (len(x) - 1) * p - floor(1 + (len(x) - 1) * p)) * x[ceil(1 + (len(x) - 1) * p)::BIGINT] END)`;

/**
 * The default settings' classification (quantile scores in 5 bins, rfm10, ABC by count 20/70 %,
 * lifecycle 5 orders / 2× gap / 30 / 180 / 365 days), written by hand for DuckDB.
 */
const HAND_WRITTEN = `WITH u AS (
  SELECT customer_id, order_id, order_day, amount, round(amount * 100) / 100 = amount AS whole_cents
  FROM bench.orders
  WHERE customer_id IS NOT NULL AND customer_id <> '' AND order_day IS NOT NULL AND amount IS NOT NULL
    AND order_day <= ${AS_OF}
), per AS (
  SELECT customer_id, count(*) AS lines, min(order_day) AS first_day, max(order_day) AS last_day,
    count(DISTINCT nullif(order_id, '')) + count_if(order_id IS NULL OR order_id = '') AS frequency,
    coalesce(sum(round(amount * 100)::BIGINT) FILTER (WHERE whole_cents), 0)::DOUBLE / 100
      + coalesce(sum(amount) FILTER (WHERE NOT whole_cents), 0) AS monetary
  FROM u GROUP BY customer_id
), days AS (
  SELECT customer_id, order_day, sum(amount) AS v,
    order_day - lag(order_day) OVER (PARTITION BY customer_id ORDER BY order_day) AS gap
  FROM u GROUP BY customer_id, order_day
), d AS (
  SELECT customer_id, count(*) AS purchase_days, median(gap) AS median_gap,
    sum(v) FILTER (WHERE gap IS NOT NULL) AS repeat_total
  FROM days GROUP BY customer_id
), s AS (
  SELECT per.*, ${AS_OF} - last_day AS recency, d.purchase_days, d.median_gap,
    CASE WHEN d.purchase_days > 1 THEN d.repeat_total / (d.purchase_days - 1) ELSE 0 END AS repeat_value,
    row_number() OVER (ORDER BY monetary DESC, customer_id) AS abc_rank, count(*) OVER () AS n
  FROM per JOIN d USING (customer_id)
), sorted AS (
  SELECT list_sort(list(recency)) AS xr, list_sort(list(frequency)) AS xf, list_sort(list(monetary)) AS xm
  FROM s
), q AS (
  -- The rfm package's inner bounds: R's type-7 quantile at 1/5 … 4/5, plus one.
  SELECT [r_quantile(xr, i * (1::DOUBLE / 5)) + 1 FOR i IN range(1, 5)] AS qr,
    [r_quantile(xf, i * (1::DOUBLE / 5)) + 1 FOR i IN range(1, 5)] AS qf,
    [r_quantile(xm, i * (1::DOUBLE / 5)) + 1 FOR i IN range(1, 5)] AS qm
  FROM sorted
), scored AS (
  SELECT s.*, 5 - len([b FOR b IN qr IF recency >= b]) AS r, 1 + len([b FOR b IN qf IF frequency >= b]) AS f,
    1 + len([b FOR b IN qm IF monetary >= b]) AS m
  FROM s CROSS JOIN q
)
SELECT customer_id, recency, frequency, monetary, r, f, m,
  CASE WHEN r = 5 AND f = 5 AND m = 5 THEN 'champions'
    WHEN r >= 3 AND f >= 3 AND m >= 2 THEN 'potential_loyalist'
    WHEN r BETWEEN 2 AND 4 AND f BETWEEN 2 AND 4 AND m BETWEEN 2 AND 4 THEN 'loyal_customers'
    WHEN r BETWEEN 3 AND 4 AND f <= 3 AND m >= 3 THEN 'promising'
    WHEN r >= 4 AND f <= 3 THEN 'new_customers'
    WHEN r <= 2 AND f BETWEEN 3 AND 4 AND m >= 4 THEN 'cant_lose_them'
    WHEN r <= 2 AND f >= 2 AND m >= 4 THEN 'at_risk'
    WHEN r <= 3 AND f >= 3 AND m >= 3 THEN 'need_attention'
    WHEN r BETWEEN 2 AND 3 AND f <= 3 AND m <= 4 THEN 'about_to_sleep'
    WHEN r = 1 THEN 'lost' ELSE 'others' END AS segment,
  CASE WHEN abc_rank <= ceil(0.2::DOUBLE * n) THEN 'A' WHEN abc_rank <= ceil(0.7::DOUBLE * n) THEN 'B'
    ELSE 'C' END AS abc,
  CASE WHEN recency > 365 THEN 'lost'
    WHEN (purchase_days >= 2 AND recency > 2 * median_gap AND recency >= 30)
      OR (purchase_days < 2 AND recency > 180) THEN 'at_risk'
    WHEN frequency >= 5 THEN 'loyal' WHEN frequency >= 2 THEN 'repeat' ELSE 'new' END AS lifecycle,
  lines, purchase_days, median_gap, first_day, last_day, repeat_value
FROM scored ORDER BY customer_id`;

/** The hand-written query is the default settings'; refuse to compare it with anything else. */
function checkDefaults(): void {
  const s = DEFAULT_SETTINGS;
  const l = s.lifecycle;
  const same =
    s.scoring === "quantile" &&
    s.bins === 5 &&
    s.scheme === "rfm10" &&
    s.abc.mode === "count" &&
    s.abc.a === 0.2 &&
    s.abc.b === 0.7 &&
    l.loyalMinOrders === 5 &&
    l.atRiskGapFactor === 2 &&
    l.atRiskMinDays === 30 &&
    l.oneTimeAtRiskDays === 180 &&
    l.lostDays === 365;
  if (!same) throw new Error("DEFAULT_SETTINGS changed: update the hand-written query of sql-bench.ts");
}

/** Every result field but the ID (the join) and repeat_value (a float summed in another order). */
const COMPARED = RESULT_FIELDS.filter((f) => f !== "customer_id" && f !== "repeat_value");

/** Rows where the two results disagree (repeat_value to 1e-9 relative: summed in the engine's order). */
async function differingRows(db: DuckDBConnection): Promise<number> {
  const reader = await db.runAndReadAll(`SELECT count(*) FROM generated g FULL JOIN hand h USING (customer_id)
    WHERE g.customer_id IS NULL OR h.customer_id IS NULL
      OR ${COMPARED.map((c) => `g.${c} IS DISTINCT FROM h.${c}`).join(" OR ")}
      OR abs(g.repeat_value - h.repeat_value) > 1e-9 * greatest(abs(h.repeat_value), 1)`);
  return Number(reader.getRows()[0][0]);
}

async function timedMs(db: DuckDBConnection, table: string, sql: string): Promise<number> {
  const start = performance.now();
  await db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${sql}`);
  return performance.now() - start;
}

const label = (lines: number) =>
  `lines${lines >= 1e6 && lines % 1e6 === 0 ? `${lines / 1e6}M` : lines >= 1e3 && lines % 1e3 === 0 ? `${lines / 1e3}K` : lines}`;

export async function sqlBench(argv: readonly string[] = []): Promise<Record<string, unknown>> {
  checkDefaults();
  const small = flag(argv, "lines", 10_000_000);
  const large = small * 10;
  const dir = mkdtempSync(path.join(os.tmpdir(), "sql-bench-"));
  const instance = await DuckDBInstance.create(path.join(dir, "lines.duckdb"), {
    memory_limit: "8GB",
    temp_directory: path.join(dir, "spill"),
  });
  const db = await instance.connect();
  try {
    await db.run("CREATE SCHEMA bench");
    await db.run(HAND_SETUP);
    const generated = classificationSql(
      DEFAULT_SETTINGS,
      { orders: { dataset: "bench", table: "orders" }, asOf: AS_OF },
      "duckdb",
    ).query;
    const figures: Record<
      string,
      {
        ms: number;
        handWrittenMs: number;
        nsPerLine: number;
        generateMs: number;
        customers: number;
        differingRows: number;
      }
    > = {};
    for (const lines of [small, large]) {
      const generateMs = await generate(db, lines);
      if (lines === small) {
        await timedMs(db, "generated", generated); // warm-up
        await timedMs(db, "hand", HAND_WRITTEN);
      }
      const ms = await timedMs(db, "generated", generated);
      const handWrittenMs = await timedMs(db, "hand", HAND_WRITTEN);
      const differ = await differingRows(db);
      const customers = Number((await db.runAndReadAll("SELECT count(*) FROM generated")).getRows()[0][0]);
      const nsPerLine = (ms * 1e6) / lines;
      figures[label(lines)] = {
        ms: Math.round(ms),
        handWrittenMs: Math.round(handWrittenMs),
        nsPerLine: Math.round(nsPerLine),
        generateMs: Math.round(generateMs),
        customers,
        differingRows: differ,
      };
      console.log(
        `  ${label(lines)}: generated SQL ${Math.round(ms)} ms (${nsPerLine.toFixed(1)} ns/line), hand-written ${Math.round(handWrittenMs)} ms (${((handWrittenMs * 1e6) / lines).toFixed(1)} ns/line), ${customers} customers, ${differ} rows differ`,
      );
      await db.run("DROP TABLE bench.orders");
    }
    const [a, b] = Object.values(figures);
    const round = (v: number) => Math.round(v * 100) / 100;
    const perLineRatio = round(b.ms / large / (a.ms / small));
    const toHand = round(b.ms / b.handWrittenMs);
    const verdict = (v: number, max: number) => (v <= max ? "pass" : "FAIL");
    console.log(
      `  perLineRatio100Mto10M ${perLineRatio} (target ≤ ${TARGETS.perLineRatio100Mto10M}: ${verdict(perLineRatio, TARGETS.perLineRatio100Mto10M)}), toHandWrittenRatio ${toHand} (target ≤ ${TARGETS.toHandWrittenRatio}: ${verdict(toHand, TARGETS.toHandWrittenRatio)})`,
    );
    return {
      sql: {
        ...figures,
        perLineRatio100Mto10M: perLineRatio,
        toHandWrittenRatio: toHand,
        perLineRatioPass: perLineRatio <= TARGETS.perLineRatio100Mto10M,
        toHandWrittenPass: toHand <= TARGETS.toHandWrittenRatio,
      },
    };
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
