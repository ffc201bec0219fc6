import { readFileSync } from "node:fs";
import path from "node:path";
import {
  bgnbdLogLikelihood,
  expectedPurchases,
  fitBgNbd,
  pAlive,
  type BtydCustomer,
} from "../../../src/core/classify/bgnbd";
import { hyp2f1, logGamma } from "../../../src/core/classify/special";

const DATA = path.join(__dirname, "..", "..", "..", "..", "shared", "data");

function cdnow(): BtydCustomer[] {
  const lines = readFileSync(path.join(DATA, "cdnow_customers_summary.csv"), "utf8").trim().split(/\r?\n/);
  return lines.slice(1).map((line) => {
    const [, frequency, recency, T] = line.split(",").map(Number);
    return { x: frequency, tx: recency, T };
  });
}

describe("special functions", () => {
  it("logGamma matches factorials and Γ(½) = √π", () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 10);
  });

  it("hyp2f1 matches closed forms", () => {
    // 2F1(1, 1; 2; z) = −ln(1 − z)/z
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 12);
    // 2F1(a, b; b; z) = (1 − z)^−a
    expect(hyp2f1(2.5, 3, 3, 0.3)).toBeCloseTo(Math.pow(0.7, -2.5), 12);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});

describe("BG/NBD on CDNOW (Fader, Hardie & Lee 2005)", () => {
  const customers = cdnow();
  const fit = fitBgNbd(customers);
  const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it("reads the 2,357-customer cohort", () => {
    expect(customers).toHaveLength(2357);
  });

  it.each(Object.keys(published) as (keyof typeof published)[])("%s lands within 1% of the paper", (k) => {
    expect(Math.abs(fit.params[k] - published[k]) / published[k]).toBeLessThan(0.01);
  });

  it("reaches the paper's log-likelihood −9582.4", () => {
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 0);
  });

  it("is deterministic and insensitive to customer order", () => {
    const again = fitBgNbd([...customers].reverse());
    expect(again.params.r).toBe(fit.params.r);
    expect(again.params.b).toBe(fit.params.b);
  });

  it("gives the paper's conditional expectation for a 2-purchase customer (x=2, t_x=30.43, T=38.86)", () => {
    // FHL (2005) section 5: this customer's expected purchases in the next 39 weeks is about 1.226.
    const e = expectedPurchases(published, { x: 2, tx: 30.43, T: 38.86 }, 39);
    expect(e).toBeCloseTo(1.226, 2);
  });

  it("P(alive) falls as the customer stays quiet and is 1 without repeat purchases", () => {
    const p = fit.params;
    expect(pAlive(p, { x: 0, tx: 0, T: 30 })).toBe(1);
    const recent = pAlive(p, { x: 5, tx: 35, T: 38 });
    const quiet = pAlive(p, { x: 5, tx: 5, T: 38 });
    expect(recent).toBeGreaterThan(quiet);
    expect(recent).toBeLessThanOrEqual(1);
    expect(quiet).toBeGreaterThan(0);
  });

  it("the likelihood is finite and the fit beats nearby points", () => {
    const ll = (p: typeof published) => customers.reduce((s, c) => s + bgnbdLogLikelihood(p, c), 0);
    const at = ll(fit.params);
    expect(Number.isFinite(at)).toBe(true);
    expect(at).toBeGreaterThanOrEqual(ll({ ...fit.params, r: fit.params.r * 1.05 }));
    expect(at).toBeGreaterThanOrEqual(ll({ ...fit.params, b: fit.params.b * 0.95 }));
  });
});
