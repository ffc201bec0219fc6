import type { Localized } from "../schema/types";
import { expectedPurchases, fitBgNbd, type BgNbdParams, type BtydCustomer } from "../classify/bgnbd";
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

/**
 * Customer lifetime value as Fader, Hardie & Lee (2005) combine the models: BG/NBD (fitted on every
 * customer's repeat history, in days, up to `asOfDay`) gives the expected transactions in each 30-day
 * month of the horizon; Gamma-Gamma (fitted on customers with repeat purchases) gives the expected spend
 * per transaction; months are discounted at `monthlyDiscount`. Needs at least 3 repeat customers with
 * positive spend; otherwise returns the note and no values.
 */
export function lifetimeValues(
  table: OrderTable,
  asOfDay: number,
  months: number,
  monthlyDiscount: number,
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
  const histories: BtydCustomer[] = Array.from(summary.frequency, (x, i) => ({
    x,
    tx: summary.recency[i],
    T: summary.age[i],
  }));
  const bgFit = fitBgNbd(histories);
  const bg = bgFit.params;
  const gg = fitGammaGamma(summary.frequency, summary.monetary);
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
  const customers = histories.map((h, i): CustomerValue => {
    const spend = expectedAverageSpend(gg, h.x, summary.monetary[i]);
    return {
      id: table.customers[summary.customer[i]],
      frequency: h.x,
      expectedTransactions: expectedPurchases(bg, h, 30 * months),
      expectedSpend: spend,
      clv: lifetimeValue((t) => expectedPurchases(bg, h, t), spend, months, monthlyDiscount),
    };
  });
  customers.sort((a, b) => b.clv - a.clv || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const notes: Localized[] = [];
  if (!bgFit.converged) {
    notes.push({
      en: "The BG/NBD fit did not converge; expected purchases are indicative.",
      "zh-CN": "BG/NBD 拟合未收敛，预期购买次数仅供参考。",
    });
  }
  if (!gg.converged) {
    notes.push({
      en: "The Gamma-Gamma fit reached its search bound (customers' average spend differs little beyond chance); spend estimates lean on the overall mean.",
      "zh-CN": "Gamma-Gamma 拟合到达搜索边界（客户间平均消费差异不大），单次消费估计接近总体均值。",
    });
  }
  const note = notes.length
    ? { en: notes.map((n) => n.en).join(" "), "zh-CN": notes.map((n) => n["zh-CN"]).join("") }
    : null;
  return { bgnbd: bg, gammaGamma: gg, customers, note };
}
