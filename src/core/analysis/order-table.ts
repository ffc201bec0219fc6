import { monthIndexOfDay } from "./calendar";
import type { OrderLine } from "./types";

/**
 * Order lines in columns, with every string replaced by a small integer. All analyses of one run share one
 * table, so 1,000,000 lines are hashed once and the rest is typed-array loops.
 */
export interface OrderTable {
  readonly length: number;
  readonly day: Int32Array;
  /** Month ordinal (calendar.ts monthIndexOfDay) of each line. */
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

/** Encodes order lines (any order) into an OrderTable. Blank product/category become −1. */
export function encodeOrders(lines: readonly OrderLine[]): OrderTable {
  const n = lines.length;
  const day = new Int32Array(n);
  const month = new Int32Array(n);
  const amount = new Float64Array(n);
  const quantity = new Float64Array(n);
  const customer = new Int32Array(n);
  const order = new Int32Array(n);
  const product = new Int32Array(n);
  const category = new Int32Array(n);
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
  }
  return {
    length: n,
    day,
    month,
    amount,
    quantity,
    customer,
    order,
    product,
    category,
    customers: customers.names,
    products: products.names,
    categories: categories.names,
    orderCount,
  };
}
