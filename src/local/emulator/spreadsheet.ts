import { nameEnum } from "./name-enum";
import { splitSheetPrefix, type Rect } from "./a1";
import type { Book } from "./book";
import { CHART_TYPE } from "./chart";
import { ConditionalFormatRuleBuilderApi } from "./conditional-format";
import { DATA_VALIDATION_CRITERIA, DataValidationBuilderApi } from "./data-validation";
import type { DriveAccess } from "./drive";
import { gasError, wrap, type Env } from "./env";
import { NO_UI_TEXT } from "./identity";
import { checkCellGrowth } from "./limits";
import { PROTECTION_TYPE, userApi, wrapProtection } from "./protection";
import { newRange } from "./range";
import { newArray } from "./realm";
import { SheetApi } from "./sheet";
import { UiApi, type UiRecorder } from "./ui";
import { checkZone } from "./zone";
import { ownerOf, type SheetModel, type Workbook } from "./workbook";

type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Builds the Book that ties the workbook to its facades. */
export function createBook(
  env: Env,
  wb: Workbook,
  toasts: (t: { message: string; title: string; timeoutSeconds: number }) => void,
): Book {
  let ss: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
  // One Sheet object per tab, so the same tab is the same object, as scripts may compare them.
  const sheets = new WeakMap<SheetModel, Sheet>();
  const book: Book = {
    ...env,
    wb,
    sheetApi(model: SheetModel): Sheet {
      let sheet = sheets.get(model);
      if (!sheet)
        sheets.set(model, (sheet = env.guard.wrap("Sheet", new SheetApi(book, model)) as unknown as Sheet));
      return sheet;
    },
    rangeApi(model: SheetModel, rect: Rect): Range {
      return newRange(book, model, rect);
    },
    spreadsheetApi() {
      if (!ss)
        ss = env.guard.wrap(
          "Spreadsheet",
          new SpreadsheetApi(book, toasts),
        ) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
      return ss;
    },
  };
  return book;
}

/** The active spreadsheet. */
export class SpreadsheetApi {
  constructor(
    private readonly _book: Book,
    private readonly _toast: (t: { message: string; title: string; timeoutSeconds: number }) => void,
  ) {}

  private get _wb(): Workbook {
    return this._book.wb;
  }
  private _sheetOf(s: unknown): SheetModel {
    const api = this._book.guard.unwrap(s) as SheetApi;
    if (!api || !(api instanceof SheetApi)) throw gasError(this._book, "Invalid argument: sheet");
    return api._model;
  }

  /** The book behind this facade (for Sheet.copyTo to another spreadsheet); hidden from the bundle. */
  get _target(): Book {
    return this._book;
  }

  getName(): string {
    return this._wb.name;
  }
  rename(name: string): void {
    this._wb.name = String(name);
  }
  getId(): string {
    return this._wb.id;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._wb.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this._wb.timeZone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    checkZone(tz);
    this._wb.timeZone = String(tz);
  }
  getSpreadsheetLocale(): string {
    return this._wb.locale;
  }
  setSpreadsheetLocale(l: string): void {
    this._wb.locale = String(l);
  }
  getOwner(): GoogleAppsScript.Base.User | null {
    const owner = ownerOf(this._wb, this._book.session.owner);
    return owner ? userApi(this._book, owner) : null;
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    const all = new Set([ownerOf(this._wb, this._book.session.owner), ...this._wb.editors].filter(Boolean));
    return newArray(
      this._book.realm,
      [...all].map((e) => userApi(this._book, e)),
    );
  }
  addEditor(u: string | { getEmail(): string }): this {
    this._wb.editors.add(typeof u === "string" ? u : u.getEmail());
    return this;
  }
  removeEditor(u: string | { getEmail(): string }): this {
    this._wb.editors.delete(typeof u === "string" ? u : u.getEmail());
    return this;
  }

  getSheets(): Sheet[] {
    return newArray(
      this._book.realm,
      this._wb.sheets.map((s) => this._book.sheetApi(s)),
    );
  }
  getNumSheets(): number {
    return this._wb.sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    const s = this._wb.byName(String(name));
    return s ? this._book.sheetApi(s) : null;
  }
  getSheetById(id: number): Sheet | null {
    const s = this._wb.sheets.find((x) => x.id === id);
    return s ? this._book.sheetApi(s) : null;
  }

  /** insertSheet(), insertSheet(name), insertSheet(name, index) or insertSheet(index); the new tab becomes active. */
  insertSheet(a?: string | number, b?: number): Sheet {
    const name = typeof a === "string" ? a : this._freeName();
    const index = typeof a === "number" ? a : typeof b === "number" ? b : this._wb.sheets.length;
    if (this._wb.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw gasError(
        this._book,
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
    if (index < 0 || index > this._wb.sheets.length)
      throw gasError(this._book, "Invalid argument: sheetIndex");
    // A new tab is 1000 rows × 26 columns.
    checkCellGrowth(this._book, this._wb, 1000 * 26);
    const s = this._wb.addSheet(name, index);
    this._wb.active = s;
    return this._book.sheetApi(s);
  }
  private _freeName(): string {
    for (let i = this._wb.sheets.length + 1; ; i++) if (!this._wb.byName(`Sheet${i}`)) return `Sheet${i}`;
  }
  deleteSheet(sheet: Sheet): void {
    const m = this._sheetOf(sheet);
    if (m.deleted) throw gasError(this._book, "This sheet has been deleted.");
    if (this._wb.sheets.length === 1) {
      throw gasError(this._book, "You can't remove all the sheets in a document.");
    }
    this._wb.removeSheet(m);
  }
  duplicateActiveSheet(): Sheet {
    const active = this.getActiveSheet();
    return active.copyTo(this._book.spreadsheetApi());
  }

  getActiveSheet(): Sheet {
    if (!this._wb.active || this._wb.active.deleted) this._wb.active = this._wb.sheets[0];
    return this._book.sheetApi(this._wb.active);
  }
  setActiveSheet(sheet: Sheet): Sheet {
    this._wb.active = this._sheetOf(sheet);
    return sheet;
  }
  getActiveRange(): Range | null {
    return this.getActiveSheet().getActiveRange();
  }
  getActiveCell(): Range {
    return this.getActiveSheet().getActiveCell();
  }
  setActiveRange(range: Range): Range {
    return range.getSheet().setActiveRange(range);
  }
  moveActiveSheet(position: number): void {
    const s = this._wb.active ?? this._wb.sheets[0];
    this._wb.sheets = this._wb.sheets.filter((x) => x !== s);
    this._wb.sheets.splice(position - 1, 0, s);
  }

  /** getRange("Sheet1!A1:B2") or, without a prefix, on the active sheet. */
  getRange(a1: string): Range {
    const { sheet, range } = splitSheetPrefix(String(a1));
    const target = sheet === null ? this.getActiveSheet() : this.getSheetByName(sheet);
    if (!target) throw gasError(this._book, "Range not found");
    return target.getRange(range);
  }
  getRangeByName(name: string): Range | null {
    const nr = this._wb.namedRanges.get(name);
    return nr ? this._book.rangeApi(nr.sheet, nr.rect) : null;
  }
  setNamedRange(name: string, range: Range): void {
    if (
      !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ||
      /^[A-Za-z]{1,3}\d+$/.test(name) ||
      /^true|false$/i.test(name)
    ) {
      throw gasError(
        this._book,
        "Named range names must begin with a letter or underscore, and contain only letters, numbers and underscores, and must not be a valid range reference.",
      );
    }
    const r = this._book.guard.unwrap(range) as unknown as { _sheet: SheetModel; _rect: Rect };
    this._wb.namedRanges.set(name, { name, sheet: r._sheet, rect: r._rect });
  }
  removeNamedRange(name: string): void {
    this._wb.namedRanges.delete(name);
  }
  getNamedRanges(): unknown[] {
    return newArray(
      this._book.realm,
      [...this._wb.namedRanges.values()].map((nr) =>
        this._book.guard.wrap("NamedRange", {
          getName: () => nr.name,
          getRange: () => this._book.rangeApi(nr.sheet, nr.rect),
          remove: () => void this._wb.namedRanges.delete(nr.name),
          setName: (n: string) => {
            this._wb.namedRanges.delete(nr.name);
            nr.name = n;
            this._wb.namedRanges.set(n, nr);
          },
        }),
      ),
    );
  }
  getProtections(type: string): GoogleAppsScript.Spreadsheet.Protection[] {
    return newArray(
      this._book.realm,
      this._wb.sheets.flatMap((s) =>
        s.protections.filter((p) => p.type === String(type)).map((p) => wrapProtection(this._book, p)),
      ),
    );
  }
  toast(message: string, title = "", timeoutSeconds = 5): void {
    this._toast({ message: String(message), title: String(title ?? ""), timeoutSeconds });
  }
  getDataRange(): Range {
    return this.getActiveSheet().getDataRange();
  }
  getLastRow(): number {
    return this.getActiveSheet().getLastRow();
  }
  getLastColumn(): number {
    return this.getActiveSheet().getLastColumn();
  }
  getSheetName(): string {
    return this.getActiveSheet().getName();
  }
  toString(): string {
    return "Spreadsheet";
  }
}

/** The SpreadsheetApp service. */
export class SpreadsheetAppApi {
  readonly DataValidationCriteria = DATA_VALIDATION_CRITERIA;
  readonly ProtectionType = PROTECTION_TYPE;
  readonly ChartType = CHART_TYPE;
  readonly BorderStyle = nameEnum(["DOTTED", "DASHED", "SOLID", "SOLID_MEDIUM", "SOLID_THICK", "DOUBLE"]);
  readonly WrapStrategy = Object.freeze({ WRAP: "WRAP", OVERFLOW: "OVERFLOW", CLIP: "CLIP" });
  readonly SheetType = Object.freeze({ GRID: "GRID", OBJECT: "OBJECT", DATASOURCE: "DATASOURCE" });

  constructor(
    private readonly _book: Book,
    private readonly _ui: UiRecorder,
    private readonly _flushes: () => void,
    private readonly _drive: DriveAccess,
  ) {}

  /** A new spreadsheet in the effective user's Drive: one tab "Sheet1" of `rows` × `columns` (default 1000 × 26). */
  create(name: string, rows?: number, columns?: number): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this._drive.create(name, rows, columns);
  }
  openById(id: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this._drive.open(String(id));
  }
  openByUrl(url: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(String(url));
    if (!m) throw gasError(this._book, "Invalid argument: url");
    return this._drive.open(m[1]);
  }

  getActive(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this._book.spreadsheetApi();
  }
  getActiveSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this._book.spreadsheetApi();
  }
  getActiveSheet(): Sheet {
    return this._book.spreadsheetApi().getActiveSheet();
  }
  getActiveRange(): Range | null {
    return this._book.spreadsheetApi().getActiveRange();
  }
  setActiveSheet(sheet: Sheet): Sheet {
    return this._book.spreadsheetApi().setActiveSheet(sheet);
  }
  /** Only executions with an editor UI have one (not time-driven triggers, web apps or API calls). */
  getUi(): UiApi {
    if (!this._book.session.ui) throw gasError(this._book, NO_UI_TEXT);
    return wrap(this._book, "Ui", new UiApi(this._book, this._ui));
  }
  newDataValidation(): DataValidationBuilderApi {
    return wrap(this._book, "DataValidationBuilder", new DataValidationBuilderApi(this._book));
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilderApi {
    return wrap(this._book, "ConditionalFormatRuleBuilder", new ConditionalFormatRuleBuilderApi(this._book));
  }
  flush(): void {
    this._flushes();
  }
}
