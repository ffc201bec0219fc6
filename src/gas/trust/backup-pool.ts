// Where backup copies go. A spreadsheet holds at most 10,000,000 cells, every tab's grid counted
// (https://support.google.com/drive/answer/37603), so the sets of a large book cannot pile up in one file:
// each user's sets rotate through a pool of backup spreadsheets, as many as the retention keeps sets. A
// set goes to a file with room for it; else to a new file while the pool is short; else to the file of the
// oldest sets retention is about to delete anyway, deleted first (registry first, then tabs: the registry
// never names a tab that is gone, and the newest complete set is never among them). Files are reused, never
// trashed: the add-on has the `spreadsheets` scope only, and trashing a file would need Drive's.
import { expendableSetIds, poolOf, type BackupIndex, type BackupSetEntry } from "../../core/trust/backups";
import { registerPool, unregisterSets } from "./backup-registry";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Cells a backup file may be filled to: a margin under the 10,000,000-cell limit. */
export const FILE_CELLS = 9_900_000;
/** The grid of a backup file's first tab ("About"). */
const ABOUT_ROWS = 5;
const ABOUT_COLUMNS = 2;

/** A sheet's grid, as the cell limit counts it (a copy has the same grid). */
export function gridCells(sheet: Sheet): number {
  return sheet.getMaxRows() * sheet.getMaxColumns();
}

/**
 * The groups a set is copied in: all its sheets in one file when they fit one, else one file per sheet.
 * Throws when one sheet alone cannot fit a backup file.
 */
export function setPieces(sheets: readonly Sheet[]): Sheet[][] {
  const room = FILE_CELLS - ABOUT_ROWS * ABOUT_COLUMNS;
  const sizes = sheets.map(gridCells);
  if (sizes.reduce((a, b) => a + b, 0) <= room) return [[...sheets]];
  sizes.forEach((size, i) => {
    if (size > room)
      throw new Error(
        `"${sheets[i].getName()}" has ${size} cells, too many for a backup spreadsheet; nothing was backed up.`,
      );
  });
  return sheets.map((s) => [s]);
}

/** Opens a backup spreadsheet, or null when it is gone or this user (this app, for them) cannot open it. */
export function tryOpen(id: string): Spreadsheet | null {
  try {
    return SpreadsheetApp.openById(id);
  } catch {
    return null;
  }
}

/** The file a registered copy lives in (entries from before sets could spread name only the set's). */
export function tabFile(set: BackupSetEntry, tab: BackupSetEntry["tabs"][number]): string {
  return tab.file ?? set.file;
}

/**
 * Drops sets: from the registry first, then their copies (a cut between the two leaves unlisted tabs, never
 * a listed set whose tabs are gone). A set in a file this user cannot open leaves the registry all the
 * same: its owner keeps the file, the book no longer counts on it.
 */
export function dropSets(
  index: BackupIndex,
  sets: readonly BackupSetEntry[],
  ids: readonly string[],
): BackupIndex {
  const next = unregisterSets(index, ids);
  const files = new Map<string, Spreadsheet | null>();
  for (const set of sets.filter((s) => ids.includes(s.id)))
    for (const tab of set.tabs) {
      const id = tabFile(set, tab);
      if (!files.has(id)) files.set(id, tryOpen(id));
      const file = files.get(id);
      const copy = file?.getSheetById(tab.tabId) ?? null;
      // A spreadsheet cannot lose its last tab; the "About" tab normally keeps that from mattering.
      if (file && copy && file.getSheets().length > 1) file.deleteSheet(copy);
    }
  return next;
}

function newFile(): Spreadsheet {
  const book = SpreadsheetApp.getActive();
  // A small first tab that says what the file is (a spreadsheet cannot lose its last tab).
  const file = SpreadsheetApp.create(`${book.getName()} — Sheet CRM backups`, ABOUT_ROWS, ABOUT_COLUMNS);
  file
    .getSheets()[0]
    .setName("About")
    .getRange(1, 1, 2, 1)
    .setValues([
      [`Backups of "${book.getName()}" made by Sheet CRM; the book's registry says which tabs are backups.`],
      [book.getUrl()],
    ]);
  return file;
}

/** One user's backup files while a set is being made. */
export class BackupPool {
  private readonly files = new Map<string, Spreadsheet>();

  private constructor(
    public index: BackupIndex,
    private sets: readonly BackupSetEntry[],
    private readonly user: string,
    private readonly keep: number,
    private readonly protect: () => string | null,
  ) {
    for (const id of poolOf(index, user)) {
      const file = tryOpen(id);
      // A file the user trashed (or can no longer open) leaves the pool.
      if (file) this.files.set(id, file);
    }
  }

  /**
   * The pool of `user`, with retention keeping `keep` sets; the set `protect` names (asked only when a set
   * must go to make room) is never deleted early.
   */
  static open(
    index: BackupIndex,
    sets: readonly BackupSetEntry[],
    user: string,
    keep: number,
    protect: () => string | null,
  ): BackupPool {
    return new BackupPool(index, sets, user, keep, protect);
  }

  /** The position (in the registry, oldest first) of the newest set with a copy in each file. */
  private newestSetIn(): Map<string, number> {
    const at = new Map<string, number>();
    this.sets.forEach((set, i) => {
      for (const tab of set.tabs) at.set(tabFile(set, tab), i);
    });
    return at;
  }

  /** Files oldest-content first: files holding no set, then by their newest set. */
  private candidates(): Spreadsheet[] {
    const at = this.newestSetIn();
    return [...this.files.entries()]
      .sort(([a], [b]) => (at.get(a) ?? -1) - (at.get(b) ?? -1))
      .map(([, file]) => file);
  }

  private used(file: Spreadsheet): number {
    return file.getSheets().reduce((sum, s) => sum + gridCells(s), 0);
  }

  /** The cells of `file` held by the copies of `ids`. */
  private heldBy(file: Spreadsheet, ids: readonly string[]): number {
    let cells = 0;
    for (const set of this.sets.filter((s) => ids.includes(s.id)))
      for (const tab of set.tabs) {
        if (tabFile(set, tab) !== file.getId()) continue;
        const copy = file.getSheetById(tab.tabId);
        if (copy) cells += gridCells(copy);
      }
    return cells;
  }

  private add(file: Spreadsheet): Spreadsheet {
    this.files.set(file.getId(), file);
    this.index = registerPool(this.index, this.user, [...this.files.keys()]);
    return file;
  }

  /** A file with room for `cells` more cells, deleting expendable sets or adding a file if need be. */
  fileFor(cells: number): Spreadsheet {
    const files = this.candidates();
    const used = new Map(files.map((f) => [f.getId(), this.used(f)]));
    const roomy = files.find((f) => used.get(f.getId())! + cells <= FILE_CELLS);
    if (roomy) return roomy;
    if (this.files.size < Math.max(1, this.keep)) return this.add(newFile());
    const expendable = expendableSetIds(this.index, this.keep, this.protect());
    for (const file of files) {
      const going = expendable.filter((id) =>
        this.sets.some((s) => s.id === id && s.tabs.some((t) => tabFile(s, t) === file.getId())),
      );
      if (!going.length || used.get(file.getId())! - this.heldBy(file, going) + cells > FILE_CELLS) continue;
      this.index = dropSets(this.index, this.sets, going);
      this.sets = this.sets.filter((s) => !going.includes(s.id));
      return file;
    }
    // Every file holds sets that must stay (the newest, or one being restored): one more file.
    return this.add(newFile());
  }
}
