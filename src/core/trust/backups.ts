/** Hidden backup tabs are named "Backup <yyyy-MM-dd HH:mm:ss> <sheet>"; the name is the whole index. */
const NAME = /^Backup (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?: #(\d+))? (.+)$/;

/** Sheets may be named at most 100 characters. */
const MAX_SHEET_NAME = 100;

/** One backup tab. */
export interface BackupTab {
  readonly tab: string;
  readonly stamp: string;
  /** 1 for the first set made in a second, 2… for further ones in the same second. */
  readonly seq: number;
  readonly sheet: string;
}

/** The tabs copied together by one backup run, which restore together. */
export interface BackupSet {
  /** "yyyy-MM-dd HH:mm:ss" or "yyyy-MM-dd HH:mm:ss #2"; unique per set, sorts chronologically per second. */
  readonly id: string;
  readonly stamp: string;
  readonly tabs: readonly BackupTab[];
}

/** The set id for a stamp and sequence number. */
export function setId(stamp: string, seq: number): string {
  return seq > 1 ? `${stamp} #${seq}` : stamp;
}

/**
 * The tab name for a backup of `sheet` in set `id`. Long sheet names are cut so the tab name fits
 * Sheets' 100-character limit (the restore target is then found by prefix; see {@link parseBackupTab}).
 */
export function backupTabName(id: string, sheet: string): string {
  return `Backup ${id} ${sheet}`.slice(0, MAX_SHEET_NAME);
}

/** The backup a tab name stands for, or null for any other tab. */
export function parseBackupTab(tab: string): BackupTab | null {
  const m = NAME.exec(tab);
  if (!m) return null;
  return { tab, stamp: m[1], seq: m[2] ? Number(m[2]) : 1, sheet: m[3] };
}

/** The first free set id for `stamp`, given the workbook's tab names (two runs in one second differ). */
export function nextSetId(stamp: string, tabNames: readonly string[]): string {
  const seqs = tabNames
    .map(parseBackupTab)
    .filter((b): b is BackupTab => b !== null && b.stamp === stamp)
    .map((b) => b.seq);
  return setId(stamp, seqs.length ? Math.max(...seqs) + 1 : 1);
}

/** Groups backup tabs into sets, newest first. Other tab names are ignored. */
export function backupSets(tabNames: readonly string[]): BackupSet[] {
  const byId = new Map<string, BackupTab[]>();
  for (const name of tabNames) {
    const tab = parseBackupTab(name);
    if (!tab) continue;
    const id = setId(tab.stamp, tab.seq);
    byId.set(id, [...(byId.get(id) ?? []), tab]);
  }
  return [...byId.entries()]
    .map(([id, tabs]) => ({ id, stamp: tabs[0].stamp, seq: tabs[0].seq, tabs }))
    .sort((a, b) => (a.stamp === b.stamp ? b.seq - a.seq : a.stamp < b.stamp ? 1 : -1))
    .map(({ id, stamp, tabs }) => ({ id, stamp, tabs }));
}

/**
 * The sets retention removes: all but the newest `keepLast` (at least 1 is always kept, so a
 * misconfigured retention of 0 can never delete the only copy).
 */
export function expiredSets(sets: readonly BackupSet[], keepLast: number): BackupSet[] {
  const keep = Math.max(1, Math.floor(keepLast));
  return sets.slice(keep);
}

/** One cell that differs between two grids, 1-based. */
export interface CellDifference {
  readonly row: number;
  readonly column: number;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** Realm-independent (a test compares dates made inside the bundle's context with its own). */
function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

function sameCell(a: unknown, b: unknown): boolean {
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime();
  const blank = (v: unknown) => v === "" || v === null || v === undefined;
  return (blank(a) && blank(b)) || a === b;
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
