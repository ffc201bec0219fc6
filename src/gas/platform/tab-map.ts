/**
 * The one place that decides which tab stands for which canonical sheet. A tab the user confirmed in the
 * set-up wizard (a table of their own, e.g. 客户管理表 or Sheet1) is remembered in the document property
 * TAB_MAP_KEY by its sheet id (which survives renames) and its last known name; every other sheet is found
 * by its tab name in either language or by alias, as before the wizard existed. The map is read on every
 * call (no module state: a confirm by another user or execution is seen at once).
 *
 * Every feature (reads and writes, edit triggers, backups, restore, privacy, browse, classify) asks here:
 * findSheet / canonicalTabs for the tab of a sheet, specOfSheet / specOfTabName for the sheet of a tab.
 */
import { sheetSpecForName } from "../../core/schema/headers";
import { SHEETS, sheetSpec } from "../../core/schema/sheets";
import type { SheetKey, SheetSpec } from "../../core/schema/types";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Document property holding the confirmed tab map (JSON: sheet key → {sheetId, name}). */
export const TAB_MAP_KEY = "tableMap";

/** One confirmed tab: its id, and its name when confirmed (a restore may bring it back under that name). */
export interface TabRef {
  readonly sheetId: number;
  readonly name: string;
}

/** The confirmed tabs by sheet key; a key absent is found by name. */
export type TabMap = Readonly<Partial<Record<SheetKey, TabRef>>>;

const isKey = (k: string): k is SheetKey => SHEETS.some((s) => s.key === k);

/** Parses a stored map; malformed entries are dropped (they confirm nothing). */
export function parseTabMap(raw: string | null): TabMap | null {
  if (raw === null || raw === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  const out: Partial<Record<SheetKey, TabRef>> = {};
  for (const [key, ref] of Object.entries(parsed as Record<string, unknown>)) {
    if (!isKey(key) || !ref || typeof ref !== "object") continue;
    const { sheetId, name } = ref as { sheetId?: unknown; name?: unknown };
    if (typeof sheetId !== "number" || !Number.isInteger(sheetId)) continue;
    out[key] = { sheetId, name: typeof name === "string" ? name : "" };
  }
  return out;
}

/** The stored map, or null when the wizard was never confirmed in this document. */
export function readTabMap(): TabMap | null {
  return parseTabMap(PropertiesService.getDocumentProperties().getProperty(TAB_MAP_KEY));
}

/** Stores the map (an empty map records that the wizard was confirmed with no tab of the user's own). */
export function storeTabMap(map: TabMap): void {
  PropertiesService.getDocumentProperties().setProperty(TAB_MAP_KEY, JSON.stringify(map));
}

/**
 * Every canonical sheet's tab, in one pass over the tabs: a confirmed tab by its id, else (deleted and
 * brought back, say by a restore) the tab bearing its confirmed name; a sheet not confirmed, or whose
 * confirmed tab is gone, by tab name (the first tab naming it). A tab confirmed for one sheet never
 * stands for another, even when its name names that other.
 */
export function canonicalTabs(map: TabMap | null = readTabMap()): ReadonlyMap<SheetKey, Sheet> {
  const sheets = SpreadsheetApp.getActive().getSheets();
  const out = new Map<SheetKey, Sheet>();
  const used = new Set<number>();
  const confirmed = map !== null && Object.keys(map).length > 0;
  const ids = confirmed ? sheets.map((s) => s.getSheetId()) : [];
  const names = sheets.map((s) => s.getName());
  for (const spec of SHEETS) {
    const ref = map?.[spec.key];
    if (!ref) continue;
    let at = ids.indexOf(ref.sheetId);
    if (at < 0 && ref.name) at = names.indexOf(ref.name);
    if (at >= 0 && !used.has(at)) {
      out.set(spec.key, sheets[at]);
      used.add(at);
    }
  }
  for (const spec of SHEETS) {
    if (out.has(spec.key)) continue;
    const at = names.findIndex((n, i) => !used.has(i) && sheetSpecForName(n)?.key === spec.key);
    if (at >= 0) {
      out.set(spec.key, sheets[at]);
      used.add(at);
    }
  }
  return out;
}

/** The tab that stands for `spec`, or null when the book has none. */
export function findSheet(spec: SheetSpec): Sheet | null {
  const map = readTabMap();
  if (map && Object.keys(map).length) return canonicalTabs(map).get(spec.key) ?? null;
  // Nothing confirmed: the first tab naming the sheet, read name by name as before the wizard existed.
  for (const sheet of SpreadsheetApp.getActive().getSheets())
    if (sheetSpecForName(sheet.getName())?.key === spec.key) return sheet;
  return null;
}

/**
 * The canonical sheet a tab stands for, if any. Cheap for the common cases of an edit trigger: nothing
 * confirmed, or a tab whose name names no sheet and that is confirmed for none (no pass over the tabs).
 */
export function specOfSheet(sheet: Sheet): SheetSpec | undefined {
  const map = readTabMap();
  const named = sheetSpecForName(sheet.getName());
  // Nothing confirmed: the sheet its name names, as before the wizard existed (no pass over the tabs).
  if (!map || !Object.keys(map).length) return named;
  const id = sheet.getSheetId();
  const confirmed = Object.values(map).some((ref) => ref.sheetId === id);
  if (!named && !confirmed) return undefined;
  for (const [key, tab] of canonicalTabs(map)) if (tab.getSheetId() === id) return sheetSpec(key);
  return undefined;
}

/**
 * The canonical sheet the tab called `name` stands for: that tab's, when the book has one; else (a tab
 * since deleted, as a backup or restore names it) the sheet it was confirmed for under that name, else
 * the sheet its name names, unless that sheet is served by a confirmed tab of another name.
 */
export function specOfTabName(name: string): SheetSpec | undefined {
  const tab = SpreadsheetApp.getActive().getSheetByName(name);
  if (tab) return specOfSheet(tab);
  const map = readTabMap();
  for (const spec of SHEETS) if (map?.[spec.key]?.name === name) return spec;
  const named = sheetSpecForName(name);
  if (!named) return undefined;
  return map?.[named.key] && canonicalTabs(map).has(named.key) ? undefined : named;
}
