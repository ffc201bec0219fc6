import { isDate } from "./realm";
import { isDateCell, type Stored } from "./cells";
import { newArray } from "./realm";
import { addMethods, namedAfter } from "./builder-methods";
import { nameEnum } from "./name-enum";
import { wrap, type Env } from "./env";

/** The number comparisons, the same in data validation and conditional formats (requireX / whenX). */
export const NUMBER_COMPARISONS: readonly string[] = [
  "NUMBER_BETWEEN",
  "NUMBER_EQUAL_TO",
  "NUMBER_GREATER_THAN",
  "NUMBER_GREATER_THAN_OR_EQUAL_TO",
  "NUMBER_LESS_THAN",
  "NUMBER_LESS_THAN_OR_EQUAL_TO",
  "NUMBER_NOT_BETWEEN",
  "NUMBER_NOT_EQUAL_TO",
];

/** The criteria a data-validation rule can have. */
const DATA_VALIDATION_CRITERIA_NAMES: readonly string[] = [
  "CHECKBOX",
  "CUSTOM_FORMULA",
  "DATE_AFTER",
  "DATE_BEFORE",
  "DATE_BETWEEN",
  "DATE_EQUAL_TO",
  "DATE_IS_VALID_DATE",
  "DATE_NOT_BETWEEN",
  "DATE_ON_OR_AFTER",
  "DATE_ON_OR_BEFORE",
  ...NUMBER_COMPARISONS,
  "TEXT_CONTAINS",
  "TEXT_DOES_NOT_CONTAIN",
  "TEXT_EQUAL_TO",
  "TEXT_IS_VALID_EMAIL",
  "TEXT_IS_VALID_URL",
  "VALUE_IN_LIST",
  "VALUE_IN_RANGE",
];

/** SpreadsheetApp.DataValidationCriteria (enum values are their names). */
export const DATA_VALIDATION_CRITERIA = nameEnum(DATA_VALIDATION_CRITERIA_NAMES);

/** A built rule, as the workbook stores it. */
export interface ValidationModel {
  readonly criteria: string;
  readonly args: readonly unknown[];
  readonly allowInvalid: boolean;
  readonly helpText: string;
}

/** A plain description for snapshots (dates as ISO strings, ranges as A1). */
export function describeValidation(m: ValidationModel): object {
  return {
    criteria: m.criteria,
    args: m.args.map((a) =>
      isDate(a)
        ? a.toISOString()
        : a && typeof a === "object" && "getA1Notation" in a
          ? String((a as { getA1Notation(): string }).getA1Notation())
          : a,
    ),
    allowInvalid: m.allowInvalid,
    helpText: m.helpText,
  };
}

function handOut(env: Env, args: readonly unknown[]): unknown[] {
  return newArray(
    env.realm,
    args.map((a) =>
      Array.isArray(a) ? newArray(env.realm, a) : isDate(a) ? new env.realm.Date(a.getTime()) : a,
    ),
  );
}

/** A DataValidation the bundle holds. */
export class DataValidationApi {
  constructor(
    private readonly _env: Env,
    readonly _model: ValidationModel,
  ) {}
  getCriteriaType(): string {
    return this._model.criteria;
  }
  getCriteriaValues(): unknown[] {
    return handOut(this._env, this._model.args);
  }
  getHelpText(): string {
    return this._model.helpText;
  }
  getAllowInvalid(): boolean {
    return this._model.allowInvalid;
  }
  copy(): DataValidationBuilderApi {
    return wrap(this._env, "DataValidationBuilder", new DataValidationBuilderApi(this._env, this._model));
  }
}

export function validationApi(env: Env, model: ValidationModel): DataValidationApi {
  return wrap(env, "DataValidation", new DataValidationApi(env, model));
}

/** SpreadsheetApp.newDataValidation(). */
export class DataValidationBuilderApi {
  private _criteria = "";
  private _args: readonly unknown[] = [];
  private _allowInvalid = true;
  private _helpText = "";

  constructor(
    private readonly _env: Env,
    from?: ValidationModel,
  ) {
    if (from) {
      this._criteria = from.criteria;
      this._args = from.args;
      this._allowInvalid = from.allowInvalid;
      this._helpText = from.helpText;
    }
  }

  /** Sets the criteria and its arguments (the requireX family below the class calls this). */
  _set(criteria: string, ...args: unknown[]): this {
    this._criteria = criteria;
    this._args = args.map((a) => (Array.isArray(a) ? [...a] : a));
    return this;
  }

  requireCheckbox(checked?: unknown, unchecked?: unknown): this {
    return this._set("CHECKBOX", ...[checked, unchecked].filter((x) => x !== undefined));
  }
  requireValueInList(values: readonly string[], showDropdown = true): this {
    return this._set("VALUE_IN_LIST", [...values], showDropdown);
  }
  requireValueInRange(range: unknown, showDropdown = true): this {
    return this._set("VALUE_IN_RANGE", range, showDropdown);
  }
  withCriteria(criteria: string, args: readonly unknown[]): this {
    return this._set(criteria, ...args);
  }
  setAllowInvalid(allow: boolean): this {
    this._allowInvalid = Boolean(allow);
    return this;
  }
  setHelpText(text: string): this {
    this._helpText = String(text);
    return this;
  }
  getCriteriaType(): string {
    return this._criteria;
  }
  getCriteriaValues(): unknown[] {
    return handOut(this._env, this._args);
  }
  getHelpText(): string {
    return this._helpText;
  }
  getAllowInvalid(): boolean {
    return this._allowInvalid;
  }
  copy(): DataValidationBuilderApi {
    return wrap(this._env, "DataValidationBuilder", new DataValidationBuilderApi(this._env, this._freeze()));
  }
  build(): DataValidationApi {
    if (!this._criteria) throw new Error("You must set a criteria before building a data validation rule.");
    return validationApi(this._env, this._freeze());
  }

  private _freeze(): ValidationModel {
    return {
      criteria: this._criteria,
      args: this._args,
      allowInvalid: this._allowInvalid,
      helpText: this._helpText,
    };
  }
}

// requireDateAfter(date), requireNumberBetween(start, end), requireTextContains(text), …: one method per
// criteria, named after it, setting it with the given arguments.
addMethods(
  DataValidationBuilderApi,
  {
    ...namedAfter(
      "require",
      DATA_VALIDATION_CRITERIA_NAMES.filter((c) => /^(DATE|NUMBER|TEXT)_/.test(c) && !/_IS_VALID_/.test(c)),
    ),
    requireDate: "DATE_IS_VALID_DATE",
    requireFormulaSatisfied: "CUSTOM_FORMULA",
    requireTextIsEmail: "TEXT_IS_VALID_EMAIL",
    requireTextIsUrl: "TEXT_IS_VALID_URL",
  },
  function (criteria, ...args) {
    return this._set(criteria, ...args);
  },
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^(https?:\/\/)?[^\s/$.?#].[^\s]*\.[^\s]+$/i;

function dateMs(v: Stored | unknown): number | null {
  if (isDateCell(v as Stored)) return (v as { date: number }).date;
  if (isDate(v)) return v.getTime();
  return null;
}

/**
 * Whether a value passes a rule as Sheets judges a user's entry (formula rules always pass: the
 * emulator does not evaluate formulas). Empty cells always pass.
 */
export function passesValidation(m: ValidationModel, v: Stored): boolean {
  if (v === "") return true;
  const [a, b] = m.args;
  const num = typeof v === "number" ? v : null;
  const d = dateMs(v);
  const lo = (x: unknown) => (isDate(x) ? x.getTime() : Number(x));
  switch (m.criteria) {
    case "VALUE_IN_LIST":
      return (a as unknown[]).map(String).includes(String(v));
    case "CHECKBOX":
      return m.args.length ? v === a || v === b : typeof v === "boolean";
    case "TEXT_IS_VALID_EMAIL":
      return typeof v === "string" && EMAIL.test(v);
    case "TEXT_IS_VALID_URL":
      return typeof v === "string" && URL_RE.test(v);
    case "TEXT_CONTAINS":
      return String(v).includes(String(a));
    case "TEXT_DOES_NOT_CONTAIN":
      return !String(v).includes(String(a));
    case "TEXT_EQUAL_TO":
      return String(v) === String(a);
    case "NUMBER_BETWEEN":
      return num !== null && num >= Number(a) && num <= Number(b);
    case "NUMBER_NOT_BETWEEN":
      return num !== null && (num < Number(a) || num > Number(b));
    case "NUMBER_EQUAL_TO":
      return num === Number(a);
    case "NUMBER_NOT_EQUAL_TO":
      return num !== null && num !== Number(a);
    case "NUMBER_GREATER_THAN":
      return num !== null && num > Number(a);
    case "NUMBER_GREATER_THAN_OR_EQUAL_TO":
      return num !== null && num >= Number(a);
    case "NUMBER_LESS_THAN":
      return num !== null && num < Number(a);
    case "NUMBER_LESS_THAN_OR_EQUAL_TO":
      return num !== null && num <= Number(a);
    case "DATE_IS_VALID_DATE":
      return d !== null;
    case "DATE_AFTER":
      return d !== null && d > lo(a);
    case "DATE_BEFORE":
      return d !== null && d < lo(a);
    case "DATE_ON_OR_AFTER":
      return d !== null && d >= lo(a);
    case "DATE_ON_OR_BEFORE":
      return d !== null && d <= lo(a);
    case "DATE_EQUAL_TO":
      return d !== null && d === lo(a);
    case "DATE_BETWEEN":
      return d !== null && d >= lo(a) && d <= lo(b);
    case "DATE_NOT_BETWEEN":
      return d !== null && (d < lo(a) || d > lo(b));
    default:
      return true;
  }
}
