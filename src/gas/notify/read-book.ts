import { bookFromTables, type NotifyBook, type RawTable } from "../../core/notify/book";
import type { DateKey } from "../../core/notify/calendar";
import { CUSTOMERS, INTERACTIONS, ORDERS } from "../../core/schema/sheets";
import { isoDate, parseDate } from "../../core/table/parse/date";
import { readTable } from "../platform/sheet-table";

/** The hidden weekly segment snapshots written by classification. */
export const HISTORY_SHEET = "SegmentHistory";

/** Reads cells as calendar days in the spreadsheet's zone (Date cells included), never the script's. */
export function dateReader(zone: string): (value: unknown) => DateKey | undefined {
  return (value) => {
    const r = parseDate(value, { timeZone: zone });
    return r.ok ? isoDate(r.value) : undefined;
  };
}

function raw(
  table: { headers: readonly unknown[]; rows: readonly (readonly unknown[])[] } | null,
): RawTable | undefined {
  return table ? { headers: table.headers, rows: table.rows } : undefined;
}

/** Customers, Orders, Interactions and SegmentHistory, one getValues each. */
export function readNotifyBook(zone: string): {
  book: NotifyBook;
  customersSheet: GoogleAppsScript.Spreadsheet.Sheet | null;
} {
  const customers = readTable(CUSTOMERS);
  const historySheet = SpreadsheetApp.getActive().getSheetByName(HISTORY_SHEET);
  let history: RawTable | undefined;
  if (historySheet && historySheet.getLastRow() > 0 && historySheet.getLastColumn() > 0) {
    const values = historySheet
      .getRange(1, 1, historySheet.getLastRow(), historySheet.getLastColumn())
      .getValues();
    history = { headers: values[0], rows: values.slice(1) };
  }
  const book = bookFromTables(
    {
      customers: raw(customers),
      orders: raw(readTable(ORDERS)),
      interactions: raw(readTable(INTERACTIONS)),
      history,
    },
    dateReader(zone),
  );
  return { book, customersSheet: customers?.sheet ?? null };
}
