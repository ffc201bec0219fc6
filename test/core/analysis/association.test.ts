import fc from "fast-check";
import {
  associationRules,
  buildBaskets,
  ORDER_STRATA,
  stratumOf,
  type AssociationRule,
  type RuleSettings,
} from "../../../src/core/analysis/association";
import { encodeOrders } from "../../../src/core/analysis/order-table";
import { mulberry32 } from "../../../src/local/random";
import type { OrderLine } from "../../../src/core/analysis/types";
import { line } from "./fixtures";

/**
 * P(Z > z), independent of the code under test: the series Φ(z) = ½ + φ(z)(z + z³/3 + z⁵/(3·5) + …) below
 * 3, Laplace's continued fraction φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))) above.
 */
function upperTail(z: number): number {
  if (z < 0) return 1 - upperTail(-z);
  const phi = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  if (z < 3) {
    let term = z;
    let sum = z;
    for (let k = 1; k < 200; k++) {
      term *= (z * z) / (2 * k + 1);
      sum += term;
    }
    return 0.5 - phi * sum;
  }
  let fraction = z;
  for (let k = 300; k >= 1; k--) fraction = z + k / fraction;
  return phi / fraction;
}

interface Expected {
  count: number;
  antecedentCount: number;
  consequentCount: number;
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  conviction: number;
  stratifiedLift: number;
  pValue: number;
  spurious: string;
}

/**
 * Brute force: every itemset of every basket counted by enumerating the basket's subsets (so any size),
 * in total and per stratum (`orders[i]`: orders behind basket i, per customer; none: one stratum); every
 * split of every frequent itemset into a rule, its figures from the definitions, Holm's step-down and
 * the productive-rule check done here again.
 */
function bruteForce(
  baskets: readonly (readonly string[])[],
  s: Required<Pick<RuleSettings, "minSupport" | "minConfidence" | "minLift">> & { maxLen?: number },
  orders?: readonly number[],
): Map<string, Expected> {
  const n = baskets.length;
  const K = ORDER_STRATA.length;
  const counts = new Map<string, number[]>();
  const strata = new Array<number>(K).fill(0);
  const key = (xs: readonly string[]) => [...xs].sort().join("+");
  for (const [i, raw] of baskets.entries()) {
    const b = [...new Set(raw)].sort();
    const stratum = orders ? stratumOf(orders[i]) : 0;
    strata[stratum]++;
    for (let mask = 1; mask < 1 << b.length; mask++) {
      const set = b.filter((_, i) => mask & (1 << i));
      const k = key(set);
      const c = counts.get(k) ?? new Array<number>(K).fill(0);
      c[stratum]++;
      counts.set(k, c);
    }
  }
  const total = (k: string) => (counts.get(k) ?? []).reduce((a, b) => a + b, 0);
  const rules: { key: string; e: Expected; productive: boolean }[] = [];
  for (const k of counts.keys()) {
    const items = k.split("+");
    const c = total(k);
    if (items.length < 2 || c / n < s.minSupport || (s.maxLen && items.length > s.maxLen)) continue;
    for (let mask = 1; mask < (1 << items.length) - 1; mask++) {
      const x = items.filter((_, i) => mask & (1 << i));
      const y = items.filter((_, i) => !(mask & (1 << i)));
      const cx = total(key(x));
      const cy = total(key(y));
      const confidence = c / cx;
      const lift = confidence / (cy / n);
      if (confidence < s.minConfidence || lift < s.minLift) continue;
      let expected = 0;
      let variance = 0;
      strata.forEach((ns, t) => {
        if (ns === 0) return;
        const xs = counts.get(key(x))![t];
        const ys = counts.get(key(y))![t];
        expected += (xs * ys) / ns;
        if (ns > 1) variance += (xs * ys * (ns - xs) * (ns - ys)) / (ns * ns * (ns - 1));
      });
      const pValue =
        variance > 0
          ? Math.min(1, upperTail((c - expected - 0.5) / Math.sqrt(variance)))
          : c > expected
            ? 0
            : 1;
      // Productive: lift above 1, and more confident than each rule with one antecedent item fewer.
      let productive = lift > 1;
      if (x.length > 1)
        for (const drop of x) {
          const zs = x.filter((i) => i !== drop);
          if (total(key([...zs, ...y])) / total(key(zs)) >= confidence) productive = false;
        }
      rules.push({
        key: `${key(x)}>${key(y)}`,
        productive,
        e: {
          count: c,
          antecedentCount: cx,
          consequentCount: cy,
          support: c / n,
          confidence,
          lift,
          leverage: c / n - (cx / n) * (cy / n),
          conviction: confidence === 1 ? Infinity : (1 - cy / n) / (1 - confidence),
          stratifiedLift: expected > 0 ? c / expected : Infinity,
          pValue,
          spurious: "",
        },
      });
    }
  }
  // Holm at 0.05 over every rule kept.
  const m = rules.length;
  const order = [...rules].sort((a, b) => a.e.pValue - b.e.pValue);
  let rejecting = true;
  order.forEach((r, i) => {
    rejecting = rejecting && r.e.pValue <= 0.05 / (m - i);
    r.e.spurious = !rejecting ? "chance" : !r.productive ? "redundant" : "";
  });
  return new Map(rules.map((r) => [r.key, r.e]));
}

function tableOf(baskets: readonly (readonly string[])[]) {
  return encodeOrders(
    baskets.flatMap((b, i) =>
      b.map((p) => line(`C${i % 3}`, "2026-01-01", 1, { orderId: `O${i}`, product: p })),
    ),
  );
}

const ruleKey = (r: AssociationRule) => `${r.antecedent.join("+")}>${r.consequent.join("+")}`;

/** Compares every rule and every figure with the brute force. */
function expectSameRules(got: readonly AssociationRule[], expected: Map<string, Expected>): void {
  expect(got.map(ruleKey).sort()).toEqual([...expected.keys()].sort());
  for (const r of got) {
    const e = expected.get(ruleKey(r))!;
    expect([r.count, r.antecedentCount, r.consequentCount, r.spurious]).toEqual([
      e.count,
      e.antecedentCount,
      e.consequentCount,
      e.spurious,
    ]);
    for (const k of ["support", "confidence", "lift", "leverage", "stratifiedLift"] as const)
      expect(r[k]).toBeCloseTo(e[k], 12);
    if (Number.isFinite(e.conviction)) expect(r.conviction).toBeCloseTo(e.conviction, 9);
    else expect(r.conviction).toBe(Infinity);
    // The code's erfc is good to 1.2e-7 relative; the test integrates the density.
    expect(Math.abs(r.pValue - e.pValue)).toBeLessThanOrEqual(1e-6 * Math.max(e.pValue, 1e-12) + 1e-15);
  }
}

/**
 * 600 baskets over 14 items: a planted 5-item set (a b c d e) in 12 % of baskets, a planted 4-item set
 * (f g h i) in 10 %, parts of them more often, and noise items, so itemsets of 4 and 5 items are frequent.
 */
function plantedBaskets(seed: number): string[][] {
  const rand = mulberry32(seed);
  const items = "abcdefghijklmn".split("");
  return Array.from({ length: 600 }, () => {
    const b = new Set<string>();
    const u = rand();
    if (u < 0.12) "abcde".split("").forEach((x) => b.add(x));
    else if (u < 0.22) "fghi".split("").forEach((x) => b.add(x));
    else if (u < 0.3) "abc".split("").forEach((x) => b.add(x));
    else if (u < 0.36) "fg".split("").forEach((x) => b.add(x));
    for (const x of items) if (rand() < 0.08 && b.size < 9) b.add(x);
    if (b.size === 0) b.add(items[Math.floor(rand() * items.length)]);
    return [...b];
  });
}

describe("association rules", () => {
  it("finds phone → case with hand-counted support, confidence, lift, leverage and conviction", () => {
    const baskets = [
      ["phone", "case"],
      ["phone", "case", "charger"],
      ["phone", "charger"],
      ["case"],
      ["phone", "case"],
      ["book"],
    ];
    const result = associationRules(tableOf(baskets), "order", {
      minSupport: 0.3,
      minConfidence: 0.5,
      minLift: 0,
    });
    expect(result.baskets).toBe(6);
    const rule = result.rules.find((r) => r.antecedent.join() === "phone" && r.consequent.join() === "case")!;
    // phone in 4 baskets, case in 4, both in 3: support 3/6, confidence 3/4, lift 0.75 / (4/6).
    expect(rule).toMatchObject({
      count: 3,
      antecedentCount: 4,
      consequentCount: 4,
      support: 0.5,
      confidence: 0.75,
    });
    expect(rule.lift).toBeCloseTo(1.125, 12);
    expect(rule.leverage).toBeCloseTo(0.5 - (4 / 6) * (4 / 6), 12);
    expect(rule.conviction).toBeCloseTo((1 - 4 / 6) / (1 - 0.75), 12);
    // Support ≥ 0.3 means count ≥ 1.8: phone, case, charger and the pairs phone+case (3), phone+charger (2).
    expect(result.frequentItemsets).toEqual([3, 2]);
    // Six baskets prove nothing: every rule is marked as possibly chance.
    expect(result.rules.every((r) => r.spurious === "chance")).toBe(true);
  });

  it("groups by customer: everything a customer bought is one basket", () => {
    const table = encodeOrders([
      line("A", "2026-01-01", 1, { orderId: "1", product: "x" }),
      line("A", "2026-02-01", 1, { orderId: "2", product: "y" }),
      line("B", "2026-01-01", 1, { orderId: "3", product: "x" }),
      line("B", "2026-01-01", 1, { orderId: "3", product: "x" }),
    ]);
    expect(buildBaskets(table, "order").map((b) => [...b])).toEqual([[0], [1], [0]]);
    expect(buildBaskets(table, "customer").map((b) => [...b])).toEqual([[0, 1], [0]]);
  });

  it("matches brute force over all itemsets, 4- and 5-item sets included, every figure identical", () => {
    for (const seed of [1, 2, 3]) {
      const baskets = plantedBaskets(seed);
      const settings = { minSupport: 0.05, minConfidence: 0.3, minLift: 0 };
      const result = associationRules(tableOf(baskets), "order", settings);
      expect(result.truncated).toBe(false);
      expectSameRules(result.rules, bruteForce(baskets, settings));
      const sizes = result.rules.map((r) => r.antecedent.length + r.consequent.length);
      expect(sizes).toContain(4);
      expect(sizes).toContain(5);
      expect(result.frequentItemsets.length).toBeGreaterThanOrEqual(5);
    }
  });

  it("stops at --max-len and keeps everything else as brute force", () => {
    const baskets = plantedBaskets(4);
    const settings = { minSupport: 0.04, minConfidence: 0, minLift: 1.1, maxLen: 3 };
    const result = associationRules(tableOf(baskets), "order", settings);
    expect(Math.max(...result.rules.map((r) => r.antecedent.length + r.consequent.length))).toBe(3);
    expectSameRules(result.rules, bruteForce(baskets, settings));
  });

  it("matches brute force on random small baskets, any thresholds", () => {
    const item = fc.constantFrom("a", "b", "c", "d", "e", "f", "g");
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(item, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(0, 0.05, 0.1, 0.25),
        fc.constantFrom(0, 0.3, 0.6),
        fc.constantFrom(0, 1, 1.3),
        (baskets, minSupport, minConfidence, minLift) => {
          const settings = { minSupport, minConfidence, minLift };
          expectSameRules(
            associationRules(tableOf(baskets), "order", settings).rules,
            bruteForce(baskets, settings),
          );
        },
      ),
      { numRuns: 100, seed: 20261123 },
    );
  });

  it("ranks by lift, then confidence, then count", () => {
    const { rules } = associationRules(
      tableOf([["a", "b"], ["a", "b"], ["a", "c"], ["c"], ["b"], ["a", "b", "c"]]),
      "order",
      { minSupport: 0, minConfidence: 0, minLift: 0 },
    );
    for (let i = 1; i < rules.length; i++) {
      const [p, q] = [rules[i - 1], rules[i]];
      expect(
        p.lift > q.lift ||
          (p.lift === q.lift &&
            (p.confidence > q.confidence || (p.confidence === q.confidence && p.count >= q.count))),
      ).toBe(true);
    }
  });

  it("marks per-customer rules that heavy buyers alone explain, keeps a real pairing, and agrees with brute force", () => {
    // 400 customers: 40 heavy buyers place 12 orders of a random product each (of 20), the rest 1–2; a
    // real pairing: a quarter of customers order tea, 60 % of them with cups in the same order.
    const rand = mulberry32(9);
    const products = Array.from({ length: 20 }, (_, i) => `P${i}`);
    const lines: OrderLine[] = [];
    const baskets: string[][] = [];
    const orders: number[] = [];
    for (let c = 0; c < 400; c++) {
      const mine: string[][] = [];
      const count = c < 40 ? 12 : 1 + Math.floor(rand() * 2);
      for (let o = 0; o < count; o++) mine.push([products[Math.floor(rand() * 20)]]);
      if (rand() < 0.25) mine.push(rand() < 0.6 ? ["tea", "cups"] : ["tea"]);
      else if (rand() < 0.05) mine.push(["cups"]);
      mine.forEach((order, o) =>
        order.forEach((p) =>
          lines.push(line(`K${c}`, "2026-01-01", 1, { orderId: `K${c}-${o}`, product: p })),
        ),
      );
      baskets.push([...new Set(mine.flat())]);
      orders.push(mine.length);
    }
    const settings = { minSupport: 0.015, minConfidence: 0.2, minLift: 1.2 };
    const result = associationRules(encodeOrders(lines), "customer", settings);
    expectSameRules(result.rules, bruteForce(baskets, settings, orders));
    const tea = result.rules.find((r) => r.antecedent.join() === "tea" && r.consequent.join() === "cups")!;
    expect(tea.spurious).toBe("");
    expect(tea.stratifiedLift).toBeGreaterThan(1.3);
    const random = result.rules.filter((r) =>
      [...r.antecedent, ...r.consequent].every((x) => x.startsWith("P")),
    );
    expect(random.length).toBeGreaterThan(500); // plain lift finds hundreds ...
    expect(random.every((r) => r.lift > 1.2)).toBe(true);
    // ... but they co-occur no more than among customers who order as often.
    expect(random.filter((r) => r.spurious === "").length / random.length).toBeLessThan(0.01);
    expect(result.spurious).toBe(result.rules.filter((r) => r.spurious !== "").length);
  });

  it("caps the itemsets mined and says so", () => {
    const baskets = Array.from({ length: 20 }, () => "abcdefghijkl".split(""));
    const result = associationRules(tableOf(baskets), "order", {
      minSupport: 0.5,
      minConfidence: 0,
      minLift: 0,
      maxItemsets: 100,
    });
    expect(result.truncated).toBe(true);
    expect(result.frequentItemsets.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it("mines no larger itemset once the pairs' rules fill maxRules: the rules are those the cap keeps", () => {
    const baskets = Array.from({ length: 20 }, () => "abcdefghijkl".split(""));
    const settings = { minSupport: 0.5, minConfidence: 0, minLift: 0, maxRules: 50 };
    const result = associationRules(tableOf(baskets), "order", settings);
    expect(result.truncated).toBe(true);
    // Singles and pairs only: 2^12 − 13 larger itemsets were never built.
    expect(result.frequentItemsets).toEqual([12, 66]);
    expect(result.rules).toHaveLength(50);
    // The same rules as mining pairs alone, so stopping early left out only rules the cap would cut.
    const pairsOnly = associationRules(tableOf(baskets), "order", { ...settings, maxLen: 2 });
    expect(result.rules).toEqual(pairsOnly.rules);
  });

  it("keeps exactly maxRules rules when the cap falls inside one itemset's splits", () => {
    // Every pair makes two rules and every triple six: caps of 49 and 137 cut a pair's and a triple's.
    const baskets = Array.from({ length: 20 }, () => "abcdefghijkl".split(""));
    for (const maxRules of [49, 137]) {
      const result = associationRules(tableOf(baskets), "order", {
        minSupport: 0.5,
        minConfidence: 0,
        minLift: 0,
        maxLen: 3,
        maxRules,
      });
      expect(result.truncated).toBe(true);
      expect(result.rules).toHaveLength(maxRules);
    }
  });

  it("bounds the work when one basket holds the whole list (a constant OrderID such as N/A)", () => {
    const catalogue = Array.from({ length: 40 }, (_, i) => `P${i}`);
    const result = associationRules(tableOf([catalogue]), "order", {
      minSupport: 0.5,
      minConfidence: 0,
      minLift: 0,
      maxRules: 50_000,
    });
    expect(result.truncated).toBe(true);
    // Every pair, then no itemset past 17 items (they make no rule), and far fewer than the 200,000 the
    // itemset cap allows: each set's 2^k splits count against the work allowed.
    expect(result.frequentItemsets.slice(0, 2)).toEqual([40, 780]);
    expect(result.frequentItemsets.length).toBeLessThanOrEqual(17);
    expect(result.frequentItemsets.reduce((a, b) => a + b, 0)).toBeLessThan(20_000);
  });

  it("stops larger itemsets when the work allowed is spent, every pair kept and every rule exact", () => {
    // 2,000 baskets of 8 of 26 items, x y z together in 30 % of them: every pair is frequent at 2 %, so
    // every triple is a candidate; 100 rules allow 400,000 words of basket sets, not enough for them all.
    const rand = mulberry32(16);
    const items = "abcdefghijklmnopqrstuvwxyz".split("");
    const baskets = Array.from({ length: 2000 }, () => {
      const b = new Set<string>(rand() < 0.3 ? ["x", "y", "z"] : []);
      while (b.size < 8) b.add(items[Math.floor(rand() * items.length)]);
      return [...b];
    });
    const settings = { minSupport: 0.02, minConfidence: 0.8, minLift: 0, maxRules: 100 };
    const result = associationRules(tableOf(baskets), "order", settings);
    const expected = bruteForce(baskets, settings);
    expect(result.truncated).toBe(true);
    expect(result.frequentItemsets.slice(0, 2)).toEqual([26, 325]);
    // With room for every candidate, more triples: the work allowed is what stopped it.
    const whole = associationRules(tableOf(baskets), "order", { ...settings, maxRules: 100_000 });
    expect(whole.truncated).toBe(false);
    expect(whole.frequentItemsets.slice(0, 2)).toEqual([26, 325]);
    expect(result.frequentItemsets[2]).toBeLessThan(whole.frequentItemsets[2]);
    expectSameRules(whole.rules, expected);
    // What was mined is exact: the planted rules, with the brute force's figures.
    const keys = result.rules.map(ruleKey);
    for (const key of ["x+y>z", "x+z>y", "y+z>x"]) expect(keys).toContain(key);
    expect(keys.length).toBeLessThan(100);
    for (const r of result.rules) {
      const e = expected.get(ruleKey(r))!;
      expect([r.count, r.antecedentCount, r.consequentCount]).toEqual([
        e.count,
        e.antecedentCount,
        e.consequentCount,
      ]);
      expect(r.confidence).toBeCloseTo(e.confidence, 12);
    }
  });
});

describe("refund lines in baskets", () => {
  it("leave them out: a return or a cancellation bought nothing", () => {
    const line = (orderId: string, customerId: string, product: string, amount: number) => ({
      orderId,
      customerId,
      day: 20_000,
      product,
      category: "",
      quantity: 1,
      amount,
    });
    // O3 cancels O1's bread and butter; O4 returns O2's milk.
    const lines = [
      line("O1", "C1", "bread", 2),
      line("O1", "C1", "butter", 3),
      line("O2", "C2", "bread", 2),
      line("O2", "C2", "milk", 1),
      line("C3", "C1", "bread", -2),
      line("C3", "C1", "butter", -3),
      line("O4", "C2", "jam", -4),
      line("O5", "C3", "jam", 4),
    ];
    const table = encodeOrders(lines);
    const names = (b: Int32Array) => [...b].map((p) => table.products[p]).sort();
    expect(buildBaskets(table, "order").map(names)).toEqual([
      ["bread", "butter"],
      ["bread", "milk"],
      ["jam"],
    ]);
    expect(buildBaskets(table, "customer").map(names)).toEqual([
      ["bread", "butter"],
      ["bread", "milk"],
      ["jam"],
    ]);
    const rules = associationRules(table, "order", {
      minSupport: 0,
      minConfidence: 0,
      minLift: 0,
      maxLen: 0,
      maxRules: 100,
    });
    expect(rules.baskets).toBe(3);
    // bread is in 2 of 3 baskets; were the cancellation a basket, in 3 of 4.
    const bread = rules.rules.find(
      (r) => r.antecedent.join() === "butter" && r.consequent.join() === "bread",
    );
    expect(bread?.count).toBe(1);
    expect(bread?.lift).toBeCloseTo(1 / (2 / 3), 12);
  });
});
