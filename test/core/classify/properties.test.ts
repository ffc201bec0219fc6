import fc from "fast-check";
import {
  classifyBook,
  DEFAULT_SETTINGS,
  isoOfDay,
  validateSettings,
  type ClassifySettings,
} from "../../../src/core/classify";

const AS_OF = 20_000; // 2024-10-04

/** An order line: customer index, days before the analysis date, amount, optional order number. */
const line = fc.record({
  c: fc.integer({ min: 0, max: 11 }),
  ago: fc.integer({ min: 0, max: 800 }),
  amount: fc.oneof(fc.integer({ min: -50, max: 5000 }), fc.double({ min: 0, max: 1e4, noNaN: true })),
  order: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
});
const book = fc.array(line, { minLength: 1, maxLength: 60 });
const settingsArb = fc
  .record({
    scoring: fc.constantFrom("quantile", "bands"),
    bins: fc.integer({ min: 2, max: 10 }),
    scheme: fc.constantFrom("rfm10", "cn8", "tiers"),
    abc: fc.record({ mode: fc.constantFrom("count", "revenue"), a: fc.constant(0.2), b: fc.constant(0.7) }),
  })
  .map((s) => {
    const v = validateSettings(s);
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    return v.settings;
  });

type Line = { c: number; ago: number; amount: number; order?: number };

function classify(lines: readonly Line[], settings: ClassifySettings, customerOrder?: readonly number[]) {
  const ids = (customerOrder ?? Array.from({ length: 12 }, (_, i) => i)).map((i) => [`C${i}`]);
  return classifyBook({
    customers: { name: "Customers", headers: ["CustomerID"], rows: ids },
    orders: {
      name: "Orders",
      headers: ["OrderID", "CustomerID", "OrderDate", "Amount"],
      // The same order number for two customers is two orders: IDs are made per customer.
      rows: lines.map((l) => [
        l.order === undefined ? "" : `C${l.c}-${l.order}`,
        `C${l.c}`,
        isoOfDay(AS_OF - l.ago),
        l.amount,
      ]),
    },
    asOf: AS_OF,
    timeZone: "UTC",
    settings,
    lang: "en",
  });
}

function byId(out: ReturnType<typeof classify>) {
  return new Map(out.results.map((r) => [r.customerId, r]));
}

describe("classification properties", () => {
  it("scores stay within 1..levels and prospects get none", () => {
    fc.assert(
      fc.property(book, settingsArb, (lines, settings) => {
        const out = classify(lines, settings);
        const top = settings.scoring === "quantile" ? settings.bins : 4;
        for (const r of out.results) {
          for (const s of [r.r, r.f, r.m]) expect(s >= 1 && s <= top).toBe(true);
        }
        const withOrders = new Set(lines.map((l) => `C${l.c}`));
        expect(out.results.length).toBe(withOrders.size);
        expect(out.prospects.length).toBe(12 - withOrders.size);
      }),
      { numRuns: 150 },
    );
  });

  it("row order never changes a result", () => {
    fc.assert(
      fc.property(
        book,
        settingsArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 60 }),
        (lines, settings, noise) => {
          const shuffled = lines
            .map((l, i) => ({ l, k: noise[i] }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.l);
          const customerOrder = Array.from({ length: 12 }, (_, i) => 11 - i);
          const a = byId(classify(lines, settings));
          const b = byId(classify(shuffled, settings, customerOrder));
          expect(b.size).toBe(a.size);
          for (const [id, r] of a) {
            const s = b.get(id)!;
            expect([s.r, s.f, s.m, s.segment.key, s.abc, s.lifecycle, s.churn]).toEqual([
              r.r,
              r.f,
              r.m,
              r.segment.key,
              r.abc,
              r.lifecycle,
              r.churn,
            ]);
            expect(s.monetary).toBeCloseTo(r.monetary, 6);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("more spend never lowers M", () => {
    fc.assert(
      fc.property(book, settingsArb, fc.integer({ min: 1, max: 10_000 }), (lines, settings, extra) => {
        const target = lines[0].c;
        const before = byId(classify(lines, settings)).get(`C${target}`)!;
        const more = lines.map((l, i) => (i === 0 ? { ...l, amount: l.amount + extra } : l));
        const after = byId(classify(more, settings)).get(`C${target}`)!;
        expect(after.m).toBeGreaterThanOrEqual(before.m);
      }),
      { numRuns: 150 },
    );
  });

  it("a more recent last order never lowers R", () => {
    fc.assert(
      fc.property(book, settingsArb, fc.integer({ min: 0, max: 800 }), (lines, settings, ago) => {
        const target = lines[0].c;
        const before = byId(classify(lines, settings)).get(`C${target}`)!;
        const recent = Math.min(ago, before.recencyDays);
        // A new zero-amount line without an order number would also add an order; move an existing line instead.
        const moved = lines.map((l, i) => (i === 0 ? { ...l, ago: Math.min(l.ago, recent) } : l));
        const after = byId(classify(moved, settings)).get(`C${target}`)!;
        expect(after.recencyDays).toBeLessThanOrEqual(before.recencyDays);
        expect(after.r).toBeGreaterThanOrEqual(before.r);
      }),
      { numRuns: 150 },
    );
  });

  it("the default settings classify every customer with orders into a named segment", () => {
    fc.assert(
      fc.property(book, (lines) => {
        for (const r of classify(lines, DEFAULT_SETTINGS).results) expect(r.segment.label.en).toMatch(/\w/);
      }),
    );
  });
});
