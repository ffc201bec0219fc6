import type { CustomerScope } from "../../../src/core/access/scope";
import { visibleBookProblems, visibleRows, type RowSource } from "../../../src/core/access/visible-rows";
import { buildBook } from "../../../src/core/book";

const ALL: CustomerScope = { kind: "all" };
const SALES_A: CustomerScope = { kind: "owners", owners: ["a@x.com"] };
const NOBODY: CustomerScope = { kind: "owners", owners: [] };

const index = (keys: readonly string[]) => new Map(keys.map((k, i) => [k, i]));

const SOURCES: readonly RowSource[] = [
  {
    sheet: "Customers",
    key: "Customers",
    index: index(["CustomerID", "Name", "Owner"]),
    rows: [
      ["C1", "Ann's firm", "A@x.com "],
      ["C2", "Bob's firm", "b@x.com"],
      ["C3", "Nobody's", ""],
      ["C1", "a repeat of C1", "b@x.com"],
    ],
  },
  {
    sheet: "订单",
    key: "Orders",
    index: index(["OrderID", "CustomerID", "Amount"]),
    rows: [
      ["O1", "C1", "bad"],
      ["O2", "C2", "bad"],
      ["O3", "C9", "bad"],
      ["O4", "", "bad"],
    ],
  },
];

describe("problem rows are filtered by the customer they belong to", () => {
  it("a caller who sees everything sees every row", () => {
    const sees = visibleRows(ALL, SOURCES);
    expect([2, 3, 4, 5].map((r) => sees("Customers", r))).toEqual([true, true, true, true]);
    expect(sees("Elsewhere", 9)).toBe(true);
  });

  it("a sales rep: own Customers rows, and other sheets' rows of own customers (first row of an ID wins)", () => {
    const sees = visibleRows(SALES_A, SOURCES);
    expect([2, 3, 4, 5].map((r) => sees("Customers", r))).toEqual([true, false, false, false]);
    // O1 names C1 (Ann's), O2 Bob's, O3 an unknown customer, O4 no customer at all.
    expect([2, 3, 4, 5].map((r) => sees("订单", r))).toEqual([true, false, false, false]);
    expect(sees("Customers", 1)).toBe(true); // the header row holds no customer data
    expect(sees("Customers", 99)).toBe(false);
    expect(sees("Unknown tab", 2)).toBe(false);
  });

  it("a caller with no role sees no data row", () => {
    const sees = visibleRows(NOBODY, SOURCES);
    expect([2, 3, 4, 5].flatMap((r) => [sees("Customers", r), sees("订单", r)])).not.toContain(true);
  });

  it("a Customers sheet without an Owner column shows a restricted caller nothing", () => {
    const sees = visibleRows(SALES_A, [{ ...SOURCES[0], index: index(["CustomerID", "Name"]) }, SOURCES[1]]);
    expect([sees("Customers", 2), sees("订单", 2)]).toEqual([false, false]);
  });
});

describe("the book's unreadable cells, for analysis", () => {
  const book = buildBook(
    {
      customers: {
        name: "Customers",
        headers: ["CustomerID", "Name", "Owner", "Age"],
        rows: [
          ["C1", "Ann's firm", "a@x.com", "old"],
          ["C2", "Bob's firm", "b@x.com", "older"],
        ],
      },
      orders: {
        name: "Orders",
        headers: ["OrderID", "CustomerID", "OrderDate", "Amount"],
        rows: [
          ["O1", "C1", "2026-01-01", "lots"],
          ["O2", "C2", "2026-01-01", "secret-b"],
          ["O3", "", "someday", 5],
        ],
      },
    },
    { timeZone: "UTC" },
  );

  it("keeps the problems of customers the caller sees, drops the others and those of nobody's rows", () => {
    expect(book.problems.length).toBeGreaterThanOrEqual(5);
    const c1 = book.customers.indexOf("C1");
    const mine = visibleBookProblems(book, (c) => c === c1);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((p) => p.value)).not.toContain("secret-b");
    expect(mine.map((p) => p.value)).not.toContain("older");
    expect(mine.map((p) => p.value)).not.toContain("someday");
    expect(mine.map((p) => p.value)).toEqual(expect.arrayContaining(["old", "lots"]));
    // Order line O3 (sheet row 4) names no customer: nobody's, so shown to nobody restricted.
    expect(visibleBookProblems(book, () => true)).toEqual(
      book.problems.filter((p) => !(p.sheet === "Orders" && p.row === 4)),
    );
    expect(visibleBookProblems(book, () => false).filter((p) => p.row >= 2)).toEqual([]);
  });
});
