/**
 * The backup registry: what backups exist, where, and what they hold. Backups live in a separate
 * spreadsheet in the Drive of whoever made them; the registry (in document properties) is the only source
 * of truth for listing, retention and restore, so a tab that merely looks like a backup, in the book or in
 * the backup file, is never listed, deleted or restored.
 */

import { utf8Length } from "../table/import/utf8-size";

/** One sheet copied by a backup set. */
export interface BackupTabEntry {
  /** The sheet's name when it was copied. */
  readonly sheet: string;
  /** The sheet's id in the book (a restore finds it by id first, then by name). */
  readonly sheetId: number;
  /** The copy's sheet id in the backup spreadsheet. */
  readonly tabId: number;
  /** The backup spreadsheet holding the copy (a set too big for one file spreads over several); absent in
   * entries made before sets could spread, whose copies are all in the set's `file`. */
  readonly file?: string;
  /** Rows and columns copied (the sheet's data extent, header included). */
  readonly rows: number;
  readonly columns: number;
  /** SHA-256 (hex) of the copied content as written (see gridDigestChunks); checked before a restore. */
  readonly digest: string;
  /**
   * The columns (1-based) holding a formula when the copy was made, so a restore reads formulas of those
   * only; absent in entries made before it was recorded (every column's formulas are read then).
   */
  readonly formulaColumns?: readonly number[];
}

/** One backup set: the sheets copied together, restored together. */
export interface BackupSetEntry {
  /** "yyyy-MM-dd HH:mm:ss", or "… #2" for a second set in the same second. */
  readonly id: string;
  /** Epoch ms when it was made. */
  readonly at: number;
  readonly reason: string;
  /** The backup spreadsheet's id (of its first copy; each tab names its own). */
  readonly file: string;
  /** Who made it (its backup spreadsheet is in this user's Drive). */
  readonly by: string;
  readonly tabs: readonly BackupTabEntry[];
}

/** The registry's index: one backup spreadsheet per Drive owner, and the set ids, oldest first. */
export interface BackupIndex {
  readonly files: Readonly<Record<string, string>>;
  /** Per Drive owner, the backup spreadsheets sets rotate through (absent: just `files`). */
  readonly pools?: Readonly<Record<string, readonly string[]>>;
  readonly sets: readonly string[];
}

export const EMPTY_INDEX: BackupIndex = { files: {}, sets: [] };

/** A property value may hold 9 KB (https://developers.google.com/apps-script/guides/services/quotas). */
export const MAX_PROPERTY_BYTES = 9 * 1024;
/** Reasons are cut to this many characters so an entry always fits its property. */
const MAX_REASON = 200;

/** The set id for a stamp, the first one no existing set uses ("stamp", "stamp #2", …). */
export function nextSetId(stamp: string, existing: readonly string[]): string {
  const taken = new Set(existing);
  if (!taken.has(stamp)) return stamp;
  for (let n = 2; ; n++) if (!taken.has(`${stamp} #${n}`)) return `${stamp} #${n}`;
}

/** The property value of a set entry; throws when it cannot fit the 9 KB a property may hold. */
export function setEntryText(entry: BackupSetEntry): string {
  const text = JSON.stringify({ ...entry, reason: entry.reason.slice(0, MAX_REASON) });
  if (utf8Length(text) > MAX_PROPERTY_BYTES)
    throw new Error(`The backup "${entry.id}" copies too many sheets to be registered.`);
  return text;
}

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
const isText = (v: unknown): v is string => typeof v === "string";

function parseTab(t: unknown): BackupTabEntry | null {
  const o = t as Record<string, unknown> | null;
  if (!o || typeof o !== "object") return null;
  const { sheet, sheetId, tabId, rows, columns, digest, file, formulaColumns } = o;
  if (
    !isText(sheet) ||
    !isInt(sheetId) ||
    !isInt(tabId) ||
    !isInt(rows) ||
    !isInt(columns) ||
    !isText(digest) ||
    (file !== undefined && !isText(file)) ||
    (formulaColumns !== undefined && !(Array.isArray(formulaColumns) && formulaColumns.every(isInt)))
  )
    return null;
  return {
    sheet,
    sheetId,
    tabId,
    rows,
    columns,
    digest,
    ...(isText(file) ? { file } : {}),
    ...(formulaColumns !== undefined ? { formulaColumns: formulaColumns as number[] } : {}),
  };
}

/** A set entry read back from its property, or null when it is not one (a corrupt entry lists nothing). */
export function parseSetEntry(text: string | null): BackupSetEntry | null {
  if (!text) return null;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!o || typeof o !== "object") return null;
  const { id, at, reason, file, by, tabs } = o;
  if (!isText(id) || !isInt(at) || !isText(reason) || !isText(file) || !isText(by) || !Array.isArray(tabs))
    return null;
  const parsed = tabs.map(parseTab);
  if (parsed.some((t) => t === null)) return null;
  return { id, at, reason, file, by, tabs: parsed as BackupTabEntry[] };
}

/** The index read back from its property (empty when absent or corrupt). */
export function parseIndex(text: string | null): BackupIndex {
  if (!text) return EMPTY_INDEX;
  try {
    const o = JSON.parse(text) as { files?: unknown; pools?: unknown; sets?: unknown };
    const files: Record<string, string> = {};
    if (o.files && typeof o.files === "object")
      for (const [k, v] of Object.entries(o.files as Record<string, unknown>)) if (isText(v)) files[k] = v;
    const sets = Array.isArray(o.sets) ? o.sets.filter(isText) : [];
    if (!o.pools || typeof o.pools !== "object") return { files, sets };
    const pools: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(o.pools as Record<string, unknown>))
      if (Array.isArray(v)) pools[k] = v.filter(isText);
    return { files, pools, sets };
  } catch {
    return EMPTY_INDEX;
  }
}

/**
 * The set ids retention removes: all but the newest `keepLast` of the index (oldest first), at least one
 * always kept, so a misconfigured retention of 0 can never delete the only copy.
 */
export function expiredSetIds(index: BackupIndex, keepLast: number): string[] {
  const keep = Math.max(1, Math.floor(keepLast));
  return index.sets.slice(0, Math.max(0, index.sets.length - keep));
}

/**
 * The set ids a new backup may delete before it is made, when it needs their room: those retention would
 * remove once the new set is registered (all but the newest `keepLast - 1`), but never the newest existing
 * set (an interrupted backup must leave one complete set) nor `protect` (a set being restored).
 */
export function expendableSetIds(index: BackupIndex, keepLast: number, protect: string | null): string[] {
  const kept = Math.max(1, Math.floor(keepLast) - 1);
  return index.sets.slice(0, Math.max(0, index.sets.length - kept)).filter((id) => id !== protect);
}

/** The backup spreadsheets `user`'s sets rotate through (an index from before rotation: its one file). */
export function poolOf(index: BackupIndex, user: string): readonly string[] {
  const pool = index.pools?.[user];
  if (pool) return pool;
  const file = index.files[user];
  return file ? [file] : [];
}

/** Realm-independent (a test compares dates made inside the bundle's context with its own). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

/** Whether two cells hold the same thing (blanks alike; dates by time). */
export function sameCell(a: unknown, b: unknown): boolean {
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime();
  const blank = (v: unknown) => v === "" || v === null || v === undefined;
  return (blank(a) && blank(b)) || a === b;
}

/** A cell's canonical text for digests and row keys (dates by time, blanks as ""). */
export function cellText(v: unknown): string {
  if (isDate(v)) return `d${v.getTime()}`;
  if (v === null || v === undefined || v === "") return "";
  return typeof v === "string" ? `s${v}` : `${typeof v}${String(v)}`;
}

/** A row's canonical text (trailing blanks do not count). */
export function rowText(row: readonly unknown[]): string {
  const cells = row.map(cellText);
  while (cells.length && cells[cells.length - 1] === "") cells.pop();
  return JSON.stringify(cells);
}

/**
 * The texts whose digests make a grid's digest: the dimensions, then `rowsPerChunk` rows at a time, so a
 * large sheet is hashed in pieces no bigger than a few MB.
 */
export function gridDigestChunks(grid: readonly (readonly unknown[])[], rowsPerChunk = 2000): string[] {
  const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
  const out = [`${grid.length}x${width}`];
  for (let i = 0; i < grid.length; i += rowsPerChunk)
    out.push(
      grid
        .slice(i, i + rowsPerChunk)
        .map(rowText)
        .join("\n"),
    );
  return out;
}

/** One cell that differs between two grids, 1-based. */
export interface CellDifference {
  readonly row: number;
  readonly column: number;
  readonly expected: unknown;
  readonly actual: unknown;
}

/**
 * Cell-for-cell comparison of two value grids; a missing cell counts as blank, so ragged or trailing
 * empty rows do not differ. Returns every difference in row-major order.
 */
export function compareGrids(
  expected: readonly (readonly unknown[])[],
  actual: readonly (readonly unknown[])[],
): CellDifference[] {
  const diffs: CellDifference[] = [];
  const rows = Math.max(expected.length, actual.length);
  for (let r = 0; r < rows; r++) {
    const e = expected[r] ?? [];
    const a = actual[r] ?? [];
    for (let c = 0; c < Math.max(e.length, a.length); c++) {
      if (!sameCell(e[c], a[c])) diffs.push({ row: r + 1, column: c + 1, expected: e[c], actual: a[c] });
    }
  }
  return diffs;
}
