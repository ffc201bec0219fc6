import fc from "fast-check";
import { CompactTexts } from "../../../src/core/book/text-list";

describe("CompactTexts", () => {
  it("gives back every string pushed, by index, as an array would (any code units, empty strings)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 6 })), {
          maxLength: 3000,
        }),
        (strings) => {
          const texts = new CompactTexts();
          for (const s of strings) texts.push(s);
          expect(texts.length).toBe(strings.length);
          for (let k = -2; k <= strings.length + 1; k++) expect(texts.at(k)).toBe(strings.at(k));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("keeps a string longer than one conversion chunk whole", () => {
    const texts = new CompactTexts();
    const long = "订单-".repeat(10_000) + "end";
    texts.push("a");
    texts.push(long);
    texts.push("");
    expect(texts.at(1)).toBe(long);
    expect([texts.at(0), texts.at(2), texts.at(3)]).toEqual(["a", "", undefined]);
  });

  it("keeps the strings of many chunks (4,096 a chunk), with lone surrogates and empty strings", () => {
    const strings = Array.from({ length: 10_000 }, (_, i) =>
      i % 7 === 0 ? "" : i % 11 === 0 ? `\ud800${i}` : `O-${i}`.repeat(1 + (i % 3)),
    );
    const texts = new CompactTexts();
    for (const s of strings) texts.push(s);
    expect(texts.length).toBe(strings.length);
    expect(Array.from({ length: strings.length }, (_, k) => texts.at(k))).toEqual(strings);
    // Indexes as Array.prototype.at reads them: truncated, negative from the end.
    for (const k of [4095, 4096, 8191.7, -1, -4097, NaN, -0.5, 10_000])
      expect(texts.at(k)).toBe(strings.at(k));
  });
});
