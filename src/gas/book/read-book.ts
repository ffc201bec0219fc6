import { buildBook, type Book, type SheetCells } from "../../core/book";
import { CUSTOMERS, FEEDBACK, INTERACTIONS, ORDERS } from "../../core/schema/sheets";
import type { Lang } from "../../core/schema/types";
import { readSegmentHistory } from "../classify/summary-sheets";
import { ownerDirectoryFrom } from "../platform/guard";
import { spreadsheetTimeZone, userLang } from "../platform/locale";
import { readTable, type TableSnapshot } from "../platform/sheet-table";
import { valueLists } from "../table/settings";

/** The parts of the book a job needs; each is one batched read of its tab. */
export type BookPart = "customers" | "orders" | "interactions" | "feedback" | "history";

export interface ReadBookOptions {
  /** Read Orders' Product, Category and Quantity (default true). */
  readonly details?: boolean;
  /** How typed dates such as 01/03/2025 are read; default the user's language. */
  readonly lang?: Lang;
}

/** The book, and the Customers snapshot a job writes its columns back through (null without the tab). */
export interface BookRead {
  readonly book: Book;
  readonly customers: TableSnapshot | null;
}

const cells = (t: TableSnapshot | null): SheetCells | null =>
  t ? { name: t.sheet.getName(), headers: t.headers, rows: t.rows } : null;

/**
 * The one place the add-on reads its customer data: each needed tab with one getValues (readTable), the
 * SegmentHistory's last two weeks when asked, then the pure builder (src/core/book) turns the cells into
 * the book, in the spreadsheet's time zone. Classification, reminders, the weekly report and analysis all
 * start here.
 */
export function readBook(parts: readonly BookPart[], options: ReadBookOptions = {}): BookRead {
  const want = new Set(parts);
  const customers = want.has("customers") ? readTable(CUSTOMERS) : null;
  const book = buildBook(
    {
      customers: cells(customers),
      orders: want.has("orders") ? cells(readTable(ORDERS)) : null,
      interactions: want.has("interactions") ? cells(readTable(INTERACTIONS)) : null,
      feedback: want.has("feedback") ? cells(readTable(FEEDBACK)) : null,
      history: want.has("history") ? historyCells() : null,
    },
    {
      timeZone: spreadsheetTimeZone(),
      lang: options.lang ?? userLang(),
      details: options.details,
      owners: ownerDirectoryFrom(),
      // The team's dropdown lists: a renamed status or type still means its built-in option.
      valueLists: valueLists(),
    },
  );
  return { book, customers };
}

/** The last two weekly segment snapshots (all the migration matrix compares), as one row per customer. */
function historyCells(): SheetCells | null {
  const history = readSegmentHistory(2);
  return history ? { name: "SegmentHistory", headers: history.headers, rows: history.rows } : null;
}
