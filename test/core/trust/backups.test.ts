import {
  backupSets,
  backupTabName,
  compareGrids,
  expiredSets,
  nextSetId,
  parseBackupTab,
} from "../../../src/core/trust/backups";

describe("backup names", () => {
  it("round-trips a tab name, with and without a sequence number", () => {
    expect(parseBackupTab(backupTabName("2026-11-23 10:00:00", "客户"))).toEqual({
      tab: "Backup 2026-11-23 10:00:00 客户",
      stamp: "2026-11-23 10:00:00",
      seq: 1,
      sheet: "客户",
    });
    expect(parseBackupTab("Backup 2026-11-23 10:00:00 #3 Orders")?.seq).toBe(3);
    expect(parseBackupTab("Customers")).toBeNull();
    expect(backupTabName("2026-11-23 10:00:00", "x".repeat(200)).length).toBe(100);
  });

  it("gives a second run in the same second its own id", () => {
    const names = ["Backup 2026-11-23 10:00:00 Customers", "Backup 2026-11-23 10:00:00 Orders"];
    expect(nextSetId("2026-11-23 10:00:00", names)).toBe("2026-11-23 10:00:00 #2");
    expect(nextSetId("2026-11-23 10:00:01", names)).toBe("2026-11-23 10:00:01");
  });

  it("groups tabs into sets, newest first, and keeps the newest on retention", () => {
    const names = [
      "Customers",
      "Backup 2026-11-01 10:00:00 Customers",
      "Backup 2026-11-23 10:00:00 Customers",
      "Backup 2026-11-23 10:00:00 Orders",
      "Backup 2026-11-23 10:00:00 #2 Customers",
      "Backup 2026-11-10 08:00:00 Orders",
    ];
    const sets = backupSets(names);
    expect(sets.map((s) => s.id)).toEqual([
      "2026-11-23 10:00:00 #2",
      "2026-11-23 10:00:00",
      "2026-11-10 08:00:00",
      "2026-11-01 10:00:00",
    ]);
    expect(sets[1].tabs.map((t) => t.sheet)).toEqual(["Customers", "Orders"]);
    expect(expiredSets(sets, 2).map((s) => s.id)).toEqual(["2026-11-10 08:00:00", "2026-11-01 10:00:00"]);
    expect(expiredSets(sets, 0).length).toBe(3);
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
