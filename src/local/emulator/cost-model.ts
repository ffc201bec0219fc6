/**
 * What Apps Script's services cost in time, so the emulated clock moves inside an execution the way it would
 * on Google and the 6-minute cut falls where it would. Every counted call ("Class.member", from the Guard)
 * costs a per-call figure; Range reads and writes also cost a figure per cell, SpreadsheetApp.flush a
 * commit. The figures come from published measurements (each cited at its figure below); they are rough
 * (one script, one day, one network), so the model is an order of magnitude, not a stopwatch.
 * https://developers.google.com/apps-script/guides/support/best-practices (batch reads and writes)
 * https://developers.google.com/apps-script/guides/services/quotas (6 min per execution)
 */
import type { Rect } from "./a1";
import type { Clock } from "./clock";

/** Milliseconds charged on the emulated clock. */
export interface CostTable {
  /** Any counted call without a figure of its own. */
  readonly callMs: number;
  /** Calls with a figure of their own, by "Class.member" (replaces callMs). */
  readonly perCallMs: Readonly<Record<string, number>>;
  /** Each cell a Range read returns (values, display values, formulas, notes, formats...). */
  readonly readCellMs: number;
  /** Each cell a Range write, clear or Sheet.appendRow changes. */
  readonly writeCellMs: number;
}

/**
 * Figures from public measurements:
 * - callMs: 1,000 × (getRange + getValue + Logger.log) took 3,064 ms, ~1 ms a call
 *   (https://www.bugbugnow.net/2019/03/GoogleAppsScript-speed-up.html, 2019-03).
 * - flush ~30 ms (400 flushes ≈ 12 s) and writeCellMs ~0.14 ms (one 4,000-cell setValues plus flush:
 *   610 ms) — Stack Overflow answer "What is faster: ScriptDb or SpreadsheetApp?", c. 2013
 *   (https://ruby-bash.developreference.com/article/29263774/What+is+faster+ScriptDb+or+SpreadsheetApp).
 * - Properties get ~30 ms / set ~62 ms, Cache get ~3 ms / put ~93 ms: means of 100 runs
 *   (https://ziritione.org/post/apps_script_performance).
 * - readCellMs 0.01 ms: no clean public per-cell read figure was found; an assumption an order below the
 *   write figure (reads are served by Apps Script's look-ahead cache, per the best-practices page).
 */
export const DEFAULT_COSTS: CostTable = {
  callMs: 1,
  perCallMs: {
    "SpreadsheetApp.flush": 30,
    "Properties.getProperty": 30,
    "Properties.getProperties": 30,
    "Properties.getKeys": 30,
    "Properties.setProperty": 62,
    "Properties.setProperties": 62,
    "Properties.deleteProperty": 62,
    "Properties.deleteAllProperties": 62,
    "Cache.get": 3,
    "Cache.getAll": 3,
    "Cache.put": 93,
    "Cache.putAll": 93,
    "Cache.remove": 93,
    "Cache.removeAll": 93,
  },
  readCellMs: 0.01,
  writeCellMs: 0.14,
};

/** No time charged: calls and cells are still counted per execution. */
export const FREE_COSTS: CostTable = { callMs: 0, perCallMs: {}, readCellMs: 0, writeCellMs: 0 };

/** Range getters returning one value per cell of the range. */
const MATRIX_READS = new Set([
  "getValues",
  "getDisplayValues",
  "getFormulas",
  "getFormulasR1C1",
  "getNotes",
  "getNumberFormats",
  "getBackgrounds",
  "getFontWeights",
  "getFontColors",
  "getFontStyles",
  "getFontSizes",
  "getFontFamilies",
  "getHorizontalAlignments",
  "getDataValidations",
  "getRichTextValues",
]);

/** Range getters reading the top-left cell only. */
const CELL_READS = new Set([
  "getValue",
  "getDisplayValue",
  "getFormula",
  "getNote",
  "getNumberFormat",
  "getBackground",
  "getFontWeight",
  "getFontColor",
  "getFontStyle",
  "getFontSize",
  "getFontFamily",
  "getHorizontalAlignment",
  "getDataValidation",
  "getRichTextValue",
  "isBlank",
]);

/** Range setters and clears that touch every cell of the range. */
const RANGE_WRITES = new Set([
  "setValues",
  "setValue",
  "setFormulas",
  "setFormula",
  "setNotes",
  "setNote",
  "clearNote",
  "setNumberFormats",
  "setNumberFormat",
  "setBackgrounds",
  "setBackground",
  "setFontWeights",
  "setFontWeight",
  "setFontColors",
  "setFontColor",
  "setFontStyle",
  "setFontSize",
  "setFontFamily",
  "setHorizontalAlignment",
  "setDataValidations",
  "setDataValidation",
  "clearDataValidations",
  "insertCheckboxes",
  "clearContent",
  "clearFormat",
  "clear",
]);

function rectOf(target: unknown): Rect | null {
  const rect = (target as { _rect?: Rect } | null)?._rect;
  return rect && typeof rect.numRows === "number" ? rect : null;
}

/** Cells a call reads and writes, from the Range's dimensions (or Sheet.appendRow's row). */
export function cellsOf(
  key: string,
  target: unknown,
  args: readonly unknown[],
): { readonly read: number; readonly written: number } {
  const dot = key.indexOf(".");
  const cls = key.slice(0, dot);
  const member = key.slice(dot + 1);
  if (cls === "Sheet" && member === "appendRow") {
    return { read: 0, written: Array.isArray(args[0]) ? args[0].length : 0 };
  }
  if (cls !== "Range") return { read: 0, written: 0 };
  const rect = rectOf(target);
  if (!rect) return { read: 0, written: 0 };
  const size = rect.numRows * rect.numColumns;
  if (MATRIX_READS.has(member)) return { read: size, written: 0 };
  if (CELL_READS.has(member)) return { read: 1, written: 0 };
  if (RANGE_WRITES.has(member)) return { read: 0, written: size };
  return { read: 0, written: 0 };
}

/** One execution as the cost model saw it (what a platform bench reports per execution). */
export interface ExecutionStats {
  /** The function or trigger handler run. */
  readonly name: string;
  /** Where it came from ("menu", "sidebar", "simple-trigger", "installable-trigger", "time-trigger"...). */
  readonly context: string;
  /** Emulated clock at its start (epoch ms). */
  readonly startMs: number;
  /** Time the cost model charged. */
  readonly modelledMs: number;
  /** Emulated time from start to end (whole ms): modelled costs plus sleeps and lock waits. */
  readonly elapsedMs: number;
  readonly calls: number;
  readonly cellsRead: number;
  readonly cellsWritten: number;
  /** Wall-clock ms this machine spent evaluating Code.js afresh for it (not emulated time). */
  readonly loadMs: number;
  /** The error it ended with (its message), or null. */
  readonly error: string | null;
}

export interface CostTotals {
  readonly calls: number;
  readonly cellsRead: number;
  readonly cellsWritten: number;
  readonly modelledMs: number;
}

interface Open {
  name: string;
  context: string;
  startMs: number;
  modelledMs: number;
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  loadMs: number;
}

/**
 * Charges counted calls on the emulated clock and keeps per-execution statistics. `charge` runs for every
 * counted call made inside an execution; `begin`/`end` bracket the executions whose statistics are wanted.
 */
export class CostModel {
  readonly executions: ExecutionStats[] = [];
  private open: Open | null = null;
  private totalsSoFar = { calls: 0, cellsRead: 0, cellsWritten: 0, modelledMs: 0 };
  /** Charged time not yet on the clock: the clock moves in whole milliseconds, as Date does. */
  private carryMs = 0;

  constructor(
    private readonly clock: Clock,
    readonly table: CostTable = DEFAULT_COSTS,
  ) {}

  /** Charges one counted call (before it runs) and advances the clock by its cost. */
  charge(key: string, target: unknown, args: readonly unknown[]): void {
    const cells = cellsOf(key, target, args);
    const ms =
      (this.table.perCallMs[key] ?? this.table.callMs) +
      cells.read * this.table.readCellMs +
      cells.written * this.table.writeCellMs;
    const t = this.totalsSoFar;
    t.calls++;
    t.cellsRead += cells.read;
    t.cellsWritten += cells.written;
    t.modelledMs += ms;
    if (this.open) {
      this.open.calls++;
      this.open.cellsRead += cells.read;
      this.open.cellsWritten += cells.written;
      this.open.modelledMs += ms;
    }
    this.carryMs += ms;
    const whole = Math.floor(this.carryMs);
    if (whole > 0) {
      this.carryMs -= whole;
      this.clock.advance(whole);
    }
  }

  /** Starts recording an execution (nested begins are ignored: one execution, one record). */
  begin(name: string, context: string): boolean {
    if (this.open) return false;
    this.open = {
      name,
      context,
      startMs: this.clock.nowMs(),
      modelledMs: 0,
      calls: 0,
      cellsRead: 0,
      cellsWritten: 0,
      loadMs: 0,
    };
    return true;
  }

  /** Adds the wall-clock time of the fresh evaluation the open execution needed. */
  addLoadMs(ms: number): void {
    if (this.open) this.open.loadMs += ms;
  }

  /** Ends the open execution and records it. */
  end(error: unknown): ExecutionStats | null {
    const o = this.open;
    if (!o) return null;
    this.open = null;
    const stats: ExecutionStats = {
      ...o,
      elapsedMs: this.clock.nowMs() - o.startMs,
      error: error === null || error === undefined ? null : String((error as Error).message ?? error),
    };
    this.executions.push(stats);
    return stats;
  }

  /** Everything charged so far, in or out of recorded executions. */
  totals(): CostTotals {
    return { ...this.totalsSoFar };
  }
}
