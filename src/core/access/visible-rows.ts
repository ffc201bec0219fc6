/**
 * Problem lists (Validate all, analysis' unreadable cells) quote cell values, so they are filtered by the
 * same rule as every other data path: a row is visible when the customer it belongs to is — a Customers row
 * by its own Owner, an Orders, Interactions or Feedback row by the Owner of the customer its CustomerID
 * names. Header problems hold no customer data and are always shown.
 */
import type { Book, BookProblem, EventRows } from "../book/types";
import type { SheetKey } from "../schema/types";
import { ownerTest, type CustomerScope } from "./scope";

/** One canonical sheet as read: its tab name, which sheet it is, its header index and data rows. */
export interface RowSource {
  readonly sheet: string;
  readonly key: SheetKey;
  /** Column key → 0-based index. */
  readonly index: ReadonlyMap<string, number>;
  /** Data rows: row i is sheet row i + 2. */
  readonly rows: readonly (readonly unknown[])[];
}

function cellText(v: unknown): string {
  return String(v ?? "").trim();
}

/**
 * Whether the caller (`scope`) may see sheet row `row` (1-based) of the tab named `sheet`, over the
 * sheets in `sources`. Rows of tabs not listed, and rows naming an unknown customer, are hidden from a
 * restricted caller.
 */
export function visibleRows(
  scope: CustomerScope,
  sources: readonly RowSource[],
): (sheet: string, row: number) => boolean {
  if (scope.kind === "all") return () => true;
  const sees = ownerTest(scope);
  const customers = sources.find((s) => s.key === "Customers");
  // The first row of a repeated CustomerID is the customer, as everywhere else in the book.
  const ownerById = new Map<string, unknown>();
  const idAt = customers?.index.get("CustomerID");
  const ownerAt = customers?.index.get("Owner");
  if (customers && idAt !== undefined) {
    for (const r of customers.rows) {
      const id = cellText(r[idAt]);
      if (id && !ownerById.has(id)) ownerById.set(id, ownerAt === undefined ? "" : r[ownerAt]);
    }
  }
  const bySheet = new Map<string, (row: readonly unknown[]) => boolean>();
  for (const s of sources) {
    if (s.key === "Customers") {
      bySheet.set(s.sheet, (r) => ownerAt !== undefined && sees(r[ownerAt]));
      continue;
    }
    const at = s.index.get("CustomerID");
    bySheet.set(s.sheet, (r) => {
      const id = at === undefined ? "" : cellText(r[at]);
      return ownerById.has(id) && sees(ownerById.get(id));
    });
  }
  return (sheet, row) => {
    if (row < 2) return true;
    const test = bySheet.get(sheet);
    const data = sources.find((s) => s.sheet === sheet)?.rows[row - 2];
    return test !== undefined && data !== undefined && test(data);
  };
}

/** Sheet row → customer index of an event table's lines (only the rows asked for). */
function rowCustomers(lines: EventRows | Book["orders"], rows: ReadonlySet<number>): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i < lines.length; i++) if (rows.has(lines.row[i])) out.set(lines.row[i], lines.customer[i]);
  return out;
}

/**
 * The book's unreadable cells the caller may see: those of rows whose customer `sees` (by customer index),
 * plus header problems. A row whose CustomerID is blank belongs to nobody and is hidden.
 */
export function visibleBookProblems(book: Book, sees: (customer: number) => boolean): BookProblem[] {
  const rowsOf = (sheet: string | null) =>
    new Set(book.problems.filter((p) => p.sheet === sheet && p.row >= 2).map((p) => p.row));
  const orders = rowCustomers(book.orders, rowsOf(book.sheets.orders));
  const interactions = rowCustomers(book.interactions, rowsOf(book.sheets.interactions));
  const feedback = rowCustomers(book.feedback, rowsOf(book.sheets.feedback));
  const customerAt = (p: BookProblem): number => {
    if (p.sheet === book.sheets.customers) return book.customers.rowCustomer[p.row - 2] ?? -1;
    if (p.sheet === book.sheets.orders) return orders.get(p.row) ?? -1;
    if (p.sheet === book.sheets.interactions) return interactions.get(p.row) ?? -1;
    if (p.sheet === book.sheets.feedback) return feedback.get(p.row) ?? -1;
    return -1;
  };
  return book.problems.filter((p) => {
    if (p.row < 2) return true;
    const c = customerAt(p);
    return c >= 0 && sees(c);
  });
}
