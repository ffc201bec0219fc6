import { keptCell, writeValues } from "../platform/write-values";
// Backups outside the book: each set copies sheets into separate spreadsheets in the Drive of whoever
// makes it ("<book> — Sheet CRM backups", created as needed and reused in rotation, see backup-pool.ts;
// SpreadsheetApp.create/openById need the `spreadsheets` scope, and the add-on only ever opens the files it
// created), so ten backups do not count against the book's 10,000,000 cells. The registry (backup-registry.ts) is the
// only source of truth for listing, retention and restore; a restore writes only what differs.
import { mapHeaders, sheetSpecForName } from "../../core/schema/headers";
import { canonicalTabs, specOfSheet } from "../platform/tab-map";
import { SHEETS, sheetSpec } from "../../core/schema/sheets";
import type { SheetSpec } from "../../core/schema/types";
import {
  expiredSetIds,
  gridDigestChunks,
  nextSetId,
  type BackupSetEntry,
  type BackupTabEntry,
} from "../../core/trust/backups";
import { isMasked } from "../../core/trust/mask";
import { runsOf } from "../../core/trust/restore-plan";
import { BackupPool, dropSets, gridCells, setPieces, tabFile, tryOpen } from "./backup-pool";
import { readRegistry, registerSet } from "./backup-registry";
import { sensitivePositions } from "./sensitive-columns";
import { readTrustSettings } from "./settings";
import { sealValues } from "./vault";
import { findSystemTab } from "../platform/system-tabs";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A sheet's content as read: values and formulas of its data extent. */
export interface Contents {
  readonly values: unknown[][];
  readonly formulas: string[][];
}

/**
 * Rows `row`..`row + rows - 1` of `sheet`, `columns` wide: every value, and the formulas of
 * `formulaColumns` only (1-based) when the caller knows which columns hold formulas (a backup copy's entry
 * says), else of every column. Formulas cost a read per cell like values; a book without formulas needs
 * none.
 */
function readBlock(
  sheet: Sheet,
  row: number,
  rows: number,
  columns: number,
  formulaColumns?: readonly number[],
): Contents {
  if (rows < 1 || columns < 1) return { values: [], formulas: [] };
  const range = sheet.getRange(row, 1, rows, columns);
  const values = range.getValues();
  if (!formulaColumns) return { values, formulas: range.getFormulas() };
  const formulas = values.map((r) => r.map(() => ""));
  for (const [first, count] of runsOf(formulaColumns.filter((c) => c >= 1 && c <= columns)))
    sheet
      .getRange(row, first, rows, count)
      .getFormulas()
      .forEach((line, r) => line.forEach((f, i) => (formulas[r][first - 1 + i] = f)));
  return { values, formulas };
}

/** The content from A1 to (`rows`, `columns`). */
export function readContents(
  sheet: Sheet,
  rows: number,
  columns: number,
  formulaColumns?: readonly number[],
): Contents {
  return readBlock(sheet, 1, rows, columns, formulaColumns);
}

/** The columns (1-based) where any cell holds a formula. */
function formulaColumnsOf(formulas: readonly (readonly string[])[]): number[] {
  const columns = new Set<number>();
  for (const row of formulas) row.forEach((f, c) => f && columns.add(c + 1));
  return [...columns].sort((a, b) => a - b);
}

/** Cells as they are to be written back (through writeValues): formulas as formulas, values as they are. */
export function written(c: Contents): unknown[][] {
  return c.values.map((row, r) => row.map((v, col) => keptCell(c.formulas[r][col], v)));
}

function hex(bytes: readonly number[]): string {
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, "0")).join("");
}

/**
 * SHA-256 of a grid of cells as written, hashed a chunk of rows at a time (a 100k-row sheet is never one
 * string): a copy's digest, and a batch delete's digest of the rows its undo will take from the copy.
 */
export function digestOf(grid: readonly (readonly unknown[])[]): string {
  const sha = (text: string) => hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text));
  return sha(gridDigestChunks(grid).map(sha).join(""));
}

/** Who makes a backup now: the user whose Drive holds the backup spreadsheets. */
export function effectiveUser(): string {
  return Session.getEffectiveUser().getEmail();
}

/**
 * The sheet's content with plaintext in sensitive columns replaced by masks (sealed into the vault, as
 * before the add-on: no backup holds a plaintext ID number), and the masked cells to write into the copy.
 */
function sealed(
  contents: Contents,
  spec: SheetSpec | undefined,
): { contents: Contents; masks: Map<number, unknown[][]> } {
  const masks = new Map<number, unknown[][]>();
  if (!spec || contents.values.length < 2) return { contents, masks };
  const headers = contents.values[0];
  const positions = sensitivePositions(spec, mapHeaders(spec, headers));
  const rows = contents.values.slice(1);
  const plain = [...positions.keys()].some((c) =>
    rows.some((r) => String(r[c] ?? "").trim() !== "" && !isMasked(r[c])),
  );
  if (!plain) return { contents, masks };
  const cells = sealValues(spec, headers, 2, rows);
  const values = contents.values.map((r) => [...r]);
  for (const cell of cells) values[cell.row - 1][cell.column - 1] = cell.mask;
  for (const column of new Set(cells.map((c) => c.column)))
    masks.set(
      column,
      values.slice(1).map((r) => [r[column - 1]]),
    );
  return { contents: { values, formulas: contents.formulas }, masks };
}

/** One sheet copied into a backup file: its registry entry, and its content before and after sealing. */
export interface Copied {
  readonly entry: BackupTabEntry;
  /** The sheet's content as copied (plaintext and all): what the sheet held at the copy. */
  readonly raw: Contents;
  /** The copy's content (sealed), as it is to be written back. */
  readonly cells: unknown[][];
}

/**
 * Copies one sheet into the backup spreadsheet. The copy itself is then read (not the sheet: a user may
 * type between a read and the copy), sealed, and digested, so the registry describes exactly what it holds.
 */
function copySheet(file: Spreadsheet, setId: string, sheet: Sheet, spec: SheetSpec | undefined): Copied {
  const name = sheet.getName();
  // A server-side copy (values, formulas, formats) costs one call however big the sheet is.
  const copy = sheet.copyTo(file);
  let tabName = `${setId} ${name}`.slice(0, 100);
  if (file.getSheetByName(tabName)) tabName = `${setId} ${copy.getSheetId()}`;
  copy.setName(tabName);
  const raw = readContents(copy, copy.getLastRow(), copy.getLastColumn());
  const { contents: safe, masks } = sealed(raw, spec);
  for (const [column, cells] of masks) writeValues(copy.getRange(2, column, cells.length, 1), cells);
  const cells = written(safe);
  return {
    entry: {
      sheet: name,
      sheetId: sheet.getSheetId(),
      tabId: copy.getSheetId(),
      file: file.getId(),
      rows: safe.values.length,
      columns: safe.values[0]?.length ?? 0,
      digest: digestOf(cells),
      formulaColumns: formulaColumnsOf(safe.formulas),
    },
    raw,
    cells,
  };
}

/** One backup set as made: its id and, per sheet, the copy (and its cells, when asked for). */
export interface MadeSet {
  readonly id: string;
  readonly tabs: readonly {
    readonly sheet: string;
    readonly tab: Sheet;
    /** The copy's content as it is to be written back (formulas as KeptFormula), when `keepCells`. */
    readonly cells?: unknown[][];
  }[];
}

function stampNow(): string {
  const ss = SpreadsheetApp.getActive();
  return Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), "yyyy-MM-dd HH:mm:ss");
}

/** A new set id (the time now, made unique among the registered sets). */
export function newSetId(): string {
  return nextSetId(stampNow(), readRegistry().index.sets);
}

/** Document property naming the set a paused restore is reading: retention and pools leave it alone. */
const RESTORING_KEY = "backupRestoring";

/** Marks `id` as being restored (null: none), so no backup made meanwhile deletes it to make room. */
export function markRestoring(id: string | null): void {
  const props = PropertiesService.getDocumentProperties();
  if (id === null) props.deleteProperty(RESTORING_KEY);
  else props.setProperty(RESTORING_KEY, id);
}

function restoringSet(): string | null {
  return PropertiesService.getDocumentProperties().getProperty(RESTORING_KEY);
}

/** The backup pool of the effective user, never deleting `protect` (or a set being restored) for room. */
function openPool(protect: string | null): BackupPool {
  const registry = readRegistry();
  const keep = readTrustSettings().backupKeep;
  // The marker is read only when a set would have to go to make room (a property read costs time).
  return BackupPool.open(
    registry.index,
    registry.sets,
    effectiveUser(),
    keep,
    () => protect ?? restoringSet(),
  );
}

/**
 * Copies `sheet` into the effective user's backup pool for set `setId` (not registered: the caller
 * registers the set once every copy is made). Returns the copy's entry and what the sheet held.
 */
export function copyIntoPool(sheet: Sheet, setId: string, protect: string): Copied {
  return copySheet(
    openPool(protect).fileFor(gridCells(sheet)),
    setId,
    sheet,
    specOfSheet(sheet) ?? sheetSpecForName(sheet.getName()),
  );
}

/**
 * Copies `sheets` into one new registered set, in one backup file or, when they do not fit one, one file
 * per sheet. `keepCells` returns each copy's content too (a batch delete finds its rows there).
 */
function makeSet(sheets: readonly Sheet[], reason: string, keepCells: boolean): MadeSet | null {
  if (!sheets.length) return null;
  const pool = openPool(null);
  const user = effectiveUser();
  const id = nextSetId(stampNow(), pool.index.sets);
  const tabs: BackupTabEntry[] = [];
  const made: { sheet: string; tab: Sheet; cells?: unknown[][] }[] = [];
  // Which sheet each tab stands for, decided once for the whole set (tab-map.ts); a tab merely named like
  // one is sealed as that sheet too, as before, so no plaintext can reach a copy.
  const canonical = new Map([...canonicalTabs()].map(([key, tab]) => [tab.getSheetId(), sheetSpec(key)]));
  for (const piece of setPieces(sheets)) {
    const file = pool.fileFor(piece.reduce((sum, s) => sum + gridCells(s), 0));
    for (const sheet of piece) {
      const spec = canonical.get(sheet.getSheetId()) ?? sheetSpecForName(sheet.getName());
      const { entry, cells } = copySheet(file, id, sheet, spec);
      tabs.push(entry);
      made.push({
        sheet: entry.sheet,
        tab: file.getSheetById(entry.tabId)!,
        ...(keepCells ? { cells } : {}),
      });
    }
  }
  const entry: BackupSetEntry = { id, at: Date.now(), reason, file: tabs[0].file ?? "", by: user, tabs };
  registerSet(pool.index, entry);
  return { id, tabs: made };
}

/**
 * Registers the set a restore's undo copies make up (copied one by one with copyIntoPool). Registering the
 * same copies again (a run cut after it) changes nothing; an id taken meanwhile by another set gets a
 * suffix. Returns the id registered.
 */
export function registerCopies(
  id: string,
  reason: string,
  by: string,
  tabs: readonly BackupTabEntry[],
): string {
  const { index, sets } = readRegistry();
  const same = sets.find((s) => s.id === id);
  if (same && same.tabs.some((t) => t.tabId === tabs[0].tabId && t.file === tabs[0].file)) return id;
  const free = same ? nextSetId(id, index.sets) : id;
  registerSet(index, { id: free, at: Date.now(), reason, file: tabs[0].file ?? "", by, tabs });
  return free;
}

/**
 * Deletes the sets retention no longer keeps (by registry, never by tab name), except one a paused
 * restore is reading. Returns how many went.
 */
export function applyRetention(): number {
  const { index, sets } = readRegistry();
  let expired = expiredSetIds(index, readTrustSettings().backupKeep);
  if (expired.length) {
    const restoring = restoringSet();
    expired = expired.filter((id) => id !== restoring);
  }
  dropSets(index, sets, expired);
  return expired.length;
}

/** The label a backup copy goes by in messages and audit entries. */
export function backupLabel(id: string, sheet: string): string {
  return `Backup ${id} ${sheet}`;
}

/**
 * Copies one set of sheets to the backup spreadsheet (before destructive work), then applies retention.
 * Sheets that do not exist are skipped. Returns the set, or null when no sheet was found.
 */
export function backupSet(
  sheetNames: readonly string[],
  reason: string,
  options: { readonly keepCells?: boolean } = {},
): MadeSet | null {
  const ss = SpreadsheetApp.getActive();
  const sheets = sheetNames.map((n) => ss.getSheetByName(n)).filter((s): s is Sheet => s !== null);
  const made = makeSet(sheets, reason, options.keepCells ?? false);
  if (made) applyRetention();
  return made;
}

/** Like backupSet; returns the copies' labels ("Backup <set> <sheet>"). */
export function backupSheets(sheetNames: readonly string[], reason: string): string[] {
  const made = backupSet(sheetNames, reason);
  return made ? made.tabs.map((t) => backupLabel(made.id, t.sheet)) : [];
}

/** The canonical sheets present in the workbook, by their tab names (the weekly and manual backups). */
export function canonicalSheetNames(): string[] {
  const tabs = canonicalTabs();
  return SHEETS.map((s) => tabs.get(s.key))
    .filter((s): s is Sheet => s !== undefined)
    .map((s) => s.getName());
}

/** What the weekly and manual backups copy: the canonical sheets and the vault (still encrypted). */
export function fullBackupSheetNames(): string[] {
  const vault = findSystemTab("vault");
  return [...canonicalSheetNames(), ...(vault ? [vault.getName()] : [])];
}

/** One backup set as the sidebar lists it. */
export interface BackupInfo {
  readonly id: string;
  readonly stamp: string;
  readonly sheets: readonly string[];
  readonly reason: string;
  /** Data rows of the copies together. */
  readonly rows: number;
}

/** The registered sets, newest first. */
export function listBackupSets(): BackupInfo[] {
  return readRegistry()
    .sets.map((set) => ({
      id: set.id,
      stamp: set.id.replace(/ #\d+$/, ""),
      sheets: set.tabs.map((t) => t.sheet),
      reason: set.reason,
      rows: set.tabs.reduce((n, t) => n + Math.max(0, t.rows - 1), 0),
    }))
    .reverse();
}

/**
 * A backup that cannot be restored as asked (gone, changed since it was made, or in a file this user
 * cannot open): a refusal, not a passing failure, so a restore stops rather than tries again.
 */
export class BackupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupRefusedError";
  }
}

export function registeredSet(id: string): BackupSetEntry {
  const set = readRegistry().sets.find((s) => s.id === id);
  if (!set) throw new BackupRefusedError(`There is no backup "${id}".`);
  return set;
}

/** The backup file holding `tab` of `set`; throws when this user cannot open it. */
function openTabFile(set: BackupSetEntry, tab: BackupTabEntry): Spreadsheet {
  const file = tryOpen(tabFile(set, tab));
  if (!file)
    throw new BackupRefusedError(
      `Backup "${set.id}" is kept in a spreadsheet you cannot open (made by ${set.by}); ask them to restore it.`,
    );
  return file;
}

function copyOf(set: BackupSetEntry, tab: BackupTabEntry): Sheet {
  const copy = openTabFile(set, tab).getSheetById(tab.tabId);
  if (!copy)
    throw new BackupRefusedError(
      `The copy of "${tab.sheet}" in backup "${set.id}" is gone; nothing was restored.`,
    );
  return copy;
}

function changedCopy(set: BackupSetEntry, tab: BackupTabEntry): BackupRefusedError {
  return new BackupRefusedError(
    `The copy of "${tab.sheet}" in backup "${set.id}" was changed after it was made; nothing was restored.`,
  );
}

/** Cells a read of the copy `tab` costs: every value, and the formulas of its formula columns. */
export function copyReadCells(tab: BackupTabEntry): number {
  return tab.rows * (tab.columns + (tab.formulaColumns?.length ?? tab.columns));
}

/**
 * A registered copy, its content read (formulas of the columns that held any) and checked against the
 * digest taken when it was made, as it is to be written back.
 */
export function verifiedCopy(set: BackupSetEntry, tab: BackupTabEntry): { copy: Sheet; cells: unknown[][] } {
  const copy = copyOf(set, tab);
  const cells = written(readContents(copy, tab.rows, tab.columns, tab.formulaColumns));
  if (digestOf(cells) !== tab.digest) throw changedCopy(set, tab);
  return { copy, cells };
}

/**
 * The header and the rows of `runs` ([first, count], copy row numbers) of the copy of `sheet` in set `id`,
 * as they are to be written back, checked against `digest` (digestOf the same rows, header first, taken
 * from the copy when it was made): a batch delete's undo reads the rows it deleted, not the whole copy.
 * Without a digest (an undo recorded before rows were digested) the whole copy is read and checked.
 */
export function verifiedCopyRows(
  id: string,
  sheet: string,
  runs: readonly (readonly [number, number])[],
  digest: string | undefined,
): { header: unknown[]; rows: unknown[][] } {
  const set = registeredSet(id);
  const tab = set.tabs.find((t) => t.sheet === sheet);
  if (!tab) throw new BackupRefusedError(`Backup "${id}" holds no copy of "${sheet}".`);
  if (digest === undefined) {
    const { cells } = verifiedCopy(set, tab);
    return {
      header: cells[0] ?? [],
      rows: runs.flatMap(([first, count]) => cells.slice(first - 1, first - 1 + count)),
    };
  }
  const copy = copyOf(set, tab);
  const read = (row: number, count: number) =>
    written(readBlock(copy, row, count, tab.columns, tab.formulaColumns));
  const header = read(1, 1)[0] ?? [];
  const rows = runs.flatMap(([first, count]) => (first + count - 1 <= tab.rows ? read(first, count) : []));
  if (digestOf([header, ...rows]) !== digest) throw changedCopy(set, tab);
  return { header, rows };
}

/**
 * The values of `a1` in the newest backup holding `sheetName`, for the audit's "old values" of a paste;
 * null when there is none or it cannot be read.
 */
export function newestBackupValues(
  sheetName: string,
  a1: string,
): { values: unknown[][]; label: string } | null {
  const sets = readRegistry().sets;
  for (let i = sets.length - 1; i >= 0; i--) {
    const tab = sets[i].tabs.find((t) => t.sheet === sheetName);
    if (!tab) continue;
    try {
      const copy = tryOpen(tabFile(sets[i], tab))?.getSheetById(tab.tabId) ?? null;
      return copy
        ? { values: copy.getRange(a1).getValues(), label: backupLabel(sets[i].id, sheetName) }
        : null;
    } catch {
      // The pasted range lies beyond the copy's grid: the backup has no old values for it.
      return null;
    }
  }
  return null;
}
