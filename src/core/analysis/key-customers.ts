import type { CustomerFacts, FactColumns } from "./customer-facts";
import { ageBand, rawValuesOf } from "./group-stats";
import { rowsByValue } from "./rank-rows";
import { BLANK_GROUP, type CustomerProfile } from "./types";

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
  const columns = {
    profiles: customers.map((c) => c.profile),
    spend: Float64Array.from(customers, (c) => c.spend),
    orders: Float64Array.from(customers, (c) => c.orders),
  };
  // A fact's ID is its profile's.
  const ids = customers.map((c) => c.id);
  const ranking = rankingOf(columns, ids);
  return rankedCustomers(columns, ranking, customers.length, ids);
}

/** Customer rows by spend and their shares of revenue, rank by rank. */
export interface Ranking {
  /**
   * The row at each rank (highest spend first; ties by ID); only the first ranks when
   * {@link rankingOf} was asked for fewer (the shares always cover every rank).
   */
  readonly order: Int32Array;
  /** Share of all revenue of the customer at each rank (negative spend counts as 0). */
  readonly share: Float64Array;
  /** Share of all revenue of the customers at this rank and above. */
  readonly cumulativeShare: Float64Array;
}

/** What a ranking reads of each customer row. */
type SpendColumns = Pick<FactColumns, "profiles" | "spend" | "orders">;

/**
 * {@link rankBySpend} over customers in columns, as row numbers and shares; `ids` are the rows' IDs
 * (their profiles' by default). `ranks` limits `order` to the first ranks (ties at the last included),
 * when only the top customers are read. The rows are sorted by the same comparison as the fact objects were, so
 * the order is the same.
 */
export function rankingOf(columns: SpendColumns, ids?: readonly string[], ranks = Infinity): Ranking {
  const { spend, profiles } = columns;
  const n = spend.length;
  const idOf = (i: number): string => (ids ? ids[i] : profiles[i].id);
  const { order, ascending, hasNaN } = rowsByValue(spend, idOf, ranks);
  // Spend rank by rank. Equal spends are equal values, so the sorted values (reversed) are the spends of
  // the ranked rows.
  const ranked = hasNaN ? Float64Array.from(order, (i) => spend[i]) : ascending.reverse();
  const share = new Float64Array(n);
  const cumulativeShare = new Float64Array(n);
  fillShares(ranked, positiveTotal(ranked), share, cumulativeShare);
  return { order, share, cumulativeShare };
}

/** The sum of the positive values, in order (negative spend counts as 0). */
function positiveTotal(values: Float64Array): number {
  let total = 0;
  for (let r = 0; r < values.length; r++) total += Math.max(0, values[r]);
  return total;
}

/** Each rank's share of `total` and the running share, negative spend counting as 0. */
function fillShares(
  ranked: Float64Array,
  total: number,
  share: Float64Array,
  cumulative: Float64Array,
): void {
  let running = 0;
  for (let r = 0; r < ranked.length; r++) {
    const positive = Math.max(0, ranked[r]);
    running += positive;
    share[r] = total > 0 ? positive / total : 0;
    cumulative[r] = total > 0 ? running / total : 0;
  }
}

/** The first `count` ranks as RankedCustomer entries. */
export function rankedCustomers(
  columns: SpendColumns,
  ranking: Ranking,
  count: number,
  ids?: readonly string[],
): RankedCustomer[] {
  const out: RankedCustomer[] = [];
  for (let r = 0; r < Math.min(count, ranking.order.length); r++) {
    const i = ranking.order[r];
    const profile = columns.profiles[i];
    const id = ids ? ids[i] : profile.id;
    out.push({
      rank: r + 1,
      id,
      name: profile.name || id,
      spend: columns.spend[i],
      orders: columns.orders[i],
      share: ranking.share[r],
      cumulativeShare: ranking.cumulativeShare[r],
    });
  }
  return out;
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
  return paretoOf(
    ranked.map((r) => r.cumulativeShare),
    points,
  );
}

/** {@link paretoCurve} from the cumulative revenue share at each rank. */
export function paretoOf(cumulativeShare: ArrayLike<number>, points = 20): Pareto {
  const n = cumulativeShare.length;
  if (n === 0) return { curve: [], top20Share: 0, customersFor80: 0 };
  const steps = Math.min(points, n);
  const shareOfTop = (k: number) => (k === 0 ? 0 : cumulativeShare[Math.min(k, n) - 1]);
  const curve = Array.from({ length: steps + 1 }, (_, s) => ({
    customerShare: s / steps,
    revenueShare: shareOfTop(Math.ceil((s / steps) * n - 1e-9)),
  }));
  let k80 = -1;
  for (let k = 0; k < n && k80 < 0; k++) if (cumulativeShare[k] >= 0.8 - 1e-12) k80 = k;
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

/**
 * The sums and counts of the finite values among the marked rows and among the others, each in row order,
 * into `out` (top sum, top count, rest sum, rest count): one pass for both means.
 */
function sumsOf(values: ArrayLike<number>, marked: Uint8Array, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const at = marked[i] === 1 ? 0 : 2;
    out[at] += v;
    out[at + 1]++;
  }
}

/** The mean of a sum of `count` values, null when there are none. */
function meanOf(sum: number, count: number): number | null {
  return count ? sum / count : null;
}

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
  const inTop = Uint8Array.from(customers, (c) => (topIds.has(c.id) ? 1 : 0));
  return portraitOf(
    {
      profiles: customers.map((c) => c.profile),
      spend: Float64Array.from(customers, (c) => c.spend),
      orders: Float64Array.from(customers, (c) => c.orders),
      aov: Float64Array.from(customers, (c) => c.aov),
    },
    inTop,
    ranked[k - 1]?.cumulativeShare ?? 0,
  );
}

/** The number of top customers {@link topPortrait} describes among `customers` ranked ones. */
export function portraitSize(customers: number, share = 0.2): number {
  return Math.max(1, Math.ceil(share * customers - 1e-9));
}

const MIX_ATTRIBUTES: readonly Mix["attribute"][] = [
  "segment",
  "region",
  "customerType",
  "industry",
  "ageGender",
];

/** Counts a value of an attribute (blank values are not counted). */
function countValue(counts: Map<string, number>, value: string, count = 1): void {
  if (!value || value === BLANK_GROUP) return;
  counts.set(value, (counts.get(value) ?? 0) + count);
}

/** The rows marked in `inTop`, in row order. */
function markedRows(inTop: Uint8Array): Int32Array {
  let size = 0;
  for (let i = 0; i < inTop.length; i++) if (inTop[i]) size++;
  const rows = new Int32Array(size);
  for (let i = 0, k = 0; i < inTop.length; i++) if (inTop[i]) rows[k++] = i;
  return rows;
}

/**
 * The top rows' values of an attribute the group statistics number (rawValuesOf): counted by number,
 * each distinct value named once.
 */
function countNumbered(
  profiles: readonly CustomerProfile[],
  attribute: "segment" | "region" | "customerType",
  top: Int32Array,
): Map<string, number> {
  const { index, values } = rawValuesOf(profiles, attribute);
  const byNumber = new Int32Array(values.length);
  for (let k = 0; k < top.length; k++) byNumber[index[top[k]]]++;
  const counts = new Map<string, number>();
  for (let r = 0; r < values.length; r++)
    if (byNumber[r] > 0) countValue(counts, values[r] as string, byNumber[r]);
  return counts;
}

/**
 * The top rows' industries and age-gender groups (profiles with neither an age nor a gender are left
 * out): the group's name is made once per age band and gender, not once per customer.
 */
function countIndustryAndAgeGender(
  profiles: readonly CustomerProfile[],
  top: Int32Array,
): [Map<string, number>, Map<string, number>] {
  const industry = new Map<string, number>();
  const byBand = new Map<string, Map<string, number>>();
  for (let k = 0; k < top.length; k++) {
    const p = profiles[top[k]];
    countValue(industry, p.industry);
    if (p.age === null && !p.gender) continue;
    const band = ageBand(p.age);
    let genders = byBand.get(band);
    if (!genders) byBand.set(band, (genders = new Map()));
    const gender = p.gender || BLANK_GROUP;
    genders.set(gender, (genders.get(gender) ?? 0) + 1);
  }
  const ageGender = new Map<string, number>();
  byBand.forEach((genders, band) =>
    genders.forEach((count, gender) => countValue(ageGender, `${band} · ${gender}`, count)),
  );
  return [industry, ageGender];
}

/**
 * {@link topPortrait} over customers in columns: `inTop` marks the top customers' rows, `revenueShare`
 * is their share of revenue.
 */
export function portraitOf(
  columns: Pick<FactColumns, "profiles" | "spend" | "orders" | "aov">,
  inTop: Uint8Array,
  revenueShare: number,
): Portrait {
  const { profiles } = columns;
  // Only the top rows are read, each attribute by its own name (see rawValuesOf in group-stats.ts).
  const top = markedRows(inTop);
  const size = top.length;
  const [industry, ageGender] = countIndustryAndAgeGender(profiles, top);
  const counts = [
    countNumbered(profiles, "segment", top),
    countNumbered(profiles, "region", top),
    countNumbered(profiles, "customerType", top),
    industry,
    ageGender,
  ];
  const mix = MIX_ATTRIBUTES.map((attribute, k): Mix => {
    const values = [...counts[k]]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([value, count]) => ({ value, share: count / size }));
    return { attribute, values };
  });
  const sums = new Float64Array(4);
  sumsOf(columns.spend, inTop, sums);
  const [meanSpend, restMeanSpend] = [meanOf(sums[0], sums[1]), meanOf(sums[2], sums[3])];
  sumsOf(columns.orders, inTop, sums);
  const [meanOrders, restMeanOrders] = [meanOf(sums[0], sums[1]), meanOf(sums[2], sums[3])];
  sumsOf(columns.aov, inTop, sums);
  const [meanAov, restMeanAov] = [meanOf(sums[0], sums[1]), meanOf(sums[2], sums[3])];
  return {
    size,
    revenueShare,
    meanSpend,
    meanOrders,
    meanAov,
    restMeanSpend,
    restMeanOrders,
    restMeanAov,
    mix,
  };
}
