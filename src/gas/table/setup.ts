import { mapHeaders } from "../../core/schema/headers";
import { columnLetter } from "../../core/table/a1";
import { SHEETS } from "../../core/schema/sheets";
import type { ColumnCategory, Lang, SheetSpec } from "../../core/schema/types";
import { findSheet } from "../platform/sheet-table";
import { syncDispatcher } from "../platform/dispatcher";
import { ensureEditTrigger } from "../platform/triggers";
import { claimInstaller, requirePermission } from "../platform/guard";
import { currentUser, userLang } from "../platform/locale";
import { withDocumentLock } from "../platform/lock";
import { pausedJobs, runResumable } from "../platform/resumable";
import { appendJobEntry } from "../trust/audit-log";
import { planFormats, SETUP_FORMATS_JOB, setupFormatsJob } from "./setup-formats-job";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** One header colour per column category (light fills, readable with dark bold text). */
export const CATEGORY_COLOURS: Readonly<Record<ColumnCategory, string>> = {
  basic: "#cfe2f3",
  contact: "#d9ead3",
  purchase: "#fff2cc",
  service: "#fce5cd",
  feedback: "#ead1dc",
  value: "#d9d2e9",
  system: "#d9d9d9",
};

/** Marks the add-on's own protections, so repair finds and keeps them instead of stacking duplicates. */
const PROTECTION_TAG = "Sheet CRM: written by the add-on";

/** Whether most of a header row is written in Chinese, so appended headers follow suit. */
export function headerLang(headers: readonly unknown[], fallback: Lang): Lang {
  const named = headers.filter((h) => String(h).trim() !== "");
  if (!named.length) return fallback;
  const zh = named.filter((h) => /[\u4e00-\u9fff]/.test(String(h))).length;
  return zh * 2 >= named.length ? "zh-CN" : "en";
}

/** What one sheet's repair did. */
export interface SheetRepair {
  readonly sheet: Sheet;
  readonly created: boolean;
  readonly columnsAdded: number;
}

/**
 * The sheet's structure, cheap whatever its size (cells written ∝ columns, not rows): creates it if
 * missing (named in `lang`), appends missing columns at the end (all of them, or only those in `only`;
 * a new sheet gets every column), styles the header, freezes it and protects owned columns. Number
 * formats and data validation are not applied here (see applied-rules.ts).
 */
export function repairSheet(spec: SheetSpec, lang: Lang, only?: ReadonlySet<string>): SheetRepair {
  const ss = SpreadsheetApp.getActive();
  let sheet: Sheet | null = findSheet(spec);
  const created = !sheet;
  if (!sheet) sheet = ss.insertSheet(spec.name[lang]);
  const lastColumn = sheet.getLastColumn();
  const headers = lastColumn > 0 ? sheet.getRange(1, 1, 1, lastColumn).getValues()[0] : [];
  const map = mapHeaders(spec, headers);
  const writeLang = created ? lang : headerLang(headers, lang);
  const missing = map.missing.filter((c) => created || !only || only.has(c.key));
  if (missing.length) {
    const need = lastColumn + missing.length - sheet.getMaxColumns();
    if (need > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), need);
    sheet.getRange(1, lastColumn + 1, 1, missing.length).setValues([missing.map((c) => c.header[writeLang])]);
    missing.forEach((c, i) => sheet!.setColumnWidth(lastColumn + 1 + i, c.width ?? 120));
  }
  const width = lastColumn + missing.length;
  const fullHeaders = [...headers, ...missing.map((c) => c.header[writeLang])];
  const fullMap = mapHeaders(spec, fullHeaders);
  if (width > 0) styleHeader(sheet, spec, fullMap.index, width);
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  protectOwned(sheet, spec, fullMap.index);
  return { sheet, created, columnsAdded: missing.length };
}

/** Schema headers get their category colour and bold text; the user's own header cells keep their look. */
function styleHeader(sheet: Sheet, spec: SheetSpec, index: ReadonlyMap<string, number>, width: number): void {
  const header = sheet.getRange(1, 1, 1, width);
  const backgrounds = header.getBackgrounds()[0];
  const weights = header.getFontWeights()[0];
  const before = JSON.stringify([backgrounds, weights]);
  for (const column of spec.columns) {
    const at = index.get(column.key);
    if (at === undefined) continue;
    backgrounds[at] = CATEGORY_COLOURS[column.category];
    weights[at] = "bold";
  }
  // A repair of a styled header writes nothing.
  if (JSON.stringify([backgrounds, weights]) === before) return;
  header.setBackgrounds([backgrounds]);
  header.setFontWeights([weights]);
}

/**
 * Owned columns (stamps and computed results) are protected warning-only: every editor is asked to
 * confirm before typing over them, while the add-on's jobs, which run as whichever user triggered them,
 * can still write. Protections are per contiguous block of owned columns; ours are tagged and replaced
 * only when their range changed.
 */
function protectOwned(sheet: Sheet, spec: SheetSpec, index: ReadonlyMap<string, number>): void {
  const owned = spec.columns
    .filter((c) => c.owned && index.has(c.key))
    .map((c) => index.get(c.key)!)
    .sort((a, b) => a - b);
  const wanted: string[] = [];
  for (let i = 0; i < owned.length;) {
    let j = i + 1;
    while (j < owned.length && owned[j] === owned[j - 1] + 1) j++;
    wanted.push(`${columnLetter(owned[i])}:${columnLetter(owned[j - 1])}`);
    i = j;
  }
  const ours = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter((p) => p.getDescription() === PROTECTION_TAG);
  const have = new Set<string>();
  for (const p of ours) {
    const r = p.getRange();
    const span = `${columnLetter(r.getColumn() - 1)}:${columnLetter(r.getColumn() + r.getNumColumns() - 2)}`;
    if (wanted.includes(span) && !have.has(span)) have.add(span);
    else p.remove();
  }
  for (const a1 of wanted) {
    if (have.has(a1)) continue;
    sheet.getRange(a1).protect().setDescription(PROTECTION_TAG).setWarningOnly(true);
  }
}

/** What Set up did; `formatsContinue` when formats and validation go on in the hourly dispatcher's runs. */
export interface SetUpResult {
  readonly created: string[];
  readonly columnsAdded: number;
  readonly formatsContinue?: boolean;
}

/**
 * Set up / repair: installs this user's edit trigger and the hourly dispatcher first (so a big book that
 * takes more than one execution is never left without them), then creates missing canonical sheets (named
 * in the user's language), appends missing columns at the end (never moving, renaming or deleting a
 * user's column), styles the header by category, freezes it and protects owned columns; last, number
 * formats and warning data-validation with localised help, only where they are missing (see
 * applied-rules.ts), as a resumable job: what does not fit this execution continues in the dispatcher's
 * runs. Idempotent: a second run changes nothing (from the menu, not even the audit log: only runs that add
 * sheets or columns are logged; the server function setUpSheets is audited, so each call leaves its one
 * entry).
 */
export function setUpSheets(): SetUpResult {
  // The first Set up in a document with no installer and no roles records who ran it as the installer
  // (an owner); anyone later needs a role that may manage settings.
  claimInstaller();
  requirePermission("manage-settings");
  const started = new Date();
  const result = withDocumentLock(() => {
    const lang = userLang();
    // One edit trigger for this user here; the hourly dispatcher while a scheduled feature is on or work
    // is pending (an older version's per-feature triggers are replaced by it).
    ensureEditTrigger();
    syncDispatcher();
    const created: string[] = [];
    let columnsAdded = 0;
    for (const spec of SHEETS) {
      const r = repairSheet(spec, lang);
      if (r.created) created.push(spec.name[lang]);
      columnsAdded += r.columnsAdded;
    }
    // Spot-checks what was recorded as applied (reads only); anything left to do is the job's.
    const pending = planFormats(lang, true).length > 0 || pausedJobs().includes(SETUP_FORMATS_JOB);
    return { created, columnsAdded, pending };
  });
  if (result.created.length || result.columnsAdded) {
    appendJobEntry({
      job: "setup",
      user: currentUser(),
      at: started,
      rows: 0,
      detail: `created ${result.created.join(", ") || "no sheets"}; added ${result.columnsAdded} columns`,
    });
  }
  const { created, columnsAdded } = result;
  if (result.pending && runResumable(setupFormatsJob).status === "paused")
    return { created, columnsAdded, formatsContinue: true };
  return { created, columnsAdded };
}
