import ExcelJS from "exceljs";
import type { ImportRequest } from "../../../src/shared/table";
import { tableBundle, values } from "./harness";

const b64 = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString("base64");

/** "客户编号,客户名称\nG001,杭州西湖茶业\n" as Chinese Excel saves it: GBK bytes (no BOM). */
const GBK_CSV = Buffer.from(
  "bfcdbba7b1e0bac52cbfcdbba7c3fbb3c60a473030312cbabcd6ddcef7bafeb2e8d2b50a",
  "hex",
);

async function xlsxBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("客户");
  ws.addRow(["CustomerID", "Name", "Email", "CreditLimit"]);
  ws.addRow(["X001", "Excel One", "one@xlsx.cn", 5000]);
  ws.addRow([]);
  ws.addRow(["X002", "Excel Two", "two@xlsx.cn", 12.5]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("parseImportFile", () => {
  it("reads an XLSX upload into headers, typed cells, worksheet rows and the sheet it belongs to", async () => {
    const b = tableBundle();
    const parsed = b.ctx.parseImportFile(b64(await xlsxBytes()), "clients.xlsx");
    expect(parsed).toEqual({
      format: "xlsx",
      headers: ["CustomerID", "Name", "Email", "CreditLimit"],
      rows: [
        ["X001", "Excel One", "one@xlsx.cn", 5000],
        ["X002", "Excel Two", "two@xlsx.cn", 12.5],
      ],
      lines: [2, 4],
      sheet: "Customers",
    });
  });

  it("decodes a GBK CSV from Chinese Excel through a GB18030 blob", () => {
    // Sanity check of the fixture itself, independent of the code under test.
    expect(new TextDecoder("gb18030").decode(GBK_CSV)).toBe("客户编号,客户名称\nG001,杭州西湖茶业\n");
    const parsed = tableBundle("zh_CN").ctx.parseImportFile(b64(GBK_CSV), "客户.csv");
    expect(parsed.format).toBe("csv");
    expect(parsed.encoding).toBe("gb18030");
    expect(parsed.headers).toEqual(["客户编号", "客户名称"]);
    expect(parsed.rows).toEqual([["G001", "杭州西湖茶业"]]);
    expect(parsed.sheet).toBe("Customers");
  });

  it("feeds the existing staging, preview and commit unchanged", async () => {
    const b = tableBundle();
    b.ctx.setUpSheets();
    const parsed = b.ctx.parseImportFile(b64(await xlsxBytes()), "clients.xlsx");
    const request: ImportRequest = { sheet: "Customers", headers: parsed.headers, dedupe: "skip" };
    const jobId = b.ctx.importStage(null, request, parsed.rows, parsed.lines);
    expect(b.ctx.importPreview(jobId, request).report.added).toBe(2);
    const report = b.ctx.importCommit(jobId, request);
    expect([report.added, report.rejected]).toEqual([2, []]);
    const rows = values(b, "Customers");
    expect(rows.map((r) => r[1])).toEqual(expect.arrayContaining(["Excel One", "Excel Two"]));
  });

  it("refuses empty, legacy .xls and unreadable files with a readable sentence", () => {
    const b = tableBundle();
    expect(() => b.ctx.parseImportFile("", "a.csv")).toThrow("The file a.csv is empty.");
    expect(() => b.ctx.parseImportFile(b64(Buffer.from("x")), "old.xls")).toThrow(/save it as \.xlsx/);
    const notXlsx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect(() => b.ctx.parseImportFile(b64(notXlsx), "broken.xlsx")).toThrow(
      /broken\.xlsx could not be read/,
    );
  });

  it("is refused to a viewer before the file is read", () => {
    const b = tableBundle();
    const owner = b.emulator.spreadsheet.getOwner()!.getEmail();
    b.emulator.setUser(owner);
    expect(b.ctx.saveRoles({ "viewer@example.com": "viewer" }).ok).toBe(true);
    b.emulator.setUser("viewer@example.com");
    expect(() => b.ctx.parseImportFile("", "a.csv")).toThrow(/does not allow/);
  });
});
