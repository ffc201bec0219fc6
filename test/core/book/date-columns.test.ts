import { buildBook, PROBLEM_REASON_TEXT, type SheetCells } from "../../../src/core/book";
import { dayOfDateKey } from "../../../src/core/calendar";

const day = dayOfDateKey;
const headers = ["OrderID", "CustomerID", "OrderDate", "Amount", "DueDate"];

/** An Orders sheet of one customer, one line per OrderDate (DueDate beside it when given). */
function orders(dates: readonly unknown[], due: readonly unknown[] = []): SheetCells {
  return { name: "Orders", headers, rows: dates.map((d, i) => [`O${i}`, "C1", d, 10, due[i] ?? ""]) };
}

describe("the book's date columns", () => {
  it("reads a column of dd/mm/yyyy texts all day first once some day exceeds 12 (en and zh-CN)", () => {
    const sheet = orders(["02/05/2023", "12/01/2010", "31/08/2023", "06/10/2023"]);
    for (const lang of ["en", "zh-CN"] as const) {
      const book = buildBook({ orders: sheet }, { timeZone: "UTC", lang });
      expect([...book.orders.day]).toEqual(["2023-05-02", "2010-01-12", "2023-08-31", "2023-10-06"].map(day));
      expect(book.problems).toEqual([]);
    }
  });

  it("reads a column of m/d/yyyy texts all month first under zh-CN once some day exceeds 12", () => {
    const sheet = orders(["12/1/2010 9:03", "12/13/2010 10:00", "1/5/2011 8:00"]);
    const book = buildBook({ orders: sheet }, { timeZone: "UTC", lang: "zh-CN" });
    expect([...book.orders.day]).toEqual(["2010-12-01", "2010-12-13", "2011-01-05"].map(day));
  });

  it("decides OrderDate and DueDate each by its own cells", () => {
    const sheet = orders(["13/01/2023", "02/03/2023"], ["01/20/2023", "02/04/2023"]);
    const book = buildBook({ orders: sheet }, { timeZone: "UTC", lang: "en" });
    expect([...book.orders.day]).toEqual(["2023-01-13", "2023-03-02"].map(day));
    expect([...book.orders.dueDay!]).toEqual(["2023-01-20", "2023-02-04"].map(day));
  });

  it("reports each cell contradicting the column's majority order, with its address and reason", () => {
    const sheet = orders(["13/01/2023", "01/14/2023", "20/02/2023", "05/06/2023", "", "soon"]);
    const book = buildBook({ orders: sheet }, { timeZone: "UTC", lang: "en" });
    expect([...book.orders.day]).toEqual([
      day("2023-01-13"),
      NaN,
      day("2023-02-20"),
      day("2023-06-05"),
      NaN,
      NaN,
    ]);
    expect(book.problems).toEqual([
      {
        sheet: "Orders",
        row: 3,
        column: 2,
        key: "OrderDate",
        value: "01/14/2023",
        why: "date",
        reason: "date-order",
      },
      { sheet: "Orders", row: 6, column: 2, key: "OrderDate", value: "", why: "required" },
      { sheet: "Orders", row: 7, column: 2, key: "OrderDate", value: "soon", why: "date" },
    ]);
    expect(PROBLEM_REASON_TEXT["date-order"]["zh-CN"]).toContain("日/月顺序");
  });

  it("leaves Date cells, serials and ISO texts as they are in a day-first column", () => {
    const date = new Date("2024-03-04T16:00:00Z"); // 2024-03-05 in Shanghai
    const sheet = orders(["13/01/2023", date, 45356, "2024-03-05", "2024/03/05"]);
    const book = buildBook({ orders: sheet }, { timeZone: "Asia/Shanghai", lang: "en" });
    expect([...book.orders.day]).toEqual([day("2023-01-13"), ...Array(4).fill(day("2024-03-05"))]);
  });

  it("reads Customers' dates and the Interactions dates by their columns too", () => {
    const customers: SheetCells = {
      name: "Customers",
      headers: ["CustomerID", "CreatedAt", "LastInteraction", "Name"],
      rows: [
        ["C1", "25/12/2022", "03/02/2023", "a"],
        ["C2", "01/02/2023", "12/14/2023", "b"],
        ["C3", "", "02/15/2023", "c"],
        ["C4", "", "14/02/2023", "d"],
      ],
    };
    const interactions: SheetCells = {
      name: "Interactions",
      headers: ["Date", "CustomerID", "NextFollowUp"],
      rows: [
        ["04/03/2023", "C1", "05/04/2023"],
        ["30/03/2023", "C2", "4/13/2023"],
      ],
    };
    const book = buildBook({ customers, interactions }, { timeZone: "UTC", lang: "zh-CN" });
    expect([...book.customers.createdAt]).toEqual([day("2022-12-25"), day("2023-02-01"), NaN, NaN]);
    // LastInteraction proves month first twice, day first once: C4's 14/02 contradicts it.
    expect([...book.customers.lastInteraction]).toEqual([
      day("2023-03-02"),
      day("2023-12-14"),
      day("2023-02-15"),
      NaN,
    ]);
    expect([...book.interactions.day]).toEqual([day("2023-03-04"), day("2023-03-30")]);
    expect([...book.interactions.nextFollowUp]).toEqual([day("2023-05-04"), day("2023-04-13")]);
    expect(book.problems).toEqual([
      {
        sheet: "Customers",
        row: 5,
        column: 2,
        key: "LastInteraction",
        value: "14/02/2023",
        why: "date",
        reason: "date-order",
      },
    ]);
  });
});
