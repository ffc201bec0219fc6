/**
 * writeColumns' guard against rows moving mid-job (the trust feature's re-check), from source against the
 * emulator: a row inserted at ANY point of the write leaves every row with its own value.
 */
import { createEmulator, type Emulator } from "../../../src/local/emulator";
import { CUSTOMERS } from "../../../src/core/schema/sheets";

type SheetTable = typeof import("../../../src/gas/platform/sheet-table");

const HEADERS = ["CustomerID", "Name", "My notes", "Segment", "ABC"];
const ROWS = [
  ["C1", "Ann", "n1", "", ""],
  ["C2", "Bob", "n2", "", ""],
  ["C3", "Cy", "n3", "", ""],
  ["C4", "Di", "n4", "", ""],
];
const INTENDED = new Map([
  ["C1", ["Champions", "A"]],
  ["C2", ["Lost", "C"]],
  ["C3", ["Promising", "B"]],
  ["C4", ["At Risk", "B"]],
]);

function setUp(): { emulator: Emulator; table: SheetTable } {
  jest.resetModules();
  const emulator = createEmulator();
  Object.assign(globalThis, emulator.globals);
  emulator.sheetFromValues("Customers", [HEADERS, ...ROWS]);
  const table = require("../../../src/gas/platform/sheet-table") as SheetTable;
  return { emulator, table };
}

function write(table: SheetTable): Error | null {
  const snapshot = table.readTable(CUSTOMERS)!;
  const ids = snapshot.rows.map((r) => String(r[0]));
  try {
    table.writeColumns(
      snapshot,
      new Map([
        ["Segment", ids.map((id) => INTENDED.get(id)?.[0] ?? "")],
        ["ABC", ids.map((id) => INTENDED.get(id)?.[1] ?? "")],
      ]),
    );
    return null;
  } catch (e) {
    return e as Error;
  }
}

function values(emulator: Emulator): unknown[][] {
  return emulator.snapshot().sheets.find((s) => s.name === "Customers")!.values;
}

describe("writeColumns and moving rows", () => {
  it("writes owned columns by header, leaving the user's columns alone", () => {
    const { emulator, table } = setUp();
    expect(write(table)).toBeNull();
    expect(values(emulator).slice(1)).toEqual(
      ROWS.map((r) => [r[0], r[1], r[2], ...INTENDED.get(String(r[0]))!]),
    );
  });

  it("a row inserted at any call of the job leaves each row its own values (or none), the new row blank", () => {
    const { emulator: probe, table: probeTable } = setUp();
    probe.resetCounts();
    const before = probe.countOf("");
    write(probeTable);
    const calls = probe.countOf("") - before;
    expect(calls).toBeGreaterThan(4);
    for (let n = 1; n <= calls; n++) {
      for (const at of [2, 4, 5]) {
        const { emulator, table } = setUp();
        emulator.faults.insertRowAtCall(n, "Customers", at);
        const error = write(table);
        const rows = values(emulator).slice(1);
        const context = `row inserted before ${at} at call ${n} (${error ? error.message : "written"})`;
        const blank = rows.filter((r) => r[0] === "");
        expect({ context, blank: blank.length }).toEqual({ context, blank: 1 });
        expect({ context, blankOwned: blank[0].slice(3) }).toEqual({ context, blankOwned: ["", ""] });
        for (const r of rows.filter((row) => row[0] !== "")) {
          const owned = r.slice(3);
          const ok = owned.every((v) => v === "") || String(owned) === String(INTENDED.get(String(r[0])));
          expect({ context, row: r, ok }).toEqual({ context, row: r, ok: true });
        }
      }
    }
  });

  it("a header change since the read aborts with nothing written", () => {
    const { emulator, table } = setUp();
    const snapshot = table.readTable(CUSTOMERS)!;
    emulator.spreadsheet.getSheetByName("Customers")!.getRange("D1").setValue("Renamed");
    expect(() => table.writeColumns(snapshot, new Map([["ABC", ["A", "B", "C", "D"]]]))).toThrow(
      /header row of "Customers" changed/,
    );
    expect(
      values(emulator)
        .slice(1)
        .map((r) => r[4]),
    ).toEqual(["", "", "", ""]);
  });
});
