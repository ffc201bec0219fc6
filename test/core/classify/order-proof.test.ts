import fc from "fast-check";
import { buildBook } from "../../../src/core/book";
import { dayOfDateKey } from "../../../src/core/calendar";
import { classify, DEFAULT_SETTINGS } from "../../../src/core/classify";

/** A seeded generator (an LCG), so a failure reproduces. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** A small book with repeat buyers, refunds, lines without OrderIDs and cents that do not add up exactly. */
function rows(): unknown[][] {
  const rand = lcg(3);
  const out: unknown[][] = [];
  for (let o = 0; o < 400; o++) {
    const customer = `C${Math.floor(rand() * 70)}`;
    const date = new Date(Date.UTC(2024, 0, 1 + Math.floor(rand() * 700)) - 8 * 3_600_000);
    const id = rand() < 0.1 ? "" : `SO${o}`;
    for (let l = 0, n = 1 + Math.floor(rand() * 3); l < n; l++)
      out.push([id, customer, date, ((rand() < 0.05 ? -1 : 1) * Math.round(rand() * 100000)) / 100]);
  }
  return out;
}

const HEADERS = ["OrderID", "CustomerID", "OrderDate", "Amount"];
const CUSTOMERS = {
  name: "Customers",
  headers: ["CustomerID"],
  rows: Array.from({ length: 72 }, (_, i) => [`C${i}`]),
};
const AS_OF = dayOfDateKey("2025-12-31");

function outcome(orderRows: unknown[][]) {
  const book = buildBook(
    { customers: CUSTOMERS, orders: { name: "Orders", headers: HEADERS, rows: orderRows } },
    { timeZone: "Asia/Shanghai", details: false },
  );
  const { results, prospects, model } = classify(book, {
    asOf: AS_OF,
    settings: DEFAULT_SETTINGS,
    lang: "en",
  });
  return { results, prospects, model };
}

/** The same date as a serial number or typed text, read in Shanghai. */
function asCell(date: Date, kind: number): unknown {
  const day = Math.floor((date.getTime() + 8 * 3_600_000) / 86_400_000);
  if (kind === 1) return day + 25569;
  if (kind === 2) return new Date(day * 86_400_000).toISOString().slice(0, 10);
  return date;
}

describe("a classification that does not care about row order or cell types", () => {
  const base = rows();
  const expected = outcome(base);

  it("gives the same results, to the last bit, for the lines in any order", () => {
    expect(expected.results.length).toBeGreaterThan(60);
    fc.assert(
      fc.property(fc.shuffledSubarray(base, { minLength: base.length }), (order) => {
        expect(outcome(order)).toEqual(expected);
      }),
      { numRuns: 8 },
    );
  });

  it("gives the same results with dates as Date cells, serial numbers or typed text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: base.length, maxLength: base.length }),
        (kinds) => {
          const mixed = base.map((r, i) => [r[0], r[1], asCell(r[2] as Date, kinds[i]), r[3]]);
          expect(outcome(mixed)).toEqual(expected);
        },
      ),
      { numRuns: 10 },
    );
  });
});
