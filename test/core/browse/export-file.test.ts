import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { formulaSafe, toCsv, toXlsx } from "../../../src/core/browse/export-file";
import { parseCsv, readXlsx } from "../../../src/core/table/import";

describe("export files", () => {
  it("neutralises formula injection in text but keeps numbers", () => {
    expect(["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "ok", -5, null].map(formulaSafe)).toEqual([
      "'=1+1",
      "'+cmd",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      "ok",
      -5,
      null,
    ]);
  });

  it("writes RFC 4180 CSV with a BOM, quoting commas, quotes and newlines", () => {
    const csv = toCsv(
      ["ID", "名称"],
      [
        ["C1", 'say "hi", ok'],
        ["C2", '=HYPERLINK("x")'],
        ["C3", null],
      ],
    );
    expect(csv).toBe('\uFEFFID,名称\r\nC1,"say ""hi"", ok"\r\nC2,"\'=HYPERLINK(""x"")"\r\nC3,\r\n');
  });

  it("writes an XLSX whose cells are inline strings or numbers, escaped", () => {
    const bytes = toXlsx(
      "客户",
      ["Name", "Amount"],
      [
        ["<img src=x>&", 12.5],
        ["=1+1", null],
      ],
    );
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toContain("xl/worksheets/sheet1.xml");
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]);
    expect(sheet).toContain("&lt;img src=x&gt;&amp;");
    expect(sheet).toContain("<v>12.5</v>");
    expect(sheet).not.toContain("<f>");
    expect(strFromU8(files["xl/workbook.xml"])).toContain('name="客户"');
  });

  it("writes files that read back: CSV through the import parser, XLSX through ExcelJS and the importer", async () => {
    const header = ["Name", "Notes", "Amount"];
    const rows = [
      ["=1+1", "+cmd|' /C calc'!A0", -5],
      ["@SUM(A1)", "plain, with comma", null],
    ];
    expect(parseCsv(toCsv(header, rows)).rows).toEqual([
      ["'=1+1", "'+cmd|' /C calc'!A0", "-5"],
      ["'@SUM(A1)", "plain, with comma", ""],
    ]);
    const bytes = toXlsx("Customers", header, rows);
    // XLSX text cells are inline strings, inert by type: the text comes back as written, never a formula.
    expect(readXlsx(bytes).rows[0]).toEqual(["=1+1", "+cmd|' /C calc'!A0", -5]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Customers")!;
    expect(sheet.getCell("A2").value).toBe("=1+1");
    expect(sheet.getCell("A2").formula).toBeUndefined();
    expect(sheet.getCell("C2").value).toBe(-5);
  });
});
