import { loadBundle } from "../../../src/local/load-bundle";

const CUSTOMER_HEADERS = [
  "CustomerID",
  "Name",
  "Region",
  "Owner",
  "Gender",
  "Age",
  "My notes",
  "Segment",
  "CreditRisk",
];
const ORDER_HEADERS = [
  "OrderID",
  "CustomerID",
  "OrderDate",
  "Product",
  "Category",
  "Quantity",
  "Amount",
  "PaymentStatus",
  "DueDate",
];

/** A small book: 6 customers (one custom column), orders with phone → case baskets, one overdue debt. */
function seeded(locale = "en") {
  const b = loadBundle({ now: "2026-06-30T04:00:00Z", locale });
  const e = b.emulator;
  e.sheetFromValues("Customers", [
    CUSTOMER_HEADERS,
    ["C1", "Acme", "North", "ann@example.com", "Female", 30, "keep me", "Champions", ""],
    ["C2", "Beta", "North", "bob@example.com", "Male", 41, "=1+1 note", "Loyal", ""],
    ["C3", "Gamma", "South", "ann@example.com", "Male", 52, "", "At Risk", ""],
    ["C4", "Delta", "South", "bob@example.com", "Female", 23, "", "Lost", "old value"],
    ["C5", "Eta", "East", "ann@example.com", "", "", "x", "", ""],
    ["C6", "Zeta", "East", "bob@example.com", "Female", 35, "", "", ""],
  ]);
  const orders: unknown[][] = [ORDER_HEADERS];
  let n = 0;
  const add = (c: string, date: string, products: string[], amount: number, status = "Paid", due = "") => {
    n++;
    for (const p of products)
      orders.push([`O${n}`, c, date, p, p === "case" ? "Accessories" : "Phones", 1, amount, status, due]);
  };
  add("C1", "2026-01-05", ["phone", "case"], 500);
  add("C1", "2026-02-10", ["phone", "case"], 600);
  add("C1", "2026-04-12", ["charger"], 80);
  add("C2", "2026-01-20", ["phone", "case"], 550);
  add("C2", "2026-03-02", ["phone"], 400);
  add("C3", "2026-02-14", ["phone", "case"], 450);
  add("C3", "2026-05-01", ["case"], 30, "Due", "2026-03-01"); // 121 days overdue on 2026-06-30
  add("C4", "2026-03-03", ["charger"], 60);
  add("C5", "2026-05-20", ["phone", "case"], 700);
  add("C5", "2026-06-02", ["phone"], 300);
  add("C6", "2026-06-10", ["case"], 25);
  for (const c of ["C2", "C4", "C6"]) add(c, "2026-06-15", ["charger"], 70);
  e.sheetFromValues("Orders", orders);
  e.sheetFromValues("Feedback", [
    ["Date", "CustomerID", "Rating", "Comment"],
    ["2026-02-01", "C1", 5, "非常满意"],
    ["2026-03-01", "C3", 2, "物流太慢"],
    ["2026-04-01", "C2", 4, "good service"],
  ]);
  return b;
}

function values(b: ReturnType<typeof seeded>, name: string): unknown[][] {
  return b.emulator.snapshot().sheets.find((s) => s.name === name)!.values;
}

describe("Run analysis (bundle in the emulator)", () => {
  it("writes the Analysis sheet with native charts and CreditRisk, leaving user columns untouched", () => {
    const b = seeded();
    const before = values(b, "Customers");
    b.emulator.resetCounts();
    b.ctx.menuRunAnalysis();
    const counts = b.emulator.counts();
    // Batched: the whole Analysis sheet is one block write, CreditRisk one column write; the rest is the
    // audit log's own (creating its sheet, appending the entry). Nothing per row.
    expect(counts["Range.setValues"]).toBeLessThanOrEqual(4);
    expect(counts["Range.setFontWeights"]).toBe(1);
    expect(counts["Range.setNumberFormats"]).toBe(1);
    expect(counts["Range.setValue"] ?? 0).toBe(0);

    const sheet = b.emulator.snapshot().sheets.find((s) => s.name === "Analysis")!;
    const text = sheet.values.map((r) => r.join("|")).join("\n");
    expect(text).toContain("Sheet CRM analysis · As of 2026-06-30");
    expect(text).toContain("Statistics by segment");
    expect(text).toContain("Monthly trend");
    expect(text).toMatch(/\nphone\|case\|/); // the phone → case rule
    expect(text).toContain("Credit risk");
    // The grid holds the tables and the charts right of them (8 spare columns), not a new tab's 1000 × 26.
    const width = Math.max(...sheet.values.map((r) => r.length));
    expect(sheet.maxColumns).toBeLessThanOrEqual(width + 8);
    expect(sheet.maxRows).toBeLessThanOrEqual(
      Math.max(sheet.values.length, ...sheet.charts.map((c) => (c.position?.row ?? 0) + 19)),
    );
    expect(sheet.maxRows * sheet.maxColumns).toBeLessThan(26_000);
    const charts = sheet.charts;
    // Segment spend, monthly trend, Pareto: half a year of orders has no seasonality or forecast chart.
    expect(charts.map((c) => c.type).sort()).toEqual(["COLUMN", "LINE", "LINE"]);
    expect(charts.every((c) => c.ranges.length > 0 && typeof c.options.title === "string")).toBe(true);
    // Each chart reads a block of the Analysis sheet whose first cell is a header written there.
    for (const range of charts.flatMap((c) => c.ranges)) {
      const m = /^'?Analysis'?!([A-Z]+)(\d+):/.exec(range)!;
      expect(m).not.toBeNull();
      const column = m[1].charCodeAt(0) - 64;
      expect(String(sheet.values[Number(m[2]) - 1][column - 1])).not.toBe("");
    }

    const after = values(b, "Customers");
    const riskColumn = CUSTOMER_HEADERS.indexOf("CreditRisk");
    expect(after[3][riskColumn]).toBe("D · 1 overdue · 30.00 · 121 d"); // C3
    expect(after[1][riskColumn]).toBe("A");
    // Every other column, the custom one included, is exactly as before.
    const strip = (rows: unknown[][]) => rows.map((r) => r.filter((_, i) => i !== riskColumn));
    expect(strip(after)).toEqual(strip(before));

    // The job is audited.
    expect(values(b, "AuditLog").some((r) => r.includes("Run analysis"))).toBe(true);
  });

  it("writes a formula-like product name as that text, once, never as a formula", () => {
    const b = seeded();
    // Typed as a user would: the apostrophe keeps "=1+2" as text in the Orders sheet.
    const orders = b.emulator.spreadsheet.getSheetByName("Orders")!;
    values(b, "Orders").forEach((r, i) => {
      if (r[3] === "case") orders.getRange(i + 1, 4).setValue("'=1+2");
    });
    b.ctx.menuRunAnalysis();
    const sheet = b.emulator.spreadsheet.getSheetByName("Analysis")!;
    const range = sheet.getDataRange();
    const shown = range.getValues().flat();
    expect(shown).toContain("=1+2");
    expect(shown).not.toContain("'=1+2");
    expect(
      range
        .getFormulas()
        .flat()
        .filter((f) => f !== ""),
    ).toEqual([]);
  });

  it("runs again without piling up charts, and writes zh-CN labels for a zh user", () => {
    const b = seeded("zh_CN");
    b.ctx.menuRunAnalysis();
    b.ctx.menuRunAnalysis();
    const sheet = b.emulator.snapshot().sheets.find((s) => s.name === "分析")!;
    expect(sheet.charts).toHaveLength(3);
    expect(String(sheet.values[0][0])).toContain("分析报告");
    expect(values(b, "Customers")[3][8]).toBe("D · 逾期 1 笔 · 30.00 · 121 天");
  });

  it("stops on an unreadable cell, names it, and changes nothing", () => {
    const b = seeded();
    b.emulator.spreadsheet.getSheetByName("Orders")!.getRange("G3").setValue("lots");
    const before = b.emulator.snapshot().sheets.filter((s) => s.name !== "AuditLog");
    b.ctx.menuRunAnalysis();
    const alert = b.emulator.ui.alerts[b.emulator.ui.alerts.length - 1] as unknown as {
      message?: string;
      prompt?: string;
    };
    expect(JSON.stringify(alert)).toContain("Orders!G3");
    expect(JSON.stringify(alert)).toContain("lots");
    expect(b.emulator.snapshot().sheets.filter((s) => s.name !== "AuditLog")).toEqual(before);
  });

  it("serves the sidebar: report DTO, comparisons, settings", () => {
    const b = seeded();
    const r = b.ctx.getAnalysis();
    expect(r.ok).toBe(true);
    expect(r.value.counts.customers).toBe(6);
    expect(r.value.rules.order.rules[0]).toBeDefined();
    expect(r.value.credit.overdue.map((c: { customerId: string }) => c.customerId)).toEqual(["C3"]);
    expect(r.value.credit.all).toBeUndefined();

    const p = b.ctx.comparePeriods({
      a: { from: "2026-01-01", to: "2026-03-31" },
      b: { from: "2026-04-01", to: "2026-06-30" },
    });
    expect(p.ok).toBe(true);
    expect(p.value.a.revenue).toBe(500 * 2 + 600 * 2 + 550 * 2 + 400 + 450 * 2 + 60);
    const bad = b.ctx.comparePeriods({
      a: { from: "2026-13-01", to: "2026-03-31" },
      b: { from: "x", to: "2026-06-30" },
    });
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i: { a1: string }) => i.a1)).toEqual(["a.from", "b.from"]);

    const g = b.ctx.compareSegments({
      by: "region",
      a: "North",
      b: "South",
      current: { from: "2026-02-01", to: "2026-06-30" },
      previous: { from: "2026-01-01", to: "2026-01-31" },
    });
    expect(g.ok).toBe(true);
    expect(g.value.a.retention).toBe(1); // C1 and C2 bought in January and again later

    expect(b.ctx.saveAnalysisSettings({ minSupport: 3 }).ok).toBe(false);
    expect(b.ctx.saveAnalysisSettings({ topRules: 5 }).ok).toBe(true);
    expect(b.ctx.getAnalysisSettings().topRules).toBe(5);
  });
});

describe("Analysis and roles", () => {
  it("shows a sales user only their own customers, and refuses them the job and the settings", () => {
    const b = seeded();
    b.emulator.properties.document.set("roles", JSON.stringify({ "ann@example.com": "sales" }));
    b.emulator.setUser("ann@example.com");
    const r = b.ctx.getAnalysis();
    expect(r.ok).toBe(true);
    // Ann owns C1, C3 and C5.
    expect(r.value.counts.customers).toBe(3);
    expect(r.value.keyCustomers.top.map((c: { id: string }) => c.id).sort()).toEqual(["C1", "C3", "C5"]);
    expect(() => b.ctx.saveAnalysisSettings({ topRules: 3 })).toThrow(/does not allow/);
    const before = b.emulator.snapshot();
    expect(() => b.ctx.menuRunAnalysis()).toThrow(/does not allow/);
    expect(b.emulator.snapshot().sheets.find((s) => s.name === "Analysis")).toBeUndefined();
    expect(b.emulator.snapshot().sheets.find((s) => s.name === "Customers")).toEqual(
      before.sheets.find((s) => s.name === "Customers"),
    );
  });
});
