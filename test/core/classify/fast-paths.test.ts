import {
  aggregateOrders,
  classifyBook,
  DEFAULT_SETTINGS,
  zoneDayFunction,
  type OrderLine,
} from "../../../src/core/classify";

/** A deterministic shuffle (LCG), so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Median gap between distinct sorted days, computed the slow, obvious way. */
function slowMedianGap(days: readonly number[]): number | null {
  const distinct = [...new Set(days)].sort((a, b) => a - b);
  const gaps = distinct
    .slice(1)
    .map((d, i) => d - distinct[i])
    .sort((a, b) => a - b);
  if (!gaps.length) return null;
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

describe("aggregation fast paths", () => {
  // A: 40 purchase days (the median takes the long-run sort), IDs rising; B: 5 days, odd gap count;
  // C: 4 days (even gap count), one day with two orders, lines without an OrderID.
  const lines: OrderLine[] = [
    ...Array.from({ length: 40 }, (_, i) => ({
      customerId: "A",
      day: 19_000 + i * i,
      amount: 10,
      orderId: `A${String(i).padStart(3, "0")}`,
    })),
    ...[3, 10, 12, 30, 31].map((d, i) => ({ customerId: "B", day: 19_000 + d, amount: 5, orderId: `B${i}` })),
    { customerId: "C", day: 19_100, amount: 1, orderId: "C1" },
    { customerId: "C", day: 19_100, amount: 1, orderId: "C1" },
    { customerId: "C", day: 19_100, amount: 1, orderId: "C2" },
    { customerId: "C", day: 19_107, amount: 1 },
    { customerId: "C", day: 19_109, amount: 1 },
    { customerId: "C", day: 19_120, amount: 1, orderId: "C0" },
  ];

  it("gives the same aggregates whether a customer's lines arrive sorted or not", () => {
    const sorted = aggregateOrders(lines);
    for (const seed of [1, 2, 3]) expect(aggregateOrders(shuffled(lines, seed))).toEqual(sorted);
    // Reversed: every customer's days and IDs arrive descending, so every sort path runs.
    expect(aggregateOrders([...lines].reverse())).toEqual(sorted);
  });

  it("counts orders and medians like the definitions say", () => {
    const byId = new Map(aggregateOrders(shuffled(lines)).map((a) => [a.customerId, a]));
    for (const id of ["A", "B", "C"]) {
      const own = lines.filter((l) => l.customerId === id);
      expect([id, byId.get(id)!.medianGap]).toEqual([id, slowMedianGap(own.map((l) => l.day))]);
    }
    expect(byId.get("A")).toMatchObject({ orders: 40, purchaseDays: 40 });
    // C1 twice (one order), C2, C0, and two lines without an ID.
    expect(byId.get("C")).toMatchObject({ orders: 5, purchaseDays: 4, medianGap: 7 });
  });
});

describe("zoneDayFunction", () => {
  it("matches a per-instant Intl reading across a DST change, whatever the order of the instants", () => {
    const zone = "America/New_York";
    const day = zoneDayFunction(zone);
    const format = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    const reference = (ms: number) => Date.parse(`${format.format(new Date(ms))}T00:00:00Z`) / 86_400_000;
    // Every 20 minutes around the 2026-03-08 and 2026-11-01 switches, the same instants twice in a row
    // (the previous-hour shortcut) and then shuffled (the map).
    const instants: number[] = [];
    for (const start of [Date.UTC(2026, 2, 7, 12), Date.UTC(2026, 9, 31, 12)])
      for (let t = start; t < start + 2 * 86_400_000; t += 20 * 60_000) instants.push(t, t);
    for (const ms of [...instants, ...shuffled(instants)]) expect([ms, day(ms)]).toEqual([ms, reference(ms)]);
  });
});

describe("Orders reading", () => {
  it("counts lines and first rows of unknown customers met in runs and interleaved", () => {
    const out = classifyBook({
      customers: { name: "Customers", headers: ["CustomerID"], rows: [["K1"], ["K2"]] },
      orders: {
        name: "Orders",
        headers: ["OrderID", "CustomerID", "OrderDate", "Amount"],
        rows: [
          ["O1", "K1", "2026-01-01", 10],
          ["O2", "X1", "2026-01-02", 1],
          ["O2", "X1", "2026-01-02", 2],
          ["O3", "K2", "2026-01-03", 10],
          ["O4", " X2 ", "2026-01-04", 5],
          ["O5", "X1", "2026-01-05", 4],
          ["O6", "K1", "2026-01-06", 10],
          ["O7", "X2", "2026-01-07", 5],
        ],
      },
      asOf: Date.UTC(2026, 1, 1) / 86_400_000,
      timeZone: "UTC",
      settings: DEFAULT_SETTINGS,
      lang: "en",
    });
    expect(out.unknownCustomers).toEqual([
      { customerId: "X1", orderLines: 3, net: 7, firstRow: 3 },
      { customerId: "X2", orderLines: 2, net: 10, firstRow: 6 },
    ]);
    expect(out.results.map((r) => [r.customerId, r.frequency, r.monetary])).toEqual([
      ["K1", 2, 20],
      ["K2", 1, 10],
    ]);
  });
});
