/**
 * `npm run analyze -- --orders FILE.csv|xlsx|txt [--customers FILE] [--feedback FILE] [--as-of YYYY-MM-DD]
 *   [--basket order|customer] [--min-support S] [--min-confidence C] [--min-lift L] [--max-len K]
 *   [--lang en|zh-CN] --out DIR`
 *
 * Loads the files into the emulated spreadsheet as the classify CLI does, runs the bundle's own
 * "Classify now" (so the analysis has segments) and then its "Run analysis" (through the private
 * analysisExport_), and writes DIR/rules.csv, DIR/models.json, DIR/forecast.csv, DIR/customers.csv and
 * DIR/analysis.xlsx (the Analysis tab as the add-on wrote it). Cells the analysis cannot read are reported
 * on stderr as "line N: …"; those rows are left out and the run repeated on the rest. A missing required
 * column is named once (no run). Exit code 0 when clean, 1 when bad rows were seen, a column is missing or
 * the run failed, 2 for usage errors and input files that cannot be read (missing, empty, not an xlsx).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { ruleMeasures } from "../core/analysis/rule-measures";
import { CUSTOMERS, FEEDBACK, ORDERS } from "../core/schema/sheets";
import type { Lang } from "../core/schema/types";
import { neutraliseCell } from "../core/table/export/neutralise";
import type { AnalysisExport } from "../gas/analysis/export";
import { FileError, flag, runCommand, type CommandSpec, type Flags } from "./cli-args";
import {
  chooseAsOf,
  COMMON_FLAGS,
  failedOnHeader,
  loadSheet,
  missingColumns,
  openBook,
  requireInputs,
  padToWidest,
  problemLine,
  readCommonFlags,
  readInputRows,
  readOrdersFile,
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
      "Exit code 0 when clean, 1 when bad rows were reported (they are left out), a required column is missing\n" +
      "or the run failed, 2 for a usage error or an input file that cannot be read (missing, empty, not an\n" +
      "xlsx workbook). A --feedback file without a required column (Date, CustomerID, Rating) is left out,\n" +
      "with a note. Without an amount column, Amount = Quantity × unit price per line.",
    zh:
      "退出码：0 全部正常；1 有问题行（已剔除后重新分析）、缺少必需的列或运行失败；2 参数错误或输入文件\n" +
      "无法读取（不存在、为空、不是 xlsx 工作簿）。--feedback 文件缺少必需的列（日期、客户编号、评分）时\n" +
      "不使用该文件并提示。没有金额列时，按行计算 金额 = 数量 × 单价。",
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
  if (inputs.feedback) loadSheet(emulator, FEEDBACK.name[options.lang], padToWidest(inputs.feedback));
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

/**
 * A CSV as R's write.csv and pandas write one: UTF-8 without a byte-order mark, so a reader that does not
 * strip one (Python's csv module, R's read.csv) sees the first column as `antecedent`, not "\uFEFFantecedent".
 * People open analysis.xlsx; Excel reads these through Data › From Text/CSV (UTF-8).
 */
function writeCsv(file: string, fields: readonly string[], data: readonly (readonly unknown[])[]): void {
  writeFileSync(file, Papa.unparse({ fields: [...fields], data: data as unknown[][] }) + "\r\n");
}

export function main(argv: string[]): Promise<number> {
  return runCommand(SPEC, argv, (flags, lang) => {
    const options = readOptions(flags);
    requireInputs(flags);
    return analyze(options, lang);
  });
}

async function analyze(flagged: Options, lang: Lang): Promise<number> {
  const zh = lang === "zh-CN";
  const guessed = await readOrdersFile(flagged.orders, flagged.lang, lang);
  const customers = flagged.customers ? await readInputRows(flagged.customers, lang) : null;
  let feedback = flagged.feedback ? await readInputRows(flagged.feedback, lang) : null;
  // A missing column is the file's problem, not every row's: say which, once, before any run.
  const headerProblems = [
    missingColumns(ORDERS, flagged.orders, guessed.rows[0], lang, guessed.header),
    customers && missingColumns(CUSTOMERS, flagged.customers!, customers[0], lang),
  ];
  if (headerProblems.some(Boolean)) {
    for (const p of headerProblems) if (p) console.error(p);
    const file = headerProblems[0] ? flagged.orders : flagged.customers!;
    console.error(failedOnHeader("analysis", file, lang));
    return 1;
  }
  const feedbackProblem = feedback && missingColumns(FEEDBACK, flagged.feedback!, feedback[0], lang);
  if (feedbackProblem) {
    console.error(feedbackProblem);
    console.error(zh ? "本次分析不使用该反馈文件" : "the analysis goes on without this feedback file");
    feedback = null;
  }
  if (flagged.maxLen === 1)
    console.error(
      zh
        ? "--max-len 1：一条规则至少有两个商品（前项、后项各一），rules.csv 将没有规则"
        : "--max-len 1: a rule needs at least two items (one on each side), so rules.csv will have no rules",
    );
  let inputs: Inputs = { orders: guessed.rows, customers, feedback };
  const options = { ...flagged, asOf: chooseAsOf(flagged.asOf, inputs.orders, flagged.lang, lang) };
  let run = runOnce(options, inputs);
  let bad = 0;
  if (!run.result.ok) {
    const issues = run.result.issues;
    const lines = badLines(issues);
    if (!lines) {
      // Checked above; should the bundle still find a header at fault, name it and not every row.
      const fileOf: Readonly<Record<string, string | undefined>> = {
        [ORDERS.name[options.lang]]: options.orders,
        [CUSTOMERS.name[options.lang]]: options.customers,
        [FEEDBACK.name[options.lang]]: options.feedback,
      };
      const header = issues.filter((i) => !/^[A-Z]+\d+$/.test(i.a1) || /^[A-Z]+1$/.test(i.a1));
      for (const i of header)
        console.error(`${path.basename(fileOf[i.sheet] ?? i.sheet)}${zh ? "：" : ": "}${i.message}`);
      console.error(failedOnHeader("analysis", fileOf[header[0]?.sheet] ?? options.orders, lang));
      return 1;
    }
    for (const i of issues) console.error(problemLine(i));
    bad = issues.length;
    const keep = (rows: unknown[][] | null, tab: string) =>
      rows && rows.filter((_, k) => !lines.get(tab)?.has(k + 1));
    inputs = {
      orders: keep(inputs.orders, ORDERS.name[options.lang])!,
      customers: keep(inputs.customers, CUSTOMERS.name[options.lang]),
      feedback: keep(inputs.feedback, FEEDBACK.name[options.lang]),
    };
    console.error(
      zh
        ? `… ${bad} 个单元格有问题：所在行已剔除，重新分析`
        : `… ${bad} bad cell(s): their rows are left out and the analysis run again`,
    );
    run = runOnce(options, inputs);
    if (!run.result.ok) {
      console.error(
        zh
          ? `再次分析仍有 ${run.result.issues.length} 个单元格有问题，分析失败；未写出任何文件`
          : `analysis failed again on ${run.result.issues.length} cell(s); nothing written`,
      );
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
      zh
        ? `rules.csv：挖掘在资源上限处停止（保留 ${x.rules.rules.length} 条规则，小项集优先）；提高 --min-support 或设置 --max-len 以得到全部规则`
        : `rules.csv: mining stopped at a resource cap (${x.rules.rules.length} rules kept, smallest itemsets first); raise --min-support or set --max-len for all`,
    );
  console.error(closingLine(options.out, x, noOutlookReason(sheet), lang));
  return bad > 0 ? 1 : 0;
}

/**
 * Why no customer has a lifetime value, as the Analysis tab says it ("No outlook: …" / "未计算客户前景：…"),
 * else from the models' summary.
 */
function noOutlookReason(sheet: GoogleAppsScript.Spreadsheet.Sheet): string | null {
  const text = sheet
    .getDataRange()
    .getValues()
    .flat()
    .map((v) => String(v))
    .find((v) => /^(No outlook: |未计算客户前景：)/.test(v));
  // The tab is in the book's language (--lang), as these messages are.
  return text ? text.replace(/^(No outlook: |未计算客户前景：)/, "").replace(/[.。]$/, "") : null;
}

/** The closing stderr line: what was written and how the models did, in `say`. */
function closingLine(
  out: string,
  x: Extract<AnalysisExport, { ok: true }>,
  outlook: string | null,
  say: Lang,
): string {
  const m = x.models;
  const zh = say === "zh-CN";
  const bgnbd = m.bgnbd.converged ? (zh ? "已收敛" : "converged") : zh ? "未收敛" : "not converged";
  const customers = x.customers.length
    ? zh
      ? `${x.customers.length} 个客户`
      : `${x.customers.length} customers`
    : zh
      ? `未计算客户价值：${outlook ?? (m.bgnbd.converged ? "未选出模型" : "BG/NBD 未收敛")}`
      : `no lifetime values: ${outlook ?? (m.bgnbd.converged ? "no model chosen" : "BG/NBD not converged")}`;
  const gg = m.gammaGamma.converged
    ? zh
      ? "已收敛"
      : "converged"
    : zh
      ? `未收敛（${m.oneTimeBuyers.spendProblem}）`
      : `not converged (${m.oneTimeBuyers.spendProblem})`;
  const mape =
    m.forecast.backtestMape === null
      ? ""
      : zh
        ? `（回测 MAPE ${(m.forecast.backtestMape * 100).toFixed(1)}%）`
        : ` (backtest MAPE ${(m.forecast.backtestMape * 100).toFixed(1)}%)`;
  return zh
    ? `${out}：${x.rules.rules.length} 条规则（${x.rules.spurious} 条已标记），${customers}，分析日期 ${x.asOf}；` +
        `BG/NBD ${bgnbd}，Gamma-Gamma ${gg}，一次性买家：${m.oneTimeBuyers.model ?? "无模型"}；` +
        `预测：${m.forecast.method ?? "无"}${mape}`
    : `${out}: ${x.rules.rules.length} rules (${x.rules.spurious} marked), ${customers}, as of ${x.asOf}; ` +
        `BG/NBD ${bgnbd}, Gamma-Gamma ${gg}, one-time buyers: ${m.oneTimeBuyers.model ?? "no model"}; ` +
        `forecast: ${m.forecast.method ?? "none"}${mape}`;
}
