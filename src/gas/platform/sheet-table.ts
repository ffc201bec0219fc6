import { mapHeaders, sheetSpecForName, type HeaderMap } from "../../core/schema/headers";
import type { SheetSpec } from "../../core/schema/types";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** One read of a canonical sheet: header row, its mapping to the schema, and every data row. */
export interface TableSnapshot {
  readonly sheet: Sheet;
  readonly spec: SheetSpec;
  readonly headers: readonly unknown[];
  readonly map: HeaderMap;
  /** Rows 2..lastRow, each as wide as the header row; row i is sheet row i + 2. */
  readonly rows: readonly (readonly unknown[])[];
}

/** The first tab whose name stands for `spec` in either language or by alias. */
export function findSheet(spec: SheetSpec): Sheet | null {
  for (const sheet of SpreadsheetApp.getActive().getSheets()) {
    if (sheetSpecForName(sheet.getName())?.key === spec.key) return sheet;
  }
  return null;
}

/** How often a read torn by a concurrent row or column insert is retried before giving up. */
const READ_ATTEMPTS = 3;

/**
 * Reads a whole canonical sheet in one getValues call; null when the sheet does not exist. The sheet's
 * size is read again afterwards: if a user inserted or deleted rows or columns between the size and the
 * values, the read is torn (a row missing at the end, say) and is taken again.
 */
export function readTable(spec: SheetSpec): TableSnapshot | null {
  const sheet = findSheet(spec);
  if (!sheet) return null;
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const lastRow = sheet.getLastRow();
    const lastColumn = sheet.getLastColumn();
    if (lastRow < 1 || lastColumn < 1) {
      return { sheet, spec, headers: [], map: mapHeaders(spec, []), rows: [] };
    }
    const values = sheet.getRange(1, 1, lastRow, lastColumn).getValues();
    if (sheet.getLastRow() !== lastRow || sheet.getLastColumn() !== lastColumn) continue;
    const headers = values[0];
    return { sheet, spec, headers, map: mapHeaders(spec, headers), rows: values.slice(1) };
  }
  throw new RowsChangedError(sheet.getName(), sheet.getLastRow());
}

/** Raised when the sheet's header row changed between read and write; nothing was written. */
export class HeadersChangedError extends Error {
  constructor(sheetName: string) {
    super(`The header row of "${sheetName}" changed while the job ran; nothing was written. Run it again.`);
    this.name = "HeadersChangedError";
  }
}

/** Raised when rows were inserted, deleted or sorted between read and write; nothing was written. */
export class RowsChangedError extends Error {
  constructor(sheetName: string, sheetRow: number) {
    super(
      `Rows of "${sheetName}" moved while the job ran (row ${sheetRow} no longer holds the ID it had); nothing was written. Run it again.`,
    );
    this.name = "RowsChangedError";
  }
}

/** The ID column as read now must match the snapshot row for row, else writes would land on other rows. */
function recheckIds(snapshot: TableSnapshot): void {
  const key = snapshot.spec.idColumn;
  const index = key === undefined ? undefined : snapshot.map.index.get(key);
  if (index === undefined || snapshot.rows.length === 0) return;
  const now = snapshot.sheet.getRange(2, index + 1, snapshot.rows.length, 1).getValues();
  const moved = snapshot.rows.findIndex((r, i) => String(r[index]) !== String(now[i][0]));
  if (moved >= 0) throw new RowsChangedError(snapshot.sheet.getName(), moved + 2);
}

/**
 * Writes whole columns found by header, leaving every other column untouched: adjacent columns are
 * written together, so each contiguous block costs one setValues. The header row and the ID column are
 * read again first; if a user moved, renamed or inserted columns, or inserted, deleted or sorted rows,
 * since `snapshot` was taken, nothing is written.
 * `columns` maps a column key to one value per data row of the snapshot.
 */
export function writeColumns(
  snapshot: TableSnapshot,
  columns: ReadonlyMap<string, readonly unknown[]>,
): void {
  const { sheet } = snapshot;
  const width = snapshot.headers.length;
  if (width > 0) {
    const now = sheet.getRange(1, 1, 1, width).getValues()[0];
    if (now.some((h, i) => String(h) !== String(snapshot.headers[i])))
      throw new HeadersChangedError(sheet.getName());
  }
  recheckIds(snapshot);
  const targets = [...columns.keys()]
    .map((key) => {
      const index = snapshot.map.index.get(key);
      if (index === undefined)
        throw new Error(`Column ${key} is missing from "${sheet.getName()}"; run Set up / repair.`);
      return { key, index };
    })
    .sort((a, b) => a.index - b.index);
  const rows = snapshot.rows.length;
  if (rows === 0) return;
  const blocks = contiguousBlocks(targets);
  const valueOf = (row: number, key: string): unknown => {
    const v = columns.get(key)![row];
    return v === undefined ? "" : v;
  };
  for (const block of blocks) {
    const values = Array.from({ length: rows }, (_, r) => block.map((t) => valueOf(r, t.key)));
    sheet.getRange(2, block[0].index + 1, rows, block.length).setValues(values);
  }
  repairShiftedRows(snapshot, blocks, valueOf);
}

type Target = { readonly key: string; readonly index: number };

function contiguousBlocks(sorted: readonly Target[]): Target[][] {
  const blocks: Target[][] = [];
  for (const t of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && t.index === last[last.length - 1].index + 1) last.push(t);
    else blocks.push([t]);
  }
  return blocks;
}

/**
 * Rows can still move between the ID re-check and the write (another user inserts or deletes one at
 * that moment), which would put each value one row off. So the ID column is read once more after the
 * write; if it no longer matches, the written blocks are rewritten by ID: each row of the snapshot gets
 * its own value wherever it now is, and a row the snapshot did not have gets blanks in those columns
 * (a row inserted that instant is empty). Skipped when the ID column is itself being written.
 */
function repairShiftedRows(
  snapshot: TableSnapshot,
  blocks: readonly (readonly Target[])[],
  valueOf: (row: number, key: string) => unknown,
): void {
  const key = snapshot.spec.idColumn;
  const idIndex = key === undefined ? undefined : snapshot.map.index.get(key);
  if (idIndex === undefined || blocks.some((b) => b.some((t) => t.key === key))) return;
  const { sheet } = snapshot;
  const height = Math.max(sheet.getLastRow() - 1, snapshot.rows.length);
  const now = sheet
    .getRange(2, idIndex + 1, height, 1)
    .getValues()
    .map((r) => String(r[0]));
  if (snapshot.rows.every((r, i) => String(r[idIndex]) === now[i])) return;
  const rowOfId = new Map<string, number>();
  snapshot.rows.forEach((r, i) => {
    const id = String(r[idIndex]);
    if (id !== "" && !rowOfId.has(id)) rowOfId.set(id, i);
  });
  const lastSnapshotRow = now.reduce((last, id, p) => (rowOfId.has(id) ? p : last), -1);
  const span = Math.max(snapshot.rows.length, lastSnapshotRow + 1);
  for (const block of blocks) {
    const values = Array.from({ length: span }, (_, p) => {
      const row = rowOfId.get(now[p]);
      return block.map((t) => (row === undefined ? "" : valueOf(row, t.key)));
    });
    sheet.getRange(2, block[0].index + 1, span, block.length).setValues(values);
  }
}
