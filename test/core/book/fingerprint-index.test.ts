import fc from "fast-check";
import { FingerprintIndex } from "../../../src/core/book/fingerprint-index";

/** The reference: indexes in order of first sight, by a Map. */
function reference(strings: readonly string[]): number[] {
  const seen = new Map<string, number>();
  return strings.map((s) => {
    let k = seen.get(s);
    if (k === undefined) seen.set(s, (k = seen.size));
    return k;
  });
}

describe("FingerprintIndex", () => {
  it.each([true, false])("gives each distinct string the next index, as a Map would (exact %s)", (exact) => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: "binary", maxLength: 4 }), fc.constant("")),
          {
            maxLength: 300,
          },
        ),
        fc.integer({ min: 1, max: 5000 }),
        (strings, expected) => {
          const index = new FingerprintIndex(expected, exact);
          expect(strings.map((s) => index.id(s))).toEqual(reference(strings));
          expect(index.names).toEqual([...new Set(strings)]);
          expect(index.size).toBe(new Set(strings).size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps every index through many growths, and finds without adding", () => {
    const index = new FingerprintIndex(4);
    const strings = Array.from({ length: 40_000 }, (_, i) => `客户-${i % 25_000}-${"x".repeat(i % 7)}`);
    expect(strings.map((s) => index.id(s))).toEqual(reference(strings));
    expect(index.find("客户-3-xxx")).toBe(reference(strings)[strings.indexOf("客户-3-xxx")]);
    expect(index.find("客户-3-xx")).toBe(-1);
    expect(index.find("")).toBe(-1);
    // find never adds: the next new string still takes the next index.
    expect(index.id("new")).toBe(index.size - 1);
    expect(index.names.at(-1)).toBe("new");
  });

  it("tells apart strings of equal length and equal characters in another order", () => {
    const index = new FingerprintIndex();
    expect([index.id("ab"), index.id("ba"), index.id("ab"), index.id("a\u0000b"), index.id("ba")]).toEqual([
      0, 1, 0, 2, 1,
    ]);
  });

  // IDs appended as a sheet fills come in ascending order and need no table until one does not.
  const ascending = (strings: readonly string[]) =>
    [...new Set(strings)].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));

  it.each([true, false])("does so for ascending strings, then any (exact %s)", (exact) => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 5 }), { maxLength: 200 }),
        fc.array(fc.string({ maxLength: 5 }), { maxLength: 100 }),
        fc.boolean(),
        (first, then, repeatAll) => {
          const head = ascending(first);
          const strings = [...head, ...(repeatAll ? head.slice().reverse() : []), ...then];
          const index = new FingerprintIndex(16, exact);
          expect(strings.map((s) => index.id(s))).toEqual(reference(strings));
          expect(index.names).toEqual([...new Set(strings)]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("finds without adding while the strings still ascend, and after", () => {
    const index = new FingerprintIndex();
    const ids = Array.from({ length: 5000 }, (_, i) => `O${i + 1}`); // O9 before O10: by length first
    expect(ids.map((s) => index.id(s))).toEqual(ids.map((_, i) => i));
    expect(index.find("O5001")).toBe(-1); // greater than every one: new, and not added
    expect(index.id("O5001")).toBe(5000);
    expect(index.find("O10")).toBe(9); // an earlier one: the table is built from every string so far
    expect(index.find("O0")).toBe(-1);
    expect(index.id("O17")).toBe(16);
    expect(index.id("O5002")).toBe(5001);
    expect(index.id("O10")).toBe(9);
    expect(index.size).toBe(5002);
  });

  it.each([true, false])(
    "keeps the strings as code units when compact (exact %s), the same by index",
    (exact) => {
      fc.assert(
        fc.property(
          fc.array(fc.string({ maxLength: 5 }), { maxLength: 200 }),
          fc.array(fc.string({ maxLength: 5 }), { maxLength: 100 }),
          (first, then) => {
            const strings = [...ascending(first), ...then];
            const index = new FingerprintIndex(16, exact, true);
            expect(strings.map((s) => index.id(s))).toEqual(reference(strings));
            const distinct = [...new Set(strings)];
            expect(index.size).toBe(distinct.length);
            expect(index.names).toEqual([]);
            expect(Array.from({ length: index.list.length }, (_, k) => index.list.at(k))).toEqual(distinct);
            for (const s of distinct) expect(index.find(s)).toBe(distinct.indexOf(s));
          },
        ),
        { numRuns: 200 },
      );
    },
  );
});
