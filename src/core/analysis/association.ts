import { frequentItemsets, itemsetKey, type Baskets, type FrequentItemsets } from "./itemsets";
import { normalUpperTail } from "./normal";
import { ordersInRuns, type OrderTable } from "./order-table";

/**
 * What makes one basket: the products of one order (OrderID, or a customer's lines of one day without
 * one), or everything one customer ever bought. Per customer, a rule says "customers who bought X also
 * bought Y at some time", not "in the same order": heavy buyers hold most products, so such baskets
 * co-occur by the size of the customer's history alone, which the stratified test below discounts.
 */
export type BasketBy = "order" | "customer";

/** Thresholds of the rule mining (the semantics of R arules / mlxtend). */
export interface RuleSettings {
  /** Least share of baskets (0–1) holding the rule's items: kept when count / baskets ≥ minSupport. */
  readonly minSupport: number;
  /** Least P(Y | X). */
  readonly minConfidence: number;
  /** Least confidence / P(Y); 0 keeps every rule, 1 means "no better than chance". */
  readonly minLift: number;
  /** Most items in a rule (antecedent and consequent together); 0 or absent: any size. */
  readonly maxLen?: number;
  /** Absolute floor under minSupport, in baskets (default 1). */
  readonly minCount?: number;
  /**
   * Most frequent itemsets mined (default 200,000): a threshold far too low for the data would otherwise
   * exhaust memory. `truncated` says when it stopped there.
   */
  readonly maxItemsets?: number;
  /**
   * Most rules made (default 200,000), smallest itemsets first: customers who bought most of a short
   * product list make every subset frequent, and 2^k rules per itemset follow. `truncated` says so.
   */
  readonly maxRules?: number;
  /** Family-wise error rate of the significance marks (default 0.05, Holm's step-down over the rules). */
  readonly alpha?: number;
}

/**
 * Why a rule is marked as likely spurious: "" sound; "chance" its co-occurrence is not significantly above
 * chance (per customer: among customers who order about as often; after Holm's correction for the number of rules);
 * "redundant" a rule with one antecedent item fewer is at least as confident (it adds nothing).
 */
export type Spurious = "" | "chance" | "redundant";

/** A rule X → Y with its counts over the baskets. */
export interface AssociationRule {
  /** Item names, sorted. */
  readonly antecedent: readonly string[];
  readonly consequent: readonly string[];
  /** Baskets holding X ∪ Y. */
  readonly count: number;
  readonly antecedentCount: number;
  readonly consequentCount: number;
  /** count / baskets. */
  readonly support: number;
  /** count / antecedentCount. */
  readonly confidence: number;
  /** confidence / (consequentCount / baskets). */
  readonly lift: number;
  /** support − P(X)·P(Y): the share of baskets beyond independence (−0.25 … 0.25). */
  readonly leverage: number;
  /** (1 − P(Y)) / (1 − confidence); Infinity when confidence is 1. */
  readonly conviction: number;
  /**
   * count over its expectation when X and Y are independent within each stratum (Mantel–Haenszel; per
   * customer, customers with similar numbers of orders): near 1 when heavy buying alone explains the
   * co-occurrence. Per order it equals lift.
   */
  readonly stratifiedLift: number;
  /** One-sided Mantel–Haenszel p-value of count exceeding that expectation (continuity-corrected). */
  readonly pValue: number;
  readonly spurious: Spurious;
}

export interface RuleResult {
  readonly basketBy: BasketBy;
  readonly baskets: number;
  /** Frequent itemsets of each size: entry k − 1 counts those of k items. */
  readonly frequentItemsets: readonly number[];
  /** Every rule passing the thresholds, by lift, confidence, count (descending), then text. */
  readonly rules: readonly AssociationRule[];
  /** Rules marked spurious among `rules`. */
  readonly spurious: number;
  /**
   * True when mining stopped at maxItemsets, rules at maxRules, or an itemset had more than 16 items:
   * rules of the largest itemsets are missing (raise the thresholds or set maxLen).
   */
  readonly truncated: boolean;
}

/**
 * Baskets as ascending, duplicate-free item (product index) lists; lines without a product are skipped and
 * empty baskets dropped. Per order: one basket per OrderID (or customer-day); per customer: all products
 * the customer ever bought.
 */
export function buildBaskets(table: OrderTable, by: BasketBy): Int32Array[] {
  const { items, start } = basketsOf(table, by, true);
  return Array.from({ length: start.length - 1 }, (_, b) =>
    Int32Array.from(items.slice(start[b], start[b + 1])),
  );
}

/** Longest basket sorted by insertion. */
const INSERTION_SORT_ITEMS = 48;

/**
 * The baskets in one flat array — basket b is items[start[b] .. start[b + 1]), no repeats, ascending when
 * `sorted` (the mining does not need it: it counts pairs and fills lists basket by basket) — and the group
 * (order or customer index) each came from. Flat, because a million lines make half a million baskets,
 * and an array object for each costs more than the mining. The million-entry arrays are plain arrays of
 * small integers, not typed arrays: V8 collects the whole heap (the sheet's million cells, half a second)
 * each time 64 MB of typed-array memory has been allocated since the last time, and the book's columns
 * already take most of that.
 */
function basketsOf(
  table: OrderTable,
  by: BasketBy,
  sorted = false,
): { items: number[]; start: ArrayLike<number>; groups: Int32Array | null } {
  if (by === "order" && !sorted && ordersInRuns(table)) return orderRunBaskets(table);
  const key = by === "order" ? table.order : table.customer;
  const groups = by === "order" ? table.orderCount : table.customers.length;
  const product = table.product;
  // Each group's products in line order, group after group (a counting sort).
  const size = new Int32Array(groups + 1);
  for (let i = 0; i < table.length; i++) if (product[i] >= 0) size[key[i] + 1]++;
  for (let g = 0; g < groups; g++) size[g + 1] += size[g];
  const all = new Array<number>(size[groups]).fill(0);
  const fill = size.slice(0, groups);
  for (let i = 0; i < table.length; i++) if (product[i] >= 0) all[fill[key[i]]++] = product[i];
  // Deduplicated (sorted first, or by the group each product was last kept for), compacted to the
  // front; empty groups dropped.
  const keptFor = sorted ? null : new Int32Array(table.products.length).fill(-1);
  const start = new Int32Array(groups + 1);
  const from = new Int32Array(groups);
  let baskets = 0;
  let w = 0;
  for (let g = 0; g < groups; g++) {
    const lo = size[g];
    const hi = size[g + 1];
    if (hi === lo) continue;
    if (keptFor !== null) {
      for (let r = lo; r < hi; r++) {
        const v = all[r];
        if (keptFor[v] !== g) {
          keptFor[v] = g;
          all[w++] = v;
        }
      }
    } else {
      // Most baskets are short: sorted by insertion in place; a long one as a copy.
      if (hi - lo > INSERTION_SORT_ITEMS) {
        const part = all.slice(lo, hi).sort((x, y) => x - y);
        for (let r = lo; r < hi; r++) all[r] = part[r - lo];
      } else
        for (let a = lo + 1; a < hi; a++) {
          const v = all[a];
          let b = a - 1;
          while (b >= lo && all[b] > v) all[b + 1] = all[b--];
          all[b + 1] = v;
        }
      for (let r = lo; r < hi; r++) if (r === lo || all[r] !== all[r - 1]) all[w++] = all[r];
    }
    from[baskets++] = g;
    start[baskets] = w;
  }
  all.length = w;
  return { items: all, start: start.subarray(0, baskets + 1), groups: from.subarray(0, baskets) };
}

/**
 * {@link basketsOf} per order when each order's lines form a run: the baskets in one pass, each run's
 * products kept once (by the basket each was last kept for), nothing sorted, no count per order first;
 * the order of each basket is not kept (per-order baskets need none).
 */
function orderRunBaskets(table: OrderTable): { items: number[]; start: number[]; groups: null } {
  const { product, order } = table;
  const all: number[] = [];
  const start: number[] = [0];
  const keptFor = new Int32Array(table.products.length).fill(-1);
  for (let i = 0; i < table.length;) {
    const o = order[i];
    for (; i < table.length && order[i] === o; i++) {
      const v = product[i];
      if (v >= 0 && keptFor[v] !== o) {
        keptFor[v] = o;
        all.push(v);
      }
    }
    if (all.length > start[start.length - 1]) start.push(all.length);
  }
  return { items: all, start, groups: null };
}

/**
 * Lower bounds of the strata of the significance test for per-customer baskets, in orders the customer
 * placed: 1 … 6 each alone, then 7–9, 10–14, 15–24, 25–49 and 50 or more. A heavy buyer's basket holds
 * many products whatever they are; within a stratum, customers buy about as often, so co-occurrence there
 * is not an artefact of heavy buying. Per-order baskets form one stratum (the classic test): stratifying
 * orders by their size would absorb real pairings, which make the orders that hold them bigger.
 */
export const ORDER_STRATA: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 10, 15, 25, 50];

/** The stratum of a customer who placed `orders` orders. */
export function stratumOf(orders: number): number {
  let k = 0;
  while (k + 1 < ORDER_STRATA.length && orders >= ORDER_STRATA[k + 1]) k++;
  return k;
}

/** Each basket's stratum: 0 for orders; for customers, by the orders the customer placed. */
function basketStrata(table: OrderTable, by: BasketBy, count: number, groups: Int32Array | null): Int32Array {
  // Per order, one stratum: frequentItemsets reads no basket's.
  if (by === "order" || groups === null) return new Int32Array(0);
  const strata = new Int32Array(count);
  // Distinct orders per customer: an order counts for the first customer seen with it (as customer-facts),
  // the customer of its first line when each order's lines lie together.
  const orders = new Int32Array(table.customers.length);
  if (ordersInRuns(table)) {
    for (let i = 0; i < table.length; i++)
      if (i === 0 || table.order[i] !== table.order[i - 1]) orders[table.customer[i]]++;
  } else {
    const owner = new Int32Array(table.orderCount).fill(-1);
    for (let i = 0; i < table.length; i++) {
      const o = table.order[i];
      if (owner[o] === -1) {
        owner[o] = table.customer[i];
        orders[table.customer[i]]++;
      }
    }
  }
  for (let b = 0; b < groups.length; b++) strata[b] = stratumOf(Math.max(1, orders[groups[b]]));
  return strata;
}

/** Itemsets above this size give no rules (2^17 splits each): mining that deep means a threshold far too low. */
const MAX_RULE_ITEMS = 16;

/** A growable column of candidate figures. */
class Column<T extends Float64Array | Int32Array | Uint8Array> {
  constructor(public data: T) {}
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[i] = v;
  }
}

/**
 * Rules X → Y from the frequent itemsets of two or more items, smallest itemsets first, every split into
 * non-empty X and Y, kept when confidence ≥ minConfidence and lift ≥ minLift (support was the mining
 * threshold); at most `maxRules` (then `capped`: the rules of the largest itemsets are the ones left out).
 * Each kept rule gets leverage, conviction, its stratified lift and p-value, and a spurious mark: "chance"
 * when Holm's step-down at `alpha` over all kept rules does not reject independence, else "redundant"
 * when lift ≤ 1 or a rule Z → Y with Z = X minus one item is at least as confident (Webb's productive
 * rules, checked against the immediate generalisations).
 */
export function rulesFromItemsets(
  sets: FrequentItemsets,
  names: readonly string[],
  settings: Pick<RuleSettings, "minConfidence" | "minLift" | "alpha" | "maxRules">,
): { rules: AssociationRule[]; spurious: number; capped: boolean } {
  const n = sets.baskets;
  const K = sets.strata.length;
  const { strata, counts } = sets;
  const maxRules = settings.maxRules ?? 200_000;
  // Candidates in columns: objects for hundreds of thousands of rules cost more in garbage than in maths.
  const cx = new Column(new Int32Array(1024));
  const cy = new Column(new Int32Array(1024));
  const cset = new Column(new Int32Array(1024));
  const cp = new Column(new Float64Array(1024));
  const cstrat = new Column(new Float64Array(1024));
  const cprod = new Column(new Uint8Array(1024));
  let m = 0;
  let capped = false;
  const picked = new Int32Array(MAX_RULE_ITEMS);
  const order = sets.items
    .map((_, s) => s)
    .sort((a, b) => sets.items[a].length - sets.items[b].length || a - b);
  for (const s of order) {
    const items = sets.items[s];
    const k = items.length;
    if (k < 2) continue;
    if (k > MAX_RULE_ITEMS || m >= maxRules) {
      capped = true;
      break;
    }
    const count = sets.total[s];
    const full = (1 << k) - 1;
    // Every subset's index, looked up once; one is missing only when mining stopped at maxItemsets, and
    // then this itemset's rules are left out rather than computed from a count that is not there.
    const subsets = new Int32Array(full + 1);
    let complete = true;
    for (let mask = 1; mask <= full && complete; mask++) {
      let len = 0;
      for (let i = 0; i < k; i++) if (mask & (1 << i)) picked[len++] = items[i];
      const at = sets.index.get(itemsetKey(picked, len));
      if (at === undefined) complete = false;
      else subsets[mask] = at;
    }
    if (!complete) continue;
    for (let mask = 1; mask < full; mask++) {
      const x = subsets[mask];
      const y = subsets[full ^ mask];
      const confidence = count / sets.total[x];
      const lift = confidence / (sets.total[y] / n);
      if (confidence < settings.minConfidence || lift < settings.minLift) continue;
      if (m >= maxRules) {
        capped = true;
        break;
      }
      // Mantel–Haenszel over the strata.
      let expected = 0;
      let variance = 0;
      for (let t = 0; t < K; t++) {
        const ns = strata[t];
        if (ns === 0) continue;
        const xs = counts[x * K + t];
        const ys = counts[y * K + t];
        expected += (xs * ys) / ns;
        if (ns > 1) variance += (xs * ys * (ns - xs) * (ns - ys)) / (ns * ns * (ns - 1));
      }
      const pValue =
        variance > 0
          ? Math.min(1, normalUpperTail((count - expected - 0.5) / Math.sqrt(variance)))
          : count > expected
            ? 0
            : 1;
      // Productive: more confident than P(Y) (lift > 1) and than each rule with one antecedent item fewer
      // (Webb's check against every subset costs 4^k per itemset; one item fewer costs k per rule).
      let productive = lift > 1;
      if (productive && (mask & (mask - 1)) !== 0) {
        for (let rest = mask; rest !== 0 && productive; rest &= rest - 1) {
          const z = mask ^ (rest & -rest);
          if (sets.total[subsets[z | (full ^ mask)]] / sets.total[subsets[z]] >= confidence)
            productive = false;
        }
      }
      cx.set(m, x);
      cy.set(m, y);
      cset.set(m, s);
      cp.set(m, pValue);
      cstrat.set(m, expected > 0 ? count / expected : Infinity);
      cprod.set(m, productive ? 1 : 0);
      m++;
    }
  }
  // Holm's step-down: the i-th smallest p (0-based) is rejected at alpha / (m − i) while all before were.
  // The thresholds grow with i, so equal p-values never straddle the first failure: every p below the
  // first failing one is rejected, none from it on.
  const alpha = settings.alpha ?? 0.05;
  const sortedP = cp.data.slice(0, m).sort();
  let failAt = Infinity;
  for (let i = 0; i < m; i++) {
    if (sortedP[i] > alpha / (m - i)) {
      failAt = sortedP[i];
      break;
    }
  }
  // Each itemset's names, sorted, made once: an itemset is the side of many rules.
  const nameCache = new Map<number, string[]>();
  const sideNames = (set: number): string[] => {
    let cached = nameCache.get(set);
    if (!cached) {
      const ranks = sets.items[set];
      cached = [];
      for (let i = 0; i < ranks.length; i++) cached.push(names[sets.itemOfRank[ranks[i]]]);
      cached.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      nameCache.set(set, cached);
    }
    return cached;
  };
  const confidenceOf = (i: number) => sets.total[cset.data[i]] / sets.total[cx.data[i]];
  const liftOf = (i: number) => confidenceOf(i) / (sets.total[cy.data[i]] / n);
  const lifts = Float64Array.from({ length: m }, (_, i) => liftOf(i));
  const confidences = Float64Array.from({ length: m }, (_, i) => confidenceOf(i));
  const text = (i: number) =>
    `${sideNames(cx.data[i]).join("\u0000")}\u0001${sideNames(cy.data[i]).join("\u0000")}`;
  const ranked = Int32Array.from({ length: m }, (_, i) => i).sort(
    (a, b) =>
      lifts[b] - lifts[a] ||
      confidences[b] - confidences[a] ||
      sets.total[cset.data[b]] - sets.total[cset.data[a]] ||
      (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0),
  );
  let spurious = 0;
  const rules: AssociationRule[] = new Array(m);
  for (let r = 0; r < m; r++) {
    const i = ranked[r];
    const count = sets.total[cset.data[i]];
    const xc = sets.total[cx.data[i]];
    const yc = sets.total[cy.data[i]];
    const pValue = cp.data[i];
    const mark: Spurious = !(pValue < failAt) ? "chance" : !cprod.data[i] ? "redundant" : "";
    if (mark) spurious++;
    const confidence = confidences[i];
    rules[r] = {
      antecedent: sideNames(cx.data[i]),
      consequent: sideNames(cy.data[i]),
      count,
      antecedentCount: xc,
      consequentCount: yc,
      support: count / n,
      confidence,
      lift: lifts[i],
      leverage: count / n - (xc / n) * (yc / n),
      conviction: confidence === 1 ? Infinity : (1 - yc / n) / (1 - confidence),
      stratifiedLift: cstrat.data[i],
      pValue,
      spurious: mark,
    };
  }
  return { rules, spurious, capped };
}

/**
 * Association rules among products of any size: baskets per order or per customer, frequent itemsets by
 * Eclat with Apriori pruning (itemsets.ts) with support threshold ⌈minSupport · baskets⌉ baskets (at least `minCount`,
 * default 1), up to `maxLen` items, then every rule as {@link rulesFromItemsets}. No rule is cut by rank
 * (the caller decides how many to show); only the resource caps maxItemsets and maxRules stop early, and
 * say so.
 */
export function associationRules(table: OrderTable, by: BasketBy, settings: RuleSettings): RuleResult {
  const { groups, ...baskets } = basketsOf(table, by);
  const count = baskets.start.length - 1;
  const minCount = Math.max(1, settings.minCount ?? 1, Math.ceil(settings.minSupport * count - 1e-9));
  const sets = frequentItemsets(baskets, table.products.length, {
    minCount,
    maxLen: settings.maxLen && settings.maxLen > 0 ? settings.maxLen : Infinity,
    maxItemsets: settings.maxItemsets ?? 200_000,
    stratum: basketStrata(table, by, count, groups),
    strata: by === "order" ? 1 : ORDER_STRATA.length,
  });
  const { rules, spurious, capped } = rulesFromItemsets(sets, table.products, settings);
  const bySize: number[] = [];
  for (const items of sets.items) bySize[items.length - 1] = (bySize[items.length - 1] ?? 0) + 1;
  return {
    basketBy: by,
    baskets: count,
    frequentItemsets: Array.from(bySize, (c) => c ?? 0),
    rules,
    spurious,
    truncated: sets.truncated || capped,
  };
}
