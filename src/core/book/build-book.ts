import type { OwnerDirectory } from "../access/owner-names";
import { columnDayReaders } from "../calendar";
import type { Lang } from "../schema/types";
import type { ValueLists } from "../table/validate/value-lists";
import { FingerprintIndex } from "./fingerprint-index";
import { customerTable, indexCustomers } from "./read-customers";
import { readFeedback, readHistory, readInteractions } from "./read-contacts";
import { emptyOrders, readOrders } from "./read-orders";
import type { Book, BookProblem, SheetCells } from "./types";

/** The sheets a book is read from, each as getValues returned it; null or absent when the tab is missing. */
export interface BookSheets {
  readonly customers?: SheetCells | null;
  readonly orders?: SheetCells | null;
  readonly interactions?: SheetCells | null;
  readonly feedback?: SheetCells | null;
  /** The hidden SegmentHistory tab (classification's weekly snapshots). */
  readonly history?: SheetCells | null;
}

export interface BookOptions {
  /** The spreadsheet's zone: Date cells become calendar days there (never the script's zone). */
  readonly timeZone: string;
  /**
   * How a typed 01/03/2025 is read when its column proves no order: "en" month first, "zh-CN" day first.
   * Default "en". A column whose texts prove one order (13/01/2025 day first) is read all in it.
   */
  readonly lang?: Lang;
  /** Read Orders' Product and Category and check Quantity (default true; classification needs none). */
  readonly details?: boolean;
  /**
   * Members' display names: an Owner cell naming one (王经理) stands for the member's e-mail
   * (core/access/owner-names.ts). Without it only e-mail Owner cells name anyone.
   */
  readonly owners?: OwnerDirectory;
  /**
   * The team's dropdown lists ("Customers.CustomerType" → values, core/table/validate/value-lists.ts): a
   * listed value reads as the built-in option it means (重点客户 meaning `vip` is a VIP), so reminders,
   * classification and reports understand renamed values. Without it only the built-in options are read.
   */
  readonly valueLists?: ValueLists;
}

/**
 * Reads the customer data of a spreadsheet into one {@link Book}: every cell the features use is parsed
 * once here — dates as Date objects, serial numbers or typed text, amounts as numbers or typed text — in
 * whatever row order the sheets are. Unreadable cells are kept as marked values (see the tables) and
 * listed in `problems` with sheet, row, column, value and why; nothing is thrown.
 */
export function buildBook(sheets: BookSheets, options: BookOptions): Book {
  const problems: BookProblem[] = [];
  // One reading per date column: each column's texts decide its day/month order (core/calendar/date-order.ts).
  const dates = columnDayReaders(options.timeZone, options.lang ?? "en");
  const ids = new FingerprintIndex(sheets.customers?.rows.length ?? 1024);
  const customerRows = indexCustomers(sheets.customers ?? null, ids, problems);
  const orders = sheets.orders
    ? readOrders(sheets.orders, ids, dates, options.details ?? true, problems, options.valueLists)
    : emptyOrders();
  const reading = { customers: ids, dates, problems };
  const interactions = readInteractions(sheets.interactions ?? null, reading);
  const feedback = readFeedback(sheets.feedback ?? null, reading);
  const customers = customerTable(customerRows, ids, dates, problems, options.owners, options.valueLists);
  // The latest contact: the LastInteraction column raised by every dated Interactions row.
  const last = customers.lastContact;
  for (let i = 0; i < interactions.length; i++) {
    const c = interactions.customer[i];
    const d = interactions.day[i];
    if (c >= 0 && d === d && !(d <= last[c])) last[c] = d;
  }
  return {
    timeZone: options.timeZone,
    customers,
    orders,
    interactions,
    feedback,
    history: readHistory(sheets.history ?? null, dates),
    sheets: {
      customers: sheets.customers?.name ?? null,
      orders: sheets.orders?.name ?? null,
      interactions: sheets.interactions?.name ?? null,
      feedback: sheets.feedback?.name ?? null,
    },
    problems: bySheetAndRow(problems),
  };
}

/** Problems grouped by sheet (in the order first met) and by row; a row's own problems keep column order. */
function bySheetAndRow(problems: BookProblem[]): BookProblem[] {
  const sheets = [...new Set(problems.map((p) => p.sheet))];
  const rank = new Map(sheets.map((s, i) => [s, i]));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank.get(a.p.sheet)! - rank.get(b.p.sheet)! || a.p.row - b.p.row || a.i - b.i)
    .map(({ p }) => p);
}
