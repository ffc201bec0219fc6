/**
 * `npm run demo -- --workbook FILE.xlsx` on a Chinese team's own workbook: customers in 客户管理表 with the
 * seed's ten columns, orders in a tab of their own (销售流水), two tabs the add-on has no business with.
 * Every customer is classified in place; every value the user typed, and every other tab, comes out as it
 * went in.
 */
import { execSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../../src/local/demo/run-demo";
import { writeSeedWorkbook, type SeedWorkbook } from "./seed-workbook";

const ROOT = path.join(__dirname, "..", "..", "..");
jest.setTimeout(240_000);

beforeAll(() => {
  if (!existsSync(path.join(ROOT, "dist", "Code.js"))) execSync("node build.mjs --quiet", { cwd: ROOT });
});

/** A cell as the test compares it: dates by their calendar day and time, everything else as it is. */
function plain(v: ExcelJS.CellValue): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v && typeof v === "object" && "result" in v) return plain(v.result as ExcelJS.CellValue);
  if (v && typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  return v ?? "";
}

function rowsOf(ws: ExcelJS.Worksheet, width: number): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    out[n - 1] = Array.from({ length: width }, (_, j) => plain(row.getCell(j + 1).value));
  });
  return out;
}

const asWritten = (rows: readonly (readonly unknown[])[]) =>
  rows.map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v)));

describe("demo --workbook on a team's own workbook", () => {
  let seed: SeedWorkbook;
  let out: ExcelJS.Workbook;
  let lines: string[];
  let code: number;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "wb-demo-"));
    const file = path.join(dir, "客户管理.xlsx");
    seed = await writeSeedWorkbook(file);
    lines = [];
    const log = jest.spyOn(console, "log").mockImplementation((...a) => void lines.push(a.join(" ")));
    const err = jest.spyOn(console, "error").mockImplementation((...a) => void lines.push(a.join(" ")));
    try {
      code = await main([
        "--workbook",
        file,
        "--out",
        path.join(dir, "out"),
        "--days",
        "0",
        "--lang",
        "zh-CN",
      ]);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    out = new ExcelJS.Workbook();
    await out.xlsx.readFile(path.join(dir, "out", "workbook.xlsx"));
  });

  it("runs every step, the wizard finding both tables by their headers", () => {
    const text = lines.join("\n");
    expect(code).toBe(0);
    expect(text).toContain("客户 → “客户管理表”");
    expect(text).toContain("订单 → “销售流水”");
    expect(text).not.toMatch(/✗/);
  });

  it("classifies every customer in place, no parallel 客户 or 订单 tab", () => {
    const names = out.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(["客户管理表", "销售流水", "说明", "汇总"]));
    expect(names).not.toContain("客户");
    expect(names).not.toContain("订单");
    const ws = out.getWorksheet("客户管理表")!;
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => plain(v));
    const segment = header.indexOf("客户分群");
    const lifecycle = header.indexOf("生命周期");
    const why = header.indexOf("分类依据");
    const classifiedAt = header.indexOf("分类时间");
    expect(Math.min(segment, lifecycle, why, classifiedAt)).toBeGreaterThanOrEqual(10);
    const rows = rowsOf(ws, header.length).slice(1);
    expect(rows).toHaveLength(seed.customers.length - 1);
    const buyers = new Set(seed.orders.slice(1).map((o) => o[1]));
    for (const r of rows) {
      // Every customer has a lifecycle stage and the reason for it; those who bought, an RFM segment too.
      expect(r[lifecycle]).not.toBe("");
      expect(r[why]).not.toBe("");
      expect(r[classifiedAt]).not.toBe("");
      expect(r[segment] !== "").toBe(buyers.has(r[0]));
    }
    expect(buyers.size).toBeGreaterThan(30);
  });

  it("keeps every value the user typed: IDs like 001 stay the text 001, dates their day", () => {
    const ws = out.getWorksheet("客户管理表")!;
    const rows = rowsOf(ws, 10);
    expect(rows).toEqual(asWritten(seed.customers));
    expect(rows[1][0]).toBe("001");
  });

  it("leaves the orders tab and every other tab as they were", () => {
    const width = (rows: readonly (readonly unknown[])[]) => Math.max(...rows.map((r) => r.length));
    expect(rowsOf(out.getWorksheet("销售流水")!, width(seed.orders))).toEqual(asWritten(seed.orders));
    expect(rowsOf(out.getWorksheet("说明")!, 1)).toEqual(seed.notes);
    const sums = rowsOf(out.getWorksheet("汇总")!, 2);
    expect(sums[0]).toEqual(["订单数", seed.orders.length - 1]);
  });
});
