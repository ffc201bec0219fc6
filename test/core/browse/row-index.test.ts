import fc from "fast-check";
import {
  bucketCount,
  bucketOf,
  emailKey,
  encodeRowIndex,
  idKey,
  rowsInBucket,
  rowsInColumn,
  ROWS_PER_BUCKET,
} from "../../../src/core/browse/row-index";
import type { CellValue } from "../../../src/core/browse/customer-index";

/** The rows of `key` as a reader finds them: its bucket only. */
function lookUp(buckets: readonly string[], key: string): number[] {
  return rowsInBucket(buckets[bucketOf(key, buckets.length)], key);
}

describe("row index", () => {
  it("finds every row of a key in its bucket, ascending, and nothing for blank cells", () => {
    const ids: CellValue[] = ["C1", " C2 ", "C1", null, 1001, "C1", "", "__proto__", "客户7"];
    const buckets = encodeRowIndex(ids, idKey, 3);
    expect(buckets).toHaveLength(3);
    expect(lookUp(buckets, "C1")).toEqual([2, 4, 7]);
    expect(lookUp(buckets, "C2")).toEqual([3]);
    expect(lookUp(buckets, "1001")).toEqual([6]);
    expect(lookUp(buckets, "__proto__")).toEqual([9]);
    expect(lookUp(buckets, "客户7")).toEqual([10]);
    expect(lookUp(buckets, "constructor")).toEqual([]);
    expect(lookUp(buckets, "C3")).toEqual([]);
  });

  it("folds owners as the visibility rule does", () => {
    const owners: CellValue[] = ["Rep@Example.com", "boss@example.com", " rep@example.com "];
    const buckets = encodeRowIndex(owners, emailKey, 1);
    expect(lookUp(buckets, "rep@example.com")).toEqual([2, 4]);
  });

  it("sizes buckets by the sheet's height alone", () => {
    expect(bucketCount(0)).toBe(1);
    expect(bucketCount(ROWS_PER_BUCKET)).toBe(1);
    expect(bucketCount(ROWS_PER_BUCKET + 1)).toBe(2);
    expect(bucketCount(420_000)).toBe(70);
  });

  it("keeps a large sheet's buckets near one cache value each", () => {
    // 420,000 order lines over 100,000 customers, as the platform book has them.
    const ids: CellValue[] = Array.from(
      { length: 420_000 },
      (_, i) => `C${String((i * 7919) % 100_000).padStart(5, "0")}`,
    );
    const buckets = encodeRowIndex(ids, idKey, bucketCount(ids.length));
    const largest = Math.max(...buckets.map((b) => Buffer.byteLength(b, "utf8")));
    expect(largest).toBeLessThan(90_000);
    expect(lookUp(buckets, "C00000")).toEqual(rowsInColumn(ids, idKey, "C00000"));
  });

  it("answers as a scan of the column would, for any column", () => {
    const cell = fc.oneof(
      fc.constantFrom<CellValue>("a", "b", " a", "B", null, ""),
      fc.integer({ min: 0, max: 3 }),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 300 }), fc.integer({ min: 1, max: 7 }), (values, n) => {
        const buckets = encodeRowIndex(values, idKey, n);
        for (const key of ["a", "b", "B", "0", "3", "zz"])
          expect(lookUp(buckets, key)).toEqual(rowsInColumn(values, idKey, key));
      }),
    );
  });

  it("refuses text it did not make", () => {
    expect(() => rowsInBucket("[1,2]", "a")).toThrow();
    expect(() => rowsInBucket("not json", "a")).toThrow();
  });
});
