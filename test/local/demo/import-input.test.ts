import { execSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { importInputs } from "../../../src/local/demo/import-inputs";
import { main } from "../../../src/local/demo/run-demo";
import { loadBundle } from "../../../src/local/load-bundle";
import { chineseCustomerRows, chineseCustomersCsv, encodeGb18030 } from "./chinese-customers";
import { SHARED_DATA } from "../../core/analysis/cdnow";

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
      /客户\.csv：csv \(gb18030\), 300 行 → 工作表“客户”（Customers），分 1 批：新增 300 条，已存在 0 条，变更 0 条；更新 0 条，拒绝 0 条/,
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
      /customers-20k\.csv：csv \(utf-8-bom\), 20000 行 → 工作表“客户”（Customers），分 [3-9] 批：新增 20000 条，已存在 0 条，变更 0 条；更新 0 条，拒绝 0 条/,
    );
    const sheet = bundle.emulator.spreadsheet.getSheetByName("客户")!;
    expect(sheet.getLastRow()).toBe(20_001);
    const last = sheet.getRange(20_001, 1, 1, 2).getValues()[0];
    expect(last).toEqual(["C219999", chineseCustomerRows(20_000)[19_999][1]]);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it("holds each order line once when the same orders file is given twice, names and e-mails carried", () => {
    // The R package rfm's orders: customer_id (a full name), order_date, revenue, first_name, last_name, email.
    const file = path.join(SHARED_DATA, "rfm_data_orders.csv");
    const bundle = loadBundle({ locale: "en", user: "boss@example.com", owner: "boss@example.com" });
    const lines = importInputs(bundle, [file, file], "en");
    expect(lines[0]).toMatch(
      /^\(no customers file\) 995 customers named by the other files → sheet "Customers": 995 new, 0 already present, 0 changed; updated 0, rejected 0; names from the files 995, e-mails 995$/,
    );
    const reports = lines.filter((l) => l.startsWith("rfm_data_orders.csv"));
    expect(reports).toEqual([
      expect.stringMatching(/: 4906 new, 0 already present, 0 changed; updated 0, rejected 0$/),
      expect.stringMatching(/: 0 new, 4906 already present, 0 changed; updated 0, rejected 0$/),
    ]);
    expect(lines).toContain("    carried to Customers: first_name, last_name, email");
    expect(lines.some((l) => l.includes("columns not imported"))).toBe(false);
    const values = (name: string) => {
      const s = bundle.emulator.spreadsheet.getSheetByName(name)!;
      return s.getRange(1, 1, s.getLastRow(), s.getLastColumn()).getValues();
    };
    expect(values("Orders")).toHaveLength(1 + 4906);
    const customers = values("Customers");
    const col = (h: string) => customers[0].indexOf(h);
    const brion = customers.find((r) => r[col("CustomerID")] === "Brion Stark")!;
    expect([brion[col("Name")], brion[col("Email")]]).toEqual(["Brion Stark", "brion_stark@rfmail.com"]);
    // Validate all finds no customer without a name.
    const summary = bundle.ctx.validateAll();
    expect(summary.problems.filter((p: { rule: string }) => p.rule === "required")).toEqual([]);
  });

  it("carries Chinese names, e-mails and phones from an orders file, each address to one customer", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "demo-names-"));
    const file = path.join(dir, "订单.csv");
    writeFileSync(
      file,
      [
        "订单编号,客户编号,客户名称,电子邮件,手机,下单日期,金额",
        "SO1,K1,杭州西湖茶业,cha@xihu.cn,138 1234 5678,2025/3/1,100",
        "SO2,K2,,cha@xihu.cn,,2025/3/2,50",
        "SO3,K1,,,,2025/3/3,20",
        "SO3,K2,南京盐业,bad@,,2025/3/3,20",
      ].join("\r\n"),
    );
    const bundle = loadBundle({ locale: "zh_CN", user: "boss@example.com", owner: "boss@example.com" });
    const lines = importInputs(bundle, [file, file], "zh-CN");
    expect(lines[0]).toMatch(/^（没有客户文件）其他文件中出现 2 位客户 → 工作表“客户”：新增 2 条/);
    expect(lines.filter((l) => l.startsWith("订单.csv"))).toEqual([
      expect.stringMatching(/新增 4 条，已存在 0 条，变更 0 条；更新 0 条，拒绝 0 条$/),
      expect.stringMatching(/新增 0 条，已存在 4 条，变更 0 条；更新 0 条，拒绝 0 条$/),
    ]);
    const sheet = bundle.emulator.spreadsheet.getSheetByName("客户")!;
    const rows = sheet.getRange(1, 1, 3, sheet.getLastColumn()).getValues();
    const col = (h: string) => rows[0].indexOf(h);
    expect(
      rows
        .slice(1)
        .map((r) => [r[col("客户编号")], r[col("客户名称")], r[col("电子邮件")], r[col("联系电话")]]),
    ).toEqual([
      ["K1", "杭州西湖茶业", "cha@xihu.cn", "+8613812345678"],
      ["K2", "南京盐业", "", ""],
    ]);
  });
});
