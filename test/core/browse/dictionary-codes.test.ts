import { dictionaryCodes } from "../../../src/core/browse/dictionary-codes";

describe("dictionaryCodes", () => {
  it("codes keys in order of first appearance, -1 where a cell names nothing", () => {
    const codes: number[] = [];
    const dict = dictionaryCodes(["b", null, "a", "b", "a"], (v) => v, codes);
    expect(dict).toEqual(["b", "a"]);
    expect(codes).toEqual([0, -1, 1, 0, 1]);
  });

  it("fills a typed array through keyOf", () => {
    const codes = new Int32Array(3);
    expect(dictionaryCodes([" X ", "", "x"], (v) => v.trim().toLowerCase() || null, codes)).toEqual(["x"]);
    expect([...codes]).toEqual([0, -1, 0]);
  });

  it("answers null once the dictionary would exceed maxDistinct keys", () => {
    expect(dictionaryCodes([1, 2, 1, 3], (v) => v, [], 2)).toBeNull();
    expect(dictionaryCodes([1, 2, 1, 2], (v) => v, [], 2)).toEqual([1, 2]);
  });
});
