import fc from "fast-check";
import { blockValues, changedBlocks } from "../../../src/core/table/changed-blocks";

/** Applies the blocks' cells of `after` onto a copy of `before`. */
function apply(
  before: string[][],
  after: string[][],
  maxBlocks?: number,
): { grid: string[][]; cells: number } {
  const grid = after.map((row, r) => row.map((_, c) => before[r]?.[c] ?? ""));
  let cells = 0;
  for (const b of changedBlocks(before, after, { maxBlocks })) {
    blockValues(after, b).forEach((row, i) =>
      row.forEach((v, j) => {
        grid[b.firstRow + i][b.firstColumn + j] = v;
        cells++;
      }),
    );
  }
  return { grid, cells };
}

describe("changedBlocks", () => {
  it("finds one block per run of changed rows, spanning only the changed columns", () => {
    const before = [
      ["a", "b", "c"],
      ["d", "e", "f"],
      ["g", "h", "i"],
      ["j", "k", "l"],
    ];
    const after = [
      ["a", "B", "c"],
      ["d", "e", "F"],
      ["g", "h", "i"],
      ["J", "k", "l"],
    ];
    expect(changedBlocks(before, after)).toEqual([
      { firstRow: 0, rowEnd: 2, firstColumn: 1, columnEnd: 3 },
      { firstRow: 3, rowEnd: 4, firstColumn: 0, columnEnd: 1 },
    ]);
    expect(changedBlocks(before, before)).toEqual([]);
  });

  it("merges the closest runs when there are more than maxBlocks", () => {
    const before = Array.from({ length: 10 }, () => ["x"]);
    const after = before.map((r, i) => ([0, 2, 8].includes(i) ? ["y"] : r));
    expect(changedBlocks(before, after, { maxBlocks: 2 })).toEqual([
      { firstRow: 0, rowEnd: 3, firstColumn: 0, columnEnd: 1 },
      { firstRow: 8, rowEnd: 9, firstColumn: 0, columnEnd: 1 },
    ]);
  });

  it("writing the blocks turns before into after; a small change writes few cells", () => {
    const grid = fc.array(fc.array(fc.constantFrom("", "a", "b"), { minLength: 4, maxLength: 4 }), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(grid, grid, fc.integer({ min: 1, max: 5 }), (a, b, max) => {
        const before = a.slice(0, b.length);
        const { grid: result } = apply(before, b, max);
        expect(result).toEqual(b);
      }),
    );
    const big = Array.from({ length: 1000 }, (_, r) => Array.from({ length: 20 }, (_, c) => `${r}:${c}`));
    const one = big.map((row) => [...row]);
    one[500][7] = "changed";
    expect(apply(big, one).cells).toBe(1);
  });
});
