/**
 * `npm run classify -- --orders FILE.csv|xlsx [--customers FILE] [--as-of YYYY-MM-DD]
 *   [--scoring quantile|bands] [--bins N] [--scheme rfm10|cn8|tiers] [--lang en|zh-CN] --out RESULT.csv`
 *
 * Loads the files into the emulated spreadsheet, runs the bundle's classifyNow (what "Classify now" runs)
 * and writes one row per customer. Bad rows go to stderr as "line N: …". Exit code 0 when clean, 1 when bad
 * rows (or orders of customers missing from --customers) were seen or the run failed, 2 for usage errors.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { RESULT_COLUMNS } from "../core/classify";
import { mapHeaders } from "../core/schema/headers";
import { CUSTOMERS } from "../core/schema/sheets";
import type { Lang } from "../core/schema/types";
import { neutraliseCell } from "../core/table/export/neutralise";
import type { ClassifyRunSummary } from "../shared/classify";
import { langFlag, openBook, problemLine, readCommonFlags, readRows, UsageError } from "./cli-inputs";

const USAGE =
  "usage: npm run classify -- --orders FILE.csv|xlsx [--customers FILE] [--as-of YYYY-MM-DD] " +
  "[--scoring quantile|bands] [--bins N] [--scheme rfm10|cn8|tiers] [--lang en|zh-CN] --out RESULT.csv";

/** The columns written: the customer's ID and the classification's results but the churn model's. */
const OUTPUT: readonly string[] = [
  "CustomerID",
  ...RESULT_COLUMNS.filter((k) => k !== "Expected90" && k !== "ChurnRisk"),
];

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
  const { flags, orders, out, asOf } = readCommonFlags(argv, known);
  const scoring = flags.get("scoring") ?? "quantile";
  if (scoring !== "quantile" && scoring !== "bands")
    throw new UsageError("--scoring must be quantile or bands");
  const bins = Number(flags.get("bins") ?? 5);
  if (!Number.isInteger(bins) || bins < 2 || bins > 10) throw new UsageError("--bins must be 2 to 10");
  const scheme = flags.get("scheme") ?? "rfm10";
  if (scheme !== "rfm10" && scheme !== "cn8" && scheme !== "tiers")
    throw new UsageError("--scheme must be rfm10, cn8 or tiers");
  const lang = langFlag(flags);
  return { orders, customers: flags.get("customers"), asOf, scoring, bins, scheme, lang, out };
}

function reportProblems(summary: ClassifyRunSummary, strictCustomers: boolean): number {
  let bad = 0;
  for (const p of summary.problems) {
    console.error(problemLine(p));
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
  const { emulator, ctx } = openBook(options.asOf, options.lang, orderRows, customerRows);
  emulator.properties.document.set(
    "classify",
    JSON.stringify({ scoring: options.scoring, bins: options.bins, scheme: options.scheme }),
  );
  const customersTab = CUSTOMERS.name[options.lang];

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
