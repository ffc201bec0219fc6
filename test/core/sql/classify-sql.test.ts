import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import Papa from "papaparse";
import { buildBook } from "../../../src/core/book";
import { dayOfDateKey } from "../../../src/core/calendar";
import {
  classify,
  DEFAULT_SETTINGS,
  validateSettings,
  type ClassifySettings,
} from "../../../src/core/classify";
import {
  bigqueryToDuckdb,
  classificationSql,
  orderRecords,
  outcomeFromSql,
  readBreaks,
  readResultRows,
  stepQuery,
  toNdjson,
  type ApiRows,
} from "../../../src/core/sql";

const DATA = path.join(__dirname, "..", "..", "..", "..", "shared", "data");

let db: DuckDBConnection;
const dir = mkdtempSync(path.join(os.tmpdir(), "classify-sql-"));
beforeAll(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(`CREATE SCHEMA crm`);
});
afterAll(() => {
  db.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
async function apiRows(sql: string): Promise<ApiRows> {
  const reader = await db.runAndReadAll(sql);
  return {
    fields: reader.columnNames(),
    rows: reader.getRows().map((r) => ({ f: r.map((v) => ({ v: text(v) })) })),
  };
}

let tableNo = 0;
/** Classifies cells with the core and through the generated DuckDB SQL; returns both outcomes. */
async function both(rows: unknown[][], asOfKey: string, settings: ClassifySettings, customerIds?: string[]) {
  const ids = customerIds ?? [...new Set(rows.map((r) => String(r[0])))].filter((s) => s.trim());
  const book = buildBook(
    {
      customers: { name: "Customers", headers: ["CustomerID"], rows: ids.map((id) => [id]) },
      orders: { name: "Orders", headers: ["CustomerID", "OrderDate", "Amount", "OrderID"], rows },
    },
    { timeZone: "UTC", lang: "en", details: false },
  );
  const asOf = dayOfDateKey(asOfKey);
  const core = classify(book, { asOf, settings, lang: "en" });
  const table = `orders_${++tableNo}`;
  const file = path.join(dir, `${table}.ndjson`);
  writeFileSync(file, toNdjson(orderRecords(book, 0, book.orders.length, (i) => String(i)).records) || "\n");
  await db.run(`CREATE TABLE crm.${table} (line_key VARCHAR, customer_id VARCHAR, order_id VARCHAR,
    order_day BIGINT, order_date DATE, amount DOUBLE)`);
  await db.run(`INSERT INTO crm.${table} BY NAME SELECT * FROM read_json('${file}', format = 'newline_delimited',
    columns = {'line_key': 'VARCHAR', 'customer_id': 'VARCHAR', 'order_id': 'VARCHAR', 'order_day': 'BIGINT',
    'order_date': 'DATE', 'amount': 'DOUBLE'})`);
  await db.run(
    `CREATE TABLE crm.${table}_customers AS SELECT DISTINCT customer_id FROM (VALUES ${
      ids.map((id) => `('${id.replace(/'/g, "''")}')`).join(", ") || "('')"
    }) AS v(customer_id)`,
  );
  const source = {
    orders: { dataset: "crm", table },
    customers: { dataset: "crm", table: `${table}_customers` },
    asOf,
  };
  const sql = classificationSql(settings, source, "duckdb");
  const rowsOut = readResultRows(await apiRows(sql.query));
  // BigQuery's text, through the dialect map (what the emulated service runs), gives the same rows.
  const viaBigQuery = readResultRows(
    await apiRows(bigqueryToDuckdb(classificationSql(settings, source, "bigquery").query)),
  );
  // repeat_value is a double sum in the engine's order: equal to 12 significant digits, not to the bit.
  const rounded = (rows: typeof rowsOut) =>
    rows.map((r) => ({ ...r, repeatValue: Number(r.repeatValue.toPrecision(12)) }));
  expect(rounded(viaBigQuery)).toEqual(rounded(rowsOut));
  const breaks = sql.breaksQuery ? readBreaks(await apiRows(sql.breaksQuery), settings.bins) : null;
  const viaSql = outcomeFromSql({
    rows: rowsOut,
    breaks,
    customers: book.customers,
    settings,
    asOf,
    lang: "en",
  });
  return { core, viaSql, sql };
}

const key = (r: {
  customerId: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: { key: string };
  abc: string;
  lifecycle: string;
  why: string;
  pAlive: number | null;
}) =>
  [
    r.customerId,
    r.recencyDays,
    r.frequency,
    r.monetary,
    r.r,
    r.f,
    r.m,
    r.segment.key,
    r.abc,
    r.lifecycle,
    r.why,
    r.pAlive,
  ].join("|");

function settingsWith(patch: object): ClassifySettings {
  const s = validateSettings({ ...patch });
  if (!s.ok) throw new Error(JSON.stringify(s.problems));
  return s.settings;
}

/** A seeded book with ties, refunds, blank OrderIDs, orders spanning lines, lines after the date, prospects. */
function randomRows(seed: number, customers: number, lines: number): unknown[][] {
  let x = seed;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows: unknown[][] = [];
  for (let i = 0; i < lines; i++) {
    const c = `C${String(Math.floor(rnd() * rnd() * customers)).padStart(4, "0")}`;
    const day = 1 + Math.floor(rnd() * 400);
    const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
    const amount =
      rnd() < 0.05 ? -Math.round(rnd() * 5000) / 100 : [50, 100, 99.99, 0.1, 1234.56][Math.floor(rnd() * 5)];
    const order = rnd() < 0.2 ? "" : `SO${Math.floor(rnd() * lines * 0.6)}`;
    rows.push([c, date, amount, order]);
  }
  return rows;
}

describe("the classification as SQL", () => {
  it("writes the same text in both dialects but for the dialect map's differences", () => {
    for (const patch of [
      {},
      { scoring: "bands" },
      { scheme: "cn8", abc: { mode: "revenue", a: 0.8, b: 0.95 } },
    ]) {
      const settings = settingsWith(patch);
      const src = {
        orders: { project: "my-proj", dataset: "crm", table: "orders" },
        customers: { project: "my-proj", dataset: "crm", table: "customers" },
        asOf: 20000,
      };
      const bq = classificationSql(settings, src, "bigquery");
      const duck = classificationSql(settings, src, "duckdb");
      expect(bq.query).toContain("`my-proj.crm.orders`");
      expect(bq.query).toMatch(/AS FLOAT64\)/);
      expect(duck.query).not.toMatch(/FLOAT64|INT64|`/);
      // Step by step the same text, but the median's form (aggregate in DuckDB, analytic in BigQuery).
      const differ = bq.steps
        .filter((step, i) => bigqueryToDuckdb(step.select) !== duck.steps[i].select)
        .map((step) => step.name);
      expect(differ).toEqual(["per_day"]);
      expect(bq.steps.find((x) => x.name === "per_day")!.select).toMatch(
        /PERCENTILE_CONT\(gap, 0\.5\) OVER \(PARTITION BY customer_id\)/,
      );
      expect(duck.steps.find((x) => x.name === "per_day")!.select).toMatch(/MEDIAN\(gap\)/);
    }
    expect(() =>
      classificationSql(DEFAULT_SETTINGS, { orders: { dataset: "a`b", table: "t" }, asOf: 1 }, "bigquery"),
    ).toThrow(/bad table name/);
  });

  it("reproduces the R package rfm's own result on rfm_data_orders (995 customers)", async () => {
    const orders = Papa.parse<Record<string, string>>(
      readFileSync(path.join(DATA, "rfm_data_orders.csv"), "utf8"),
      {
        header: true,
        skipEmptyLines: true,
      },
    ).data;
    const expected = Papa.parse<Record<string, string>>(
      readFileSync(path.join(DATA, "rfm_data_orders_expected.csv"), "utf8"),
      { header: true, skipEmptyLines: true },
    ).data;
    const { viaSql } = await both(
      orders.map((o) => [o.customer_id, o.order_date, Number(o.revenue), ""]),
      "2006-12-31",
      DEFAULT_SETTINGS,
    );
    const byId = new Map(viaSql.results.map((r) => [r.customerId, r]));
    const mismatches = expected.flatMap((e) => {
      const r = byId.get(e.customer_id);
      const got = r && [r.frequency, r.recencyDays, r.monetary, r.r, r.f, r.m, r.segment.label.en].join("|");
      const want = [
        e.transaction_count,
        e.recency_days,
        e.amount,
        e.recency_score,
        e.frequency_score,
        e.monetary_score,
        e.segment,
      ].join("|");
      return got === want ? [] : [`${e.customer_id}: got ${got}, want ${want}`];
    });
    expect(viaSql.results).toHaveLength(995);
    expect(mismatches).toEqual([]);
  });

  it.each([
    ["quantile, 5 bins, rfm10, ABC by count", {}],
    [
      "quantile, 3 bins, tiers, ABC by revenue",
      { bins: 3, scheme: "tiers", abc: { mode: "revenue", a: 0.8, b: 0.95 } },
    ],
    ["quantile, 7 bins, rfm10", { bins: 7 }],
    ["bands, cn8", { scoring: "bands", scheme: "cn8" }],
  ])(
    "gives every customer the core's values, scores, segment, ABC, lifecycle and why: %s",
    async (_, patch) => {
      const settings = settingsWith(patch);
      const rows = randomRows(7, 300, 3000);
      const ids = [...new Set(rows.map((r) => String(r[0])))].sort();
      // Two prospects and one customer only the Orders name (not scored).
      const { core, viaSql } = await both(rows, "2024-12-31", settings, ["P001", ...ids.slice(1), "P002"]);
      expect(viaSql.results.map(key)).toEqual(core.results.map(key));
      expect(viaSql.prospects).toEqual(core.prospects);
      expect([...viaSql.columns.get("Segment")!]).toEqual([...core.columns.get("Segment")!]);
    },
  );

  it("keeps empty bins and ties as the core does: one customer, and all-equal values", async () => {
    for (const rows of [
      [["A", "2024-01-01", 10, "o1"]],
      [
        ["A", "2024-01-01", 10, "o1"],
        ["B", "2024-01-01", 10, "o2"],
        ["C", "2024-01-01", 10, "o3"],
      ],
    ]) {
      const { core, viaSql } = await both(rows, "2024-02-01", DEFAULT_SETTINGS);
      expect(viaSql.results.map(key)).toEqual(core.results.map(key));
      expect(viaSql.results.every((r) => r.r === 5 && r.f === 1 && r.m === 1)).toBe(true);
    }
  });

  it("runs each step alone", async () => {
    const { sql } = await both(randomRows(3, 50, 200), "2024-12-31", DEFAULT_SETTINGS);
    const summary = await apiRows(stepQuery(sql, "summary"));
    expect(summary.fields).toEqual(
      expect.arrayContaining(["customer_id", "recency", "frequency", "monetary", "median_gap"]),
    );
    expect(sql.steps.map((s) => s.name)).toEqual([
      "lines",
      "daily",
      "per_day",
      "summary",
      "ranked",
      "picked_r",
      "picked_f",
      "picked_m",
      "breaks",
      "scores",
      "classes",
    ]);
  });
});
