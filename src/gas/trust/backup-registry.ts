// The backup registry in document properties: an index (backup spreadsheets per Drive owner, set ids oldest
// first) and one property per set, each under the 9 KB a property may hold. Nothing else says what a
// backup is: tabs named like backups, in the book or in a backup spreadsheet, are not backups.
import {
  EMPTY_INDEX,
  parseIndex,
  parseSetEntry,
  setEntryText,
  type BackupIndex,
  type BackupSetEntry,
} from "../../core/trust/backups";

const INDEX_KEY = "backupIndex";
const SET_PREFIX = "backupSet:";

/** The registry as read in one getProperties call: the index and its sets, oldest first. */
export interface Registry {
  readonly index: BackupIndex;
  readonly sets: readonly BackupSetEntry[];
}

export function readRegistry(): Registry {
  const all = PropertiesService.getDocumentProperties().getProperties();
  const index = parseIndex(all[INDEX_KEY] ?? null);
  const sets = index.sets
    .map((id) => parseSetEntry(all[SET_PREFIX + id] ?? null))
    .filter((s): s is BackupSetEntry => s !== null);
  return { index, sets };
}

/** Registers a new set in one setProperties call. */
export function registerSet(index: BackupIndex, entry: BackupSetEntry): BackupIndex {
  const next: BackupIndex = {
    ...index,
    sets: [...index.sets.filter((id) => id !== entry.id), entry.id],
  };
  PropertiesService.getDocumentProperties().setProperties({
    [SET_PREFIX + entry.id]: setEntryText(entry),
    [INDEX_KEY]: JSON.stringify(next),
  });
  return next;
}

/**
 * Records the backup spreadsheets `user`'s sets rotate through, before any set lands in a new one (an
 * interrupted backup then leaves a file the next backup reuses, not one nobody knows of).
 */
export function registerPool(index: BackupIndex, user: string, fileIds: readonly string[]): BackupIndex {
  const next: BackupIndex = {
    ...index,
    files: { ...index.files, [user]: fileIds[fileIds.length - 1] ?? "" },
    pools: { ...index.pools, [user]: [...fileIds] },
  };
  PropertiesService.getDocumentProperties().setProperty(INDEX_KEY, JSON.stringify(next));
  return next;
}

/** Drops sets from the registry (index first: a set it no longer names is gone even if its entry lingers). */
export function unregisterSets(index: BackupIndex, ids: readonly string[]): BackupIndex {
  if (!ids.length) return index;
  const gone = new Set(ids);
  const next: BackupIndex = { ...index, sets: index.sets.filter((id) => !gone.has(id)) };
  const props = PropertiesService.getDocumentProperties();
  props.setProperty(INDEX_KEY, JSON.stringify(next));
  for (const id of ids) props.deleteProperty(SET_PREFIX + id);
  return next;
}

export { EMPTY_INDEX };
