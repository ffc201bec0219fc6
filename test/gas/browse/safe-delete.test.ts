import { rowRuns, targetRows, wronglyDeleted } from "../../../src/gas/browse/safe-delete";

const T = new Set(["C3", "C4"]);

describe("safe delete bookkeeping", () => {
  it("groups target rows into ascending runs", () => {
    expect(rowRuns(targetRows(["C1", "C2", "C3", "C4", "C5", "C3"], T))).toEqual([
      [4, 2],
      [7, 1],
    ]);
  });

  it("finds nothing wrong when exactly the targets went", () => {
    expect(wronglyDeleted(["C1", "C2", "C3", "C4", "C5"], ["C1", "C2", "C5"], 2, T)).toEqual({
      ids: [],
      blanks: 0,
      targetsRemoved: 2,
    });
  });

  it("names the shifted row a run lost to an insert above it", () => {
    // A blank row went in above C2 after the read: deleteRows(4, 2) then hit C2 and C3.
    expect(wronglyDeleted(["C1", "C2", "C3", "C4", "C5"], ["C1", "", "C4", "C5"], 2, T)).toEqual({
      ids: ["C2"],
      blanks: 0,
      targetsRemoved: 1,
    });
  });

  it("counts the inserted blank row a run swallowed", () => {
    // The blank row went in between C3 and C4: deleteRows(4, 2) took C3 and the blank row.
    expect(wronglyDeleted(["C1", "C2", "C3", "C4", "C5"], ["C1", "C2", "C4", "C5"], 2, T)).toEqual({
      ids: [],
      blanks: 1,
      targetsRemoved: 1,
    });
  });
});
