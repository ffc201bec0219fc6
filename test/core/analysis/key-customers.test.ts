import { customerFacts } from "../../../src/core/analysis/customer-facts";
import { paretoCurve, rankBySpend, rankingOf, topPortrait } from "../../../src/core/analysis/key-customers";
import { encodeOrders } from "../../../src/core/analysis/order-table";
import { line, profile } from "./fixtures";

describe("key customers", () => {
  const spends: Record<string, number> = { A: 500, B: 300, C: 100, D: 60, E: 40 };
  const facts = customerFacts(
    encodeOrders(Object.entries(spends).map(([id, amount]) => line(id, "2026-01-01", amount))),
    [
      profile("A", { region: "North", segment: "Champions" }),
      profile("B", { region: "North", segment: "Loyal" }),
      profile("C", { region: "South" }),
      profile("D"),
      profile("E"),
    ],
    [],
  );
  const ranked = rankBySpend(facts);

  it("ranks by spend with shares and cumulative shares", () => {
    expect(ranked.map((r) => r.id)).toEqual(["A", "B", "C", "D", "E"]);
    expect(ranked[0]).toMatchObject({ rank: 1, share: 0.5, cumulativeShare: 0.5 });
    expect(ranked[1].cumulativeShare).toBeCloseTo(0.8);
    expect(ranked[4].cumulativeShare).toBeCloseTo(1);
  });

  it("draws the Pareto curve and the 80/20 figures", () => {
    const p = paretoCurve(ranked, 5);
    expect(p.curve.map((q) => q.customerShare)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(p.curve.map((q) => Number(q.revenueShare.toFixed(6)))).toEqual([0, 0.5, 0.8, 0.9, 0.96, 1]);
    expect(p.top20Share).toBe(0.5);
    expect(p.customersFor80).toBeCloseTo(0.4); // A and B make 80 %
    expect(paretoCurve([], 5).curve).toEqual([]);
  });

  it("portrays the top group against the rest", () => {
    const p = topPortrait(facts, ranked, 0.4);
    expect(p.size).toBe(2);
    expect(p.revenueShare).toBeCloseTo(0.8);
    expect(p.meanSpend).toBe(400);
    expect(p.restMeanSpend).toBeCloseTo(200 / 3);
    const region = p.mix.find((m) => m.attribute === "region")!;
    expect(region.values).toEqual([{ value: "North", share: 1 }]);
    const segment = p.mix.find((m) => m.attribute === "segment")!;
    expect(segment.values).toEqual([
      { value: "Champions", share: 0.5 },
      { value: "Loyal", share: 0.5 },
    ]);
  });
});

describe("ranking rows", () => {
  // Many ties and IDs out of string order, so the block placement and the ID tie-break are both exercised.
  const n = 400;
  const ids = Array.from({ length: n }, (_, i) => `K${(i * 37) % n}`);
  const spend = Float64Array.from({ length: n }, (_, i) => ((i * 7) % 13) * 10 - 20);
  const columns = { profiles: ids.map((id) => profile(id)), spend, orders: new Float64Array(n) };
  const byComparison = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => spend[b] - spend[a] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0),
  );

  it("ranks by spend, then ID, as a comparator sort does", () => {
    expect(Array.from(rankingOf(columns).order)).toEqual(byComparison);
  });

  it("ranks only the first rows when asked, keeping the tied block at the last whole", () => {
    const ranking = rankingOf(columns, undefined, 35);
    const order = Array.from(ranking.order);
    expect(order.length).toBeGreaterThanOrEqual(35);
    expect(order).toEqual(byComparison.slice(0, order.length));
    expect(spend[byComparison[order.length]]).toBeLessThan(spend[order[order.length - 1]]);
    expect(Array.from(ranking.cumulativeShare)).toEqual(Array.from(rankingOf(columns).cumulativeShare));
  });

  it("falls back to the comparison when a spend is NaN", () => {
    const withNaN = { ...columns, spend: Float64Array.from(spend, (v, i) => (i === 5 ? NaN : v)) };
    const expected = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => withNaN.spend[b] - withNaN.spend[a] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0),
    );
    expect(Array.from(rankingOf(withNaN).order)).toEqual(expected);
  });
});
