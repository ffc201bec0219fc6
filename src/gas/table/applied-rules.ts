/**
 * Number formats and data validation that move only what changed. What was applied is remembered in a
 * document property per sheet (its id): for each schema column, the header and position it had, the
 * fingerprint of its format and rule, the help language, and the last row covered (rows 2 to it). Later
 * runs apply only to columns never covered or whose rules changed, and to rows past the covered extent.
 *
 * Why not cover the grid with a margin: the cost model (and Google, per the best-practices page,
 * https://developers.google.com/apps-script/guides/support/best-practices) charges every cell of a range a
 * format or rule is applied to, blank or not, and rows added as a margin also count against the 10M-cell
 * limit of a spreadsheet (https://support.google.com/drive/answer/37603). So Set up covers the grid as it is
 * (rows 2 to getMaxRows(), blank rows included: a new sheet's 1,000 rows cost little), and rows added later
 * get the rules in a range of just those rows: import does it for the rows it appends, and the next Set up
 * for rows the grid gained otherwise (users inserting rows in the UI get the formatting of the row above).
 */
import { mapHeaders } from "../../core/schema/headers";
import { columnLetter } from "../../core/table/a1";
import type { ColumnSpec, Lang, SheetSpec } from "../../core/schema/types";
import { applyValueLists } from "../../core/table/validate/value-lists";
import { buildRule, cellHasRules, columnRules, type ColumnRules, type RuleContext } from "./column-rules";
import { teamTableSettings } from "./settings";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** One column's applied rules: [header, 1-based column, signature, last row covered, help language]. */
type Applied = [string, number, string, number, Lang];
type AppliedSheet = Record<string, Applied>;

/** Rows per piece of work: one piece (format + rule over 50,000 rows) costs ~14 s under the cost model. */
export const MAX_PIECE_ROWS = 50_000;

/** A piece of pending work: the rules of one column over sheet rows `from`..`to`. */
export interface RulePiece {
  readonly spec: SheetSpec["key"];
  readonly sheetId: number;
  readonly key: string;
  readonly from: number;
  readonly to: number;
  readonly lang: Lang;
}

const recordKey = (sheetId: number) => `setup:rules:${sheetId}`;

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

function readApplied(sheetId: number): AppliedSheet {
  const raw = props().getProperty(recordKey(sheetId));
  if (!raw) return {};
  try {
    return JSON.parse(raw) as AppliedSheet;
  } catch {
    return {};
  }
}

function writeApplied(sheetId: number, applied: AppliedSheet): void {
  if (Object.keys(applied).length) props().setProperty(recordKey(sheetId), JSON.stringify(applied));
  else props().deleteProperty(recordKey(sheetId));
}

function headerRow(sheet: Sheet): unknown[] {
  const width = sheet.getLastColumn();
  return width > 0 ? sheet.getRange(1, 1, 1, width).getValues()[0] : [];
}

/**
 * A sheet's spec as the team's dropdown lists make it, and what its rules depend on (reject/warn choices,
 * the Owner dropdown): read once per call from settings (settings.ts). A changed list or mode changes the
 * rules' fingerprint, so the columns it touches are applied again.
 */
function teamRules(spec: SheetSpec): { spec: SheetSpec; context: RuleContext } {
  const team = teamTableSettings();
  return {
    spec: applyValueLists(spec, team.lists),
    context: { sheet: spec.key, enforcement: team.enforcement, ownerChoices: team.ownerChoices },
  };
}

/** The rules `column` should have now: the help language it was covered in, else the caller's. */
function expected(
  column: ColumnSpec,
  header: unknown,
  rec: Applied | undefined,
  lang: Lang,
  context: RuleContext,
): ColumnRules | null {
  return columnRules(column, header, rec?.[4] ?? lang, context);
}

/** Applies `rules` to rows `from`..`to` of the column at 0-based `at` (two calls, cells ∝ the rows). */
function applyRange(sheet: Sheet, at: number, from: number, to: number, rules: ColumnRules): void {
  const range = sheet.getRange(from, at + 1, to - from + 1, 1);
  if (rules.format !== null) range.setNumberFormat(rules.format);
  if (rules.rule !== null) range.setDataValidation(buildRule(rules.rule, `${columnLetter(at)}${from}`));
}

/** Records rows `from`..`to` of a column as covered, if they start at row 2 or continue its extent. */
function noteCovered(
  applied: AppliedSheet,
  key: string,
  header: unknown,
  at: number,
  rules: ColumnRules,
  lang: Lang,
  from: number,
  to: number,
): boolean {
  const rec = applied[key];
  const same = rec !== undefined && rec[2] === rules.signature && rec[1] === at + 1;
  if (from === 2) {
    applied[key] = [String(header), at + 1, rules.signature, Math.max(to, same ? rec[3] : 0), lang];
    return true;
  }
  if (same && rec[3] >= from - 1 && rec[3] < to) {
    rec[3] = to;
    return true;
  }
  return false;
}

/** Rows `from`..`to` of a column as pieces of at most MAX_PIECE_ROWS rows. */
function pieces(
  spec: SheetSpec,
  sheetId: number,
  key: string,
  from: number,
  to: number,
  lang: Lang,
): RulePiece[] {
  const out: RulePiece[] = [];
  for (let r = from; r <= to; r += MAX_PIECE_ROWS)
    out.push({ spec: spec.key, sheetId, key, from: r, to: Math.min(to, r + MAX_PIECE_ROWS - 1), lang });
  return out;
}

/**
 * The work one sheet still needs, without writing a cell: columns never covered or whose rules changed
 * (from row 2), and rows past the covered extent. The record is brought up to date on the way (a column
 * that moved but still carries its rules is re-recorded where it is now; a record of a vanished column is
 * dropped). With `check`, every covered column is also spot-checked (top and last covered cell: four
 * one-cell reads), so rules a user cleared or pasted over there are applied again.
 */
export function planSheet(given: SheetSpec, sheet: Sheet, lang: Lang, check: boolean): RulePiece[] {
  const { spec, context } = teamRules(given);
  const maxRows = sheet.getMaxRows();
  const sheetId = sheet.getSheetId();
  const headers = headerRow(sheet);
  const index = mapHeaders(spec, headers).index;
  const applied = readApplied(sheetId);
  const before = JSON.stringify(applied);
  const out: RulePiece[] = [];
  for (const column of spec.columns) {
    const at = index.get(column.key);
    const rec = applied[column.key];
    const rules = at === undefined ? null : expected(column, headers[at], rec, lang, context);
    if (at === undefined || rules === null) {
      delete applied[column.key];
      continue;
    }
    const header = String(headers[at]);
    let covered = rec !== undefined && rec[2] === rules.signature;
    const moved = covered && (rec[1] !== at + 1 || rec[0] !== header);
    if (covered && (moved || check) && maxRows >= 2) {
      // The rules travel with their cells when a column is moved or columns are inserted before it.
      const last = Math.max(2, Math.min(rec[3], maxRows));
      covered = [2, last].every((row) => cellHasRules(sheet.getRange(row, at + 1), rules));
      if (covered && moved) applied[column.key] = [header, at + 1, rec[2], rec[3], rec[4]];
    }
    if (!covered) {
      delete applied[column.key];
      if (maxRows >= 2) out.push(...pieces(spec, sheetId, column.key, 2, maxRows, lang));
      continue;
    }
    const extent = applied[column.key][3];
    if (extent > maxRows) applied[column.key][3] = Math.max(1, maxRows);
    else if (extent < maxRows) out.push(...pieces(spec, sheetId, column.key, extent + 1, maxRows, rec[4]));
  }
  if (JSON.stringify(applied) !== before) writeApplied(sheetId, applied);
  return out;
}

/**
 * Does one piece of planned work: finds the column by its key (the header row is read again, so a column
 * moved since the plan is still found; one gone is skipped), applies its rules to the piece's rows and
 * records them. Applying twice changes nothing (formats and rules are set, not added).
 */
export function applyPiece(given: SheetSpec, piece: RulePiece): void {
  const { spec, context } = teamRules(given);
  const sheet = SpreadsheetApp.getActive()
    .getSheets()
    .find((s) => s.getSheetId() === piece.sheetId);
  if (!sheet) return;
  const headers = headerRow(sheet);
  const at = mapHeaders(spec, headers).index.get(piece.key);
  const column = spec.columns.find((c) => c.key === piece.key);
  if (at === undefined || !column) return;
  const rules = columnRules(column, headers[at], piece.lang, context);
  const to = Math.min(piece.to, sheet.getMaxRows());
  if (!rules || to < piece.from) return;
  applyRange(sheet, at, piece.from, to, rules);
  const applied = readApplied(piece.sheetId);
  if (noteCovered(applied, piece.key, headers[at], at, rules, piece.lang, piece.from, to))
    writeApplied(piece.sheetId, applied);
}

/**
 * Gives rows `from`..`to` that a job just appended the rules of every column, in ranges of just those rows
 * (cells ∝ rows appended). Rows already covered are skipped; rows continuing a column's covered extent
 * extend it. Reads and writes the record once.
 */
export function applyToNewRows(
  given: SheetSpec,
  sheet: Sheet,
  headers: readonly unknown[],
  from: number,
  to: number,
  lang: Lang,
): void {
  if (to < from) return;
  const { spec, context } = teamRules(given);
  const sheetId = sheet.getSheetId();
  const index = mapHeaders(spec, headers).index;
  const applied = readApplied(sheetId);
  let changed = false;
  for (const column of spec.columns) {
    const at = index.get(column.key);
    if (at === undefined) continue;
    const rec = applied[column.key];
    const rules = expected(column, headers[at], rec, lang, context);
    if (!rules) continue;
    const valid = rec !== undefined && rec[2] === rules.signature && rec[1] === at + 1;
    const start = valid && rec[3] >= from - 1 ? Math.max(from, rec[3] + 1) : from;
    if (start > to) continue;
    applyRange(sheet, at, start, to, rules);
    if (valid)
      changed = noteCovered(applied, column.key, headers[at], at, rules, rec[4], start, to) || changed;
  }
  if (changed) writeApplied(sheetId, applied);
}
