import { shortHash } from "../../core/browse/column-codec";
import type { CellValue } from "../../core/browse/customer-index";
import {
  bucketCount,
  bucketOf,
  emailKey,
  encodeRowIndex,
  idKey,
  rowsInBucket,
  rowsInColumn,
  type RowKeyOf,
} from "../../core/browse/row-index";
import { versionOf } from "./book-version";
import { getChunked, hasChunked } from "./chunked-cache";
import type { SheetStamp } from "./sheet-columns";

/**
 * Row indexes in the document cache: for the CustomerID column of every canonical sheet and the Owner
 * column of Customers, which rows hold each value (core/browse/row-index). A portrait then reads the rows
 * of its customer, and a sales rep's page the rows they own, instead of whole columns. An index is keyed
 * like the cached column it is made from (the sheet's stamp and the column's version), so an edit, a
 * write by the add-on or a change the stamp notices makes it stale at once; it is made wherever its column
 * is read whole anyway and cached in the same putAll.
 */
const PREFIX = "ri:";

/** How a column's cells become index keys; null for a column that has no row index. */
function keyOfColumn(stamp: SheetStamp, column: string): RowKeyOf | null {
  if (column === "CustomerID") return idKey;
  if (column === "Owner" && stamp.spec.key === "Customers") return emailKey;
  return null;
}

function bucketKey(stamp: SheetStamp, column: string, buckets: number, bucket: number): string {
  const version = versionOf(stamp.versions, stamp.spec.key, column);
  return `${PREFIX}${shortHash(stamp.guard)}:${column}:${version}:${buckets}:${bucket}`;
}

/** Whether rows of `column` can be found in this stamped sheet at all (it has the column and rows). */
function searchable(stamp: SheetStamp, column: string): boolean {
  return stamp.height > 0 && stamp.map.index.has(column) && keyOfColumn(stamp, column) !== null;
}

/**
 * The cache entries of the row indexes of those columns in `columns` (whole columns of data rows
 * 2..height+1) that have one; empty for the others.
 */
export function rowIndexEntries(
  stamp: SheetStamp,
  columns: Readonly<Record<string, readonly CellValue[]>>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const column of Object.keys(columns)) {
    const keyOf = keyOfColumn(stamp, column);
    const values = columns[column];
    if (!keyOf || values.length !== stamp.height || stamp.height === 0) continue;
    const buckets = bucketCount(stamp.height);
    encodeRowIndex(values, keyOf, buckets).forEach((text, b) =>
      out.set(bucketKey(stamp, column, buckets, b), text),
    );
  }
  return out;
}

/** A question for the row indexes: the rows of `stamp` whose `column` holds `key`. */
export interface RowLookup extends IndexTarget {
  readonly key: string;
}

/** The key a lookup's cell must have (the same folding the index used). */
export function lookupKey(lookup: RowLookup): string {
  return keyOfColumn(lookup.stamp, lookup.column)?.(lookup.key) ?? "";
}

/**
 * Each lookup's rows (ascending) from the cached indexes, all in one getChunked (two getAll calls, one
 * bucket each); null where the index is not cached. A sheet without the column or rows, or a blank key,
 * answers [].
 */
export function cachedRows(lookups: readonly RowLookup[]): (number[] | null)[] {
  const keys = lookups.map((l) => {
    if (!canHaveRows(l)) return null;
    const buckets = bucketCount(l.stamp.height);
    return bucketKey(l.stamp, l.column, buckets, bucketOf(lookupKey(l), buckets));
  });
  const wanted = keys.filter((k): k is string => k !== null);
  const found = wanted.length ? getChunked(wanted) : new Map<string, string | null>();
  return lookups.map((l, i) => {
    const key = keys[i];
    if (key === null) return [];
    const text = found.get(key);
    if (!text) return null;
    try {
      return rowsInBucket(text, lookupKey(l));
    } catch {
      return null;
    }
  });
}

/** A lookup answered from its whole column (data rows 2..height+1). */
export function rowsFromColumn(lookup: RowLookup, values: readonly CellValue[]): number[] {
  const keyOf = keyOfColumn(lookup.stamp, lookup.column);
  const key = lookupKey(lookup);
  return keyOf && key ? rowsInColumn(values, keyOf, key) : [];
}

/** Whether `lookup`'s sheet can have rows for it (see cachedRows). */
export function canHaveRows(lookup: RowLookup): boolean {
  return searchable(lookup.stamp, lookup.column) && lookupKey(lookup) !== "";
}

/** A column whose row index is wanted. */
export interface IndexTarget {
  readonly stamp: SheetStamp;
  readonly column: string;
}

/**
 * Whether each target's row index is cached (its first bucket, probed in one getAll); true for a sheet
 * that has no such index to make (no column, no rows).
 */
export function indexCached(targets: readonly IndexTarget[]): boolean[] {
  const keys = targets.map((t) =>
    searchable(t.stamp, t.column) ? bucketKey(t.stamp, t.column, bucketCount(t.stamp.height), 0) : null,
  );
  const found = hasChunked(keys.filter((k): k is string => k !== null));
  let next = 0;
  return keys.map((k) => (k === null ? true : found[next++]));
}
