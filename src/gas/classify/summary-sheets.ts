import { writeValues } from "../platform/write-values";
import {
  dayOfCell,
  isoOfDay,
  zoneDayFunction,
  type ClassifyOutcome,
  type SummaryRow,
} from "../../core/classify";
import type { Lang } from "../../core/schema/types";
import { spreadsheetTimeZone } from "../platform/locale";
import { trimGrid } from "../platform/tab-grid";
import { systemTabNames } from "../../core/schema/system-tabs";
import { systemTabNameToCreate } from "../platform/system-tabs";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The Segments summary tab, in either language. */
export const SEGMENTS_SHEET = { en: "Segments", "zh-CN": "客户分群汇总" } as const;
/**
 * Hidden tab of weekly segment snapshots (SegmentHistory / 分群历史: core/schema/system-tabs.ts), read by the weekly report's migration matrix. One compact row per
 * part of a week: WeekStart, Part, and a Segments cell packing "CustomerID<TAB>segment" lines (under
 * Sheets' 50,000 characters a cell), so a week of 100,000 customers takes ~60 rows × 3 cells instead of
 * 100,000 × 6 (26 weeks of those would be 15.6M cells, past the 10M a spreadsheet holds). Tabs written
 * one row per customer (WeekStart, CustomerID, Segment, R, F, M) by earlier versions are still read, and
 * converted at the next snapshot.
 */
export const HISTORY_HEADERS = ["WeekStart", "Part", "Segments"] as const;
/** Weeks of snapshots kept; older weeks are deleted from the top. */
export const HISTORY_WEEKS = 26;
const HISTORY_PREFIX = "v1;";
const HISTORY_CELL_CHARS = 45_000;
/** One customer's segment in one week's snapshot. */
export interface HistoryEntry {
  readonly weekStart: string;
  readonly customerId: string;
  readonly segment: string;
}

const SUMMARY_HEADERS: Readonly<Record<Lang, readonly string[]>> = {
  en: ["Group", "Key", "Label", "Customers", "Revenue", "Customer share", "Revenue share"],
  "zh-CN": ["分组", "键", "名称", "客户数", "收入", "客户占比", "收入占比"],
};
const GROUP_LABELS: Readonly<Record<SummaryRow["group"], Readonly<Record<Lang, string>>>> = {
  segment: { en: "Segment", "zh-CN": "客户分群" },
  abc: { en: "ABC class", "zh-CN": "ABC分类" },
  lifecycle: { en: "Lifecycle", "zh-CN": "生命周期" },
};

/**
 * The add-on's tab among `names`, recognised by its first header cell (a user's own tab of the same name is
 * never overwritten: a free name with " (CRM)" is used instead), or a new one named `create`.
 */
function findOrInsert(
  names: readonly string[],
  create: string,
  firstHeaders: readonly string[],
): { sheet: Sheet; created: boolean } {
  const ss = SpreadsheetApp.getActive();
  const candidates = [...names, ...names.map((n) => `${n} (CRM)`)];
  for (const name of candidates) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) continue;
    const a1 = sheet.getLastRow() === 0 ? "" : String(sheet.getRange(1, 1).getValue());
    if (a1 === "" || firstHeaders.includes(a1)) return { sheet, created: false };
  }
  const name = ss.getSheetByName(create) ? `${create} (CRM)` : create;
  return { sheet: ss.insertSheet(name), created: true };
}

/** Grows the tab to at least `rows` rows in one call: ranges past the last row are an error in Apps Script. */
function ensureRows(sheet: Sheet, rows: number): void {
  const max = sheet.getMaxRows();
  if (rows > max) sheet.insertRowsAfter(max, rows - max);
}

/** Rewrites the Segments tab in one block: its data is wholly the add-on's. */
export function writeSegmentSummary(rows: readonly SummaryRow[], lang: Lang): void {
  const { sheet, created } = findOrInsert(
    [SEGMENTS_SHEET.en, SEGMENTS_SHEET["zh-CN"]],
    SEGMENTS_SHEET[lang],
    [SUMMARY_HEADERS.en[0], SUMMARY_HEADERS["zh-CN"][0]],
  );
  const values: unknown[][] = [
    [...SUMMARY_HEADERS[lang]],
    ...rows.map((r) => [
      GROUP_LABELS[r.group][lang],
      r.key,
      r.label,
      r.customers,
      r.revenue,
      r.customerShare,
      r.revenueShare,
    ]),
  ];
  sheet.clearContents();
  if (created) trimGrid(sheet, values.length, values[0].length);
  ensureRows(sheet, values.length);
  writeValues(sheet.getRange(1, 1, values.length, values[0].length), values);
}

/** Monday of the ISO week containing `day` (day 0, 1970-01-01, was a Thursday). */
export function weekStartOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** Compact rows for one week: [WeekStart, part, "v1;id<TAB>segment\n…"], each cell under the cell limit. */
export function packWeek(
  weekText: string,
  entries: readonly { customerId: string; segment: string }[],
): unknown[][] {
  const rows: unknown[][] = [];
  let cell = "";
  const flush = () => {
    if (cell) rows.push([weekText, rows.length + 1, HISTORY_PREFIX + cell]);
    cell = "";
  };
  for (const e of entries) {
    const line = `${e.customerId.replace(/[\t\n]/g, " ")}\t${e.segment.replace(/[\t\n]/g, " ")}`;
    if (cell && cell.length + line.length + 1 + HISTORY_PREFIX.length > HISTORY_CELL_CHARS) flush();
    cell += (cell ? "\n" : "") + line;
  }
  flush();
  return rows;
}

/** The entries of compact rows (rows of other shapes are skipped). */
export function unpackRows(
  rows: readonly (readonly unknown[])[],
  weekOf: (v: unknown) => string,
): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const r of rows) {
    const text = String(r[2] ?? "");
    const weekStart = weekOf(r[0]);
    if (!weekStart || !text.startsWith(HISTORY_PREFIX)) continue;
    for (const line of text.slice(HISTORY_PREFIX.length).split("\n")) {
      const tab = line.indexOf("\t");
      if (tab > 0) out.push({ weekStart, customerId: line.slice(0, tab), segment: line.slice(tab + 1) });
    }
  }
  return out;
}

/** Whether the tab holds the old one-row-per-customer layout (B1 is "CustomerID"). */
function isLegacy(sheet: Sheet): boolean {
  return sheet.getLastColumn() >= 2 && String(sheet.getRange(1, 2).getValue()) === "CustomerID";
}

/** A cell's week as yyyy-MM-dd (text or date cells, in the spreadsheet's zone), or "". */
function weekReader(): (v: unknown) => string {
  const zoneDay = zoneDayFunction(spreadsheetTimeZone());
  return (v) => {
    const d = dayOfCell(v, zoneDay);
    return Number.isNaN(d) ? "" : isoOfDay(d);
  };
}

/** Rewrites an old one-row-per-customer tab as compact rows (once), trimming its grid. */
function convertLegacy(sheet: Sheet): void {
  const last = sheet.getLastRow();
  const weekOf = weekReader();
  const values = last > 1 ? sheet.getRange(2, 1, last - 1, 3).getValues() : [];
  const byWeek = new Map<string, { customerId: string; segment: string }[]>();
  for (const r of values) {
    const week = weekOf(r[0]);
    const id = String(r[1] ?? "").trim();
    if (!week || !id) continue;
    if (!byWeek.has(week)) byWeek.set(week, []);
    byWeek.get(week)!.push({ customerId: id, segment: String(r[2] ?? "") });
  }
  const rows = [...byWeek.keys()].sort().flatMap((w) => packWeek(w, byWeek.get(w)!));
  sheet.clearContents();
  writeValues(sheet.getRange(1, 1, 1 + rows.length, HISTORY_HEADERS.length), [[...HISTORY_HEADERS], ...rows]);
  trimGrid(sheet, 1 + rows.length, HISTORY_HEADERS.length);
}

/**
 * Writes this week's snapshot (customer ID and segment key, packed into compact rows) to the hidden
 * history tab, replacing rows of the same week, so re-runs within a week leave one snapshot. Snapshots
 * are appended in time order, so this week's rows are always the tail: one read of the WeekStart column
 * finds where it starts, one write replaces it, and weeks older than HISTORY_WEEKS are deleted from the
 * top in one call. WeekStart is stored as text (yyyy-MM-dd) so no locale turns it into a date.
 */
export function writeSegmentSnapshot(outcome: ClassifyOutcome, asOf: number): string {
  const week = weekStartOf(asOf);
  const weekText = isoOfDay(week);
  const { sheet, created } = findOrInsert(systemTabNames("history"), systemTabNameToCreate("history"), [
    HISTORY_HEADERS[0],
  ]);
  if (created) {
    trimGrid(sheet, 2, HISTORY_HEADERS.length);
    sheet.getRange(1, 1, 1, HISTORY_HEADERS.length).setValues([[...HISTORY_HEADERS]]);
    sheet.getRange("A:A").setNumberFormat("@");
    sheet.hideSheet();
  } else if (isLegacy(sheet)) convertLegacy(sheet);
  const zoneDay = zoneDayFunction(spreadsheetTimeZone());
  const last = sheet.getLastRow();
  const weeks =
    last > 1
      ? sheet
          .getRange(2, 1, last - 1, 1)
          .getValues()
          .map((r) => dayOfCell(r[0], zoneDay))
      : [];
  let keep = weeks.findIndex((d) => !(d < week));
  if (keep < 0) keep = weeks.length;
  const rows = packWeek(
    weekText,
    outcome.results.map((r) => ({ customerId: String(r.customerId), segment: String(r.segment.key) })),
  );
  const startRow = keep + 2;
  ensureRows(sheet, startRow + rows.length - 1);
  if (rows.length) writeValues(sheet.getRange(startRow, 1, rows.length, HISTORY_HEADERS.length), rows);
  const end = startRow + rows.length;
  if (last >= end) sheet.getRange(end, 1, last - end + 1, HISTORY_HEADERS.length).clearContent();
  const oldest = week - 7 * (HISTORY_WEEKS - 1);
  const expired = weeks.slice(0, keep).filter((d) => Number.isNaN(d) || d < oldest).length;
  if (expired > 0) sheet.deleteRows(2, expired);
  return weekText;
}

/**
 * The history tab under either name, as writeSegmentSnapshot finds it (its own, or " (CRM)" beside a user's
 * tab of the same name), or null when there is none yet.
 */
function historySheet(): Sheet | null {
  const ss = SpreadsheetApp.getActive();
  const names = systemTabNames("history");
  for (const name of [...names, ...names.map((n) => `${n} (CRM)`)]) {
    const sheet = ss.getSheetByName(name);
    if (sheet && (sheet.getLastRow() === 0 || String(sheet.getRange(1, 1).getValue()) === HISTORY_HEADERS[0]))
      return sheet;
  }
  return null;
}

/**
 * The last `weeks` snapshots as one row per customer and week (WeekStart, CustomerID, Segment), as the
 * weekly report reads them: the WeekStart column first, then only the rows of those weeks. Reads the old
 * one-row-per-customer layout too. Undefined when there is no history tab.
 */
export function readSegmentHistory(
  weeks = 2,
): { headers: readonly string[]; rows: readonly (readonly unknown[])[] } | undefined {
  const sheet = historySheet();
  if (!sheet || sheet.getLastRow() < 1 || sheet.getLastColumn() < 1) return undefined;
  const headers = ["WeekStart", "CustomerID", "Segment"];
  const last = sheet.getLastRow();
  if (last < 2) return { headers, rows: [] };
  const weekOf = weekReader();
  const column = sheet
    .getRange(2, 1, last - 1, 1)
    .getValues()
    .map((r) => weekOf(r[0]));
  const wanted = new Set([...new Set(column.filter((w) => w !== ""))].sort().slice(-weeks));
  const first = column.findIndex((w) => wanted.has(w));
  if (first < 0) return { headers, rows: [] };
  const legacy = isLegacy(sheet);
  const values = sheet
    .getRange(first + 2, 1, last - 1 - first, legacy ? 3 : HISTORY_HEADERS.length)
    .getValues();
  if (legacy)
    return {
      headers,
      rows: values.filter((r) => wanted.has(weekOf(r[0]))).map((r) => [weekOf(r[0]), r[1], r[2]]),
    };
  return {
    headers,
    rows: unpackRows(values, weekOf)
      .filter((e) => wanted.has(e.weekStart))
      .map((e) => [e.weekStart, e.customerId, e.segment]),
  };
}

/** Customer `id`'s entries in every snapshot kept (for a privacy export), oldest first. */
export function segmentHistoryOf(id: string): HistoryEntry[] {
  const history = readSegmentHistory(HISTORY_WEEKS);
  if (!history) return [];
  return history.rows
    .filter((r) => String(r[1]) === id)
    .map((r) => ({ weekStart: String(r[0]), customerId: id, segment: String(r[2]) }));
}

/**
 * Removes customer `id` from every snapshot (an erasure: src/gas/trust/privacy-erase.ts): their line leaves
 * each packed cell, which is rewritten only when it held one; rows of the old layout are emptied (the next
 * snapshot's conversion skips them). One read of the Segments column, one write per changed cell.
 * Returns the entries removed.
 */
export function dropFromSegmentHistory(id: string): number {
  const sheet = historySheet();
  const last = sheet ? sheet.getLastRow() : 0;
  if (!sheet || last < 2) return 0;
  if (isLegacy(sheet)) {
    const ids = sheet.getRange(2, 2, last - 1, 1).getValues();
    const rows = ids.flatMap(([v], i) => (String(v ?? "").trim() === id ? [i + 2] : []));
    for (const row of rows) sheet.getRange(row, 1, 1, sheet.getLastColumn()).clearContent();
    return rows.length;
  }
  let removed = 0;
  sheet
    .getRange(2, 3, last - 1, 1)
    .getValues()
    .forEach(([v], i) => {
      const text = String(v ?? "");
      if (!text.startsWith(HISTORY_PREFIX)) return;
      const lines = text.slice(HISTORY_PREFIX.length).split("\n");
      const kept = lines.filter((line) => {
        const tab = line.indexOf("\t");
        return tab < 0 || line.slice(0, tab) !== id;
      });
      if (kept.length === lines.length) return;
      removed += lines.length - kept.length;
      writeValues(sheet.getRange(i + 2, 3), [[HISTORY_PREFIX + kept.join("\n")]]);
    });
  return removed;
}
