import { checkSheet, duplicateMails } from "../../../src/local/faults/invariants";
import { seededRandom } from "../../../src/local/random";

const owned = { owned: new Set([2]) };
const before = [
  ["ID", "Name", "Score"],
  ["C1", "Ann", ""],
  ["C2", "Bob", ""],
];
const expected = [
  ["ID", "Name", "Score"],
  ["C1", "Ann", 5],
  ["C2", "Bob", 3],
];

describe("fault invariants", () => {
  it("accepts the old state and the clean result", () => {
    expect(checkSheet("S", before, expected, before, owned)).toMatchObject({
      userCellsLost: 0,
      userCellsChanged: 0,
      partialWrites: 0,
    });
    expect(checkSheet("S", before, expected, expected, owned)).toMatchObject({
      userCellsLost: 0,
      userCellsChanged: 0,
      partialWrites: 0,
    });
  });

  it("flags an owned column written on only some rows", () => {
    const half = [before[0], ["C1", "Ann", 5], ["C2", "Bob", ""]];
    const v = checkSheet("S", before, expected, half, owned);
    expect(v.partialWrites).toBe(1);
    expect(v.notes[0]).toContain("owned column 3");
  });

  it("counts user cells lost and changed, with their address", () => {
    const after = [before[0], ["C1", "", ""], ["C2", "Rob", ""]];
    const v = checkSheet("S", before, expected, after, owned);
    expect(v).toMatchObject({ userCellsLost: 1, userCellsChanged: 1, partialWrites: 0 });
    expect(v.notes).toContain("S!R2C2: was string:Ann, now blank");
  });

  it("compares dates by time", () => {
    const d = [["When"], [new Date(5)]];
    expect(checkSheet("S", d, d, [["When"], [new Date(5)]], { owned: new Set() }).userCellsChanged).toBe(0);
  });

  it("counts repeated mails only", () => {
    const m = { to: "a@x.com", subject: "Hi", body: "b" };
    expect(duplicateMails([m, { ...m, to: "A@x.com" }, { ...m, subject: "Other" }, m])).toBe(2);
  });

  it("the PRNG repeats for a seed and differs across seeds", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => a.int(0, 1000));
    expect(Array.from({ length: 5 }, () => b.int(0, 1000))).toEqual(xs);
    const c = seededRandom(8);
    expect(Array.from({ length: 5 }, () => c.int(0, 1000))).not.toEqual(xs);
  });
});
