/**
 * The portrait and a sales rep's page on a book large enough that whole columns matter: what each cold
 * execution reads, and that cached row indexes never hide a change.
 */
import { loadBundle } from "../../../src/local/load-bundle";
import type { CustomerQuery } from "../../../src/shared/browse";
import { CUSTOMER_HEADERS, customerRows, seededBundle } from "./seed-book";

const CUSTOMERS = 600;
const ORDERS = 3_000;
const INTERACTIONS = 900;
const FEEDBACK = 300;
const id = (n: number) => `C${String(n).padStart(3, "0")}`;
/** Customer n of a line k: spread over the book, so a customer's rows are far apart. */
const customerOf = (k: number) => id(1 + ((k * 37) % CUSTOMERS));

function bigBundle() {
  const b = loadBundle({
    dist: process.env.SHEET_CRM_DIST,
    owner: "boss@example.com",
    user: "boss@example.com",
    locale: "en",
  });
  const e = b.emulator;
  e.sheetFromValues("Customers", customerRows(CUSTOMERS));
  e.sheetFromValues("Orders", [
    ["OrderID", "CustomerID", "OrderDate", "Product", "Amount", "PaymentStatus"],
    ...Array.from({ length: ORDERS }, (_, k) => [
      `O${k + 1}`,
      customerOf(k),
      new Date(Date.UTC(2026, k % 12, 1 + (k % 28))),
      "Widget",
      10 + (k % 50),
      "Paid",
    ]),
  ]);
  e.sheetFromValues("Interactions", [
    ["Date", "CustomerID", "Channel", "Type", "Summary", "Owner", "NextFollowUp"],
    ...Array.from({ length: INTERACTIONS }, (_, k) => [
      new Date(Date.UTC(2026, k % 11, 1)),
      customerOf(k * 3),
      "Phone",
      "Enquiry",
      `call ${k}`,
      "rep@example.com",
      "",
    ]),
  ]);
  e.sheetFromValues("Feedback", [
    ["Date", "CustomerID", "Rating", "Category", "Comment", "Resolved"],
    ...Array.from({ length: FEEDBACK }, (_, k) => [
      new Date(Date.UTC(2026, k % 11, 2)),
      customerOf(k * 5),
      1 + (k % 5),
      "Service",
      `note ${k}`,
      k % 2 === 0,
    ]),
  ]);
  return b;
}

const lastExecution = (b: ReturnType<typeof loadBundle>) => b.executions[b.executions.length - 1];
/** The order IDs of customer `cid`, as a scan of the generated lines finds them. */
const ordersOf = (cid: string) =>
  Array.from({ length: ORDERS }, (_, k) => k)
    .filter((k) => customerOf(k) === cid)
    .map((k) => `O${k + 1}`)
    .sort();
const idColumns = CUSTOMERS + ORDERS + INTERACTIONS + FEEDBACK;
/** The first customer from `from` on whom every related sheet has rows. */
function withHistory(from: number): string {
  const named = (n: number, of: (k: number) => number) =>
    new Set(Array.from({ length: n }, (_, k) => customerOf(of(k))));
  const [o, i, f] = [
    named(ORDERS, (k) => k),
    named(INTERACTIONS, (k) => k * 3),
    named(FEEDBACK, (k) => k * 5),
  ];
  for (let n = from; n <= CUSTOMERS; n++) if (o.has(id(n)) && i.has(id(n)) && f.has(id(n))) return id(n);
  throw new Error("no customer with a full history");
}

describe("portrait through row indexes", () => {
  it("reads the related sheets' ID columns once, then only the customer's rows", () => {
    const b = bigBundle();
    const cold = b.ctx.getCustomerPortrait("C010");
    expect(cold.orders.map((o: { orderId: string }) => o.orderId).sort()).toEqual(ordersOf("C010"));
    const coldRun = lastExecution(b);
    expect(coldRun.cellsRead).toBeGreaterThanOrEqual(idColumns);
    // Another customer, a fresh execution: four cache reads find every row; only those rows are read.
    const other = withHistory(300);
    const p = b.ctx.getCustomerPortrait(other);
    expect(p.orders.map((o: { orderId: string }) => o.orderId).sort()).toEqual(ordersOf(other));
    expect(p.interactions.length).toBeGreaterThan(0);
    expect(p.feedback.length).toBeGreaterThan(0);
    const warm = lastExecution(b);
    expect(warm.cellsRead).toBeLessThan(400);
    expect(warm.modelledMs).toBeLessThan(coldRun.modelledMs);
  });

  it("reads none of the history of a customer the caller may not see", () => {
    const b = bigBundle();
    b.ctx.getDashboard("en", "full");
    b.emulator.properties.document.set("roles", JSON.stringify({ "rep@example.com": "sales" }));
    b.emulator.setUser("rep@example.com");
    // customerRows: even customers are the rep's, odd ones the boss's.
    expect(b.ctx.getCustomerPortrait("C010").id).toBe("C010");
    const mine = lastExecution(b).cellsRead;
    expect(() => b.ctx.getCustomerPortrait("C011")).toThrow(/not found/);
    expect(lastExecution(b).cellsRead).toBeLessThan(mine);
    // The four sheets' header rows and samples, and the one Customers row that said no.
    const headers = CUSTOMER_HEADERS.length + 6 + 7 + 6;
    expect(lastExecution(b).cellsRead).toBe(headers + 4 * 2 + CUSTOMER_HEADERS.length);
  });

  it("has the row indexes ready after the sidebar's complete dashboard", () => {
    const b = bigBundle();
    b.ctx.getDashboard("en", "full");
    const p = b.ctx.getCustomerPortrait("C042");
    expect(p.orders.map((o: { orderId: string }) => o.orderId).sort()).toEqual(ordersOf("C042"));
    expect(lastExecution(b).cellsRead).toBeLessThan(400);
  });

  it("shows an order added or moved behind the index's back, never a stale history", () => {
    const b = bigBundle();
    b.ctx.getCustomerPortrait("C010");
    const orders = b.emulator.spreadsheet.getSheetByName("Orders")!;
    // A new line at the bottom (no trigger ran): the sheet's height no longer matches the index.
    orders.appendRow(["O-new", "C010", new Date(Date.UTC(2026, 10, 19)), "X", 5, "Paid"]);
    const added = b.ctx.getCustomerPortrait("C010");
    expect(added.orders[0].orderId).toBe("O-new");
    // A line in the middle given to another customer, with no version bump and the same height: the rows
    // the index names are checked as they are read, and the sheet is read afresh.
    const moved = ordersOf("C010")[1];
    const row = Number(moved.slice(1)) + 1;
    orders.getRange(row, 2).setValue("C011");
    const after = b.ctx.getCustomerPortrait("C010");
    expect(after.orders.map((o: { orderId: string }) => o.orderId)).not.toContain(moved);
    expect(after.orders).toHaveLength(ordersOf("C010").length);
    expect(b.ctx.getCustomerPortrait("C011").orders.map((o: { orderId: string }) => o.orderId)).toContain(
      moved,
    );
  });

  it("states the book's facts: a refund is not owed, the last contact comes from Interactions too", () => {
    const b = seededBundle(10);
    const today = new Date(b.emulator.clock.nowMs());
    const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000);
    const orders = b.emulator.spreadsheet.getSheetByName("Orders")!;
    // C002's overdue line becomes a refund: nothing is owed any more.
    orders.getRange(3, 5).setValue(-89);
    const interactions = b.emulator.spreadsheet.getSheetByName("Interactions")!;
    interactions.getRange(2, 1).setValue(daysAgo(2));
    interactions.getRange(2, 7).setValue("");
    const p = b.ctx.getCustomerPortrait("C002");
    expect(p.nextAction.code).not.toBe("collect_payment");
    expect(p.totalSpent).toBe(8999 - 89);
    expect(p.orders.find((o: { orderId: string }) => o.orderId === "O2").amount).toBe(-89);
    // C004 has no interaction and a LastInteraction weeks old; C002 talked two days ago.
    const customers = b.emulator.spreadsheet.getSheetByName("Customers")!;
    const lastAt = CUSTOMER_HEADERS.indexOf("LastInteraction") + 1;
    customers.getRange(3, lastAt).setValue(daysAgo(90));
    expect(b.ctx.getCustomerPortrait("C002").nextAction.code).toBe("keep_in_touch");
  });
});

const query = (over: Partial<CustomerQuery> = {}): CustomerQuery => ({
  search: "",
  filters: {},
  sort: null,
  page: 1,
  pageSize: 25,
  ...over,
});

describe("a sales rep's cold page", () => {
  it("reads the Owner column only as far as its page, with an estimated total the full answer corrects", () => {
    const count = 6_000;
    const b = seededBundle(count, { user: "rep@example.com" });
    b.emulator.properties.document.set("roles", JSON.stringify({ "rep@example.com": "sales" }));
    const quick = b.ctx.listCustomers(query({ page: 2 }));
    expect(quick.pending).toBe("facets");
    expect(quick.estimatedTotal).toBe(true);
    const read = lastExecution(b).cellsRead;
    expect(read).toBeLessThan(count);
    const full = b.ctx.listCustomers(query({ page: 2 }), "en", "full");
    expect(full.estimatedTotal).toBeUndefined();
    expect(quick.rows).toEqual(full.rows);
    expect(full.total).toBe(count / 2);
    expect(Math.abs(quick.total - full.total)).toBeLessThanOrEqual(full.total * 0.1);
    expect(quick.pageCount).toBeGreaterThan(quick.page);
  });

  it("caches the rep's rows when it read the whole column, and pages from them next time", () => {
    const b = seededBundle(20, { user: "rep@example.com" });
    b.emulator.properties.document.set("roles", JSON.stringify({ "rep@example.com": "sales" }));
    const width = CUSTOMER_HEADERS.length;
    const first = b.ctx.listCustomers(query({ pageSize: 5 }));
    expect([first.total, first.estimatedTotal]).toEqual([10, undefined]);
    b.emulator.resetCounts();
    const second = b.ctx.listCustomers(query({ pageSize: 5, page: 2 }));
    expect(second.rows.map((r: { id: string }) => r.id)).toEqual(["C012", "C014", "C016", "C018", "C020"]);
    expect(second.total).toBe(10);
    // The header, two samples and the page's span: not one Owner cell.
    expect(lastExecution(b).cellsRead).toBe(width + 2 + 9 * width);
  });
});
