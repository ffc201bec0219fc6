/**
 * Frequent itemsets of any size, depth-first over the itemset lattice with Apriori's pruning (Eclat, Zaki
 * 2000): each frequent item keeps the set of baskets holding it; an itemset's set is its prefix's set
 * intersected with one more item's, and a candidate is only intersected when every pair of its items is
 * frequent (pairs are counted directly first, so most candidates are never built). Every pair is recorded
 * before any larger itemset, so the caps (maxItemsets, maxWork, afterPairs) cut the largest itemsets.
 * Work grows with the frequent itemsets' basket sets, not with basket length: long per-customer baskets
 * (where a prefix tree compresses badly) cost little more than orders. A basket set is a sorted list of
 * basket numbers, or a bitset when baskets are dense; baskets are numbered stratum by stratum, so an
 * itemset's count per stratum is one walk of its set.
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
  /** True when mining stopped at maxItemsets or maxWork (every pair is there when maxWork stopped it). */
  readonly truncated: boolean;
}

/**
 * Words of basket sets an itemset of k items is counted as, per split into a rule (2^k of them), against
 * MiningOptions.maxWork: making its rules looks up every subset, which costs about as much as reading this
 * many words. An itemset of 16 items is a million words: when every subset of a long basket is frequent
 * (one order holding the whole catalogue), mining stops after a few hundred such sets, not 200,000.
 */
const SPLIT_WORDS = 16;

/** Baskets in one flat array: basket b is items[start[b] .. start[b + 1]), no repeats, in any order. */
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
  /**
   * Most work spent on itemsets of three or more items, in basket-set words read (a bitset's words, or a
   * list's entries, per candidate intersected; and SPLIT_WORDS per rule each found itemset will try);
   * mining stops there and says so. When every pair of a short product list is frequent (per-customer
   * baskets of heavy buyers), every triple is a candidate, and Apriori's pruning prunes nothing. Default: no
   * limit.
   */
  readonly maxWork?: number;
  /**
   * Asked once every single item and pair is recorded, before any larger itemset is mined, with the
   * itemsets so far: false stops mining there (e.g. the pairs' rules already fill the rules' cap, and rules
   * of larger itemsets would be cut). Default: go on.
   */
  readonly afterPairs?: (sofar: FrequentItemsets) => boolean;
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

/**
 * Every itemset held by at least `minCount` of the baskets (over `nItems` items), up to `maxLen` items, with
 * its total and per-stratum counts. Deterministic: items are ranked by descending count, ties by item
 * index; the single items and the pairs are listed first, in rank order, then the larger itemsets
 * depth-first in rank order.
 */
export function frequentItemsets(baskets: Baskets, nItems: number, options: MiningOptions): FrequentItemsets {
  const K = options.strata;
  const minCount = Math.max(1, options.minCount);
  const n = baskets.start.length - 1;
  const strata = new Int32Array(K);
  if (K === 1) strata[0] = n;
  else for (let k = 0; k < n; k++) strata[options.stratum[k]]++;
  const itemCount = countItems(baskets.items, nItems);
  const frequent: number[] = [];
  for (let i = 0; i < nItems; i++) if (itemCount[i] >= minCount) frequent.push(i);
  frequent.sort((a, b) => itemCount[b] - itemCount[a] || a - b);
  const itemOfRank = Int32Array.from(frequent);
  const out = new Itemsets(K, options.maxItemsets);
  const record = (): FrequentItemsets => ({
    baskets: n,
    strata,
    itemOfRank,
    items: out.items,
    total: out.total.subarray(0, out.items.length),
    counts: out.counts.subarray(0, out.items.length * K),
    index: out.index,
    truncated: out.truncated,
  });
  if (itemOfRank.length > 0 && options.maxLen >= 1) {
    const rankCount = Int32Array.from(frequent, (item) => itemCount[item]);
    const eclat = new Eclat(strata, rankCount, minCount, options.maxLen, options.maxWork ?? Infinity, out);
    eclat.mine(baskets, itemOfRank, nItems, options.stratum, () => options.afterPairs?.(record()) ?? true);
  }
  return record();
}

/** Baskets holding each item. */
function countItems(items: ArrayLike<number>, nItems: number): Int32Array {
  const count = new Int32Array(nItems);
  for (let i = 0; i < items.length; i++) count[items[i]]++;
  return count;
}

/** A frequent itemset's last rank, and its entry in the store of basket sets with the baskets in it. */
interface Member {
  readonly rank: number;
  readonly at: number;
  readonly count: number;
}

/**
 * The depth-first search over frequent items ranked 0 … F − 1. Each itemset's baskets are one entry of
 * `store`, addressed by offset: the items' first, then those of the itemset being extended and of its
 * children, stacked depth-first and dropped once its subtree is done (no array object per itemset). An
 * entry is a bitset of W words when the items' bitsets take no more room than their lists of basket
 * numbers (dense baskets, as per customer): intersecting is then a walk of words with no branch to
 * mispredict. Otherwise it is the ascending list of basket numbers. Baskets are numbered stratum by
 * stratum, each stratum starting at a multiple of 32, so that a bitset's word lies in one stratum and a
 * list's stratum changes at known numbers. The hot loops are methods of their own: V8 compiles a loop
 * that runs once while it runs, and a small function is compiled fast.
 */
class Eclat {
  private readonly K: number;
  private readonly F: number;
  /** Stratum s holds basket numbers [32 · word[s], 32 · word[s + 1]). */
  private readonly word: Int32Array;
  private readonly W: number;
  private readonly dense: boolean;
  /** Where each item's entry starts; entries from listAt[F] on are itemsets of two or more. */
  private readonly listAt: Int32Array;
  private store: Int32Array;
  private top: number;
  /** Pair counts at [first rank met][second] (a pair's count is the sum of its two cells), or a map. */
  private pairArray: Int32Array | null = null;
  private pairMap: Map<number, number> | null = null;
  private readonly perStratum: Int32Array;

  constructor(
    private readonly strata: Int32Array,
    /** Baskets holding each rank. */
    private readonly rankCount: Int32Array,
    private readonly minCount: number,
    private readonly maxLen: number,
    /** Words of basket sets left to read for itemsets of three or more (see MiningOptions.maxWork). */
    private work: number,
    private readonly out: Itemsets,
  ) {
    const K = (this.K = strata.length);
    const F = (this.F = rankCount.length);
    this.word = new Int32Array(K + 1);
    for (let s = 0; s < K; s++) this.word[s + 1] = this.word[s] + ((strata[s] + 31) >>> 5);
    this.W = Math.max(1, this.word[K]);
    let listed = 0;
    for (let r = 0; r < F; r++) listed += rankCount[r];
    this.dense = F * this.W <= listed;
    this.listAt = new Int32Array(F + 1);
    for (let r = 0; r < F; r++) this.listAt[r + 1] = this.listAt[r] + (this.dense ? this.W : rankCount[r]);
    this.top = this.listAt[F];
    // Room above the items' entries for the itemsets being extended: their stack is seldom deep (typed
    // arrays count against the collector's external-memory budget, so no doubling up front).
    this.store = new Int32Array(this.top + Math.max(1024, this.top >>> 3));
    this.perStratum = new Int32Array(K);
  }

  /**
   * Records every frequent itemset into `out` (until it is full): the items, every pair, then (unless
   * `afterPairs` says no) the larger itemsets, the members of each item found again from its pairs.
   */
  mine(
    baskets: Baskets,
    itemOfRank: Int32Array,
    nItems: number,
    stratum: Int32Array,
    afterPairs: () => boolean,
  ): void {
    const { F, K, out, listAt } = this;
    const rankOf = new Int32Array(nItems).fill(-1);
    for (let r = 0; r < F; r++) rankOf[itemOfRank[r]] = r;
    if (this.maxLen >= 2) {
      if (F <= 2048) this.pairArray = new Int32Array(F * F);
      else this.pairMap = new Map();
    }
    const single = this.fill(baskets, rankOf, this.byNumber(stratum), stratum);
    for (let r = 0; r < F; r++)
      if (!out.add(Int32Array.of(r), this.rankCount[r], single.subarray(r * K, r * K + K))) return;
    if (this.maxLen < 2) return;
    const pairs = this.frequentPairs();
    const whole = new Int32Array(1);
    for (let p = 0; p < pairs.length; p += 2) {
      const r = pairs[p];
      const j = pairs[p + 1];
      // With one stratum the pair table's count is the pair's whole record; else its baskets are counted
      // per stratum.
      let count: number;
      if (K === 1) whole[0] = count = this.pairCount(r, j);
      else count = this.countBoth(listAt[r], this.rankCount[r], listAt[j], this.rankCount[j]);
      if (!out.add(Int32Array.of(r, j), count, K === 1 ? whole : this.strataOfTop(count))) return;
    }
    if (this.maxLen <= 2 || !afterPairs()) return;
    // Item r's members are the later items it forms a frequent pair with, with their shared baskets.
    for (let p = 0; p < pairs.length;) {
      const r = pairs[p];
      const members: Member[] = [];
      for (; p < pairs.length && pairs[p] === r; p += 2) {
        const j = pairs[p + 1];
        const count = this.intersect(listAt[r], this.rankCount[r], listAt[j], this.rankCount[j]);
        members.push(this.keep(j, count));
      }
      if (!this.extend(Int32Array.of(r), members)) return;
      this.top = listAt[F];
    }
  }

  /** The frequent pairs as ranks r, j (r < j), pair after pair, by r then j. */
  private frequentPairs(): Int32Array {
    const { pairArray, pairMap, F, minCount } = this;
    const found: number[] = [];
    if (pairArray !== null) {
      for (let r = 0; r < F; r++)
        for (let j = r + 1; j < F; j++)
          if (pairArray[r * F + j] + pairArray[j * F + r] >= minCount) found.push(r, j);
      return Int32Array.from(found);
    }
    // Keys are r · F + j: in key order, the pairs are in the order wanted.
    const keys: number[] = [];
    for (const [key, count] of pairMap!) if (count >= minCount) keys.push(key);
    keys.sort((a, b) => a - b);
    for (const key of keys) found.push(Math.floor(key / F), key % F);
    return Int32Array.from(found);
  }

  /** The baskets in number order (stratum by stratum, stable); null with one stratum (as they are). */
  private byNumber(stratum: Int32Array): Int32Array | null {
    const { K, strata } = this;
    if (K === 1) return null;
    const next = new Int32Array(K);
    for (let s = 1; s < K; s++) next[s] = next[s - 1] + strata[s - 1];
    const order = new Int32Array(stratum.length);
    for (let k = 0; k < stratum.length; k++) order[next[stratum[k]]++] = k;
    return order;
  }

  /**
   * One walk over the baskets in number order: fills the items' entries, counts the pairs (the candidates'
   * pruning table; a pair at [first rank met][second], so the inner loop needs no ordering of the two) and
   * returns each item's baskets per stratum (K per rank).
   */
  private fill(
    baskets: Baskets,
    rankOf: Int32Array,
    byNumber: Int32Array | null,
    stratum: Int32Array,
  ): Int32Array {
    const { K, F, strata, word, dense, store, listAt, pairArray, pairMap } = this;
    const { items, start } = baskets;
    const next = listAt.slice(0, F);
    const single = new Int32Array(F * K);
    const ranks = new Int32Array(F);
    // The t-th basket in number order, of stratum s, is number t + shift[s]: read from the basket's stratum,
    // not followed along, so that no rarely taken branch (a new stratum) sits in the hot loop (code
    // compiled before the branch was ever taken would be dropped when it is).
    const shift = new Int32Array(K);
    for (let s = 0, first = 0; s < K; first += strata[s++]) shift[s] = 32 * word[s] - first;
    const n = start.length - 1;
    for (let t = 0; t < n; t++) {
      const k = byNumber === null ? t : byNumber[t];
      const s = K === 1 ? 0 : stratum[k];
      const number = t + shift[s];
      let len = 0;
      for (let i = start[k]; i < start[k + 1]; i++) {
        const r = rankOf[items[i]];
        if (r < 0) continue;
        if (dense) store[listAt[r] + (number >>> 5)] |= 1 << (number & 31);
        else store[next[r]++] = number;
        single[r * K + s]++;
        ranks[len++] = r;
      }
      if (pairArray !== null) countPairsInTable(pairArray, ranks, len, F);
      else if (pairMap !== null) countPairs(pairMap, ranks, len, F);
    }
    return single;
  }

  /** Baskets holding both ranks `a` and `b`, from the pair table. */
  private pairCount(a: number, b: number): number {
    const { pairArray, F } = this;
    if (pairArray !== null) return pairArray[a * F + b] + pairArray[b * F + a];
    return this.pairMap!.get(a < b ? a * F + b : b * F + a) ?? 0;
  }

  private pairFrequent(a: number, b: number): boolean {
    return this.pairCount(a, b) >= this.minCount;
  }

  /**
   * The intersection of the entries at `a` and `b` (of `la` and `lb` baskets) written at the top of the
   * store (grown when it may not fit); the number of baskets in it. The top does not move: the caller
   * keeps the entry (see keep) or not. Bitsets are counted per stratum on the way (see strataOfTop).
   */
  private intersect(a: number, la: number, b: number, lb: number): number {
    const room = this.dense ? this.W : Math.min(la, lb);
    if (this.top + room > this.store.length) {
      const bigger = new Int32Array(Math.max(this.store.length + (this.store.length >>> 1), this.top + room));
      bigger.set(this.store.subarray(0, this.top));
      this.store = bigger;
    }
    return this.dense
      ? andBits(this.store, a, b, this.top, this.word, this.perStratum)
      : mergeLists(this.store, a, la, b, lb, this.top);
  }

  /**
   * Baskets holding both entries at `a` and `b` (of `la` and `lb` baskets). Bitsets are only counted (per
   * stratum, see strataOfTop), not written: most candidates are not frequent, and a frequent one is written
   * by {@link intersect} when it is kept. Lists are written at the top, as by intersect.
   */
  private countBoth(a: number, la: number, b: number, lb: number): number {
    return this.dense ? andCount(this.store, a, b, this.word, this.perStratum) : this.intersect(a, la, b, lb);
  }

  /** Counts per stratum of the intersection just written at the top, holding `count` baskets. */
  private strataOfTop(count: number): Int32Array {
    const { perStratum, store, word, top } = this;
    if (this.dense) return perStratum;
    perStratum.fill(0);
    let s = 0;
    for (let i = top; i < top + count; i++) {
      while (store[i] >= 32 * word[s + 1]) s++;
      perStratum[s]++;
    }
    return perStratum;
  }

  /** Keeps the intersection just written at the top as the entry of `rank`. */
  private keep(rank: number, count: number): Member {
    const member = { rank, at: this.top, count };
    this.top += this.dense ? this.W : count;
    return member;
  }

  /**
   * Extends the itemset `prefix` (ascending ranks) whose members `members` (each one more rank, ascending,
   * with its baskets) are frequent: for each member i, the candidates i ∪ {j} for later members j whose
   * pairs with every prefix item and with i are frequent, counted by intersecting their baskets. False
   * once `out` is full or the work allowed is spent.
   */
  private extend(prefix: Int32Array, members: readonly Member[]): boolean {
    for (let a = 0; a < members.length; a++) {
      const base = members[a];
      const itemset = new Int32Array(prefix.length + 1);
      itemset.set(prefix);
      itemset[prefix.length] = base.rank;
      if (itemset.length >= this.maxLen) continue;
      const floor = this.top;
      const children: Member[] = [];
      for (let b = a + 1; b < members.length; b++) {
        const other = members[b];
        if (!this.pairFrequent(base.rank, other.rank)) continue;
        this.work -= this.dense ? this.W : base.count + other.count;
        if (this.work < 0) {
          this.out.truncated = true;
          return false;
        }
        const count = this.countBoth(base.at, base.count, other.at, other.count);
        if (count < this.minCount) continue;
        if (this.dense) this.intersect(base.at, base.count, other.at, other.count);
        const found = new Int32Array(itemset.length + 1);
        found.set(itemset);
        found[itemset.length] = other.rank;
        // What the itemset will cost once recorded: its rules try each of its 2^k splits.
        this.work -= SPLIT_WORDS << Math.min(found.length, 24);
        if (this.work < 0) {
          this.out.truncated = true;
          return false;
        }
        if (!this.out.add(found, count, this.strataOfTop(count))) return false;
        children.push(this.keep(other.rank, count));
      }
      if (children.length && !this.extend(itemset, children)) return false;
      this.top = floor;
    }
    return true;
  }
}

/**
 * Counts the pairs of ranks[0..len) into the F × F table at [first rank][second]. A function of its own:
 * the loop most of the mining's time goes to, compiled small.
 */
function countPairsInTable(table: Int32Array, ranks: Int32Array, len: number, F: number): void {
  for (let i = 0; i < len; i++) {
    const row = ranks[i] * F;
    for (let j = i + 1; j < len; j++) table[row + ranks[j]]++;
  }
}

/** Counts the pairs of ranks[0..len) into a map keyed by lower · F + higher (many frequent items). */
function countPairs(pairs: Map<number, number>, ranks: Int32Array, len: number, F: number): void {
  for (let i = 0; i < len; i++)
    for (let j = i + 1; j < len; j++) {
      const lo = Math.min(ranks[i], ranks[j]);
      const key = lo * F + (ranks[i] ^ ranks[j] ^ lo);
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
}

/**
 * The bitsets at `a` and `b` ANDed into the one at `to` (each word[K] words); its set bits, counted per
 * stratum into `perStratum` and in total.
 */
function andBits(
  store: Int32Array,
  a: number,
  b: number,
  to: number,
  word: Int32Array,
  perStratum: Int32Array,
): number {
  let count = 0;
  for (let s = 0; s < perStratum.length; s++) {
    let c = 0;
    for (let w = word[s]; w < word[s + 1]; w++) {
      const v = store[a + w] & store[b + w];
      store[to + w] = v;
      if (v !== 0) c += bitCount(v);
    }
    perStratum[s] = c;
    count += c;
  }
  return count;
}

/** The set bits of the bitsets at `a` and `b` ANDed (each word[K] words), per stratum into `perStratum` and in total. */
function andCount(store: Int32Array, a: number, b: number, word: Int32Array, perStratum: Int32Array): number {
  let count = 0;
  for (let s = 0; s < perStratum.length; s++) {
    let c = 0;
    for (let w = word[s]; w < word[s + 1]; w++) {
      const v = store[a + w] & store[b + w];
      if (v !== 0) c += bitCount(v);
    }
    perStratum[s] = c;
    count += c;
  }
  return count;
}

/** The ascending lists at `a` and `b` (lengths `la`, `lb`) merged into their common entries at `to`; how many. */
function mergeLists(store: Int32Array, a: number, la: number, b: number, lb: number, to: number): number {
  const aEnd = a + la;
  const bEnd = b + lb;
  let w = to;
  while (a < aEnd && b < bEnd) {
    const x = store[a];
    const y = store[b];
    if (x === y) {
      store[w++] = x;
      a++;
      b++;
    } else if (x < y) a++;
    else b++;
  }
  return w - to;
}

/** The number of set bits of a 32-bit word. */
function bitCount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
