import { runsOf } from "../../core/trust/restore-plan";
import { writeValues } from "../platform/write-values";
import { HeadersChangedError } from "../platform/sheet-table";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Where the rows to delete are identified: the ID column (1-based) and the header it must still carry. */
export interface IdColumn {
  readonly sheet: Sheet;
  readonly column: number;
  readonly header: unknown;
}

/** How often a read torn by a concurrent row insert is retried before giving up. */
const READ_ATTEMPTS = 3;

/**
 * The ID column as it is now, in one getValues: index i is sheet row i + 2. The header cell is read in
 * the same call, so a column moved by a user is caught before any row is deleted by a stale position;
 * the last row is read again after, so a read torn by an insert at that instant is taken again.
 */
export function readIds({ sheet, column, header }: IdColumn): string[] {
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const lastRow = sheet.getLastRow();
    if (lastRow < 1) throw new HeadersChangedError(sheet.getName());
    const values = sheet.getRange(1, column, lastRow, 1).getValues();
    if (String(values[0][0]) !== String(header)) throw new HeadersChangedError(sheet.getName());
    if (sheet.getLastRow() !== lastRow) continue;
    return values.slice(1).map((r) => String(r[0]).trim());
  }
  throw new Error(`Rows of "${sheet.getName()}" keep moving; nothing more was deleted. Run it again.`);
}

/** Groups 1-based row numbers into [start, count] runs, ascending. */
export function rowRuns(rows: readonly number[]): [number, number][] {
  return runsOf(rows);
}

/** Sheet rows (1-based) whose ID is one of `targets`. */
export function targetRows(ids: readonly string[], targets: ReadonlySet<string>): number[] {
  const rows: number[] = [];
  ids.forEach((id, i) => {
    if (targets.has(id)) rows.push(i + 2);
  });
  return rows;
}

/**
 * What one deleteRows removed besides the intended rows, from the IDs of the rows around it read just
 * before (`pre`) and just after (`post`; a window reaching further, so the rows it held are still in it
 * however rows moved). deleteRows removes exactly `count` rows; the IDs of `pre` that `post` no longer
 * holds vanished: the targets among them were intended, the others are rows shifted into the run by a row
 * inserted above it in between; for the remainder, rows without an ID (the freshly inserted, still blank
 * rows, which sat above the shifted rows in the run) went.
 */
export function wronglyDeleted(
  pre: readonly string[],
  post: readonly string[],
  count: number,
  targets: ReadonlySet<string>,
): { readonly ids: string[]; readonly blanks: number; readonly targetsRemoved: number } {
  const left = new Map<string, number>();
  for (const id of post) if (id) left.set(id, (left.get(id) ?? 0) + 1);
  const vanished: string[] = [];
  for (const id of pre) {
    if (!id) continue;
    const n = left.get(id) ?? 0;
    if (n > 0) left.set(id, n - 1);
    else vanished.push(id);
  }
  const targetsRemoved = vanished.filter((id) => targets.has(id)).length;
  // Exactly the targets went (another user deleting a row meanwhile is theirs, not ours to put back).
  if (count - targetsRemoved <= 0) return { ids: [], blanks: 0, targetsRemoved };
  const ids = vanished.filter((id) => !targets.has(id));
  return { ids, blanks: Math.max(0, count - targetsRemoved - ids.length), targetsRemoved };
}

/** The backup taken before a delete: where wrongly deleted rows are put back from. */
export interface DeleteBackup {
  /** How messages name it. */
  readonly label: string;
  /** Columns of its rows. */
  readonly width: number;
  /** The row holding `id` when the backup was taken, as it is to be written back; undefined if none. */
  row(id: string): readonly unknown[] | undefined;
}

/** Rows read around a run, above and below it, before it is deleted; the check after reads twice as far. */
const WINDOW = 25;

/** The IDs of rows `first`..`last` (kept to the data rows), one read; `first` is where they start. */
function readWindow(
  sheet: Sheet,
  column: number,
  first: number,
  last: number,
): { first: number; ids: string[] } {
  const from = Math.max(2, first);
  const to = Math.min(last, sheet.getLastRow());
  if (to < from) return { first: from, ids: [] };
  const values = sheet.getRange(from, column, to - from + 1, 1).getValues();
  return { first: from, ids: values.map((r) => String(r[0]).trim()) };
}

/** A run still to delete: where it was last seen and the IDs it held there. */
interface Pending {
  readonly start: number;
  readonly ids: readonly string[];
}

/** Every run of target rows, bottom run first (deleting it moves no row above it). */
function pendingRuns(ids: readonly string[], targets: ReadonlySet<string>): Pending[] {
  return rowRuns(targetRows(ids, targets))
    .reverse()
    .map(([start, count]) => ({ start, ids: ids.slice(start - 2, start - 2 + count) }));
}

/**
 * Deletes every row whose ID is in `targets`, whatever rows other users insert meanwhile. The ID column
 * is read once (or `known`, read just before); then run by run, bottom run first, one deleteRows each:
 * before it, the rows around the run's last known place are read to find it there (moved a few rows by
 * an insert, it is found all the same; only when it is not there is the whole column read again), and
 * after it, a wider window around it is read again; if the run had shifted under the delete (a row
 * inserted in between), the wrongly removed rows are put back where they were from `backup` (taken
 * before anything was deleted) and the intended ones are located and deleted again. Returns how many
 * target rows were deleted.
 */
export function deleteRowsById(
  idColumn: IdColumn,
  targets: ReadonlySet<string>,
  backup: DeleteBackup,
  known?: readonly string[],
): number {
  const { sheet, column } = idColumn;
  let pending = pendingRuns(known ?? readIds(idColumn), targets);
  let deleted = 0;
  // Each round deletes one run, or repairs or locates again; the slack lets a few concurrent inserts in.
  const rounds = pending.length * 3 + 8;
  for (let round = 0; round < rounds && pending.length; round++) {
    const [run, ...rest] = pending;
    const pre = readWindow(sheet, column, run.start - WINDOW, run.start + run.ids.length - 1 + WINDOW);
    const want = new Set(run.ids);
    const at = pre.ids.flatMap((id, i) => (want.has(id) ? [pre.first + i] : []));
    if (at.length < run.ids.length) {
      // Not where it was (moved far, or deleted by someone else): locate every remaining run again.
      pending = pendingRuns(readIds(idColumn), targets);
      continue;
    }
    // The bottom part first when a row was inserted inside the run; the rest stays pending above it.
    const parts = rowRuns(at);
    const [start, count] = parts[parts.length - 1];
    sheet.deleteRows(start, count);
    const post = readWindow(sheet, column, pre.first - WINDOW, pre.first + pre.ids.length - 1 + WINDOW);
    if (String(sheet.getRange(1, column).getValue()) !== String(idColumn.header))
      throw new HeadersChangedError(sheet.getName());
    const wrong = wronglyDeleted(pre.ids, post.ids, count, targets);
    deleted += Math.min(count, wrong.targetsRemoved);
    if (wrong.ids.length + wrong.blanks > 0) {
      putBack(sheet, start, wrong, backup);
      pending = pendingRuns(readIds(idColumn), targets);
      continue;
    }
    const above = parts.slice(0, -1).flatMap(([first, n]) => Array.from({ length: n }, (_, i) => first + i));
    pending = above.length
      ? [{ start: above[0], ids: above.map((row) => pre.ids[row - pre.first]) }, ...rest]
      : rest;
  }
  if (pending.length === 0) return deleted;
  throw new Error(
    `Rows of "${sheet.getName()}" kept moving while deleting; ${deleted} were deleted. Check the sheet against "${backup.label}".`,
  );
}

/**
 * Re-inserts wrongly deleted rows at the run's old position, in one insert and one setValues: the blank
 * rows first (they were inserted above the shifted rows), then the rows from the backup by ID.
 */
function putBack(
  sheet: Sheet,
  start: number,
  wrong: { readonly ids: readonly string[]; readonly blanks: number },
  backup: DeleteBackup,
): void {
  const lost = wrong.ids.filter((id) => !backup.row(id));
  if (lost.length)
    // A row created after the backup cannot be rebuilt from it; say so rather than guess its cells.
    throw new Error(
      `Rows ${lost.slice(0, 5).join(", ")} of "${sheet.getName()}" were deleted by a concurrent edit and are not in the backup.`,
    );
  const blank = () => Array.from({ length: backup.width }, () => "");
  const rows = [
    ...Array.from({ length: wrong.blanks }, blank),
    ...wrong.ids.map((id) => [...backup.row(id)!]),
  ];
  const maxRows = sheet.getMaxRows();
  if (start > maxRows) sheet.insertRowsAfter(maxRows, rows.length);
  else sheet.insertRowsBefore(start, rows.length);
  writeValues(sheet.getRange(start, 1, rows.length, backup.width), rows);
}
