import { expectedDenominator, type BgNbdFit } from "../classify/bgnbd";
import { DEFAULT_SETTINGS, type ChurnSettings } from "../classify/settings";
import type { Localized } from "../schema/types";
import {
  discountedValue,
  expectedAverageSpend,
  fitGammaGamma,
  repeatSummary,
  type GammaGammaFit,
  type RepeatSummary,
  type GammaGammaProblem,
} from "./gamma-gamma";
import type { OrderTable } from "./order-table";
import { rowsByValue } from "./rank-rows";
import {
  bracketsOf,
  expectationFrom,
  expectedHeadUnder,
  historyOrder,
  pAliveOfHistory,
  repeatModelsOfColumns,
  type RepeatModelKind,
} from "./repeat-model";

/** One customer's outlook over the horizon. */
export interface CustomerValue {
  readonly id: string;
  /** Repeat transactions so far (distinct purchase days − 1). */
  readonly frequency: number;
  /** P(alive) under the book's model (0–1). */
  readonly pAlive: number;
  /** Expected transactions over the horizon. */
  readonly expectedTransactions: number;
  /** Expected spend per transaction (Gamma-Gamma); null when the spend model did not converge. */
  readonly expectedSpend: number | null;
  /** Discounted value over the horizon; null when the spend model did not converge. */
  readonly clv: number | null;
}

export interface LifetimeValues {
  /** The BG/NBD fit (days), reported whether or not it was chosen; null when the book is too small. */
  readonly bgnbd: BgNbdFit | null;
  /** The MBG/NBD fit on the same customers. */
  readonly mbgnbd: BgNbdFit | null;
  /** The model the outlook uses: the trusted fit with the higher likelihood. */
  readonly model: RepeatModelKind | null;
  readonly gammaGamma: GammaGammaFit | null;
  /**
   * Every customer with an order on or before the analysis date: highest value first when there are
   * values, else most expected purchases first; ties by ID. Empty without a trusted repeat model.
   */
  readonly customers: readonly CustomerValue[];
  /** Customers without a repeat purchase, and their mean P(alive) (null without a model). */
  readonly oneTimeBuyers: { readonly customers: number; readonly meanPAlive: number | null };
  /** Why values (or all of the outlook) are missing, when they are. */
  readonly note: Localized | null;
}

const MODEL_REASON: Readonly<Record<string, Localized>> = {
  "few-customers": { en: "too few customers for BG/NBD", "zh-CN": "客户数不足以拟合 BG/NBD" },
  "few-repeat-buyers": { en: "too few repeat buyers for BG/NBD", "zh-CN": "重复购买客户不足以拟合 BG/NBD" },
  "untrusted-fit": {
    en: "neither BG/NBD nor MBG/NBD gave a stable estimate",
    "zh-CN": "BG/NBD 与 MBG/NBD 均未得到稳定估计",
  },
};

const SPEND_REASON: Readonly<Record<GammaGammaProblem | "few", Localized>> = {
  boundary: {
    en: "customers' average spend differs no more than chance would make it (the Gamma-Gamma likelihood keeps rising toward no heterogeneity), so the spend model has no estimate",
    "zh-CN": "客户间平均消费的差异不超过随机波动（Gamma-Gamma 似然在“无差异”方向持续上升），消费模型无法估计",
  },
  "no-convergence": {
    en: "the Gamma-Gamma fit did not converge",
    "zh-CN": "Gamma-Gamma 拟合未收敛",
  },
  "starts-disagree": {
    en: "the Gamma-Gamma fit ended at different optima from different starts",
    "zh-CN": "Gamma-Gamma 拟合从不同起点得到不同最优值",
  },
  "q-not-above-1": {
    en: "the Gamma-Gamma fit has q ≤ 1, so mean spend is undefined",
    "zh-CN": "Gamma-Gamma 拟合得到 q ≤ 1，平均消费无定义",
  },
  few: {
    en: "fewer than 3 customers have a repeat purchase",
    "zh-CN": "重复购买的客户少于 3 位",
  },
};

/**
 * Each customer's outlook for the next `months` months of 30 days, as Fader, Hardie & Lee (2005) combine
 * the models: the book's repeat model (BG/NBD or MBG/NBD, whichever fits better; repeat-model.ts, the
 * classification's trust rules and sample) gives P(alive) and the expected transactions in each month,
 * Gamma-Gamma (fitted on the repeat buyers' mean repeat spend) the expected spend per transaction; months
 * are discounted at `monthlyDiscount` (0.01 = 1 % a month). Lines after `asOfDay` are ignored. `summary`
 * may be passed when the caller already has the table's repeat summary as of `asOfDay`. Lifetime
 * values are given only when the spend model converged; the note says why not. A customer whose ₂F₁
 * series does not converge (extreme histories) is left out rather than failing the run.
 */
export function lifetimeValues(
  table: OrderTable,
  asOfDay: number,
  months: number,
  monthlyDiscount: number,
  churn: ChurnSettings = DEFAULT_SETTINGS.churn,
  summary: RepeatSummary = repeatSummary(table, asOfDay),
): LifetimeValues {
  const { frequency, recency, age, monetary } = summary;
  const { repeaters, oneTime } = buyerCounts(frequency, monetary);
  const gg = repeaters >= 3 ? fitGammaGamma(frequency, monetary) : null;
  const idOf = (i: number): string => table.customers[summary.customer[i]];
  const models = repeatModelsOfColumns(idOf, { x: frequency, tx: recency, T: age }, churn);
  const base = {
    bgnbd: models.bgnbd,
    mbgnbd: models.mbgnbd,
    model: models.chosen,
    gammaGamma: gg,
  };
  if (!models.chosen) {
    const reason = MODEL_REASON[models.reason ?? "untrusted-fit"];
    return {
      ...base,
      customers: [],
      oneTimeBuyers: { customers: oneTime, meanPAlive: null },
      note: { en: `No outlook: ${reason.en}.`, "zh-CN": `未计算客户前景：${reason["zh-CN"]}。` },
    };
  }
  const kind = models.chosen;
  const params = (kind === "mbgnbd" ? models.mbgnbd : models.bgnbd)!.params;
  const spendOk = gg !== null && gg.converged;
  const outlook = outlookColumns(
    kind,
    params,
    summary,
    spendOk ? { gg: gg!, months, monthlyDiscount } : null,
    months,
  );
  const { kept } = outlook;
  const { order } = rowsByValue(outlook.rank.subarray(0, outlook.count), (r) => idOf(kept[r]));
  const customers = customerValues(order, outlook, idOf, frequency, spendOk);
  const why = spendOk ? null : SPEND_REASON[gg ? gg.problem! : "few"];
  return {
    ...base,
    customers,
    oneTimeBuyers: { customers: oneTime, meanPAlive: oneTime ? outlook.oneTimeAlive / oneTime : null },
    note: why
      ? {
          en: `No lifetime values: ${why.en}. P(alive) and expected purchases are shown.`,
          "zh-CN": `未计算终身价值：${why["zh-CN"]}。以下仅列出存活概率与预期购买次数。`,
        }
      : null,
  };
}

/**
 * Customers with a repeat purchase and a positive repeat spend (what Gamma-Gamma fits on), and customers
 * without a repeat purchase. Each loop over every customer is a small function of its own: compiled alone
 * while it runs, not as an OSR compile of the whole caller.
 */
function buyerCounts(frequency: Int32Array, monetary: Float64Array): { repeaters: number; oneTime: number } {
  let repeaters = 0;
  let oneTime = 0;
  for (let i = 0; i < frequency.length; i++) {
    if (frequency[i] > 0 && monetary[i] > 0) repeaters++;
    if (frequency[i] === 0) oneTime++;
  }
  return { repeaters, oneTime };
}

/** The ranked rows (`order`, rows of `outlook`) as customer values; a plain loop, no iterator per row. */
function customerValues(
  order: Int32Array,
  outlook: OutlookColumns,
  idOf: (i: number) => string,
  frequency: Int32Array,
  spendOk: boolean,
): CustomerValue[] {
  const { kept, alive, expected, spend, clv } = outlook;
  const customers: CustomerValue[] = [];
  for (let k = 0; k < order.length; k++) {
    const r = order[k];
    const i = kept[r];
    customers.push({
      id: idOf(i),
      frequency: frequency[i],
      pAlive: alive[r],
      expectedTransactions: expected[r],
      expectedSpend: spendOk ? spend[r] : null,
      clv: spendOk && clv[r] === clv[r] ? clv[r] : null,
    });
  }
  return customers;
}

/** Each customer's outlook in columns: row k is customer kept[k]; `count` rows. */
interface OutlookColumns {
  readonly kept: Int32Array;
  readonly alive: Float64Array;
  /** Expected transactions over the horizon. */
  readonly expected: Float64Array;
  /** Expected spend per transaction; NaN without a spend model. */
  readonly spend: Float64Array;
  /** Lifetime value; NaN without one. */
  readonly clv: Float64Array;
  /** What the customers are ranked by: value (−∞ without one), else expected purchases. */
  readonly rank: Float64Array;
  readonly count: number;
  /** Sum of the one-time buyers' P(alive). */
  readonly oneTimeAlive: number;
}

/** The spend model and discounting a lifetime value needs. */
interface ValueModel {
  readonly gg: GammaGammaFit;
  readonly months: number;
  readonly monthlyDiscount: number;
}

/**
 * P(alive), expected purchases, spend and value of every customer whose expectations at the month ends
 * (0, 30, …, 30 · months days; the horizon's alone without a spend model) are finite; `value` null without
 * a converged spend model. Each customer's expectations are folded into their value as they are computed,
 * customers taken in order of (x, T) so the ₂F₁ brackets are summed once per distinct (x, T) and no
 * per-customer curves are kept; the columns come out in customer order.
 */
function outlookColumns(
  kind: RepeatModelKind,
  params: BgNbdFit["params"],
  summary: RepeatSummary,
  value: ValueModel | null,
  months: number,
): OutlookColumns {
  const n = summary.frequency.length;
  const alive = new Float64Array(n);
  const points =
    value !== null
      ? Float64Array.from({ length: months + 1 }, (_, m) => 30 * m)
      : Float64Array.of(30 * months);
  // (1 + discount)^m, as lifetimeValue divides by it.
  const discounts =
    value !== null
      ? Float64Array.from({ length: months + 1 }, (_, m) => (1 + value.monthlyDiscount) ** m)
      : new Float64Array(0);
  const columns: FoldColumns = {
    alive,
    keep: new Uint8Array(n),
    expected: new Float64Array(n),
    spend: new Float64Array(n),
    clv: new Float64Array(n),
    rank: new Float64Array(n),
  };
  const order = historyOrder(summary.frequency, summary.age);
  foldOutlook(kind, params, summary, order, points, value && { gg: value.gg, discounts }, columns);
  const kept = new Int32Array(n);
  const oneTimeAlive = oneTimeAliveSum(summary.frequency, alive);
  const count = compactColumns(columns, kept);
  const { expected, spend, clv, rank } = columns;
  return { kept, alive, expected, spend, clv, rank, count, oneTimeAlive };
}

/** Per customer (index): kept or not, and the outlook's columns. */
interface FoldColumns {
  readonly alive: Float64Array;
  readonly keep: Uint8Array;
  readonly expected: Float64Array;
  readonly spend: Float64Array;
  readonly clv: Float64Array;
  readonly rank: Float64Array;
}

/**
 * The loop over every customer, in `order` (by x, then T), a function of its own: compiled while it runs,
 * nothing after it to throw that code away on. Every customer's P(alive) goes to `alive`; a customer whose
 * series failed at any point, or whose expectation is not finite, is not kept.
 */
function foldOutlook(
  kind: RepeatModelKind,
  params: BgNbdFit["params"],
  summary: RepeatSummary,
  order: Int32Array,
  points: Float64Array,
  value: { readonly gg: GammaGammaFit; readonly discounts: Float64Array } | null,
  out: FoldColumns,
): void {
  const { frequency, recency, age, monetary } = summary;
  const { alive, keep, expected, spend, clv, rank } = out;
  const P = points.length;
  const mbg = kind === "mbgnbd";
  const brackets = new Float64Array(P);
  const curve = new Float64Array(P);
  let head = 0;
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    const x = frequency[i];
    const T = age[i];
    if (j === 0 || x !== frequency[order[j - 1]] || T !== age[order[j - 1]]) {
      bracketsOf(kind, params, x, T, points, brackets);
      head = expectedHeadUnder(kind, params, x);
    }
    const a = pAliveOfHistory(kind, params, x, recency[i], T);
    alive[i] = a;
    // MBG/NBD scales by P(alive), BG/NBD divides by its denominator (see expectationFrom).
    const scale = mbg ? a : 1;
    const divisor = mbg ? 1 : expectedDenominator(params, x, recency[i], T);
    let finite = true;
    for (let h = 0; h < P; h++) {
      const e = expectationFrom(points[h], head, brackets[h], scale, divisor);
      curve[h] = e;
      if (!Number.isFinite(e)) finite = false;
    }
    if (!finite) continue;
    keep[i] = 1;
    expected[i] = curve[P - 1];
    if (value === null) {
      spend[i] = clv[i] = NaN;
      rank[i] = curve[P - 1];
    } else {
      const s = expectedAverageSpend(value.gg, x, monetary[i]);
      const v = discountedValue(curve, s, value.discounts);
      spend[i] = s;
      clv[i] = Number.isFinite(v) ? v : NaN;
      // Highest value first, a customer without one last.
      rank[i] = Number.isFinite(v) ? v : -Infinity;
    }
  }
}

/** The one-time buyers' P(alive) summed in customer order (kept or not). */
function oneTimeAliveSum(frequency: Int32Array, alive: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < frequency.length; i++) if (frequency[i] === 0) sum += alive[i];
  return sum;
}

/** The kept customers' rows moved to the front in customer order (in place), their indices into `kept`. */
function compactColumns(c: FoldColumns, kept: Int32Array): number {
  const { alive, keep, expected, spend, clv, rank } = c;
  let k = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] === 0) continue;
    kept[k] = i;
    alive[k] = alive[i];
    expected[k] = expected[i];
    spend[k] = spend[i];
    clv[k] = clv[i];
    rank[k] = rank[i];
    k++;
  }
  return k;
}
