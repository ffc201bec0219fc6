import type { CellValue } from "./customer-index";
import { dictionaryCodes } from "./dictionary-codes";

/**
 * Sheet rows by key (a CustomerID, an owner): which rows of a sheet hold a value, in buckets small enough
 * that a reader fetches and decodes one bucket, not the whole index. A bucket is chosen by a hash of the
 * key, and the number of buckets by the sheet's height alone, so a reader knows which bucket to fetch
 * before it has fetched anything.
 */

/** About this many sheet rows go into one bucket (≈ 40–90 KB of text: one or two cache values). */
export const ROWS_PER_BUCKET = 6_000;

/** How many buckets the index of a sheet of `height` data rows has (at least one). */
export function bucketCount(height: number): number {
  return Math.max(1, Math.ceil(height / ROWS_PER_BUCKET));
}

/** The bucket of `key` among `buckets` (32-bit FNV-1a of its UTF-16 units). */
export function bucketOf(key: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h % buckets;
}

/** The key of a cell; "" when the cell names nothing (such rows are not indexed). */
export type RowKeyOf = (value: CellValue) => string;

/** An ID cell as its key: the text, trimmed (numbers as written). */
export const idKey: RowKeyOf = (v) => (v === null ? "" : String(v).trim());

/** An e-mail cell (Owner) as its key: trimmed and lower-cased, as the visibility rule compares owners. */
export const emailKey: RowKeyOf = (v) => (v === null ? "" : String(v).trim().toLowerCase());

/**
 * Every bucket of the index of one column: `values[i]` is the cell of sheet row `firstRow + i`. A bucket
 * is JSON of key → its rows, ascending, in base 36, the first whole and the next ones as steps from the
 * one before ("1k,3,f": rows 56, 59, 74). Empty buckets are "{}".
 */
export function encodeRowIndex(
  values: readonly CellValue[],
  keyOf: RowKeyOf,
  buckets: number,
  firstRow = 2,
): string[] {
  // Each cell's key as a small integer, then the rows grouped by key (a counting sort, row order kept):
  // no per-row object or string is made.
  const code = new Int32Array(values.length);
  const keys = dictionaryCodes(values, (v) => keyOf(v) || null, code)!;
  const start = new Int32Array(keys.length + 1);
  for (let i = 0; i < values.length; i++) if (code[i] >= 0) start[code[i] + 1]++;
  for (let c = 0; c < keys.length; c++) start[c + 1] += start[c];
  const next = start.slice(0, keys.length);
  const rows = new Int32Array(start[keys.length]);
  for (let i = 0; i < values.length; i++) if (code[i] >= 0) rows[next[code[i]]++] = firstRow + i;
  // Null-prototype records: a key such as "__proto__" stays a key.
  const out = Array.from({ length: buckets }, () => Object.create(null) as Record<string, string>);
  const parts: string[] = [];
  for (let c = 0; c < keys.length; c++) {
    parts.length = 0;
    let last = 0;
    for (let j = start[c]; j < start[c + 1]; j++) {
      parts.push((rows[j] - last).toString(36));
      last = rows[j];
    }
    out[bucketOf(keys[c], buckets)][keys[c]] = parts.join(",");
  }
  return out.map((b) => JSON.stringify(b));
}

/** The rows of `key` in a bucket made by encodeRowIndex (ascending; empty when the key has none). */
export function rowsInBucket(bucket: string, key: string): number[] {
  const parsed = JSON.parse(bucket) as Record<string, unknown>;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not a bucket");
  const text = Object.prototype.hasOwnProperty.call(parsed, key) ? parsed[key] : undefined;
  if (typeof text !== "string") return [];
  const rows: number[] = [];
  let row = 0;
  for (const part of text.split(",")) {
    row += parseInt(part, 36);
    rows.push(row);
  }
  return rows;
}

/** The rows (ascending, from `firstRow`) whose cell has key `key`: the same answer from the column itself. */
export function rowsInColumn(
  values: readonly CellValue[],
  keyOf: RowKeyOf,
  key: string,
  firstRow = 2,
): number[] {
  const rows: number[] = [];
  for (let i = 0; i < values.length; i++) if (keyOf(values[i]) === key) rows.push(firstRow + i);
  return rows;
}
