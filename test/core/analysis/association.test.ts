import fc from "fast-check";
import {
  associationRules,
  buildBaskets,
  countItemsets,
  rulesFromCounts,
  type AssociationRule,
} from "../../../src/core/analysis/association";
import { encodeOrders } from "../../../src/core/analysis/order-table";
import { line } from "./fixtures";

/** Brute force: every itemset of 1–3 items counted by scanning each basket; rules from every split. */
function bruteForceRules(
  baskets: readonly (readonly string[])[],
  minCount: number,
  minConfidence: number,
  minLift: number,
): Map<string, { count: number; confidence: number; lift: number }> {
  const sets = baskets.map((b) => new Set(b));
  const items = [...new Set(baskets.flat())].sort();
  const count = (xs: readonly string[]) => sets.filter((s) => xs.every((x) => s.has(x))).length;
  const n = baskets.length;
  const rules = new Map<string, { count: number; confidence: number; lift: number }>();
  const subsets: string[][] = [];
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) {
      subsets.push([items[i], items[j]]);
      for (let k = j + 1; k < items.length; k++) subsets.push([items[i], items[j], items[k]]);
    }
  for (const s of subsets) {
    const c = count(s);
    // Apriori needs every subset frequent too; by downward closure that holds once c ≥ minCount.
    if (c < minCount) continue;
    for (let mask = 1; mask < (1 << s.length) - 1; mask++) {
      const x = s.filter((_, i) => mask & (1 << i));
      const y = s.filter((_, i) => !(mask & (1 << i)));
      const confidence = c / count(x);
      const lift = confidence / (count(y) / n);
      if (confidence >= minConfidence && lift >= minLift) {
        rules.set(`${x.join("+")}>${y.join("+")}`, { count: c, confidence, lift });
      }
    }
  }
  return rules;
}

function tableOf(baskets: readonly (readonly string[])[]) {
  return encodeOrders(
    baskets.flatMap((b, i) =>
      b.map((p) => line(`C${i % 3}`, "2026-01-01", 1, { orderId: `O${i}`, product: p })),
    ),
  );
}

describe("association rules", () => {
  it("finds phone → case with hand-counted support, confidence and lift", () => {
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
      topN: 50,
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
    // Threshold ⌈0.3 · 6⌉ = 2: phone, case, charger and the pairs phone+case (3), phone+charger (2) are frequent.
    expect(result.frequentItemsets).toEqual([3, 2, 0]);
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

  it("ranks by lift, then confidence, then count", () => {
    const { rules } = associationRules(
      tableOf([["a", "b"], ["a", "b"], ["a", "c"], ["c"], ["b"], ["a", "b", "c"]]),
      "order",
      { minSupport: 0, minConfidence: 0, minLift: 0, topN: 100, minCount: 1 },
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

  it("matches a brute-force count on random small baskets", () => {
    const item = fc.constantFrom("a", "b", "c", "d", "e", "f");
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(item, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(0, 0.3, 0.6),
        fc.constantFrom(0, 1, 1.3),
        (baskets, minCount, minConfidence, minLift) => {
          const table = tableOf(baskets);
          const counts = countItemsets(buildBaskets(table, "order"), table.products.length, minCount);
          const got = rulesFromCounts(counts, table.products, { minConfidence, minLift, topN: 10_000 });
          const key = (r: AssociationRule) =>
            `${[...r.antecedent].sort().join("+")}>${[...r.consequent].sort().join("+")}`;
          const expected = bruteForceRules(baskets, minCount, minConfidence, minLift);
          expect(new Set(got.map(key))).toEqual(new Set(expected.keys()));
          for (const r of got) {
            const e = expected.get(key(r))!;
            expect(r.count).toBe(e.count);
            expect(r.confidence).toBeCloseTo(e.confidence, 12);
            expect(r.lift).toBeCloseTo(e.lift, 12);
          }
        },
      ),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
