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

  it("reads windows: rows entering the wider window after the delete count for nothing", () => {
    // Before, the rows around the run C3-C4; after, a wider window: C0, C1 and C7, C9 (another run's
    // target) came into view, and none of them may hide what went.
    const T2 = new Set(["C3", "C4", "C9"]);
    expect(
      wronglyDeleted(["C2", "C3", "C4", "C5", "C6"], ["C0", "C1", "C2", "C5", "C6", "C7", "C9"], 2, T2),
    ).toEqual({ ids: [], blanks: 0, targetsRemoved: 2 });
  });

  it("leaves a row another user deleted meanwhile to them when exactly the targets went", () => {
    // C6 vanished too, but the two rows deleted were the two targets: nothing to put back.
    expect(wronglyDeleted(["C2", "C3", "C4", "C5", "C6"], ["C2", "C5"], 2, T)).toEqual({
      ids: [],
      blanks: 0,
      targetsRemoved: 2,
    });
  });
});
