import { decodeColumn, encodeColumn, shortHash } from "../../core/browse/column-codec";
import { planRowReads, spansCost } from "../../core/browse/row-reads";
import { sheetColumnValues, type CellValue } from "../../core/browse/customer-index";
import { mapHeaders, type HeaderMap } from "../../core/schema/headers";
import { canonicalTabs } from "../platform/tab-map";
import type { SheetKey, SheetSpec } from "../../core/schema/types";
import { versionOf, type Versions } from "./book-version";
import { getChunked, putChunked } from "./chunked-cache";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Columns of the canonical sheets kept in the document cache between executions (every sidebar call is a
 * fresh execution: module state never survives). Each column is stored apart, encoded (column-codec) and
 * chunked (chunked-cache). A column's entries are keyed by the sheet's stamp (id, size, header row, first
 * and last row, version) and the column's own version, so a write to one column costs the next reader
 * that column only.
 */
/** The longest CacheService keeps a value (6 hours). */
export const COLUMN_TTL_SECONDS = 21_600;
const PREFIX = "bc:";

/** A canonical sheet as it is now: what cached entries are checked against. */
export interface SheetStamp {
  readonly spec: SheetSpec;
  readonly sheet: Sheet;
  readonly headers: readonly unknown[];
  readonly map: HeaderMap;
  /** Data rows (lastRow - 1, at least 0). */
  readonly height: number;
  readonly width: number;
  /** Everything the cached entries depend on, as one string (hashed into keys). */
  readonly guard: string;
  readonly versions: Versions;
}

/** The canonical sheets by key, in one pass over the tabs (the confirmed tabs, else by name: tab-map.ts). */
export function canonicalSheets(): ReadonlyMap<SheetKey, Sheet> {
  return canonicalTabs();
}

/**
 * Reads what a cache entry of `sheet` must match: size, header row, the `sampleKey` cells of the first and
 * last data rows (a sort or a row moved by hand changes them without any version bump) and `extra` (e.g.
 * the time zone dates were formatted in).
 */
export function stampSheet(
  spec: SheetSpec,
  sheet: Sheet,
  versions: Versions,
  sampleKey: string,
  extra: string,
): SheetStamp {
  const lastRow = sheet.getLastRow();
  const width = sheet.getLastColumn();
  const headers = width > 0 ? sheet.getRange(1, 1, 1, width).getValues()[0] : [];
  const map = mapHeaders(spec, headers);
  const height = Math.max(0, lastRow - 1);
  const at = map.index.get(sampleKey);
  const sample =
    at !== undefined && height > 0
      ? [sheet.getRange(2, at + 1).getValue(), sheet.getRange(lastRow, at + 1).getValue()]
      : [];
  const guard = JSON.stringify([
    spec.key,
    sheet.getSheetId(),
    height,
    width,
    headers.map(String),
    sample.map(String),
    versionOf(versions, spec.key),
    extra,
  ]);
  return { spec, sheet, headers, map, height, width, guard, versions };
}

function columnKey(stamp: SheetStamp, key: string): string {
  return `${PREFIX}${shortHash(stamp.guard)}:${key}:${versionOf(stamp.versions, stamp.spec.key, key)}`;
}

/** The cache keys of every column of a stamped sheet (an erasure removes them: privacy-erase.ts). */
export function cachedColumnKeys(stamp: SheetStamp): string[] {
  return [...stamp.map.index.keys()].map((k) => columnKey(stamp, k));
}

/**
 * Whether the document cache holds every column `keys` of a stamped sheet, probed with one getAll of their
 * first entries (no sheet read): a reader that would otherwise rebuild whole columns can answer partly.
 */
export function columnsCached(stamp: SheetStamp, keys: readonly string[]): boolean {
  const present = [...new Set(keys)].filter((k) => stamp.map.index.has(k));
  if (present.length === 0 || stamp.height === 0) return true;
  const store = CacheService.getDocumentCache();
  if (!store) return false;
  const firsts = present.map((k) => `${columnKey(stamp, k)}:0`);
  const found = store.getAll(firsts);
  return firsts.every((k) => found[k] !== undefined);
}

/** Converts the raw cells of a column; default: cell values as the browser keeps them. */
export type Converter = (key: string, raw: readonly unknown[]) => CellValue[];

export function defaultConverter(spec: SheetSpec, dateToIso: (d: Date) => string): Converter {
  return (key, raw) =>
    sheetColumnValues(
      spec.columns.find((c) => c.key === key)!,
      raw,
      dateToIso,
    );
}

/** What readColumns did, for tests and benches. */
export interface ColumnsRead {
  /** Column key → values of data rows 2..lastRow (absent when the sheet lacks the column). */
  readonly columns: Readonly<Record<string, readonly CellValue[]>>;
  /** Columns read from the sheet because the cache did not have them. */
  readonly rebuilt: readonly string[];
}

/** What else a column read caches, and where its entries go. */
export interface CacheWrites {
  /** Entries derived from the columns just read from the sheet (e.g. their row indexes), cached with them. */
  readonly derive?: (fresh: Readonly<Record<string, readonly CellValue[]>>) => ReadonlyMap<string, string>;
  /** Collects the entries instead of putting them, for a caller that puts several reads in one putAll. */
  readonly sink?: Map<string, string>;
}

/**
 * The values of columns `keys` of a stamped sheet: from the document cache (two getAll calls whatever the
 * size), the missing ones from the sheet (one getValues per block of adjacent columns, only their cells),
 * then cached for the next execution in one putAll (with what `writes.derive` makes of them).
 */
export function readColumns(
  stamp: SheetStamp,
  keys: readonly string[],
  convert: Converter,
  writes: CacheWrites = {},
): ColumnsRead {
  const present = [...new Set(keys)].filter((k) => stamp.map.index.has(k));
  const columns: Record<string, readonly CellValue[]> = {};
  if (present.length === 0) return { columns, rebuilt: [] };
  if (stamp.height === 0) {
    for (const k of present) columns[k] = [];
    return { columns, rebuilt: [] };
  }
  const base = new Map(present.map((k) => [k, columnKey(stamp, k)]));
  const cached = getChunked([...base.values()]);
  const missing: string[] = [];
  for (const k of present) {
    const text = cached.get(base.get(k)!);
    const values = text ? decoded(text) : null;
    if (values && values.length === stamp.height) columns[k] = values;
    else missing.push(k);
  }
  if (missing.length === 0) return { columns, rebuilt: [] };
  const { values: fresh, torn } = readFromSheet(stamp, missing, convert);
  // The sheet changed size while it was read: answer from this read, cache nothing.
  if (torn) return { columns: { ...columns, ...fresh }, rebuilt: missing };
  const entries = writes.sink ?? new Map<string, string>();
  for (const k of missing) columns[k] = fresh[k];
  for (const [k, v] of columnEntries(stamp, fresh)) entries.set(k, v);
  if (writes.derive) for (const [k, v] of writes.derive(fresh)) entries.set(k, v);
  if (!writes.sink) putChunked(entries, COLUMN_TTL_SECONDS);
  return { columns, rebuilt: missing };
}

/** The cache entries of whole columns (data rows 2..height+1) of a stamped sheet, as readColumns keeps them. */
export function columnEntries(
  stamp: SheetStamp,
  columns: Readonly<Record<string, readonly CellValue[]>>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of Object.keys(columns))
    if (columns[k].length === stamp.height) out.set(columnKey(stamp, k), encodeColumn(columns[k]));
  return out;
}

function decoded(text: string): CellValue[] | null {
  try {
    return decodeColumn(text);
  } catch {
    return null;
  }
}

/**
 * Reads columns `keys` of data rows 2..height+1, one getValues per block of adjacent columns; `torn` when
 * the sheet's size changed meanwhile (rows inserted or deleted between the stamp and the read).
 */
function readFromSheet(
  stamp: SheetStamp,
  keys: readonly string[],
  convert: Converter,
): { values: Record<string, CellValue[]>; torn: boolean } {
  const at = keys.map((k) => ({ k, c: stamp.map.index.get(k)! })).sort((a, b) => a.c - b.c);
  const out: Record<string, CellValue[]> = {};
  for (let i = 0; i < at.length;) {
    let j = i + 1;
    while (j < at.length && at[j].c === at[j - 1].c + 1) j++;
    const values = stamp.sheet.getRange(2, at[i].c + 1, stamp.height, j - i).getValues();
    for (let b = i; b < j; b++) {
      const offset = b - i;
      out[at[b].k] = convert(
        at[b].k,
        values.map((r) => r[offset]),
      );
    }
    i = j;
  }
  return { values: out, torn: Math.max(0, stamp.sheet.getLastRow() - 1) !== stamp.height };
}

/**
 * Whole rows `rows` of a stamped sheet (as wide as its header row) by sheet row, in the cheapest reads:
 * neighbours share a getValues (row-reads), and when that would cost more than the whole sheet, the sheet
 * is read in one. Rows past the sheet's end are absent.
 */
export function readSheetRows(stamp: SheetStamp, rows: readonly number[]): Map<number, readonly unknown[]> {
  const out = new Map<number, readonly unknown[]>();
  if (rows.length === 0 || stamp.width === 0 || stamp.height === 0) return out;
  const wanted = new Set(rows);
  const spans = planRowReads(rows, stamp.width);
  const whole = [{ first: 2, last: stamp.height + 1 }];
  for (const span of spansCost(spans, stamp.width) > spansCost(whole, stamp.width) ? whole : spans) {
    const values = stamp.sheet.getRange(span.first, 1, span.last - span.first + 1, stamp.width).getValues();
    values.forEach((v, i) => {
      if (wanted.has(span.first + i)) out.set(span.first + i, v);
    });
  }
  return out;
}
