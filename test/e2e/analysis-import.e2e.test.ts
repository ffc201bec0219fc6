/**
 * End to end, in Chromium: the Analysis view on a book with a year of orders (after the menu's Run
 * analysis), its comparison form, and importing an .xlsx built here with exceljs through the wizard.
 * Screenshots go to test-artifacts/sidebar/ as in sidebar.e2e.test.ts.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { loadBundle, type LoadedBundle } from "../../src/local/load-bundle";
import { startServer, type RunningServer } from "../../src/local/serve/server";
import { customerRows } from "../gas/browse/seed-book";
import { launchChromium } from "./browser";

const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts", "sidebar");
mkdirSync(ARTIFACTS, { recursive: true });

const CUSTOMERS = 40;
/** Products bought together in most orders, so the rules table has something to show. */
const PAIRS = [
  ["Green tea", "Tea cups"],
  ["Laptop Pro", "Laptop bag"],
  ["Printer", "Ink"],
];

/** Customers of the browse tests, a year of orders (one overdue), and feedback with complaints. */
function analysisBook(): LoadedBundle {
  const bundle = loadBundle({
    dist: process.env.SHEET_CRM_DIST,
    owner: "boss@example.com",
    user: "boss@example.com",
    locale: "en",
  });
  const e = bundle.emulator;
  e.sheetFromValues("Customers", customerRows(CUSTOMERS));
  const orders: unknown[][] = [["OrderID", "CustomerID", "OrderDate", "Product", "Amount", "PaymentStatus"]];
  let n = 0;
  for (let c = 1; c <= CUSTOMERS; c++) {
    const id = `C${String(c).padStart(3, "0")}`;
    for (let k = 0; k < 1 + (c % 4); k++) {
      const order = `O${++n}`;
      const date = new Date(Date.UTC(2026, (c + k * 3) % 10, 1 + ((c * 7 + k) % 27)));
      const [x, y] = PAIRS[(c + k) % PAIRS.length];
      const paid = c === 7 && k === 0 ? "逾期" : "Paid";
      orders.push([order, id, date, x, 100 * c + 10 * k, paid]);
      if ((c + k) % 5 !== 0) orders.push([order, id, date, y, 20 + k, paid]);
    }
  }
  e.sheetFromValues("Orders", orders);
  e.sheetFromValues("Feedback", [
    ["Date", "CustomerID", "Rating", "Category", "Comment", "Resolved"],
    [new Date(Date.UTC(2026, 9, 3)), "C002", 5, "服务", "很好，非常满意", true],
    [new Date(Date.UTC(2026, 9, 9)), "C004", 1, "物流", "物流太慢了，很失望", false],
    [new Date(Date.UTC(2026, 9, 12)), "C006", 2, "Delivery", "Delivery was late and slow, bad", false],
    [new Date(Date.UTC(2026, 10, 2)), "C008", 2, "Price", "Price is too expensive, disappointed", false],
  ]);
  return bundle;
}

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const pageErrors: string[] = [];
const bundle = analysisBook();

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const idle = () => page.waitForFunction(() => !document.querySelector(".loading"));

function sheetValues(name: string): unknown[][] {
  return bundle.emulator.snapshot().sheets.find((s) => s.name === name)!.values as unknown[][];
}

beforeAll(async () => {
  server = await startServer({ bundle, dist: process.env.SHEET_CRM_DIST });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("dialog", (d) => void d.dismiss());
  await page.goto(server.url);
  await page.waitForSelector(".kpi");
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("Analysis view in Chromium", () => {
  it("shows what Run analysis computed: segments, trend, rules, key customers, feedback, credit", async () => {
    bundle.ctx.menuRunAnalysis();
    expect(bundle.emulator.spreadsheet.getSheets().map((s) => s.getName())).toEqual(
      expect.arrayContaining(["Analysis"]),
    );
    const report = bundle.ctx.getAnalysis();
    expect(report.ok).toBe(true);
    const dto = report.value;

    // Keyboard: from the Customers tab, ArrowRight reaches Analysis.
    await page.click("#tab-customers");
    await page.focus("#tab-customers");
    await page.keyboard.press("ArrowRight");
    await page.waitForSelector("#segment-table");
    expect(await page.getAttribute("#tab-analysis", "aria-selected")).toBe("true");

    const segments = await page.locator("#segment-table tbody th").allTextContents();
    expect(segments.sort()).toEqual(dto.groups.segment.map((g: { group: string }) => g.group).sort());
    expect(await page.textContent("#analysis-asof")).toContain(`${dto.counts.orders} orders`);
    // Two line charts: the monthly trend and the revenue forecast, its next months listed with ranges.
    expect(await page.locator("#analysis figure.chart polyline").count()).toBe(2);
    expect(dto.forecast.book.method).not.toBeNull();
    expect(await page.locator("#forecast-months li").count()).toBe(3);
    expect(await page.locator("#forecast-months li").first().textContent()).toMatch(/80% range .+ – .+/);
    expect(await page.textContent("#forecast-method")).toMatch(
      / · error \d+(\.\d+)?% on the months held out$/,
    );
    const rules = await page.locator("#rule-table tbody th").allTextContents();
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) expect(r).toMatch(/^.+ → .+$/);
    expect(rules.some((r) => PAIRS.some(([x, y]) => r === `${x} → ${y}` || r === `${y} → ${x}`))).toBe(true);
    expect(await page.textContent("#pareto")).toMatch(/^The top 20% of customers bring \d+% of revenue/);
    expect(await page.locator("#complaint-topics li").first().textContent()).toMatch(/^Delivery: 2 /);
    expect(await page.locator("#credit-list li button").first().textContent()).toBe("C007");
    // Nothing in the view is wider than the 300 px sidebar (tables scroll inside their own box).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    await shot("analysis-en");
  });

  it("compares two periods and two regions with the server's plain-language summary", async () => {
    const a = await page.inputValue("#compare-a-from");
    const b = await page.inputValue("#compare-b-to");
    expect([a, b].every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    await page.focus("#compare-run");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#compare-summary");
    const args = {
      a: { from: a, to: await page.inputValue("#compare-a-to") },
      b: { from: await page.inputValue("#compare-b-from"), to: b },
    };
    const expected = bundle.ctx.comparePeriods(args);
    expect(await page.textContent("#compare-summary")).toBe(expected.value.summary.en);

    // A typo is caught in the form, without a server call.
    const calls = server.calls.length;
    await page.fill("#compare-a-from", "");
    await page.click("#compare-run");
    await page.waitForSelector("#compare-result [role=alert]");
    expect(await page.textContent("#compare-result")).toContain("a.from");
    expect(server.calls.length).toBe(calls);

    await page.selectOption("#compare-kind", "groups");
    await page.selectOption("#compare-by", "region");
    const regions = await page.locator("#compare-a option").allTextContents();
    expect(regions.sort()).toEqual(["Beijing", "Shenzhen", "上海"]);
    await page.selectOption("#compare-a", "Beijing");
    await page.selectOption("#compare-b", "上海");
    await page.click("#compare-run");
    await page.waitForSelector("#compare-summary");
    await idle();
    expect(await page.locator(".comparison thead th").allTextContents()).toEqual([
      "Metric",
      "Beijing",
      "上海",
      "Change",
    ]);
    expect(await page.textContent("#compare-summary")).toMatch(/Beijing|上海/);
    await shot("analysis-compare-en");
  });
  it("speaks Chinese after the language switch", async () => {
    await page.click("#lang-switch");
    await page.waitForSelector("#segment-table");
    await idle();
    expect(await page.textContent("#tab-analysis")).toBe("分析");
    expect(await page.locator("#segment-table thead th").allTextContents()).toEqual([
      "分群",
      "客户数",
      "收入",
      "平均值",
      "中位数",
    ]);
    await shot("analysis-zh");
    await page.click("#lang-switch");
    await page.waitForSelector("#segment-table");
    await idle();
  });
});

describe("XLSX import in Chromium", () => {
  it("imports an .xlsx built with exceljs through file → mapping → preview → result", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Clients");
    ws.addRow(["客户编号", "客户名称", "Email", "Region"]);
    ws.addRow(["X001", "表格客户甲", "jia@xlsx.cn", "杭州"]);
    ws.addRow([]);
    ws.addRow(["X002", "Sheet Client Two", "two@xlsx.com", "Hangzhou"]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    await page.click("#tab-import");
    const before = sheetValues("Customers").length;
    await page.setInputFiles("#import-file", {
      name: "clients.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer,
    });
    await page.click("#import-next");
    await page.waitForSelector("#import-commit");
    expect(await page.textContent("#import-info")).toBe(
      "Read 2 rows (XLSX); the headers look like the Customers sheet.",
    );
    expect(server.calls.some((c) => c.name === "parseImportFile" && c.ok)).toBe(true);
    expect(await page.textContent("#import-report")).toBe("2 new, 0 already present, 0 changed");
    expect(await page.textContent("#import-detail")).toBe("Updated: 0. Rejected: 0.");
    await shot("import-xlsx-en");
    await page.click("#import-commit");
    await page.waitForFunction(() =>
      document.getElementById("toast")?.textContent?.includes("2 rows imported."),
    );
    const after = sheetValues("Customers");
    expect(after.length).toBe(before + 2);
    expect(after.map((r) => r[1])).toEqual(expect.arrayContaining(["表格客户甲", "Sheet Client Two"]));
  });

  it("refuses a legacy .xls before uploading it", async () => {
    const parses = server.calls.filter((c) => c.name === "parseImportFile").length;
    await page.setInputFiles("#import-file", {
      name: "old.xls",
      mimeType: "application/vnd.ms-excel",
      buffer: Buffer.from("not really excel"),
    });
    await page.click("#import-next");
    await page.waitForFunction(() => document.getElementById("toast")?.textContent?.includes("old.xls"));
    expect(await page.textContent("#toast")).toContain("old.xls is not a CSV or .xlsx file.");
    expect(server.calls.filter((c) => c.name === "parseImportFile").length).toBe(parses);
    expect(pageErrors).toEqual([]);
  });
});
