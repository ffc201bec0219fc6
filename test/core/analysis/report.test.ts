import { encodeOrders } from "../../../src/core/analysis/order-table";
import { dateKeyOfDay as isoDate } from "../../../src/core/calendar";
import { buildAnalysis } from "../../../src/core/analysis/report";
import { DEFAULT_ANALYSIS_SETTINGS } from "../../../src/core/analysis/settings";
import { layoutAnalysisSheet } from "../../../src/core/analysis/sheet-layout";
import type { OrderLine } from "../../../src/core/analysis/types";
import { day, line, profile } from "./fixtures";

/** Ten customers buying phones, cases and cables through a year. */
function book() {
  const orders: OrderLine[] = [];
  let n = 0;
  for (let c = 0; c < 10; c++) {
    for (let k = 0; k < 3 + (c % 4); k++) {
      n++;
      const iso = `2025-${String(1 + ((c + 3 * k) % 12)).padStart(2, "0")}-${String(1 + ((7 * c + k) % 27)).padStart(2, "0")}`;
      orders.push(
        line(`C${c}`, iso, 100 + 37 * c + 11 * k, { orderId: `O${n}`, product: "phone", category: "Phones" }),
      );
      if ((c + k) % 2 === 0)
        orders.push(line(`C${c}`, iso, 20, { orderId: `O${n}`, product: "case", category: "Accessories" }));
      else
        orders.push(line(`C${c}`, iso, 15, { orderId: `O${n}`, product: "cable", category: "Accessories" }));
    }
  }
  orders.push(line("C1", "2025-10-01", 500, { orderId: "late", payment: "due", dueDay: day("2025-11-01") }));
  return {
    orders,
    customers: Array.from({ length: 11 }, (_, c) =>
      profile(`C${c}`, { region: c % 2 ? "North" : "South", segment: c < 3 ? "Champions" : "Others" }),
    ),
    feedback: [{ day: day("2025-06-01"), customerId: "C1", rating: 2, category: "", comment: "物流太慢" }],
    asOfDay: day("2025-12-31"),
  };
}

/** The analysis input of a book of lines: the lines encoded once. */
function input(b: ReturnType<typeof book>) {
  return { ...b, table: encodeOrders(b.orders) };
}

describe("the full report and its sheet layout", () => {
  const report = buildAnalysis(input(book()), {
    ...DEFAULT_ANALYSIS_SETTINGS,
    minSupport: 0.1,
    minLift: 1,
    comparisonDays: 180,
  });

  it("ties its parts together consistently", () => {
    const revenue = book().orders.reduce((s, o) => s + o.amount, 0);
    expect(report.asOf).toBe("2025-12-31");
    expect(report.overall.spend.sum).toBeCloseTo(revenue, 9);
    expect(report.monthly.reduce((s, p) => s + p.revenue, 0)).toBeCloseTo(revenue, 9);
    expect(report.quarterly.reduce((s, p) => s + p.orders, 0)).toBe(report.counts.orders);
    for (const rows of Object.values(report.groups)) {
      expect(rows.reduce((s, g) => s + g.customers, 0)).toBe(11);
    }
    expect(report.keyCustomers.pareto.curve.at(-1)!.revenueShare).toBeCloseTo(1);
    expect(report.credit.overdue.map((c) => c.customerId)).toEqual(["C1"]);
    expect(report.feedback.topics[0].topic).toBe("delivery");
    expect(
      report.rules.order.rules.some((r) => r.antecedent.join() === "case" && r.consequent.join() === "phone"),
    ).toBe(true);
    const regions = report.comparisons.regions!;
    expect([regions.a.label, regions.b.label].sort()).toEqual(["North", "South"]);
    expect(regions.a.revenue).toBeGreaterThanOrEqual(regions.b.revenue);
    expect(report.comparisons.owners).toBeNull(); // nobody has an owner
    const periods = report.comparisons.periods!;
    const lastSale = Math.max(...book().orders.map((o) => o.day));
    expect(periods.b.label).toBe(`${isoDate(lastSale - 179)}..${isoDate(lastSale)}`); // 180 days to the last sale
    expect(periods.a.label).toBe(`${isoDate(lastSale - 359)}..${isoDate(lastSale - 180)}`);
    // Ten customers are too few for the classification's BG/NBD: no values, a note instead.
    expect(report.keyCustomers.lifetime.customers).toEqual([]);
    expect(report.keyCustomers.lifetime.note!.en).toContain("too few customers");
    // A year of orders: no seasonality (two years needed), a forecast from the trend or level alone.
    expect(report.seasonality[0].enoughHistory).toBe(false);
    expect(report.forecast.book.months).toBe(12);
    expect(["holt-damped", "ses"]).toContain(report.forecast.book.method);
    expect(report.forecast.segments.map((s) => s.segment).sort()).toEqual(["Champions", "Others"]);
  });

  it("lays the sheet out as one rectangle with titles in bold and charts on real blocks", () => {
    const layout = layoutAnalysisSheet(report, "en");
    expect(layout.values.every((r) => r.length === layout.width)).toBe(true);
    expect(layout.numberFormats.length).toBe(layout.values.length);
    expect(layout.fontWeights[0][0]).toBe("bold");
    const monthRow = layout.values.findIndex((r) => r[0] === "Month");
    expect(layout.values[monthRow + 1][0]).toBe(report.monthly[0].key);
    expect(layout.charts.map((c) => c.type)).toEqual(["COLUMN", "LINE", "LINE", "LINE"]);
    for (const chart of layout.charts) {
      for (const r of chart.ranges) {
        expect(r.row + r.numRows - 1).toBeLessThanOrEqual(layout.values.length);
        expect(String(layout.values[r.row - 1][r.column - 1])).not.toBe(""); // the header cell
      }
      expect(chart.anchorColumn).toBeGreaterThan(layout.width);
    }
    const rows = layout.charts.map((c) => c.anchorRow);
    for (let i = 1; i < rows.length; i++) expect(rows[i] - rows[i - 1]).toBeGreaterThanOrEqual(20);
    // No NaN or Infinity ever reaches a cell.
    expect(layout.values.flat().every((v) => typeof v === "string" || Number.isFinite(v))).toBe(true);
  });

  it("lays out formula-like names from the data as they are (the write door keeps them text, once)", () => {
    const input = { ...book(), table: encodeOrders([]) };
    const orders = book().orders.map((o) =>
      o.product === "cable" ? { ...o, product: '=HYPERLINK("http://x")' } : o,
    );
    const r = buildAnalysis(
      { ...input, table: encodeOrders(orders) },
      { ...DEFAULT_ANALYSIS_SETTINGS, minSupport: 0.1, minLift: 0 },
    );
    const cells = layoutAnalysisSheet(r, "en").values.flat();
    // No apostrophe of its own: src/gas/platform/write-values.ts adds the one Sheets needs; two would show.
    expect(cells).toContain(`=HYPERLINK("http://x")`);
    expect(cells.some((v) => typeof v === "string" && v.startsWith("'"))).toBe(false);
  });

  it("lists the 500 largest groups of a dimension with a group per customer, and says how many there are", () => {
    const orders = Array.from({ length: 700 }, (_, c) =>
      line(`C${c}`, "2025-06-01", 10 + c, { orderId: `O${c}` }),
    );
    const customers = Array.from({ length: 700 }, (_, c) => profile(`C${c}`, { region: `Street ${c}` }));
    const r = buildAnalysis(
      { customers, feedback: [], asOfDay: day("2025-12-31"), table: encodeOrders(orders) },
      DEFAULT_ANALYSIS_SETTINGS,
    );
    expect(r.groups.region).toHaveLength(700);
    for (const [lang, note] of [
      ["en", "The 500 groups with the largest spend of 700 are listed."],
      ["zh-CN", "共 700 个分组，列出消费额最大的 500 个。"],
    ] as const) {
      const rows = layoutAnalysisSheet(r, lang).values.map((row) => row.join("|"));
      // The note follows the section's 500 group rows, under its header.
      const at = rows.findIndex((row) => row.startsWith(`${note}|`));
      expect(at).toBeGreaterThan(500);
      const streets = rows.slice(at - 500, at);
      expect(streets.every((row) => row.startsWith("Street "))).toBe(true);
      expect(rows[at - 501].startsWith("Street ")).toBe(false);
      // The largest spend first: Street 699 (spend 709) is listed, Street 0 (spend 10) is not.
      expect(streets[0].startsWith("Street 699|")).toBe(true);
      expect(rows.some((row) => row.startsWith("Street 0|"))).toBe(false);
    }
  });

  it("speaks Chinese for zh-CN users", () => {
    const layout = layoutAnalysisSheet(report, "zh-CN");
    const text = layout.values.map((r) => r.join("|")).join("\n");
    expect(text).toContain("月度趋势");
    expect(text).toContain("产品关联规则");
    expect(text).not.toContain("Monthly trend");
  });
});
