import fc from "fast-check";
import { rowsByValue } from "../../../src/core/analysis/rank-rows";

/** The definition: a stable comparator sort by value descending, then ID. */
function reference(values: readonly number[], ids: readonly string[]): number[] {
  const byId = (a: number, b: number) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0);
  return values.map((_, i) => i).sort((a, b) => values[b] - values[a] || byId(a, b));
}

describe("rowsByValue", () => {
  const value = fc.oneof(
    fc.integer({ min: -3, max: 3 }), // many ties
    fc.double({ noNaN: true }),
    fc.constantFrom(-Infinity, Infinity, -0, 0),
  );

  it("orders rows as the comparator sort does, ties by ID, with or without NaN", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(value, fc.constant(NaN)), fc.string({ maxLength: 3 })), { maxLength: 60 }),
        (rows) => {
          const values = rows.map(([v]) => v);
          const ids = rows.map(([, id]) => id);
          const { order, hasNaN } = rowsByValue(Float64Array.from(values), (i) => ids[i]);
          expect(Array.from(order)).toEqual(reference(values, ids));
          expect(hasNaN).toBe(values.some((v) => Number.isNaN(v)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("gives only the first ranks when asked, ties at the last one included", () => {
    const values = Float64Array.of(5, 9, 7, 7, 1, 7, 9);
    const ids = ["e", "b", "d", "a", "f", "c", "g"];
    const { order } = rowsByValue(values, (i) => ids[i], 3);
    // 9 (b), 9 (g), then the 7s all tie at rank 3: a, c, d.
    expect(Array.from(order)).toEqual([1, 6, 3, 5, 2]);
    expect(Array.from(rowsByValue(values, (i) => ids[i]).order)).toEqual(reference(Array.from(values), ids));
  });
});
