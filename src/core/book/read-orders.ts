import type { ColumnDayReader } from "../calendar";
import { ORDERS } from "../schema/sheets";
import { listId, type ValueLists } from "../table/validate/value-lists";
import {
  amountOfCell,
  cellText,
  enumReader,
  isBlankCell,
  isBlankRow,
  isRefundText,
  textOfCell,
} from "./cells";
import { columnsOf, firstEntries } from "./arena";
import { FingerprintIndex } from "./fingerprint-index";
import { cellProblem, dateProblem, sheetColumns } from "./sheet-columns";
import { PAYMENT, type BookProblem, type OrderLines, type PaymentCode, type SheetCells } from "./types";

const PAYMENT_OF_KEY: Readonly<Record<string, PaymentCode>> = {
  paid: PAYMENT.paid,
  due: PAYMENT.due,
  overdue: PAYMENT.overdue,
};

/** An order table with no lines (no Orders sheet). */
export function emptyOrders(): OrderLines {
  return {
    length: 0,
    row: new Int32Array(0),
    customer: new Int32Array(0),
    day: new Float64Array(0),
    amount: new Float64Array(0),
    order: new Int32Array(0),
    orderIds: [],
    product: null,
    products: [],
    category: null,
    categories: [],
    payment: null,
    dueDay: null,
    refund: new Uint8Array(0),
    columns: new Map(),
  };
}

/**
 * One pass over the Orders rows into typed columns sized once (then trimmed to the non-blank rows by
 * views, not copies). Per line it reads the cells it needs, in any row order and any cell type (Date
 * objects, serial numbers, typed dates; numbers or typed amounts); unknown CustomerIDs join `customers`.
 * Problems per line, in column order: blank CustomerID, blank or unreadable OrderDate and Amount,
 * unreadable Quantity (checked, not kept), DueDate and PaymentStatus. `details` false skips Product,
 * Category and Quantity.
 * PaymentStatus reads through the team's list in `lists` when it has one (a value → the state it means).
 * OrderDate and DueDate are each read in one day/month order, the one their texts prove (`dates`); a
 * date contradicting its column's order is reported as unreadable, with the reason "date-order".
 */
export function readOrders(
  sheet: SheetCells,
  customers: FingerprintIndex,
  dates: (rows: SheetCells["rows"], column: number) => ColumnDayReader,
  details: boolean,
  problems: BookProblem[],
  lists: ValueLists = {},
): OrderLines {
  const columns = sheetColumns(ORDERS, sheet, problems);
  const idCol = columns.at("CustomerID");
  const dateCol = columns.at("OrderDate");
  const amountCol = columns.at("Amount");
  const orderCol = columns.at("OrderID");
  const payCol = columns.at("PaymentStatus");
  const dueCol = columns.at("DueDate");
  const productCol = details ? columns.at("Product") : -1;
  const categoryCol = details ? columns.at("Category") : -1;
  const quantityCol = details ? columns.at("Quantity") : -1;
  const rows = sheet.rows;
  const n = rows.length;
  const orderDates = dates(rows, dateCol);
  const dueDates = dates(rows, dueCol);
  const dayOf = orderDates.dayOf;
  const dueOf = dueDates.dayOf;
  // One buffer for every column, and only the columns the sheet has and the caller reads: each is
  // megabytes at a million lines (see columnsOf for why one buffer).
  const has = (col: number) => (col >= 0 ? n : 0);
  const c = columnsOf({
    customer: ["i32", n],
    day: ["f64", n],
    amount: ["f64", n],
    order: ["i32", n],
    product: ["i32", has(productCol)],
    category: ["i32", has(categoryCol)],
    payment: ["u8", has(payCol)],
    dueDay: ["f64", has(dueCol)],
    refund: ["u8", n],
  });
  const { customer, day, amount, order, refund } = c;
  // Sheet rows of the lines: none kept while line k is row k + 2 (no blank row skipped yet), the common
  // case, where the lines' rows cost no memory unless read (see linesWithRows).
  let row: Int32Array | null = null;
  const product = productCol >= 0 ? c.product : null;
  const category = categoryCol >= 0 ? c.category : null;
  const payment = payCol >= 0 ? c.payment : null;
  const dueDay = dueCol >= 0 ? c.dueDay : null;
  // OrderIDs are matched by fingerprint alone: a million lines over a few hundred thousand orders would
  // otherwise read a stored ID, far away in memory, per line (see FingerprintIndex for the odds). Sized
  // once for orders of two lines on average: growing it would leave the smaller table behind as garbage.
  // Kept as code units, not the cells' strings: see CompactTexts.
  const orderIds = new FingerprintIndex(n / 2, false, true);
  const products = new FingerprintIndex();
  const categories = new FingerprintIndex();
  const paymentOf = enumReader(
    ORDERS.columns.find((c) => c.key === "PaymentStatus"),
    lists[listId("Orders", "PaymentStatus")],
  );
  const bad = (i: number, col: number, key: string, value: unknown, why: BookProblem["why"]) =>
    problems.push(cellProblem(sheet, i, col, key, cellText(value), why));
  // The previous row's ID cells and what they gave: an order's lines repeat them, and comparing a cell with
  // the one before is cheaper than trimming and hashing it.
  let lastIdCell: unknown = undefined;
  let lastCustomer = -1;
  let lastOrderCell: unknown = undefined;
  let lastOrder = -1;
  let used = 0;
  for (let i = 0; i < n; i++) {
    const cells = rows[i];
    const idCell = idCol >= 0 ? cells[idCol] : undefined;
    let c: number;
    if (idCell === lastIdCell && lastCustomer >= 0) c = lastCustomer;
    else {
      const id = textOfCell(idCell);
      if (id === "") {
        if (isBlankRow(cells)) {
          row ??= rowsSoFar(n, used);
          continue;
        }
        c = -1;
        if (idCol >= 0) bad(i, idCol, "CustomerID", idCell, "required");
      } else c = customers.id(id);
      lastIdCell = idCell;
      lastCustomer = c;
    }
    if (row !== null) row[used] = i + 2;
    customer[used] = c;
    if (dateCol >= 0) {
      const cell = cells[dateCol];
      const d = dayOf(cell);
      day[used] = d;
      if (d !== d) {
        if (isBlankCell(cell)) bad(i, dateCol, "OrderDate", cell, "required");
        else problems.push(dateProblem(sheet, i, dateCol, "OrderDate", cell, orderDates));
      }
    } else day[used] = NaN;
    if (amountCol >= 0) {
      const cell = cells[amountCol];
      const a = typeof cell === "number" ? (Number.isFinite(cell) ? cell : NaN) : amountOfCell(cell);
      amount[used] = a;
      if (a !== a) bad(i, amountCol, "Amount", cell, isBlankCell(cell) ? "required" : "amount");
      else if (a < 0) refund[used] = 1;
    } else amount[used] = NaN;
    if (orderCol >= 0) {
      const cell = cells[orderCol];
      if (cell !== lastOrderCell) {
        const id = textOfCell(cell);
        lastOrder = id === "" ? -1 : orderIds.id(id);
        lastOrderCell = cell;
      }
      order[used] = lastOrder;
    } else order[used] = -1;
    if (product !== null) {
      const p = textOfCell(cells[productCol]);
      product[used] = p === "" ? -1 : products.id(p);
    }
    if (category !== null) {
      const k = textOfCell(cells[categoryCol]);
      category[used] = k === "" ? -1 : categories.id(k);
    }
    if (quantityCol >= 0) {
      // Checked, not kept: no feature reads a line's quantity, and a million of them would be 8 MB of
      // fresh memory to fill.
      const cell = cells[quantityCol];
      if (!isBlankCell(cell) && amountOfCell(cell) !== amountOfCell(cell))
        bad(i, quantityCol, "Quantity", cell, "number");
    }
    if (dueDay !== null) {
      const cell = cells[dueCol];
      const d = isBlankCell(cell) ? NaN : dueOf(cell);
      dueDay[used] = d;
      if (d !== d && !isBlankCell(cell))
        problems.push(dateProblem(sheet, i, dueCol, "DueDate", cell, dueDates));
    }
    if (payment !== null) {
      const cell = cells[payCol];
      if (isBlankCell(cell)) payment[used] = PAYMENT.none;
      else {
        const read = paymentOf(cell);
        let code: PaymentCode = read.known ? PAYMENT_OF_KEY[read.key] : PAYMENT.unreadable;
        if (code === PAYMENT.unreadable && isRefundText(cell)) code = PAYMENT.refunded;
        // A value of the team's list without a meaning names no state, yet the team allowed it: not a problem.
        if (code === PAYMENT.unreadable && !read.listed) bad(i, payCol, "PaymentStatus", cell, "enum");
        if (code === PAYMENT.refunded) refund[used] = 1;
        payment[used] = code;
      }
    }
    used++;
  }
  return linesWithRows(
    {
      length: used,
      ...firstEntries({ customer, day, amount, order, product, category, payment, dueDay, refund }, used),
      orderIds: orderIds.list,
      products: products.names,
      categories: categories.names,
      columns: columns.index,
    },
    row && row.subarray(0, used),
  );
}

/** A column for `n` lines whose first `used` are sheet rows 2, 3, … (the rest to be written). */
function rowsSoFar(n: number, used: number): Int32Array {
  const row = new Int32Array(n);
  for (let k = 0; k < used; k++) row[k] = k + 2;
  return row;
}

/**
 * The lines with their `row` column: `row` itself, or when null (line k is sheet row k + 2) that column
 * made on first read. The analyses never read it, and a million lines of it is 4 MB of fresh memory.
 */
function linesWithRows(lines: Omit<OrderLines, "row">, row: Int32Array | null): OrderLines {
  if (row !== null) return { ...lines, row };
  let made: Int32Array | null = null;
  return Object.defineProperty(lines as OrderLines, "row", {
    enumerable: true,
    get: () => (made ??= rowsSoFar(lines.length, lines.length)),
  });
}
