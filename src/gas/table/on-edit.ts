import { writeValues } from "../platform/write-values";
import { mapHeaders } from "../../core/schema/headers";
import { READ_TYPES } from "../../core/schema/column-types";
import { CUSTOMERS } from "../../core/schema/sheets";
import { planStamps } from "../../core/table/ids/customer-ids";
import { withDocumentLock } from "../platform/lock";
import { adoptRowEntries } from "../trust/vault";
import { customerEdit } from "./customer-edit";
import { validateTable } from "../../core/table/validate/validate-table";
import { spreadsheetTimeZone, userLang } from "../platform/locale";
import { specOfSheet } from "../platform/tab-map";
import { a1 } from "../../core/table/a1";
import { MARK, replaceCellProblems } from "./problems";
import { customColumnTypes, teamTableSettings } from "./settings";

/**
 * IDs and stamps for edits of the Customers sheet (called by the installable edit trigger). For the edited
 * rows that have data: a missing CustomerID gets the next free ID, CreatedAt is set once, UpdatedAt on
 * every edit. Runs under the document lock so two people adding rows at once never get the same ID, and
 * in a fixed number of calls however many rows were pasted: one header read, one ID-column read, one
 * read of the edited rows and one write per contiguous block of stamp columns.
 */
export function onCustomerEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const edit = customerEdit(e);
  if (!edit) return;
  const { range, sheet, firstRow, lastRow } = edit;
  withDocumentLock(() => {
    const width = sheet.getLastColumn();
    if (width < 1) return;
    const headers = sheet.getRange(1, 1, 1, width).getValues()[0];
    const map = mapHeaders(CUSTOMERS, headers);
    const columns = {
      id: map.index.get("CustomerID"),
      createdAt: map.index.get("CreatedAt"),
      updatedAt: map.index.get("UpdatedAt"),
    };
    if (columns.id === undefined && columns.createdAt === undefined && columns.updatedAt === undefined)
      return;
    // An edit that only touched the stamp columns themselves is the user correcting them: leave it.
    const editedFrom = range.getColumn() - 1;
    const editedTo = editedFrom + range.getNumColumns() - 1;
    const stampCols = [columns.id, columns.createdAt, columns.updatedAt].filter(
      (c): c is number => c !== undefined,
    );
    const onlyStamps = Array.from({ length: editedTo - editedFrom + 1 }, (_, i) => editedFrom + i).every(
      (c) => stampCols.includes(c),
    );
    if (onlyStamps) return;
    const count = lastRow - firstRow + 1;
    const edited = sheet.getRange(firstRow, 1, count, width).getValues();
    const lastDataRow = sheet.getLastRow();
    const allIds =
      columns.id !== undefined && lastDataRow >= 2
        ? sheet
            .getRange(2, columns.id + 1, lastDataRow - 1, 1)
            .getValues()
            .map((r) => r[0])
        : [];
    const plan = planStamps(edited, columns, allIds, new Date());
    const writes = [
      { index: columns.id, values: plan.ids },
      { index: columns.createdAt, values: plan.createdAt },
      { index: columns.updatedAt, values: plan.updatedAt },
    ]
      .filter((w): w is { index: number; values: readonly unknown[] } => w.index !== undefined)
      .filter((w) => w.values.some((v, r) => v !== edited[r][w.index]))
      .sort((a, b) => a.index - b.index);
    for (let i = 0; i < writes.length;) {
      let j = i + 1;
      while (j < writes.length && writes[j].index === writes[j - 1].index + 1) j++;
      const block = writes.slice(i, j);
      writeValues(
        sheet.getRange(firstRow, block[0].index + 1, count, block.length),
        edited.map((_, r) => block.map((w) => w.values[r])),
      );
      i = j;
    }
    // Values the trust part of this trigger sealed before the rows had IDs move to the IDs now given.
    const idAt = columns.id;
    if (idAt !== undefined) {
      const assigned = plan.ids.flatMap((id, r) =>
        id !== edited[r][idAt] ? [{ row: firstRow + r, id: String(id) }] : [],
      );
      if (assigned.length) adoptRowEntries(CUSTOMERS, assigned);
    }
  });
}

/** Rules judged from one cell alone: what an edit can be told at once (uniqueness and orphans need the sheet). */
const CELL_RULES: ReadonlySet<string> = new Set([
  "required",
  "range",
  "formula",
  "unknown-owner",
  // A cell that cannot be read as its column's type.
  ...READ_TYPES,
]);

/** The user's part of a note, without the add-on's mark (as Validate all writes it: problems.ts). */
function userPart(note: string): string {
  const at = note.indexOf(MARK);
  return at < 0 ? note : note.slice(0, at).replace(/\s+$/, "");
}

/**
 * Flags at once what slipped past the sheet's own rules: a value pasted, typed into a column that only
 * warns, or written by a form or script edit the trigger sees. The edited cells of a canonical tab (found
 * through the wizard's tab mapping) are checked as Validate all checks them — the team's dropdown lists,
 * Owner names, types, bounds — and each broken cell gets the add-on's note (removed again once the cell
 * is fixed; the user's own notes are kept). Uniqueness and unknown customers need the whole sheet and are
 * left to Validate all. Costs a fixed number of calls: the header row, the edited rows, their notes, and
 * one write only when a note changes. Installable triggers fire on user edits only, not on API writes
 * (https://developers.google.com/apps-script/guides/triggers/events#edit), which Validate all still catches.
 */
export function onValidatedEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e?.range;
  if (!range) return;
  const sheet = range.getSheet();
  const spec = specOfSheet(sheet);
  if (!spec) return;
  const firstRow = Math.max(range.getRow(), 2);
  const lastRow = range.getRow() + range.getNumRows() - 1;
  const width = sheet.getLastColumn();
  if (lastRow < firstRow || width < 1) return;
  const firstCol = range.getColumn();
  const lastCol = Math.min(firstCol + range.getNumColumns() - 1, width);
  if (lastCol < firstCol) return;
  const headers = sheet.getRange(1, 1, 1, width).getValues()[0];
  const rows = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, width).getValues();
  const lang = userLang();
  const team = teamTableSettings();
  const problems = validateTable(spec, headers, rows, {
    lang,
    sheetName: sheet.getName(),
    timeZone: spreadsheetTimeZone(),
    customColumnTypes: customColumnTypes(spec.key),
    valueLists: team.lists,
    owners: team.owners,
  }).filter((p) => CELL_RULES.has(p.rule) && p.column >= firstCol && p.column <= lastCol);
  // validateTable numbers rows from 2; the block starts at firstRow.
  const byCell = new Map<string, string[]>();
  for (const p of problems) {
    const k = `${p.row - 2}:${p.column - firstCol}`;
    byCell.set(k, [...(byCell.get(k) ?? []), p.message]);
  }
  const target = sheet.getRange(firstRow, firstCol, lastRow - firstRow + 1, lastCol - firstCol + 1);
  const notes = target.getNotes();
  let changed = false;
  const next = notes.map((row, r) =>
    row.map((note, c) => {
      const messages = byCell.get(`${r}:${c}`);
      const own = userPart(note);
      const value = messages ? (own ? `${own}\n\n` : "") + MARK + messages.join(" ") : own;
      if (value !== note) changed = true;
      return value;
    }),
  );
  if (changed) target.setNotes(next);
  const cells = new Set<string>();
  for (let r = firstRow; r <= lastRow; r++) for (let c = firstCol; c <= lastCol; c++) cells.add(a1(r, c - 1));
  // validateTable numbered the block's rows from 2: the Problems tab names the cells where they are.
  const placed = problems.map((p) => {
    const row = firstRow + p.row - 2;
    return { ...p, row, a1: a1(row, p.column - 1) };
  });
  replaceCellProblems(sheet.getName(), cells, placed, lang);
}
