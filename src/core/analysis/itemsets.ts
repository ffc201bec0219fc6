/**
 * Frequent itemsets of any size, depth-first over the itemset lattice with Apriori's pruning (Eclat, Zaki
 * 2000): each frequent item keeps the sorted list of baskets holding it; an itemset's list is its
 * prefix's list intersected with one more item's, and a candidate is only intersected when every pair of
 * its items is frequent (pairs are counted directly first, so most candidates are never built). Work grows
 * with the frequent itemsets' basket lists, not with basket length: long per-customer baskets (where a
 * prefix tree compresses badly) cost little more than orders. Baskets are numbered stratum by stratum, so
 * an itemset's count per stratum is one walk of its sorted list.
 */

/** Every frequent itemset with its counts. Items are numbered by rank: frequent items by descending count. */
export interface FrequentItemsets {
  readonly baskets: number;
  /** Baskets in each stratum. */
  readonly strata: Int32Array;
  /** Product index of each rank (ranks order frequent items by descending count, ties by index). */
  readonly itemOfRank: Int32Array;
  /** Each itemset's ranks, ascending. */
  readonly items: readonly Int32Array[];
  /** Each itemset's count of baskets. */
  readonly total: Int32Array;
  /** Each itemset's count per stratum: `strata.length` entries per itemset. */
  readonly counts: Int32Array;
  /** {@link itemsetKey} of the ascending ranks → itemset index. */
  readonly index: ReadonlyMap<string, number>;
  /** True when mining stopped at maxItemsets. */
  readonly truncated: boolean;
}

/**
 * Baskets in one flat array: basket b is items[start[b] .. start[b + 1]), no repeats, in any order. Typed
 * or plain arrays (see basketsOf in association.ts for why plain).
 */
export interface Baskets {
  readonly items: ArrayLike<number>;
  readonly start: ArrayLike<number>;
}

export interface MiningOptions {
  /** Least baskets an itemset must be in (≥ 1). */
  readonly minCount: number;
  /** Most items in an itemset (Infinity for any). */
  readonly maxLen: number;
  /** Most itemsets recorded; mining stops there and says so. */
  readonly maxItemsets: number;
  /** Number of strata, and the stratum of each basket (0 … strata − 1; not read with one stratum). */
  readonly strata: number;
  readonly stratum: Int32Array;
}

/**
 * The lookup key of an itemset given as ascending ranks `ranks[0..length)`: one UTF-16 unit per rank
 * (ranks below 65,535, the usual case), else the ranks joined by commas.
 */
export function itemsetKey(ranks: ArrayLike<number>, length: number): string {
  let key = "";
  for (let i = 0; i < length; i++) {
    if (ranks[i] >= 0xffff) return Array.prototype.slice.call(ranks, 0, length).join(",");
    key += String.fromCharCode(ranks[i]);
  }
  return key;
}

/** A growable record of itemsets. */
class Itemsets {
  readonly items: Int32Array[] = [];
  total = new Int32Array(1024);
  counts: Int32Array;
  readonly index = new Map<string, number>();
  truncated = false;

  constructor(
    readonly K: number,
    readonly max: number,
  ) {
    this.counts = new Int32Array(1024 * K);
  }

  /** Records the ascending ranks with their count and per-stratum counts; false once the cap is reached. */
  add(ranks: Int32Array, total: number, perStratum: ArrayLike<number>): boolean {
    if (this.items.length >= this.max) {
      this.truncated = true;
      return false;
    }
    const at = this.items.length;
    if (at >= this.total.length) {
      const t = new Int32Array(this.total.length * 2);
      t.set(this.total);
      this.total = t;
      const c = new Int32Array(this.counts.length * 2);
      c.set(this.counts);
      this.counts = c;
    }
    this.items.push(ranks);
    this.total[at] = total;
    for (let s = 0; s < this.K; s++) this.counts[at * this.K + s] = perStratum[s];
    this.index.set(itemsetKey(ranks, ranks.length), at);
    return true;
  }
}

/** The sorted intersection of sorted lists a and b into `out` (large enough); its length. */
function intersect(a: readonly number[], b: readonly number[], out: number[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/**
 * Every itemset held by at least `minCount` of the baskets (over `nItems` items), up to `maxLen` items, with its total and per-stratum counts. Deterministic: items are
 * ranked by descending count, ties by item index; itemsets are listed depth-first in rank order.
 */
export function frequentItemsets(baskets: Baskets, nItems: number, options: MiningOptions): FrequentItemsets {
  const K = options.strata;
  const minCount = Math.max(1, options.minCount);
  const { items, start } = baskets;
  const n = start.length - 1;
  // Baskets renumbered stratum by stratum (stable): stratum s holds numbers [bounds[s], bounds[s + 1]).
  const strata = new Int32Array(K);
  if (K === 1) strata[0] = n;
  else for (let k = 0; k < n; k++) strata[options.stratum[k]]++;
  const bounds = new Int32Array(K + 1);
  for (let s = 0; s < K; s++) bounds[s + 1] = bounds[s] + strata[s];
  // With one stratum every basket keeps its number (nothing to renumber).
  let number: Int32Array | null = null;
  if (K > 1) {
    const next = bounds.slice(0, K);
    number = new Int32Array(n);
    for (let k = 0; k < n; k++) number[k] = next[options.stratum[k]]++;
  }

  const itemCount = new Int32Array(nItems);
  for (let i = 0; i < items.length; i++) itemCount[items[i]]++;
  const frequent: number[] = [];
  for (let i = 0; i < nItems; i++) if (itemCount[i] >= minCount) frequent.push(i);
  frequent.sort((a, b) => itemCount[b] - itemCount[a] || a - b);
  const itemOfRank = Int32Array.from(frequent);
  const rankOf = new Int32Array(nItems).fill(-1);
  frequent.forEach((item, r) => (rankOf[item] = r));
  const F = frequent.length;
  const out = new Itemsets(K, options.maxItemsets);
  const result = (): FrequentItemsets => ({
    baskets: n,
    strata,
    itemOfRank,
    items: out.items,
    total: out.total.subarray(0, out.items.length),
    counts: out.counts.subarray(0, out.items.length * K),
    index: out.index,
    truncated: out.truncated,
  });
  if (F === 0 || options.maxLen < 1) return result();

  // Each frequent item's baskets, in the renumbered order (filled in basket-number order, so sorted).
  // Plain arrays, like every list below: a million entries in typed arrays would count toward the
  // memory that makes V8 collect the whole heap (see basketsOf in association.ts).
  const lists: number[][] = frequent.map(() => []);
  let byNumber: Int32Array | null = null;
  if (number !== null) {
    byNumber = new Int32Array(n);
    for (let k = 0; k < n; k++) byNumber[number[k]] = k;
  }
  for (let t = 0; t < n; t++) {
    const k = byNumber === null ? t : byNumber[t];
    for (let i = start[k]; i < start[k + 1]; i++) {
      const r = rankOf[items[i]];
      if (r >= 0) lists[r].push(t);
    }
  }
  const perStratum = new Int32Array(K);
  /** Counts per stratum of a sorted list of basket numbers. */
  const stratify = (list: readonly number[], length: number): Int32Array => {
    perStratum.fill(0);
    let s = 0;
    for (let i = 0; i < length; i++) {
      while (list[i] >= bounds[s + 1]) s++;
      perStratum[s]++;
    }
    return perStratum;
  };
  for (let r = 0; r < F; r++)
    if (!out.add(Int32Array.of(r), lists[r].length, stratify(lists[r], lists[r].length))) return result();
  if (options.maxLen < 2) return result();

  // Pair counts, directly (a triangular array, or a map for many items): the candidates' pruning table.
  const dense = F <= 2048;
  const pairArray = dense ? new Int32Array(F * F) : null;
  const pairMap = dense ? null : new Map<number, number>();
  const ranks = new Int32Array(F);
  for (let k = 0; k < n; k++) {
    let len = 0;
    for (let i = start[k]; i < start[k + 1]; i++) if (rankOf[items[i]] >= 0) ranks[len++] = rankOf[items[i]];
    if (pairArray) {
      // A pair is counted at [first rank met][second]: its count is the sum of its two cells, and the
      // inner loop needs no ordering of the two.
      for (let i = 0; i < len; i++) {
        const row = ranks[i] * F;
        for (let j = i + 1; j < len; j++) pairArray[row + ranks[j]]++;
      }
    } else
      for (let i = 0; i < len; i++)
        for (let j = i + 1; j < len; j++) {
          const lo = Math.min(ranks[i], ranks[j]);
          const key = lo * F + (ranks[i] ^ ranks[j] ^ lo);
          pairMap!.set(key, (pairMap!.get(key) ?? 0) + 1);
        }
  }
  const pairFrequent = (a: number, b: number) => {
    if (pairArray) return pairArray[a * F + b] + pairArray[b * F + a] >= minCount;
    const key = a < b ? a * F + b : b * F + a;
    return (pairMap!.get(key) ?? 0) >= minCount;
  };

  // An intersection is no longer than its lists: the most frequent item's is the longest.
  const scratch = new Array<number>(lists[0].length).fill(0);
  /**
   * Extends the itemset `prefix` (ascending ranks) whose members `members` (each one more rank, ascending,
   * with its basket list) are frequent: for each member i, the candidates i ∪ {j} for later members j
   * whose pairs with every prefix item and with i are frequent, counted by intersecting their lists.
   */
  const extend = (prefix: Int32Array, members: { rank: number; list: number[] }[]): boolean => {
    for (let a = 0; a < members.length; a++) {
      const base = members[a];
      const itemset = new Int32Array(prefix.length + 1);
      itemset.set(prefix);
      itemset[prefix.length] = base.rank;
      if (itemset.length >= options.maxLen) continue;
      const children: { rank: number; list: number[] }[] = [];
      for (let b = a + 1; b < members.length; b++) {
        const other = members[b];
        if (!pairFrequent(base.rank, other.rank)) continue;
        const length = intersect(base.list, other.list, scratch);
        if (length < minCount) continue;
        const list = scratch.slice(0, length);
        const found = new Int32Array(itemset.length + 1);
        found.set(itemset);
        found[itemset.length] = other.rank;
        if (!out.add(found, length, stratify(list, length))) return false;
        children.push({ rank: other.rank, list });
      }
      if (children.length && !extend(itemset, children)) return false;
    }
    return true;
  };
  // Level two from the pair table: item r's members are the later items it forms a frequent pair with.
  for (let r = 0; r < F; r++) {
    const members: { rank: number; list: number[] }[] = [];
    for (let j = r + 1; j < F; j++) {
      if (!pairFrequent(r, j)) continue;
      const length = intersect(lists[r], lists[j], scratch);
      const list = scratch.slice(0, length);
      if (!out.add(Int32Array.of(r, j), length, stratify(list, length))) return result();
      members.push({ rank: j, list });
    }
    if (members.length && options.maxLen > 2 && !extend(Int32Array.of(r), members)) return result();
  }
  return result();
}
