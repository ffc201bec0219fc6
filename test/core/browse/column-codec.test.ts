import { decodeColumn, encodeColumn, shortHash } from "../../../src/core/browse/column-codec";
import { splitUtf8, utf8Length } from "../../../src/core/table/import/utf8-size";
import type { CellValue } from "../../../src/core/browse/customer-index";

describe("column codec", () => {
  it("round-trips text, numbers and empty cells in both forms", () => {
    const repeated: CellValue[] = Array.from({ length: 300 }, (_, i) =>
      i % 7 === 0 ? null : ["won", "lost", 3][i % 3],
    );
    const distinct: CellValue[] = Array.from({ length: 300 }, (_, i) => (i % 5 === 0 ? null : `名字 ${i}`));
    for (const column of [repeated, distinct, [], [0, -1.5, "", "1"] as CellValue[]]) {
      expect(decodeColumn(encodeColumn(column))).toEqual(column);
    }
    // Repeated values are stored once each; distinct ones as they are.
    expect(encodeColumn(repeated).length).toBeLessThan(JSON.stringify(repeated).length);
    expect(JSON.parse(encodeColumn(distinct))).toHaveProperty("v");
    expect(() => decodeColumn('{"x":1}')).toThrow(/not an encoded column/);
  });

  it("cuts text into pieces of at most N UTF-8 bytes, never inside a surrogate pair", () => {
    const text = "ab客户😀".repeat(500) + "z";
    for (const max of [4, 5, 7, 90]) {
      const pieces = splitUtf8(text, max);
      expect(pieces.join("")).toBe(text);
      for (const p of pieces) {
        expect(Buffer.byteLength(p, "utf8")).toBeLessThanOrEqual(max);
        expect(Buffer.from(p, "utf8").toString("utf8")).toBe(p);
      }
    }
    expect(splitUtf8("", 10)).toEqual([""]);
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, "utf8"));
  });

  it("hashes to a short stable key", () => {
    expect(shortHash("abc")).toBe(shortHash("abc"));
    expect(shortHash("abc")).not.toBe(shortHash("abd"));
    expect(shortHash("x".repeat(10_000)).length).toBeLessThanOrEqual(14);
  });
});
