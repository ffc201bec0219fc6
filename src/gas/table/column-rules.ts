/**
 * What Set up puts on a column's data cells: a number format and a data-validation rule that rejects or
 * warns (per column, a setting), described as plain data (so what was applied can be remembered and
 * compared) and built into Apps Script objects only when applied.
 */
import { headerLanguage } from "../../core/table/fix/propose-tidy";
import type { ColumnSpec, ColumnType, Lang, Localized, SheetKey } from "../../core/schema/types";
import { enforcementOf, type EnforcementSettings } from "../../core/table/validate/enforcement";
import columnHelp from "./column-help.json";

const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  id: "@",
  phone: "@",
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm",
  integer: "0",
  number: "#,##0.##",
  currency: "#,##0.00",
  percent: "0.0%",
};

/** The validation help text of each column type (data in column-help.json); id and text columns have none. */
const HELP: Readonly<Partial<Record<ColumnType, Localized>>> = columnHelp;

/** A data-validation rule as data; `args` are the criteria values (a formula keeps a {top} slot). */
export interface RuleSpec {
  readonly criteria: "list" | "email" | "date" | "phone" | "between" | "atLeast" | "checkbox";
  readonly args: readonly (string | number | readonly string[])[];
  readonly help: string;
  /** false: Sheets refuses invalid input ("reject"); true: it keeps it with a warning mark ("warn"). */
  readonly allowInvalid: boolean;
}

/**
 * What a column's rule depends on beyond the column: its sheet, the team's reject/warn choices, and what
 * an Owner dropdown offers (members' names and addresses; none when no member has a name).
 */
export interface RuleContext {
  readonly sheet: SheetKey;
  readonly enforcement?: EnforcementSettings;
  readonly ownerChoices?: readonly string[];
}

/** A column's number format and validation rule (either may be absent), and their fingerprint. */
export interface ColumnRules {
  readonly format: string | null;
  readonly rule: RuleSpec | null;
  /** Changes whenever the format or rule would (so a recorded fingerprint tells whether they still hold). */
  readonly signature: string;
}

function helpText(column: ColumnSpec, lang: Lang): string {
  const template = HELP[column.type]?.[lang] ?? "";
  let range = "";
  if (column.min !== undefined && column.max !== undefined)
    range = lang === "en" ? ` from ${column.min} to ${column.max}` : `（${column.min}–${column.max}）`;
  else if (column.min !== undefined)
    range = lang === "en" ? ` of at least ${column.min}` : `（不小于 ${column.min}）`;
  return template.replace("{range}", range);
}

/** Phone numbers: digits, spaces, brackets and dashes, optionally after "+"; {top} is the range's top cell. */
const PHONE_FORMULA = `=OR(ISBLANK({top}),REGEXMATCH(TO_TEXT({top}),"^(\\+?[0-9][0-9 ()-]{5,}[0-9])$"))`;

function ruleOf(column: ColumnSpec, header: unknown, helpLang: Lang, context: RuleContext): RuleSpec | null {
  if (column.owned) return null;
  const rule = criteriaOf(column, header, helpText(column, helpLang), context);
  if (!rule) return null;
  const allowInvalid = enforcementOf(context.sheet, column, context.enforcement) === "warn";
  // Rejecting columns say so in their help, which Sheets shows when it refuses a value.
  const help = allowInvalid ? rule.help : `${rule.help}${REJECT_NOTE[helpLang]}`;
  return { ...rule, help, allowInvalid };
}

const REJECT_NOTE: Readonly<Record<Lang, string>> = {
  en: " Other values are refused.",
  "zh-CN": "其他内容将被拒绝。",
};

function criteriaOf(
  column: ColumnSpec,
  header: unknown,
  help: string,
  context: RuleContext,
): Omit<RuleSpec, "allowInvalid"> | null {
  switch (column.type) {
    case "enum":
      // Dropdown labels in the language of the column's header, as Fix writes them; a team's own list
      // (core/table/validate/value-lists.ts) has one label in both languages.
      return {
        criteria: "list",
        args: [(column.options ?? []).map((o) => o.label[headerLanguage(header)])],
        help,
      };
    case "email":
      return { criteria: "email", args: [], help };
    case "owner":
      // A name or an address: Sheets has no such criterion, so a dropdown of the team when it has names.
      return context.ownerChoices?.length
        ? { criteria: "list", args: [[...context.ownerChoices]], help }
        : null;
    case "date":
    case "datetime":
      return { criteria: "date", args: [], help };
    case "phone":
      return { criteria: "phone", args: [PHONE_FORMULA], help };
    case "integer":
    case "number":
    case "currency":
    case "percent":
      if (column.min !== undefined && column.max !== undefined)
        return { criteria: "between", args: [column.min, column.max], help };
      if (column.min !== undefined) return { criteria: "atLeast", args: [column.min], help };
      return null;
    case "boolean":
      return { criteria: "checkbox", args: [], help };
    default:
      return null;
  }
}

/** FNV-1a of a string, as 8 hex digits: a short fingerprint to keep in a document property. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * The format and rule of a column whose header cell reads `header`, with help texts in `helpLang`; null when
 * the column gets neither. `column` is as the team's lists make it (a listed Region is a dropdown). Sensitive
 * numbers (18-digit ID cards, bank cards) typed into a number cell lose their last digits (a double holds
 * 15–17), so sensitive columns are plain text until the vault seals them.
 */
export function columnRules(
  column: ColumnSpec,
  header: unknown,
  helpLang: Lang,
  context: RuleContext,
): ColumnRules | null {
  const format = column.sensitive ? "@" : (NUMBER_FORMATS[column.type] ?? null);
  const rule = ruleOf(column, header, helpLang, context);
  if (format === null && rule === null) return null;
  return { format, rule, signature: fingerprint(JSON.stringify([format, rule])) };
}

/**
 * The Apps Script rule for a range whose top cell is `topA1`. setAllowInvalid(false) makes Sheets refuse
 * input that breaks the rule, true keeps it with a warning
 * (https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#setallowinvalidallowinvalidinputs);
 * either way the add-on's own writes (setValues) are not refused, and what slips through is flagged by
 * the edit trigger (on-edit.ts). A custom formula's relative references are read from the top-left cell of
 * the range it is applied to (https://support.google.com/docs/answer/186103, "Custom formula is"), so a
 * range of appended rows names its own top cell.
 */
export function buildRule(rule: RuleSpec, topA1: string): GoogleAppsScript.Spreadsheet.DataValidation {
  // Rules recorded before the choice existed all warned.
  const b = SpreadsheetApp.newDataValidation().setAllowInvalid(rule.allowInvalid ?? true);
  const [a, c] = rule.args;
  switch (rule.criteria) {
    case "list":
      b.requireValueInList([...(a as readonly string[])], true);
      break;
    case "email":
      b.requireTextIsEmail();
      break;
    case "date":
      b.requireDate();
      break;
    case "phone":
      b.requireFormulaSatisfied(String(a).split("{top}").join(topA1));
      break;
    case "between":
      b.requireNumberBetween(a as number, c as number);
      break;
    case "atLeast":
      b.requireNumberGreaterThanOrEqualTo(a as number);
      break;
    case "checkbox":
      b.requireCheckbox();
      break;
  }
  if (rule.help) b.setHelpText(rule.help);
  return b.build();
}

const CRITERIA: Readonly<Record<RuleSpec["criteria"], string>> = {
  list: "VALUE_IN_LIST",
  email: "TEXT_IS_VALID_EMAIL",
  date: "DATE_IS_VALID_DATE",
  phone: "CUSTOM_FORMULA",
  between: "NUMBER_BETWEEN",
  atLeast: "NUMBER_GREATER_THAN_OR_EQUAL_TO",
  checkbox: "CHECKBOX",
};

/**
 * A cheap check that one cell still carries a column's rules (two one-cell reads): its number format, and
 * a validation of the same kind (for dropdowns, the same labels). Help texts and formulas are not compared.
 */
export function cellHasRules(cell: GoogleAppsScript.Spreadsheet.Range, rules: ColumnRules): boolean {
  if (rules.format !== null && cell.getNumberFormat() !== rules.format) return false;
  if (rules.rule === null) return true;
  const found = cell.getDataValidation();
  if (!found || String(found.getCriteriaType()) !== CRITERIA[rules.rule.criteria]) return false;
  if (found.getAllowInvalid() !== rules.rule.allowInvalid) return false;
  if (rules.rule.criteria !== "list") return true;
  const list = found.getCriteriaValues()[0] as unknown;
  return JSON.stringify(list) === JSON.stringify(rules.rule.args[0]);
}
