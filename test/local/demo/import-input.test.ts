import { execSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { importInputs } from "../../../src/local/demo/import-inputs";
import { main } from "../../../src/local/demo/run-demo";
import { loadBundle } from "../../../src/local/load-bundle";
import { chineseCustomerRows, chineseCustomersCsv, encodeGb18030 } from "./chinese-customers";

const ROOT = path.join(__dirname, "..", "..", "..");

beforeAll(() => {
  if (!existsSync(path.join(ROOT, "dist", "Code.js"))) execSync("node build.mjs --quiet", { cwd: ROOT });
});

function quietly<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const log = jest
    .spyOn(console, "log")
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  const err = jest
    .spyOn(console, "error")
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  return fn()
    .then((result) => ({ result, lines }))
    .finally(() => {
      log.mockRestore();
      err.mockRestore();
    });
}

describe("demo --input goes through the sidebar's import path", () => {
  it("imports a GB18030 customers CSV (Chinese Excel) with zh-CN headers via parse, staging, preview, commit", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "demo-gb-"));
    const file = path.join(dir, "客户.csv");
    writeFileSync(file, encodeGb18030(chineseCustomersCsv(300)));
    const { result, lines } = await quietly(() =>
      main(["--input", file, "--lang", "zh-CN", "--days", "0", "--out", path.join(dir, "out")]),
    );
    const text = lines.join("\n");
    expect(text).toMatch(
      /客户\.csv: csv \(gb18030\), 300 rows → sheet "客户" \(Customers\) in 1 chunks: added 300, updated 0, skipped 0, rejected 0/,
    );
    expect(result).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, "out", "workbook.xlsx"));
    const sheet = book.getWorksheet("客户")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(sheet.actualRowCount).toBe(301);
    const name = header.indexOf("客户名称") + 1;
    const rows = chineseCustomerRows(300);
    expect(String(sheet.getRow(2).getCell(name).value)).toBe(rows[0][1]);
    // The import sealed the ID numbers: only masks are left in the workbook.
    const id = header.indexOf("身份证号") + 1;
    const ids: string[] = [];
    sheet.eachRow((row, n) => n > 1 && row.getCell(id).value && ids.push(String(row.getCell(id).value)));
    expect(ids.length).toBeGreaterThan(3);
    expect(ids.every((v) => /^\d{4}\*{8}[\dX]{4}$/.test(v))).toBe(true);
  });

  it("imports all 20,000 rows of a UTF-8 Chinese customers CSV in several chunks", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "demo-20k-"));
    const file = path.join(dir, "customers-20k.csv");
    writeFileSync(file, "\uFEFF" + chineseCustomersCsv(20_000));
    const bundle = loadBundle({ locale: "zh_CN", user: "boss@example.com", owner: "boss@example.com" });
    const started = Date.now();
    const lines = importInputs(bundle, [file], "zh-CN");
    expect(lines[0]).toMatch(
      /customers-20k\.csv: csv \(utf-8-bom\), 20000 rows → sheet "客户" \(Customers\) in [3-9] chunks: added 20000, updated 0, skipped 0, rejected 0/,
    );
    const sheet = bundle.emulator.spreadsheet.getSheetByName("客户")!;
    expect(sheet.getLastRow()).toBe(20_001);
    const last = sheet.getRange(20_001, 1, 1, 2).getValues()[0];
    expect(last).toEqual(["C219999", chineseCustomerRows(20_000)[19_999][1]]);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
