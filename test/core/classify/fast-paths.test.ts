import fc from "fast-check";
import {
  abcClasses,
  aggregateOrders,
  classifyBook,
  DEFAULT_SETTINGS,
  zoneDayFunction,
  type AbcClass,
  type AbcSettings,
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

describe("order counting while Orders are read", () => {
  // OrderIDs from a small pool, so a customer's IDs rise, fall, repeat apart and are shared with others;
  // some blank, some padded or numeric (the same ID as their text once read).
  const cell = fc.oneof(
    fc.constantFrom("", " ", "A1", "A2", "B1", " A1", "A1 ", "b1"),
    fc.constantFrom(7, 12),
    fc.constantFrom("7", "12"),
  );
  const line = fc.record({
    c: fc.integer({ min: 0, max: 3 }),
    order: cell,
    repeat: fc.integer({ min: 1, max: 3 }),
  });

  it("gives every customer the orders its IDs say, whatever their order", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (drawn) => {
        // `repeat` consecutive lines per draw: the lines of one order usually sit together.
        const lines = drawn.flatMap((l) => Array.from({ length: l.repeat }, () => l));
        const out = classifyBook({
          customers: { name: "Customers", headers: ["CustomerID"], rows: [["C0"], ["C1"], ["C2"], ["C3"]] },
          orders: {
            name: "Orders",
            headers: ["OrderID", "CustomerID", "OrderDate", "Amount"],
            rows: lines.map((l) => [l.order, `C${l.c}`, "2026-01-01", 1]),
          },
          asOf: Date.UTC(2026, 1, 1) / 86_400_000,
          timeZone: "UTC",
          settings: DEFAULT_SETTINGS,
          lang: "en",
        });
        for (const r of out.results) {
          const own = lines.filter((l) => `C${l.c}` === r.customerId).map((l) => String(l.order).trim());
          const expected = own.filter((id) => id === "").length + new Set(own.filter((id) => id !== "")).size;
          expect([r.customerId, r.frequency]).toEqual([r.customerId, expected]);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("ABC ranking", () => {
  /** The definition spelled out: every customer ranked by a comparator sort, spend down, ties by ID. */
  function slowAbc(ids: readonly string[], spend: readonly number[], s: AbcSettings): AbcClass[] {
    const order = ids
      .map((_, i) => i)
      .sort((p, q) => spend[q] - spend[p] || (ids[p] < ids[q] ? -1 : ids[p] > ids[q] ? 1 : 0));
    const result = new Array<AbcClass>(ids.length);
    const total = spend.reduce((sum, v) => (v > 0 ? sum + v : sum), 0);
    let before = 0;
    order.forEach((c, rank) => {
      if (s.mode === "count")
        result[c] = rank < Math.ceil(s.a * ids.length) ? "A" : rank < Math.ceil(s.b * ids.length) ? "B" : "C";
      else {
        const share = total > 0 ? before / total : 1;
        result[c] = spend[c] <= 0 || total <= 0 ? "C" : share < s.a ? "A" : share < s.b ? "B" : "C";
      }
      if (spend[c] > 0) before += spend[c];
    });
    return result;
  }

  it("matches the comparator ranking, ties across a class boundary included", () => {
    const customer = fc.tuple(
      fc.string({ maxLength: 2 }),
      fc.oneof(fc.constantFrom(-1, 0, -0, 1, 2, 5), fc.double({ min: -100, max: 1e4, noNaN: true })),
    );
    const settings = fc.record({
      mode: fc.constantFrom("count" as const, "revenue" as const),
      a: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
      b: fc.double({ min: 0.6, max: 0.95, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(customer, { maxLength: 50 }), settings, (customers, s) => {
        const ids = customers.map((c) => c[0]);
        const spend = customers.map((c) => c[1]);
        expect(abcClasses(ids, spend, s)).toEqual(slowAbc(ids, spend, s));
      }),
      { numRuns: 1000 },
    );
  });
});
