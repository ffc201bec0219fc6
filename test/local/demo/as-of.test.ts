import { execSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { defaultAsOf, latestOrderDay } from "../../../src/local/default-as-of";
import { main } from "../../../src/local/demo/run-demo";

const ROOT = path.join(__dirname, "..", "..", "..");

beforeAll(() => {
  if (!existsSync(path.join(ROOT, "dist", "Code.js"))) execSync("node build.mjs --quiet", { cwd: ROOT });
});

describe("the demo's analysis date", () => {
  it("finds the latest order day in any orders table (zh or en headers, a title row first)", () => {
    const en = [
      ["OrderID", "CustomerID", "OrderDate", "Amount"],
      ["O1", "C1", "2004/6/3", 10],
      ["O2", "C2", "2006-06-30", 20],
      ["O3", "C2", "not a date", 20],
    ];
    const zh = [["销售流水"], ["订单编号", "客户编号", "下单日期"], ["S1", "001", "2006-07-02"]];
    const customers = [
      ["CustomerID", "Name", "CreatedAt"],
      ["C1", "A", "2026-01-01"],
    ];
    expect(latestOrderDay([en], "Asia/Shanghai")).toBe("2006-06-30");
    expect(latestOrderDay([customers, en, zh], "Asia/Shanghai")).toBe("2006-07-02");
    expect(latestOrderDay([customers], "Asia/Shanghai")).toBeUndefined();
  });

  it("defaults to the day after the latest order only when that is more than a year old", () => {
    expect(defaultAsOf("2006-06-30", "2026-12-06")).toEqual({ asOf: "2006-07-01", latest: "2006-06-30" });
    expect(defaultAsOf("2025-12-06", "2026-12-06")).toBeNull();
    expect(defaultAsOf("2025-12-05", "2026-12-06")).toEqual({ asOf: "2025-12-06", latest: "2025-12-05" });
    expect(defaultAsOf("2027-01-01", "2026-12-06")).toBeNull();
    expect(defaultAsOf(undefined, "2026-12-06")).toBeNull();
  });

  async function demo(args: string[]): Promise<{ code: number; text: string; dir: string }> {
    const dir = mkdtempSync(path.join(os.tmpdir(), "demo-asof-"));
    const orders = path.join(dir, "orders.csv");
    const lines = ["OrderID,CustomerID,OrderDate,Amount"];
    // 2004–06 data: twelve customers, each buying every few weeks until mid-2006.
    for (let k = 0; k < 240; k++) {
      const day = new Date(Date.UTC(2004, 0, 5) + k * 3 * 86_400_000).toISOString().slice(0, 10);
      lines.push(`O${k},K${k % 12},${day},${20 + (k % 7) * 10}`);
    }
    writeFileSync(orders, lines.join("\n") + "\n");
    const out: string[] = [];
    const log = jest
      .spyOn(console, "log")
      .mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
    const err = jest
      .spyOn(console, "error")
      .mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
    try {
      const code = await main(["--input", orders, "--days", "0", "--out", path.join(dir, "out"), ...args]);
      return { code, text: out.join("\n"), dir };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  }

  async function lifecycles(dir: string, zh = false): Promise<string[]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, "out", "workbook.xlsx"));
    const sheet = book.getWorksheet(zh ? "客户" : "Customers")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const col = header.indexOf(zh ? "生命周期" : "Lifecycle") + 1;
    expect(col).toBeGreaterThan(0);
    const out: string[] = [];
    sheet.eachRow((row, n) => n > 1 && out.push(String(row.getCell(col).value)));
    return out;
  }

  it("analyses old data as of the day after its latest order, says so, and prints steps as they run", async () => {
    const { code, text, dir } = await demo([]);
    expect(code).toBe(0);
    const latest = new Date(Date.UTC(2004, 0, 5) + 239 * 3 * 86_400_000).toISOString().slice(0, 10);
    expect(text).toContain(
      `the latest order is ${latest}, more than a year ago: analysed as of the day after`,
    );
    const summary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
    const dayAfter = new Date(Date.parse(latest) + 86_400_000);
    expect(summary.asOf.slice(0, 10)).toBe(dayAfter.toISOString().slice(0, 10));
    // Not every customer is "Lost" any more.
    const stages = await lifecycles(dir);
    expect(stages).toHaveLength(12);
    expect(stages.filter((s) => s !== "Lost").length).toBeGreaterThan(0);
    // Each step's line comes before the writing of out/ starts.
    expect(text.indexOf("✓ menu: Classify now")).toBeLessThan(text.indexOf("writing "));
  });

  it("takes --as-of as the classification date (here: today's behaviour on old data, all Lost)", async () => {
    const { code, text, dir } = await demo(["--as-of", "2026-12-01", "--lang", "zh-CN"]);
    expect(code).toBe(0);
    expect(text).toContain("分析日期 2026-12-01");
    expect(text).not.toContain("最新订单日期");
    expect(new Set(await lifecycles(dir, true))).toEqual(new Set(["已流失"]));
  });
});
