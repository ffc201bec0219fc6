import type { Lang, Localized } from "../schema/types";
import type { BgNbdFit } from "../classify/bgnbd";
import type { AssociationRule, RuleResult } from "./association";
import { MIN_FORECAST_MONTHS, type ForecastReport } from "./forecast";
import type { LifetimeValues } from "./lifetime-value";
import type { Comparison } from "./compare";
import type { Dimension, GroupStats } from "./group-stats";
import type { AnalysisReport } from "./report";
import { ruleMeasures } from "./rule-measures";
import LABELS from "./sheet-labels.json";
import type { Summary } from "./stats";

/** A cell of the Analysis sheet. */
export type SheetCell = string | number;

/** A block of the sheet, 1-based. */
export interface Block {
  readonly row: number;
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
}

/** A native chart over blocks of the sheet (each block's first row is its header, the first column the x axis). */
export interface ChartSpec {
  readonly type: "LINE" | "COLUMN";
  readonly title: string;
  readonly ranges: readonly Block[];
  readonly anchorRow: number;
  readonly anchorColumn: number;
}

/** The whole Analysis sheet as one rectangular block, so the shell writes it with one setValues. */
export interface SheetLayout {
  readonly values: readonly (readonly SheetCell[])[];
  readonly numberFormats: readonly (readonly string[])[];
  /** "bold" for titles and table headers, else "normal". */
  readonly fontWeights: readonly (readonly string[])[];
  readonly charts: readonly ChartSpec[];
  readonly width: number;
}

const MONEY = "#,##0.00";
const PERCENT = "0.0%";
const DECIMAL = "0.00";
const GENERAL = "General";

/** The sheet's fixed labels in both languages, kept as data (sheet-labels.json). */
const T = LABELS.text satisfies Readonly<Record<string, Localized>>;
const DIMENSION_LABEL: Readonly<Record<Dimension, Localized>> = LABELS.dimension;
const MIX_LABEL: Readonly<Record<string, Localized>> = { ...DIMENSION_LABEL, industry: LABELS.industry };
const SEASON: Readonly<Record<string, Localized>> = LABELS.season;
const TOPIC: Readonly<Record<string, Localized>> = LABELS.topic;
const METHOD: Readonly<Record<string, Localized>> = LABELS.method;

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A cell as written: null and non-finite numbers blank. Text is left as it is: the sheet is written through
 * the one door (src/gas/platform/write-values.ts), which keeps text that Sheets would read as a formula or a
 * number as text.
 */
function cellValue(c: SheetCell | null): SheetCell {
  return c === null || (typeof c === "number" && !Number.isFinite(c)) ? "" : c;
}

/** A forecast method's name in `lang` (the Analysis sheet's wording, also used by the weekly report). */
export function forecastMethodLabel(method: string, lang: Lang): string {
  return METHOD[method]?.[lang] ?? method;
}

/** Rows of cells with their formats, laid out top to bottom; charts are anchored right of the widest table. */
class Builder {
  readonly rows: SheetCell[][] = [];
  readonly formats: string[][] = [];
  readonly bold: boolean[] = [];
  readonly charts: Omit<ChartSpec, "anchorColumn" | "anchorRow">[] = [];
  /** The row each chart should sit next to. */
  readonly chartRows: number[] = [];

  constructor(readonly lang: Lang) {}

  t(label: Localized): string {
    return label[this.lang];
  }

  /** The fixed labels named, in the sheet's language: a table's header row. */
  labels(...keys: readonly (keyof typeof T)[]): string[] {
    return keys.map((k) => T[k][this.lang]);
  }

  /** Adds a row; returns its 1-based sheet row. */
  row(cells: readonly (SheetCell | null)[], formats: readonly string[] = [], bold = false): number {
    this.rows.push(cells.map(cellValue));
    this.formats.push(cells.map((_, i) => formats[i] ?? GENERAL));
    this.bold.push(bold);
    return this.rows.length;
  }

  title(text: string): number {
    if (this.rows.length) this.row([]);
    return this.row([text], [], true);
  }

  /** A header row and data rows; returns the 1-based row of the header. */
  table(
    header: readonly string[],
    body: readonly (readonly (SheetCell | null)[])[],
    formats: readonly string[],
  ): number {
    const at = this.row(header, [], true);
    for (const r of body) this.row(r, formats);
    return at;
  }

  chart(spec: Omit<ChartSpec, "anchorColumn" | "anchorRow">, nearRow: number): void {
    this.charts.push(spec);
    this.chartRows.push(nearRow);
  }
}

const statCells = (s: Summary): (number | null)[] => [s.count, s.sum, s.mean, s.median, s.sd, s.p90];

/**
 * Groups listed per dimension (the largest spend first): a free-text column mapped as a dimension (an
 * address as the region) can hold a group per customer, and 50,000 rows of statistics a section help no
 * one and fill the spreadsheet's cell limit. The sidebar's comparison still offers the largest 100.
 */
const SHEET_GROUPS = 500;

function groupSection(b: Builder, dimension: Dimension, all: readonly GroupStats[]): number {
  const rows = all.slice(0, SHEET_GROUPS);
  const at = b.title(`${b.t(T.statsBy)} ${b.t(DIMENSION_LABEL[dimension])}`.trim());
  const stats = [T.count, T.sum, T.mean, T.median, T.sd, T.p90].map((l) => b.t(l));
  const metrics = [T.spend, T.ordersPer, T.aov, T.satisfaction];
  const header = [
    b.t(T.group),
    b.t(T.customers),
    ...metrics.flatMap((m) => stats.map((s) => `${b.t(m)} ${s}`)),
  ];
  const fmt = (money: boolean) => [
    "0",
    money ? MONEY : DECIMAL,
    money ? MONEY : DECIMAL,
    money ? MONEY : DECIMAL,
    money ? MONEY : DECIMAL,
    money ? MONEY : DECIMAL,
  ];
  const formats = [GENERAL, "0", ...fmt(true), ...fmt(false), ...fmt(true), ...fmt(false)];
  b.table(
    header,
    rows.map((r) => [
      r.group,
      r.customers,
      ...statCells(r.spend),
      ...statCells(r.orders),
      ...statCells(r.aov),
      ...statCells(r.satisfaction),
    ]),
    formats,
  );
  if (all.length > rows.length)
    b.row([fill(b.t(T.groupsListed), { shown: rows.length, groups: all.length })]);
  return at;
}

/** "{name}" placeholders of a label filled in. */
function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
}

const MARK: Readonly<Record<string, Localized>> = { chance: T.markChance, redundant: T.markRedundant };

/**
 * The strongest `limit` rules of one kind of basket: sound rules first, then those marked as possibly
 * spurious, each group in the report's order (lift, confidence, count); how many passed and were marked.
 */
function rulesSection(b: Builder, title: Localized, result: RuleResult, limit: number): void {
  b.title(`${b.t(title)} · ${b.t(T.baskets)} ${result.baskets}`);
  if (result.rules.length === 0) {
    b.row([b.t(T.noRules)]);
    return;
  }
  const listed = [
    ...result.rules.filter((r) => !r.spurious),
    ...result.rules.filter((r) => r.spurious),
  ].slice(0, limit);
  b.row([
    fill(b.t(T.rulesCount), { rules: result.rules.length, spurious: result.spurious, shown: listed.length }),
  ]);
  if (result.truncated) b.row([b.t(T.rulesTruncated)]);
  const join = (xs: readonly string[]) => xs.join(" + ");
  b.table(
    b.labels(
      "if",
      "then",
      "baskets",
      "support",
      "confidence",
      "lift",
      "leverage",
      "conviction",
      "adjustedLift",
      "pValue",
      "mark",
    ),
    listed.map((r: AssociationRule) => [
      join(r.antecedent),
      join(r.consequent),
      ...ruleMeasures(r, (v) => (Number.isFinite(v) ? v : "∞")),
      r.spurious ? b.t(MARK[r.spurious]) : "",
    ]),
    [GENERAL, GENERAL, "0", PERCENT, PERCENT, DECIMAL, "0.0000", DECIMAL, DECIMAL, "0.0000", GENERAL],
  );
}

/**
 * Lays the report out as the Analysis sheet, in the user's language: overview, statistics by each
 * dimension, monthly and quarterly trends, seasonality (or "not enough history"), association rules (the
 * `topRules` strongest of each kind, sound ones first, with leverage, conviction, stratified lift, p-value
 * and the spurious mark), key customers (top list, Pareto, portrait), the repeat and spend models with the
 * first `topCustomers` customers' outlook, the revenue forecast with its backtest, the default period
 * comparison, feedback and credit risk. Charts: monthly revenue (line), spend by segment (column), Pareto
 * (line), seasonality (line, with two years of history), forecast (line, when there is one).
 */
export function layoutAnalysisSheet(
  report: AnalysisReport,
  lang: Lang,
  { topRules = 100, topCustomers = 20, clvMonths = 12 }: SheetLimits = {},
): SheetLayout {
  const b = new Builder(lang);
  b.row([`${b.t(T.title)} · ${b.t(T.asOf)} ${report.asOf}`], [], true);
  b.table(
    b.labels("orderLines", "orders", "customers", "feedback", "revenue"),
    [
      [
        report.counts.orderLines,
        report.counts.orders,
        report.counts.customers,
        report.counts.feedback,
        report.overall.spend.sum,
      ],
    ],
    ["0", "0", "0", "0", MONEY],
  );

  for (const dimension of Object.keys(report.groups) as Dimension[]) {
    const at = groupSection(b, dimension, report.groups[dimension]);
    if (dimension === "segment" && report.groups.segment.length) {
      // Group names (column 1) against total spend (column 4).
      const numRows = Math.min(report.groups.segment.length, SHEET_GROUPS) + 1;
      b.chart(
        {
          type: "COLUMN",
          title: `${b.t(T.spend)} · ${b.t(DIMENSION_LABEL.segment)}`,
          ranges: [
            { row: at + 1, column: 1, numRows, numColumns: 1 },
            { row: at + 1, column: 4, numRows, numColumns: 1 },
          ],
        },
        at,
      );
    }
  }

  const trendRows = (points: AnalysisReport["monthly"]) =>
    points.map((p) => [p.key, p.revenue, p.orders, p.customers, p.change, p.yoy]);
  const trendFormats = [GENERAL, MONEY, "0", "0", PERCENT, PERCENT];
  let at = b.title(b.t(T.monthly));
  const monthlyHeader = b.table(
    b.labels("month", "revenue", "orders", "active", "mom", "yoy"),
    trendRows(report.monthly),
    trendFormats,
  );
  if (report.monthly.length) {
    b.chart(
      {
        type: "LINE",
        title: b.t(T.monthly),
        ranges: [{ row: monthlyHeader, column: 1, numRows: report.monthly.length + 1, numColumns: 2 }],
      },
      at,
    );
  }
  b.title(b.t(T.quarterly));
  b.table(
    b.labels("quarter", "revenue", "orders", "active", "qoq", "yoy"),
    trendRows(report.quarterly),
    trendFormats,
  );

  if (report.seasonality.length) {
    at = b.title(b.t(T.seasonality));
    const series = report.seasonality;
    if (!series[0].enoughHistory) b.row([fill(b.t(T.notEnoughHistory), { months: series[0].months })]);
    else {
      b.row([b.t(T.seasonalityHow)]);
      const header = [b.t(T.month), ...series.map((s) => s.category || b.t(T.all))];
      const body = Array.from({ length: 12 }, (_, m) => [
        lang === "zh-CN" ? `${m + 1}月` : MONTHS_EN[m],
        ...series.map((s) => s.index[m]),
      ]);
      const seasonHeader = b.table(header, body, [GENERAL, ...series.map(() => DECIMAL)]);
      b.row([b.t(T.peakSeason), ...series.map((s) => (s.peakSeason ? b.t(SEASON[s.peakSeason]) : ""))]);
      b.chart(
        {
          type: "LINE",
          title: b.t(T.seasonality),
          ranges: [{ row: seasonHeader, column: 1, numRows: 13, numColumns: series.length + 1 }],
        },
        at,
      );
    }
  }

  rulesSection(b, T.rulesByOrder, report.rules.order, topRules);
  rulesSection(b, T.rulesByCustomer, report.rules.customer, topRules);

  const key = report.keyCustomers;
  b.title(b.t(T.topCustomers));
  b.table(
    b.labels("rank", "customer", "name", "spend", "orders", "share", "cumulative"),
    key.top.map((c) => [c.rank, c.id, c.name, c.spend, c.orders, c.share, c.cumulativeShare]),
    ["0", GENERAL, GENERAL, MONEY, "0", PERCENT, PERCENT],
  );
  at = b.title(b.t(T.pareto));
  b.row([b.t(T.top20), key.pareto.top20Share], [GENERAL, PERCENT]);
  b.row([b.t(T.for80), key.pareto.customersFor80], [GENERAL, PERCENT]);
  const paretoHeader = b.table(
    b.labels("customerShare", "revenueShare"),
    key.pareto.curve.map((p) => [p.customerShare, p.revenueShare]),
    [PERCENT, PERCENT],
  );
  if (key.pareto.curve.length) {
    b.chart(
      {
        type: "LINE",
        title: b.t(T.pareto),
        ranges: [{ row: paretoHeader, column: 1, numRows: key.pareto.curve.length + 1, numColumns: 2 }],
      },
      at,
    );
  }
  const p = key.portrait;
  b.title(b.t(T.portrait));
  b.table(
    [
      "",
      b.t(T.customers),
      b.t(T.revenueShare),
      `${b.t(T.spend)} ${b.t(T.mean)}`,
      `${b.t(T.ordersPer)} ${b.t(T.mean)}`,
      `${b.t(T.aov)} ${b.t(T.mean)}`,
    ],
    [
      [b.t(T.top), p.size, p.revenueShare, p.meanSpend, p.meanOrders, p.meanAov],
      [
        b.t(T.rest),
        report.counts.customers - p.size,
        1 - p.revenueShare,
        p.restMeanSpend,
        p.restMeanOrders,
        p.restMeanAov,
      ],
    ],
    [GENERAL, "0", PERCENT, MONEY, DECIMAL, MONEY],
  );
  for (const m of p.mix) {
    if (m.values.length)
      b.row(
        [b.t(MIX_LABEL[m.attribute]), ...m.values.flatMap((v) => [v.value, v.share])],
        [GENERAL, GENERAL, PERCENT, GENERAL, PERCENT, GENERAL, PERCENT],
      );
  }
  lifetimeSection(b, key.lifetime, topCustomers, clvMonths);
  forecastSection(b, report.forecast);

  const comparisons: [Localized, Comparison | null][] = [
    [T.comparison, report.comparisons.periods],
    [T.regions, report.comparisons.regions],
    [T.owners, report.comparisons.owners],
  ];
  for (const [title, c] of comparisons) {
    if (!c) continue;
    b.title(b.t(title));
    b.row([c.summary[lang]]);
    b.table(
      [
        b.t(c.kind === "periods" ? T.period : T.group),
        ...b.labels("revenue", "customers", "orders", "aov", "retention"),
      ],
      [
        [c.a.label, c.a.revenue, c.a.customers, c.a.orders, c.a.aov, c.a.retention],
        [c.b.label, c.b.revenue, c.b.customers, c.b.orders, c.b.aov, c.b.retention],
      ],
      [GENERAL, MONEY, "0", "0", MONEY, PERCENT],
    );
    // Relative changes, except retention, whose change is in percentage points.
    const d = c.deltas;
    b.row(
      [
        b.t(T.change),
        d.revenue.relative,
        d.customers.relative,
        d.orders.relative,
        d.aov.relative,
        d.retention.absolute,
      ],
      [GENERAL, PERCENT, PERCENT, PERCENT, PERCENT, PERCENT],
    );
  }

  const f = report.feedback;
  b.title(b.t(T.feedbackTitle));
  b.table(
    b.labels("responses", "meanRating", "positive", "neutral", "negative", "complaints"),
    [[f.responses, f.meanRating, f.positive, f.neutral, f.negative, f.complaints]],
    ["0", DECIMAL, "0", "0", "0", "0"],
  );
  if (f.months.length) {
    b.table(
      b.labels("month", "responses", "meanRating", "positive", "negative"),
      f.months.map((m) => [m.key, m.responses, m.meanRating, m.positive, m.negative]),
      [GENERAL, "0", DECIMAL, "0", "0"],
    );
  }
  if (f.topics.length) {
    b.title(b.t(T.topics));
    b.table(
      b.labels("topic", "complaints", "share", "example"),
      f.topics.map((t) => [b.t(TOPIC[t.topic]), t.count, t.share, t.examples[0] ?? ""]),
      [GENERAL, "0", PERCENT, GENERAL],
    );
  }

  b.title(b.t(T.credit));
  b.table(
    ["A", "B", "C", "D"],
    [[report.credit.byGrade.A, report.credit.byGrade.B, report.credit.byGrade.C, report.credit.byGrade.D]],
    ["0", "0", "0", "0"],
  );
  if (report.credit.overdue.length === 0) b.row([b.t(T.noOverdue)]);
  else {
    b.table(
      b.labels("customer", "grade", "overdueCount", "overdueAmount", "maxDays", "billed"),
      report.credit.overdue.map((c) => [
        c.customerId,
        c.grade,
        c.overdueCount,
        c.overdueAmount,
        c.maxDaysOverdue,
        c.billed,
      ]),
      [GENERAL, GENERAL, "0", MONEY, "0", MONEY],
    );
  }

  return finish(b);
}

/** How much of the report's long lists the sheet shows (the analysis settings). */
export interface SheetLimits {
  readonly topRules?: number;
  readonly topCustomers?: number;
  /** The horizon the outlook was computed for, for its title. */
  readonly clvMonths?: number;
}

const MODEL_NAME: Readonly<Record<string, string>> = { bgnbd: "BG/NBD", mbgnbd: "MBG/NBD" };

/** The repeat models, the spend model, one-time buyers and the first customers' outlook. */
function lifetimeSection(b: Builder, life: LifetimeValues, limit: number, months: number): void {
  b.title(b.t(T.clv));
  const params = [
    GENERAL,
    GENERAL,
    DECIMAL,
    GENERAL,
    DECIMAL,
    GENERAL,
    DECIMAL,
    GENERAL,
    DECIMAL,
    GENERAL,
    DECIMAL,
    GENERAL,
  ];
  const fitRow = (name: string, fit: BgNbdFit | null) => {
    if (!fit) return;
    const { r, alpha, a, b: bb } = fit.params;
    b.row(
      [
        b.t(T.model),
        `${name} r`,
        r,
        "α (days)",
        alpha,
        "a",
        a,
        "b",
        bb,
        b.t(T.logLikelihood),
        fit.logLikelihood,
        b.t(fit.converged ? T.converged : T.notConverged),
      ],
      params,
    );
  };
  fitRow("BG/NBD", life.bgnbd);
  fitRow("MBG/NBD", life.mbgnbd);
  if (life.model) b.row([b.t(T.chosenModel), MODEL_NAME[life.model]]);
  const gg = life.gammaGamma;
  if (gg) {
    b.row(
      [
        b.t(T.model),
        "Gamma-Gamma p",
        gg.p,
        "q",
        gg.q,
        "γ",
        gg.gamma,
        "E[M]",
        gg.impliedMeanSpend,
        b.t(T.logLikelihood),
        gg.logLikelihood,
        gg.converged ? b.t(T.converged) : `${b.t(T.notConverged)} (${gg.problem})`,
      ],
      [...params.slice(0, 8), MONEY, GENERAL, DECIMAL, GENERAL],
    );
  }
  if (life.model)
    b.row(
      [b.t(T.oneTimeBuyers), life.oneTimeBuyers.customers, b.t(T.meanPAlive), life.oneTimeBuyers.meanPAlive],
      [GENERAL, "0", GENERAL, PERCENT],
    );
  if (life.note) b.row([b.t(life.note)]);
  if (life.customers.length) {
    b.row([fill(b.t(T.outlook), { months })], [], true);
    b.table(
      b.labels("customer", "repeat", "pAlive", "expectedTx", "expectedSpend", "value"),
      life.customers
        .slice(0, limit)
        .map((c) => [c.id, c.frequency, c.pAlive, c.expectedTransactions, c.expectedSpend, c.clv]),
      [GENERAL, "0", PERCENT, DECIMAL, MONEY, MONEY],
    );
  }
}

/** The book's forecast (backtest and months ahead, charted) and a line per segment and category. */
function forecastSection(b: Builder, f: ForecastReport): void {
  const at = b.title(b.t(T.forecastTitle));
  const book = f.book;
  if (!book.method) {
    b.row([fill(b.t(T.noForecast), { months: MIN_FORECAST_MONTHS })]);
    return;
  }
  b.row(
    [b.t(T.forecastMethod), b.t(METHOD[book.method]), b.t(T.backtestMape), book.backtestMape],
    [GENERAL, GENERAL, GENERAL, PERCENT],
  );
  const points = [
    ...book.backtest.map((p) => ({ p, kind: b.t(T.backtest) })),
    ...book.ahead.map((p) => ({ p, kind: b.t(T.ahead) })),
  ];
  const header = b.table(
    b.labels("month", "kind", "forecast", "lower", "upper", "actual"),
    points.map(({ p, kind }) => [p.month, kind, p.forecast, p.lower, p.upper, p.actual]),
    [GENERAL, GENERAL, MONEY, MONEY, MONEY, MONEY],
  );
  b.chart(
    {
      type: "LINE",
      title: b.t(T.forecastTitle),
      ranges: [
        { row: header, column: 1, numRows: points.length + 1, numColumns: 1 },
        { row: header, column: 3, numRows: points.length + 1, numColumns: 4 },
      ],
    },
    at,
  );
  const rows = [...f.segments, ...f.categories].map((s) => [
    s.category === "all" ? b.t(T.segment) : b.t(T.category),
    s.category === "all" ? s.segment : s.category,
    s.method ? b.t(METHOD[s.method]) : "",
    s.backtestMape,
    s.months,
    s.ahead.reduce((sum, p) => sum + p.forecast, 0),
  ]);
  if (rows.length)
    b.table(b.labels("series", "group", "forecastMethod", "backtestMape", "months", "next12"), rows, [
      GENERAL,
      GENERAL,
      GENERAL,
      PERCENT,
      "0",
      MONEY,
    ]);
}

/** Pads every row to the widest and anchors charts in a column right of the tables, never overlapping. */
function finish(b: Builder): SheetLayout {
  const width = Math.max(1, ...b.rows.map((r) => r.length));
  const pad = <X>(rows: X[][], fill: X) => rows.map((r) => [...r, ...Array<X>(width - r.length).fill(fill)]);
  const CHART_HEIGHT = 20;
  const charts: ChartSpec[] = [];
  let nextFree = 1;
  b.charts.forEach((spec, i) => {
    const near = b.chartRows[i];
    const anchorRow = Math.max(near, nextFree);
    nextFree = anchorRow + CHART_HEIGHT;
    charts.push({ ...spec, anchorRow, anchorColumn: width + 2 });
  });
  return {
    values: pad(b.rows, "" as SheetCell),
    numberFormats: pad(b.formats, GENERAL),
    fontWeights: pad(
      b.bold.map((bold, i) => b.rows[i].map(() => (bold ? "bold" : "normal"))),
      "normal",
    ),
    charts,
    width,
  };
}
