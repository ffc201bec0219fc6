/**
 * The analysis bench's book: a million order lines (or any number) as getValues returns an Orders sheet,
 * and profiles for the customers who ordered. Deterministic for a seed.
 */
import { civilFromDay, dayFromCivil } from "../../core/calendar";
import type { SheetCells } from "../../core/book";
import type { CustomerProfile } from "../../core/analysis/types";
import { gammaVariate, mulberry32 } from "../random";

const REGIONS = ["North", "South", "East", "West", "Central", "华东", "华南", "华北"];
const SEGMENTS = ["Champions", "Loyal Customers", "Potential Loyalist", "At Risk", "Lost", "Others"];

const ORDER_HEADERS = ["OrderID", "CustomerID", "OrderDate", "Product", "Category", "Quantity", "Amount"];

/** The generated book's window: three years of orders, 2023–2025. */
const FIRST_DAY = dayFromCivil(2023, 1, 1);
const SPAN_DAYS = 1095;

/** Orders sheet cells and how many customers ordered. */
export interface GeneratedOrders {
  readonly sheet: SheetCells;
  readonly customers: number;
}

/**
 * Orders sheet cells as a growing book holds them (Date cells at UTC midnight, fresh strings per cell), in
 * date order as rows are appended, OrderIDs O1, O2, … in that order, until `lines` lines. Customers come
 * as the BG/NBD story has them, so every model of the report has something to fit: each joins on a day of
 * 2023–2025 and buys at a rate of its own (Gamma across customers, higher in December) until it drops out
 * after a purchase with a probability of its own (Beta across customers), and spends around a level of its
 * own (Gamma-Gamma). An order has 1–6 lines of one of 20 categories × 15 products, with planted pairs
 * (product k of a category often comes with product k + 1) so that rules exist to find. About 20 lines a
 * customer: 50,000 customers for a million lines.
 */
export function generateOrderRows(lines: number, seed = 7): GeneratedOrders {
  const rand = mulberry32(seed);
  const december = new Uint8Array(SPAN_DAYS);
  for (let d = 0; d < SPAN_DAYS; d++) december[d] = civilFromDay(FIRST_DAY + d).month === 12 ? 1 : 0;
  // Orders of every customer, customer after customer, until they hold `lines` lines.
  const orderDay: number[] = [];
  const orderCustomer: number[] = [];
  const orderSize: number[] = [];
  const level: number[] = [];
  let total = 0;
  for (let c = 0; total < lines; c++) {
    const rate = (0.04 * gammaVariate(rand, 0.9)) / 0.9; // orders a day, before December's lift
    const g = gammaVariate(rand, 1.2);
    const dropout = g / (g + gammaVariate(rand, 12));
    level.push(30 + (80 * gammaVariate(rand, 3)) / 3);
    // Purchases by thinning a Poisson process at December's rate (1.6×) down to each day's own.
    let t = Math.floor(rand() * SPAN_DAYS);
    for (;;) {
      const size = 1 + Math.floor(rand() * rand() * 6);
      orderDay.push(FIRST_DAY + t);
      orderCustomer.push(c);
      orderSize.push(size);
      total += size;
      if (total >= lines || rand() < dropout) break;
      let next = t;
      do next += -Math.log(1 - rand()) / (1.6 * rate);
      while (next < SPAN_DAYS && !december[Math.floor(next)] && rand() >= 1 / 1.6);
      if (next >= SPAN_DAYS) break;
      t = Math.floor(next);
    }
  }
  // In date order, as a sheet fills; same-day orders as they came.
  const byDay = Array.from(orderDay.keys()).sort((a, b) => orderDay[a] - orderDay[b] || a - b);
  const out: unknown[][] = [];
  for (let k = 0; k < byDay.length && out.length < lines; k++) {
    const o = byDay[k];
    const category = Math.floor(rand() * 20);
    let product = Math.floor(rand() * 15);
    for (let j = 0; j < orderSize[o] && out.length < lines; j++) {
      const amount = Math.max(1, Math.round((level[orderCustomer[o]] * gammaVariate(rand, 6)) / 6));
      out.push([
        `O${k + 1}`,
        `C${orderCustomer[o]}`,
        new Date(orderDay[o] * 86_400_000),
        `P${category}-${product}`,
        `Cat${category}`,
        1,
        amount,
      ]);
      product = rand() < 0.6 ? (product + 1) % 15 : Math.floor(rand() * 15);
    }
  }
  return { sheet: { name: "Orders", headers: ORDER_HEADERS, rows: out }, customers: level.length };
}

/** A profile for each of `customers` generated customers (C0, C1, …): segment, region, owner, age… */
export function generatedProfiles(customers: number): CustomerProfile[] {
  const rand = mulberry32(11);
  return Array.from({ length: customers }, (_, i) => ({
    id: `C${i}`,
    name: `Customer ${i}`,
    segment: SEGMENTS[Math.floor(rand() * SEGMENTS.length)],
    abc: "ABC"[Math.floor(rand() * 3)],
    lifecycle: ["New", "Active", "Dormant", "Churned"][Math.floor(rand() * 4)],
    region: REGIONS[Math.floor(rand() * REGIONS.length)],
    customerType: ["Prospect", "Regular", "VIP"][Math.floor(rand() * 3)],
    owner: `rep${Math.floor(rand() * 30)}@example.com`,
    gender: rand() < 0.5 ? "Male" : "Female",
    age: 18 + Math.floor(rand() * 60),
    industry: "",
  }));
}
