import {
  dayOfCell,
  isoOfDay,
  zoneDayFunction,
  type ClassifyOutcome,
  type SummaryRow,
} from "../../core/classify";
import type { Lang } from "../../core/schema/types";
import { spreadsheetTimeZone } from "../platform/locale";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The Segments summary tab, in either language. */
export const SEGMENTS_SHEET = { en: "Segments", "zh-CN": "客户分群汇总" } as const;
/** Hidden tab of weekly segment snapshots, read by the weekly report's migration matrix. */
export const HISTORY_SHEET = "SegmentHistory";
export const HISTORY_HEADERS = ["WeekStart", "CustomerID", "Segment", "R", "F", "M"] as const;
/** Weeks of snapshots kept; older weeks are deleted so the tab stays far below the cell limit. */
export const HISTORY_WEEKS = 26;

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

/** Text the sheet must show as typed: a leading = + - @ would make Sheets read a formula. */
export function asText(value: unknown): unknown {
  return typeof value === "string" && /^[=+\-@]/.test(value) ? `'${value}` : value;
}

/** Grows the tab to at least `rows` rows in one call: ranges past the last row are an error in Apps Script. */
function ensureRows(sheet: Sheet, rows: number): void {
  const max = sheet.getMaxRows();
  if (rows > max) sheet.insertRowsAfter(max, rows - max);
}

/** Rewrites the Segments tab in one block: its data is wholly the add-on's. */
export function writeSegmentSummary(rows: readonly SummaryRow[], lang: Lang): void {
  const { sheet } = findOrInsert([SEGMENTS_SHEET.en, SEGMENTS_SHEET["zh-CN"]], SEGMENTS_SHEET[lang], [
    SUMMARY_HEADERS.en[0],
    SUMMARY_HEADERS["zh-CN"][0],
  ]);
  const values: unknown[][] = [
    [...SUMMARY_HEADERS[lang]],
    ...rows.map((r) => [
      GROUP_LABELS[r.group][lang],
      asText(r.key),
      asText(r.label),
      r.customers,
      r.revenue,
      r.customerShare,
      r.revenueShare,
    ]),
  ];
  sheet.clearContents();
  ensureRows(sheet, values.length);
  sheet.getRange(1, 1, values.length, values[0].length).setValues(values);
}

/** Monday of the ISO week containing `day` (day 0, 1970-01-01, was a Thursday). */
export function weekStartOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

/**
 * Writes this week's snapshot (WeekStart, CustomerID, segment key, R, F, M) to the hidden history tab,
 * replacing rows of the same week, so re-runs within a week leave one snapshot. Snapshots are appended in
 * time order, so this week's rows are always the tail: one read of the WeekStart column finds where it
 * starts, one write replaces it, and weeks older than HISTORY_WEEKS are deleted from the top in one call.
 * WeekStart is stored as text (yyyy-MM-dd) so no locale turns it into a date.
 */
export function writeSegmentSnapshot(outcome: ClassifyOutcome, asOf: number): string {
  const week = weekStartOf(asOf);
  const weekText = isoOfDay(week);
  const { sheet, created } = findOrInsert([HISTORY_SHEET], HISTORY_SHEET, [HISTORY_HEADERS[0]]);
  if (created) {
    sheet.getRange(1, 1, 1, HISTORY_HEADERS.length).setValues([[...HISTORY_HEADERS]]);
    sheet.getRange("A:B").setNumberFormat("@");
    sheet.hideSheet();
  }
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
  const rows = outcome.results.map((r) => [
    weekText,
    asText(r.customerId),
    asText(r.segment.key),
    r.r,
    r.f,
    r.m,
  ]);
  const startRow = keep + 2;
  ensureRows(sheet, startRow + rows.length - 1);
  if (rows.length) sheet.getRange(startRow, 1, rows.length, HISTORY_HEADERS.length).setValues(rows);
  const end = startRow + rows.length;
  if (last >= end) sheet.getRange(end, 1, last - end + 1, HISTORY_HEADERS.length).clearContent();
  const oldest = week - 7 * (HISTORY_WEEKS - 1);
  const expired = weeks.slice(0, keep).filter((d) => Number.isNaN(d) || d < oldest).length;
  if (expired > 0) sheet.deleteRows(2, expired);
  return weekText;
}
