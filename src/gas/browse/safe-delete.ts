import { keptCell, writeValues } from "../platform/write-values";
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
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === r) last[1]++;
    else runs.push([r, 1]);
  }
  return runs;
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
 * What one deleteRows removed besides the intended rows, from the ID column read just before (`pre`)
 * and just after (`post`) it. deleteRows removes exactly `count` rows; every target row that vanished
 * was one of them, the rest were wrong: rows shifted into the run by a row inserted above it in between.
 * Those are the non-target IDs that vanished (in sheet order) and, for the remainder, rows without an
 * ID — the freshly inserted, still blank rows, which sat above the shifted rows in the run.
 */
export function wronglyDeleted(
  pre: readonly string[],
  post: readonly string[],
  count: number,
  targets: ReadonlySet<string>,
): { readonly ids: string[]; readonly blanks: number; readonly targetsRemoved: number } {
  const isTarget = (id: string) => targets.has(id);
  const targetsRemoved = pre.filter(isTarget).length - post.filter(isTarget).length;
  const wrong = count - targetsRemoved;
  if (wrong <= 0) return { ids: [], blanks: 0, targetsRemoved };
  const left = new Map<string, number>();
  for (const id of post) if (id && !isTarget(id)) left.set(id, (left.get(id) ?? 0) + 1);
  const ids: string[] = [];
  for (const id of pre) {
    if (!id || isTarget(id)) continue;
    const n = left.get(id) ?? 0;
    if (n > 0) left.set(id, n - 1);
    else ids.push(id);
  }
  return { ids, blanks: Math.max(0, wrong - ids.length), targetsRemoved };
}

/** Reads the backup once: each ID's full row, formulas as formulas (as undo restores them). */
function backupRows(backup: Sheet, column: number): { width: number; byId: Map<string, unknown[]> } {
  const width = backup.getLastColumn();
  const all = backup.getRange(1, 1, Math.max(1, backup.getLastRow()), width);
  const formulas = all.getFormulas();
  const byId = new Map<string, unknown[]>();
  all.getValues().forEach((row, r) => {
    if (r === 0) return;
    const id = String(row[column - 1]).trim();
    if (id && !byId.has(id))
      byId.set(
        id,
        row.map((v, c) => keptCell(formulas[r][c], v)),
      );
  });
  return { width, byId };
}

/**
 * Deletes every row whose ID is in `targets`, whatever rows other users insert meanwhile: before each
 * deleteRows the runs are located again by ID (bottom run first, one ID-column read), and after it the
 * IDs are read again; if the run had shifted under the delete (a row inserted in between), the wrongly
 * removed rows are put back where they were from `backup` (taken before anything was deleted) and the
 * intended ones are located and deleted again. Returns how many target rows were deleted.
 */
export function deleteRowsById(idColumn: IdColumn, targets: ReadonlySet<string>, backup: Sheet): number {
  const { sheet } = idColumn;
  let saved: ReturnType<typeof backupRows> | null = null;
  let deleted = 0;
  let ids = readIds(idColumn);
  // Each round deletes one run or repairs one; the slack lets a few concurrent inserts be repaired.
  const rounds = rowRuns(targetRows(ids, targets)).length * 2 + 4;
  for (let round = 0; round < rounds; round++) {
    const runs = rowRuns(targetRows(ids, targets));
    if (runs.length === 0) return deleted;
    const [start, count] = runs[runs.length - 1];
    sheet.deleteRows(start, count);
    const after = readIds(idColumn);
    const wrong = wronglyDeleted(ids, after, count, targets);
    deleted += wrong.targetsRemoved;
    if (wrong.ids.length + wrong.blanks > 0) {
      saved = saved ?? backupRows(backup, idColumn.column);
      putBack(sheet, start, wrong, saved);
      ids = readIds(idColumn);
    } else ids = after;
  }
  throw new Error(
    `Rows of "${sheet.getName()}" kept moving while deleting; ${deleted} were deleted. Check the sheet against "${backup.getName()}".`,
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
  saved: { width: number; byId: Map<string, unknown[]> },
): void {
  const lost = wrong.ids.filter((id) => !saved.byId.has(id));
  if (lost.length)
    // A row created after the backup cannot be rebuilt from it; say so rather than guess its cells.
    throw new Error(
      `Rows ${lost.slice(0, 5).join(", ")} of "${sheet.getName()}" were deleted by a concurrent edit and are not in the backup.`,
    );
  const blank = () => Array.from({ length: saved.width }, () => "");
  const rows = [
    ...Array.from({ length: wrong.blanks }, blank),
    ...wrong.ids.map((id) => saved.byId.get(id)!),
  ];
  const maxRows = sheet.getMaxRows();
  if (start > maxRows) sheet.insertRowsAfter(maxRows, rows.length);
  else sheet.insertRowsBefore(start, rows.length);
  writeValues(sheet.getRange(start, 1, rows.length, saved.width), rows);
}
