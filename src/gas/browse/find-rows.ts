import { sheetColumnsRead } from "./customer-cache";
import { putChunked } from "./chunked-cache";
import {
  cachedRows,
  indexCached,
  rowIndexEntries,
  rowsFromColumn,
  type IndexTarget,
  type RowLookup,
} from "./row-index-cache";
import { COLUMN_TTL_SECONDS } from "./sheet-columns";

/**
 * The sheet rows (ascending) each lookup asks for: from the cached row indexes (one getChunked for all);
 * a lookup whose index is not cached is answered from its whole column (cached, else read from the sheet)
 * and the index is made from it. Everything new goes into the document cache in one putAll.
 */
export function findRows(lookups: readonly RowLookup[]): number[][] {
  const cached = cachedRows(lookups);
  const sink = new Map<string, string>();
  const out = lookups.map((lookup, i) => {
    const hit = cached[i];
    if (hit) return hit;
    const values = columnWithIndex(lookup, sink);
    return values ? rowsFromColumn(lookup, values) : [];
  });
  if (sink.size) putChunked(sink, COLUMN_TTL_SECONDS);
  return out;
}

/**
 * Makes sure the row indexes of `targets` are cached: the sidebar's background call leaves them, so the
 * next portrait reads only its own rows. Returns how many indexes had to be made.
 */
export function cacheRowIndexes(targets: readonly IndexTarget[]): number {
  const cached = indexCached(targets);
  const sink = new Map<string, string>();
  let made = 0;
  targets.forEach((target, i) => {
    if (!cached[i] && columnWithIndex(target, sink)) made++;
  });
  if (sink.size) putChunked(sink, COLUMN_TTL_SECONDS);
  return made;
}

/**
 * The whole column of a target, its entries (and its row index's) added to `sink` when it came from the
 * sheet; when it came from the cache, only the index's. Null when the sheet has no such column or rows.
 */
function columnWithIndex(lookup: IndexTarget, sink: Map<string, string>) {
  if (!lookup.stamp.map.index.has(lookup.column) || lookup.stamp.height === 0) return null;
  const read = sheetColumnsRead(lookup.stamp, [lookup.column], sink);
  const values = read.columns[lookup.column];
  if (!values) return null;
  if (!read.rebuilt.includes(lookup.column)) {
    for (const [k, v] of rowIndexEntries(lookup.stamp, { [lookup.column]: values })) sink.set(k, v);
  }
  return values;
}
