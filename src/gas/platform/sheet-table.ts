import { changedBlocks } from "../../core/table/changed-blocks";
import { KeptFormula, writeValues } from "./write-values";
import { mapHeaders, type HeaderMap } from "../../core/schema/headers";
import type { SheetSpec } from "../../core/schema/types";
import { noteTableWritten } from "../browse/book-version";
import { findSheet } from "./tab-map";

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

/**
 * The tab that stands for `spec`: the one confirmed in the set-up wizard, else the first whose name names
 * it in either language or by alias (tab-map.ts decides, for every feature alike).
 */
export { findSheet };

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
      `Rows of "${sheetName}" moved while the job ran (row ${sheetRow} no longer holds the row it had); nothing was written. Run it again.`,
    );
    this.name = "RowsChangedError";
  }
}

/**
 * A cell a write leaves as it was: its formula if it has one, else its value at the snapshot. Lets a job
 * write whole column blocks (one setValues each) while changing only some cells of them.
 */
export const KEEP: unique symbol = Symbol("keep");

/** Options of writeCells. */
export interface WriteOptions {
  /** Cells left as KEEP get their formula back rather than its last value (reads formulas once). */
  readonly keepFormulas?: boolean;
  /** 0-based columns formatted as plain text before the write, so "+86…" is not read as a number. */
  readonly textColumns?: ReadonlySet<number>;
}

type Grid = readonly (readonly unknown[])[];

/** A cell as compared between reads: dates by instant, blanks alike, everything else by its text. */
function cellText(v: unknown): string {
  if (v instanceof Date || Object.prototype.toString.call(v) === "[object Date]")
    return `d:${(v as Date).getTime()}`;
  return v === null || v === undefined ? "" : String(v);
}

/**
 * How rows are recognised while a job writes some columns: by ID when the sheet has an ID column the job
 * does not write, else by a fingerprint of every column the job neither writes nor holds formulas in
 * (a formula's value may follow the written cells, so it cannot identify the row).
 */
interface Identity {
  /** 0-based column of the ID, when rows are known by ID; only that column is read to check them. */
  readonly idIndex?: number;
  /** 0-based columns of the fingerprint, when there is no usable ID column. */
  readonly columns: readonly number[];
}

function identityOf(snapshot: TableSnapshot, written: ReadonlySet<number>, formulas?: Grid): Identity {
  const key = snapshot.spec.idColumn;
  const idIndex = key === undefined ? undefined : snapshot.map.index.get(key);
  if (idIndex !== undefined && !written.has(idIndex)) return { idIndex, columns: [idIndex] };
  const width = snapshot.headers.length;
  const columns = Array.from({ length: width }, (_, c) => c).filter(
    (c) => !written.has(c) && !(formulas ?? []).some((r) => r[c] !== ""),
  );
  return { columns };
}

/** The key of a row from its identity cells; a row blank in all of them has the key "". */
function keyOf(cells: readonly unknown[]): string {
  const texts = cells.map(cellText);
  return texts.every((t) => t === "") ? "" : JSON.stringify(texts);
}

/** The key a full-width row is recognised by. */
function rowKey(row: readonly unknown[], identity: Identity): string {
  return keyOf(identity.columns.map((c) => row[c]));
}

/** The keys of data rows 2…(1+height) as they are now: one column read by ID, else the whole width. */
function readKeys(sheet: Sheet, identity: Identity, height: number, width: number): string[] {
  if (height <= 0) return [];
  if (identity.idIndex !== undefined) {
    const ids = sheet.getRange(2, identity.idIndex + 1, height, 1).getValues();
    return ids.map((r) => keyOf(r));
  }
  return sheet
    .getRange(2, 1, height, width)
    .getValues()
    .map((r) => rowKey(r, identity));
}

/**
 * Matches the rows as they are now (`now`, keys by position) to the rows the job meant (`meant`), for a
 * sheet where rows were inserted, deleted or sorted since. Keys that occur once on both sides match
 * directly (this survives a sort); between two such anchors, repeated keys (blank rows, identical lines)
 * are matched in order by a longest common subsequence, so an inserted blank row is told from a blank row
 * the job knew by where it stands. Returns, for each position now, the meant row it holds, or -1 for a
 * row the job did not know (one a user just inserted).
 */
export function alignRows(meant: readonly string[], now: readonly string[]): number[] {
  const count = (keys: readonly string[]) => {
    const n = new Map<string, number>();
    for (const k of keys) n.set(k, (n.get(k) ?? 0) + 1);
    return n;
  };
  const inMeant = count(meant);
  const inNow = count(now);
  const meantAt = new Map<string, number>();
  meant.forEach((k, i) => meantAt.set(k, i));
  const match = now.map((k) => (inMeant.get(k) === 1 && inNow.get(k) === 1 ? meantAt.get(k)! : -1));
  const taken = new Set(match.filter((m) => m >= 0));
  let fromNow = 0;
  let fromMeant = 0;
  for (let p = 0; p <= now.length; p++) {
    if (p < now.length && match[p] < 0) continue;
    // The rows between the previous anchor and this one (or the ends), on both sides.
    const toMeant = p < now.length ? match[p] : meant.length;
    const a = Array.from({ length: p - fromNow }, (_, i) => fromNow + i);
    const b: number[] = [];
    for (let r = fromMeant; r < toMeant; r++) if (!taken.has(r)) b.push(r);
    for (const [i, j] of commonSubsequence(
      a.map((q) => now[q]),
      b.map((r) => meant[r]),
    ))
      match[a[i]] = b[j];
    fromNow = p + 1;
    if (p < now.length) fromMeant = Math.max(fromMeant, match[p] + 1);
  }
  return match;
}

/** Cells of the matching table above which a stretch of rows is matched greedily instead. */
const MAX_LCS_CELLS = 1_000_000;

/**
 * Index pairs of a longest common subsequence of `a` and `b` (dynamic programming; the stretches between
 * anchors are short). For a very long stretch, a greedy walk that skips a row of `a` when the next row
 * of `a` matches (an insert), else a row of `b` (a delete).
 */
function commonSubsequence(a: readonly string[], b: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  if (!a.length || !b.length) return pairs;
  if ((a.length + 1) * (b.length + 1) > MAX_LCS_CELLS) {
    for (let i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] === b[j]) pairs.push([i++, j++]);
      else if (a[i + 1] === b[j]) i++;
      else j++;
    }
    return pairs;
  }
  const w = b.length + 1;
  // lcs[i * w + j]: length of a longest common subsequence of a[i..] and b[j..].
  const lcs = new Int32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * w + j] =
        a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j] && lcs[i * w + j] === lcs[(i + 1) * w + j + 1] + 1) pairs.push([i++, j++]);
    else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) i++;
    else j++;
  }
  return pairs;
}

/**
 * Writes cells of whole columns, found by 0-based position: `columns` maps a column to one value per data
 * row of the snapshot, KEEP for a cell to leave as it was. Adjacent columns form one block and each block
 * costs one setValues, over the rows from its first to its last changed cell.
 *
 * Before writing, the header row and the rows' identity (ID, or fingerprint of the columns the job does not
 * write) are read again: if columns or rows moved since the snapshot, nothing is written
 * (HeadersChangedError, RowsChangedError). Rows can still move between that check and the write (a user
 * inserts one that instant); so the identity is read once more afterwards and, if rows moved, every block
 * is rewritten by identity: each row gets its own values wherever it now is, and a row the snapshot did
 * not have gets blanks in the written columns (a row inserted that instant is empty).
 */
export function writeCells(
  snapshot: TableSnapshot,
  columns: ReadonlyMap<number, readonly unknown[]>,
  options: WriteOptions = {},
): void {
  const { sheet } = snapshot;
  const width = snapshot.headers.length;
  if (width > 0) {
    const now = sheet.getRange(1, 1, 1, width).getValues()[0];
    if (now.some((h, i) => String(h) !== String(snapshot.headers[i])))
      throw new HeadersChangedError(sheet.getName());
  }
  const rows = snapshot.rows.length;
  if (rows === 0 || columns.size === 0) return;
  const written = new Set(columns.keys());
  const hasId = identityOf(snapshot, written).idIndex !== undefined;
  // Formulas are read before the identity check, so that check also proves they are still aligned.
  const formulas =
    options.keepFormulas || !hasId ? sheet.getRange(2, 1, rows, width).getFormulas() : undefined;
  const identity = identityOf(snapshot, written, formulas);
  const meant = snapshot.rows.map((r) => rowKey(r, identity));
  const before = readKeys(sheet, identity, rows, width);
  const moved = meant.findIndex((k, i) => k !== before[i]);
  if (moved >= 0) throw new RowsChangedError(sheet.getName(), moved + 2);

  // A kept cell goes back as its formula, or as the value it had (writeValues keeps text as text).
  const cell = (row: number, column: number): unknown => {
    const v = columns.get(column)![row];
    if (v !== KEEP) return v === undefined ? "" : v;
    const formula = options.keepFormulas && formulas?.[row][column];
    return formula ? new KeptFormula(formula) : snapshot.rows[row][column];
  };
  const blocks = contiguousBlocks([...written].sort((a, b) => a - b));
  noteTableWritten(snapshot.map, written);
  for (const block of blocks) {
    // Only what changes is written: a value equal to the snapshot's is as good as KEEP (a cell holding a
    // formula counts as changed when a value is written over it). Runs of changed rows, one call each.
    const before = snapshot.rows.map((row) => block.map((c) => row[c]));
    const after = snapshot.rows.map((row, r) =>
      block.map((c) => {
        const v = columns.get(c)![r];
        if (v === KEEP) return row[c];
        return formulas?.[r][c] ? new KeptFormula(formulas[r][c]) : v;
      }),
    );
    for (const run of changedBlocks(before, after, { same: sameCell, maxBlocks: MAX_WRITE_RUNS })) {
      const cols = block.slice(run.firstColumn, run.columnEnd);
      const values = Array.from({ length: run.rowEnd - run.firstRow }, (_, i) =>
        cols.map((c) => cell(run.firstRow + i, c)),
      );
      writeBlock(sheet, run.firstRow, cols, values, options);
    }
  }
  repairShiftedRows(snapshot, identity, meant, blocks, cell, options);
  noteTableWritten(snapshot.map, written);
}

/**
 * Calls one block may spend on runs of changed rows; past this, runs separated by the fewest unchanged rows
 * are merged (rewriting a few unchanged cells costs less than a call each).
 */
const MAX_WRITE_RUNS = 100;

/** Whether a cell's value as read equals what a job would write there: dates by instant, "" ~ null. */
function sameCell(read: unknown, meant: unknown): boolean {
  if (meant instanceof KeptFormula) return false;
  if (read === meant) return true;
  const blank = (v: unknown) => v === "" || v === null || v === undefined;
  if (blank(read) && blank(meant)) return true;
  const time = (v: unknown) =>
    v instanceof Date || Object.prototype.toString.call(v) === "[object Date]" ? (v as Date).getTime() : null;
  const [a, b] = [time(read), time(meant)];
  return a !== null && a === b;
}

/** One setValues of `values` at data row `first` (0-based) over the contiguous columns `block`. */
function writeBlock(
  sheet: Sheet,
  first: number,
  block: readonly number[],
  values: unknown[][],
  options: WriteOptions,
): void {
  // Only the text columns themselves: their neighbours in the block may hold dates or amounts.
  for (const c of block)
    if (options.textColumns?.has(c)) sheet.getRange(first + 2, c + 1, values.length, 1).setNumberFormat("@");
  writeValues(sheet.getRange(first + 2, block[0] + 1, values.length, block.length), values);
}

/**
 * Writes whole columns found by header, leaving every other column untouched: adjacent columns are
 * written together, so each contiguous block costs one setValues. See writeCells for how rows that move
 * during the job are handled. `columns` maps a column key to one value per data row of the snapshot.
 */
export function writeColumns(
  snapshot: TableSnapshot,
  columns: ReadonlyMap<string, readonly unknown[]>,
): void {
  const byIndex = new Map<number, readonly unknown[]>();
  for (const [key, values] of columns) {
    const index = snapshot.map.index.get(key);
    if (index === undefined)
      throw new Error(`Column ${key} is missing from "${snapshot.sheet.getName()}"; run Set up / repair.`);
    byIndex.set(index, values);
  }
  writeCells(snapshot, byIndex);
}

function contiguousBlocks(sorted: readonly number[]): number[][] {
  const blocks: number[][] = [];
  for (const c of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && c === last[last.length - 1] + 1) last.push(c);
    else blocks.push([c]);
  }
  return blocks;
}

/** The identity keys of the data rows as they are now: all of them, and at least `rows` (blank past the end). */
function keysNow(snapshot: TableSnapshot, identity: Identity, rows: number): string[] {
  const { sheet } = snapshot;
  return readKeys(sheet, identity, Math.max(sheet.getLastRow() - 1, rows), snapshot.headers.length);
}

/** Adds rows at the bottom until the sheet has `rows`; returns how many it had before. */
function growTo(sheet: Sheet, rows: number): number {
  const before = sheet.getMaxRows();
  if (rows > before) sheet.insertRowsAfter(before, rows - before);
  return before;
}

/**
 * After the write, reads the rows' identity again; if rows moved meanwhile, rewrites every block from the
 * first data row by identity. Skipped when too few rows can be recognised to trust the matching (a
 * user rewrote the identifying cells): a blind rewrite would do more harm than the shift.
 */
function repairShiftedRows(
  snapshot: TableSnapshot,
  identity: Identity,
  meant: readonly string[],
  blocks: readonly (readonly number[])[],
  cell: (row: number, column: number) => unknown,
  options: WriteOptions,
): void {
  const { sheet } = snapshot;
  const now = keysNow(snapshot, identity, meant.length);
  if (now.length === meant.length && meant.every((k, i) => k === now[i])) return;
  const match = alignRows(meant, now);
  const matched = match.filter((m) => m >= 0).length;
  if (matched < meant.length / 2) return;
  const lastMatched = match.reduce((last, m, p) => (m >= 0 ? p : last), -1);
  const span = Math.max(meant.length, lastMatched + 1);
  for (const block of blocks) {
    const values = Array.from({ length: span }, (_, p) =>
      block.map((c) => (match[p] === undefined || match[p] < 0 ? "" : cell(match[p], c))),
    );
    writeBlock(sheet, 0, block, values, options);
  }
}

/**
 * Rewrites whole data rows from 0-based data row `first` on, and appends the rows past the snapshot's end,
 * in ONE setValues: a job cut short by the time limit leaves either the old rows or all the new ones, never
 * a mix. KEEP cells keep their formula or value. `rows[i]` is data row `first + i`, as wide as the header
 * row. The header row, every row's identity and the last row are checked first (nothing is written if
 * they moved). A blank row a user inserts between that check and the write is put back where it was
 * inserted, and the rows the write overwrote around it are written again.
 */
export function writeRows(
  snapshot: TableSnapshot,
  first: number,
  rows: readonly (readonly unknown[])[],
): void {
  const { sheet } = snapshot;
  const width = snapshot.headers.length;
  const count = snapshot.rows.length;
  if (rows.length === 0 || width === 0) return;
  if (first < 0 || first > count)
    throw new Error(`Row ${first + 2} is not a data row of "${sheet.getName()}".`);
  const now = sheet.getRange(1, 1, 1, width).getValues()[0];
  if (now.some((h, i) => String(h) !== String(snapshot.headers[i])))
    throw new HeadersChangedError(sheet.getName());
  const formulas = count ? sheet.getRange(2, 1, count, width).getFormulas() : [];
  const identity = identityOf(snapshot, new Set(), formulas);
  const before = readKeys(sheet, identity, count, width);
  const moved = snapshot.rows.findIndex((r, i) => rowKey(r, identity) !== before[i]);
  if (moved >= 0) throw new RowsChangedError(sheet.getName(), moved + 2);
  if (sheet.getLastRow() - 1 > count) throw new RowsChangedError(sheet.getName(), count + 2);

  const total = first + rows.length;
  const kept = (formula: string | undefined, value: unknown) => (formula ? new KeptFormula(formula) : value);
  const intended: unknown[][] = [
    ...snapshot.rows.slice(0, first).map((r, i) => r.map((v, c) => kept(formulas[i][c], v))),
    ...rows.map((r, i) =>
      Array.from({ length: width }, (_, c) => {
        const v = r[c];
        if (v !== KEEP) return v === undefined ? "" : v;
        return kept(formulas[first + i]?.[c], snapshot.rows[first + i]?.[c] ?? "");
      }),
    ),
  ];
  // Room first: blank rows left at the bottom by a run cut short here are harmless.
  noteTableWritten(snapshot.map, null);
  const maxRows = growTo(sheet, total + 1);
  try {
    writeValues(sheet.getRange(first + 2, 1, rows.length, width), intended.slice(first));
  } catch (e) {
    // Nothing was written (a protected range, say): take the added rows away again if the service still
    // answers; under the time limit it does not, and blank rows at the bottom do no harm.
    try {
      if (sheet.getMaxRows() > maxRows) sheet.deleteRows(maxRows + 1, sheet.getMaxRows() - maxRows);
    } catch {
      // The error that matters is the write's.
    }
    throw e;
  }
  repairInsertedRow(snapshot, identity, first, intended);
  noteTableWritten(snapshot.map, null);
}

/**
 * After writeRows' one write, finds a blank row inserted between its check and its write, which shifted the
 * rows the write did not cover (those above `first`, and the last old row when nothing was appended), and
 * rewrites from it: the blank row where the user put it, then every row as intended. Any other difference
 * (which only a deletion or edit that very instant could make) is left alone rather than guessed at.
 */
function repairInsertedRow(
  snapshot: TableSnapshot,
  identity: Identity,
  first: number,
  intended: readonly (readonly unknown[])[],
): void {
  const { sheet } = snapshot;
  const width = snapshot.headers.length;
  const total = intended.length;
  const now = keysNow(snapshot, identity, total);
  const meant = intended.map((r) => rowKey(r, identity));
  const at = [...meant, ""].findIndex((k, p) => k !== (now[p] ?? ""));
  if (at < 0) return;
  // The user's blank row at `at`, then the rows it pushed down, which the write left one row too low.
  const inserted =
    at < first && now[at] === "" && now.slice(at + 1, first).every((k, i) => k === meant[at + i]);
  const pushedOut = at === total && now[at] === rowKey(snapshot.rows[total - 1] ?? [], identity);
  if (!inserted && !pushedOut) return;
  growTo(sheet, total + 2);
  const values = [Array(width).fill(""), ...intended.slice(at).map((r) => [...r])];
  writeValues(sheet.getRange(at + 2, 1, values.length, width), values);
}
