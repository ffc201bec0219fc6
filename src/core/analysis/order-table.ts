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
  /**
   * Index of the line's order: the customer's OrderID, or the customer's day when OrderID is blank. An
   * OrderID shared by two customers (bad data) makes one order for each, so an order has one customer.
   */
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
  // Orders are looked up within their customer: a customer has few orders, so a short scan beats one
  // map of every order in the book; a customer past 32 orders gets a map of their own. Keys are the
  // OrderID, or the day number when the line has none (its customer-day stands in for the order).
  const perCustomer: (
    { keys: (string | number)[]; ids: number[]; map?: Map<string | number, number> } | undefined
  )[] = [];
  let orderCount = 0;
  const orderOf = (c: number, key: string | number): number => {
    let own = perCustomer[c];
    if (!own) perCustomer[c] = own = { keys: [], ids: [] };
    if (own.map) {
      let o = own.map.get(key);
      if (o === undefined) own.map.set(key, (o = orderCount++));
      return o;
    }
    for (let k = own.keys.length - 1; k >= 0; k--) if (own.keys[k] === key) return own.ids[k];
    const o = orderCount++;
    own.keys.push(key);
    own.ids.push(o);
    if (own.keys.length > 32) own.map = new Map(own.keys.map((k, i) => [k, own!.ids[i]]));
    return o;
  };
  let lastCustomer = -1;
  let lastKey: string | number = "";
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
    const c = customers.id(line.customerId);
    customer[i] = c;
    const key = line.orderId || line.day;
    // An order's lines sit together in the sheet: repeat the last answer without a lookup.
    if (c !== lastCustomer || key !== lastKey) {
      lastCustomer = c;
      lastKey = key;
      lastOrder = orderOf(c, key);
    }
    order[i] = lastOrder;
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
