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
   * product list make every subset frequent, and 2^k rules per itemset follow. `truncated` says so. Once
   * the pairs' rules reach it, no larger itemset is mined. It also sets the work allowed for itemsets of
   * three or more ({@link WORK_PER_RULE} words of basket sets per rule allowed): when every pair is
   * frequent, every triple is a candidate.
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
 * Baskets as ascending, duplicate-free item (product index) lists; lines without a product and refund
 * lines are skipped and empty baskets dropped. Per order: one basket per OrderID (or customer-day); per
 * customer: all products the customer ever bought.
 */
export function buildBaskets(table: OrderTable, by: BasketBy): Int32Array[] {
  table = basketTable(table);
  const census = productCensus(table, by);
  const { items, start } = basketRows(table, by, census, null);
  return Array.from({ length: census.baskets }, (_, b) =>
    Int32Array.from(items.subarray(start[b], start[b + 1])).sort(),
  );
}

const basketTables = new WeakMap<OrderTable, OrderTable>();

/**
 * The table as baskets read it: a refund line (a return or a cancellation: a negative amount or a refund
 * status) bought nothing, so it holds no product — as arules users drop cancelled invoices before mining.
 * The table itself when it has no refund line.
 */
function basketTable(table: OrderTable): OrderTable {
  let seen = basketTables.get(table);
  if (seen === undefined) {
    const { refund } = table;
    let refunds = 0;
    for (let i = 0; i < table.length; i++) refunds += refund[i];
    if (refunds === 0) seen = table;
    else {
      const product = table.product.slice(0, table.length);
      for (let i = 0; i < table.length; i++) if (refund[i] === 1) product[i] = -1;
      // Everything else read through the table itself (its derived columns stay unmade until read).
      seen = Object.create(table, { product: { value: product, enumerable: true } }) as OrderTable;
    }
    basketTables.set(table, seen);
  }
  return seen;
}

/** What one pass over the lines tells before any basket is built. */
interface ProductCensus {
  /** Baskets: orders or customers with at least one product line. */
  readonly baskets: number;
  /** Lines of each product: a bound on the baskets holding it. */
  readonly lines: Int32Array;
  /** Product lines of each group (order or customer), at g + 1 (room for the running sum); null for runs. */
  readonly perGroup: Int32Array | null;
  /** Per customer, when orders lie in runs: the orders each placed (see basketStrata). */
  readonly orders: Int32Array | null;
}

/** The census of both kinds of basket, taken once per table: the report mines both. */
const censuses = new WeakMap<OrderTable, { customer: ProductCensus; order: ProductCensus | null }>();

/**
 * Lines per product and the number of baskets: the support threshold is a share of the baskets, and a
 * product on fewer lines than the threshold can be left out of every basket unseen. One pass counts for
 * both kinds of basket (per order only when orders lie in runs; otherwise by a pass of its own).
 */
function productCensus(table: OrderTable, by: BasketBy): ProductCensus {
  let both = censuses.get(table);
  if (both === undefined) {
    both = censusOfLines(table, ordersInRuns(table));
    censuses.set(table, both);
  }
  return by === "customer" ? both.customer : (both.order ?? censusOfOrders(table, both.customer.lines));
}

/**
 * Product lines per product and per customer, and, when each order's lines lie together, the orders
 * with a product line and the orders of each customer (the customer of an order's first line).
 */
function censusOfLines(
  table: OrderTable,
  runs: boolean,
): { customer: ProductCensus; order: ProductCensus | null } {
  const { product, order, customer } = table;
  const lines = new Int32Array(table.products.length);
  const perCustomer = new Int32Array(table.customers.length + 1);
  const orders = runs ? new Int32Array(table.customers.length) : null;
  let orderBaskets = 0;
  let counted = -1;
  for (let i = 0; i < table.length; i++) {
    if (orders !== null && (i === 0 || order[i] !== order[i - 1])) orders[customer[i]]++;
    const p = product[i];
    if (p < 0) continue;
    lines[p]++;
    perCustomer[customer[i] + 1]++;
    if (order[i] !== counted) {
      counted = order[i];
      orderBaskets++;
    }
  }
  return {
    customer: { baskets: nonEmptyGroups(perCustomer), lines, perGroup: perCustomer, orders },
    order: runs ? { baskets: orderBaskets, lines, perGroup: null, orders: null } : null,
  };
}

/** The census per order when orders do not lie in runs: product lines per order. */
function censusOfOrders(table: OrderTable, lines: Int32Array): ProductCensus {
  const { product, order } = table;
  const perGroup = new Int32Array(table.orderCount + 1);
  for (let i = 0; i < table.length; i++) if (product[i] >= 0) perGroup[order[i] + 1]++;
  return { baskets: nonEmptyGroups(perGroup), lines, perGroup, orders: null };
}

/**
 * Groups with a product line, from their lines at g + 1. A loop of its own: after the long pass over the
 * lines, in the same function, it would run code compiled before it was ever reached, and be dropped.
 */
function nonEmptyGroups(perGroup: Int32Array): number {
  let groups = 0;
  for (let g = 1; g < perGroup.length; g++) if (perGroup[g] > 0) groups++;
  return groups;
}

/**
 * Product indexes in 16 bits when the catalogue allows: half the memory of 32 (a million lines make 4 MB
 * of rows, which count against the collector's external-memory budget). Every way of building rows makes
 * the same kind for a table, so the mining reads one kind.
 */
type ProductArray = Uint16Array | Int32Array;

function productArray(length: number, products: number): ProductArray {
  return products <= 0x10000 ? new Uint16Array(length) : new Int32Array(length);
}

/** Baskets in compressed rows: basket b holds items[start[b] .. start[b + 1]), from the group groups[b]. */
interface BasketRows {
  readonly items: ProductArray;
  readonly start: Int32Array;
  readonly groups: Int32Array;
}

/**
 * The baskets of the census as rows, in group (order or customer) order, each without repeats, in any
 * order; products outside `keep` (null: none left out) are left out of the rows, which may leave some
 * empty. Typed arrays filled in counted passes: pushing a million entries onto arrays costs more than the
 * mining. Each way of building is a function of its own, and so is each of their long loops: V8 compiles
 * a loop that runs once while it runs, and a small function is compiled fast.
 */
function basketRows(
  table: OrderTable,
  by: BasketBy,
  census: ProductCensus,
  keep: Uint8Array | null,
): BasketRows {
  const products = census.lines.length;
  let kept = 0;
  let keptLines = 0;
  for (let p = 0; p < products; p++)
    if (keep === null || keep[p]) {
      kept++;
      keptLines += census.lines[p];
    }
  const key = by === "order" ? table.order : table.customer;
  if (census.perGroup === null) return rowsOfRuns(table, census, keep, keptLines);
  // Few products per group (customers of a short product list): a bitset per group, when the bitsets take
  // at most half the room of the lines sorted by group (their set bits are then read into rows as well:
  // every byte of a typed array counts against the collector's external-memory budget). Otherwise sorting
  // is also the faster (the bitsets of 300 products per customer cost more to set and read than the sort).
  if (2 * (census.perGroup.length - 1) * ((kept + 31) >>> 5) <= keptLines)
    return rowsByBitsets(table, key, census, keep, kept);
  return rowsBySorting(table, key, census, keep, keptLines);
}

/** Orders in runs: the lines are already grouped, each run a basket when it holds a product. */
function rowsOfRuns(
  table: OrderTable,
  census: ProductCensus,
  keep: Uint8Array | null,
  keptLines: number,
): BasketRows {
  const { product, order } = table;
  const items = productArray(keptLines, census.lines.length);
  const start = new Int32Array(census.baskets + 1);
  const groups = new Int32Array(census.baskets);
  // The basket each product was last kept for: a repeat within a basket is dropped.
  const keptFor = new Int32Array(census.lines.length).fill(-1);
  let w = 0;
  let b = 0;
  let open = -1;
  for (let i = 0; i < table.length; i++) {
    const p = product[i];
    if (p < 0) continue;
    const o = order[i];
    if (o !== open) {
      open = o;
      start[b] = w;
      groups[b++] = o;
    }
    if ((keep === null || keep[p]) && keptFor[p] !== o) {
      keptFor[p] = o;
      items[w++] = p;
    }
  }
  start[b] = w;
  return { items: items.subarray(0, w), start, groups };
}

/**
 * Each group's products as a bitset over the kept products, set line by line (repeats fall together),
 * then read group by group: no sorting of the lines.
 */
function rowsByBitsets(
  table: OrderTable,
  key: Int32Array,
  census: ProductCensus,
  keep: Uint8Array | null,
  kept: number,
): BasketRows {
  // The kept products numbered 0 … kept − 1 (bit of each product, −1 if left out) and back.
  const bitOf = new Int32Array(census.lines.length).fill(-1);
  const productOf = new Int32Array(kept);
  for (let p = 0, c = 0; p < bitOf.length; p++)
    if (keep === null || keep[p]) {
      bitOf[p] = c;
      productOf[c++] = p;
    }
  const words = (kept + 31) >>> 5;
  const bits = new Int32Array((census.perGroup!.length - 1) * words);
  setBits(bits, words, table.product, key, bitOf, table.length);
  return readBits(bits, words, productOf, census);
}

/** Sets the bit of each line's product (of bit ≥ 0) in its group's `words` words. */
function setBits(
  bits: Int32Array,
  words: number,
  product: Int32Array,
  key: Int32Array,
  bitOf: Int32Array,
  lines: number,
): void {
  for (let i = 0; i < lines; i++) {
    const p = product[i];
    if (p < 0) continue;
    const bit = bitOf[p];
    if (bit >= 0) bits[key[i] * words + (bit >>> 5)] |= 1 << (bit & 31);
  }
}

/** The rows of the groups' bitsets, skipping the groups with no product line. */
function readBits(bits: Int32Array, words: number, productOf: Int32Array, census: ProductCensus): BasketRows {
  const perGroup = census.perGroup!;
  // Exactly the set bits: repeats make the lines more (a typed array's every byte counts against the
  // collector's external-memory budget).
  const items = productArray(setBitCount(bits), census.lines.length);
  const start = new Int32Array(census.baskets + 1);
  const groups = new Int32Array(census.baskets);
  let w = 0;
  let b = 0;
  for (let g = 0; g + 1 < perGroup.length; g++) {
    if (perGroup[g + 1] === 0) continue;
    start[b] = w;
    groups[b++] = g;
    for (let x = 0; x < words; x++)
      for (let v = bits[g * words + x]; v !== 0; v &= v - 1)
        items[w++] = productOf[32 * x + 31 - Math.clz32(v & -v)];
  }
  start[b] = w;
  return { items: items.subarray(0, w), start, groups };
}

/** The set bits of all `bits`. */
function setBitCount(bits: Int32Array): number {
  let count = 0;
  for (let i = 0; i < bits.length; i++) {
    let v = bits[i];
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    count += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return count;
}

/** Each group's kept products in line order, group after group (a counting sort), then repeats dropped. */
function rowsBySorting(
  table: OrderTable,
  key: Int32Array,
  census: ProductCensus,
  keep: Uint8Array | null,
  keptLines: number,
): BasketRows {
  const { product } = table;
  const perGroup = census.perGroup!;
  const groupCount = perGroup.length - 1;
  // Where each group's lines go: after the product lines (or kept ones) of the groups before it.
  const fill = new Int32Array(groupCount);
  if (keep !== null)
    for (let i = 0; i < table.length; i++) if (product[i] >= 0 && keep[product[i]]) fill[key[i]]++;
  for (let g = 0, sum = 0; g < groupCount; g++) {
    const size = keep === null ? perGroup[g + 1] : fill[g];
    fill[g] = sum;
    sum += size;
  }
  const bound = fill.slice();
  const items = productArray(keptLines, census.lines.length);
  for (let i = 0; i < table.length; i++) {
    const p = product[i];
    if (p >= 0 && (keep === null || keep[p])) items[fill[key[i]]++] = p;
  }
  return dropRepeats(items, bound, fill, census);
}

/** The rows of the sorted groups items[bound[g] .. end[g]) without repeats, moved to the front. */
function dropRepeats(
  items: ProductArray,
  bound: Int32Array,
  end: Int32Array,
  census: ProductCensus,
): BasketRows {
  const perGroup = census.perGroup!;
  const start = new Int32Array(census.baskets + 1);
  const groups = new Int32Array(census.baskets);
  // The basket each product was last kept for: a repeat within a basket is dropped.
  const keptFor = new Int32Array(census.lines.length).fill(-1);
  let w = 0;
  let b = 0;
  for (let g = 0; g < bound.length; g++) {
    if (perGroup[g + 1] === 0) continue;
    start[b] = w;
    groups[b++] = g;
    for (let r = bound[g]; r < end[g]; r++) {
      const p = items[r];
      if (keptFor[p] !== g) {
        keptFor[p] = g;
        items[w++] = p;
      }
    }
  }
  start[b] = w;
  return { items: items.subarray(0, w), start, groups };
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

/** Each basket's stratum: none for orders (one stratum); for customers, by the orders the customer placed. */
function basketStrata(
  table: OrderTable,
  by: BasketBy,
  groups: Int32Array,
  census: ProductCensus,
): Int32Array {
  // Per order, one stratum: frequentItemsets reads no basket's.
  if (by === "order") return new Int32Array(0);
  const strata = new Int32Array(groups.length);
  // Distinct orders per customer: an order counts for the first customer seen with it (as customer-facts),
  // the customer of its first line when each order's lines lie together (counted by the census).
  let orders = census.orders;
  if (orders === null) {
    orders = new Int32Array(table.customers.length);
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

/** Rules made when the settings name no cap. */
const DEFAULT_MAX_RULES = 200_000;

/**
 * Words of basket sets read for itemsets of three or more, per rule allowed (RuleSettings.maxRules): the
 * report's 50,000 rules allow 2 × 10⁸ words (a few tenths of a second), `npm run analyze`'s million twenty
 * times that.
 */
export const WORK_PER_RULE = 4_000;

/**
 * Candidate rules in columns: objects for hundreds of thousands of rules cost more in garbage than in maths.
 * Each field always holds one kind of typed array: a field holding several kinds makes the engine drop the
 * compiled code of every function that reads it.
 */
interface Candidates {
  /** The antecedent's, the consequent's and the whole itemset's index. */
  readonly x: Int32Array;
  readonly y: Int32Array;
  readonly set: Int32Array;
  /** Mantel–Haenszel p-value and stratified lift. */
  readonly p: Float64Array;
  readonly stratified: Float64Array;
  /** 1 when more confident than P(Y) and than each rule with one antecedent item fewer. */
  readonly productive: Uint8Array;
}

function candidates(capacity: number): Candidates {
  return {
    x: new Int32Array(capacity),
    y: new Int32Array(capacity),
    set: new Int32Array(capacity),
    p: new Float64Array(capacity),
    stratified: new Float64Array(capacity),
    productive: new Uint8Array(capacity),
  };
}

/**
 * The most candidates the itemsets can make (every split of each itemset of 2 … MAX_RULE_ITEMS items), at
 * most `maxRules`: the candidates' columns are sized once, exactly enough (no growth, no copies).
 */
function candidateBound(items: readonly Int32Array[], maxRules: number): number {
  let bound = 0;
  for (let s = 0; s < items.length && bound < maxRules; s++) {
    const k = items[s].length;
    if (k >= 2 && k <= MAX_RULE_ITEMS) bound += (1 << k) - 2;
  }
  return Math.min(bound, maxRules);
}

/**
 * Every split of the frequent itemsets of two or more items into X → Y passing minConfidence and minLift,
 * smallest itemsets first, with its p-value, stratified lift and productivity; at most `maxRules` (then
 * `capped`). The work of each itemset is a function of its own (itemsetSplits): compiled once, small,
 * rather than inlined into a long-running loop compiled while it runs.
 */
function ruleCandidates(
  sets: FrequentItemsets,
  settings: Pick<RuleSettings, "minConfidence" | "minLift">,
  maxRules: number,
): { c: Candidates; m: number; capped: boolean } {
  const c = candidates(candidateBound(sets.items, maxRules));
  let m = 0;
  let capped = false;
  let largest = 0;
  for (const items of sets.items) largest = Math.max(largest, Math.min(items.length, MAX_RULE_ITEMS));
  const scratch: SplitScratch = {
    picked: new Int32Array(MAX_RULE_ITEMS),
    subsets: new Int32Array(1 << largest),
    mh: new Float64Array(2),
  };
  const order = sets.items
    .map((_, s) => s)
    .sort((a, b) => sets.items[a].length - sets.items[b].length || a - b);
  for (const s of order) {
    const k = sets.items[s].length;
    if (k < 2) continue;
    if (k > MAX_RULE_ITEMS || m >= maxRules) {
      capped = true;
      break;
    }
    const next = itemsetSplits(sets, s, settings.minConfidence, settings.minLift, c, m, maxRules, scratch);
    if (next < 0) {
      // It found no room only once its rules had filled every row.
      m = maxRules;
      capped = true;
      break;
    }
    m = next;
  }
  return { c, m, capped };
}

/** Scratch arrays of itemsetSplits, made once per mining. */
interface SplitScratch {
  /** An itemset's ranks of one subset. */
  readonly picked: Int32Array;
  /** Each subset's itemset index, by mask over the itemset's items. */
  readonly subsets: Int32Array;
  /** Mantel–Haenszel's expected count and variance. */
  readonly mh: Float64Array;
}

/**
 * The splits X → Y of itemset `s` passing the thresholds, written into `c` from row `m`; the rows filled
 * after them, or −1 when a passing split found no room under `maxRules` (capped: all `maxRules` rows are
 * filled).
 */
function itemsetSplits(
  sets: FrequentItemsets,
  s: number,
  minConfidence: number,
  minLift: number,
  c: Candidates,
  m: number,
  maxRules: number,
  scratch: SplitScratch,
): number {
  const { subsets, mh } = scratch;
  const n = sets.baskets;
  const count = sets.total[s];
  const full = (1 << sets.items[s].length) - 1;
  // Every subset's index, looked up once; one is missing only when mining stopped at maxItemsets, and
  // then this itemset's rules are left out rather than computed from a count that is not there.
  if (!findSubsets(sets, sets.items[s], scratch)) return m;
  for (let mask = 1; mask < full; mask++) {
    const x = subsets[mask];
    const y = subsets[full ^ mask];
    const confidence = count / sets.total[x];
    const lift = confidence / (sets.total[y] / n);
    if (confidence < minConfidence || lift < minLift) continue;
    if (m >= maxRules) return -1;
    mantelHaenszel(sets, x, y, mh);
    const expected = mh[0];
    const variance = mh[1];
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
        if (sets.total[subsets[z | (full ^ mask)]] / sets.total[subsets[z]] >= confidence) productive = false;
      }
    }
    c.x[m] = x;
    c.y[m] = y;
    c.set[m] = s;
    c.p[m] = pValue;
    c.stratified[m] = expected > 0 ? count / expected : Infinity;
    c.productive[m] = productive ? 1 : 0;
    m++;
  }
  return m;
}

/** Looks up the index of every non-empty subset of `items` into scratch.subsets (by mask); false if one is missing. */
function findSubsets(sets: FrequentItemsets, items: Int32Array, scratch: SplitScratch): boolean {
  const { picked, subsets } = scratch;
  const k = items.length;
  const full = (1 << k) - 1;
  for (let mask = 1; mask <= full; mask++) {
    let len = 0;
    for (let i = 0; i < k; i++) if (mask & (1 << i)) picked[len++] = items[i];
    const at = sets.index.get(itemsetKey(picked, len));
    if (at === undefined) return false;
    subsets[mask] = at;
  }
  return true;
}

/**
 * Mantel–Haenszel over the strata for itemsets `x` and `y`: the expected count of both at out[0], its
 * variance at out[1] (written, not returned: no boxed numbers).
 */
function mantelHaenszel(sets: FrequentItemsets, x: number, y: number, out: Float64Array): void {
  const { strata, counts } = sets;
  const K = strata.length;
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
  out[0] = expected;
  out[1] = variance;
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
  const maxRules = settings.maxRules ?? DEFAULT_MAX_RULES;
  const { c, m, capped } = ruleCandidates(sets, settings, maxRules);
  const failAt = holmFailure(c.p.subarray(0, m), settings.alpha ?? 0.05);
  // Each itemset's names, sorted, made once: an itemset is the side of many rules.
  const sides = sideNamesOf(sets, c, m, names);
  const lifts = new Float64Array(m);
  const confidences = new Float64Array(m);
  ratiosOf(sets, c, confidences, lifts);
  const text = (i: number) => `${sides[c.x[i]].join("\u0000")}\u0001${sides[c.y[i]].join("\u0000")}`;
  const ranked = new Int32Array(m);
  for (let i = 0; i < m; i++) ranked[i] = i;
  ranked.sort(
    (a, b) =>
      lifts[b] - lifts[a] ||
      confidences[b] - confidences[a] ||
      sets.total[c.set[b]] - sets.total[c.set[a]] ||
      (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0),
  );
  const rules: AssociationRule[] = new Array(m);
  const spurious = ruleObjects(sets, c, ranked, lifts, confidences, failAt, sides, rules);
  return { rules, spurious, capped };
}

/**
 * Holm's step-down over the p-values `p`: the i-th smallest p (0-based) is rejected at alpha / (m − i) while
 * all before were. The thresholds grow with i, so equal p-values never straddle the first failure: every p
 * below the returned one (the first failing; Infinity if none fails) is rejected, none from it on.
 */
function holmFailure(p: Float64Array, alpha: number): number {
  const sorted = p.slice().sort();
  const m = sorted.length;
  for (let i = 0; i < m; i++) if (sorted[i] > alpha / (m - i)) return sorted[i];
  return Infinity;
}

/** Each candidate's confidence and lift, into `confidences` and `lifts`. */
function ratiosOf(
  sets: FrequentItemsets,
  c: Candidates,
  confidences: Float64Array,
  lifts: Float64Array,
): void {
  const n = sets.baskets;
  for (let i = 0; i < lifts.length; i++) {
    confidences[i] = sets.total[c.set[i]] / sets.total[c.x[i]];
    lifts[i] = confidences[i] / (sets.total[c.y[i]] / n);
  }
}

/** The sorted names of each itemset that is a side of one of the first `m` candidates (by itemset index). */
function sideNamesOf(sets: FrequentItemsets, c: Candidates, m: number, names: readonly string[]): string[][] {
  const sides: string[][] = new Array(sets.items.length);
  for (let i = 0; i < m; i++) {
    if (sides[c.x[i]] === undefined) sides[c.x[i]] = namesOf(sets, c.x[i], names);
    if (sides[c.y[i]] === undefined) sides[c.y[i]] = namesOf(sets, c.y[i], names);
  }
  return sides;
}

/** The names of itemset `set`'s items, sorted. */
function namesOf(sets: FrequentItemsets, set: number, names: readonly string[]): string[] {
  const ranks = sets.items[set];
  const named: string[] = [];
  for (let i = 0; i < ranks.length; i++) named.push(names[sets.itemOfRank[ranks[i]]]);
  return named.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The rule objects of the candidates in `ranked` order into `rules`, each side's names from `sides` (by
 * itemset); the number marked spurious. A loop of its own: compiled alone, small.
 */
function ruleObjects(
  sets: FrequentItemsets,
  c: Candidates,
  ranked: Int32Array,
  lifts: Float64Array,
  confidences: Float64Array,
  failAt: number,
  sides: readonly string[][],
  rules: AssociationRule[],
): number {
  const n = sets.baskets;
  let spurious = 0;
  for (let r = 0; r < ranked.length; r++) {
    const i = ranked[r];
    const count = sets.total[c.set[i]];
    const xc = sets.total[c.x[i]];
    const yc = sets.total[c.y[i]];
    const pValue = c.p[i];
    const mark: Spurious = !(pValue < failAt) ? "chance" : !c.productive[i] ? "redundant" : "";
    if (mark) spurious++;
    const confidence = confidences[i];
    rules[r] = {
      antecedent: sides[c.x[i]],
      consequent: sides[c.y[i]],
      count,
      antecedentCount: xc,
      consequentCount: yc,
      support: count / n,
      confidence,
      lift: lifts[i],
      leverage: count / n - (xc / n) * (yc / n),
      conviction: confidence === 1 ? Infinity : (1 - yc / n) / (1 - confidence),
      stratifiedLift: c.stratified[i],
      pValue,
      spurious: mark,
    };
  }
  return spurious;
}

/**
 * Association rules among products of any size: baskets per order or per customer, frequent itemsets by
 * Eclat with Apriori pruning (itemsets.ts) with support threshold ⌈minSupport · baskets⌉ baskets (at least `minCount`,
 * default 1), up to `maxLen` items, then every rule as {@link rulesFromItemsets}. No rule is cut by rank
 * (the caller decides how many to show); only the resource caps maxItemsets and maxRules stop early, and
 * say so.
 */
export function associationRules(table: OrderTable, by: BasketBy, settings: RuleSettings): RuleResult {
  table = basketTable(table);
  const census = productCensus(table, by);
  const count = census.baskets;
  const minCount = Math.max(1, settings.minCount ?? 1, Math.ceil(settings.minSupport * count - 1e-9));
  // A product on fewer lines than minCount is in fewer baskets: left out before the baskets are built.
  const keep = new Uint8Array(census.lines.length);
  let candidates = 0;
  for (let p = 0; p < keep.length; p++) if (census.lines[p] >= minCount) candidates += keep[p] = 1;
  if (candidates === 0)
    return { basketBy: by, baskets: count, frequentItemsets: [], rules: [], spurious: 0, truncated: false };
  const { groups, ...baskets } = basketRows(table, by, census, candidates === keep.length ? null : keep);
  const maxRules = settings.maxRules ?? DEFAULT_MAX_RULES;
  // When the pairs' rules already reach maxRules, the rules of larger itemsets would all be cut: they are
  // not mined, and the pairs' rules are the answer.
  const early: { rules: ReturnType<typeof rulesFromItemsets> | null } = { rules: null };
  const sets = frequentItemsets(baskets, table.products.length, {
    minCount,
    // Itemsets of more than MAX_RULE_ITEMS make no rule: one item more is mined only to say so.
    maxLen: Math.min(settings.maxLen && settings.maxLen > 0 ? settings.maxLen : Infinity, MAX_RULE_ITEMS + 1),
    maxItemsets: settings.maxItemsets ?? 200_000,
    maxWork: maxRules * WORK_PER_RULE,
    afterPairs: (sofar) => {
      // Two rules a pair at most: fewer pairs than half the cap cannot fill it.
      if (2 * (sofar.items.length - sofar.itemOfRank.length) < maxRules) return true;
      const made = rulesFromItemsets(sofar, table.products, settings);
      if (!made.capped) return true;
      early.rules = made;
      return false;
    },
    stratum: basketStrata(table, by, groups, census),
    strata: by === "order" ? 1 : ORDER_STRATA.length,
  });
  const { rules, spurious, capped } = early.rules ?? rulesFromItemsets(sets, table.products, settings);
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
