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
});
