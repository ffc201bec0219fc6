import { mapHeaders, type HeaderMap } from "../../core/schema/headers";
import { specOfSheet, specOfTabName } from "../platform/tab-map";
import type { SheetKey } from "../../core/schema/types";

/**
 * Versions of the canonical sheets, as the sidebar's caches key their entries. Each is a token in the
 * document properties (which outlive every execution, unlike module state): "browse.v.<Sheet>" changes on
 * any change the add-on cannot place (rows deleted or restored, a header edited), "browse.v.<Sheet>.<Column>"
 * when cells of that column were written. The caches also check the sheet's id, size, header row and first
 * and last row, so a change made without a bump (another script, a sort) still shows.
 */
const PREFIX = "browse.v.";

export type Versions = Readonly<Record<string, string>>;

function token(): string {
  return new Date().getTime().toString(36) + Math.random().toString(36).slice(2, 8);
}

/** Every version token, in one properties read (or from `all`, the document properties already read). */
export function readVersions(
  all: Readonly<Record<string, string>> = PropertiesService.getDocumentProperties().getProperties(),
): Versions {
  const out: Record<string, string> = {};
  for (const key of Object.keys(all)) if (key.startsWith(PREFIX)) out[key.slice(PREFIX.length)] = all[key];
  return out;
}

/** The version of a whole sheet, or of one of its columns. */
export function versionOf(versions: Versions, sheet: SheetKey, column?: string): string {
  return versions[column ? `${sheet}.${column}` : sheet] ?? "";
}

/** Marks everything cached from `sheet` stale. */
export function bumpSheetVersion(sheet: SheetKey): void {
  PropertiesService.getDocumentProperties().setProperty(PREFIX + sheet, token());
}

/** Marks the cached columns `columns` of `sheet` stale (one properties write). */
export function bumpColumnVersions(sheet: SheetKey, columns: readonly string[]): void {
  if (columns.length === 0) return;
  const t = token();
  const props: Record<string, string> = {};
  for (const c of columns) props[`${PREFIX}${sheet}.${c}`] = t;
  PropertiesService.getDocumentProperties().setProperties(props);
}

/**
 * For the add-on's own writes into a canonical sheet (platform/sheet-table calls it before and after each
 * write, so neither a write cut short nor a reader racing it leaves a stale cache): the 0-based columns
 * written (null: rows rewritten whole). Columns the schema does not know are not cached and ignored.
 */
export function noteTableWritten(map: HeaderMap, columns: Iterable<number> | null): void {
  if (columns === null) return bumpSheetVersion(map.spec.key);
  const written = new Set(columns);
  const keys: string[] = [];
  for (const [key, at] of map.index) if (written.has(at)) keys.push(key);
  bumpColumnVersions(map.spec.key, keys);
}

/** For writes that replace a tab's contents wholesale (a restore): marks it stale if it is canonical. */
export function noteSheetReplaced(sheetName: string): void {
  const spec = specOfTabName(sheetName);
  if (spec) bumpSheetVersion(spec.key);
}

/**
 * For the installable edit trigger (after the edit's own stamps were written): the edited columns of a
 * canonical sheet become stale, and on Customers its CustomerID column too, since the trigger may just have
 * given the edited rows their IDs. An edit of the header row, or of columns the schema does not know only,
 * marks the whole sheet.
 */
export function noteSheetEdited(e: GoogleAppsScript.Events.SheetsOnEdit | undefined): void {
  const range = e?.range;
  if (!range) return;
  const sheet = range.getSheet();
  const spec = specOfSheet(sheet);
  if (!spec) return;
  if (range.getRow() <= 1) return bumpSheetVersion(spec.key);
  const width = sheet.getLastColumn();
  if (width < 1) return bumpSheetVersion(spec.key);
  const map = mapHeaders(spec, sheet.getRange(1, 1, 1, width).getValues()[0]);
  const first = range.getColumn() - 1;
  const last = first + range.getNumColumns() - 1;
  const keys = new Set<string>();
  for (const [key, at] of map.index) if (at >= first && at <= last) keys.add(key);
  if (spec.key === "Customers") keys.add("CustomerID");
  // Custom columns are not cached: an edit of those alone changes nothing else the caches hold.
  bumpColumnVersions(spec.key, [...keys]);
}
