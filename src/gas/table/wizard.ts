/**
 * The set-up wizard's server side: finds which of the user's own tabs stand for the canonical sheets by
 * their header row (row 1), whatever the tabs are called (src/core/schema/find-tables.ts), and remembers
 * the user's confirmation in the tab map (src/gas/platform/tab-map.ts), after which every feature works
 * on those tabs in place. Permission and audit: src/shared/server-functions.ts.
 */
import { findTables, fitTab, type TabFit, type TabHeaderRow } from "../../core/schema/find-tables";
import { columnForHeader } from "../../core/schema/headers";
import { SHEETS, sheetSpec } from "../../core/schema/sheets";
import type { SheetKey, SheetSpec } from "../../core/schema/types";
import type {
  WizardChoice,
  WizardConfirmed,
  WizardProposal,
  WizardTabFit,
  WizardTableProposal,
} from "../../shared/wizard";
import { bumpSheetVersion } from "../browse/book-version";
import { currentUser, userLang } from "../platform/locale";
import { withDocumentLock } from "../platform/lock";
import { canonicalTabs, readTabMap, storeTabMap, type TabMap, type TabRef } from "../platform/tab-map";
import { writeValues } from "../platform/write-values";
import { appendJobEntry } from "../trust/audit-log";
import { headerLang } from "./setup";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Every tab with its header row (row 1) and data-row count: one read per tab. */
function readTabs(): { sheets: Sheet[]; tabs: TabHeaderRow[] } {
  const sheets = SpreadsheetApp.getActive().getSheets();
  const tabs = sheets.map((sheet) => {
    const width = sheet.getLastColumn();
    const headers = width > 0 ? sheet.getRange(1, 1, 1, width).getValues()[0] : [];
    return { name: sheet.getName(), headers, dataRows: Math.max(0, sheet.getLastRow() - 1) };
  });
  return { sheets, tabs };
}

function fitDto(spec: SheetSpec, fit: TabFit, sheet: Sheet, tab: TabHeaderRow): WizardTabFit {
  const column = (key: string) => spec.columns.find((c) => c.key === key)!;
  return {
    sheetId: sheet.getSheetId(),
    name: tab.name,
    score: fit.score,
    eligible: fit.eligible,
    dataRows: tab.dataRows ?? 0,
    mapping: fit.matched.map((m) => ({ ...m, label: column(m.key).header })),
    missing: fit.missing.map((key) => {
      const c = column(key);
      return { key, label: c.header, required: c.required, owned: c.owned };
    }),
    custom: fit.custom,
  };
}

/**
 * What was found: per canonical sheet, the proposed tab with its score, column mapping, missing columns
 * and the user's own columns, plus every tab as an option. Reads only.
 */
export function proposeTables(): WizardProposal {
  const { sheets, tabs } = readTabs();
  const findings = findTables(tabs);
  const current = canonicalTabs();
  const tables: WizardTableProposal[] = SHEETS.map((spec, s) => {
    const finding = findings[s];
    const fits = tabs.map((tab, i) => fitTab(spec, tab, i));
    const order = [...fits].sort(
      (a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score || a.tab - b.tab,
    );
    const dto = (fit: TabFit) => fitDto(spec, fit, sheets[fit.tab], tabs[fit.tab]);
    return {
      sheet: spec.key,
      label: spec.name,
      tab: finding.best ? dto(finding.best) : null,
      currentSheetId: current.get(spec.key)?.getSheetId() ?? null,
      options: order.map(dto),
    };
  });
  return { confirmed: readTabMap() !== null, tables };
}

/** Whether the sidebar should open on the wizard: never confirmed here, and no Customers tab by name. */
export function wizardPending(): boolean {
  return readTabMap() === null && !canonicalTabs(null).has("Customers");
}

function checkedChoice(choice: WizardChoice, sheets: readonly Sheet[]): Map<SheetKey, Sheet> {
  if (!choice || typeof choice !== "object" || !choice.tabs || typeof choice.tabs !== "object")
    throw new Error("confirmTables needs a choice: { tabs: { Customers: sheetId | null, … } }.");
  const out = new Map<SheetKey, Sheet>();
  const used = new Set<number>();
  for (const [key, id] of Object.entries(choice.tabs)) {
    if (!SHEETS.some((s) => s.key === key)) throw new Error(`Unknown sheet "${key}".`);
    if (id === null || id === undefined) continue;
    const sheet = sheets.find((s) => s.getSheetId() === id);
    if (!sheet) throw new Error(`No tab has the id ${String(id)}; open the wizard again.`);
    if (used.has(id)) throw new Error(`The tab "${sheet.getName()}" was chosen for two sheets.`);
    used.add(id);
    out.set(key as SheetKey, sheet);
  }
  return out;
}

/**
 * Renames the header cells of the columns the user chose for schema columns their headers do not name:
 * only a header naming no schema column may be renamed, only to a column the tab lacks that people type
 * (the add-on's own columns are appended by Set up). The header takes the schema name in the language of
 * the tab's header row. Data cells are never touched. Returns the cells renamed.
 */
function renameChosenHeaders(
  spec: SheetSpec,
  sheet: Sheet,
  chosen: readonly { column: number; key: string }[],
): number {
  if (!chosen.length) return 0;
  const width = sheet.getLastColumn();
  const headers = width > 0 ? sheet.getRange(1, 1, 1, width).getValues()[0] : [];
  const lang = headerLang(headers, userLang());
  const keys = new Set<string>();
  const writes: [number, string][] = [];
  for (const { column, key } of chosen) {
    const target = spec.columns.find((c) => c.key === key);
    if (!target || target.owned) throw new Error(`"${key}" is not a column people fill in ${spec.key}.`);
    if (!Number.isInteger(column) || column < 0 || column >= headers.length)
      throw new Error(`Column ${String(column + 1)} is not a column of "${sheet.getName()}".`);
    if (columnForHeader(spec, headers[column]))
      throw new Error(`"${String(headers[column])}" already names a column; it is kept as it is.`);
    if (headers.some((h) => columnForHeader(spec, h)?.key === key) || keys.has(key))
      throw new Error(`"${sheet.getName()}" already has a ${target.header[lang]} column.`);
    keys.add(key);
    writes.push([column, target.header[lang]]);
  }
  // Only the chosen header cells are written (every other cell is left as it is, not rewritten).
  for (const [column, header] of writes) writeValues(sheet.getRange(1, column + 1), [[header]]);
  return writes.length;
}

/**
 * Remembers which tabs stand for which canonical sheets: a sheet given a tab works on that tab in place
 * from now on (Set up appends only the add-on's missing columns at its end); a sheet given null is found
 * by tab name as before, and Set up creates it when no tab is named for it. Renames the header cells of
 * the columns the user chose (see renameChosenHeaders). Every cache of the sheets is invalidated.
 */
export function confirmTables(choice: WizardChoice): WizardConfirmed {
  const started = new Date();
  const result = withDocumentLock(() => {
    const sheets = SpreadsheetApp.getActive().getSheets();
    const chosen = checkedChoice(choice, sheets);
    const map: Partial<Record<SheetKey, TabRef>> = {};
    const tabs: Partial<Record<SheetKey, string>> = {};
    let renamed = 0;
    for (const [key, sheet] of chosen) {
      const columns = choice.columns?.[key] ?? [];
      renamed += renameChosenHeaders(sheetSpec(key), sheet, Array.isArray(columns) ? columns : []);
      map[key] = { sheetId: sheet.getSheetId(), name: sheet.getName() };
      tabs[key] = sheet.getName();
    }
    storeTabMap(map as TabMap);
    for (const spec of SHEETS) bumpSheetVersion(spec.key);
    return { tabs, renamed };
  });
  const detail = SHEETS.map((s) => `${s.key} → ${result.tabs[s.key] ?? "(by name)"}`).join("; ");
  appendJobEntry({
    job: "confirm-tables",
    user: currentUser(),
    at: started,
    rows: 0,
    detail: `${detail}; ${result.renamed} header(s) renamed`,
  });
  return result;
}
