/**
 * writeCells on a sheet without an ID column (Orders: an OrderID repeats across order lines), from source
 * against the emulator: rows are known by a fingerprint of the columns the job does not write, so a row
 * inserted at any call of the write still leaves every row with its own value; and the row matching itself.
 */
import { createEmulator, type Emulator } from "../../../src/local/emulator";
import { ORDERS } from "../../../src/core/schema/sheets";

type SheetTable = typeof import("../../../src/gas/platform/sheet-table");

const HEADERS = ["OrderID", "CustomerID", "OrderDate", "Amount", "Notes"];
// Two identical lines and a blank row: a fingerprint cannot tell those apart, their order can.
const ROWS = [
  ["O1", "C1", "2025-01-01", "10", "a"],
  ["O1", "C1", "2025-01-01", "10", "a"],
  ["", "", "", "", ""],
  ["O2", "C2", "2025-01-02", "20", "b"],
  ["O3", "C3", "2025-01-03", "=1+1", "c"],
];
/** The job fixes Amount (null: KEEP): each row's new amount tells which row it was meant for. */
const AMOUNTS: readonly (number | null)[] = [101, 102, null, 104, null];

function setUp(): { emulator: Emulator; table: SheetTable } {
  jest.resetModules();
  const emulator = createEmulator();
  Object.assign(globalThis, emulator.globals);
  emulator.sheetFromValues("Orders", [HEADERS, ...ROWS]);
  emulator.spreadsheet.getSheetByName("Orders")!.getRange("D6").setValue("=1+1");
  const table = require("../../../src/gas/platform/sheet-table") as SheetTable;
  return { emulator, table };
}

/** Reads the sheet, then (with `arm`'s fault armed after the read) writes the amounts. */
function write(table: SheetTable, arm: () => void = () => {}): string {
  const snapshot = table.readTable(ORDERS)!;
  arm();
  const amounts = AMOUNTS.map((a) => (a === null ? table.KEEP : a));
  try {
    table.writeCells(snapshot, new Map([[3, amounts]]), { keepFormulas: true });
    return "written";
  } catch (e) {
    return (e as Error).message;
  }
}

describe("writeCells without an ID column", () => {
  it("writes the changed cells and keeps formulas among them", () => {
    const { emulator, table } = setUp();
    expect(write(table)).toBe("written");
    const sheet = emulator.spreadsheet.getSheetByName("Orders")!;
    expect(sheet.getRange("D2:D5").getValues().flat()).toEqual([101, 102, "", 104]);
    expect(sheet.getRange("D6").getFormula()).toBe("=1+1");
  });

  it("a row inserted at any call and place leaves each row its own amount and the new row blank", () => {
    const { emulator: probe, table: probeTable } = setUp();
    write(probeTable, () => probe.resetCounts());
    const calls = probe.countOf("");
    let written = 0;
    for (let n = 1; n <= calls; n++) {
      for (const at of [2, 3, 4, 5, 6, 7]) {
        const { emulator, table } = setUp();
        const outcome = write(table, () => emulator.faults.insertRowAtCall(n, "Orders", at));
        const sheet = emulator.spreadsheet.getSheetByName("Orders")!;
        const now = sheet.getRange(2, 1, ROWS.length + 1, HEADERS.length).getValues();
        const formulas = sheet.getRange(2, 4, ROWS.length + 1, 1).getFormulas();
        const context = `row inserted before ${at} at call ${n} (${outcome})`;
        // Without the inserted (blank) row, the rows are the old ones in order, each with its own amount.
        const inserted = at - 2;
        expect({ context, row: now[inserted] }).toEqual({ context, row: ["", "", "", "", ""] });
        const rest = now.filter((_, i) => i !== inserted);
        const restFormulas = formulas.filter((_, i) => i !== inserted);
        rest.forEach((row, i) => {
          const amount = outcome === "written" && AMOUNTS[i] !== null ? AMOUNTS[i] : ROWS[i][3];
          const own = [...ROWS[i].slice(0, 3), i === 4 ? "" : amount, ROWS[i][4]];
          expect({ context, i, row }).toEqual({ context, i, row: own });
        });
        expect({ context, formula: restFormulas[4][0] }).toEqual({ context, formula: "=1+1" });
        if (outcome === "written") written++;
      }
    }
    expect(written).toBeGreaterThan(0);
  });
});

describe("alignRows", () => {
  let alignRows: SheetTable["alignRows"];
  beforeAll(() => {
    alignRows = setUp().table.alignRows;
  });

  it("follows an insert, a delete and a sort by unique keys", () => {
    expect(alignRows(["a", "b", "c"], ["a", "", "b", "c"])).toEqual([0, -1, 1, 2]);
    expect(alignRows(["a", "b", "c"], ["a", "c"])).toEqual([0, 2]);
    expect(alignRows(["a", "b", "c"], ["c", "a", "b"])).toEqual([2, 0, 1]);
  });

  it("places repeated keys (blank rows, identical lines) by their neighbours", () => {
    expect(alignRows(["x", "x", "", "y"], ["", "x", "x", "", "y"])).toEqual([-1, 0, 1, 2, 3]);
    expect(alignRows(["a", "", "b"], ["a", "", "", "b"])).toEqual([0, 1, -1, 2]);
    expect(alignRows(["a", "", "b", ""], ["a", "", "b", "", ""])).toEqual([0, 1, 2, 3, -1]);
  });
});
