import { readFileSync } from "node:fs";
import path from "node:path";
import type { BtydCustomer } from "../../../src/core/classify/bgnbd";
import {
  fitMbgNbd,
  mbgnbdObjective,
  mbgExpectedPurchases,
  mbgnbdLogLikelihood,
  mbgPAlive,
} from "../../../src/core/analysis/mbgnbd";
import {
  bracketsOf,
  expectationFrom,
  expectedHeadUnder,
  historyOrder,
  pAliveOfHistory,
  expectedUnder,
  pAliveUnder,
  repeatModels,
  type RepeatModelKind,
} from "../../../src/core/analysis/repeat-model";
import {
  bgnbdLogLikelihood,
  bgnbdObjective,
  expectedDenominator,
  fitBgNbd,
  type BgNbdParams,
} from "../../../src/core/classify/bgnbd";
import { churnModel, churnOf } from "../../../src/core/classify/churn";
import { DEFAULT_SETTINGS } from "../../../src/core/classify/settings";
import { whyRenderer } from "../../../src/core/classify/why";
import { SHARED_DATA } from "./cdnow";

/** The 2,357-customer CDNOW cohort of Fader, Hardie & Lee (2005), in weeks. */
function cohort(): BtydCustomer[] {
  return readFileSync(path.join(SHARED_DATA, "cdnow_customers_summary.csv"), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [, x, tx, T] = line.split(",").map(Number);
      return { x, tx, T };
    });
}

/**
 * Every history's expected purchases at each horizon (history i's at out[i · H + h]) composed as the lifetime
 * values compose them (lifetime-value.ts, foldOutlook): histories in (x, T) order, the ₂F₁ brackets once per
 * run of equal (x, T), scaled by P(alive) (MBG/NBD) or divided by the denominator (BG/NBD).
 */
function expectedCurves(
  kind: RepeatModelKind,
  params: BgNbdParams,
  histories: readonly BtydCustomer[],
  horizons: readonly number[],
): Float64Array {
  const H = horizons.length;
  const at = Float64Array.from(horizons);
  const xs = Float64Array.from(histories, (c) => c.x);
  const Ts = Float64Array.from(histories, (c) => c.T);
  const order = historyOrder(xs, Ts);
  const brackets = new Float64Array(H);
  const out = new Float64Array(histories.length * H);
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    const c = histories[i];
    if (j === 0 || xs[order[j - 1]] !== c.x || Ts[order[j - 1]] !== c.T)
      bracketsOf(kind, params, c.x, c.T, at, brackets);
    const head = expectedHeadUnder(kind, params, c.x);
    const scale = kind === "mbgnbd" ? pAliveOfHistory(kind, params, c.x, c.tx, c.T) : 1;
    const divisor = kind === "mbgnbd" ? 1 : expectedDenominator(params, c.x, c.tx, c.T);
    for (let h = 0; h < H; h++) out[i * H + h] = expectationFrom(at[h], head, brackets[h], scale, divisor);
  }
  return out;
}

describe("the repeat models' likelihoods", () => {
  const customers = cohort();
  // Central differences of the mean negative log-likelihood, step 1e-5 in each log-parameter.
  const numeric = (f: (v: readonly number[], g: number[]) => number, v: readonly number[]) =>
    v.map((_, k) => {
      const up = v.slice();
      const down = v.slice();
      up[k] += 1e-5;
      down[k] -= 1e-5;
      return (f(up, [0, 0, 0, 0]) - f(down, [0, 0, 0, 0])) / 2e-5;
    });

  it.each([
    ["BG/NBD", bgnbdObjective],
    ["MBG/NBD", mbgnbdObjective],
  ])("%s: the analytic gradient the fit follows is the likelihood's (central differences)", (_, model) => {
    const { objective } = model(customers);
    for (const v of [
      [0, Math.log(30), 0, 0],
      [Math.log(0.3), Math.log(5), Math.log(0.8), Math.log(2.5)],
      [Math.log(2), Math.log(60), Math.log(3), Math.log(0.4)],
    ]) {
      const gradient = [0, 0, 0, 0];
      expect(Number.isFinite(objective(v, gradient))).toBe(true);
      const expected = numeric(objective, v);
      gradient.forEach((g, k) => expect(g).toBeCloseTo(expected[k], 5));
    }
  });

  it("BG/NBD: the same log-likelihood as the per-customer formula; non-integer x by differences", () => {
    const { objective, customers: n } = bgnbdObjective(customers);
    const v = [Math.log(0.3), Math.log(5), Math.log(0.8), Math.log(2.5)];
    const [r, alpha, a, b] = v.map(Math.exp);
    const direct = customers.reduce((t, c) => t + bgnbdLogLikelihood({ r, alpha, a, b }, c), 0);
    expect(-objective(v, [0, 0, 0, 0]) * n).toBeCloseTo(direct, 6);
    const weeks = customers.map((c) => ({ ...c, x: c.x + 0.5 }));
    const fractional = bgnbdObjective(weeks).objective;
    const gradient = [0, 0, 0, 0];
    fractional(v, gradient);
    numeric(fractional, v).forEach((g, k) => expect(gradient[k]).toBeCloseTo(g, 4));
  });

  it("MBG/NBD: the same log-likelihood as the per-customer formula", () => {
    const { objective, customers: n } = mbgnbdObjective(customers);
    const v = [Math.log(0.5), Math.log(6), Math.log(0.9), Math.log(1.6)];
    const [r, alpha, a, b] = v.map(Math.exp);
    const direct = customers.reduce((t, c) => t + mbgnbdLogLikelihood({ r, alpha, a, b }, c), 0);
    expect(-objective(v, [0, 0, 0, 0]) * n).toBeCloseTo(direct, 6);
  });
});

describe("MBG/NBD and the choice of repeat model", () => {
  const customers = cohort();
  const fit = fitMbgNbd(customers);

  it("reproduces lifetimes' ModifiedBetaGeoFitter on the CDNOW cohort (r 0.525, α 6.183, a 0.891, b 1.614)", () => {
    // lifetimes' test suite (test_estimation.py, ModifiedBetaGeoFitter on cdnow_customers) checks these to 3 decimals.
    const published = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    expect(fit.converged).toBe(true);
    for (const k of Object.keys(published) as (keyof typeof published)[])
      expect(fit.params[k]).toBeCloseTo(published[k], 2);
    expect(customers.reduce((s, c) => s + mbgnbdLogLikelihood(fit.params, c), 0)).toBeCloseTo(
      fit.logLikelihood,
      6,
    );
  });

  it("gives the conditional expectation lifetimes checks against Hardie's sheet (x=2, t_x=30.43, T=38.86, 39 weeks ≈ 1.226)", () => {
    expect(
      Math.abs(mbgExpectedPurchases(fit.params, { x: 2, tx: 30.43, T: 38.86 }, 39) - 1.226),
    ).toBeLessThan(0.05);
    expect(mbgExpectedPurchases(fit.params, { x: 2, tx: 30.43, T: 38.86 }, 0)).toBe(0);
  });

  it("gives one-time buyers a P(alive) below 1 that falls the longer they stay away", () => {
    const recent = mbgPAlive(fit.params, { x: 0, tx: 0, T: 2 });
    const old = mbgPAlive(fit.params, { x: 0, tx: 0, T: 38 });
    expect(recent).toBeLessThan(1);
    expect(old).toBeLessThan(recent);
    expect(old).toBeGreaterThan(0);
    // Under BG/NBD the same customer is certainly alive.
    expect(pAliveUnder("bgnbd", fit.params, { x: 0, tx: 0, T: 38 })).toBe(1);
    expect(pAliveUnder("mbgnbd", fit.params, { x: 0, tx: 0, T: 38 })).toBe(old);
  });

  it("fits both models on the same customers and chooses the higher likelihood (MBG/NBD on CDNOW, by 0.3)", () => {
    const ids = customers.map((_, i) => `C${i}`);
    const models = repeatModels(ids, customers, { minCustomers: 50, minRepeatBuyers: 20 });
    expect(models.fittedOn).toBe(2357);
    // The BG/NBD fit is the paper's (the classification's reference, test/core/classify/bgnbd.test.ts).
    expect(models.bgnbd!.params.r).toBeCloseTo(0.243, 3);
    expect(models.bgnbd!.logLikelihood).toBeCloseTo(-9582.4, 0);
    expect(models.mbgnbd!.logLikelihood).toBeGreaterThan(models.bgnbd!.logLikelihood);
    expect(models.chosen).toBe("mbgnbd");
    expect(models.reason).toBeNull();
  });

  it("chooses BG/NBD when the data come from it with no dropout at the first purchase", () => {
    // Simulated BG/NBD customers: every one buys again at least once before dropping out can start.
    let seed = 11;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const sim: BtydCustomer[] = [];
    for (let c = 0; c < 1500; c++) {
      const T = 100 + rand() * 265;
      const rate = -Math.log(rand()) * 0.05;
      const p = 0.05 + rand() * 0.1;
      let t = 0;
      let x = 0;
      let last = 0;
      for (;;) {
        t += -Math.log(rand()) / rate;
        if (t > T) break;
        x++;
        last = t;
        if (rand() < p) break;
      }
      sim.push({ x, tx: Math.round(last), T: Math.round(T) });
    }
    const models = repeatModels(
      sim.map((_, i) => `S${i}`),
      sim,
      { minCustomers: 50, minRepeatBuyers: 20 },
    );
    expect(models.chosen).toBe("bgnbd");
  });

  it("says why when the book is too small", () => {
    const few = customers.slice(0, 10);
    expect(
      repeatModels(
        few.map((_, i) => `C${i}`),
        few,
        { minCustomers: 50, minRepeatBuyers: 20 },
      ),
    ).toMatchObject({
      chosen: null,
      reason: "few-customers",
      bgnbd: null,
    });
  });
});

describe("expected purchases of many customers at many horizons", () => {
  it("gives expectedUnder's values bit for bit, shared (x, T) or not, and NaN where the series fails", () => {
    const customers = cohort();
    // Customers sharing (x, T) with different t_x, and an extreme one (2,000 repeats at T ≈ 0) whose
    // untransformed series overflowed: after Euler's transformation its upper parameters stay small.
    const histories: BtydCustomer[] = [
      ...customers.slice(0, 400),
      { x: 3, tx: 10, T: 38 },
      { x: 3, tx: 30, T: 38 },
      { x: 0, tx: 0, T: 38 },
      { x: 2000, tx: 0.001, T: 0.001 },
    ];
    const horizons = [0, 4, 13, 26, 39, 52];
    for (const [kind, params] of [
      ["bgnbd", fitBgNbd(customers).params],
      ["mbgnbd", fitMbgNbd(customers).params],
    ] as const) {
      const curves = expectedCurves(kind, params, histories, horizons);
      histories.forEach((c, i) =>
        horizons.forEach((t, h) => {
          let want: number;
          try {
            want = expectedUnder(kind, params, c, t);
          } catch {
            want = NaN;
          }
          expect(
            Object.is(curves[i * horizons.length + h], want) ||
              (isNaN(want) && isNaN(curves[i * horizons.length + h])),
          ).toBe(true);
        }),
      );
      expect(Number.isFinite(curves[(histories.length - 1) * horizons.length + 5])).toBe(true);
      // A series that cannot converge (z within 1e-10 of 1: α + T ≈ 0) is NaN, not a failed run.
      const stuck = expectedCurves(kind, { ...params, alpha: 1e-9 }, [{ x: 0, tx: 0, T: 0 }], [0, 52]);
      expect(stuck[0]).toBe(0);
      expect(stuck[1]).toBeNaN();
    }
  });
});

describe("the classification's churn model", () => {
  it("uses MBG/NBD when it fits better: one-time buyers get a P(alive), and the why names the model", () => {
    const customers = cohort();
    const ids = customers.map((_, i) => `C${i}`);
    const model = churnModel(ids, customers, { minCustomers: 50, minRepeatBuyers: 20, horizonDays: 90 });
    expect(model.kind).toBe("bgnbd");
    if (model.kind !== "bgnbd") return;
    expect(model.model).toBe("mbgnbd");
    const oneTime = churnOf(
      model,
      { x: 0, tx: 0, T: 38 },
      { orders: 1, purchaseDays: 1, recency: 38 * 7, medianGap: NaN },
      DEFAULT_SETTINGS.lifecycle,
      90,
    );
    expect(oneTime.pAlive).toBeCloseTo(mbgPAlive(model.params, { x: 0, tx: 0, T: 38 }), 12);
    expect(oneTime.pAlive!).toBeLessThan(1);
    const interval = [{ lo: 0, hi: 10, loClosed: true, hiClosed: false }];
    const why = whyRenderer({ r: interval, f: interval, m: interval, lang: "en", currency: "$", model });
    expect(
      why({
        recency: 266,
        orders: 1,
        monetary: 20,
        r: 1,
        f: 1,
        m: 1,
        segment: "Lost",
        lifecycle: "One-time",
        medianGap: NaN,
        pAlive: oneTime.pAlive,
      }),
    ).toMatch(/; P\(alive\) \d+% \(MBG\/NBD\)$/);
  });
});
