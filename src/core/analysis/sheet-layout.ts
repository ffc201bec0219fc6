import type { Lang, Localized } from "../schema/types";
import type { AssociationRule, RuleResult } from "./association";
import type { Comparison } from "./compare";
import type { Dimension, GroupStats } from "./group-stats";
import type { AnalysisReport } from "./report";
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

const T = {
  title: { en: "Sheet CRM analysis", "zh-CN": "Sheet CRM 分析报告" },
  asOf: { en: "As of", "zh-CN": "截至" },
  orderLines: { en: "Order lines", "zh-CN": "订单行数" },
  orders: { en: "Orders", "zh-CN": "订单数" },
  customers: { en: "Customers", "zh-CN": "客户数" },
  feedback: { en: "Feedback", "zh-CN": "反馈数" },
  statsBy: { en: "Statistics by", "zh-CN": "分组统计：" },
  group: { en: "Group", "zh-CN": "分组" },
  spend: { en: "Spend", "zh-CN": "消费金额" },
  ordersPer: { en: "Orders", "zh-CN": "订单数" },
  aov: { en: "AOV", "zh-CN": "客单价" },
  satisfaction: { en: "Satisfaction", "zh-CN": "满意度" },
  count: { en: "count", "zh-CN": "数量" },
  sum: { en: "sum", "zh-CN": "合计" },
  mean: { en: "mean", "zh-CN": "均值" },
  median: { en: "median", "zh-CN": "中位数" },
  sd: { en: "SD", "zh-CN": "标准差" },
  p90: { en: "P90", "zh-CN": "P90" },
  monthly: { en: "Monthly trend", "zh-CN": "月度趋势" },
  quarterly: { en: "Quarterly trend", "zh-CN": "季度趋势" },
  month: { en: "Month", "zh-CN": "月份" },
  quarter: { en: "Quarter", "zh-CN": "季度" },
  revenue: { en: "Revenue", "zh-CN": "收入" },
  active: { en: "Active customers", "zh-CN": "活跃客户" },
  mom: { en: "MoM", "zh-CN": "环比" },
  qoq: { en: "QoQ", "zh-CN": "环比" },
  yoy: { en: "YoY", "zh-CN": "同比" },
  seasonality: { en: "Seasonality index (1 = average month)", "zh-CN": "季节性指数（1 = 平均月份）" },
  all: { en: "All", "zh-CN": "全部" },
  peakSeason: { en: "Peak season", "zh-CN": "旺季" },
  rulesByOrder: { en: "Product association rules (per order)", "zh-CN": "产品关联规则（按订单）" },
  rulesByCustomer: { en: "Product association rules (per customer)", "zh-CN": "产品关联规则（按客户）" },
  if: { en: "If bought", "zh-CN": "购买了" },
  then: { en: "Also bought", "zh-CN": "也会购买" },
  baskets: { en: "Baskets", "zh-CN": "购物篮数" },
  support: { en: "Support", "zh-CN": "支持度" },
  confidence: { en: "Confidence", "zh-CN": "置信度" },
  lift: { en: "Lift", "zh-CN": "提升度" },
  noRules: { en: "No rule meets the thresholds.", "zh-CN": "没有满足阈值的规则。" },
  topCustomers: { en: "Top customers by value", "zh-CN": "高价值客户" },
  rank: { en: "Rank", "zh-CN": "排名" },
  customer: { en: "Customer", "zh-CN": "客户" },
  name: { en: "Name", "zh-CN": "名称" },
  share: { en: "Share", "zh-CN": "占比" },
  cumulative: { en: "Cumulative", "zh-CN": "累计占比" },
  pareto: { en: "Pareto curve", "zh-CN": "帕累托曲线" },
  customerShare: { en: "Customer share", "zh-CN": "客户占比" },
  revenueShare: { en: "Revenue share", "zh-CN": "收入占比" },
  top20: { en: "Revenue of the top 20% of customers", "zh-CN": "前 20% 客户贡献收入" },
  for80: { en: "Customers making 80% of revenue", "zh-CN": "贡献 80% 收入的客户占比" },
  portrait: { en: "Portrait of the top 20%", "zh-CN": "前 20% 客户画像" },
  top: { en: "Top", "zh-CN": "头部" },
  rest: { en: "Others", "zh-CN": "其他" },
  clv: {
    en: "Customer lifetime value (BG/NBD × Gamma-Gamma)",
    "zh-CN": "客户终身价值（BG/NBD × Gamma-Gamma）",
  },
  expectedTx: { en: "Expected purchases", "zh-CN": "预期购买次数" },
  expectedSpend: { en: "Expected spend / purchase", "zh-CN": "预期单次消费" },
  value: { en: "Lifetime value", "zh-CN": "终身价值" },
  repeat: { en: "Repeat purchases", "zh-CN": "重复购买次数" },
  model: { en: "Model", "zh-CN": "模型" },
  comparison: { en: "Latest period vs the one before", "zh-CN": "最近一期与上一期对比" },
  regions: { en: "Top two regions, latest period", "zh-CN": "收入前两名地区（最近一期）" },
  owners: { en: "Top two owners, latest period", "zh-CN": "收入前两名负责人（最近一期）" },
  period: { en: "Period", "zh-CN": "时期" },
  retention: { en: "Retention", "zh-CN": "留存率" },
  change: { en: "Change", "zh-CN": "变化" },
  feedbackTitle: { en: "Feedback and sentiment", "zh-CN": "反馈与情感" },
  meanRating: { en: "Mean rating", "zh-CN": "平均评分" },
  responses: { en: "Responses", "zh-CN": "反馈数" },
  positive: { en: "Positive", "zh-CN": "正面" },
  neutral: { en: "Neutral", "zh-CN": "中性" },
  negative: { en: "Negative", "zh-CN": "负面" },
  topics: { en: "Recurring complaint topics", "zh-CN": "常见投诉主题" },
  topic: { en: "Topic", "zh-CN": "主题" },
  complaints: { en: "Complaints", "zh-CN": "投诉数" },
  example: { en: "Example", "zh-CN": "示例" },
  credit: { en: "Credit risk", "zh-CN": "信用风险" },
  grade: { en: "Grade", "zh-CN": "等级" },
  overdueCount: { en: "Overdue lines", "zh-CN": "逾期笔数" },
  overdueAmount: { en: "Overdue amount", "zh-CN": "逾期金额" },
  maxDays: { en: "Max days overdue", "zh-CN": "最长逾期天数" },
  billed: { en: "Billed", "zh-CN": "应收总额" },
  noOverdue: { en: "Nothing is overdue.", "zh-CN": "没有逾期。" },
} as const satisfies Record<string, Localized>;

const DIMENSION_LABEL: Readonly<Record<Dimension, Localized>> = {
  segment: { en: "segment", "zh-CN": "客户分群" },
  abc: { en: "ABC class", "zh-CN": "ABC 分类" },
  lifecycle: { en: "lifecycle", "zh-CN": "生命周期" },
  region: { en: "region", "zh-CN": "地区" },
  customerType: { en: "customer type", "zh-CN": "客户类型" },
  owner: { en: "owner", "zh-CN": "负责人" },
  ageGender: { en: "age band × gender", "zh-CN": "年龄段 × 性别" },
};

const MIX_LABEL: Readonly<Record<string, Localized>> = {
  ...DIMENSION_LABEL,
  industry: { en: "industry", "zh-CN": "行业" },
};

const SEASON: Readonly<Record<string, Localized>> = {
  spring: { en: "Spring (Mar–May)", "zh-CN": "春季（3–5 月）" },
  summer: { en: "Summer (Jun–Aug)", "zh-CN": "夏季（6–8 月）" },
  autumn: { en: "Autumn (Sep–Nov)", "zh-CN": "秋季（9–11 月）" },
  winter: { en: "Winter (Dec–Feb)", "zh-CN": "冬季（12–2 月）" },
};

const TOPIC: Readonly<Record<string, Localized>> = {
  delivery: { en: "Delivery", "zh-CN": "物流" },
  price: { en: "Price", "zh-CN": "价格" },
  quality: { en: "Quality", "zh-CN": "质量" },
  service: { en: "Service", "zh-CN": "服务" },
  "after-sales": { en: "After-sales", "zh-CN": "售后" },
  product: { en: "Product", "zh-CN": "产品" },
};

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A cell as written: null and non-finite numbers blank; text that Sheets would read as a formula (product
 * or customer names starting with = + - @, from the user's data) kept as text by a leading apostrophe.
 */
function cellValue(c: SheetCell | null): SheetCell {
  if (c === null || (typeof c === "number" && !Number.isFinite(c))) return "";
  return typeof c === "string" && /^[=+\-@]/.test(c) ? `'${c}` : c;
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

function groupSection(b: Builder, dimension: Dimension, rows: readonly GroupStats[]): number {
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
  return at;
}

function rulesSection(b: Builder, title: Localized, result: RuleResult): void {
  b.title(`${b.t(title)} · ${b.t(T.baskets)} ${result.baskets}`);
  if (result.rules.length === 0) {
    b.row([b.t(T.noRules)]);
    return;
  }
  const join = (xs: readonly string[]) => xs.join(" + ");
  b.table(
    [b.t(T.if), b.t(T.then), b.t(T.baskets), b.t(T.support), b.t(T.confidence), b.t(T.lift)],
    result.rules.map((r: AssociationRule) => [
      join(r.antecedent),
      join(r.consequent),
      r.count,
      r.support,
      r.confidence,
      r.lift,
    ]),
    [GENERAL, GENERAL, "0", PERCENT, PERCENT, DECIMAL],
  );
}

/**
 * Lays the report out as the Analysis sheet, in the user's language: overview, statistics by each
 * dimension, monthly and quarterly trends, seasonality, association rules, key customers (top list,
 * Pareto, portrait, lifetime value), the default period comparison, feedback and credit risk. Charts:
 * monthly revenue (line), spend by segment (column), Pareto (line), seasonality (line).
 */
export function layoutAnalysisSheet(report: AnalysisReport, lang: Lang): SheetLayout {
  const b = new Builder(lang);
  b.row([`${b.t(T.title)} · ${b.t(T.asOf)} ${report.asOf}`], [], true);
  b.table(
    [b.t(T.orderLines), b.t(T.orders), b.t(T.customers), b.t(T.feedback), b.t(T.revenue)],
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
      const numRows = report.groups.segment.length + 1;
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
    [b.t(T.month), b.t(T.revenue), b.t(T.orders), b.t(T.active), b.t(T.mom), b.t(T.yoy)],
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
    [b.t(T.quarter), b.t(T.revenue), b.t(T.orders), b.t(T.active), b.t(T.qoq), b.t(T.yoy)],
    trendRows(report.quarterly),
    trendFormats,
  );

  if (report.seasonality.length) {
    at = b.title(b.t(T.seasonality));
    const series = report.seasonality;
    const header = [b.t(T.month), ...series.map((s) => s.category || b.t(T.all))];
    const body = Array.from({ length: 12 }, (_, m) => [
      lang === "zh-CN" ? `${m + 1}月` : MONTHS_EN[m],
      ...series.map((s) => s.index[m]),
    ]);
    const seasonHeader = b.table(header, body, [GENERAL, ...series.map(() => DECIMAL)]);
    b.row([b.t(T.peakSeason), ...series.map((s) => b.t(SEASON[s.peakSeason]))]);
    b.chart(
      {
        type: "LINE",
        title: b.t(T.seasonality),
        ranges: [{ row: seasonHeader, column: 1, numRows: 13, numColumns: series.length + 1 }],
      },
      at,
    );
  }

  rulesSection(b, T.rulesByOrder, report.rules.order);
  rulesSection(b, T.rulesByCustomer, report.rules.customer);

  const key = report.keyCustomers;
  b.title(b.t(T.topCustomers));
  b.table(
    [b.t(T.rank), b.t(T.customer), b.t(T.name), b.t(T.spend), b.t(T.orders), b.t(T.share), b.t(T.cumulative)],
    key.top.map((c) => [c.rank, c.id, c.name, c.spend, c.orders, c.share, c.cumulativeShare]),
    ["0", GENERAL, GENERAL, MONEY, "0", PERCENT, PERCENT],
  );
  at = b.title(b.t(T.pareto));
  b.row([b.t(T.top20), key.pareto.top20Share], [GENERAL, PERCENT]);
  b.row([b.t(T.for80), key.pareto.customersFor80], [GENERAL, PERCENT]);
  const paretoHeader = b.table(
    [b.t(T.customerShare), b.t(T.revenueShare)],
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
  const life = key.lifetime;
  b.title(b.t(T.clv));
  if (life.bgnbd && life.gammaGamma) {
    const { r, alpha, a, b: bb } = life.bgnbd;
    const gg = life.gammaGamma;
    b.row(
      [b.t(T.model), "BG/NBD r", r, "α", alpha, "a", a, "b", bb],
      [GENERAL, GENERAL, DECIMAL, GENERAL, DECIMAL, GENERAL, DECIMAL, GENERAL, DECIMAL],
    );
    b.row(
      [b.t(T.model), "Gamma-Gamma p", gg.p, "q", gg.q, "v", gg.v, "E[M]", gg.impliedMeanSpend],
      [GENERAL, GENERAL, DECIMAL, GENERAL, DECIMAL, GENERAL, DECIMAL, GENERAL, MONEY],
    );
  }
  if (life.note) b.row([b.t(life.note)]);
  if (life.top.length) {
    b.table(
      [b.t(T.customer), b.t(T.repeat), b.t(T.expectedTx), b.t(T.expectedSpend), b.t(T.value)],
      life.top.map((c) => [c.id, c.frequency, c.expectedTransactions, c.expectedSpend, c.clv]),
      [GENERAL, "0", DECIMAL, MONEY, MONEY],
    );
  }

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
        b.t(T.revenue),
        b.t(T.customers),
        b.t(T.orders),
        b.t(T.aov),
        b.t(T.retention),
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
    [
      b.t(T.responses),
      b.t(T.meanRating),
      b.t(T.positive),
      b.t(T.neutral),
      b.t(T.negative),
      b.t(T.complaints),
    ],
    [[f.responses, f.meanRating, f.positive, f.neutral, f.negative, f.complaints]],
    ["0", DECIMAL, "0", "0", "0", "0"],
  );
  if (f.months.length) {
    b.table(
      [b.t(T.month), b.t(T.responses), b.t(T.meanRating), b.t(T.positive), b.t(T.negative)],
      f.months.map((m) => [m.key, m.responses, m.meanRating, m.positive, m.negative]),
      [GENERAL, "0", DECIMAL, "0", "0"],
    );
  }
  if (f.topics.length) {
    b.title(b.t(T.topics));
    b.table(
      [b.t(T.topic), b.t(T.complaints), b.t(T.share), b.t(T.example)],
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
      [
        b.t(T.customer),
        b.t(T.grade),
        b.t(T.overdueCount),
        b.t(T.overdueAmount),
        b.t(T.maxDays),
        b.t(T.billed),
      ],
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
