import { dayFromCivil } from "../../../src/core/calendar";
import { lifetimeValues } from "../../../src/core/analysis/lifetime-value";
import { encodeOrders } from "../../../src/core/analysis/order-table";
import type { OrderLine } from "../../../src/core/analysis/types";
import { mulberry32 } from "../../../src/local/random";

/** 150 customers from the BG/NBD story: exponential gaps, a dropout chance after each purchase. */
function simulated(): OrderLine[] {
  const rand = mulberry32(5);
  const lines: OrderLine[] = [];
  const start = dayFromCivil(2024, 1, 1);
  const end = dayFromCivil(2025, 12, 31);
  for (let c = 0; c < 150; c++) {
    let day = start + Math.floor(rand() * 360);
    const gap = 10 + rand() * 80;
    const drop = 0.05 + rand() * 0.3;
    const spend = 50 + rand() * 300;
    while (day <= end) {
      const amount = Math.round(spend * (0.5 + rand()));
      lines.push({ orderId: "", customerId: `C${c}`, day, product: "", category: "", quantity: 1, amount });
      if (rand() < drop) break;
      day += Math.max(1, Math.round(-Math.log(1 - rand()) * gap));
    }
  }
  return lines;
}

describe("customer outlook: repeat model × Gamma-Gamma", () => {
  const asOf = dayFromCivil(2025, 12, 31);
  const table = encodeOrders(simulated());

  it("combines the better repeat model with the Gamma-Gamma spend, for every customer", () => {
    const v = lifetimeValues(table, asOf, 12, 0);
    expect(v.note).toBeNull();
    expect(v.bgnbd).not.toBeNull();
    expect(v.mbgnbd).not.toBeNull();
    const chosen = v.model === "mbgnbd" ? v.mbgnbd! : v.bgnbd!;
    const other = v.model === "mbgnbd" ? v.bgnbd! : v.mbgnbd!;
    expect(chosen.logLikelihood).toBeGreaterThanOrEqual(other.logLikelihood);
    expect(v.gammaGamma!.converged).toBe(true);
    expect(Math.abs(v.gammaGamma!.impliedMeanSpend! / v.gammaGamma!.observedMeanSpend - 1)).toBeLessThan(
      0.05,
    );
    expect(v.customers.length).toBe(150);
    const clv = v.customers.map((c) => c.clv!);
    expect(clv).toEqual([...clv].sort((a, b) => b - a));
    // Undiscounted, CLV is E[X(360 days)] × expected spend.
    for (const c of v.customers.slice(0, 5)) {
      expect(c.clv!).toBeCloseTo(c.expectedTransactions * c.expectedSpend!, 6);
      expect(c.expectedTransactions).toBeGreaterThan(0);
    }
    expect(v.customers.every((c) => c.pAlive > 0 && c.pAlive <= 1)).toBe(true);
    expect(v.oneTimeBuyers.customers).toBe(v.customers.filter((c) => c.frequency === 0).length);
  });

  it("gives one-time buyers a P(alive) below 1 when MBG/NBD is the book's model", () => {
    const v = lifetimeValues(table, asOf, 12, 0);
    const oneTime = v.customers.filter((c) => c.frequency === 0);
    if (v.model === "mbgnbd") {
      expect(oneTime.every((c) => c.pAlive < 1)).toBe(true);
      expect(v.oneTimeBuyers.meanPAlive).toBeLessThan(1);
    } else expect(oneTime.every((c) => c.pAlive === 1)).toBe(true);
  });

  it("discounting lowers every value, and more so for customers who buy later", () => {
    const flat = new Map(lifetimeValues(table, asOf, 12, 0).customers.map((c) => [c.id, c.clv!]));
    const discounted = lifetimeValues(table, asOf, 12, 0.02).customers;
    for (const c of discounted) expect(c.clv!).toBeLessThan(flat.get(c.id)!);
    const top = discounted[0];
    expect(top.clv!).toBeGreaterThan(flat.get(top.id)! / 1.02 ** 12);
  });

  it("gives no outlook, and says why, when no repeat model can be trusted", () => {
    const few = encodeOrders(simulated().filter((l) => Number(l.customerId.slice(1)) < 20));
    const v = lifetimeValues(few, asOf, 12, 0.01);
    expect(v.customers).toEqual([]);
    expect(v.bgnbd).toBeNull();
    expect(v.model).toBeNull();
    expect(v.note!.en).toBe("No outlook: too few customers for BG/NBD.");
    expect(v.gammaGamma).not.toBeNull(); // the spend model is still reported
  });

  it("gives no lifetime values from a spend fit that did not converge, and says why", () => {
    // The same customers, every transaction's value from one distribution: no spend heterogeneity.
    const rand = mulberry32(12);
    const flat = encodeOrders(simulated().map((l) => ({ ...l, amount: 80 + Math.floor(rand() * 40) })));
    const v = lifetimeValues(flat, asOf, 12, 0);
    expect(v.gammaGamma!.converged).toBe(false);
    expect(v.customers.length).toBe(150);
    expect(v.customers.every((c) => c.clv === null && c.expectedSpend === null)).toBe(true);
    expect(v.note!.en).toMatch(/^No lifetime values: customers' average spend differs no more than chance/);
    const expected = v.customers.map((c) => c.expectedTransactions);
    expect(expected).toEqual([...expected].sort((a, b) => b - a));
  });
});
