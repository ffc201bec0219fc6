/**
 * Service calls cost time on Google, and an execution is stopped after 6 minutes
 * (https://developers.google.com/apps-script/guides/services/quotas#current_limitations); batching reads
 * and writes is what keeps a job inside it (https://developers.google.com/apps-script/guides/support/best-practices).
 * The cost model charges each counted call, each cell read and written, and each flush on the clock.
 */
import { createEmulator, TIME_LIMIT_TEXT } from "../../../../src/local/emulator";
import { cellsOf, DEFAULT_COSTS } from "../../../../src/local/emulator/cost-model";
import { loadBundle } from "../../../../src/local/load-bundle";
import { fixtureDist } from "./fixture-dist";

type SheetsApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
const rect = (numRows: number, numColumns: number) => ({ _rect: { row: 1, column: 1, numRows, numColumns } });

describe("cells a call reads and writes", () => {
  it("takes a Range's size for matrix reads and writes, one cell for single reads, a row for appendRow", () => {
    expect(cellsOf("Range.getValues", rect(10, 3), [])).toEqual({ read: 30, written: 0 });
    expect(cellsOf("Range.getDisplayValues", rect(2, 2), [])).toEqual({ read: 4, written: 0 });
    expect(cellsOf("Range.getValue", rect(10, 3), [])).toEqual({ read: 1, written: 0 });
    expect(cellsOf("Range.setValues", rect(4, 5), [[]])).toEqual({ read: 0, written: 20 });
    expect(cellsOf("Range.setNotes", rect(4, 1), [[]])).toEqual({ read: 0, written: 4 });
    expect(cellsOf("Range.setBackground", rect(3, 3), ["red"])).toEqual({ read: 0, written: 9 });
    expect(cellsOf("Sheet.appendRow", {}, [[1, 2, 3]])).toEqual({ read: 0, written: 3 });
    expect(cellsOf("Sheet.getName", {}, [])).toEqual({ read: 0, written: 0 });
  });
});

describe("the cost model drives the emulated clock", () => {
  const setUp = () => {
    const emu = createEmulator({ costModel: DEFAULT_COSTS });
    emu.sheetFromValues(
      "T",
      Array.from({ length: 100 }, () => Array.from({ length: 10 }, () => 1)),
    );
    return { emu, app: emu.globals.SpreadsheetApp as SheetsApp };
  };

  it("charges every counted call inside an execution, and cells read and written", () => {
    const { emu, app } = setUp();
    const start = emu.clock.nowMs();
    emu.execution(() => app.getActive().getSheetByName("T")!.getRange("A1:J100").getValues());
    // getActive, getSheetByName, getRange: one call each; getValues: a call and 1,000 cells.
    expect(emu.clock.nowMs() - start).toBe(
      Math.floor(4 * DEFAULT_COSTS.callMs + 1000 * DEFAULT_COSTS.readCellMs),
    );
    const before = emu.clock.nowMs();
    emu.execution(() => {
      app
        .getActive()
        .getSheetByName("T")!
        .getRange("A1:B2")
        .setValues([
          [1, 2],
          [3, 4],
        ]);
      app.flush();
    });
    // The clock moves in whole milliseconds; the fraction is carried to the next call.
    const charged =
      4 * DEFAULT_COSTS.callMs +
      4 * DEFAULT_COSTS.writeCellMs +
      DEFAULT_COSTS.perCallMs["SpreadsheetApp.flush"];
    expect(Math.abs(emu.clock.nowMs() - before - charged)).toBeLessThan(1);
    expect(emu.costs.totals()).toMatchObject({ calls: 9, cellsRead: 1000, cellsWritten: 4 });
  });

  it("charges nothing outside an execution (set-up and assertions), and nothing when turned off", () => {
    const { emu, app } = setUp();
    const start = emu.clock.nowMs();
    app.getActive().getSheetByName("T")!.getRange("A1:J100").getValues();
    expect(emu.clock.nowMs()).toBe(start);
    const off = createEmulator();
    off.sheetFromValues("T", [[1]]);
    const offApp = off.globals.SpreadsheetApp as SheetsApp;
    const t0 = off.clock.nowMs();
    off.execution(() => offApp.getActive().getSheetByName("T")!.getRange("A1").getValues());
    expect(off.clock.nowMs()).toBe(t0);
  });

  it("cuts an execution writing 10,000 cells a call at the time limit, where Google's would stop it", () => {
    // A tenth of the 6-minute limit keeps the test quick: the cut falls at the same charged time.
    const limitMs = 36_000;
    const emu = createEmulator({ costModel: DEFAULT_COSTS, executionLimitMs: limitMs });
    const app = emu.globals.SpreadsheetApp as SheetsApp;
    emu.sheetFromValues(
      "Big",
      Array.from({ length: 200 }, () => Array.from({ length: 50 }, () => "")),
    );
    const block = Array.from({ length: 200 }, () => Array.from({ length: 50 }, () => "x"));
    let writes = 0;
    const job = () =>
      emu.execution(() => {
        const sheet = app.getActive().getSheetByName("Big")!;
        for (let i = 0; i < 1000; i++) {
          sheet.getRange(1, 1, 200, 50).setValues(block);
          writes++;
        }
      });
    expect(job).toThrow(TIME_LIMIT_TEXT);
    const perWrite = 2 * DEFAULT_COSTS.callMs + 10_000 * DEFAULT_COSTS.writeCellMs;
    // A call is charged first: the one whose cost takes the execution past its limit throws instead of running.
    expect(writes).toBe(Math.floor((limitMs - 2 * DEFAULT_COSTS.callMs) / perWrite));
  });
});

describe("per-execution statistics of a loaded bundle", () => {
  const dist = fixtureDist(`
    function readAll() { return SpreadsheetApp.getActive().getSheetByName("T").getDataRange().getValues().length; }
    function writeRow() { SpreadsheetApp.getActive().getSheetByName("T").appendRow([1, 2, 3]); }
  `);

  it("records calls, cells, modelled and elapsed time for each execution, cost model on by default", () => {
    const bundle = loadBundle({ dist });
    bundle.emulator.sheetFromValues("T", [
      [1, 2],
      [3, 4],
    ]);
    const t0 = bundle.emulator.clock.nowMs();
    bundle.ctx.readAll();
    bundle.ctx.writeRow();
    const [read, write] = bundle.executions;
    expect(read).toMatchObject({
      name: "readAll",
      context: "sidebar",
      startMs: t0,
      calls: 4,
      cellsRead: 4,
      cellsWritten: 0,
    });
    expect(read.modelledMs).toBeCloseTo(4 * DEFAULT_COSTS.callMs + 4 * DEFAULT_COSTS.readCellMs, 6);
    expect(Math.abs(read.elapsedMs - read.modelledMs)).toBeLessThan(1);
    expect(write).toMatchObject({ name: "writeRow", calls: 3, cellsRead: 0, cellsWritten: 3, error: null });
    expect(bundle.emulator.clock.nowMs()).toBeGreaterThan(t0);
  });

  it("keeps the clock still with costModel: false, still counting", () => {
    const bundle = loadBundle({ dist, costModel: false });
    bundle.emulator.sheetFromValues("T", [[1]]);
    const t0 = bundle.emulator.clock.nowMs();
    bundle.ctx.readAll();
    expect(bundle.emulator.clock.nowMs()).toBe(t0);
    expect(bundle.executions[0]).toMatchObject({ calls: 4, cellsRead: 1, modelledMs: 0 });
  });
});
