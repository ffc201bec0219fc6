import {
  compareGrids,
  expendableSetIds,
  expiredSetIds,
  gridDigestChunks,
  nextSetId,
  parseIndex,
  parseSetEntry,
  poolOf,
  setEntryText,
  type BackupSetEntry,
} from "../../../src/core/trust/backups";

const entry = (over: Partial<BackupSetEntry> = {}): BackupSetEntry => ({
  id: "2026-11-23 10:00:00",
  at: 1_795_000_000_000,
  reason: "manual",
  file: "1Backups",
  by: "owner@example.com",
  tabs: [{ sheet: "客户", sheetId: 0, tabId: 12, rows: 3, columns: 4, digest: "ab".repeat(32) }],
  ...over,
});

describe("backup registry", () => {
  it("gives a second set in the same second its own id", () => {
    const ids = ["2026-11-23 10:00:00", "2026-11-23 10:00:00 #2"];
    expect(nextSetId("2026-11-23 10:00:00", ids)).toBe("2026-11-23 10:00:00 #3");
    expect(nextSetId("2026-11-23 10:00:01", ids)).toBe("2026-11-23 10:00:01");
  });

  it("keeps which columns of a copy held formulas, and refuses a malformed list", () => {
    const tab = { ...entry().tabs[0], formulaColumns: [2, 5] };
    expect(parseSetEntry(setEntryText(entry({ tabs: [tab] })))!.tabs[0].formulaColumns).toEqual([2, 5]);
    const none = { ...entry().tabs[0], formulaColumns: [] };
    expect(parseSetEntry(setEntryText(entry({ tabs: [none] })))!.tabs[0].formulaColumns).toEqual([]);
    expect(parseSetEntry(setEntryText(entry()))!.tabs[0].formulaColumns).toBeUndefined();
    const bad = { ...entry().tabs[0], formulaColumns: ["B"] };
    expect(parseSetEntry(JSON.stringify(entry({ tabs: [bad as never] })))).toBeNull();
  });

  it("round-trips a set entry and refuses malformed ones", () => {
    const e = entry();
    expect(parseSetEntry(setEntryText(e))).toEqual(e);
    expect(parseSetEntry("not json")).toBeNull();
    expect(parseSetEntry(JSON.stringify({ ...e, tabs: [{ sheet: "x" }] }))).toBeNull();
    expect(parseSetEntry(JSON.stringify({ ...e, at: "yesterday" }))).toBeNull();
    expect(parseIndex("{broken")).toEqual({ files: {}, sets: [] });
    expect(parseIndex(JSON.stringify({ files: { a: "1", b: 2 }, sets: ["x", 3] }))).toEqual({
      files: { a: "1" },
      sets: ["x"],
    });
  });

  it("keeps every entry within the 9 KB a property holds: long reasons are cut, too many sheets refused", () => {
    const long = setEntryText(entry({ reason: "r".repeat(50_000) }));
    expect(Buffer.byteLength(long)).toBeLessThan(9 * 1024);
    const tab = entry().tabs[0];
    const many = Array.from({ length: 60 }, (_, i) => ({ ...tab, sheet: "表".repeat(30) + i, tabId: i }));
    expect(() => setEntryText(entry({ tabs: many }))).toThrow(/too many sheets/);
  });

  it("expires the oldest sets of the index and always keeps one", () => {
    const index = { files: {}, sets: ["a", "b", "c", "d"] };
    expect(expiredSetIds(index, 2)).toEqual(["a", "b"]);
    expect(expiredSetIds(index, 0)).toEqual(["a", "b", "c"]);
    expect(expiredSetIds(index, 10)).toEqual([]);
  });

  it("lets a new set delete early only what retention would drop, never the newest set or one being restored", () => {
    const index = { files: {}, sets: ["a", "b", "c", "d"] };
    expect(expendableSetIds(index, 3, null)).toEqual(["a", "b"]);
    expect(expendableSetIds(index, 1, null)).toEqual(["a", "b", "c"]);
    expect(expendableSetIds(index, 3, "a")).toEqual(["b"]);
    expect(expendableSetIds({ files: {}, sets: ["a"] }, 1, null)).toEqual([]);
  });

  it("reads a user's file pool, or the one file of an index from before rotation", () => {
    expect(poolOf({ files: { u: "f1" }, sets: [] }, "u")).toEqual(["f1"]);
    expect(poolOf({ files: { u: "f2" }, pools: { u: ["f1", "f2"] }, sets: [] }, "u")).toEqual(["f1", "f2"]);
    expect(poolOf({ files: {}, sets: [] }, "u")).toEqual([]);
    const text = JSON.stringify({ files: { u: "f2" }, pools: { u: ["f1", 3, "f2"] }, sets: [] });
    expect(parseIndex(text)).toEqual({ files: { u: "f2" }, pools: { u: ["f1", "f2"] }, sets: [] });
    const tab = { ...entry().tabs[0], file: "f9" };
    expect(parseSetEntry(setEntryText(entry({ tabs: [tab] })))!.tabs[0].file).toBe("f9");
  });

  it("digests a grid in chunks that see every cell, dates by time and trailing blanks as nothing", () => {
    const d = new Date("2026-01-01T00:00:00Z");
    const a = gridDigestChunks([["h"], [1, d, ""]], 1);
    expect(a).toHaveLength(3);
    expect(gridDigestChunks([["h"], [1, new Date(d.getTime()), ""]], 1)).toEqual(a);
    expect(gridDigestChunks([["h"], ["1", d, ""]], 1)).not.toEqual(a);
  });
});

describe("cell-for-cell comparison", () => {
  it("finds each differing cell and treats missing cells as blank", () => {
    const d = new Date("2026-01-01T00:00:00Z");
    expect(
      compareGrids(
        [
          ["a", 1, d],
          ["b", ""],
        ],
        [["a", 1, new Date(d.getTime())], ["b"], []],
      ),
    ).toEqual([]);
    expect(compareGrids([["a", 1]], [["a", 2, "x"]])).toEqual([
      { row: 1, column: 2, expected: 1, actual: 2 },
      { row: 1, column: 3, expected: undefined, actual: "x" },
    ]);
  });
});
