import { dayFromCivil } from "../../../src/core/calendar";
import {
  forecastSeries,
  holdoutLength,
  mape,
  MIN_FORECAST_MONTHS,
  revenueForecasts,
} from "../../../src/core/analysis/forecast";
import { fitSmoothing, project, type SmoothingMethod } from "../../../src/core/analysis/holt-winters";
import { nelderMead } from "../../../src/core/classify/nelder-mead";
import { encodeOrders } from "../../../src/core/analysis/order-table";
import { Z80 } from "../../../src/core/analysis/normal";
import type { OrderLine } from "../../../src/core/analysis/types";
import { mulberry32 } from "../../../src/local/random";
import { cdnowPurchases } from "./cdnow";
import { line } from "./fixtures";

const JAN_2022 = 2022 * 12;

/** A standard normal draw (Box–Muller) from a seeded uniform source. */
function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

describe("revenue forecasts (Holt-Winters chosen by a backtest)", () => {
  it("chooses the additive season for an additive series and the multiplicative one for a multiplicative series", () => {
    const rand = mulberry32(4);
    const season = (m: number) => Math.sin((2 * Math.PI * m) / 12);
    // Additive: the season adds ±300 whatever the level; multiplicative: ±40 % of a level growing fivefold.
    const additive = Array.from(
      { length: 60 },
      (_, t) => 2000 + 10 * t + 300 * season(t) + 20 * normal(rand),
    );
    const multiplicative = Array.from(
      { length: 60 },
      (_, t) => (500 + 40 * t) * (1 + 0.4 * season(t)) * (1 + 0.01 * normal(rand)),
    );
    const a = forecastSeries(additive, JAN_2022);
    const m = forecastSeries(multiplicative, JAN_2022);
    expect(a.method).toBe("holt-winters-additive");
    expect(m.method).toBe("holt-winters-multiplicative");
    expect(a.candidates.map((c) => c.method)).toEqual([
      "holt-winters-additive",
      "holt-winters-multiplicative",
      "holt-damped",
      "ses",
    ]);
    // The choice is the lowest backtest MAPE, and that MAPE is the backtest's own.
    for (const f of [a, m]) {
      expect(f.backtestMape).toBe(Math.min(...f.candidates.map((c) => c.mape!)));
      expect(f.backtestMape).toBeCloseTo(
        mape(
          f.backtest.map((p) => p.actual!),
          f.backtest.map((p) => p.forecast),
        )!,
        12,
      );
      expect(f.backtestMape!).toBeLessThan(0.05);
    }
    expect(a.backtest.map((p) => p.month)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
    ]);
    expect(a.ahead.map((p) => p.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, "0")}`),
    );
    expect(a.ahead.every((p) => p.actual === null)).toBe(true);
  });

  it("gives 80 % intervals that cover about 80 % of what happens next", () => {
    // 200 simulated series of the same additive model: fit on 48 months, check month 49.
    const rand = mulberry32(8);
    let inside = 0;
    const runs = 200;
    for (let k = 0; k < runs; k++) {
      let level = 1000;
      const y: number[] = [];
      for (let t = 0; t < 49; t++) {
        level += 5 + 30 * normal(rand);
        y.push(level + 200 * Math.sin((2 * Math.PI * t) / 12) + 40 * normal(rand));
      }
      const fit = fitSmoothing(y.slice(0, 48), "holt-winters-additive")!;
      const [next] = project(fit, 1, Z80);
      if (y[48] >= next.lower && y[48] <= next.upper) inside++;
    }
    expect(inside / runs).toBeGreaterThan(0.72);
    expect(inside / runs).toBeLessThan(0.88);
  });

  it("fits the parameters the general Nelder–Mead finds on the plain sum of squared errors, to the bit", () => {
    // The fit runs its own allocation-free copy of classify/nelder-mead.ts on a fused objective; both must
    // give what the general minimiser gives on the recursions written out plainly (R's HoltWinters form).
    const logistic = (u: number) => 1 / (1 + Math.exp(-u));
    const logit = (p: number) => Math.log(p / (1 - p));
    const reference = (y: readonly number[], method: SmoothingMethod) => {
      const seasonal = method.startsWith("holt-winters");
      const mult = method === "holt-winters-multiplicative";
      const trended = method !== "ses";
      const m = 12;
      const mean = (from: number) => y.slice(from, from + m).reduce((a, b) => a + b, 0) / m;
      const decode = (v: readonly number[]) => ({
        alpha: logistic(v[0]),
        beta: trended ? logistic(v[1]) : 0,
        gamma: seasonal ? logistic(v[2]) : 0,
        phi: trended ? 0.8 + 0.2 * logistic(v[seasonal ? 3 : 2]) : 1,
      });
      const sse = (v: readonly number[]) => {
        const { alpha, beta, gamma, phi } = decode(v);
        let level = y[0];
        let trend = method === "holt-damped" ? y[1] - y[0] : 0;
        const season: number[] = [];
        if (seasonal) {
          const first = mean(0);
          trend = (mean(m) - first) / m;
          for (let i = 0; i < m; i++) {
            const base = first + trend * (i - (m - 1) / 2);
            season.push(mult ? y[i] / base : y[i] - base);
          }
          level = first + (trend * (m - 1)) / 2;
        }
        let sum = 0;
        for (let t = seasonal ? m : 1; t < y.length; t++) {
          const k = (t - (seasonal ? m : 1)) % m;
          const s = seasonal ? season[k] : 0;
          const base = level + phi * trend;
          const e = y[t] - (mult ? base * s : base + s);
          sum += e * e;
          const next = mult
            ? alpha * (y[t] / s) + (1 - alpha) * base
            : alpha * (y[t] - s) + (1 - alpha) * base;
          if (seasonal)
            season[k] = mult
              ? gamma * (y[t] / next) + (1 - gamma) * s
              : gamma * (y[t] - next) + (1 - gamma) * s;
          trend = trended ? beta * (next - level) + (1 - beta) * phi * trend : 0;
          level = next;
        }
        return sum;
      };
      const start = [logit(0.3), logit(0.1), logit(0.1), logit(0.9)].filter(
        (_, k) => k === 0 || (trended && k !== 2) || (seasonal && k === 2),
      );
      return decode(nelderMead(sse, start, { step: 1, maxIterations: 600, tolerance: 1e-9 }).x);
    };
    const rand = mulberry32(9);
    for (const y of [
      Array.from({ length: 40 }, (_, t) => (800 + 15 * t) * (1 + 0.3 * Math.sin(t / 2)) + 30 * normal(rand)),
      Array.from({ length: 30 }, (_, t) => 500 + 200 * rand() + (t % 12 === 10 ? 400 : 0)),
    ])
      for (const method of [
        "holt-winters-additive",
        "holt-winters-multiplicative",
        "holt-damped",
        "ses",
      ] as const) {
        const fit = fitSmoothing(y, method)!;
        const { alpha, beta, gamma, phi } = reference(y, method);
        expect([fit.alpha, fit.beta, fit.gamma, fit.phi]).toEqual([alpha, beta, gamma, phi]);
      }
  });

  it("widens the interval with the horizon and never forecasts negative revenue", () => {
    const y = Array.from({ length: 30 }, (_, t) => 1000 - 40 * t);
    const f = forecastSeries(y, JAN_2022);
    const widths = f.ahead.map((p) => p.upper - p.lower);
    expect(widths[11]).toBeGreaterThanOrEqual(widths[0]);
    expect(f.ahead.every((p) => p.forecast >= 0 && p.lower >= 0)).toBe(true);
  });

  it("holds out what leaves two seasons to fit, and falls back to trend and level on short histories", () => {
    expect(holdoutLength(60)).toBe(12);
    expect(holdoutLength(30)).toBe(6);
    expect(holdoutLength(26)).toBe(6); // 2 seasonal months would be too few: a quarter of 26
    expect(holdoutLength(18)).toBe(4);
    const short = forecastSeries(
      Array.from({ length: 18 }, (_, t) => 100 + t),
      JAN_2022,
    );
    expect(short.candidates.map((c) => c.method)).toEqual(["holt-damped", "ses"]);
    expect(forecastSeries(new Array(MIN_FORECAST_MONTHS - 1).fill(5), JAN_2022).method).toBeNull();
  });

  it("forecasts the book, each segment and each category from the order lines", () => {
    const rand = mulberry32(2);
    const lines: OrderLine[] = [];
    for (let d = dayFromCivil(2022, 1, 1); d <= dayFromCivil(2025, 12, 31); d++) {
      const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
      const c = Math.floor(rand() * 40);
      lines.push(line(`C${c}`, iso, 50 + rand() * 100, { category: c % 2 ? "Tea" : "Cups" }));
    }
    const table = encodeOrders(lines);
    const report = revenueForecasts(table, dayFromCivil(2025, 12, 31), (c) =>
      table.customers[c] < "C2" ? "VIP" : "Others",
    );
    expect(report.book.months).toBe(48);
    expect(report.book.method).not.toBeNull();
    expect(report.segments.map((s) => s.segment).sort()).toEqual(["Others", "VIP"]);
    expect(report.categories.map((s) => s.category).sort()).toEqual(["Cups", "Tea"]);
    // The backtest's actuals are the months' revenue.
    const december = lines
      .filter((l) => l.day >= dayFromCivil(2025, 12, 1))
      .reduce((s, l) => s + l.amount, 0);
    expect(report.book.backtest.at(-1)!.actual).toBeCloseTo(december, 6);
  });

  it("backtests on CDNOW: 18 months, trend or level only, MAPE reported", () => {
    const table = encodeOrders(
      cdnowPurchases().map((p) => line(p.customer, "1997-01-01", p.dollars, { day: p.day })),
    );
    const report = revenueForecasts(table, dayFromCivil(1998, 6, 30), () => "");
    expect(report.book.months).toBe(18);
    expect(["holt-damped", "ses"]).toContain(report.book.method);
    expect(report.book.backtest).toHaveLength(4);
    expect(report.book.backtestMape).toBeGreaterThan(0);
    expect(report.book.backtestMape).toBeLessThan(0.5);
    expect(report.segments).toEqual([]);
  });
});
