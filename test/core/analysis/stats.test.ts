import fc from "fast-check";
import {
  describe as summarize,
  describeInPlace,
  quantileSorted,
  relativeChange,
} from "../../../src/core/analysis/stats";

describe("stats", () => {
  it("describes a small sample by hand", () => {
    const s = summarize([4, 1, 3, 2]);
    expect(s.count).toBe(4);
    expect(s.sum).toBe(10);
    expect(s.mean).toBe(2.5);
    expect(s.median).toBe(2.5);
    // Sample SD: squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, over n − 1 = 3.
    expect(s.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    // Type 7: h = 3 · 0.9 = 2.7 → 3 + 0.7 · (4 − 3).
    expect(s.p90).toBeCloseTo(3.7, 12);
    expect([s.min, s.max]).toEqual([1, 4]);
  });

  it("uses type 7 quantiles: p90 of 1..10 is 9.1, median of an odd sample is the middle", () => {
    const ten = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantileSorted(ten, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantileSorted([1, 5, 9], 0.5)).toBe(5);
    expect(quantileSorted([], 0.5)).toBeNull();
  });

  it("skips blanks (NaN) instead of counting them as zero, and has no SD for one value", () => {
    const s = summarize([NaN, 7, Infinity]);
    expect(s.count).toBe(1);
    expect(s.mean).toBe(7);
    expect(s.sd).toBeNull();
    expect(summarize([]).mean).toBeNull();
  });

  it("relative change is null from zero", () => {
    expect(relativeChange(100, 150)).toBeCloseTo(0.5);
    expect(relativeChange(0, 5)).toBeNull();
    expect(relativeChange(-10, -5)).toBeCloseTo(0.5);
  });
});

describe("describe's quickselect quantiles", () => {
  it("agree with sorting on random samples with ties", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 200 }), (xs) => {
        const sorted = Float64Array.from(xs).sort();
        const s = summarize(xs);
        expect(s.median).toBeCloseTo(quantileSorted(sorted, 0.5)!, 9);
        expect(s.p90).toBeCloseTo(quantileSorted(sorted, 0.9)!, 9);
        expect([s.min, s.max]).toEqual([sorted[0], sorted[sorted.length - 1]]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe("describeInPlace", () => {
  it("gives describe's summary and leaves the finite values at the front of the scratch array", () => {
    const values = [5, NaN, 1, Infinity, 4, 2, -Infinity, 3];
    const scratch = Float64Array.from(values);
    expect(describeInPlace(scratch)).toEqual(summarize(values));
    expect([...scratch.subarray(0, 5)].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(describeInPlace(new Float64Array([NaN]))).toEqual(summarize([]));
  });
});
