// The intake log tab (FormIntake / 表单收件): created in the book's language when first needed, trimmed
// to its columns (every cell counts toward the 10,000,000-cell limit), grown 100 rows at a time, written
// through writeValues only (a respondent's "=…" stays text).
import {
  INTAKE_HEADERS,
  INTAKE_TAB,
  intakeRow,
  parseIntakeRows,
  type IntakeEntry,
} from "../../core/intake/intake-log";
import { bookLang } from "../notify/mail-lang";
import { ensureRows, trimGrid } from "../platform/tab-grid";
import { writeValues } from "../platform/write-values";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const GROW_ROWS = 100;

/** The intake tab under either name, or null. */
export function findIntakeTab(): Sheet | null {
  const ss = SpreadsheetApp.getActive();
  return ss.getSheetByName(INTAKE_TAB.en) ?? ss.getSheetByName(INTAKE_TAB["zh-CN"]);
}

/** The intake tab, created (header, frozen, trimmed) in the book's language when missing. */
export function intakeTab(): Sheet {
  const found = findIntakeTab();
  if (found) return found;
  const lang = bookLang();
  const sheet = SpreadsheetApp.getActive().insertSheet(INTAKE_TAB[lang]);
  trimGrid(sheet, 1 + GROW_ROWS, INTAKE_HEADERS.length);
  writeValues(sheet.getRange(1, 1, 1, INTAKE_HEADERS.length), [INTAKE_HEADERS.map((h) => h[lang])]);
  sheet.getRange(1, 1, 1, INTAKE_HEADERS.length).setFontWeight("bold");
  sheet.setFrozenRows(1);
  return sheet;
}

/** Every entry of the intake tab (none when it does not exist). */
export function readIntake(sheet: Sheet | null = findIntakeTab()): IntakeEntry[] {
  if (!sheet || sheet.getLastRow() < 2) return [];
  return parseIntakeRows(sheet.getRange(2, 1, sheet.getLastRow() - 1, INTAKE_HEADERS.length).getValues());
}

/** Appends one entry (labels in the book's language). */
export function appendIntake(sheet: Sheet, entry: IntakeEntry): void {
  const row = sheet.getLastRow() + 1;
  ensureRows(sheet, row, GROW_ROWS);
  writeValues(sheet.getRange(row, 1, 1, INTAKE_HEADERS.length), [intakeRow(entry, bookLang())]);
}
