import type { OrderTable } from "./order-table";

/** What makes one basket: the products of one order, or everything one customer ever bought. */
export type BasketBy = "order" | "customer";

/** Thresholds of the rule mining; kept in the "analysis" document setting. */
export interface RuleSettings {
  /** Share of baskets (0–1) an itemset must appear in. */
  readonly minSupport: number;
  /** Least P(Y | X). */
  readonly minConfidence: number;
  /** Least confidence / P(Y); 1 means "no better than chance". */
  readonly minLift: number;
  /** Most rules returned. */
  readonly topN: number;
  /** Absolute floor under minSupport, so tiny data sets do not yield rules seen once. */
  readonly minCount?: number;
}

/** A rule X → Y with its counts over the baskets. */
export interface AssociationRule {
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
}

export interface RuleResult {
  readonly basketBy: BasketBy;
  readonly baskets: number;
  /** Frequent itemsets of each size (1, 2, 3). */
  readonly frequentItemsets: readonly number[];
  readonly rules: readonly AssociationRule[];
}

/**
 * Baskets as ascending, duplicate-free item (product index) lists; lines without a product are skipped and
 * empty baskets dropped. Per order: one basket per OrderID (or customer-day); per customer: all products
 * the customer ever bought.
 */
export function buildBaskets(table: OrderTable, by: BasketBy): Int32Array[] {
  const key = by === "order" ? table.order : table.customer;
  const groups = by === "order" ? table.orderCount : table.customers.length;
  const size = new Int32Array(groups + 1);
  for (let i = 0; i < table.length; i++) if (table.product[i] >= 0) size[key[i] + 1]++;
  for (let g = 0; g < groups; g++) size[g + 1] += size[g];
  const items = new Int32Array(size[groups]);
  const fill = size.slice(0, groups);
  for (let i = 0; i < table.length; i++) if (table.product[i] >= 0) items[fill[key[i]]++] = table.product[i];
  const baskets: Int32Array[] = [];
  for (let g = 0; g < groups; g++) {
    if (size[g + 1] === size[g]) continue;
    const b = items.subarray(size[g], size[g + 1]).sort();
    let w = 1;
    for (let r = 1; r < b.length; r++) if (b[r] !== b[w - 1]) b[w++] = b[r];
    baskets.push(b.subarray(0, w));
  }
  return baskets;
}

/** Support counts of every frequent itemset of up to three items, keyed by its sorted item list. */
export interface ItemsetCounts {
  readonly baskets: number;
  readonly single: ReadonlyMap<number, number>;
  readonly pairs: ReadonlyMap<number, number>;
  readonly triples: ReadonlyMap<number, number>;
  /** Key base: pair (a, b) is a·base + b, triple (a, b, c) is (a·base + b)·base + c. */
  readonly base: number;
}

/**
 * Apriori over integer-encoded baskets, itemsets of up to three items: count items; count pairs of frequent
 * items (a dense triangular array when few enough, else a map); count triples whose three pairs are all
 * frequent (Apriori's downward-closure prune). Each level is one pass over the baskets, so the cost is
 * linear in lines for the short baskets orders have. `minCount` ≥ 1 baskets; item indexes must stay below
 * 200,000 so triple keys are exact doubles.
 */
export function countItemsets(
  baskets: readonly Int32Array[],
  nItems: number,
  minCount: number,
): ItemsetCounts {
  const base = Math.max(1, nItems);
  const itemCount = new Int32Array(nItems);
  for (const b of baskets) for (let i = 0; i < b.length; i++) itemCount[b[i]]++;
  const single = new Map<number, number>();
  for (let i = 0; i < nItems; i++) if (itemCount[i] >= minCount) single.set(i, itemCount[i]);

  // Frequent items renumbered 0..f−1 (order kept), so the pair array is f² not n².
  const rank = new Int32Array(nItems).fill(-1);
  const frequent = [...single.keys()];
  frequent.forEach((item, r) => (rank[item] = r));
  const f = frequent.length;
  const dense = f <= 4096;
  const pairArray = dense ? new Int32Array(f * f) : undefined;
  const pairMap = dense ? undefined : new Map<number, number>();
  const scratch = new Int32Array(nItems);
  for (const b of baskets) {
    let k = 0;
    for (let i = 0; i < b.length; i++) if (rank[b[i]] >= 0) scratch[k++] = rank[b[i]];
    for (let i = 0; i < k; i++)
      for (let j = i + 1; j < k; j++) {
        const key = scratch[i] * f + scratch[j];
        if (pairArray) pairArray[key]++;
        else pairMap!.set(key, (pairMap!.get(key) ?? 0) + 1);
      }
  }
  const pairs = new Map<number, number>();
  const pairFrequent = (ra: number, rb: number) =>
    (pairArray ? pairArray[ra * f + rb] : (pairMap!.get(ra * f + rb) ?? 0)) >= minCount;
  const keepPair = (key: number, c: number) => {
    if (c >= minCount) pairs.set(frequent[Math.floor(key / f)] * base + frequent[key % f], c);
  };
  if (pairArray) {
    for (let key = 0; key < pairArray.length; key++) if (pairArray[key] > 0) keepPair(key, pairArray[key]);
  } else for (const [key, c] of pairMap!) keepPair(key, c);

  const tripleCounts = new Map<number, number>();
  if (pairs.size > 0) {
    const inPair = new Uint8Array(f);
    for (const key of pairs.keys()) {
      inPair[rank[Math.floor(key / base)]] = 1;
      inPair[rank[key % base]] = 1;
    }
    for (const b of baskets) {
      let k = 0;
      for (let i = 0; i < b.length; i++) {
        const r = rank[b[i]];
        if (r >= 0 && inPair[r]) scratch[k++] = r;
      }
      for (let i = 0; i < k; i++)
        for (let j = i + 1; j < k; j++) {
          if (!pairFrequent(scratch[i], scratch[j])) continue;
          for (let l = j + 1; l < k; l++) {
            if (!pairFrequent(scratch[i], scratch[l]) || !pairFrequent(scratch[j], scratch[l])) continue;
            const key = (frequent[scratch[i]] * base + frequent[scratch[j]]) * base + frequent[scratch[l]];
            tripleCounts.set(key, (tripleCounts.get(key) ?? 0) + 1);
          }
        }
    }
  }
  const triples = new Map<number, number>();
  for (const [key, c] of tripleCounts) if (c >= minCount) triples.set(key, c);
  return { baskets: baskets.length, single, pairs, triples, base };
}

/** Support count of a sorted itemset of one to three items (0 when not frequent). */
function supportOf(counts: ItemsetCounts, items: readonly number[]): number {
  const { base } = counts;
  if (items.length === 1) return counts.single.get(items[0]) ?? 0;
  if (items.length === 2) return counts.pairs.get(items[0] * base + items[1]) ?? 0;
  return counts.triples.get((items[0] * base + items[1]) * base + items[2]) ?? 0;
}

/**
 * Rules X → Y from frequent itemsets of two or three items: every split into non-empty X and Y (so |X| ≤ 2).
 * Kept when confidence ≥ minConfidence and lift ≥ minLift. Sorted by lift, then confidence, then count
 * (all descending), then by the rule's text so the order is stable.
 */
export function rulesFromCounts(
  counts: ItemsetCounts,
  names: readonly string[],
  settings: Pick<RuleSettings, "minConfidence" | "minLift" | "topN">,
): AssociationRule[] {
  const n = counts.baskets;
  const rules: AssociationRule[] = [];
  const consider = (x: number[], y: number[], count: number) => {
    const xc = supportOf(counts, x);
    const yc = supportOf(counts, y);
    const confidence = count / xc;
    const lift = confidence / (yc / n);
    if (confidence < settings.minConfidence || lift < settings.minLift) return;
    rules.push({
      antecedent: x.map((i) => names[i]),
      consequent: y.map((i) => names[i]),
      count,
      antecedentCount: xc,
      consequentCount: yc,
      support: count / n,
      confidence,
      lift,
    });
  };
  const { base } = counts;
  for (const [key, c] of counts.pairs) {
    const a = Math.floor(key / base);
    const b = key % base;
    consider([a], [b], c);
    consider([b], [a], c);
  }
  for (const [key, c] of counts.triples) {
    const ab = Math.floor(key / base);
    const items = [Math.floor(ab / base), ab % base, key % base];
    for (let out = 0; out < 3; out++) {
      const rest = items.filter((_, i) => i !== out);
      consider(rest, [items[out]], c);
      consider([items[out]], rest, c);
    }
  }
  const text = (r: AssociationRule) => `${r.antecedent.join("+")}>${r.consequent.join("+")}`;
  rules.sort(
    (p, q) =>
      q.lift - p.lift ||
      q.confidence - p.confidence ||
      q.count - p.count ||
      (text(p) < text(q) ? -1 : text(p) > text(q) ? 1 : 0),
  );
  return rules.slice(0, settings.topN);
}

/**
 * Association rules among products: baskets per order or per customer, Apriori up to three items, rules
 * filtered and ranked as rulesFromCounts. The support threshold in baskets is ⌈minSupport · baskets⌉, at
 * least `minCount` (default 2) and at least 1.
 */
export function associationRules(table: OrderTable, by: BasketBy, settings: RuleSettings): RuleResult {
  const baskets = buildBaskets(table, by);
  const minCount = Math.max(
    1,
    settings.minCount ?? 2,
    Math.ceil(settings.minSupport * baskets.length - 1e-9),
  );
  const counts = countItemsets(baskets, table.products.length, minCount);
  return {
    basketBy: by,
    baskets: baskets.length,
    frequentItemsets: [counts.single.size, counts.pairs.size, counts.triples.size],
    rules: rulesFromCounts(counts, table.products, settings),
  };
}
