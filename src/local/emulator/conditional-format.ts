import type { Book } from "./book";
import { isDate, newArray } from "./realm";

/** A built conditional format rule. */
export interface ConditionalRuleModel {
  readonly criteria: string;
  readonly args: readonly unknown[];
  readonly background: string | null;
  readonly fontColor: string | null;
  readonly bold: boolean | null;
  readonly italic: boolean | null;
  readonly ranges: readonly GoogleAppsScript.Spreadsheet.Range[];
}

/** A plain description for snapshots. */
export function describeRule(m: ConditionalRuleModel): object {
  return {
    criteria: m.criteria,
    args: m.args.map((a) => (isDate(a) ? a.toISOString() : a)),
    background: m.background,
    fontColor: m.fontColor,
    bold: m.bold,
    italic: m.italic,
    ranges: m.ranges.map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`),
  };
}

/** SpreadsheetApp.newConditionalFormatRule() and rule.copy(). */
export class ConditionalFormatRuleBuilderApi {
  private _m: { -readonly [K in keyof ConditionalRuleModel]: ConditionalRuleModel[K] };
  constructor(
    private readonly _book: Book,
    from?: ConditionalRuleModel,
  ) {
    this._m = from
      ? { ...from }
      : { criteria: "", args: [], background: null, fontColor: null, bold: null, italic: null, ranges: [] };
  }
  private _when(criteria: string, ...args: unknown[]): this {
    this._m.criteria = criteria;
    this._m.args = args;
    return this;
  }
  whenFormulaSatisfied(f: string): this {
    return this._when("CUSTOM_FORMULA", f);
  }
  whenTextEqualTo(t: string): this {
    return this._when("TEXT_EQUAL_TO", t);
  }
  whenTextContains(t: string): this {
    return this._when("TEXT_CONTAINS", t);
  }
  whenTextDoesNotContain(t: string): this {
    return this._when("TEXT_DOES_NOT_CONTAIN", t);
  }
  whenTextStartsWith(t: string): this {
    return this._when("TEXT_STARTS_WITH", t);
  }
  whenTextEndsWith(t: string): this {
    return this._when("TEXT_ENDS_WITH", t);
  }
  whenNumberLessThan(n: number): this {
    return this._when("NUMBER_LESS_THAN", n);
  }
  whenNumberLessThanOrEqualTo(n: number): this {
    return this._when("NUMBER_LESS_THAN_OR_EQUAL_TO", n);
  }
  whenNumberGreaterThan(n: number): this {
    return this._when("NUMBER_GREATER_THAN", n);
  }
  whenNumberGreaterThanOrEqualTo(n: number): this {
    return this._when("NUMBER_GREATER_THAN_OR_EQUAL_TO", n);
  }
  whenNumberBetween(a: number, b: number): this {
    return this._when("NUMBER_BETWEEN", a, b);
  }
  whenNumberNotBetween(a: number, b: number): this {
    return this._when("NUMBER_NOT_BETWEEN", a, b);
  }
  whenNumberEqualTo(n: number): this {
    return this._when("NUMBER_EQUAL_TO", n);
  }
  whenNumberNotEqualTo(n: number): this {
    return this._when("NUMBER_NOT_EQUAL_TO", n);
  }
  whenCellEmpty(): this {
    return this._when("CELL_EMPTY");
  }
  whenCellNotEmpty(): this {
    return this._when("CELL_NOT_EMPTY");
  }
  whenDateBefore(d: unknown): this {
    return this._when("DATE_BEFORE", d);
  }
  whenDateAfter(d: unknown): this {
    return this._when("DATE_AFTER", d);
  }
  whenDateEqualTo(d: unknown): this {
    return this._when("DATE_EQUAL_TO", d);
  }
  setBackground(c: string | null): this {
    this._m.background = c;
    return this;
  }
  setFontColor(c: string | null): this {
    this._m.fontColor = c;
    return this;
  }
  setBold(b: boolean | null): this {
    this._m.bold = b;
    return this;
  }
  setItalic(b: boolean | null): this {
    this._m.italic = b;
    return this;
  }
  setRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): this {
    this._m.ranges = [...ranges];
    return this;
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return newArray(this._book.realm, this._m.ranges);
  }
  build(): ConditionalFormatRuleApi {
    if (!this._m.criteria)
      throw new Error("You must set a condition before building a conditional format rule.");
    return conditionalRuleApi(this._book, { ...this._m });
  }
}

export class ConditionalFormatRuleApi {
  constructor(
    private readonly _book: Book,
    readonly _model: ConditionalRuleModel,
  ) {}
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return newArray(this._book.realm, this._model.ranges);
  }
  getBooleanCondition(): unknown {
    const m = this._model;
    return this._book.guard.wrap("BooleanCondition", {
      getCriteriaType: () => m.criteria,
      getCriteriaValues: () => newArray(this._book.realm, m.args),
      getBackground: () => m.background,
      getFontColor: () => m.fontColor,
      getBold: () => m.bold,
      getItalic: () => m.italic,
    });
  }
  copy(): ConditionalFormatRuleBuilderApi {
    return this._book.guard.wrap(
      "ConditionalFormatRuleBuilder",
      new ConditionalFormatRuleBuilderApi(this._book, this._model),
    );
  }
}

export function conditionalRuleApi(book: Book, model: ConditionalRuleModel): ConditionalFormatRuleApi {
  return book.guard.wrap("ConditionalFormatRule", new ConditionalFormatRuleApi(book, model));
}
