import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { openBook, padToWidest, readRows } from "../../src/local/cli-inputs";

describe("the CLIs' spreadsheet from files", () => {
  it("pads a file of more rows than a call's arguments can hold (no spread of the rows)", () => {
    const rows: unknown[][] = Array.from({ length: 400_000 }, (_, i) => (i === 7 ? ["a", "b", "c"] : ["a"]));
    const padded = padToWidest(rows);
    expect(padded.length).toBe(400_000);
    expect(padded.every((r) => r.length === 3)).toBe(true);
    expect(padded[0]).toEqual(["a", "", ""]);
  });

  it("gives each loaded tab a grid as wide as its data, as an imported file gets, not 26 columns", () => {
    const orders = [
      ["CustomerID", "OrderID", "OrderDate", "Amount", "Product"],
      ["C1", "O1", "2025-03-01", 10, "Tea"],
      ["C2", "O2", "2025-03-02", 20, "Cup"],
    ];
    const { emulator } = openBook("2025-04-01", "en", orders, null);
    const tabs = emulator.spreadsheet.getSheets();
    const ordersTab = tabs.find((s) => s.getName() === "Orders")!;
    expect(ordersTab.getMaxColumns()).toBe(5);
    expect(ordersTab.getLastColumn()).toBe(5);
    const customersTab = tabs.find((s) => s.getName() === "Customers")!;
    expect(customersTab.getMaxColumns()).toBe(customersTab.getLastColumn());
    expect(customersTab.getMaxColumns()).toBeLessThan(26);
  });

  it("reads an xlsx in one walk of its rows: ExcelJS's columnCount (itself a walk) is asked once", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "cli-inputs-")), "orders.xlsx");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Orders");
    sheet.addRow(["CustomerID", "OrderDate", "Amount"]);
    for (let i = 0; i < 2000; i++) sheet.addRow([`C${i}`, new Date(Date.UTC(2025, 0, 1 + (i % 300))), i]);
    await workbook.xlsx.writeFile(file);
    const proto = Object.getPrototypeOf(sheet) as object;
    const asked = jest.spyOn(proto as { columnCount: number }, "columnCount", "get");
    const rows = await readRows(file);
    expect(rows.length).toBe(2001);
    expect(rows[2000]).toEqual(["C1999", "2025-07-19", 1999]);
    // Once per read (a per-cell read made a 540,000-line export take hours).
    expect(asked.mock.calls.length).toBe(1);
    asked.mockRestore();
  });

  it("reads an export split into worksheets of the same columns as one table, and names those left out", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "cli-inputs-")), "online_retail_II.xlsx");
    const workbook = new ExcelJS.Workbook();
    const header = ["Invoice", "Customer ID", "InvoiceDate", "Price", "Quantity"];
    workbook.addWorksheet("Cover"); // empty: the first worksheet with rows leads
    const first = workbook.addWorksheet("Year 2009-2010");
    first.addRows([
      header,
      ["489434", 13085, "2009-12-01", 6.95, 12],
      ["489435", 13085, "2009-12-01", 2.1, 6],
    ]);
    workbook.addWorksheet("Notes").addRows([["about this file"], ["UCI"]]);
    const second = workbook.addWorksheet("Year 2010-2011");
    // The split overlaps: its first row is the first worksheet's last one again.
    second.addRows([
      [...header, ""],
      ["489435", 13085, "2009-12-01", 2.1, 6],
      ["536365", 17850, "2010-12-01", 2.55, 6],
    ]);
    workbook.addWorksheet("Empty");
    await workbook.xlsx.writeFile(file);
    const said: string[] = [];
    const spy = jest
      .spyOn(console, "error")
      .mockImplementation((...a: unknown[]) => void said.push(a.join(" ")));
    const rows = await readRows(file);
    spy.mockRestore();
    expect(rows.map((r) => r[0])).toEqual(["Invoice", "489434", "489435", undefined, "536365"]);
    expect(said).toEqual([
      'online_retail_II.xlsx: worksheet "Year 2010-2011" has the columns of "Year 2009-2010" and is read after it, from line 4; 1 of its rows repeat rows of the worksheets before it and are read as blank',
      'online_retail_II.xlsx: only worksheets with the columns of "Year 2009-2010" are read; left out: "Notes"',
    ]);
  });
});
