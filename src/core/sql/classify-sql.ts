import { toFivePoint } from "../classify/segments";
import type { ClassifySettings, RangeSegment } from "../classify/settings";
import { floatLiteral, intLiteral, tableName, typeName, type Dialect, type TableRef } from "./dialect";

/**
 * Where the classification reads its lines. `orders` has the columns ORDER_COLUMNS; `customers`, when
 * given, lists the known CustomerIDs (column customer_id): only they are scored, as the core scores only
 * customers of the Customers sheet. Without it every customer named by a line is scored.
 */
export interface SqlSource {
  readonly orders: TableRef;
  readonly customers?: TableRef;
  /** The analysis date as a day number (days since 1970-01-01 in the spreadsheet's zone). */
  readonly asOf: number;
}

/** The columns of the orders table the SQL reads (the export writes more; see src/gas/bigquery). */
export const ORDER_COLUMNS = ["customer_id", "order_id", "order_day", "amount"] as const;

/** One step of the classification: a name (a CTE) and its SELECT, which may read the steps before it. */
export interface SqlStep {
  readonly name: string;
  readonly select: string;
}

/** The classification as SQL: its steps in order, and the two queries a run sends. */
export interface ClassificationSql {
  readonly steps: readonly SqlStep[];
  /** One row per scored customer, ordered by customer_id (see RESULT_FIELDS). */
  readonly query: string;
  /** One row: the quantile bounds of R, F and M (no row for bands scoring), for the "why" texts. */
  readonly breaksQuery: string | null;
}

/** The result query's columns, in order. */
export const RESULT_FIELDS = [
  "customer_id",
  "recency",
  "frequency",
  "monetary",
  "r",
  "f",
  "m",
  "segment",
  "abc",
  "lifecycle",
  "lines",
  "purchase_days",
  "median_gap",
  "first_day",
  "last_day",
  "repeat_value",
] as const;

/**
 * The SQL text of one step and everything it reads: `WITH <steps before> SELECT …` (for running one step
 * alone, e.g. to inspect the per-customer summary).
 */
export function stepQuery(sql: ClassificationSql, name: string): string {
  const at = sql.steps.findIndex((s) => s.name === name);
  if (at < 0) throw new RangeError(`no step ${name}`);
  return withSteps(sql.steps.slice(0, at), sql.steps[at].select);
}

function withSteps(steps: readonly SqlStep[], select: string): string {
  if (steps.length === 0) return select;
  return `WITH\n${steps.map((s) => `${s.name} AS (\n${indent(s.select)}\n)`).join(",\n")}\n${select}`;
}

const indent = (text: string) =>
  text
    .split("\n")
    .map((l) => "  " + l)
    .join("\n");

/**
 * Generates the classification as SQL from the same settings the core uses (src/core/classify), in the
 * subset of BigQuery Standard SQL and DuckDB both accept (dialect.ts names the differences):
 * - `lines`: the usable lines (a customer, a day on or before the analysis date, an amount);
 * - `daily`: one row per customer and purchase day (the day's value, the gap since the previous day);
 * - `per_day`: per customer: purchase days, the repeat days' value and the median gap (the one step
 *   written per dialect: BigQuery's median is analytic only);
 * - `summary`: per customer: recency, frequency (distinct OrderIDs plus one per line without), monetary
 *   (whole cents summed as integers, the rest as doubles, as aggregate.ts does), purchase days, the median
 *   gap, first and last day, the mean value of the repeat purchase days (Gamma-Gamma's input);
 * - `ranked`: the customers by spend (ABC's order, and monetary's ranks for the break points);
 * - `breaks`: the R package rfm's bounds, type-7 quantiles at i·(1/n) + 1 computed with R's arithmetic
 *   ((1 − h)·x[lo] + h·x[hi]) so they are the same doubles as quantile.ts gives;
 * - `scores`: the bin of each value (1 + the inner bounds it reaches; recency reversed), or the bands;
 * - `classes`: the segment (the scheme's table as a CASE, first row wins), ABC by count or revenue
 *   (ranked by spend, ties by CustomerID) and the lifecycle stage.
 * Pure: the same settings, source and dialect give the same text.
 */
export function classificationSql(
  settings: ClassifySettings,
  source: SqlSource,
  dialect: Dialect,
): ClassificationSql {
  const int = typeName(dialect, "int");
  const float = (v: number) => floatLiteral(dialect, v);
  const asOf = intLiteral(source.asOf);
  const known = source.customers
    ? `\n  AND customer_id IN (SELECT customer_id FROM ${tableName(dialect, source.customers)})`
    : "";
  // Shape (profiled with EXPLAIN ANALYZE on the bench's lines): the lines are read by two hash
  // aggregations only (per customer, per customer and day); the one window over the purchase days gives
  // the gaps; everything after works on the customers, and the quantile break points come from a histogram
  // of distinct values (recency, frequency) or from the spend ranking ABC needs anyway (monetary), so the
  // customers are sorted once for ranking and once for the output order.
  const lines: SqlStep = {
    name: "lines",
    select: `SELECT customer_id, order_id, order_day, amount
FROM ${tableName(dialect, source.orders)}
WHERE customer_id IS NOT NULL AND customer_id <> '' AND order_day IS NOT NULL AND amount IS NOT NULL
  AND order_day <= ${asOf}${known}`,
  };
  const daily: SqlStep = {
    name: "daily",
    select: `SELECT customer_id, order_day, SUM(amount) AS day_value,
  order_day - LAG(order_day) OVER (PARTITION BY customer_id ORDER BY order_day) AS gap
FROM lines
GROUP BY customer_id, order_day`,
  };
  // Per customer from the purchase days: their count, the value of the days after the first (Gamma-Gamma's
  // input) and the median gap (the middle gap, or the mean of the two middle ones: whole days, so exact).
  // The one dialect difference of the classification: BigQuery has the median only as an analytic
  // function, DuckDB as an aggregate too, and reading `daily` once lets DuckDB stream it (dialect.ts).
  const perDay: SqlStep = {
    name: "per_day",
    select:
      dialect === "duckdb"
        ? `SELECT customer_id, COUNT(*) AS purchase_days,
  SUM(CASE WHEN gap IS NULL THEN 0 ELSE day_value END) AS repeat_total, MEDIAN(gap) AS median_gap
FROM daily
GROUP BY customer_id`
        : `SELECT customer_id, COUNT(*) AS purchase_days,
  SUM(CASE WHEN gap IS NULL THEN 0 ELSE day_value END) AS repeat_total, MAX(median_gap) AS median_gap
FROM (
  SELECT customer_id, day_value, gap, PERCENTILE_CONT(gap, 0.5) OVER (PARTITION BY customer_id) AS median_gap
  FROM daily
) AS with_median
GROUP BY customer_id`,
  };
  // Frequency: distinct OrderIDs plus one per line without (NULLIF: a blank ID is no ID).
  const summary: SqlStep = {
    name: "summary",
    select: `SELECT a.customer_id, a.lines, a.orders AS frequency,
  CAST(a.cents AS ${typeName(dialect, "float")}) / 100 + a.rest AS monetary,
  ${asOf} - a.last_day AS recency, a.first_day, a.last_day, d.purchase_days, d.median_gap,
  CASE WHEN d.purchase_days > 1 THEN d.repeat_total / (d.purchase_days - 1) ELSE 0 END AS repeat_value
FROM (
  SELECT customer_id, COUNT(*) AS lines, MIN(order_day) AS first_day, MAX(order_day) AS last_day,
    COUNT(DISTINCT NULLIF(order_id, '')) + COUNT(CASE WHEN order_id IS NULL OR order_id = '' THEN 1 END) AS orders,
    SUM(CASE WHEN ROUND(amount * 100) / 100 = amount THEN CAST(ROUND(amount * 100) AS ${int}) ELSE 0 END) AS cents,
    SUM(CASE WHEN ROUND(amount * 100) / 100 = amount THEN 0 ELSE amount END) AS rest
  FROM lines
  GROUP BY customer_id
) AS a
JOIN per_day AS d ON d.customer_id = a.customer_id`,
  };
  // Customers by spend (ties by CustomerID): ABC's order, and monetary's ranks for the break points.
  const positive = "CASE WHEN monetary > 0 THEN monetary ELSE 0 END";
  const spendOrder = "ORDER BY monetary DESC, customer_id";
  const revenue =
    settings.abc.mode === "revenue"
      ? `,
  SUM(${positive}) OVER (${spendOrder} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS abc_before,
  SUM(${positive}) OVER () AS abc_total`
      : "";
  const means =
    settings.scheme === "cn8"
      ? ",\n  AVG(recency) OVER () AS mean_recency, AVG(frequency) OVER () AS mean_frequency, AVG(monetary) OVER () AS mean_monetary"
      : "";
  const ranked: SqlStep = {
    name: "ranked",
    select: `SELECT *, ROW_NUMBER() OVER (${spendOrder}) AS spend_rank, COUNT(*) OVER () AS customers${revenue}${means}
FROM summary`,
  };
  const steps: SqlStep[] = [lines, daily, perDay, summary, ranked];
  const bins = settings.bins;
  let breaksQuery: string | null = null;
  let scores: SqlStep;
  let levels: number;
  if (settings.scoring === "quantile") {
    levels = bins;
    steps.push(...breakSteps(bins, float));
    breaksQuery = withSteps(steps, "SELECT * FROM breaks");
    const reached = (col: string, d: string) =>
      Array.from({ length: bins - 1 }, (_, i) => `CASE WHEN s.${col} >= b.${d}${i + 1} THEN 1 ELSE 0 END`);
    scores = {
      name: "scores",
      select: `SELECT s.*,
  ${bins} - (${reached("recency", "r").join(" + ")}) AS r,
  1 + ${reached("frequency", "f").join(" + ")} AS f,
  1 + ${reached("monetary", "m").join(" + ")} AS m
FROM ranked AS s CROSS JOIN breaks AS b`,
    };
  } else {
    const { recencyDays, frequency, monetary } = settings.bands;
    levels = Math.max(recencyDays.length, frequency.length, monetary.length) + 1;
    // Recency: top − the bounds exceeded (recencyBands); F and M: 1 + the lower bounds reached.
    const exceeded = recencyDays.map((b) => `CASE WHEN recency > ${float(b)} THEN 1 ELSE 0 END`);
    const reached = (col: string, list: readonly number[]) =>
      list.map((b) => `CASE WHEN ${col} >= ${float(b)} THEN 1 ELSE 0 END`).join(" + ");
    scores = {
      name: "scores",
      select: `SELECT *,
  ${recencyDays.length + 1} - (${exceeded.join(" + ")}) AS r,
  1 + ${reached("frequency", frequency)} AS f,
  1 + ${reached("monetary", monetary)} AS m
FROM ranked`,
    };
  }
  steps.push(scores);
  steps.push({ name: "classes", select: classesSelect(settings, levels, float) });
  const query = withSteps(steps, `SELECT ${RESULT_FIELDS.join(", ")}\nFROM classes\nORDER BY customer_id`);
  return { steps, query, breaksQuery };
}

/**
 * The rfm package's bounds for each of R, F and M: b0 = min, b1…b(n−1) = type-7 quantile at i·(1/n) plus
 * one, bn = max + 1 (quantile.ts rfmBreaks). One step per dimension picks the values at ranks ⌊index⌋ and
 * ⌈index⌉ of the sorted sample, index = 1 + (n − 1)·p with p the same double JavaScript computes; the
 * `breaks` step combines them with R's arithmetic, (1 − h)·x[lo] + h·x[hi].
 * - recency and frequency take few distinct values: the value at rank k is the least value whose
 *   cumulative count reaches k, so only the distinct values are sorted;
 * - monetary is nearly unique per customer: its ranks come from the spend ranking (`ranked`, descending,
 *   which ABC needs anyway): ascending rank = customers + 1 − spend_rank, the same value whatever the ties.
 */
function breakSteps(bins: number, float: (v: number) => string): SqlStep[] {
  const by = 1 / bins;
  const probs = Array.from({ length: bins - 1 }, (_, i) => (i + 1) * by);
  const dims = [
    ["r", "recency"],
    ["f", "frequency"],
    ["m", "monetary"],
  ] as const;
  const pickAt = (reaches: (rank: string) => string, value: string, agg: string) =>
    probs
      .map((p, i) => {
        const index = `1 + (n - 1) * ${float(p)}`;
        return `  ${agg}(CASE WHEN ${reaches(`FLOOR(${index})`)} THEN ${value} END) AS lo${i + 1},
  ${agg}(CASE WHEN ${reaches(`CEIL(${index})`)} THEN ${value} END) AS hi${i + 1}`;
      })
      .join(",\n");
  const histogram = (d: string, col: string): SqlStep => ({
    name: `picked_${d}`,
    select: `SELECT MIN(v) AS lo0, MAX(v) AS hi0, MAX(n) AS n,
${pickAt((rank) => `upto >= ${rank}`, "v", "MIN")}
FROM (
  SELECT v, SUM(c) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto,
    SUM(c) OVER () AS n
  FROM (SELECT ${col} AS v, COUNT(*) AS c FROM summary GROUP BY ${col}) AS counted
) AS cumulated`,
  });
  const picks: SqlStep[] = [
    histogram("r", "recency"),
    histogram("f", "frequency"),
    {
      name: "picked_m",
      select: `SELECT MIN(monetary) AS lo0, MAX(monetary) AS hi0, MAX(n) AS n,
${pickAt((rank) => `n + 1 - spend_rank = ${rank}`, "monetary", "MAX")}
FROM (SELECT monetary, spend_rank, customers AS n FROM ranked) AS by_spend`,
    },
  ];
  const bounds = dims
    .map(([d]) => {
      const inner = probs.map((p, i) => {
        const index = `(1 + (${d}.n - 1) * ${float(p)})`;
        const h = `(${index} - FLOOR(${index}))`;
        const lo = `${d}.lo${i + 1}`;
        const hi = `${d}.hi${i + 1}`;
        // quantile.ts: q = x[lo]; if index is whole or x[hi] = q, q; else (1 − h)·q + h·x[hi].
        return `CASE WHEN NOT (${index} > FLOOR(${index})) OR ${hi} = ${lo} THEN ${lo}
    ELSE (1 - ${h}) * ${lo} + ${h} * ${hi} END + 1 AS ${d}${i + 1}`;
      });
      return [`${d}.lo0 AS ${d}0`, ...inner, `${d}.hi0 + 1 AS ${d}${bins}`].join(",\n  ");
    })
    .join(",\n  ");
  return [
    ...picks,
    {
      name: "breaks",
      select: `SELECT
  ${bounds}
FROM picked_r AS r CROSS JOIN picked_f AS f CROSS JOIN picked_m AS m`,
    },
  ];
}

/** The range a raw score takes for a row of a 1–5 table (toFivePoint is monotone): null when none. */
function rawRange(range: readonly [number, number], levels: number): [number, number] | null {
  let lo = 0;
  let hi = 0;
  for (let s = 1; s <= levels; s++) {
    const five = toFivePoint(s, levels);
    if (five < range[0] || five > range[1]) continue;
    if (lo === 0) lo = s;
    hi = s;
  }
  return lo === 0 ? null : [lo, hi];
}

/** A range table as a CASE over raw scores: first row wins, else 'others' (segments.ts rangeSegment). */
function rangeCase(table: readonly RangeSegment[], levels: number): string {
  const arms: string[] = [];
  for (const row of table) {
    const r = rawRange(row.r, levels);
    const f = rawRange(row.f, levels);
    const m = rawRange(row.m, levels);
    if (!r || !f || !m) continue;
    // Keys are checked by validateSettings: letters, digits, _ and - only, safe inside quotes.
    arms.push(
      `WHEN r BETWEEN ${r[0]} AND ${r[1]} AND f BETWEEN ${f[0]} AND ${f[1]} AND m BETWEEN ${m[0]} AND ${m[1]} THEN '${safeKey(row.key)}'`,
    );
  }
  return `CASE\n    ${arms.join("\n    ")}\n    ELSE 'others' END`;
}

function safeKey(key: string): string {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(key)) throw new RangeError(`bad segment key: ${key}`);
  return key;
}

function classesSelect(settings: ClassifySettings, levels: number, float: (v: number) => string): string {
  const { scheme, tables, abc, lifecycle: life } = settings;
  // cn8: R high when recency ≤ the mean, F and M when ≥ it (segments.ts meanSegment).
  const segment =
    scheme === "cn8"
      ? `CASE\n    ${tables.cn8
          .map(
            (row) =>
              `WHEN ${level("recency", "<=", row.r)} AND ${level("frequency", ">=", row.f)} AND ${level("monetary", ">=", row.m)} THEN '${safeKey(row.key)}'`,
          )
          .join("\n    ")}\n    ELSE 'others' END`
      : rangeCase(tables[scheme], levels);
  const abcCase =
    abc.mode === "count"
      ? `CASE WHEN spend_rank <= CEIL(${float(abc.a)} * customers) THEN 'A'
    WHEN spend_rank <= CEIL(${float(abc.b)} * customers) THEN 'B' ELSE 'C' END`
      : `CASE WHEN monetary <= 0 OR abc_total <= 0 THEN 'C'
    WHEN COALESCE(abc_before, 0) / abc_total < ${float(abc.a)} THEN 'A'
    WHEN COALESCE(abc_before, 0) / abc_total < ${float(abc.b)} THEN 'B' ELSE 'C' END`;
  // lifecycle.ts lifecycleStage, first rule that applies (every customer here has orders).
  const stage = `CASE WHEN recency > ${float(life.lostDays)} THEN 'lost'
    WHEN (purchase_days >= 2 AND median_gap IS NOT NULL
          AND recency > ${float(life.atRiskGapFactor)} * median_gap AND recency >= ${float(life.atRiskMinDays)})
      OR ((purchase_days < 2 OR median_gap IS NULL) AND recency > ${float(life.oneTimeAtRiskDays)}) THEN 'at_risk'
    WHEN frequency >= ${float(life.loyalMinOrders)} THEN 'loyal'
    WHEN frequency >= 2 THEN 'repeat' ELSE 'new' END`;
  return `SELECT *,
  ${segment} AS segment,
  ${abcCase} AS abc,
  ${stage} AS lifecycle
FROM scores`;
}

function level(col: string, op: "<=" | ">=", want: "high" | "low"): string {
  const mean = `mean_${col}`;
  return want === "high" ? `${col} ${op} ${mean}` : `NOT (${col} ${op} ${mean})`;
}
