import { PAYMENT, type Book, type PaymentCode } from "../book";
import { monthIndexOfDay } from "../calendar";
import type { OrderLine } from "./types";

/**
 * Order lines in columns, with every string replaced by a small integer. All analyses of one run share one
 * table, so 1,000,000 lines are hashed once and the rest is typed-array loops.
 */
export interface OrderTable {
  readonly length: number;
  readonly day: Int32Array;
  /** Month ordinal (src/core/calendar monthIndexOfDay) of each line. */
  readonly month: Int32Array;
  readonly amount: Float64Array;
  readonly quantity: Float64Array;
  /** Index into `customers`. */
  readonly customer: Int32Array;
  /** Index of the line's order: OrderID, or customer + day when OrderID is blank. */
  readonly order: Int32Array;
  /** Index into `products`; −1 when blank. */
  readonly product: Int32Array;
  /** Index into `categories`; −1 when blank. */
  readonly category: Int32Array;
  readonly customers: readonly string[];
  readonly products: readonly string[];
  readonly categories: readonly string[];
  readonly orderCount: number;
  /** PaymentStatus per line, a PAYMENT code (src/core/book); null when no line has one. */
  readonly payment: Uint8Array | null;
  /** Day number the payment is due; NaN when none. Null when no line has one. */
  readonly dueDay: Float64Array | null;
  /** 1 for a refund (a negative amount or a refund status): never an overdue payment. */
  readonly refund: Uint8Array;
}

/** String → dense id. Remembers the previous string: an order's lines repeat customer and order back to back. */
function interner(): { id(s: string): number; names: string[] } {
  const ids = new Map<string, number>();
  const names: string[] = [];
  let last = "";
  let lastId = -1;
  return {
    names,
    id(s: string): number {
      if (s === last && lastId >= 0) return lastId;
      let i = ids.get(s);
      if (i === undefined) {
        i = names.length;
        ids.set(s, i);
        names.push(s);
      }
      last = s;
      lastId = i;
      return i;
    },
  };
}

/** The per-line columns of an OrderTable, sized once for `n` lines. */
type LineColumns = Pick<
  OrderTable,
  | "length"
  | "day"
  | "month"
  | "amount"
  | "quantity"
  | "customer"
  | "order"
  | "product"
  | "category"
  | "refund"
>;

function lineColumns(n: number): LineColumns {
  return {
    length: n,
    day: new Int32Array(n),
    month: new Int32Array(n),
    amount: new Float64Array(n),
    quantity: new Float64Array(n),
    customer: new Int32Array(n),
    order: new Int32Array(n),
    product: new Int32Array(n),
    category: new Int32Array(n),
    refund: new Uint8Array(n),
  };
}

const PAYMENT_OF: Readonly<Record<string, PaymentCode>> = {
  paid: PAYMENT.paid,
  due: PAYMENT.due,
  overdue: PAYMENT.overdue,
};

/**
 * Encodes parsed order lines (any order) into an OrderTable, for lines held in memory (tests, tools); the
 * add-on's sheets come through the book ({@link orderTableOf}). Blank product/category become −1.
 */
export function encodeOrders(lines: readonly OrderLine[]): OrderTable {
  const n = lines.length;
  const columns = lineColumns(n);
  const { day, month, amount, quantity, customer, order, product, category, refund } = columns;
  const payment = new Uint8Array(n);
  const dueDay = new Float64Array(n).fill(NaN);
  const customers = interner();
  const products = interner();
  const categories = interner();
  // OrderIDs and the customer-day stand-ins get ids from one counter but separate maps, so no key needs
  // building (string concatenation per line is the costliest part of encoding).
  const orderIds = new Map<string, number>();
  const standIns = new Map<string, Map<number, number>>();
  let orderCount = 0;
  let lastOrderId = "";
  let lastOrder = -1;
  let lastDay = NaN;
  let lastMonth = 0;
  for (let i = 0; i < n; i++) {
    const line = lines[i];
    day[i] = line.day;
    // Lines usually arrive in date runs; skip the civil-date maths when the day repeats.
    if (line.day !== lastDay) {
      lastDay = line.day;
      lastMonth = monthIndexOfDay(line.day);
    }
    month[i] = lastMonth;
    amount[i] = line.amount;
    quantity[i] = line.quantity;
    customer[i] = customers.id(line.customerId);
    if (line.orderId) {
      if (line.orderId !== lastOrderId) {
        lastOrderId = line.orderId;
        let o = orderIds.get(line.orderId);
        if (o === undefined) orderIds.set(line.orderId, (o = orderCount++));
        lastOrder = o;
      }
      order[i] = lastOrder;
    } else {
      let days = standIns.get(line.customerId);
      if (!days) standIns.set(line.customerId, (days = new Map()));
      let o = days.get(line.day);
      if (o === undefined) days.set(line.day, (o = orderCount++));
      order[i] = o;
    }
    product[i] = line.product ? products.id(line.product) : -1;
    category[i] = line.category ? categories.id(line.category) : -1;
    if (line.payment) payment[i] = PAYMENT_OF[line.payment];
    if (line.dueDay !== undefined) dueDay[i] = line.dueDay;
    if (line.amount < 0) refund[i] = 1;
  }
  return {
    ...columns,
    customers: customers.names,
    products: products.names,
    categories: categories.names,
    orderCount,
    payment,
    dueDay,
  };
}

/**
 * The book's order lines as the analyses read them: customers, orders, products and categories numbered in
 * the order the lines first name them (as {@link encodeOrders} numbers them, so every ranking breaks ties
 * the same way), a line without an OrderID forming one order with the customer's other such lines of that
 * day. Amounts, days, payments and refunds are the book's own columns; nothing is parsed again. Lines
 * without a customer, date or amount (reported by the book) are left out, and with `keep`, the lines of
 * the customers (book indexes) it refuses.
 */
export function orderTableOf(book: Book, keep?: (customer: number) => boolean): OrderTable {
  const lines = book.orders;
  const use = new Uint8Array(lines.length);
  let n = 0;
  for (let i = 0; i < lines.length; i++)
    if (usable(book, i) && (!keep || keep(lines.customer[i]))) {
      use[i] = 1;
      n++;
    }
  const columns = lineColumns(n);
  const { day, month, amount, quantity, customer, order, product, category, refund } = columns;
  const payment = lines.payment ? new Uint8Array(n) : null;
  const dueDay = lines.dueDay ? new Float64Array(n) : null;
  const customerOf = new Int32Array(book.customers.count).fill(-1);
  const orderOf = new Int32Array(lines.orderIds.length).fill(-1);
  const productOf = new Int32Array(lines.products.length).fill(-1);
  const categoryOf = new Int32Array(lines.categories.length).fill(-1);
  const customers: string[] = [];
  const products: string[] = [];
  const categories: string[] = [];
  const standIns = new Map<number, Map<number, number>>();
  let orderCount = 0;
  let lastDay = NaN;
  let lastMonth = 0;
  let k = 0;
  for (let i = 0; i < lines.length; i++) {
    if (use[i] === 0) continue;
    const c = lines.customer[i];
    if (customerOf[c] < 0) {
      customerOf[c] = customers.length;
      customers.push(book.customers.ids[c]);
    }
    const d = lines.day[i];
    day[k] = d;
    if (d !== lastDay) {
      lastDay = d;
      lastMonth = monthIndexOfDay(d);
    }
    month[k] = lastMonth;
    amount[k] = lines.amount[i];
    quantity[k] = lines.quantity ? lines.quantity[i] : 1;
    customer[k] = customerOf[c];
    const o = lines.order[i];
    if (o >= 0) {
      if (orderOf[o] < 0) orderOf[o] = orderCount++;
      order[k] = orderOf[o];
    } else {
      let days = standIns.get(c);
      if (!days) standIns.set(c, (days = new Map()));
      let s = days.get(d);
      if (s === undefined) days.set(d, (s = orderCount++));
      order[k] = s;
    }
    const p = lines.product ? lines.product[i] : -1;
    if (p >= 0 && productOf[p] < 0) {
      productOf[p] = products.length;
      products.push(lines.products[p]);
    }
    product[k] = p < 0 ? -1 : productOf[p];
    const g = lines.category ? lines.category[i] : -1;
    if (g >= 0 && categoryOf[g] < 0) {
      categoryOf[g] = categories.length;
      categories.push(lines.categories[g]);
    }
    category[k] = g < 0 ? -1 : categoryOf[g];
    if (payment) payment[k] = lines.payment![i];
    if (dueDay) dueDay[k] = lines.dueDay![i];
    refund[k] = lines.refund[i];
    k++;
  }
  return { ...columns, customers, products, categories, orderCount, payment, dueDay };
}

/** A line the analyses can use: a customer, a date, an amount. */
function usable(book: Book, i: number): boolean {
  const o = book.orders;
  return o.customer[i] >= 0 && o.day[i] === o.day[i] && o.amount[i] === o.amount[i];
}
