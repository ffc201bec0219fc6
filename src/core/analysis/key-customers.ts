import type { CustomerFacts } from "./customer-facts";
import { ageBand } from "./group-stats";
import { BLANK_GROUP } from "./types";

/** A customer ranked by spend. */
export interface RankedCustomer {
  readonly rank: number;
  readonly id: string;
  readonly name: string;
  readonly spend: number;
  readonly orders: number;
  /** Share of all revenue (0–1). */
  readonly share: number;
  /** Share of all revenue of this customer and everyone ranked above. */
  readonly cumulativeShare: number;
}

/**
 * Customers by spend, highest first; ties by ID (string order) so ranks are stable. Customers without
 * spend are ranked too (they sit at the tail of the Pareto curve).
 */
export function rankBySpend(customers: readonly CustomerFacts[]): RankedCustomer[] {
  const sorted = customers
    .slice()
    .sort((a, b) => b.spend - a.spend || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const total = sorted.reduce((s, c) => s + Math.max(0, c.spend), 0);
  let running = 0;
  return sorted.map((c, i) => {
    running += Math.max(0, c.spend);
    return {
      rank: i + 1,
      id: c.id,
      name: c.profile.name || c.id,
      spend: c.spend,
      orders: c.orders,
      share: total > 0 ? Math.max(0, c.spend) / total : 0,
      cumulativeShare: total > 0 ? running / total : 0,
    };
  });
}

/** One point of the Pareto (Lorenz-style) curve: the top `customerShare` make `revenueShare` of revenue. */
export interface ParetoPoint {
  readonly customerShare: number;
  readonly revenueShare: number;
}

export interface Pareto {
  /** `points + 1` points from (0, 0) to (1, 1) at equal customer-share steps (fewer for few customers). */
  readonly curve: readonly ParetoPoint[];
  /** Revenue share of the top 20 % of customers (the "80/20" figure), rounding the 20 % up to a customer. */
  readonly top20Share: number;
  /** Smallest share of customers that makes 80 % of revenue. */
  readonly customersFor80: number;
}

/**
 * Pareto curve of revenue over customers ranked by spend. Negative spend (net refunds) counts as 0. At
 * step k of n the customer share is k/n and the top ⌈k/n · customers⌉ customers' revenue share is read.
 */
export function paretoCurve(ranked: readonly RankedCustomer[], points = 20): Pareto {
  const n = ranked.length;
  if (n === 0) return { curve: [], top20Share: 0, customersFor80: 0 };
  const steps = Math.min(points, n);
  const shareOfTop = (k: number) => (k === 0 ? 0 : ranked[Math.min(k, n) - 1].cumulativeShare);
  const curve = Array.from({ length: steps + 1 }, (_, s) => ({
    customerShare: s / steps,
    revenueShare: shareOfTop(Math.ceil((s / steps) * n - 1e-9)),
  }));
  const k80 = ranked.findIndex((c) => c.cumulativeShare >= 0.8 - 1e-12);
  return {
    curve,
    top20Share: shareOfTop(Math.ceil(0.2 * n - 1e-9)),
    customersFor80: k80 < 0 ? 1 : (k80 + 1) / n,
  };
}

/** The most common values of one attribute in a group, with their shares of the group. */
export interface Mix {
  readonly attribute: "segment" | "region" | "customerType" | "industry" | "ageGender";
  readonly values: readonly { readonly value: string; readonly share: number }[];
}

/** Who the top customers are, next to everyone else. */
export interface Portrait {
  readonly size: number;
  readonly revenueShare: number;
  readonly meanSpend: number | null;
  readonly meanOrders: number | null;
  readonly meanAov: number | null;
  readonly restMeanSpend: number | null;
  readonly restMeanOrders: number | null;
  readonly restMeanAov: number | null;
  /** The three most common values of each attribute (blank values left out), by count then name. */
  readonly mix: readonly Mix[];
}

const mean = (xs: readonly number[]) => {
  const finite = xs.filter(Number.isFinite);
  return finite.length ? finite.reduce((s, x) => s + x, 0) / finite.length : null;
};

/**
 * Portrait of the top `share` (default 20 %, at least one customer) of customers by spend, and the same
 * means for the rest, so a manager sees what sets the key customers apart.
 */
export function topPortrait(
  customers: readonly CustomerFacts[],
  ranked: readonly RankedCustomer[],
  share = 0.2,
): Portrait {
  const k = Math.max(1, Math.ceil(share * ranked.length - 1e-9));
  const topIds = new Set(ranked.slice(0, k).map((r) => r.id));
  const top = customers.filter((c) => topIds.has(c.id));
  const rest = customers.filter((c) => !topIds.has(c.id));
  const attributes: Mix["attribute"][] = ["segment", "region", "customerType", "industry", "ageGender"];
  const mix = attributes.map((attribute): Mix => {
    const counts = new Map<string, number>();
    for (const c of top) {
      const value =
        attribute === "ageGender"
          ? c.profile.age === null && !c.profile.gender
            ? ""
            : `${ageBand(c.profile.age)} · ${c.profile.gender || BLANK_GROUP}`
          : c.profile[attribute];
      if (!value || value === BLANK_GROUP) continue;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const values = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([value, count]) => ({ value, share: count / top.length }));
    return { attribute, values };
  });
  return {
    size: top.length,
    revenueShare: ranked[k - 1]?.cumulativeShare ?? 0,
    meanSpend: mean(top.map((c) => c.spend)),
    meanOrders: mean(top.map((c) => c.orders)),
    meanAov: mean(top.map((c) => c.aov)),
    restMeanSpend: mean(rest.map((c) => c.spend)),
    restMeanOrders: mean(rest.map((c) => c.orders)),
    restMeanAov: mean(rest.map((c) => c.aov)),
    mix,
  };
}
