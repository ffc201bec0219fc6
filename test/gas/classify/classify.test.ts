import { CUSTOMERS } from "../../../src/core/schema/sheets";
import { loadBundle } from "../../../src/local/load-bundle";

const RESULT_HEADERS = CUSTOMERS.columns.filter((c) => c.category === "value").map((c) => c.header.en);
const CUSTOMER_HEADERS = ["CustomerID", "Name", "My notes", ...RESULT_HEADERS];
const ORDER_HEADERS = ["OrderID", "CustomerID", "OrderDate", "Amount", "Channel note"];

function customerRow(id: string, name: string, note: string): unknown[] {
  return [id, name, note, ...RESULT_HEADERS.map((h) => (h === "CreditRisk" ? "A" : ""))];
}

/** 2026-11-23 in Shanghai. Four customers, one prospect, one unknown customer in Orders. */
function seeded(options: { locale?: string; orders?: unknown[][] } = {}) {
  const b = loadBundle({ now: "2026-11-23T04:00:00Z", locale: options.locale ?? "en" });
  const e = b.emulator;
  e.sheetFromValues("Customers", [
    CUSTOMER_HEADERS,
    customerRow("C1", "Acme", "keep me"),
    customerRow("C2", "Beta", "=1+1"),
    customerRow("C3", "Gamma", ""),
    customerRow("C4", "Delta", "vip"),
    customerRow("P1", "Prospect Ltd", ""),
  ]);
  e.sheetFromValues(
    "Orders",
    options.orders ?? [
      ORDER_HEADERS,
      ["O1", "C1", "2026-11-13", 500, "web"],
      ["O1", "C1", "2026-11-13", 300, "web"],
      ["O2", "C1", "2026-10-14", 1200, ""],
      ["O3", "C1", "2026-09-14", 1000, ""],
      ["O4", "C2", "2026-07-01", 300, ""],
      ["O5", "C3", "2025-06-01", 90, ""],
      ["O6", "C4", "2026-11-22", 60, ""],
      ["O7", "X9", "2026-11-01", 50, "unknown"],
    ],
  );
  return b;
}

type Bundle = ReturnType<typeof seeded>;

function values(b: Bundle, name: string): unknown[][] {
  const sheet = b.emulator.snapshot().sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet.values;
}

function column(b: Bundle, header: string): unknown[] {
  const rows = values(b, "Customers");
  const i = rows[0].indexOf(header);
  return rows.slice(1).map((r) => r[i]);
}

describe("classifyNow in the emulator", () => {
  it("writes only the owned result columns, in one block, and keeps user columns", () => {
    const b = seeded();
    const before = values(b, "Customers");
    b.emulator.resetCounts();
    const summary = b.ctx.classifyNow();
    const counts = b.emulator.counts();
    expect(summary).toMatchObject({
      scored: 4,
      prospects: 1,
      orderLines: 8, // the unknown customer's line is read too
      asOf: "2026-11-23",
      unknownCount: 1,
    });
    expect(
      column(b, "Segment")
        .slice(0, 4)
        .every((s) => typeof s === "string" && s !== ""),
    ).toBe(true);
    expect(column(b, "RecencyDays")).toEqual([10, 145, 540, 1, ""]);
    expect(column(b, "Frequency")).toEqual([3, 1, 1, 1, 0]);
    expect(column(b, "Lifecycle")[4]).toBe("Prospect");
    expect(column(b, "R")[4]).toBe("");
    expect(String(column(b, "Why")[0])).toMatch(/^R\d: last order 10 days ago/);
    expect(column(b, "ClassifiedAt")[0]).toBeInstanceOf(Date);
    // CreditRisk belongs to the analysis feature: untouched. So are the user's columns.
    const keep = CUSTOMER_HEADERS.map((h, i) => ({ h, i })).filter(
      ({ h }) => !RESULT_HEADERS.includes(h) || h === "CreditRisk",
    );
    const after = values(b, "Customers");
    for (const { i } of keep) expect(after.map((r) => r[i])).toEqual(before.map((r) => r[i]));
    // One write for the contiguous result block before CreditRisk, one after it; no per-row calls.
    expect(counts["Range.setValue"] ?? 0).toBe(0);
    expect(counts["Range.getValues"]).toBeLessThanOrEqual(6);
  });

  it("reports orders of unknown customers and does not add them", () => {
    const b = seeded();
    b.ctx.menuClassifyNow();
    const alert = JSON.stringify(b.emulator.ui.alerts[b.emulator.ui.alerts.length - 1]);
    expect(alert).toContain("X9 (Orders row 9)");
    expect(alert).toContain("1 customer IDs in Orders are not in Customers");
    expect(column(b, "CustomerID")).toEqual(["C1", "C2", "C3", "C4", "P1"]);
  });

  it("reports unusable order lines by cell and classifies the rest", () => {
    const b = seeded({
      orders: [ORDER_HEADERS, ["O1", "C1", "2026-11-13", "lots", ""], ["O2", "C2", "2026-11-01", 10, ""]],
    });
    const summary = b.ctx.classifyNow();
    expect(summary.problems).toEqual([
      {
        sheet: "Orders",
        a1: "D2",
        value: "lots",
        rule: "amount",
        message: expect.stringContaining("amount"),
      },
    ]);
    expect(column(b, "Frequency")).toEqual([0, 1, 0, 0, 0]);
  });

  it("keeps a Segments summary and one SegmentHistory snapshot per week", () => {
    const b = seeded();
    b.ctx.classifyNow();
    const summary = values(b, "Segments");
    expect(summary[0]).toEqual([
      "Group",
      "Key",
      "Label",
      "Customers",
      "Revenue",
      "Customer share",
      "Revenue share",
    ]);
    expect(summary.filter((r) => r[0] === "Segment")).toHaveLength(11);
    expect(b.ctx.getSegmentSummary().find((r: { key: string }) => r.key === "prospect").customers).toBe(1);
    // Compact rows (WeekStart, Part, "v1;" + "id<TAB>segment" lines), expanded to one row per customer.
    const history = () =>
      values(b, "SegmentHistory")
        .filter((r) => r[0] !== "")
        .flatMap((r, i) =>
          i === 0
            ? [["WeekStart"]]
            : String(r[2])
                .slice(3)
                .split("\n")
                .map((l) => [r[0], ...l.split("\t")]),
        );
    expect(history()).toHaveLength(5);
    expect(history()[1].slice(0, 2)).toEqual(["2026-11-23", "C1"]);
    b.ctx.classifyNow(); // same week: replaced, not appended
    expect(history()).toHaveLength(5);
    b.emulator.clock.set(new Date("2026-12-01T04:00:00Z"));
    b.ctx.classifyNow();
    expect(history().map((r) => r[0])).toEqual([
      "WeekStart",
      ...Array(4).fill("2026-11-23"),
      ...Array(4).fill("2026-11-30"),
    ]);
    expect(b.emulator.spreadsheet.getSheetByName("SegmentHistory")!.isSheetHidden()).toBe(true);
  });

  it("grows the history tab past a new sheet's 1,000 rows", () => {
    const b = loadBundle({ now: "2026-11-23T04:00:00Z" });
    const ids = Array.from({ length: 1_500 }, (_, i) => `K${i}`);
    b.emulator.sheetFromValues("Customers", [CUSTOMER_HEADERS, ...ids.map((id) => customerRow(id, id, ""))]);
    b.emulator.sheetFromValues("Orders", [
      ORDER_HEADERS,
      ...ids.map((id, i) => [`O${i}`, id, "2026-11-01", 10 + i, ""]),
    ]);
    expect(b.ctx.classifyNow().scored).toBe(1_500);
    const week = values(b, "SegmentHistory").filter((r) => r[0] === "2026-11-23");
    expect(week.flatMap((r) => String(r[2]).slice(3).split("\n"))).toHaveLength(1_500);
    expect(week.length).toBeLessThan(5);
  });

  it("writes labels in Chinese for a zh-CN user, with zh-CN headers", () => {
    const b = loadBundle({ now: "2026-11-23T04:00:00Z", locale: "zh_CN" });
    const zhHeaders = [
      "客户编号",
      "客户名称",
      ...CUSTOMERS.columns.filter((c) => c.category === "value").map((c) => c.header["zh-CN"]),
    ];
    b.emulator.sheetFromValues("客户", [zhHeaders, ["C1", "甲", ...Array(zhHeaders.length - 2).fill("")]]);
    b.emulator.sheetFromValues("订单", [
      ["订单编号", "客户编号", "下单日期", "金额"],
      ["O1", "C1", "20261101", "¥1,200"],
    ]);
    b.ctx.classifyNow();
    const rows = values(b, "客户");
    const at = (h: string) => rows[1][rows[0].indexOf(h)];
    expect(at("购买次数")).toBe(1);
    expect(at("消费金额")).toBe(1200);
    expect(String(at("分类依据"))).toContain("最近一次下单在 22 天前");
    expect(at("生命周期")).toBe("新客户");
    expect(values(b, "客户分群汇总")[0][0]).toBe("分组");
  });
});

/** Dispatcher runs are hourly: an add-on's time-driven triggers run at most once an hour. */
const HOUR = 3_600_000;

describe("triggers", () => {
  it("turns the nightly classification on idempotently (one hourly dispatcher) and off", () => {
    const b = seeded();
    b.ctx.menuInstallNightly();
    b.ctx.menuInstallNightly();
    b.ctx.setNightlyClassify(true);
    const clocks = () => b.emulator.triggers().filter((t) => t.eventType === "CLOCK");
    expect(clocks().map((t) => t.handler)).toEqual(["handleDispatch"]);
    expect(b.ctx.getNightlyClassify()).toBe(true);
    b.emulator.advanceAndFire(24 * HOUR);
    expect(column(b, "Segment")[0]).not.toBe("");
    b.ctx.menuRemoveNightly();
    expect(clocks()).toHaveLength(0);
  });

  it("re-classifies once after a burst of edits to Orders, not per edit", () => {
    const b = seeded();
    // The set-up's installable edit trigger:
    const ss = b.emulator.spreadsheet;
    (b.emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp)
      .newTrigger("handleEdit")
      .forSpreadsheet(ss)
      .onEdit()
      .create();
    b.emulator.edit("Orders!D7", 95);
    b.emulator.edit("Orders!D8", 70);
    b.emulator.edit("Customers!C2", "note"); // not Orders: ignored
    b.emulator.edit("Orders!D2", 600);
    const pending = () => b.emulator.triggers().filter((t) => t.handler === "handleDispatch");
    expect(pending()).toHaveLength(1);
    expect(column(b, "Segment")[0]).toBe("");
    const runs = b.emulator.advanceAndFire(HOUR + 60_000);
    expect(runs.filter((r) => r.handler === "handleDispatch")).toEqual([
      expect.objectContaining({ error: null }),
    ]);
    // Nothing else is on: the dispatcher removed its own trigger.
    expect(pending()).toHaveLength(0);
    expect(column(b, "Monetary")[0]).toBe(3100); // D2 edited to 600: 600 + 300 + 1200 + 1000
    expect(values(b, "AuditLog").filter((r) => r.includes("classify"))).toHaveLength(1);
    expect(b.emulator.properties.document.has("classifyDirtySince")).toBe(false);
  });
});

describe("service calls", () => {
  function orders(n: number): unknown[][] {
    const rows: unknown[][] = [ORDER_HEADERS];
    const ids = ["C1", "C2", "C3", "C4", "X9"];
    for (let i = 0; i < n; i++) {
      const day = 1 + (i % 28);
      rows.push([
        `O${i >> 1}`,
        ids[i % 5],
        `2026-${String(1 + (i % 10)).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
        10 + (i % 97),
        "",
      ]);
    }
    return rows;
  }

  it("are the same for 1,000 and 100,000 order rows", () => {
    const callsFor = (n: number) => {
      const b = seeded({ orders: orders(n) });
      b.emulator.resetCounts();
      b.ctx.classifyNow();
      return b.emulator.counts();
    };
    const small = callsFor(1_000);
    const large = callsFor(100_000);
    expect(large).toEqual(small);
  });
});

describe("sheet safety", () => {
  it("never overwrites a user's own Segments tab, and writes formula-like names as text", () => {
    const b = seeded();
    b.emulator.sheetFromValues("Segments", [["My plan"], ["keep"]]);
    b.emulator.properties.document.set(
      "classify",
      JSON.stringify({
        scheme: "tiers",
        tables: {
          tiers: [
            { key: "k", label: { en: "=HYPERLINK(1)", "zh-CN": "=1" }, r: [1, 5], f: [1, 5], m: [1, 5] },
          ],
        },
      }),
    );
    b.ctx.classifyNow();
    expect(values(b, "Segments")).toEqual([["My plan"], ["keep"]]);
    expect(values(b, "Segments (CRM)")[0][0]).toBe("Group");
    // Sheets keeps a leading apostrophe as a text marker; the emulator stores it as typed.
    expect(column(b, "Segment")[0]).toBe("=HYPERLINK(1)");
    const sheet = b.emulator.spreadsheet.getSheetByName("Customers")!;
    expect(sheet.getRange(2, CUSTOMER_HEADERS.indexOf("Segment") + 1).getFormula()).toBe("");
  });

  it("a menu run in between makes the pending re-classification a no-op", () => {
    const b = seeded();
    (b.emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp)
      .newTrigger("handleEdit")
      .forSpreadsheet(b.emulator.spreadsheet)
      .onEdit()
      .create();
    b.emulator.edit("Orders!D7", 95);
    b.ctx.classifyNow();
    b.emulator.advanceAndFire(HOUR + 60_000);
    expect(values(b, "AuditLog").filter((r) => r.includes("classify"))).toHaveLength(1);
  });
});

describe("missing result columns", () => {
  it("says in one sentence that the set-up wizard adds them, and writes nothing", () => {
    const b = loadBundle({ now: "2026-11-23T04:00:00Z" });
    b.emulator.sheetFromValues("Customers", [
      ["CustomerID", "Name", "Segment"],
      ["C1", "A", "mine"],
    ]);
    b.emulator.sheetFromValues("Orders", [ORDER_HEADERS, ["O1", "C1", "2026-11-01", 10, ""]]);
    b.ctx.menuClassifyNow();
    expect(JSON.stringify(b.emulator.ui.alerts[b.emulator.ui.alerts.length - 1])).toContain(
      "Open the set-up wizard",
    );
    expect(values(b, "Customers")).toEqual([
      ["CustomerID", "Name", "Segment"],
      ["C1", "A", "mine"],
    ]);
  });
});

describe("settings server functions", () => {
  it("validate before storing, name bad fields, and drive the next run", () => {
    const b = seeded();
    expect(b.ctx.getClassifySettings().scheme).toBe("rfm10");
    const bad = b.ctx.saveClassifySettings({ bins: 12, abc: { mode: "share" } });
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((p: { path: string }) => p.path)).toEqual(["bins", "abc.mode"]);
    expect(b.emulator.properties.document.has("classify")).toBe(false);
    const good = b.ctx.saveClassifySettings({ scoring: "bands", scheme: "cn8" });
    expect(good.ok).toBe(true);
    b.ctx.classifyNow();
    expect(column(b, "R")[0]).toBe(4); // last order 10 days ago: ≤ 30 days
    expect(column(b, "Segment")[0]).toBe("Important value");
  });

  it("refuses a viewer", () => {
    const b = seeded();
    b.emulator.properties.document.set("roles", JSON.stringify({ "viewer@example.com": "viewer" }));
    b.emulator.setUser("viewer@example.com");
    expect(() => b.ctx.classifyNow()).toThrow(/role \(viewer\)/);
    expect(() => b.ctx.saveClassifySettings({ bins: 3 })).toThrow(/role \(viewer\)/);
    expect(column(b, "Segment")[0]).toBe("");
  });
});
