import { a1, columnIndex, columnLetter, parseA1 } from "../../../src/core/table/a1";

describe("A1 notation", () => {
  it("names columns past Z and ZZ", () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
    expect(["A", "z", "AA", "ZZ", "aaa"].map(columnIndex)).toEqual([0, 25, 26, 701, 702]);
  });

  it("round-trips every column up to 20,000 and a cell address", () => {
    for (let c = 0; c < 20000; c++) expect(columnIndex(columnLetter(c))).toBe(c);
    expect(a1(10, 25)).toBe("Z10");
    expect(parseA1("ab12")).toEqual({ row: 12, column: 27 });
    expect(() => parseA1("A")).toThrow(/not an A1 cell address/);
  });
});
