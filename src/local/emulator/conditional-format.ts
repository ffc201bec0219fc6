import type { Book } from "./book";
import { addMethods, getters, namedAfter } from "./builder-methods";
import { NUMBER_COMPARISONS } from "./data-validation";
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
  _m: { -readonly [K in keyof ConditionalRuleModel]: ConditionalRuleModel[K] };
  constructor(
    private readonly _book: Book,
    from?: ConditionalRuleModel,
  ) {
    this._m = from
      ? { ...from }
      : { criteria: "", args: [], background: null, fontColor: null, bold: null, italic: null, ranges: [] };
  }
  /** Sets the condition and its arguments (the whenX family below the class calls this). */
  _when(criteria: string, ...args: unknown[]): this {
    this._m.criteria = criteria;
    this._m.args = args;
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

// whenNumberBetween(start, end), whenTextContains(text), whenCellEmpty(), …: one method per boolean
// condition, named after it, setting it with the given arguments.
addMethods(
  ConditionalFormatRuleBuilderApi,
  {
    ...namedAfter("when", [
      "CELL_EMPTY",
      "CELL_NOT_EMPTY",
      "DATE_AFTER",
      "DATE_BEFORE",
      "DATE_EQUAL_TO",
      ...NUMBER_COMPARISONS,
      "TEXT_CONTAINS",
      "TEXT_DOES_NOT_CONTAIN",
      "TEXT_ENDS_WITH",
      "TEXT_EQUAL_TO",
      "TEXT_STARTS_WITH",
    ]),
    whenFormulaSatisfied: "CUSTOM_FORMULA",
  },
  function (criteria, ...args) {
    return this._when(criteria, ...args);
  },
);

// setBackground, setFontColor, setBold, setItalic: the format applied where the condition holds (null
// clears it).
addMethods(
  ConditionalFormatRuleBuilderApi,
  { setBackground: "background", setFontColor: "fontColor", setBold: "bold", setItalic: "italic" },
  function (field, value) {
    (this._m as Record<string, unknown>)[field] = value;
    return this;
  },
);

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
    return this._book.guard.wrap(
      "BooleanCondition",
      getters({
        CriteriaType: m.criteria,
        CriteriaValues: newArray(this._book.realm, m.args),
        Background: m.background,
        FontColor: m.fontColor,
        Bold: m.bold,
        Italic: m.italic,
      }),
    );
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
