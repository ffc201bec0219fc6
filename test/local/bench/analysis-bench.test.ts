/**
 * The analysis bench's book: what `generateOrderRows` promises (lines, date order, OrderIDs in that order,
 * about 20 lines a customer, deterministic) and what it is for — a book on which every part of the report
 * runs, the repeat-purchase and spend models converging so that the lifetime values are computed.
 * (The full-size run is `npm run bench -- --only analysis`.)
 */
import { lifetimeValues } from "../../../src/core/analysis/lifetime-value";
import { orderTableOf } from "../../../src/core/analysis/order-table";
import { buildBook } from "../../../src/core/book";
import { dayFromCivil } from "../../../src/core/calendar";
import { analysisBench, generateOrderRows } from "../../../src/local/bench/analysis-bench";

describe("the analysis bench's book", () => {
  const generated = generateOrderRows(40_000);
  const rows = generated.sheet.rows;

  it("holds the lines asked for, in date order, OrderIDs numbered in that order, the same every run", () => {
    expect(rows).toHaveLength(40_000);
    const days = rows.map((r) => (r[2] as Date).getTime());
    expect(days.every((d, i) => i === 0 || d >= days[i - 1])).toBe(true);
    const numbers = rows.map((r) => Number(String(r[0]).slice(1)));
    expect(numbers.every((n, i) => i === 0 || n === numbers[i - 1] || n === numbers[i - 1] + 1)).toBe(true);
    // Three years, with December's lift.
    expect((rows[0][2] as Date).toISOString().slice(0, 4)).toBe("2023");
    expect((rows[rows.length - 1][2] as Date).toISOString().slice(0, 4)).toBe("2025");
    const inDecember = rows.filter((r) => (r[2] as Date).getUTCMonth() === 11).length / rows.length;
    expect(inDecember).toBeGreaterThan(1.2 / 12);
    expect(generateOrderRows(40_000).sheet.rows).toEqual(rows);
    expect(generated.customers).toBeGreaterThan(1_500);
    expect(generated.customers).toBeLessThan(2_700);
  });

  it("is a book the report's models fit: BG/NBD, MBG/NBD and Gamma-Gamma converge and values are computed", () => {
    const table = orderTableOf(buildBook({ orders: generated.sheet }, { timeZone: "UTC" }));
    const life = lifetimeValues(table, dayFromCivil(2026, 1, 1), 12, 0.01);
    expect(life.bgnbd?.converged).toBe(true);
    expect(life.mbgnbd?.converged).toBe(true);
    expect(life.gammaGamma?.converged).toBe(true);
    expect(life.note).toBeNull();
    expect(life.customers.length).toBe(table.customers.length);
    expect(life.customers.every((c) => c.clv !== null && c.clv >= 0)).toBe(true);
    // Customers drop out: some have long stopped buying, and their P(alive) says so.
    expect(life.customers.some((c) => c.pAlive < 0.2)).toBe(true);
  });
});

describe("one full-report run of the analysis bench", () => {
  it("reports where the CPU went: main thread, kernel, pages touched, collector pauses", async () => {
    const run = (await analysisBench(["--report-run", "20000"])) as Record<string, number>;
    expect(run.fullReportCpuMs).toBe(run.bookCpuMs + run.tableCpuMs + run.analysisCpuMs);
    // A report builds new columns: it touches fresh pages, and the kernel's time is part of the CPU figure.
    expect(run.fullReportPageFaults).toBeGreaterThan(0);
    expect(run.fullReportSystemCpuMs).toBeGreaterThanOrEqual(0);
    expect(run.fullReportSystemCpuMs).toBeLessThanOrEqual(run.fullReportCpuMs + 1);
    expect(run.fullReportGcPauseMs).toBeGreaterThanOrEqual(0);
    expect(run.sidebarPayloadBytes).toBeGreaterThan(1000);
  }, 60_000);
});
