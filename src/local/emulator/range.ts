import { a1Of, type Rect } from "./a1";
import { addMethods, namedAfterKeys } from "./builder-methods";
import type { Book } from "./book";
import { DELETED_SHEET_TEXT } from "./book";
import { isDateCell, toStored, type Cell, type Stored } from "./cells";
import { validationApi, type DataValidationApi, type ValidationModel } from "./data-validation";
import { gasError } from "./env";
import { displayValue, typedValue } from "./number-format";
import { protectionApi } from "./protection";
import { setEnteredValue, type EntryContext } from "./user-entered";
import { mayEdit, ownerOf, PROTECTED_TEXT, type SheetModel } from "./workbook";

/** Apps Script's number format for a cell never formatted. */
export const DEFAULT_NUMBER_FORMAT = "0.###############";

/** The text-valued format attributes a cell stores, with what Apps Script reports for an unformatted cell. */
const TEXT_ATTR_DEFAULTS = {
  background: "#ffffff",
  fontWeight: "normal",
  fontColor: "#000000",
  fontStyle: "normal",
  fontFamily: "Arial",
  horizontalAlignment: "general",
} as const satisfies Partial<Record<keyof Cell, string>>;
type TextAttr = keyof typeof TEXT_ATTR_DEFAULTS;

/**
 * Apps Script's accessors for the text attributes, named after them (background → getBackground): getX/setX
 * act on the top-left cell / every cell, the plural getXs/setXs per cell where Range has them (the add-on
 * needs no getFontStyles). One body per accessor kind, added below the class.
 */
const TEXT_ATTRS = Object.keys(TEXT_ATTR_DEFAULTS) as TextAttr[];
const PLURAL_ATTRS = ["background", "fontWeight", "fontColor"] as const satisfies readonly TextAttr[];
type SingleName = Capitalize<TextAttr>;
type PluralName = Capitalize<(typeof PLURAL_ATTRS)[number]>;
const byMethodName = (attrs: readonly string[]) =>
  Object.fromEntries(attrs.map((a) => [a.charAt(0).toUpperCase() + a.slice(1), a]));
/** The rectangle's getters, by Apps Script name (getRowIndex and getHeight are aliases Google keeps). */
const RECT_GETTERS = {
  Row: "row",
  RowIndex: "row",
  Column: "column",
  NumRows: "numRows",
  NumColumns: "numColumns",
  Height: "numRows",
  Width: "numColumns",
} as const satisfies Record<string, keyof Rect>;
type RectGetters = { [K in `get${keyof typeof RECT_GETTERS}`]: () => number };
type TableAccessors = RectGetters & { [K in `get${SingleName}`]: () => string } & {
  [K in `set${SingleName}`]: (value: string | null) => RangeApi;
} & { [K in `get${PluralName}s`]: () => string[][] } & {
  [K in `set${PluralName}s`]: (values: (string | null)[][]) => RangeApi;
};

function setTextAttr(c: Cell, key: TextAttr, value: string | null): void {
  if (value === null) delete c[key];
  else c[key] = String(value);
}

/** What getValues hands the bundle for a cell (typed by its number format; dates as bundle-realm Dates). */
export function outValue(book: Book, c: Cell | undefined): unknown {
  if (!c) return "";
  const v = c.format === undefined ? c.v : typedValue(c.v, c.format, book.wb.timeZone);
  return isDateCell(v) ? new book.realm.Date(v.date) : v;
}

// Merges the table-made accessors (added below the class) into the class type.
export interface RangeApi extends TableAccessors {}

/**
 * A Range with Apps Script semantics: 1-based, batched reads and writes, dimension checks with Apps Script's
 * own error texts, protection honoured for the effective user.
 */
export class RangeApi {
  constructor(
    private readonly _book: Book,
    readonly _sheet: SheetModel,
    readonly _rect: Rect,
  ) {}

  private _alive(): void {
    if (this._sheet.deleted) throw gasError(this._book, DELETED_SHEET_TEXT);
  }

  private _writable(): void {
    this._alive();
    const { session } = this._book;
    // Scripts write with the effective user's rights (an installable trigger: its creator's).
    if (!mayEdit(this._sheet, this._rect, session.effectiveUser, ownerOf(this._book.wb, session.owner))) {
      throw gasError(this._book, PROTECTED_TEXT);
    }
  }

  /** A bundle-realm matrix of f(cell) over the range. */
  private _read<T>(f: (c: Cell | undefined) => T): T[][] {
    this._alive();
    const { row, column, numRows, numColumns } = this._rect;
    const { realm } = this._book;
    const grid = this._sheet.grid;
    const out = new realm.Array<T[]>(numRows);
    for (let i = 0; i < numRows; i++) {
      const line = new realm.Array<T>(numColumns);
      for (let j = 0; j < numColumns; j++) line[j] = f(grid.get(row + i, column + j));
      out[i] = line;
    }
    return out;
  }

  /** Checks a matrix against the range's size with Apps Script's texts, then applies f per cell. */
  private _write(values: unknown, f: (c: Cell, v: unknown) => void): this {
    this._writable();
    const { row, column, numRows, numColumns } = this._rect;
    if (!Array.isArray(values)) {
      throw gasError(
        this._book,
        `The parameters (${typeof values}) don't match the method signature for SpreadsheetApp.Range.setValues.`,
      );
    }
    if (values.length !== numRows) {
      throw gasError(
        this._book,
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${numRows}.`,
      );
    }
    for (const line of values) {
      const n = Array.isArray(line) ? line.length : 0;
      if (n !== numColumns) {
        throw gasError(
          this._book,
          `The number of columns in the data does not match the number of columns in the range. The data has ${n} but the range has ${numColumns}.`,
        );
      }
    }
    const grid = this._sheet.grid;
    for (let i = 0; i < numRows; i++) {
      const line = values[i] as unknown[];
      for (let j = 0; j < numColumns; j++) f(grid.cell(row + i, column + j), line[j]);
    }
    return this;
  }

  /** A text format attribute per cell, with Apps Script's default where the cell has none. */
  _readAttr(key: TextAttr): string[][] {
    return this._read((c) => c?.[key] ?? TEXT_ATTR_DEFAULTS[key]);
  }

  /** Sets a text format attribute on every cell; null clears it back to the default. */
  _fillAttr(key: TextAttr, value: string | null): this {
    return this._fill((c) => setTextAttr(c, key, value));
  }

  /** Sets a text format attribute per cell from a matrix; null entries clear it. */
  _writeAttr(key: TextAttr, values: unknown): this {
    return this._write(values, (c, v) => setTextAttr(c, key, v as string | null));
  }

  /** Sets every cell of the range with f. */
  private _fill(f: (c: Cell) => void): this {
    this._writable();
    const { row, column, numRows, numColumns } = this._rect;
    for (let i = 0; i < numRows; i++)
      for (let j = 0; j < numColumns; j++) f(this._sheet.grid.cell(row + i, column + j));
    return this;
  }

  // ---- values

  getValues(): unknown[][] {
    return this._read((c) => outValue(this._book, c));
  }
  getValue(): unknown {
    this._alive();
    const c = this._sheet.grid.get(this._rect.row, this._rect.column);
    return outValue(this._book, c);
  }
  /** Strings are taken as typed by a user (user-entered.ts). */
  setValues(values: unknown[][]): this {
    const at = entryContext(this._book);
    return this._write(values, (c, v) => setEnteredValue(c, v, at));
  }
  setValue(value: unknown): this {
    const at = entryContext(this._book);
    return this._fill((c) => setEnteredValue(c, value, at));
  }
  getDisplayValues(): string[][] {
    const { wb } = this._book;
    return this._read((c) => (c ? displayValue(c.v, c.format, wb.timeZone, wb.locale) : ""));
  }
  getDisplayValue(): string {
    return this.getDisplayValues()[0][0];
  }
  getFormulas(): string[][] {
    return this._read((c) => c?.formula ?? "");
  }
  getFormula(): string {
    return this.getFormulas()[0][0];
  }
  setFormula(formula: string): this {
    return this._fill((c) => setCellValue(c, String(formula)));
  }
  setFormulas(formulas: string[][]): this {
    return this._write(formulas, (c, v) => setCellValue(c, String(v ?? "")));
  }
  isBlank(): boolean {
    return this._read((c) => c === undefined || (c.v === "" && c.formula === undefined)).every((r) =>
      r.every(Boolean),
    );
  }

  // ---- formats

  getNumberFormats(): string[][] {
    return this._read((c) => c?.format ?? DEFAULT_NUMBER_FORMAT);
  }
  getNumberFormat(): string {
    return this.getNumberFormats()[0][0];
  }
  setNumberFormat(format: string): this {
    return this._fill((c) => (c.format = String(format)));
  }
  setNumberFormats(formats: string[][]): this {
    return this._write(formats, (c, v) => (c.format = String(v)));
  }
  getFontSize(): number {
    return this._read((c) => c?.fontSize ?? 10)[0][0];
  }
  setFontSize(n: number): this {
    return this._fill((c) => (c.fontSize = Number(n)));
  }
  setVerticalAlignment(): this {
    this._writable();
    return this;
  }
  getWrap(): boolean {
    return this._read((c) => c?.wrap ?? true)[0][0];
  }
  setWrap(wrap: boolean): this {
    return this._fill((c) => (c.wrap = Boolean(wrap)));
  }
  setWrapStrategy(): this {
    this._writable();
    return this;
  }

  // ---- notes and validations

  getNotes(): string[][] {
    return this._read((c) => c?.note ?? "");
  }
  getNote(): string {
    return this.getNotes()[0][0];
  }
  setNote(note: string | null): this {
    return this._fill((c) => (note === null || note === "" ? delete c.note : (c.note = String(note))));
  }
  setNotes(notes: (string | null)[][]): this {
    return this._write(notes, (c, v) => (v === null || v === "" ? delete c.note : (c.note = String(v))));
  }
  clearNote(): this {
    return this._fill((c) => delete c.note);
  }
  getDataValidations(): (DataValidationApi | null)[][] {
    return this._read((c) =>
      c?.validation ? validationApi(this._book, c.validation as ValidationModel) : null,
    );
  }
  getDataValidation(): DataValidationApi | null {
    return this.getDataValidations()[0][0];
  }
  setDataValidation(rule: DataValidationApi | null): this {
    const model = rule === null ? null : this._book.guard.unwrap(rule)._model;
    return this._fill((c) => (model ? (c.validation = model) : delete c.validation));
  }
  setDataValidations(rules: (DataValidationApi | null)[][]): this {
    return this._write(rules, (c, r) => {
      const model = r ? this._book.guard.unwrap(r as DataValidationApi)._model : null;
      if (model) c.validation = model;
      else delete c.validation;
    });
  }
  clearDataValidations(): this {
    return this._fill((c) => delete c.validation);
  }
  insertCheckboxes(): this {
    const model: ValidationModel = { criteria: "CHECKBOX", args: [], allowInvalid: false, helpText: "" };
    return this._fill((c) => {
      c.validation = model;
      c.v = false;
      delete c.formula;
    });
  }

  // ---- clearing

  clearContent(): this {
    return this._fill((c) => {
      c.v = "";
      delete c.formula;
    });
  }
  clearFormat(): this {
    return this._fill((c) => {
      for (const k of FORMAT_KEYS) delete c[k];
    });
  }
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    commentsOnly?: boolean;
    validationsOnly?: boolean;
  }): this {
    if (!options) {
      return this._fill((c) => {
        c.v = "";
        delete c.formula;
        delete c.note;
        delete c.validation;
        for (const k of FORMAT_KEYS) delete c[k];
      });
    }
    if (options.contentsOnly) this.clearContent();
    if (options.formatOnly) this.clearFormat();
    if (options.commentsOnly) this.clearNote();
    if (options.validationsOnly) this.clearDataValidations();
    return this;
  }

  // ---- geometry

  getA1Notation(): string {
    return a1Of(this._rect);
  }
  getLastRow(): number {
    return this._rect.row + this._rect.numRows - 1;
  }
  getLastColumn(): number {
    return this._rect.column + this._rect.numColumns - 1;
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    this._alive();
    return this._book.sheetApi(this._sheet);
  }
  getCell(row: number, column: number): GoogleAppsScript.Spreadsheet.Range {
    if (row < 1 || column < 1 || row > this._rect.numRows || column > this._rect.numColumns) {
      throw gasError(this._book, "The coordinates of the range are outside the dimensions of the sheet.");
    }
    return this._book.rangeApi(this._sheet, {
      row: this._rect.row + row - 1,
      column: this._rect.column + column - 1,
      numRows: 1,
      numColumns: 1,
    });
  }
  offset(
    rowOffset: number,
    columnOffset: number,
    numRows?: number,
    numColumns?: number,
  ): GoogleAppsScript.Spreadsheet.Range {
    const rect = {
      row: this._rect.row + rowOffset,
      column: this._rect.column + columnOffset,
      numRows: numRows ?? this._rect.numRows,
      numColumns: numColumns ?? this._rect.numColumns,
    };
    return this.getSheet().getRange(rect.row, rect.column, rect.numRows, rect.numColumns);
  }
  activate(): this {
    this._alive();
    this._sheet.activeRange = this._rect;
    this._book.wb.active = this._sheet;
    return this;
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this._alive();
    return protectionApi(this._book, this._sheet, this._rect);
  }

  /** Copies values and formats to a destination range's top-left (destination may be on another tab). */
  copyTo(
    destination: GoogleAppsScript.Spreadsheet.Range,
    options?: { contentsOnly?: boolean; formatOnly?: boolean },
  ): void {
    this._alive();
    const dest = this._book.guard.unwrap(destination) as unknown as RangeApi;
    dest._writable();
    const snapshot: (Cell | undefined)[][] = [];
    for (let i = 0; i < this._rect.numRows; i++) {
      snapshot.push([]);
      for (let j = 0; j < this._rect.numColumns; j++)
        snapshot[i].push(this._sheet.grid.get(this._rect.row + i, this._rect.column + j));
    }
    snapshot.forEach((line, i) =>
      line.forEach((src, j) => {
        const target = dest._sheet.grid.cell(dest._rect.row + i, dest._rect.column + j);
        const copy: Cell = src ? { ...src } : { v: "" };
        if (options?.formatOnly)
          for (const k of FORMAT_KEYS) (target as unknown as Record<string, unknown>)[k] = copy[k];
        else if (options?.contentsOnly) {
          target.v = copy.v;
          if (copy.formula === undefined) delete target.formula;
          else target.formula = copy.formula;
        } else Object.assign(target, { formula: undefined, ...copy });
        if (target.formula === undefined) delete target.formula;
      }),
    );
  }

  /** Sorts the range's rows in place by one or more columns (absolute column numbers, as Apps Script). */
  sort(
    spec:
      number | { column: number; ascending?: boolean } | (number | { column: number; ascending?: boolean })[],
  ): this {
    this._writable();
    const specs = (Array.isArray(spec) ? spec : [spec]).map((s) =>
      typeof s === "number" ? { column: s, ascending: true } : { ascending: true, ...s },
    );
    const { row, column, numRows, numColumns } = this._rect;
    const rows: (Cell | undefined)[][] = [];
    // Copies: the rows are written back over the very cells they are read from.
    for (let i = 0; i < numRows; i++) {
      rows.push(
        Array.from({ length: numColumns }, (_, j) => {
          const c = this._sheet.grid.get(row + i, column + j);
          return c ? { ...c } : undefined;
        }),
      );
    }
    const key = (c: Cell | undefined): number | string => {
      const v = c?.v ?? "";
      return isDateCell(v) ? v.date : typeof v === "boolean" ? Number(v) : v;
    };
    rows.sort((a, b) => {
      for (const s of specs) {
        const x = key(a[s.column - column]);
        const y = key(b[s.column - column]);
        if (x === y) continue;
        if (x === "") return 1;
        if (y === "") return -1;
        const cmp = typeof x === typeof y ? (x < y ? -1 : 1) : typeof x === "number" ? -1 : 1;
        return s.ascending ? cmp : -cmp;
      }
      return 0;
    });
    rows.forEach((line, i) =>
      line.forEach((c, j) => {
        const target = this._sheet.grid.cell(row + i, column + j);
        for (const k of Object.keys(target)) delete (target as unknown as Record<string, unknown>)[k];
        Object.assign(target, c ? { ...c } : { v: "" });
      }),
    );
    return this;
  }

  getDataSourceUrl(): string {
    return `${this._book.wb.id}#gid=${this._sheet.id}&range=${this.getA1Notation()}`;
  }

  toString(): string {
    return "Range";
  }
}

addMethods(RangeApi, namedAfterKeys("get", RECT_GETTERS), function (key) {
  return this._rect[key as keyof Rect];
});
addMethods(RangeApi, namedAfterKeys("get", byMethodName(TEXT_ATTRS)), function (key) {
  return this._readAttr(key as TextAttr)[0][0];
});
addMethods(RangeApi, namedAfterKeys("set", byMethodName(TEXT_ATTRS)), function (key, value) {
  return this._fillAttr(key as TextAttr, value as string | null);
});
addMethods(RangeApi, namedAfterKeys("get", byMethodName(PLURAL_ATTRS), "s"), function (key) {
  return this._readAttr(key as TextAttr);
});
addMethods(RangeApi, namedAfterKeys("set", byMethodName(PLURAL_ATTRS), "s"), function (key, values) {
  return this._writeAttr(key as TextAttr, values);
});

const FORMAT_KEYS = [
  "format",
  "background",
  "fontWeight",
  "fontColor",
  "fontStyle",
  "fontSize",
  "fontFamily",
  "horizontalAlignment",
  "wrap",
] as const;

/**
 * A script's write: "=..." strings become formulas (whose value the emulator does not compute), except in
 * cells formatted as plain text ("@"), which keep them as text as Sheets does.
 */
export function setCellValue(c: Cell, value: unknown): void {
  if (typeof value === "string" && value.length > 1 && value.startsWith("=") && c.format !== "@") {
    c.formula = value;
    c.v = "";
    return;
  }
  c.v = toStored(value);
  delete c.formula;
}

/** The spreadsheet's locale and zone, and now: how a written string is read. */
export function entryContext(book: Book): EntryContext {
  return { locale: book.wb.locale, timeZone: book.wb.timeZone, now: book.clock.nowMs() };
}

export function newRange(book: Book, sheet: SheetModel, rect: Rect): GoogleAppsScript.Spreadsheet.Range {
  return book.guard.wrap(
    "Range",
    new RangeApi(book, sheet, rect),
  ) as unknown as GoogleAppsScript.Spreadsheet.Range;
}
