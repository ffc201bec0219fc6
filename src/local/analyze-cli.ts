/**
 * `npm run analyze -- --orders FILE.csv|xlsx|txt [--customers FILE] [--feedback FILE] [--as-of YYYY-MM-DD]
 *   [--basket order|customer] [--min-support S] [--min-confidence C] [--min-lift L] [--max-len K]
 *   [--lang en|zh-CN] --out DIR`
 *
 * Loads the files into the emulated spreadsheet as the classify CLI does, runs the bundle's own
 * "Classify now" (so the analysis has segments) and then its "Run analysis" (through the private
 * analysisExport_), and writes DIR/rules.csv, DIR/models.json, DIR/forecast.csv, DIR/customers.csv and
 * DIR/analysis.xlsx (the Analysis tab as the add-on wrote it). Cells the analysis cannot read are reported
 * on stderr as "line N: …"; those rows are left out and the run repeated on the rest. Exit code 0 when
 * clean, 1 when bad rows were seen or the run failed, 2 for usage errors.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { ruleMeasures } from "../core/analysis/rule-measures";
import { mapHeaders } from "../core/schema/headers";
import { CUSTOMERS, FEEDBACK, ORDERS } from "../core/schema/sheets";
import type { Lang } from "../core/schema/types";
import { neutraliseCell } from "../core/table/export/neutralise";
import type { AnalysisExport } from "../gas/analysis/export";
import { flag, runCommand, type CommandSpec, type Flags } from "./cli-args";
import {
  chooseAsOf,
  COMMON_FLAGS,
  openBook,
  requireInputs,
  padToWidest,
  problemLine,
  readCommonFlags,
  readRows,
} from "./cli-inputs";
import { writeWorkbookXlsx } from "./demo/workbook-xlsx";
import { namedCustomerIds } from "./named-customers";

const SPEC: CommandSpec = {
  command: "analyze",
  summary: {
    en:
      'Runs the add-on\'s own analysis on files, in the offline emulated spreadsheet ("Classify now", then\n' +
      '"Run analysis"), and writes to DIR:\n' +
      "  rules.csv      every association rule passing the thresholds (no top-N cut; a resource cap of 1,000,000\n" +
      "                 rules, smallest itemsets first, is reported if reached): antecedent, consequent,\n" +
      "                 count, support, confidence, lift, then leverage, conviction, stratified_lift, p_value,\n" +
      '                 spurious ("" sound, "chance" or "redundant"), antecedent_count, consequent_count\n' +
      "  models.json    BG/NBD (days), Gamma-Gamma, the one-time buyers' model (MBG/NBD or BG/NBD), the forecast\n" +
      "  forecast.csv   month, segment, forecast, lower, upper (80%), actual, then category, method, kind\n" +
      "  customers.csv  every customer's P(alive), expected purchases, expected spend and value (12 months)\n" +
      "  analysis.xlsx  the Analysis tab as the add-on writes it",
    zh:
      "在离线模拟的电子表格中对文件运行插件自己的分析（先“立即分类”，再“运行分析”），输出到 DIR：\n" +
      "  rules.csv      达到阈值的全部关联规则（不截取前 N 条；如达到 1,000,000 条的资源上限会提示）：\n" +
      "                 前项、后项、次数、支持度、置信度、提升度，以及 leverage、conviction、分层提升度、p 值、\n" +
      '                 spurious（"" 可信，"chance" 偶然，"redundant" 冗余）、前项次数、后项次数\n' +
      "  models.json    BG/NBD（以天计）、Gamma-Gamma、一次性买家模型（MBG/NBD 或 BG/NBD）、预测方法\n" +
      "  forecast.csv   月份、分群、预测值、下限、上限（80%）、实际值，以及类别、方法、类型\n" +
      "  customers.csv  每个客户的存活概率、预期购买次数、预期消费和 12 个月价值\n" +
      "  analysis.xlsx  插件写出的“分析”工作表",
  },
  flags: [
    flag(
      "orders",
      "FILE",
      {
        en: "the orders: CSV, XLSX or a whitespace-separated .txt (CDNOW)",
        zh: "订单文件：CSV、XLSX 或以空格分隔的 .txt（如 CDNOW）",
      },
      { required: true },
    ),
    COMMON_FLAGS.customers,
    flag("feedback", "FILE", {
      en: "customer feedback (sentiment, topics)",
      zh: "客户反馈文件（情感、话题）",
    }),
    COMMON_FLAGS.asOf,
    flag("basket", "order|customer", {
      en:
        "order: one basket per OrderID (default); customer: everything a customer ever bought is one\n" +
        'basket ("customers who bought X also bought Y"), tested among customers who order about as often',
      zh:
        "order：每个订单号一个购物篮（默认）；customer：一个客户买过的全部商品为一个购物篮\n" +
        "（“买了 X 的客户也买了 Y”），在购买频率相近的客户中检验",
    }),
    flag("min-support", "S", {
      en: "share of baskets, 0–1 (default 0.01)",
      zh: "最小支持度，0–1（默认 0.01）",
    }),
    flag("min-confidence", "C", { en: "0–1 (default 0.2)", zh: "最小置信度，0–1（默认 0.2）" }),
    flag("min-lift", "L", {
      en: "default 1.2; 0 keeps every rule",
      zh: "最小提升度，默认 1.2；0 保留全部规则",
    }),
    flag("max-len", "K", {
      en: "items per rule, 0–16 (default 0: any)",
      zh: "每条规则的最多商品数，0–16（默认 0：不限）",
    }),
    COMMON_FLAGS.lang,
    flag("out", "DIR", { en: "the output folder (created)", zh: "输出目录（自动创建）" }, { required: true }),
  ],
  notes: {
    en:
      "Exit code 0 when clean, 1 when bad rows were reported (they are left out) or the run failed, 2 for a\n" +
      "usage error or an input file that cannot be read.",
    zh: "退出码：0 全部正常；1 有问题行（已剔除后重新分析）或运行失败；2 参数错误或输入文件无法读取。",
  },
};

/** Rules written at most (the add-on's sheet run stops at 50,000): past it, a note and the smaller itemsets' rules. */
const MAX_RULES = 1_000_000;

/** The common flags (--orders, --out, --as-of, --lang), the other input files and the rules' thresholds. */
interface Options extends Readonly<ReturnType<typeof readCommonFlags>> {
  readonly customers?: string;
  readonly feedback?: string;
  readonly basket: "order" | "customer";
  readonly minSupport: number;
  readonly minConfidence: number;
  readonly minLift: number;
  readonly maxLen: number;
}

function readOptions(flags: Flags): Options {
  return {
    ...readCommonFlags(flags),
    customers: flags.get("customers"),
    feedback: flags.get("feedback"),
    basket: flags.oneOf("basket", ["order", "customer"], "order"),
    minSupport: flags.number("min-support", 0.01, { min: 0, max: 1 }),
    minConfidence: flags.number("min-confidence", 0.2, { min: 0, max: 1 }),
    minLift: flags.number("min-lift", 1.2, { min: 0, max: 1000 }),
    maxLen: flags.number("max-len", 0, { min: 0, max: 16, integer: true }),
  };
}

/**
 * A whitespace-separated table (CDNOW's cdnow_master.txt and the like) read as one cell per line: split
 * each line on runs of spaces or tabs. CSV and xlsx rows pass unchanged.
 */
function splitWhitespaceTable(rows: unknown[][]): unknown[][] {
  const text = rows.filter((r) => r.length && String(r[0]).trim());
  if (!text.length || text.some((r) => r.length !== 1 || !/\S\s+\S/.test(String(r[0])))) return rows;
  return rows.map((r) => (r.length === 1 ? String(r[0]).trim().split(/\s+/) : r));
}

/**
 * Headers of an orders file that name no Orders column, read by what they say: a money word for Amount,
 * a count word for Quantity, and so on, only for columns the file does not already have. Returns the
 * header row to load and a note per guess (so a user can rename the column to be sure).
 */
const GUESSES: readonly [string, RegExp][] = [
  ["Amount", /amount|revenue|sales|value|total|price|spend|金额|销售额|收入/i],
  ["Quantity", /qty|quantity|number|count|units|数量|件数/i],
  ["OrderID", /order.?(id|no|number)|invoice|订单/i],
  ["Product", /product|item|sku|商品|产品/i],
  ["Category", /categor|类别|品类/i],
];

function guessHeaders(header: readonly unknown[], lang: Lang): { header: unknown[]; notes: string[] } {
  const map = mapHeaders(ORDERS, header);
  const mapped = new Set(map.index.values());
  const out = [...header];
  const notes: string[] = [];
  for (const [key, pattern] of GUESSES) {
    if (map.index.has(key)) continue;
    const at = out.findIndex((h, i) => !mapped.has(i) && pattern.test(String(h ?? "")));
    if (at < 0) continue;
    const column = ORDERS.columns.find((c) => c.key === key)!;
    notes.push(`column "${String(out[at])}" read as ${column.header[lang]}`);
    out[at] = column.header[lang];
    mapped.add(at);
  }
  return { header: out, notes };
}

/**
 * Without a customers file, one Customers row per CustomerID the orders name, its Name the ID (the
 * analysis needs the required Name column; a blank name is shown as the ID anyway).
 */
function namedCustomers(orders: unknown[][], lang: Lang): unknown[][] {
  const header = (key: string) => CUSTOMERS.columns.find((c) => c.key === key)!.header[lang];
  const ids = namedCustomerIds(ORDERS, orders[0] ?? [], orders.slice(1));
  return [[header("CustomerID"), header("Name")], ...ids.map((id) => [id, id])];
}

interface Inputs {
  readonly orders: unknown[][];
  readonly customers: unknown[][] | null;
  readonly feedback: unknown[][] | null;
}

/** One run in a fresh emulated spreadsheet: load the tabs, classify, analyse. */
function runOnce(options: Options & { readonly asOf: string }, inputs: Inputs) {
  const { emulator, ctx } = openBook(
    options.asOf,
    options.lang,
    inputs.orders,
    inputs.customers ?? namedCustomers(inputs.orders, options.lang),
  );
  emulator.properties.document.set(
    "analysis",
    JSON.stringify({
      minSupport: options.minSupport,
      minConfidence: options.minConfidence,
      minLift: options.minLift,
      maxLen: options.maxLen,
      basketBy: options.basket,
      maxRules: MAX_RULES,
    }),
  );
  if (inputs.feedback) emulator.sheetFromValues(FEEDBACK.name[options.lang], padToWidest(inputs.feedback));
  // As a user would: classify first (segments for the statistics and forecasts), then analyse.
  ctx.classifyNow();
  const result = ctx.analysisExport_() as AnalysisExport;
  return { emulator, result };
}

/** Line numbers (1-based file lines) named by issues on each tab; null when a header is at fault. */
function badLines(issues: Extract<AnalysisExport, { ok: false }>["issues"]): Map<string, Set<number>> | null {
  const out = new Map<string, Set<number>>();
  for (const i of issues) {
    const row = Number(/^[A-Z]+(\d+)$/.exec(i.a1)?.[1] ?? NaN);
    if (!(row >= 2)) return null;
    let set = out.get(i.sheet);
    if (!set) out.set(i.sheet, (set = new Set()));
    set.add(row);
  }
  return out;
}

const csvText = (v: unknown) => neutraliseCell(v ?? "");
const num = (v: number | null | undefined) =>
  v === null || v === undefined ? "" : Number.isFinite(v) ? v : v > 0 ? "inf" : "-inf";

function writeCsv(file: string, fields: readonly string[], data: readonly (readonly unknown[])[]): void {
  writeFileSync(file, "\uFEFF" + Papa.unparse({ fields: [...fields], data: data as unknown[][] }) + "\r\n");
}

export function main(argv: string[]): Promise<number> {
  return runCommand(SPEC, argv, (flags, lang) => {
    const options = readOptions(flags);
    requireInputs(flags);
    return analyze(options, lang);
  });
}

async function analyze(flagged: Options, lang: Lang): Promise<number> {
  const orders = splitWhitespaceTable(await readRows(flagged.orders));
  if (orders.length === 0) {
    console.error(`${flagged.orders}: no rows`);
    return 1;
  }
  const guessed = guessHeaders(orders[0], flagged.lang);
  for (const note of guessed.notes) console.error(`${path.basename(flagged.orders)}: ${note}`);
  let inputs: Inputs = {
    orders: [guessed.header, ...orders.slice(1)],
    customers: flagged.customers ? await readRows(flagged.customers) : null,
    feedback: flagged.feedback ? await readRows(flagged.feedback) : null,
  };
  const options = { ...flagged, asOf: chooseAsOf(flagged.asOf, inputs.orders, flagged.lang, lang) };
  let run = runOnce(options, inputs);
  let bad = 0;
  if (!run.result.ok) {
    const issues = run.result.issues;
    for (const i of issues) console.error(problemLine(i));
    bad = issues.length;
    const lines = badLines(issues);
    if (!lines) {
      console.error("analysis failed: a header is missing or wrong; nothing written");
      return 1;
    }
    const keep = (rows: unknown[][] | null, tab: string) =>
      rows && rows.filter((_, k) => !lines.get(tab)?.has(k + 1));
    inputs = {
      orders: keep(inputs.orders, ORDERS.name[options.lang])!,
      customers: keep(inputs.customers, CUSTOMERS.name[options.lang]),
      feedback: keep(inputs.feedback, FEEDBACK.name[options.lang]),
    };
    console.error(`… ${bad} bad cell(s): their rows are left out and the analysis run again`);
    run = runOnce(options, inputs);
    if (!run.result.ok) {
      console.error(`analysis failed again on ${run.result.issues.length} cell(s); nothing written`);
      return 1;
    }
  }
  const x = run.result;
  mkdirSync(options.out, { recursive: true });
  const join = (items: readonly string[]) => csvText(items.join(" + "));
  writeCsv(
    path.join(options.out, "rules.csv"),
    [
      "antecedent",
      "consequent",
      "count",
      "support",
      "confidence",
      "lift",
      "leverage",
      "conviction",
      "stratified_lift",
      "p_value",
      "spurious",
      "antecedent_count",
      "consequent_count",
    ],
    x.rules.rules.map((r) => [
      join(r.antecedent),
      join(r.consequent),
      ...ruleMeasures(r, num),
      r.spurious,
      r.antecedentCount,
      r.consequentCount,
    ]),
  );
  writeFileSync(path.join(options.out, "models.json"), JSON.stringify(x.models, null, 2) + "\n");
  const points = x.forecasts.flatMap((s) =>
    [
      ...s.backtest.map((p) => ({ p, kind: "backtest" })),
      ...s.ahead.map((p) => ({ p, kind: "forecast" })),
    ].map(({ p, kind }) => [
      p.month,
      csvText(s.segment),
      p.forecast,
      p.lower,
      p.upper,
      num(p.actual),
      csvText(s.category),
      s.method ?? "",
      kind,
    ]),
  );
  writeCsv(
    path.join(options.out, "forecast.csv"),
    ["month", "segment", "forecast", "lower", "upper", "actual", "category", "method", "kind"],
    points,
  );
  writeCsv(
    path.join(options.out, "customers.csv"),
    ["CustomerID", "repeat_purchases", "p_alive", "expected_purchases_12m", "expected_spend", "clv_12m"],
    x.customers.map((c) => [
      csvText(c.id),
      c.frequency,
      c.pAlive,
      c.expectedTransactions,
      num(c.expectedSpend),
      num(c.clv),
    ]),
  );
  const sheet = run.emulator.spreadsheet.getSheetByName(x.run.sheet)!;
  await writeWorkbookXlsx(
    {
      getSheets: () => [sheet],
      getSpreadsheetTimeZone: () => run.emulator.spreadsheet.getSpreadsheetTimeZone(),
    } as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet,
    path.join(options.out, "analysis.xlsx"),
  );
  if (x.rules.truncated)
    console.error(
      `rules.csv: mining stopped at a resource cap (${x.rules.rules.length} rules kept, smallest itemsets first); raise --min-support or set --max-len for all`,
    );
  const m = x.models;
  console.error(
    `${options.out}: ${x.rules.rules.length} rules (${x.rules.spurious} marked), ${x.customers.length} customers, ` +
      `as of ${x.asOf}; BG/NBD ${m.bgnbd.converged ? "converged" : "not converged"}, Gamma-Gamma ` +
      `${m.gammaGamma.converged ? "converged" : `not converged (${m.oneTimeBuyers.spendProblem})`}, ` +
      `one-time buyers: ${m.oneTimeBuyers.model ?? "no model"}; forecast: ${m.forecast.method ?? "none"}` +
      (m.forecast.backtestMape === null
        ? ""
        : ` (backtest MAPE ${(m.forecast.backtestMape * 100).toFixed(1)}%)`),
  );
  return bad > 0 ? 1 : 0;
}
