/**
 * `npm run classify -- --orders FILE.csv|xlsx [--customers FILE] [--as-of YYYY-MM-DD]
 *   [--scoring quantile|bands] [--bins N] [--scheme rfm10|cn8|tiers] [--lang en|zh-CN] --out RESULT.csv`
 *
 * Loads the files into the emulated spreadsheet, runs the bundle's classifyNow (what "Classify now" runs)
 * and writes one row per customer. Bad rows go to stderr as "line N: …". Exit code 0 when clean, 1 when bad
 * rows (or orders of customers missing from --customers) were seen or the run failed, 2 for usage errors.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { decodeText } from "../core/table/import/decode-text";
import { customersGrid, namedCustomerIds } from "./named-customers";
import path from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { isoOfDay, parseDayText, RESULT_COLUMNS, zoneDayFunction } from "../core/classify";
import { mapHeaders } from "../core/schema/headers";
import { CUSTOMERS, ORDERS } from "../core/schema/sheets";
import type { Lang } from "../core/schema/types";
import { neutraliseCell } from "../core/table/export/neutralise";
import type { ClassifyRunSummary } from "../shared/classify";
import { loadBundle } from "./load-bundle";

const USAGE =
  "usage: npm run classify -- --orders FILE.csv|xlsx [--customers FILE] [--as-of YYYY-MM-DD] " +
  "[--scoring quantile|bands] [--bins N] [--scheme rfm10|cn8|tiers] [--lang en|zh-CN] --out RESULT.csv";

/** The columns written: the customer's ID and the classification's results but the churn model's. */
const OUTPUT: readonly string[] = [
  "CustomerID",
  ...RESULT_COLUMNS.filter((k) => k !== "Expected90" && k !== "ChurnRisk"),
];

const TIME_ZONE = "Asia/Shanghai";

class UsageError extends Error {}

interface Options {
  readonly orders: string;
  readonly customers?: string;
  readonly asOf: string;
  readonly scoring: "quantile" | "bands";
  readonly bins: number;
  readonly scheme: "rfm10" | "cn8" | "tiers";
  readonly lang: Lang;
  readonly out: string;
}

function parseArgs(argv: readonly string[]): Options {
  const known = new Set(["orders", "customers", "as-of", "scoring", "bins", "scheme", "lang", "out"]);
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)$/.exec(argv[i]);
    if (!m || !known.has(m[1])) throw new UsageError(`unknown argument ${argv[i]}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`--${m[1]} needs a value`);
    flags.set(m[1], value);
  }
  const orders = flags.get("orders");
  const out = flags.get("out");
  if (!orders || !out) throw new UsageError("--orders and --out are required");
  const asOf = flags.get("as-of") ?? isoOfDay(zoneDayFunction(TIME_ZONE)(Date.now()));
  if (parseDayText(asOf) === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new UsageError(`--as-of must be YYYY-MM-DD, got ${asOf}`);
  const scoring = flags.get("scoring") ?? "quantile";
  if (scoring !== "quantile" && scoring !== "bands")
    throw new UsageError("--scoring must be quantile or bands");
  const bins = Number(flags.get("bins") ?? 5);
  if (!Number.isInteger(bins) || bins < 2 || bins > 10) throw new UsageError("--bins must be 2 to 10");
  const scheme = flags.get("scheme") ?? "rfm10";
  if (scheme !== "rfm10" && scheme !== "cn8" && scheme !== "tiers")
    throw new UsageError("--scheme must be rfm10, cn8 or tiers");
  const lang = flags.get("lang") ?? "en";
  if (lang !== "en" && lang !== "zh-CN") throw new UsageError("--lang must be en or zh-CN");
  return { orders, customers: flags.get("customers"), asOf, scoring, bins, scheme, lang, out };
}

/** A file's rows, the header first; row i is line i + 1 of the file (blank lines kept as empty rows). */
async function readRows(file: string): Promise<unknown[][]> {
  if (/\.xlsx$/i.test(file)) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const rows: unknown[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: unknown[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(xlsxValue(row.getCell(c).value));
      rows.push(cells);
    }
    return rows;
  }
  // Chinese Excel saves CSV as GBK/GB18030: the import's own detection decides, as it does in the sidebar.
  const { text } = decodeText(new Uint8Array(readFileSync(file)), (bytes, encoding) =>
    new TextDecoder(encoding).decode(bytes),
  );
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const rows = parsed.data;
  while (rows.length && rows[rows.length - 1].every((v) => v === "")) rows.pop();
  return rows;
}

/** Excel dates carry no zone: keep the calendar date as text so no zone can shift it. */
function xlsxValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("result" in v) return xlsxValue(v.result as ExcelJS.CellValue);
    if ("text" in v) return v.text;
    return "";
  }
  return v;
}

function padRows(rows: unknown[][], width: number): unknown[][] {
  return rows.map((r) => (r.length >= width ? r : [...r, ...Array(width - r.length).fill("")]));
}

/**
 * The Customers rows: the --customers file with any missing result columns appended, or one row per
 * distinct CustomerID of the orders (this is a file-based tool: there is no Customers tab to keep).
 */
function customerSheet(orderRows: unknown[][], customerRows: unknown[][] | null, lang: Lang): unknown[][] {
  const base =
    customerRows ?? customersGrid(namedCustomerIds(ORDERS, orderRows[0] ?? [], orderRows.slice(1)), lang);
  const header = base[0] ?? [];
  const missing = mapHeaders(CUSTOMERS, header).missing.filter((c) => c.owned && c.category === "value");
  const full = [...header, ...missing.map((c) => c.header[lang])];
  return padRows([full, ...base.slice(1)], full.length);
}

function reportProblems(summary: ClassifyRunSummary, strictCustomers: boolean): number {
  let bad = 0;
  for (const p of summary.problems) {
    console.error(`line ${p.a1.replace(/^\D+/, "")}: ${p.sheet}!${p.a1} "${p.value}": ${p.message}`);
    bad++;
  }
  if (summary.problemCount > summary.problems.length)
    console.error(`… and ${summary.problemCount - summary.problems.length} more bad order lines`);
  if (strictCustomers) {
    for (const u of summary.unknownCustomers) {
      console.error(
        `line ${u.firstRow}: customer ${u.customerId} is not in the customers file (${u.orderLines} order lines, not scored)`,
      );
      bad++;
    }
  }
  return summary.problemCount + (strictCustomers ? summary.unknownCount : 0) + bad * 0;
}

export async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  const orderRows = await readRows(options.orders);
  const customerRows = options.customers ? await readRows(options.customers) : null;
  if (orderRows.length === 0) {
    console.error(`${options.orders}: no rows`);
    return 1;
  }
  const { emulator, ctx } = loadBundle({
    now: `${options.asOf}T12:00:00+08:00`,
    timeZone: TIME_ZONE,
    locale: options.lang === "zh-CN" ? "zh_CN" : "en",
  });
  emulator.properties.document.set("ui", JSON.stringify({ lang: options.lang }));
  emulator.properties.document.set(
    "classify",
    JSON.stringify({ scoring: options.scoring, bins: options.bins, scheme: options.scheme }),
  );
  const ordersTab = ORDERS.name[options.lang];
  const customersTab = CUSTOMERS.name[options.lang];
  const orderWidth = Math.max(...orderRows.map((r) => r.length));
  emulator.sheetFromValues(ordersTab, padRows(orderRows, orderWidth));
  emulator.sheetFromValues(customersTab, customerSheet(orderRows, customerRows, options.lang));

  let summary: ClassifyRunSummary;
  try {
    summary = ctx.classifyNow() as ClassifyRunSummary;
  } catch (e) {
    console.error(`classification failed: ${(e as Error).message}`);
    return 1;
  }
  const bad = reportProblems(summary, customerRows !== null);

  const sheet = emulator.snapshot().sheets.find((s) => s.name === customersTab)!;
  const map = mapHeaders(CUSTOMERS, sheet.values[0]);
  const rows = sheet.values
    .slice(1)
    .filter((r) => String(r[map.index.get("CustomerID")!] ?? "") !== "")
    .map((r) =>
      OUTPUT.map((key) => {
        const v = r[map.index.get(key)!];
        const rounded = key === "PAlive" && typeof v === "number" ? Math.round(v * 10_000) / 10_000 : v;
        return neutraliseCell(rounded ?? "");
      }),
    );
  writeFileSync(options.out, "\uFEFF" + Papa.unparse({ fields: [...OUTPUT], data: rows }) + "\r\n");
  console.error(
    `${path.basename(options.out)}: ${rows.length} customers (${summary.scored} with orders, ${summary.prospects} without), as of ${summary.asOf}; churn: ${summary.churnNote}`,
  );
  return bad > 0 ? 1 : 0;
}
