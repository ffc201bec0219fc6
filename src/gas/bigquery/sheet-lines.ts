/**
 * The sheet side of the export: reads Orders or Interactions once, stamps the stable line keys
 * (src/core/sql/line-keys.ts) in the add-on's key column, and turns the keyed rows into table records.
 */
import { buildBook, type Book } from "../../core/book";
import { INTERACTIONS, ORDERS } from "../../core/schema/sheets";
import type { SheetSpec } from "../../core/schema/types";
import { LINE_KEY_HEADER, planLineKeys } from "../../core/sql";
import { spreadsheetTimeZone, userLang } from "../platform/locale";
import { readTable, RowsChangedError, type TableSnapshot } from "../platform/sheet-table";
import { writeValues } from "../platform/write-values";
import { interactionRecord, orderLines, type KeyedRecord } from "./export-orders";
import { keyCounter, loadMark, saveMark, type ExportedTable } from "./store";
import type { BigQueryTarget } from "./service";

/** A sheet read once with its keys after stamping. */
export interface KeyedSheet {
  readonly snapshot: TableSnapshot;
  readonly book: Book;
  /** 0-based column of the key column. */
  readonly keyColumn: number;
  /** The key of each data row (row i is sheet row i + 2); 0 for none. */
  readonly keys: readonly number[];
  readonly stamped: number;
}

const SPECS: Readonly<Record<ExportedTable, SheetSpec>> = { orders: ORDERS, interactions: INTERACTIONS };

/**
 * Reads the table's sheet and stamps a key on every readable line that has none (or holds a copied
 * one). The key counter is saved before any key is written, so a run cut between the two never hands
 * the same key out twice (unused numbers are harmless gaps). The keys are written in one range; just
 * before, the key column and the CustomerID column of that range are read again and must be as read at
 * first, else rows were sorted or moved in the meantime and nothing is written (the next run stamps
 * again). Null when the sheet does not exist.
 */
export function stampSheet(table: ExportedTable, target: BigQueryTarget): KeyedSheet | null {
  const spec = SPECS[table];
  const snapshot = readTable(spec);
  if (!snapshot || snapshot.headers.length === 0) return null;
  const book = bookOf(table, snapshot);
  let keyColumn = snapshot.headers.findIndex((h) => String(h).trim() === LINE_KEY_HEADER);
  const width = snapshot.headers.length;
  if (keyColumn < 0) keyColumn = width;
  const cells = snapshot.rows.map((r) => (keyColumn < width ? r[keyColumn] : ""));
  const readable = readableRows(table, book, snapshot.rows.length);
  const plan = planLineKeys(cells, (i) => readable[i] === 1, keyCounter(table));
  if (plan.changed.length === 0) return { snapshot, book, keyColumn, keys: plan.keys, stamped: 0 };
  saveMark(table, target, { ...loadMark(table, target), nextKey: plan.nextKey });
  const sheet = snapshot.sheet;
  if (keyColumn === width) writeValues(sheet.getRange(1, keyColumn + 1, 1, 1), [[LINE_KEY_HEADER]]);
  // Loops, not Math.min(...): a million changed lines are more than a call's arguments can hold.
  let first = plan.changed[0];
  let last = first;
  for (const i of plan.changed) {
    if (i < first) first = i;
    if (i > last) last = i;
  }
  const idAt = snapshot.map.index.get("CustomerID");
  const span = last - first + 1;
  if (sheet.getLastRow() !== snapshot.rows.length + 1) throw new RowsChangedError(sheet.getName(), first + 2);
  if (keyColumn < width) {
    const now = sheet.getRange(first + 2, keyColumn + 1, span, 1).getValues();
    if (now.some((r, k) => String(r[0]) !== String(cells[first + k])))
      throw new RowsChangedError(sheet.getName(), first + 2);
  }
  if (idAt !== undefined) {
    const now = sheet.getRange(first + 2, idAt + 1, span, 1).getValues();
    if (now.some((r, k) => String(r[0]) !== String(snapshot.rows[first + k][idAt])))
      throw new RowsChangedError(sheet.getName(), first + 2);
  }
  writeValues(
    sheet.getRange(first + 2, keyColumn + 1, span, 1),
    plan.keys.slice(first, last + 1).map((k) => [k > 0 ? k : ""]),
  );
  return { snapshot, book, keyColumn, keys: plan.keys, stamped: plan.changed.length };
}

/** The sheet read as the book reads it (days in the spreadsheet's zone, typed dates too). */
export function bookOf(table: ExportedTable, snapshot: TableSnapshot): Book {
  const cells = { name: snapshot.sheet.getName(), headers: snapshot.headers, rows: snapshot.rows };
  return buildBook(table === "orders" ? { orders: cells } : { interactions: cells }, {
    timeZone: spreadsheetTimeZone(),
    lang: userLang(),
    details: false,
  });
}

/** 1 for each data row the table would hold: a CustomerID, a readable date (and amount, for orders). */
function readableRows(table: ExportedTable, book: Book, rows: number): Uint8Array {
  const out = new Uint8Array(rows);
  if (table === "orders") {
    const o = book.orders;
    for (let i = 0; i < o.length; i++)
      if (o.customer[i] >= 0 && Number.isFinite(o.day[i]) && Number.isFinite(o.amount[i]))
        out[o.row[i] - 2] = 1;
  } else {
    const t = book.interactions;
    for (let i = 0; i < t.length; i++)
      if (t.customer[i] >= 0 && Number.isFinite(t.day[i])) out[t.row[i] - 2] = 1;
  }
  return out;
}

/** The keyed sheet's lines as records of its table. */
export function keyedRecords(table: ExportedTable, keyed: KeyedSheet): KeyedRecord[] {
  const { book, keys, snapshot } = keyed;
  if (table === "orders") return orderLines(book, (i) => keys[book.orders.row[i] - 2] ?? 0);
  const t = book.interactions;
  const at = (key: string) => snapshot.map.index.get(key);
  const cell = (row: readonly unknown[], key: string) => {
    const i = at(key);
    return i === undefined ? "" : row[i];
  };
  const out: KeyedRecord[] = [];
  for (let i = 0; i < t.length; i++) {
    const row = snapshot.rows[t.row[i] - 2];
    const c = t.customer[i];
    const r = interactionRecord(keys[t.row[i] - 2] ?? 0, c >= 0 ? book.customers.ids[c] : "", t.day[i], {
      channel: cell(row, "Channel"),
      type: cell(row, "Type"),
      owner: cell(row, "Owner"),
    });
    if (r) out.push(r);
  }
  return out;
}
