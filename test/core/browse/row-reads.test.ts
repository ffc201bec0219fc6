import { planRowReads, spansCost } from "../../../src/core/browse/row-reads";

describe("planRowReads", () => {
  it("reads neighbours together and reads through a gap cheaper than a call", () => {
    // 10 columns: a call costs as much as 100 cells, i.e. 10 rows; gaps up to 10 rows are read through.
    expect(planRowReads([40, 2, 3, 3, 12, 30], 10)).toEqual([
      { first: 2, last: 12 },
      { first: 30, last: 40 },
    ]);
    expect(planRowReads([2, 100], 10)).toEqual([
      { first: 2, last: 2 },
      { first: 100, last: 100 },
    ]);
    // Wide rows: only adjacent rows share a read.
    expect(planRowReads([5, 6, 8], 200)).toEqual([
      { first: 5, last: 6 },
      { first: 8, last: 8 },
    ]);
    expect(planRowReads([], 5)).toEqual([]);
  });

  it("prices spans as calls plus cells", () => {
    expect(spansCost([{ first: 2, last: 4 }], 10)).toBe(100 + 30);
    expect(spansCost([], 10)).toBe(0);
  });
});
