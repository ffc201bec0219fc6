/**
 * The analysis on the demo's own book (2,000 customers, two years of orders to 2026-11-20), through the
 * bundle: what issue 16 measured there — the planted September–November peak, the spend model, the
 * forecast with its backtest, rules of every size, and the sidebar's payload.
 */
import { DEFAULT_SEED, seedBook } from "../../../src/local/demo/seed-data";
import { loadBundle } from "../../../src/local/load-bundle";
import type { AnalysisExport } from "../../../src/gas/analysis/export";

describe("Run analysis on the demo book", () => {
  const bundle = loadBundle({ now: "2026-11-20T04:00:00Z", timeZone: "Asia/Shanghai" });
  for (const s of seedBook(DEFAULT_SEED)) bundle.emulator.sheetFromValues(s.name, s.values);
  bundle.ctx.setUpSheets(); // as the demo: set up first, then classify, then analyse
  bundle.ctx.classifyNow();
  const result = bundle.ctx.analysisExport_() as AnalysisExport;
  if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
  const sheet = bundle.emulator.snapshot().sheets.find((s) => s.name === "Analysis")!;
  const text = sheet.values.map((r) => r.join("|")).join("\n");

  it("finds each category's planted peak months (ratio to the centred moving average, partial months prorated)", () => {
    // seed-data.ts plants the peaks per product: 羽绒服/围巾 Nov–Jan (Apparel), 茶叶礼盒 Jan, Feb, Sep
    // (Food), the office chair Mar–Apr (Furniture), 防晒霜 May–Aug (Beauty). Twenty-four months: Nov 2024
    // is 11/30 covered (left out), Nov 2026 20/30 (prorated).
    const header = sheet.values.findIndex((r) => r[0] === "Month" && r[1] === "All");
    expect(header).toBeGreaterThan(0);
    const column = (name: string) => {
      const c = sheet.values[header].indexOf(name);
      return sheet.values.slice(header + 1, header + 13).map((r) => Number(r[c]));
    };
    const planted: Record<string, number[]> = {
      Apparel: [11, 12, 1],
      Food: [1, 2, 9],
      Furniture: [3, 4],
      Beauty: [5, 6, 7, 8],
    };
    for (const [category, months] of Object.entries(planted)) {
      const index = column(category);
      for (const m of months) expect(index[m - 1]).toBeGreaterThan(1.3);
      const top = [...index.keys()].sort((a, b) => index[b] - index[a]).slice(0, months.length);
      expect(top.map((m) => m + 1).sort((a, b) => a - b)).toEqual([...months].sort((a, b) => a - b));
    }
    // November is a peak month for Apparel, not a trough.
    expect(column("Apparel")[10]).toBeGreaterThan(1.3);
  });

  it("writes the models, the forecast with its backtest MAPE, and five charts", () => {
    expect(result.models.bgnbd.timeUnit).toBe("day");
    expect(result.models.oneTimeBuyers.model).not.toBeNull();
    expect(result.models.forecast.method).not.toBeNull();
    expect(result.models.forecast.backtestMape).toBeGreaterThan(0);
    expect(text).toContain("Revenue forecast (80% interval)");
    expect(text).toContain("Backtest MAPE");
    expect(sheet.charts.map((c) => c.type).sort()).toEqual(["COLUMN", "LINE", "LINE", "LINE", "LINE"]);
    // The spend model is either a converged fit with values, or no values and the reason on the sheet.
    if (result.models.gammaGamma.converged) expect(result.customers.every((c) => c.clv !== null)).toBe(true);
    else {
      expect(result.customers.every((c) => c.clv === null)).toBe(true);
      expect(text).toContain("No lifetime values:");
    }
    expect(result.customers.length).toBeGreaterThan(1500);
    expect(result.customers.every((c) => c.pAlive >= 0 && c.pAlive <= 1)).toBe(true);
  });

  it("keeps every rule in the export, three-item ones included, and lists sound ones first on the sheet", () => {
    expect(result.rules.rules.length).toBeGreaterThan(0);
    expect(result.rules.rules.some((r) => r.antecedent.length + r.consequent.length >= 3)).toBe(true);
    const phone = result.rules.rules.find(
      (r) => r.antecedent.join() === "Smartphone X" && r.consequent.join() === "Phone case",
    )!;
    expect(phone.spurious).toBe("");
    expect(phone.lift).toBeGreaterThan(2);
  });

  it("sends the sidebar at most 50 KB", () => {
    const r = bundle.ctx.getAnalysis();
    expect(r.ok).toBe(true);
    const bytes = Buffer.byteLength(JSON.stringify(r), "utf8");
    console.log(`sidebar analysis payload on the demo book: ${bytes} bytes`);
    expect(bytes).toBeLessThanOrEqual(50 * 1024);
  });
});
