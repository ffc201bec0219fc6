import { parseA1, splitSheetPrefix, type Rect } from "./a1";
import type { Book } from "./book";
import { DELETED_SHEET_TEXT } from "./book";
import { EmbeddedChartApi, EmbeddedChartBuilderApi } from "./chart";
import {
  conditionalRuleApi,
  type ConditionalFormatRuleApi,
  type ConditionalRuleModel,
} from "./conditional-format";
import { gasError } from "./env";
import { checkCellGrowth } from "./limits";
import { protectionApi, wrapProtection } from "./protection";
import { entryContext } from "./range";
import { setEnteredValue } from "./user-entered";
import { newArray } from "./realm";
import { mayEdit, PROTECTED_TEXT, type SheetModel } from "./workbook";

type Range = GoogleAppsScript.Spreadsheet.Range;

/** A tab, with Apps Script's geometry rules and error texts. */
export class SheetApi {
  constructor(
    private readonly _book: Book,
    readonly _model: SheetModel,
  ) {}

  private _alive(): SheetModel {
    if (this._model.deleted) throw gasError(this._book, DELETED_SHEET_TEXT);
    return this._model;
  }

  private _editable(rect: Rect | null): void {
    const { effectiveUser, owner } = this._book.session;
    if (!mayEdit(this._alive(), rect, effectiveUser, owner)) throw gasError(this._book, PROTECTED_TEXT);
  }

  private _range(rect: Rect): Range {
    const m = this._alive();
    if (rect.row < 1) throw gasError(this._book, "The starting row of the range is too small.");
    if (rect.column < 1) throw gasError(this._book, "The starting column of the range is too small.");
    if (rect.numRows < 1) throw gasError(this._book, "The number of rows in the range must be at least 1.");
    if (rect.numColumns < 1)
      throw gasError(this._book, "The number of columns in the range must be at least 1.");
    if (rect.row + rect.numRows - 1 > m.maxRows || rect.column + rect.numColumns - 1 > m.maxColumns) {
      throw gasError(this._book, "The coordinates of the range are outside the dimensions of the sheet.");
    }
    return this._book.rangeApi(m, rect);
  }

  getRange(a: number | string, column?: number, numRows = 1, numColumns = 1): Range {
    const m = this._alive();
    if (typeof a === "string") {
      const { sheet, range } = splitSheetPrefix(a);
      if (sheet !== null && sheet !== m.name) throw gasError(this._book, "Range not found");
      try {
        return this._range(parseA1(range, m.maxRows, m.maxColumns));
      } catch (e) {
        throw gasError(this._book, (e as Error).message);
      }
    }
    if (
      typeof a !== "number" ||
      typeof column !== "number" ||
      !Number.isFinite(a) ||
      !Number.isFinite(column)
    ) {
      throw gasError(
        this._book,
        "The parameters (" +
          [a, column].map((x) => typeof x).join(",") +
          ") don't match the method signature for SpreadsheetApp.Sheet.getRange.",
      );
    }
    return this._range({ row: a, column, numRows, numColumns });
  }

  getRangeList(a1s: string[]): unknown {
    const ranges = a1s.map((a) => this.getRange(a));
    return this._book.guard.wrap("RangeList", { getRanges: () => newArray(this._book.realm, ranges) });
  }

  getDataRange(): Range {
    const m = this._alive();
    return this._range({
      row: 1,
      column: 1,
      numRows: Math.max(1, m.grid.lastRow()),
      numColumns: Math.max(1, m.grid.lastColumn()),
    });
  }

  getLastRow(): number {
    return this._alive().grid.lastRow();
  }
  getLastColumn(): number {
    return this._alive().grid.lastColumn();
  }
  getMaxRows(): number {
    return this._alive().maxRows;
  }
  getMaxColumns(): number {
    return this._alive().maxColumns;
  }
  getName(): string {
    return this._alive().name;
  }
  setName(name: string): this {
    const m = this._alive();
    const clash = this._book.wb.sheets.find(
      (s) => s !== m && s.name.toLowerCase() === String(name).toLowerCase(),
    );
    if (clash)
      throw gasError(
        this._book,
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    m.name = String(name);
    return this;
  }
  getSheetId(): number {
    return this._alive().id;
  }
  getIndex(): number {
    return this._book.wb.sheets.indexOf(this._alive()) + 1;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this._book.spreadsheetApi();
  }
  getType(): string {
    return "GRID";
  }

  // ---- rows and columns

  private _checkRowPosition(position: number, what = "row"): void {
    if (!Number.isInteger(position) || position < 1)
      throw gasError(this._book, `Those ${what}s are out of bounds.`);
  }

  insertRowsAfter(after: number, howMany: number): this {
    const m = this._alive();
    this._checkRowPosition(after);
    if (after > m.maxRows) throw gasError(this._book, "Those rows are out of bounds.");
    checkCellGrowth(this._book, this._book.wb, howMany * m.maxColumns);
    m.grid.insertRows(after + 1, howMany);
    m.maxRows += howMany;
    return this;
  }
  insertRowsBefore(before: number, howMany: number): this {
    this.insertRows(before, howMany);
    return this;
  }
  insertRowAfter(after: number): this {
    return this.insertRowsAfter(after, 1);
  }
  insertRowBefore(before: number): this {
    return this.insertRowsBefore(before, 1);
  }
  insertRows(before: number, howMany = 1): void {
    const m = this._alive();
    this._checkRowPosition(before);
    if (before > m.maxRows) throw gasError(this._book, "Those rows are out of bounds.");
    checkCellGrowth(this._book, this._book.wb, howMany * m.maxColumns);
    m.grid.insertRows(before, howMany);
    m.maxRows += howMany;
  }
  insertColumnsAfter(after: number, howMany: number): this {
    const m = this._alive();
    if (after < 0 || after > m.maxColumns) throw gasError(this._book, "Those columns are out of bounds.");
    checkCellGrowth(this._book, this._book.wb, howMany * m.maxRows);
    m.grid.insertColumns(after + 1, howMany);
    m.maxColumns += howMany;
    return this;
  }
  insertColumnsBefore(before: number, howMany: number): this {
    return this.insertColumnsAfter(before - 1, howMany);
  }
  insertColumnAfter(after: number): this {
    return this.insertColumnsAfter(after, 1);
  }
  insertColumnBefore(before: number): this {
    return this.insertColumnsBefore(before, 1);
  }
  insertColumns(before: number, howMany = 1): void {
    this.insertColumnsAfter(before - 1, howMany);
  }
  deleteRows(position: number, howMany: number): void {
    const m = this._alive();
    this._checkRowPosition(position);
    if (position + howMany - 1 > m.maxRows) throw gasError(this._book, "Those rows are out of bounds.");
    if (howMany >= m.maxRows - m.frozenRows && position > m.frozenRows) {
      throw gasError(this._book, "Sorry, it is not possible to delete all non-frozen rows.");
    }
    this._editable({ row: position, column: 1, numRows: howMany, numColumns: m.maxColumns });
    m.grid.deleteRows(position, howMany);
    m.maxRows -= howMany;
  }
  deleteRow(position: number): this {
    this.deleteRows(position, 1);
    return this;
  }
  deleteColumns(position: number, howMany: number): void {
    const m = this._alive();
    if (position < 1 || position + howMany - 1 > m.maxColumns)
      throw gasError(this._book, "Those columns are out of bounds.");
    if (howMany >= m.maxColumns - m.frozenColumns && position > m.frozenColumns) {
      throw gasError(this._book, "Sorry, it is not possible to delete all non-frozen columns.");
    }
    this._editable({ row: 1, column: position, numRows: m.maxRows, numColumns: howMany });
    m.grid.deleteColumns(position, howMany);
    m.maxColumns -= howMany;
  }
  deleteColumn(position: number): this {
    this.deleteColumns(position, 1);
    return this;
  }

  /** Writes one row after the last row with content, growing the sheet as Apps Script does. */
  appendRow(values: unknown[]): this {
    const m = this._alive();
    if (!Array.isArray(values))
      throw gasError(
        this._book,
        "The parameters (" +
          typeof values +
          ") don't match the method signature for SpreadsheetApp.Sheet.appendRow.",
      );
    const row = m.grid.lastRow() + 1;
    this._editable({ row, column: 1, numRows: 1, numColumns: Math.max(1, values.length) });
    const rows = Math.max(m.maxRows, row);
    const columns = Math.max(m.maxColumns, values.length);
    checkCellGrowth(this._book, this._book.wb, rows * columns - m.maxRows * m.maxColumns);
    m.maxRows = rows;
    m.maxColumns = columns;
    const at = entryContext(this._book);
    values.forEach((v, j) => setEnteredValue(m.grid.cell(row, j + 1), v, at));
    return this;
  }

  setColumnWidth(column: number, width: number): this {
    this._alive().columnWidths.set(column, width);
    return this;
  }
  setColumnWidths(start: number, count: number, width: number): this {
    for (let c = start; c < start + count; c++) this._alive().columnWidths.set(c, width);
    return this;
  }
  getColumnWidth(column: number): number {
    return this._alive().columnWidths.get(column) ?? 100;
  }
  autoResizeColumns(): this {
    this._alive();
    return this;
  }
  autoResizeColumn(): this {
    this._alive();
    return this;
  }
  setRowHeight(row: number, h: number): this {
    this._alive().rowHeights.set(row, h);
    return this;
  }
  getRowHeight(row: number): number {
    return this._alive().rowHeights.get(row) ?? 21;
  }
  setFrozenRows(n: number): void {
    this._freeze("rows", n);
  }
  getFrozenRows(): number {
    return this._alive().frozenRows;
  }
  setFrozenColumns(n: number): void {
    this._freeze("columns", n);
  }
  getFrozenColumns(): number {
    return this._alive().frozenColumns;
  }
  /** Freezes the first n rows or columns; n may be 0 (none) up to the sheet's size. */
  private _freeze(axis: "rows" | "columns", n: number): void {
    const m = this._alive();
    const rows = axis === "rows";
    if (n < 0 || n > (rows ? m.maxRows : m.maxColumns))
      throw gasError(this._book, `Those ${axis} are out of bounds.`);
    if (rows) m.frozenRows = n;
    else m.frozenColumns = n;
  }

  // ---- visibility, tab, activation

  hideSheet(): this {
    const m = this._alive();
    if (this._book.wb.sheets.filter((s) => !s.hidden && s !== m).length === 0) {
      throw gasError(this._book, "You can't hide all the sheets in a document.");
    }
    m.hidden = true;
    return this;
  }
  showSheet(): this {
    this._alive().hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this._alive().hidden;
  }
  setTabColor(color: string | null): this {
    this._alive().tabColor = color;
    return this;
  }
  getTabColor(): string | null {
    return this._alive().tabColor;
  }
  activate(): this {
    this._book.wb.active = this._alive();
    return this;
  }
  setActiveRange(range: Range): Range {
    const r = this._book.guard.unwrap(range) as unknown as { _rect: Rect };
    this._alive().activeRange = r._rect;
    this._book.wb.active = this._model;
    return range;
  }
  setActiveSelection(a: Range | string): Range {
    return this.setActiveRange(typeof a === "string" ? this.getRange(a) : a);
  }
  getActiveRange(): Range | null {
    const m = this._alive();
    return this._range(m.activeRange ?? { row: 1, column: 1, numRows: 1, numColumns: 1 });
  }
  getActiveCell(): Range {
    const r = this._alive().activeRange ?? { row: 1, column: 1, numRows: 1, numColumns: 1 };
    return this._range({ row: r.row, column: r.column, numRows: 1, numColumns: 1 });
  }

  // ---- clearing

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    const m = this._alive();
    this._editable(null);
    if (!options) m.grid.clear();
    else this._range({ row: 1, column: 1, numRows: m.maxRows, numColumns: m.maxColumns }).clear(options);
    return this;
  }
  clearContents(): this {
    const m = this._alive();
    this._range({ row: 1, column: 1, numRows: m.maxRows, numColumns: m.maxColumns }).clearContent();
    return this;
  }
  clearFormats(): this {
    const m = this._alive();
    this._range({ row: 1, column: 1, numRows: m.maxRows, numColumns: m.maxColumns }).clearFormat();
    return this;
  }
  clearNotes(): this {
    const m = this._alive();
    this._range({ row: 1, column: 1, numRows: m.maxRows, numColumns: m.maxColumns }).clearNote();
    return this;
  }

  // ---- protection, charts, conditional formats

  protect(): GoogleAppsScript.Spreadsheet.Protection {
    return protectionApi(this._book, this._alive(), null);
  }
  getProtections(type: string): GoogleAppsScript.Spreadsheet.Protection[] {
    const m = this._alive();
    return newArray(
      this._book.realm,
      m.protections.filter((p) => String(type) === p.type).map((p) => wrapProtection(this._book, p)),
    );
  }
  newChart(): EmbeddedChartBuilderApi {
    return this._book.guard.wrap(
      "EmbeddedChartBuilder",
      new EmbeddedChartBuilderApi(this._book, this._alive()),
    );
  }
  insertChart(chart: EmbeddedChartApi): void {
    const model = this._book.guard.unwrap(chart)._model;
    this._alive().charts.push({ ...model });
  }
  updateChart(chart: EmbeddedChartApi): void {
    const model = this._book.guard.unwrap(chart)._model;
    const m = this._alive();
    m.charts = m.charts.map((c) => (c.id === model.id ? { ...model } : c));
  }
  removeChart(chart: EmbeddedChartApi): void {
    const model = this._book.guard.unwrap(chart)._model;
    const m = this._alive();
    m.charts = m.charts.filter((c) => c.id !== model.id);
  }
  getCharts(): EmbeddedChartApi[] {
    const m = this._alive();
    return newArray(
      this._book.realm,
      m.charts.map((c) => this._book.guard.wrap("EmbeddedChart", new EmbeddedChartApi(this._book, m, c))),
    );
  }
  setConditionalFormatRules(rules: ConditionalFormatRuleApi[]): void {
    this._alive().conditionalRules = rules.map((r) => this._book.guard.unwrap(r)._model);
  }
  getConditionalFormatRules(): ConditionalFormatRuleApi[] {
    return newArray(
      this._book.realm,
      this._alive().conditionalRules.map((r) => conditionalRuleApi(this._book, r as ConditionalRuleModel)),
    );
  }

  /**
   * Copies the tab (values, formulas, formats, notes, validations; not protections) into `spreadsheet`,
   * this one or another, as "Copy of <name>", checking the destination's cell limit.
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#copyTo(Spreadsheet)
   */
  copyTo(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
    const target = (this._book.guard.unwrap(spreadsheet) as { _target?: Book } | undefined)?._target;
    if (!target) throw gasError(this._book, "Invalid argument: spreadsheet");
    const m = this._alive();
    const wb = target.wb;
    checkCellGrowth(this._book, wb, m.maxRows * m.maxColumns);
    let name = `Copy of ${m.name}`;
    for (let i = 2; wb.byName(name); i++) name = `Copy ${i} of ${m.name}`;
    const copy = wb.addSheet(name);
    Object.assign(copy, {
      maxRows: m.maxRows,
      maxColumns: m.maxColumns,
      frozenRows: m.frozenRows,
      frozenColumns: m.frozenColumns,
      tabColor: m.tabColor,
      conditionalRules: [...m.conditionalRules],
    });
    (copy as { grid: unknown }).grid = m.grid.clone();
    for (const [k, v] of m.columnWidths) copy.columnWidths.set(k, v);
    return target.sheetApi(copy);
  }

  showColumns(): void {
    this._alive();
  }
  hideColumns(): void {
    this._alive();
  }
  showRows(): void {
    this._alive();
  }
  hideRows(): void {
    this._alive();
  }

  toString(): string {
    return "Sheet";
  }
}
