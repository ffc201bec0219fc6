import {
  abcClasses,
  aggregateOrders,
  churnOf,
  classifyBook,
  DEFAULT_SETTINGS,
  formatNumber,
  lifecycleStage,
  migrationMatrix,
  quantileType7,
  rfmBreaks,
  scoreRfm,
  summarize,
  validateSettings,
  type ClassifySettings,
} from "../../../src/core/classify";
import { whyRenderer } from "../../../src/core/classify/why";
import { amountOfCell } from "../../../src/core/book";
import { dayOfCell, dayOfDateKey as dayOfIso, zoneDayFunction } from "../../../src/core/calendar";

const AS_OF = dayOfIso("2024-06-30");

/** A small book computed by hand below. */
const CUSTOMER_ROWS = [["C1"], ["C2"], ["C3"], ["C4"], ["P1"]];
const ORDER_ROWS: unknown[][] = [
  // OrderID, CustomerID, OrderDate, Amount
  ["O1", "C1", "2024-06-20", 500],
  ["O1", "C1", "2024-06-20", 300], // second line of O1: one order
  ["O2", "C1", "2024-05-21", 1200],
  ["O3", "C1", "2024-04-21", 1000],
  ["", "C2", "2024-03-01", 200], // rows without an ID count once each
  ["", "C2", "2024-03-01", 100],
  ["O4", "C3", "2023-06-01", 90],
  ["O5", "C4", "2024-06-29", 60],
  ["O6", "C4", "2024-06-30", -20], // refund
  ["O7", "X9", "2024-06-01", 50], // unknown customer
  ["O8", "C2", "not a date", 10],
  ["O9", "C2", "2024-07-01", 10], // after the analysis date
  ["O10", "C3", "2024-01-01", "abc"],
];

function run(settings: ClassifySettings = DEFAULT_SETTINGS, lang: "en" | "zh-CN" = "en") {
  return classifyBook({
    customers: {
      name: "Customers",
      headers: ["CustomerID", "Name"],
      rows: CUSTOMER_ROWS.map((r) => [...r, "n"]),
    },
    orders: { name: "Orders", headers: ["OrderID", "CustomerID", "OrderDate", "Amount"], rows: ORDER_ROWS },
    asOf: AS_OF,
    timeZone: "Asia/Shanghai",
    settings,
    lang,
  });
}

describe("hand-computed book", () => {
  const out = run();
  const by = new Map(out.results.map((r) => [r.customerId, r]));

  it("aggregates orders: distinct OrderIDs, rows without ID once each, refunds negative", () => {
    expect([...by.keys()]).toEqual(["C1", "C2", "C3", "C4"]);
    expect(by.get("C1")).toMatchObject({ frequency: 3, monetary: 3000, recencyDays: 10 });
    expect(by.get("C2")).toMatchObject({ frequency: 2, monetary: 300, recencyDays: 121 });
    expect(by.get("C3")).toMatchObject({ frequency: 1, monetary: 90, recencyDays: 395 });
    expect(by.get("C4")).toMatchObject({ frequency: 2, monetary: 40, recencyDays: 0 });
    // BTYD inputs: C1 bought on 3 distinct days, first 70 days before the analysis date.
    expect(by.get("C1")!.btyd).toEqual({ x: 2, tx: 60, T: 70 });
    expect(by.get("C2")!.btyd).toEqual({ x: 0, tx: 0, T: 121 });
  });

  it("scores by the rfm package's quantile bins", () => {
    // Recency 0, 10, 121, 395 → breaks at q(.2,.4,.6,.8) + 1 = 7, 33.2, 99.8, 231.6 → bins 1, 2, 4, 5.
    expect(["C4", "C1", "C2", "C3"].map((id) => by.get(id)!.r)).toEqual([5, 4, 2, 1]);
    // Frequency 1, 2, 2, 3 → q = 1.6, 2, 2, 2.4 (+1: 2.6, 3, 3, 3.4): 1, 2 → bin 1; 3 → bin 4 (bin 3 empty).
    expect(["C3", "C2", "C4", "C1"].map((id) => by.get(id)!.f)).toEqual([1, 1, 1, 4]);
    // Monetary 40, 90, 300, 3000 → breaks 71, 133, 259, 1381 → bins 1, 2, 4, 5.
    expect(["C4", "C3", "C2", "C1"].map((id) => by.get(id)!.m)).toEqual([1, 2, 4, 5]);
  });

  it("segments by the first matching row of the ten-segment table", () => {
    expect(by.get("C1")!.segment.key).toBe("potential_loyalist"); // 4-4-5
    expect(by.get("C4")!.segment.key).toBe("new_customers"); // 5-1-1
    expect(by.get("C3")!.segment.key).toBe("lost"); // 1-1-2
    expect(by.get("C2")!.segment.key).toBe("about_to_sleep"); // 2-1-4
  });

  it("gives prospects no scores, and reports unknown customers and bad cells by address", () => {
    expect(out.prospects).toEqual(["P1"]);
    const row = 4; // P1 is the fifth data row
    expect(out.columns.get("Lifecycle")![row]).toBe("Prospect");
    expect(out.columns.get("R")![row]).toBe("");
    expect(out.columns.get("Segment")![row]).toBe("");
    expect(out.unknownCustomers).toEqual([{ customerId: "X9", orderLines: 1, net: 50, firstRow: 11 }]);
    expect(out.problems.map((p) => [p.a1, p.rule, p.value])).toEqual([
      ["C12", "date", "not a date"],
      ["C13", "future-date", "2024-07-01"],
      ["D14", "amount", "abc"],
    ]);
  });

  it("ABC by customer share: top 20% A, next 50% B", () => {
    expect(["C1", "C2", "C3", "C4"].map((id) => by.get(id)!.abc)).toEqual(["A", "B", "B", "C"]);
  });

  it("lifecycle uses the rhythm: C1 buys every 30 days, C3 is lost, C4 repeat", () => {
    expect(by.get("C1")!.lifecycle).toBe("repeat");
    expect(by.get("C3")!.lifecycle).toBe("lost");
    expect(by.get("C4")!.lifecycle).toBe("repeat");
    // Two orders without IDs on one day: repeat, judged without a rhythm (121 quiet days < 180).
    expect(by.get("C2")!.lifecycle).toBe("repeat");
  });

  it("falls back to the rhythm rule for churn on a tiny book and says why", () => {
    expect(out.model).toMatchObject({ kind: "rhythm", reason: "few-customers", customers: 4 });
    expect(by.get("C1")!.pAlive).toBeNull();
    expect(by.get("C1")!.why).toBe(
      "R4: last order 10 days ago (≥ 7, < 33.2); F4: 3 orders (≥ 3, < 3.4); M5: ¥3,000 (≥ ¥1,381) → Potential Loyalist; " +
        "Repeat (usual gap 30 days); churn by purchase rhythm (BG/NBD not used: 4 customers with orders < 50)",
    );
  });

  it("writes the why in Chinese", () => {
    const zh = run(DEFAULT_SETTINGS, "zh-CN");
    const c1 = zh.results.find((r) => r.customerId === "C1")!;
    expect(c1.why).toContain("最近一次下单在 10 天前");
    expect(c1.why).toContain("→ 潜在忠诚客户");
    expect(zh.columns.get("Lifecycle")![4]).toBe("潜在客户");
  });

  it("summarises counts, revenue and shares per segment, class and stage", () => {
    const rows = summarize(out, DEFAULT_SETTINGS, "en");
    const seg = rows.find((r) => r.group === "segment" && r.key === "potential_loyalist")!;
    expect(seg).toMatchObject({ customers: 1, revenue: 3000, customerShare: 0.2 });
    expect(seg.revenueShare).toBeCloseTo(3000 / 3430, 12);
    expect(rows.find((r) => r.group === "lifecycle" && r.key === "prospect")!.customers).toBe(1);
    expect(rows.filter((r) => r.group === "segment")).toHaveLength(11);
  });
});

describe("fixed bands (seed 004)", () => {
  const bands = validateSettings({ scoring: "bands", bands: { frequency: [2, 3], monetary: [100, 1000] } });
  if (!bands.ok) throw new Error("settings");
  it("scores recency ≤ 30 → 4, ≤ 90 → 3, ≤ 180 → 2, else 1; F and M by the user's bands", () => {
    const s = scoreRfm(
      {
        recency: [0, 30, 31, 90, 180, 181],
        frequency: [1, 2, 3, 4, 1, 1],
        monetary: [99, 100, 999, 1000, 0, -5],
      },
      bands.settings,
    );
    expect([...s.r.scores]).toEqual([4, 4, 3, 3, 2, 1]);
    expect([...s.f.scores]).toEqual([1, 2, 3, 3, 1, 1]);
    expect([...s.m.scores]).toEqual([1, 2, 2, 3, 1, 1]);
    expect(s.r.intervals[3]).toEqual({ lo: -Infinity, hi: 30, loClosed: false, hiClosed: true });
  });
});

describe("quantile edge cases", () => {
  it("computes R's type 7 quantiles", () => {
    expect(quantileType7([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileType7([10], 0.3)).toBe(10);
    expect(quantileType7([1, 2, 3, 4, 5], 0.2 * 3)).toBe(3.4000000000000004);
  });

  it("one customer or all-equal values: everyone in bin 1 (R = n, F = M = 1)", () => {
    expect([...rfmBreaks([7], 5)]).toEqual([7, 8, 8, 8, 8, 8]);
    const s = scoreRfm({ recency: [5, 5, 5], frequency: [2, 2, 2], monetary: [9, 9, 9] }, DEFAULT_SETTINGS);
    expect([...s.r.scores]).toEqual([5, 5, 5]);
    expect([...s.f.scores]).toEqual([1, 1, 1]);
  });

  it("an empty book classifies to nothing", () => {
    const out = classifyBook({
      customers: { name: "Customers", headers: ["CustomerID"], rows: [] },
      orders: null,
      asOf: AS_OF,
      timeZone: "UTC",
      settings: DEFAULT_SETTINGS,
      lang: "en",
    });
    expect(out.results).toEqual([]);
  });
});

describe("segment schemes", () => {
  it("cn8 compares with the means: above-mean spend and recent → 重要价值客户", () => {
    const s = validateSettings({ scheme: "cn8" });
    if (!s.ok) throw new Error("settings");
    const by = new Map(run(s.settings, "zh-CN").results.map((r) => [r.customerId, r]));
    // Means: recency 131.5 days, 2 orders, 857.5.
    expect(by.get("C1")!.segment.label["zh-CN"]).toBe("重要价值客户");
    expect(by.get("C4")!.segment.label["zh-CN"]).toBe("一般价值客户");
    expect(by.get("C3")!.segment.label["zh-CN"]).toBe("一般挽留客户");
    expect(by.get("C1")!.why).toContain("对比均值 131.5 天、2 单、¥857.5");
  });

  it("tiers: important, potential, normal", () => {
    const s = validateSettings({ scheme: "tiers" });
    if (!s.ok) throw new Error("settings");
    const by = new Map(run(s.settings).results.map((r) => [r.customerId, r.segment.key]));
    expect(Object.fromEntries(by)).toEqual({ C1: "important", C2: "normal", C3: "normal", C4: "potential" });
  });

  it("every segment name exists in both languages", () => {
    const { rfm10, cn8, tiers } = DEFAULT_SETTINGS.tables;
    for (const s of [...rfm10, ...cn8, ...tiers]) {
      expect(s.label.en).toMatch(/\w/);
      expect(s.label["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("ABC by revenue share", () => {
  it("A while the revenue ranked before is under 80%, B under 95%, ties by ID", () => {
    // Ranked b 70, c 10, d 10, a 5, e 5: before each 0%, 70%, 80%, 90%, 95%.
    const ids = ["d", "c", "b", "a", "e"];
    const spend = [10, 10, 70, 5, 5];
    expect(abcClasses(ids, spend, { mode: "revenue", a: 0.8, b: 0.95 })).toEqual(["B", "A", "A", "B", "C"]);
    expect(abcClasses(["x"], [0], { mode: "revenue", a: 0.8, b: 0.95 })).toEqual(["C"]);
  });
});

describe("lifecycle", () => {
  const s = DEFAULT_SETTINGS.lifecycle;
  it("at risk by the customer's own rhythm, not only a fixed cut-off", () => {
    const weekly = { orders: 10, purchaseDays: 10, medianGap: 7 };
    expect(lifecycleStage({ ...weekly, recency: 20 }, s)).toBe("loyal");
    expect(lifecycleStage({ ...weekly, recency: 31 }, s)).toBe("at_risk");
    const quarterly = { orders: 4, purchaseDays: 4, medianGap: 90 };
    expect(lifecycleStage({ ...quarterly, recency: 150 }, s)).toBe("repeat");
    expect(lifecycleStage({ ...quarterly, recency: 181 }, s)).toBe("at_risk");
    expect(lifecycleStage({ ...quarterly, recency: 400 }, s)).toBe("lost");
    expect(lifecycleStage({ orders: 0, purchaseDays: 0, medianGap: NaN, recency: 0 }, s)).toBe("prospect");
  });
});

describe("settings", () => {
  it("fills defaults and names bad fields", () => {
    expect(validateSettings(undefined)).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
    const bad = validateSettings({ bins: 1, bands: { frequency: [3, 2] }, abc: { a: 0.9, b: 0.5 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.path)).toEqual(["bins", "bands.frequency", "abc"]);
    const table = (key: string, en: string) => [
      { key, label: { en, "zh-CN": "甲" }, r: [1, 5], f: [1, 5], m: [1, 5] },
    ];
    const keys = validateSettings({ tables: { tiers: table("=k", "A") } });
    expect(keys.ok ? [] : keys.problems.map((p) => p.path)).toEqual(["tables.tiers"]);
    expect(validateSettings({ tables: { tiers: table("k", " ") } }).ok).toBe(false);
    expect(validateSettings({ tables: { tiers: Array(21).fill(table("k", "A")[0]) } }).ok).toBe(false);
    expect(validateSettings({ tables: { tiers: table("vip", "VIP") } }).ok).toBe(true);
  });
});

describe("cells", () => {
  const zoneDay = zoneDayFunction("Asia/Shanghai");
  it("reads dates as the spreadsheet shows them", () => {
    const day = dayOfIso("2024-03-05");
    expect(dayOfCell("2024-03-05", zoneDay)).toBe(day);
    expect(dayOfCell("20240305", zoneDay)).toBe(day);
    expect(dayOfCell(20240305, zoneDay)).toBe(day);
    expect(dayOfCell("2024年3月5日", zoneDay)).toBe(day);
    // Midnight in Shanghai is 16:00 UTC the day before.
    expect(dayOfCell(new Date("2024-03-04T16:00:00Z"), zoneDay)).toBe(day);
    expect(dayOfCell(45356, zoneDay)).toBe(day);
    expect(dayOfCell("2024-02-30", zoneDay)).toBeNaN();
    // Text goes through the table feature's parser: the same dates as everywhere in the add-on.
    expect(dayOfCell("03/05/2024", zoneDay, "en")).toBe(day);
    expect(dayOfCell("05/03/2024", zoneDay, "zh-CN")).toBe(day);
    expect(dayOfCell("", zoneDay)).toBeNaN();
  });
  it("reads amounts with symbols, separators and refunds", () => {
    expect(amountOfCell("¥1,234.50")).toBe(1234.5);
    expect(amountOfCell("(20)")).toBe(-20);
    expect(amountOfCell("-3")).toBe(-3);
    expect(amountOfCell("１２元")).toBe(12);
    expect(amountOfCell("")).toBeNaN();
    expect(amountOfCell("12abc")).toBeNaN();
    expect(amountOfCell("1.2万")).toBe(12000);
  });
});

describe("aggregateOrders and migrationMatrix", () => {
  it("aggregates parsed lines for other features", () => {
    const a = aggregateOrders([
      { customerId: "b", day: 10, amount: 5, orderId: "1" },
      { customerId: "a", day: 3, amount: 7 },
      { customerId: "b", day: 20, amount: 5, orderId: "2" },
      { customerId: "b", day: 40, amount: 5, orderId: "3" },
    ]);
    expect(a.map((c) => c.customerId)).toEqual(["a", "b"]);
    expect(a[1]).toMatchObject({
      orders: 3,
      net: 15,
      averageOrder: 5,
      medianGap: 15,
      firstDay: 10,
      lastDay: 40,
    });
    expect(a[0].medianGap).toBeNull();
  });

  it("cross-tabulates segment moves, with new and departed customers", () => {
    const m = migrationMatrix(
      new Map([
        ["1", "lost"],
        ["2", "champions"],
        ["3", "champions"],
      ]),
      new Map([
        ["1", "champions"],
        ["2", "champions"],
        ["4", "lost"],
      ]),
    );
    expect(m.from).toEqual(["champions", "lost", ""]);
    expect(m.to).toEqual(["champions", "lost", ""]);
    expect(m.counts).toEqual([
      [1, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });
});

describe("formatNumber", () => {
  it("groups thousands, rounds and drops trailing zeros", () => {
    expect(formatNumber(82000)).toBe("82,000");
    expect(formatNumber(1234567.891)).toBe("1,234,567.89");
    expect(formatNumber(10, 0)).toBe("10");
    expect(formatNumber(0.5, 0)).toBe("1");
    expect(formatNumber(-1200.1)).toBe("-1,200.1");
    expect(formatNumber(-0.001)).toBe("0");
    expect(formatNumber(857.5, 1)).toBe("857.5");
    expect(formatNumber(3.05)).toBe("3.05");
    expect(formatNumber(100)).toBe("100");
  });
});

describe("churn under BG/NBD", () => {
  const model = {
    kind: "bgnbd",
    params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    customers: 100,
    repeatBuyers: 50,
    fittedOn: 100,
  } as const;
  const life = DEFAULT_SETTINGS.lifecycle;

  it("judges one-time buyers by the rhythm rule and gives them no P(alive), since the model keeps them alive", () => {
    const quiet = churnOf(
      model,
      { x: 0, tx: 0, T: 300 },
      { orders: 1, purchaseDays: 1, recency: 300, medianGap: NaN },
      life,
      90,
    );
    expect(quiet.pAlive).toBeNull();
    expect(quiet.expected!).toBeGreaterThan(0);
    expect(quiet.risk).toBe("high");
    const fresh = churnOf(
      model,
      { x: 0, tx: 0, T: 10 },
      { orders: 1, purchaseDays: 1, recency: 10, medianGap: NaN },
      life,
      90,
    );
    expect(fresh.risk).toBe("low");
  });

  it("rates repeat buyers by P(alive)", () => {
    const active = churnOf(
      model,
      { x: 6, tx: 38, T: 39 },
      { orders: 7, purchaseDays: 7, recency: 1, medianGap: 6 },
      life,
      90,
    );
    const gone = churnOf(
      model,
      { x: 6, tx: 5, T: 39 },
      { orders: 7, purchaseDays: 7, recency: 34, medianGap: 1 },
      life,
      90,
    );
    expect(active.risk).toBe("low");
    expect(gone.risk).toBe("high");
    expect(gone.pAlive!).toBeLessThan(0.4);
    expect(active.expected!).toBeGreaterThan(gone.expected!);
  });
});

describe("the why under BG/NBD", () => {
  const intervals = [1, 2, 3].map((k) => ({ lo: k * 10, hi: k * 10 + 10, loClosed: true, hiClosed: false }));
  const render = (lang: "en" | "zh-CN") =>
    whyRenderer({
      r: intervals,
      f: intervals,
      m: intervals,
      lang,
      currency: "$",
      model: {
        kind: "bgnbd",
        params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
        customers: 100,
        repeatBuyers: 50,
        fittedOn: 100,
      },
    });
  const parts = {
    recency: 12,
    orders: 5,
    monetary: 25,
    r: 2,
    f: 3,
    m: 2,
    segment: "Loyal Customers",
    lifecycle: "Repeat",
    medianGap: NaN,
  };

  it("states P(alive) for a repeat buyer and the rhythm rule for a one-time buyer", () => {
    expect(render("en")({ ...parts, pAlive: 0.42 })).toMatch(/; P\(alive\) 42%$/);
    expect(render("en")({ ...parts, pAlive: null })).toMatch(
      /; one-time buyer: churn by purchase rhythm \(BG\/NBD needs a repeat purchase\)$/,
    );
    expect(render("zh-CN")({ ...parts, pAlive: null })).toContain("仅购买一次");
  });
});
