import type { Rect } from "./a1";
import type { Book } from "./book";
import { gasError } from "./env";
import { newArray } from "./realm";
import { ownerOf, type ProtectionModel, type SheetModel } from "./workbook";

/** SpreadsheetApp.ProtectionType. */
export const PROTECTION_TYPE = Object.freeze({ RANGE: "RANGE", SHEET: "SHEET" });

function emailOf(u: unknown): string {
  return typeof u === "string" ? u : String((u as { getEmail(): string }).getEmail());
}

/** A Protection: editors, warning-only, description; the owner can always edit. */
export class ProtectionApi {
  constructor(
    private readonly _book: Book,
    readonly _model: ProtectionModel,
  ) {}

  private _user(email: string): GoogleAppsScript.Base.User {
    return userApi(this._book, email);
  }
  getProtectionType(): string {
    return this._model.type;
  }
  getDescription(): string {
    return this._model.description;
  }
  setDescription(d: string): this {
    this._model.description = String(d);
    return this;
  }
  isWarningOnly(): boolean {
    return this._model.warningOnly;
  }
  setWarningOnly(w: boolean): this {
    this._model.warningOnly = Boolean(w);
    return this;
  }
  addEditor(u: unknown): this {
    this._model.editors.add(emailOf(u));
    return this;
  }
  addEditors(us: unknown[]): this {
    for (const u of us) this._model.editors.add(emailOf(u));
    return this;
  }
  /**
   * "Neither the owner of the spreadsheet nor the current user can be removed": Apps Script keeps them
   * without an error (the class's own sample removes getEditors() after adding the effective user).
   * https://developers.google.com/apps-script/reference/spreadsheet/protection#removeEditors(String)
   */
  removeEditor(u: unknown): this {
    const e = emailOf(u);
    const { owner, effectiveUser } = this._book.session;
    if (e !== owner && e !== effectiveUser) this._model.editors.delete(e);
    return this;
  }
  removeEditors(us: unknown[]): this {
    for (const u of us) this.removeEditor(u);
    return this;
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    return newArray(
      this._book.realm,
      [...this._model.editors].map((e) => this._user(e)),
    );
  }
  /** Whether the effective user (whose authority the script uses) may edit the protected area. */
  canEdit(): boolean {
    const { effectiveUser, owner } = this._book.session;
    return effectiveUser === owner || this._model.warningOnly || this._model.editors.has(effectiveUser);
  }
  canDomainEdit(): boolean {
    return this._model.domainEdit;
  }
  setDomainEdit(d: boolean): this {
    this._model.domainEdit = Boolean(d);
    return this;
  }
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    const { sheet, rect } = this._model;
    return this._book.rangeApi(
      sheet,
      rect ?? { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns },
    );
  }
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): this {
    if (this._model.type !== "SHEET")
      throw gasError(this._book, "Only sheet protections can have unprotected ranges.");
    this._model.unprotected = ranges.map(
      (r) => (this._book.guard.unwrap(r) as unknown as { _rect: Rect })._rect,
    );
    return this;
  }
  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return newArray(
      this._book.realm,
      this._model.unprotected.map((r) => this._book.rangeApi(this._model.sheet, r)),
    );
  }
  remove(): void {
    const { effectiveUser, owner } = this._book.session;
    if (effectiveUser !== owner && !this._model.editors.has(effectiveUser)) {
      throw gasError(this._book, "You do not have permission to remove this protection.");
    }
    this._model.removed = true;
    this._model.sheet.protections = this._model.sheet.protections.filter((p) => p !== this._model);
  }
}

export function userApi(book: Book | { guard: Book["guard"] }, email: string): GoogleAppsScript.Base.User {
  return book.guard.wrap("User", {
    getEmail: () => email,
    getUserLoginId: () => email,
    toString: () => email,
  }) as unknown as GoogleAppsScript.Base.User;
}

/**
 * Sheet.protect() returns the sheet's existing sheet protection if any (as Apps Script does);
 * Range.protect() always adds one. The protecting (effective) user and the owner become editors.
 */
export function protectionApi(
  book: Book,
  sheet: SheetModel,
  rect: Rect | null,
): GoogleAppsScript.Spreadsheet.Protection {
  let model = rect === null ? sheet.protections.find((p) => p.type === "SHEET") : undefined;
  if (!model) {
    model = {
      type: rect === null ? "SHEET" : "RANGE",
      sheet,
      rect,
      description: "",
      warningOnly: false,
      editors: new Set([ownerOf(book.wb, book.session.owner), book.session.effectiveUser].filter(Boolean)),
      unprotected: [],
      removed: false,
      domainEdit: true,
    };
    sheet.protections.push(model);
  }
  return wrapProtection(book, model);
}

export function wrapProtection(book: Book, model: ProtectionModel): GoogleAppsScript.Spreadsheet.Protection {
  return book.guard.wrap(
    "Protection",
    new ProtectionApi(book, model),
  ) as unknown as GoogleAppsScript.Spreadsheet.Protection;
}
