import type { Localized } from "../schema/types";
import { expectedPurchases, type BgNbdParams, type BtydCustomer } from "../classify/bgnbd";
import { churnModel } from "../classify/churn";
import { DEFAULT_SETTINGS, type ChurnSettings } from "../classify/settings";
import {
  expectedAverageSpend,
  fitGammaGamma,
  lifetimeValue,
  repeatSummary,
  type GammaGammaFit,
} from "./gamma-gamma";
import type { OrderTable } from "./order-table";

/** One customer's lifetime value and its two factors. */
export interface CustomerValue {
  readonly id: string;
  /** Repeat transactions so far (distinct purchase days − 1). */
  readonly frequency: number;
  /** Expected transactions over the horizon (BG/NBD). */
  readonly expectedTransactions: number;
  /** Expected spend per transaction (Gamma-Gamma). */
  readonly expectedSpend: number;
  /** Discounted value over the horizon. */
  readonly clv: number;
}

export interface LifetimeValues {
  readonly bgnbd: BgNbdParams | null;
  readonly gammaGamma: GammaGammaFit | null;
  /** Highest value first, ties by ID; empty when a model could not be fitted. */
  readonly customers: readonly CustomerValue[];
  /** Why the values are missing, when they are. */
  readonly note: Localized | null;
}

const CHURN_REASON: Readonly<Record<string, Localized>> = {
  "few-customers": { en: "too few customers for BG/NBD", "zh-CN": "客户数不足以拟合 BG/NBD" },
  "few-repeat-buyers": { en: "too few repeat buyers for BG/NBD", "zh-CN": "重复购买客户不足以拟合 BG/NBD" },
  "untrusted-fit": { en: "BG/NBD gave no stable estimate", "zh-CN": "BG/NBD 未得到稳定估计" },
};

/**
 * Customer lifetime value as Fader, Hardie & Lee (2005) combine the models: BG/NBD gives the expected
 * transactions in each 30-day month of the horizon, Gamma-Gamma (fitted on customers with repeat purchases)
 * the expected spend per transaction; months are discounted at `monthlyDiscount`. The BG/NBD is the
 * classification's own model (classify's churnModel: same trust rules, same sample above 2,500 customers,
 * days as the unit), so CLV and churn never disagree. Without a trusted BG/NBD, or with fewer than 3 repeat
 * customers, no values are given and the note says why; the Gamma-Gamma fit is still reported when it ran.
 */
export function lifetimeValues(
  table: OrderTable,
  asOfDay: number,
  months: number,
  monthlyDiscount: number,
  churn: ChurnSettings = DEFAULT_SETTINGS.churn,
): LifetimeValues {
  const summary = repeatSummary(table, asOfDay);
  const repeaters = summary.frequency.filter((x, i) => x > 0 && summary.monetary[i] > 0).length;
  if (repeaters < 3) {
    return {
      bgnbd: null,
      gammaGamma: null,
      customers: [],
      note: {
        en: `Lifetime value needs at least 3 customers with repeat purchases (found ${repeaters}).`,
        "zh-CN": `终身价值至少需要 3 位重复购买的客户（现有 ${repeaters} 位）。`,
      },
    };
  }
  const gg = fitGammaGamma(summary.frequency, summary.monetary);
  const histories: BtydCustomer[] = Array.from(summary.frequency, (x, i) => ({
    x,
    tx: summary.recency[i],
    T: summary.age[i],
  }));
  const ids = Array.from(summary.customer, (c) => table.customers[c]);
  const model = churnModel(ids, histories, churn);
  if (model.kind !== "bgnbd") {
    const reason = CHURN_REASON[model.reason];
    return {
      bgnbd: null,
      gammaGamma: gg,
      customers: [],
      note: {
        en: `No lifetime values: ${reason.en}.`,
        "zh-CN": `未计算终身价值：${reason["zh-CN"]}。`,
      },
    };
  }
  const bg = model.params;
  if (gg.q <= 1) {
    return {
      bgnbd: bg,
      gammaGamma: gg,
      customers: [],
      note: {
        en: "The Gamma-Gamma fit has q ≤ 1, so mean spend is undefined; no lifetime values.",
        "zh-CN": "Gamma-Gamma 拟合得到 q ≤ 1，平均消费无定义，无法计算终身价值。",
      },
    };
  }
  const customers: CustomerValue[] = [];
  histories.forEach((h, i) => {
    const spend = expectedAverageSpend(gg, h.x, summary.monetary[i]);
    // The ₂F₁ series can fail for extreme histories; that customer is left out rather than the run failing.
    try {
      const clv = lifetimeValue((t) => expectedPurchases(bg, h, t), spend, months, monthlyDiscount);
      if (!Number.isFinite(clv)) return;
      customers.push({
        id: ids[i],
        frequency: h.x,
        expectedTransactions: expectedPurchases(bg, h, 30 * months),
        expectedSpend: spend,
        clv,
      });
    } catch {
      return;
    }
  });
  customers.sort((a, b) => b.clv - a.clv || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const note = gg.converged
    ? null
    : {
        en: "The Gamma-Gamma fit reached its search bound (customers' average spend differs little beyond chance); spend estimates lean on the overall mean.",
        "zh-CN": "Gamma-Gamma 拟合到达搜索边界（客户间平均消费差异不大），单次消费估计接近总体均值。",
      };
  return { bgnbd: bg, gammaGamma: gg, customers, note };
}
