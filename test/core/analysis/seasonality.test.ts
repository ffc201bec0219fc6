import { dayFromCivil, daysInMonth } from "../../../src/core/calendar";
import { monthlySeries, seriesOf } from "../../../src/core/analysis/monthly-series";
import { encodeOrders } from "../../../src/core/analysis/order-table";
import { seasonalIndex, seasonality } from "../../../src/core/analysis/trends";
import type { OrderLine } from "../../../src/core/analysis/types";
import { day, line } from "./fixtures";

/** A factor per calendar month: a September–November peak and a quiet spring (mean 1). */
const PLANTED = [0.9, 0.8, 0.7, 0.7, 0.8, 0.9, 1.0, 1.0, 1.4, 1.5, 1.6, 0.7];

/**
 * One line a day from `from` to `to` (inclusive): revenue per day = trend × the month's factor / the
 * month's days, the trend growing 2 % a month, so months differ by season and growth alone.
 */
function daily(from: string, to: string, category = "Goods"): OrderLine[] {
  const out: OrderLine[] = [];
  for (let d = day(from), i = 0; d <= day(to); d++, i++) {
    const date = new Date(d * 86_400_000);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth();
    const months = (y - 2023) * 12 + m;
    const amount = (10_000 * 1.02 ** months * PLANTED[m]) / daysInMonth(y, m + 1);
    out.push(line(`C${i % 50}`, date.toISOString().slice(0, 10), amount, { category }));
  }
  return out;
}

describe("seasonality by ratio to the centred 12-month moving average", () => {
  it("recovers a planted September–November peak under a growing trend (November the peak, not a trough)", () => {
    const table = encodeOrders(daily("2023-01-01", "2025-12-31"));
    const [total, goods] = seasonality(table, day("2025-12-31"));
    expect(total.enoughHistory).toBe(true);
    expect(total.months).toBe(36);
    // The 2×12 MA of a geometric trend is a hair above the trend's midpoint; the ratios match the factors
    // to about 2 %.
    const mean = PLANTED.reduce((a, b) => a + b) / 12;
    total.index.forEach((v, m) => expect(Math.abs(v! / (PLANTED[m] / mean) - 1)).toBeLessThan(0.02));
    expect(total.peakMonth).toBe(11);
    expect(total.peakSeason).toBe("autumn");
    expect(total.index[10]).toBeGreaterThan(1.4);
    expect(goods.index).toEqual(total.index); // one category: the same series
  });

  it("prorates a partial last month and leaves out a first month covered less than half", () => {
    // Sales from 2023-01-20 (first month 12/31 covered: left out) to an analysis date of 2025-01-20
    // (20/31 covered: prorated to a full month).
    const table = encodeOrders(daily("2023-01-20", "2025-01-20"));
    const series = monthlySeries(table, day("2025-01-20"), 1, () => 0);
    expect(series.months).toBe(24); // 2023-02 … 2025-01
    expect(series.coverage[23]).toBeCloseTo(20 / 31, 12);
    const values = seriesOf(series, 0);
    // January 2025's 20 days scaled to 31: the full month's revenue.
    expect(values[23]).toBeCloseTo(10_000 * 1.02 ** 24 * PLANTED[0], 6);
    const [total] = seasonality(table, day("2025-01-20"));
    expect(total.enoughHistory).toBe(true);
    expect(total.peakMonth).toBe(11);
    // Without prorating, January 2025 would read as a slump: 20/31 of a month.
    expect(total.index[0]).toBeGreaterThan(0.8);
  });

  it("ignores sales after the analysis date and needs 24 months", () => {
    const table = encodeOrders([...daily("2024-01-01", "2025-10-31"), line("X", "2026-05-01", 1e9)]);
    const [total] = seasonality(table, day("2025-10-31"));
    expect(total.months).toBe(22);
    expect(total.enoughHistory).toBe(false);
    expect(total.revenue).toBeLessThan(1e9);
  });

  it("computes the index from the definition on a short example", () => {
    // 24 months, all 100 but one December at 220: only t = 6 … 17 have a centred average.
    const y = new Array(24).fill(100);
    y[11] = 220;
    const index = seasonalIndex(y, 0);
    // December (t = 11): MA = (½·100 + 10·100 + 220 + ½·100) / 12 = 110, ratio 2. Every other t in
    // 6 … 16 has the spike inside its window at full weight (MA 110, ratio 100/110); t = 17 (June) has
    // it at the window's edge, at half weight (MA 105, ratio 100/105).
    const raw = [...new Array(12)].map((_, m) => (m === 11 ? 2 : m === 5 ? 100 / 105 : 100 / 110));
    const mean = raw.reduce((a, b) => a + b) / 12;
    index.forEach((v, m) => expect(v).toBeCloseTo(raw[m] / mean, 12));
    expect(dayFromCivil(2024, 1, 1)).toBe(day("2024-01-01"));
  });
});
