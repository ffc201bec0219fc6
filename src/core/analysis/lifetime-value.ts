import type { BgNbdFit, BtydCustomer } from "../classify/bgnbd";
import { DEFAULT_SETTINGS, type ChurnSettings } from "../classify/settings";
import type { Localized } from "../schema/types";
import {
  expectedAverageSpend,
  fitGammaGamma,
  lifetimeValue,
  repeatSummary,
  type GammaGammaFit,
  type RepeatSummary,
  type GammaGammaProblem,
} from "./gamma-gamma";
import type { OrderTable } from "./order-table";
import { rowsByValue } from "./rank-rows";
import { expectedCurves, repeatModels, pAliveUnder, type RepeatModelKind } from "./repeat-model";

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
  const n = frequency.length;
  let repeaters = 0;
  let oneTime = 0;
  for (let i = 0; i < n; i++) {
    if (frequency[i] > 0 && monetary[i] > 0) repeaters++;
    if (frequency[i] === 0) oneTime++;
  }
  const gg = repeaters >= 3 ? fitGammaGamma(frequency, monetary) : null;
  const ids = Array.from(summary.customer, (c) => table.customers[c]);
  const histories = Array.from({ length: n }, (_, i): BtydCustomer => ({
    x: frequency[i],
    tx: recency[i],
    T: age[i],
  }));
  const models = repeatModels(ids, histories, churn);
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
  // Each customer's expectation at the end of every month (0, 30, …, 30 · months days) for the values;
  // without them, the horizon's alone.
  const points = spendOk ? Array.from({ length: months + 1 }, (_, m) => 30 * m) : [30 * months];
  const P = points.length;
  const curves = expectedCurves(kind, params, histories, points);
  const outlook = outlookColumns(
    kind,
    params,
    histories,
    { curves, P },
    spendOk ? { gg: gg!, monetary, months, monthlyDiscount } : null,
  );
  const { kept, alive, spend, clv } = outlook;
  const { order } = rowsByValue(outlook.rank.subarray(0, outlook.count), (r) => ids[kept[r]]);
  const customers = Array.from(order, (r): CustomerValue => {
    const i = kept[r];
    return {
      id: ids[i],
      frequency: histories[i].x,
      pAlive: alive[r],
      expectedTransactions: curves[i * P + P - 1],
      expectedSpend: spendOk ? spend[r] : null,
      clv: spendOk && clv[r] === clv[r] ? clv[r] : null,
    };
  });
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

/** Each customer's outlook in columns: row k is history kept[k]; `count` rows. */
interface OutlookColumns {
  readonly kept: Int32Array;
  readonly alive: Float64Array;
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

/**
 * P(alive), spend and value of every history whose curve (P month-end expectations, `curves.curves[i · P
 * …]`) is finite; `value` null without a converged spend model. The loop over every customer is a function
 * of its own: compiled while it runs, it has nothing after it to throw that code away on.
 */
function outlookColumns(
  kind: RepeatModelKind,
  params: BgNbdFit["params"],
  histories: readonly BtydCustomer[],
  { curves, P }: { readonly curves: Float64Array; readonly P: number },
  value: {
    readonly gg: GammaGammaFit;
    readonly monetary: Float64Array;
    readonly months: number;
    readonly monthlyDiscount: number;
  } | null,
): OutlookColumns {
  const n = histories.length;
  const kept = new Int32Array(n);
  const alive = new Float64Array(n);
  const spend = new Float64Array(n);
  const clv = new Float64Array(n);
  const rank = new Float64Array(n);
  // One reader of month-end expectations for every customer, pointed at each customer's curve in turn.
  const expected = { at: 0, of: (t: number) => curves[expected.at + t / 30] };
  let oneTimeAlive = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const h = histories[i];
    const a = pAliveUnder(kind, params, h);
    if (h.x === 0) oneTimeAlive += a;
    // A customer whose series failed at any point is left out, as one whose expectation is not finite.
    let finite = true;
    for (let j = i * P; j < i * P + P; j++) if (!Number.isFinite(curves[j])) finite = false;
    if (!finite) continue;
    kept[k] = i;
    alive[k] = a;
    if (value === null) {
      spend[k] = clv[k] = NaN;
      rank[k] = curves[i * P + P - 1];
    } else {
      const s = expectedAverageSpend(value.gg, h.x, value.monetary[i]);
      expected.at = i * P;
      const v = lifetimeValue(expected.of, s, value.months, value.monthlyDiscount);
      spend[k] = s;
      clv[k] = Number.isFinite(v) ? v : NaN;
      // Highest value first, a customer without one last.
      rank[k] = Number.isFinite(v) ? v : -Infinity;
    }
    k++;
  }
  return { kept, alive, spend, clv, rank, count: k, oneTimeAlive };
}
