/**
 * `npm run classify -- --orders FILE.csv|xlsx [--customers FILE] [--as-of YYYY-MM-DD]
 *   [--scoring quantile|bands] [--bins N] [--scheme rfm10|cn8|tiers] [--lang en|zh-CN] [--engine core|sql]
 *   --out RESULT.csv`
 *
 * Reads the orders as the analyze CLI does (readOrdersFile: CDNOW's .txt split, unrecognised headers
 * guessed and said), loads the files into the emulated spreadsheet, runs the bundle's classifyNow (what
 * "Classify now" runs) and writes one row per customer. A missing required column is named once and
 * nothing is written. Bad rows go to stderr as "line N: …". Exit code 0 when clean, 1 when bad
 * rows (or orders of customers missing from --customers) were seen or the run failed, 2 for usage errors.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { CLASSIFY_NEEDS, RESULT_COLUMNS, type ResultColumn } from "../core/classify";
import { mapHeaders } from "../core/schema/headers";
import { CUSTOMERS, ORDERS } from "../core/schema/sheets";
import type { Lang } from "../core/schema/types";
import { neutraliseCell } from "../core/table/export/neutralise";
import type { ClassifyRunSummary } from "../shared/classify";
import { flag, oneLine, runCommand, type CommandSpec, type Flags } from "./cli-args";
import {
  chooseAsOf,
  COMMON_FLAGS,
  failedOnHeader,
  missingColumns,
  openBook,
  requireInputs,
  problemLine,
  readCommonFlags,
  readInputRows,
  readOrdersFile,
  TIME_ZONE,
} from "./cli-inputs";
import { classifyThroughBigQuery } from "./emulator/bigquery-classify";
import type { Emulator } from "./emulator";

const SPEC: CommandSpec = {
  command: "classify",
  summary: {
    en:
      "Classifies customers from files: loads them into the offline emulated spreadsheet, runs the add-on's own\n" +
      '"Classify now" and writes one row per customer (CustomerID, RecencyDays, Frequency, Monetary, R, F, M,\n' +
      "Segment, ABC, Lifecycle, PAlive, Why).",
    zh:
      "从文件给客户分类：把文件载入离线模拟的电子表格，运行插件自己的“立即分类”，每个客户输出一行\n" +
      "（客户编号、最近购买天数、购买次数、消费金额、R、F、M、分群、ABC、生命周期、存活概率、原因）。",
  },
  flags: [
    COMMON_FLAGS.orders,
    COMMON_FLAGS.customers,
    COMMON_FLAGS.asOf,
    flag("scoring", "quantile|bands", {
      en: "RFM scoring (default quantile, as the R package rfm)",
      zh: "RFM 打分方式（默认 quantile，与 R 包 rfm 一致）",
    }),
    flag("bins", "N", { en: "score levels, 2–10 (default 5)", zh: "分档数，2–10（默认 5）" }),
    flag("scheme", "rfm10|cn8|tiers", {
      en: "segments: rfm10 (ten), cn8 (重要价值… eight), tiers (default rfm10)",
      zh: "分群方案：rfm10（十类）、cn8（重要价值客户等八类）、tiers（三层），默认 rfm10",
    }),
    COMMON_FLAGS.lang,
    flag("engine", "core|sql", {
      en: "core (default): the add-on's classification; sql: the BigQuery path (export, SQL, models) on the emulated BigQuery (DuckDB)",
      zh: "core（默认）：插件自身的分类；sql：BigQuery 路径（导出、SQL、模型），在模拟的 BigQuery（DuckDB）上运行",
    }),
    flag("out", "RESULT.csv", { en: "the result file", zh: "结果文件" }, { required: true }),
  ],
  notes: {
    en:
      'Bad rows are reported on stderr as "line N: …". Exit code 0 when clean, 1 when bad rows were seen\n' +
      "(or the run failed), 2 for a usage error or an input file that cannot be read.",
    zh:
      '有问题的行输出到标准错误，格式为 "line N: …"。退出码：0 全部正常；1 有问题行（或运行失败）；\n' +
      "2 参数错误或输入文件无法读取。",
  },
};

/** The columns written: the customer's ID and the classification's results but the churn model's. */
const OUTPUT: readonly string[] = [
  "CustomerID",
  ...RESULT_COLUMNS.filter((k) => k !== "Expected90" && k !== "ChurnRisk"),
];

/** The common flags (--orders, --out, --as-of, --lang), the customers file and the scoring's choices. */
interface Options extends Readonly<ReturnType<typeof readCommonFlags>> {
  readonly customers?: string;
  readonly scoring: "quantile" | "bands";
  readonly bins: number;
  readonly scheme: "rfm10" | "cn8" | "tiers";
  readonly engine: "core" | "sql";
}

function readOptions(flags: Flags): Options {
  return {
    ...readCommonFlags(flags),
    customers: flags.get("customers"),
    scoring: flags.oneOf("scoring", ["quantile", "bands"], "quantile"),
    bins: flags.number("bins", 5, { min: 2, max: 10, integer: true }),
    scheme: flags.oneOf("scheme", ["rfm10", "cn8", "tiers"], "rfm10"),
    engine: flags.oneOf("engine", ["core", "sql"], "core"),
  };
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

export function main(argv: string[]): Promise<number> {
  return runCommand(SPEC, argv, (flags, lang) => {
    const options = readOptions(flags);
    requireInputs(flags);
    return classify(options, lang);
  });
}

async function classify(options: Options, lang: Lang): Promise<number> {
  const zh = lang === "zh-CN";
  const { rows: orderRows, header } = await readOrdersFile(options.orders, options.lang, lang);
  const customerRows = options.customers ? await readInputRows(options.customers, lang) : null;
  // A missing column is the file's problem, not every row's: say which, once, and write nothing. Only the
  // columns classification reads count (a customers file without Name is fine).
  const headerProblems = [
    missingColumns(ORDERS, options.orders, orderRows[0], lang, header, CLASSIFY_NEEDS.orders),
    customerRows &&
      missingColumns(
        CUSTOMERS,
        options.customers!,
        customerRows[0],
        lang,
        customerRows[0],
        CLASSIFY_NEEDS.customers,
      ),
  ];
  if (headerProblems.some(Boolean)) {
    for (const p of headerProblems) if (p) console.error(p);
    console.error(
      failedOnHeader("classification", headerProblems[0] ? options.orders : options.customers!, lang),
    );
    return 1;
  }
  const asOf = chooseAsOf(options.asOf, orderRows, options.lang, lang);
  const { emulator, ctx } = openBook(asOf, options.lang, orderRows, customerRows);
  emulator.properties.document.set(
    "classify",
    JSON.stringify({ scoring: options.scoring, bins: options.bins, scheme: options.scheme }),
  );
  const customersTab = CUSTOMERS.name[options.lang];
  if (options.engine === "sql") return classifySql({ ...options, asOf }, emulator, customersTab, zh);

  let summary: ClassifyRunSummary;
  try {
    summary = ctx.classifyNow() as ClassifyRunSummary;
  } catch (e) {
    console.error(`${zh ? "分类失败" : "classification failed"}: ${oneLine(e)}`);
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
    zh
      ? `${path.basename(options.out)}：${rows.length} 个客户（${summary.scored} 个有订单，${summary.prospects} 个无订单），分析日期 ${summary.asOf}；流失模型：${summary.churnNote}`
      : `${path.basename(options.out)}: ${rows.length} customers (${summary.scored} with orders, ${summary.prospects} without), as of ${summary.asOf}; churn: ${summary.churnNote}`,
  );
  return bad > 0 ? 1 : 0;
}

/** --engine sql: the BigQuery path on the emulated BigQuery; the same result file as the core's. */
function classifySql(
  options: Options & { readonly asOf: string },
  emulator: Emulator,
  customersTab: string,
  zh: boolean,
): number {
  let outcome;
  try {
    outcome = classifyThroughBigQuery(emulator, {
      asOf: options.asOf,
      lang: options.lang,
      timeZone: TIME_ZONE,
      settings: { scoring: options.scoring, bins: options.bins, scheme: options.scheme },
    });
  } catch (e) {
    console.error(`${zh ? "分类失败" : "classification failed"}: ${oneLine(e)}`);
    return 1;
  }
  const sheet = emulator.snapshot().sheets.find((s) => s.name === customersTab)!;
  const map = mapHeaders(CUSTOMERS, sheet.values[0]);
  const idAt = map.index.get("CustomerID")!;
  const rows = sheet.values.slice(1).flatMap((r, i) => {
    if (String(r[idAt] ?? "") === "") return [];
    return [
      OUTPUT.map((key) => {
        const v = key === "CustomerID" ? r[idAt] : outcome.columns.get(key as ResultColumn)![i];
        const rounded = key === "PAlive" && typeof v === "number" ? Math.round(v * 10_000) / 10_000 : v;
        return neutraliseCell(rounded ?? "");
      }),
    ];
  });
  writeFileSync(options.out, "\uFEFF" + Papa.unparse({ fields: [...OUTPUT], data: rows }) + "\r\n");
  console.error(
    zh
      ? `${path.basename(options.out)}：${rows.length} 个客户（${outcome.results.length} 个有订单，${outcome.prospects.length} 个无订单），分析日期 ${options.asOf}；引擎 BigQuery SQL（模拟）`
      : `${path.basename(options.out)}: ${rows.length} customers (${outcome.results.length} with orders, ${outcome.prospects.length} without), as of ${options.asOf}; engine BigQuery SQL (emulated)`,
  );
  return 0;
}
