import { parseDayText as parseIsoDay } from "../../../src/core/calendar";
import {
  expectedAverageSpend,
  fitGammaGamma,
  gammaGammaNegLogLikelihood,
  lifetimeValue,
  repeatSummary,
} from "../../../src/core/analysis/gamma-gamma";
import { encodeOrders } from "../../../src/core/analysis/order-table";
import { logGamma } from "../../../src/core/classify/special";
import { gammaVariate, mulberry32 } from "../../../src/local/random";
import { CALIBRATION_END, cdnowCohortIds, cdnowPurchases } from "./cdnow";
import { line } from "./fixtures";

describe("Gamma-Gamma", () => {
  it("summarises repeat transactions in the BTYD convention (one transaction per customer-day)", () => {
    const s = repeatSummary(
      encodeOrders([
        line("A", "2026-01-01", 10),
        line("A", "2026-01-01", 5), // same day: one transaction of 15
        line("A", "2026-01-11", 20),
        line("A", "2026-01-21", 40),
        line("B", "2026-01-05", 7),
        line("B", "2026-03-01", 9), // after the analysis date: ignored
      ]),
      parseIsoDay("2026-01-31")!,
    );
    expect([...s.frequency]).toEqual([2, 0]);
    expect([...s.recency]).toEqual([20, 0]);
    expect([...s.age]).toEqual([30, 26]);
    expect([...s.monetary]).toEqual([30, 0]); // (20 + 40) / 2: the first purchase is left out
  });

  it("computes the log-likelihood of one customer by the closed form", () => {
    // p = 2, q = 3, v = 4, x = 2, m = 5: lnΓ(7) − lnΓ(4) − lnΓ(3) + 3 ln 4 + 3 ln 5 + 4 ln 2 − 7 ln 14.
    const ll =
      Math.log(720) -
      Math.log(6) -
      Math.log(2) +
      3 * Math.log(4) +
      3 * Math.log(5) +
      4 * Math.log(2) -
      7 * Math.log(14);
    expect(gammaGammaNegLogLikelihood({ p: 2, q: 3, gamma: 4 }, [2], [5])).toBeCloseTo(-ll, 10);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });

  it("shrinks a customer's spend toward the population mean", () => {
    const params = { p: 6, q: 4, gamma: 15 }; // population mean p·γ/(q − 1) = 30
    expect(expectedAverageSpend(params, 0, 0)).toBeCloseTo(30);
    const one = expectedAverageSpend(params, 1, 100);
    expect(one).toBeGreaterThan(30);
    expect(one).toBeLessThan(100);
    expect(expectedAverageSpend(params, 1000, 100)).toBeCloseTo(100, 0);
  });

  it("discounts lifetime value month by month", () => {
    // One purchase a month of 50: undiscounted 12 × 50, discounted Σ 50 / 1.01^i.
    const perMonth = (days: number) => days / 30;
    expect(lifetimeValue(perMonth, 50, 12)).toBeCloseTo(600, 9);
    const discounted = Array.from({ length: 12 }, (_, i) => 50 / 1.01 ** (i + 1)).reduce((a, b) => a + b);
    expect(lifetimeValue(perMonth, 50, 12, 0.01)).toBeCloseTo(discounted, 9);
  });

  it("reproduces Fader & Hardie's CDNOW estimates on the 2,357-customer cohort (p 6.25, q 3.74, γ 15.44)", () => {
    // The cohort's purchases from the master file (cdnow.ts), spend = mean value of the repeat
    // transactions in the 39-week calibration period, one transaction per day: 946 repeat buyers.
    const purchases = cdnowPurchases();
    const cohort = new Set(cdnowCohortIds(purchases));
    const table = encodeOrders(
      purchases
        .filter((p) => cohort.has(p.customer))
        .map((p) => line(p.customer, "1997-01-01", p.dollars, { day: p.day, quantity: p.cds })),
    );
    const summary = repeatSummary(table, CALIBRATION_END);
    const fit = fitGammaGamma(summary.frequency, summary.monetary);
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
    expect(fit.problem).toBeNull();
    expect(fit.agreeing).toBe(3);
    // Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value": p = 6.25, q = 3.74, γ = 15.44.
    // Within 1 %: 30 of the 946 repeat buyers' spend is recovered from a same-summary twin (cdnow.ts).
    const published = { p: 6.25, q: 3.74, gamma: 15.44 };
    for (const k of ["p", "q", "gamma"] as const)
      expect(Math.abs(fit[k] / published[k] - 1)).toBeLessThan(0.01);
    // The optimum: nudging any parameter by 1 % lowers the likelihood.
    const xs = summary.frequency.filter((x, i) => x > 0 && summary.monetary[i] > 0);
    const ms = summary.monetary.filter((m, i) => summary.frequency[i] > 0 && m > 0);
    for (const k of ["p", "q", "gamma"] as const)
      for (const f of [0.99, 1.01]) {
        const nudged = { p: fit.p, q: fit.q, gamma: fit.gamma, [k]: fit[k] * f };
        expect(gammaGammaNegLogLikelihood(nudged, xs, ms)).toBeGreaterThan(fit.meanNegLogLikelihood);
      }
    expect(fit.logLikelihood).toBeCloseTo(-fit.meanNegLogLikelihood * 946, 6);
  });

  it("converges on the full 23,570-customer master file, the implied mean spend near the observed", () => {
    const table = encodeOrders(
      cdnowPurchases().map((p) => line(p.customer, "1997-01-01", p.dollars, { day: p.day, quantity: p.cds })),
    );
    expect(table.customers.length).toBe(23570);
    const summary = repeatSummary(table, parseIsoDay("1998-06-30")!);
    const fit = fitGammaGamma(summary.frequency, summary.monetary);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBeGreaterThan(10000);
    expect(Math.abs(fit.impliedMeanSpend! / fit.observedMeanSpend - 1)).toBeLessThan(0.02);
  });

  it("says 'boundary' and does not converge when spend varies between customers no more than chance", () => {
    // Every customer's transactions drawn from one Gamma(4, scale 25): no heterogeneity for q to measure.
    const rand = mulberry32(3);
    const xs: number[] = [];
    const ms: number[] = [];
    for (let c = 0; c < 2000; c++) {
      const x = 1 + Math.floor(rand() * 6);
      let sum = 0;
      for (let k = 0; k < x; k++) sum += gammaVariate(rand, 4) * 25;
      xs.push(x);
      ms.push(sum / x);
    }
    const fit = fitGammaGamma(xs, ms);
    expect(fit.converged).toBe(false);
    expect(fit.problem).toBe("boundary");
  });

  it("needs three repeat customers", () => {
    expect(() => fitGammaGamma([1, 0, 2], [10, 0, 20])).toThrow(/at least 3/);
  });
});
