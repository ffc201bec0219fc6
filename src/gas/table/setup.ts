import { mapHeaders } from "../../core/schema/headers";
import { columnLetter } from "../../core/table/a1";
import { headerLanguage } from "../../core/table/fix/propose-fixes";
import { SHEETS } from "../../core/schema/sheets";
import type { ColumnCategory, ColumnSpec, ColumnType, Lang, SheetSpec } from "../../core/schema/types";
import { findSheet } from "../platform/sheet-table";
import { ensureEditTrigger } from "../platform/triggers";
import { requirePermission } from "../platform/guard";
import { currentUser, userLang } from "../platform/locale";
import { withDocumentLock } from "../platform/lock";
import { appendJobEntry } from "../trust/audit-log";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** One header colour per column category (light fills, readable with dark bold text). */
export const CATEGORY_COLOURS: Readonly<Record<ColumnCategory, string>> = {
  basic: "#cfe2f3",
  contact: "#d9ead3",
  purchase: "#fff2cc",
  service: "#fce5cd",
  feedback: "#ead1dc",
  value: "#d9d2e9",
  system: "#d9d9d9",
};

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

/** Marks the add-on's own protections, so repair finds and keeps them instead of stacking duplicates. */
const PROTECTION_TAG = "Sheet CRM: written by the add-on";

const HELP: Readonly<Record<ColumnType, { en: string; "zh-CN": string } | undefined>> = {
  id: undefined,
  text: undefined,
  enum: {
    en: "Pick from the list (the Chinese or English label both count).",
    "zh-CN": "请从列表中选择（中文或英文选项均可）。",
  },
  email: {
    en: "An e-mail address, e.g. name@example.com.",
    "zh-CN": "请输入电子邮件地址，例如 name@example.com。",
  },
  phone: {
    en: "Mobile (13812345678), landline with area code (010-12345678) or +country number.",
    "zh-CN": "手机号（13812345678）、带区号的座机（010-12345678）或 +国家码号码。",
  },
  date: { en: "A date, e.g. 2025-03-01.", "zh-CN": "请输入日期，例如 2025-03-01。" },
  datetime: {
    en: "A date and time, e.g. 2025-03-01 09:30.",
    "zh-CN": "请输入日期时间，例如 2025-03-01 09:30。",
  },
  integer: { en: "A whole number{range}.", "zh-CN": "请输入整数{range}。" },
  number: { en: "A number{range}.", "zh-CN": "请输入数字{range}。" },
  currency: { en: "An amount{range}, e.g. 50000.", "zh-CN": "请输入金额{range}，例如 50000。" },
  percent: { en: "A percentage, e.g. 12%.", "zh-CN": "请输入百分比，例如 12%。" },
  boolean: { en: "Tick for yes.", "zh-CN": "勾选表示“是”。" },
};

function helpText(column: ColumnSpec, lang: Lang): string {
  const template = HELP[column.type]?.[lang] ?? "";
  let range = "";
  if (column.min !== undefined && column.max !== undefined)
    range = lang === "en" ? ` from ${column.min} to ${column.max}` : `（${column.min}–${column.max}）`;
  else if (column.min !== undefined)
    range = lang === "en" ? ` of at least ${column.min}` : `（不小于 ${column.min}）`;
  return template.replace("{range}", range);
}

/** The data-validation rule for a column, or null for free text. All rules warn rather than reject. */
function validationRule(
  column: ColumnSpec,
  lang: Lang,
  labelLang: Lang,
  a1Top: string,
): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const b = SpreadsheetApp.newDataValidation().setAllowInvalid(true);
  switch (column.type) {
    case "enum":
      b.requireValueInList(
        (column.options ?? []).map((o) => o.label[labelLang]),
        true,
      );
      break;
    case "email":
      b.requireTextIsEmail();
      break;
    case "date":
    case "datetime":
      b.requireDate();
      break;
    case "phone":
      b.requireFormulaSatisfied(
        `=OR(ISBLANK(${a1Top}),REGEXMATCH(TO_TEXT(${a1Top}),"^(\\+?[0-9][0-9 ()-]{5,}[0-9])$"))`,
      );
      break;
    case "integer":
    case "number":
    case "currency":
    case "percent":
      if (column.min !== undefined && column.max !== undefined)
        b.requireNumberBetween(column.min, column.max);
      else if (column.min !== undefined) b.requireNumberGreaterThanOrEqualTo(column.min);
      else return null;
      break;
    case "boolean":
      b.requireCheckbox();
      break;
    default:
      return null;
  }
  const help = helpText(column, lang);
  if (help) b.setHelpText(help);
  return b.build();
}

/** Whether most of a header row is written in Chinese, so appended headers follow suit. */
function headerLang(headers: readonly unknown[], fallback: Lang): Lang {
  const named = headers.filter((h) => String(h).trim() !== "");
  if (!named.length) return fallback;
  const zh = named.filter((h) => /[\u4e00-\u9fff]/.test(String(h))).length;
  return zh * 2 >= named.length ? "zh-CN" : "en";
}

/** What one sheet's repair did. */
interface SheetRepair {
  readonly created: boolean;
  readonly columnsAdded: number;
}

export function repairSheet(spec: SheetSpec, lang: Lang): SheetRepair {
  const ss = SpreadsheetApp.getActive();
  let sheet: Sheet | null = findSheet(spec);
  const created = !sheet;
  if (!sheet) sheet = ss.insertSheet(spec.name[lang]);
  const lastColumn = sheet.getLastColumn();
  const headers = lastColumn > 0 ? sheet.getRange(1, 1, 1, lastColumn).getValues()[0] : [];
  const map = mapHeaders(spec, headers);
  const writeLang = created ? lang : headerLang(headers, lang);
  const missing = map.missing;
  if (missing.length) {
    const need = lastColumn + missing.length - sheet.getMaxColumns();
    if (need > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), need);
    sheet.getRange(1, lastColumn + 1, 1, missing.length).setValues([missing.map((c) => c.header[writeLang])]);
    missing.forEach((c, i) => sheet!.setColumnWidth(lastColumn + 1 + i, c.width ?? 120));
  }
  const width = lastColumn + missing.length;
  const fullHeaders = [...headers, ...missing.map((c) => c.header[writeLang])];
  const fullMap = mapHeaders(spec, fullHeaders);
  styleHeader(sheet, spec, fullMap.index, width);
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  applyColumnRules(sheet, spec, fullHeaders, lang);
  protectOwned(sheet, spec, fullMap.index);
  return { created, columnsAdded: missing.length };
}

/** Schema headers get their category colour and bold text; the user's own header cells keep their look. */
function styleHeader(sheet: Sheet, spec: SheetSpec, index: ReadonlyMap<string, number>, width: number): void {
  const header = sheet.getRange(1, 1, 1, width);
  const backgrounds = header.getBackgrounds()[0];
  const weights = header.getFontWeights()[0];
  for (const column of spec.columns) {
    const at = index.get(column.key);
    if (at === undefined) continue;
    backgrounds[at] = CATEGORY_COLOURS[column.category];
    weights[at] = "bold";
  }
  header.setBackgrounds([backgrounds]);
  header.setFontWeights([weights]);
}

/**
 * Number formats and data validation on whole columns, rows 2 to the sheet's last row. Help texts are in
 * the user's language; dropdown labels in the language of the column's header, as Fix writes them.
 */
function applyColumnRules(sheet: Sheet, spec: SheetSpec, headers: readonly unknown[], lang: Lang): void {
  const index = mapHeaders(spec, headers).index;
  const rows = sheet.getMaxRows() - 1;
  if (rows < 1) return;
  for (const column of spec.columns) {
    const at = index.get(column.key);
    if (at === undefined) continue;
    const range = sheet.getRange(2, at + 1, rows, 1);
    const format = NUMBER_FORMATS[column.type];
    if (format) range.setNumberFormat(format);
    const rule = column.owned
      ? null
      : validationRule(column, lang, headerLanguage(headers[at]), `${columnLetter(at)}2`);
    if (rule) range.setDataValidation(rule);
  }
}

/**
 * Owned columns (stamps and computed results) are protected warning-only: every editor is asked to
 * confirm before typing over them, while the add-on's jobs, which run as whichever user triggered them,
 * can still write. Protections are per contiguous block of owned columns; ours are tagged and replaced
 * only when their range changed.
 */
function protectOwned(sheet: Sheet, spec: SheetSpec, index: ReadonlyMap<string, number>): void {
  const owned = spec.columns
    .filter((c) => c.owned && index.has(c.key))
    .map((c) => index.get(c.key)!)
    .sort((a, b) => a - b);
  const wanted: string[] = [];
  for (let i = 0; i < owned.length;) {
    let j = i + 1;
    while (j < owned.length && owned[j] === owned[j - 1] + 1) j++;
    wanted.push(`${columnLetter(owned[i])}:${columnLetter(owned[j - 1])}`);
    i = j;
  }
  const ours = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter((p) => p.getDescription() === PROTECTION_TAG);
  const have = new Set<string>();
  for (const p of ours) {
    const r = p.getRange();
    const span = `${columnLetter(r.getColumn() - 1)}:${columnLetter(r.getColumn() + r.getNumColumns() - 2)}`;
    if (wanted.includes(span) && !have.has(span)) have.add(span);
    else p.remove();
  }
  for (const a1 of wanted) {
    if (have.has(a1)) continue;
    sheet.getRange(a1).protect().setDescription(PROTECTION_TAG).setWarningOnly(true);
  }
}

/**
 * Set up / repair: creates missing canonical sheets (named in the user's language), appends missing
 * columns at the end (never moving, renaming or deleting a user's column), styles the header by category,
 * freezes it, sets number formats and warning data-validation with localised help on whole columns,
 * protects owned columns and installs the edit trigger. Idempotent: a second run changes nothing, not
 * even the audit log (only runs that add sheets or columns are logged).
 */
export function setUpSheets(): { created: string[]; columnsAdded: number } {
  requirePermission("manage-settings");
  const started = new Date();
  const result = withDocumentLock(() => {
    const lang = userLang();
    const created: string[] = [];
    let columnsAdded = 0;
    for (const spec of SHEETS) {
      const r = repairSheet(spec, lang);
      if (r.created) created.push(spec.name[lang]);
      columnsAdded += r.columnsAdded;
    }
    ensureEditTrigger();
    return { created, columnsAdded };
  });
  if (result.created.length || result.columnsAdded) {
    appendJobEntry({
      job: "setup",
      user: currentUser(),
      at: started,
      rows: 0,
      detail: `created ${result.created.join(", ") || "no sheets"}; added ${result.columnsAdded} columns`,
    });
  }
  return result;
}
