import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { associationRules } from "../../src/core/analysis/association";
import { encodeOrders } from "../../src/core/analysis/order-table";
import { dateKeyOfDay } from "../../src/core/calendar";
import { main } from "../../src/local/analyze-cli";
import { guessOrderHeaders } from "../../src/local/guess-order-headers";
import { mulberry32 } from "../../src/local/random";
import { CALIBRATION_END, cdnowCohortIds, cdnowPurchases, SHARED_DATA } from "../core/analysis/cdnow";
import { line } from "../core/analysis/fixtures";

/** The CSVs are read as Python's csv module and R's read.csv read them: nothing stripped first. */
function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(file, "utf8");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

const header = (file: string) => readFileSync(file, "utf8").split(/\r?\n/)[0];

/** The day `offset` days from today in Asia/Shanghai (the CLIs' zone), "YYYY-MM-DD". */
function shanghaiDay(offset = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  return new Date(Date.parse(today) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** An orders file: twelve customers, one order every three days for 240 orders, the last on `last`. */
function ordersEndingOn(file: string, last: string): void {
  const lines = ["OrderID,CustomerID,OrderDate,Amount"];
  for (let k = 0; k < 240; k++) {
    const day = new Date(Date.parse(last) - (239 - k) * 3 * 86_400_000).toISOString().slice(0, 10);
    lines.push(`O${k},K${k % 12},${day},${20 + (k % 7) * 10}`);
  }
  writeFileSync(file, lines.join("\n") + "\n");
}

/** The paper's BG/NBD on the cohort, in weeks (test/core/classify/bgnbd.test.ts). */
const REFERENCE = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe("npm run analyze", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "analyze-cli-"));
  let errors: string[] = [];
  let spyError: jest.SpyInstance;
  let spyLog: jest.SpyInstance;
  beforeEach(() => {
    errors = [];
    spyError = jest
      .spyOn(console, "error")
      .mockImplementation((...a: unknown[]) => void errors.push(a.join(" ")));
    spyLog = jest.spyOn(console, "log").mockImplementation(() => undefined);
  });
  afterEach(() => {
    spyError.mockRestore();
    spyLog.mockRestore();
  });

  it("writes all four outputs on the rfm package's orders, with the columns and keys the issue names", async () => {
    const out = path.join(dir, "rfm");
    const code = await main([
      "--orders",
      path.join(SHARED_DATA, "rfm_data_orders.csv"),
      "--as-of",
      "2006-12-31",
      "--out",
      out,
    ]);
    expect(code).toBe(0);
    expect(
      header(path.join(out, "rules.csv")).startsWith("antecedent,consequent,count,support,confidence,lift"),
    ).toBe(true);
    expect(
      header(path.join(out, "forecast.csv")).startsWith("month,segment,forecast,lower,upper,actual"),
    ).toBe(true);
    const models = JSON.parse(readFileSync(path.join(out, "models.json"), "utf8"));
    expect(Object.keys(models)).toEqual(["bgnbd", "gammaGamma", "oneTimeBuyers", "forecast"]);
    expect(Object.keys(models.bgnbd)).toEqual([
      "r",
      "alpha",
      "a",
      "b",
      "timeUnit",
      "converged",
      "logLikelihood",
    ]);
    expect(Object.keys(models.gammaGamma)).toEqual(["p", "q", "gamma", "converged", "customers"]);
    expect(Object.keys(models.forecast)).toEqual(["method", "backtestMape"]);
    expect(Object.keys(models.oneTimeBuyers)[0]).toBe("model");
    expect(models.bgnbd.timeUnit).toBe("day");
    // The package's data are random draws: a spend model with nothing to estimate says so.
    expect(models.gammaGamma.customers).toBeGreaterThan(900);
    const forecast = readCsv(path.join(out, "forecast.csv"));
    const book = forecast.filter((r) => r.segment === "all" && r.category === "all");
    expect(book.filter((r) => r.kind === "forecast").map((r) => r.month)[0]).toBe("2007-01");
    expect(book.filter((r) => r.kind === "backtest").every((r) => r.actual !== "")).toBe(true);
    expect(forecast.some((r) => r.segment !== "all")).toBe(true); // the classification's segments
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, "analysis.xlsx"));
    expect(workbook.worksheets[0].name).toBe("Analysis");
    expect(String(workbook.worksheets[0].getCell("A1").value)).toContain("As of 2006-12-31");
  }, 120_000);

  it("reproduces the CDNOW cohort's published BG/NBD and Gamma-Gamma from its purchases, both converged", async () => {
    const purchases = cdnowPurchases();
    const cohort = new Set(cdnowCohortIds(purchases));
    const orders = path.join(dir, "cohort.csv");
    writeFileSync(
      orders,
      "customer_id,order_date,number_of_cds,dollar_value\n" +
        purchases
          .filter((p) => cohort.has(p.customer))
          .map((p) => `${p.customer},${dateKeyOfDay(p.day)},${p.cds},${p.dollars}`)
          .join("\n"),
    );
    const out = path.join(dir, "cohort");
    const asOf = dateKeyOfDay(CALIBRATION_END);
    expect(await main(["--orders", orders, "--as-of", asOf, "--out", out])).toBe(0);
    const models = JSON.parse(readFileSync(path.join(out, "models.json"), "utf8"));
    expect(models.bgnbd.converged).toBe(true);
    // Days here, weeks in the paper: α scales by 7, r, a and b do not.
    const weeks = { ...models.bgnbd, alpha: models.bgnbd.alpha / 7 };
    for (const k of Object.keys(REFERENCE) as (keyof typeof REFERENCE)[])
      expect(Math.abs(weeks[k] / REFERENCE[k] - 1)).toBeLessThan(0.01);
    expect(models.gammaGamma).toMatchObject({ converged: true, customers: 946 });
    const published = { p: 6.25, q: 3.74, gamma: 15.44 };
    for (const k of Object.keys(published) as (keyof typeof published)[])
      expect(Math.abs(models.gammaGamma[k] / published[k] - 1)).toBeLessThan(0.01);
    expect(models.oneTimeBuyers.model).toBe("MBG/NBD");
    expect(models.oneTimeBuyers.customers).toBe(1411);
    expect(errors.some((e) => e.includes('column "dollar_value" read as Amount'))).toBe(true);
    const customers = readCsv(path.join(out, "customers.csv"));
    expect(customers).toHaveLength(2357);
    expect(customers.filter((c) => c.repeat_purchases === "0").every((c) => Number(c.p_alive) < 1)).toBe(
      true,
    );
  }, 180_000);

  it("runs on cdnow_master.txt itself (whitespace-separated): converged models, the forecast and its backtest", async () => {
    const out = path.join(dir, "cdnow");
    expect(
      await main([
        "--orders",
        path.join(SHARED_DATA, "cdnow_master.txt"),
        "--as-of",
        "1998-06-30",
        "--out",
        out,
      ]),
    ).toBe(0);
    const models = JSON.parse(readFileSync(path.join(out, "models.json"), "utf8"));
    expect(models.bgnbd.converged).toBe(true);
    expect(models.gammaGamma.converged).toBe(true);
    expect(models.gammaGamma.customers).toBe(11515);
    expect(models.forecast.backtestMape).toBeGreaterThan(0);
    const forecast = readCsv(path.join(out, "forecast.csv"));
    expect(forecast.filter((r) => r.segment === "all" && r.kind === "forecast")[0].month).toBe("1998-07");
    expect(readCsv(path.join(out, "customers.csv"))).toHaveLength(23570);
  }, 180_000);

  it("writes every rule of any size (no top-N cut), as the core computes them; --max-len and --basket apply", async () => {
    // 3,000 orders over 15 products with planted 5- and 4-product baskets.
    const rand = mulberry32(16);
    const rows: string[] = ["OrderID,CustomerID,OrderDate,Product,Amount"];
    const lines = [];
    for (let o = 0; o < 3000; o++) {
      const u = rand();
      const items = new Set<string>(
        u < 0.1 ? ["A", "B", "C", "D", "E"] : u < 0.2 ? ["F", "G", "H", "I"] : [],
      );
      for (let p = 0; p < 15; p++) if (rand() < 0.06) items.add(String.fromCharCode(65 + p));
      if (!items.size) items.add("O");
      const customer = `K${Math.floor(o / 2)}`;
      const date = `2025-${String(1 + (o % 12)).padStart(2, "0")}-15`;
      for (const p of items) {
        rows.push(`O${o},${customer},${date},${p},10`);
        lines.push(line(customer, date, 10, { orderId: `O${o}`, product: p }));
      }
    }
    const orders = path.join(dir, "basket.csv");
    writeFileSync(orders, rows.join("\n"));
    const args = ["--orders", orders, "--as-of", "2025-12-31", "--min-support", "0.02", "--min-lift", "0"];
    const out = path.join(dir, "basket");
    expect(await main([...args, "--out", out])).toBe(0);
    const rules = readCsv(path.join(out, "rules.csv"));
    const expected = associationRules(encodeOrders(lines), "order", {
      minSupport: 0.02,
      minConfidence: 0.2,
      minLift: 0,
    });
    expect(rules).toHaveLength(expected.rules.length);
    expect(rules.length).toBeGreaterThan(100);
    const sizes = rules.map((r) => r.antecedent.split(" + ").length + r.consequent.split(" + ").length);
    expect(Math.max(...sizes)).toBe(5);
    expect(sizes).toContain(4);
    const first = expected.rules[0];
    expect(rules[0]).toMatchObject({
      antecedent: first.antecedent.join(" + "),
      consequent: first.consequent.join(" + "),
      count: String(first.count),
      support: String(first.support),
      confidence: String(first.confidence),
      lift: String(first.lift),
    });
    const short = path.join(dir, "basket-3");
    expect(await main([...args, "--max-len", "3", "--out", short])).toBe(0);
    const three = readCsv(path.join(short, "rules.csv"));
    expect(
      Math.max(...three.map((r) => r.antecedent.split(" + ").length + r.consequent.split(" + ").length)),
    ).toBe(3);
    const perCustomer = path.join(dir, "basket-customer");
    expect(await main([...args, "--basket", "customer", "--min-support", "0.1", "--out", perCustomer])).toBe(
      0,
    );
    expect(readCsv(path.join(perCustomer, "rules.csv")).some((r) => r.spurious === "chance")).toBe(true);
  }, 180_000);

  it("without --as-of, analyses a file whose latest order is over a year old as of the day after it, and says so", async () => {
    const orders = path.join(dir, "stale.csv");
    ordersEndingOn(orders, "2006-06-29");
    const out = path.join(dir, "stale");
    expect(await main(["--orders", orders, "--lang", "zh-CN", "--out", out])).toBe(0);
    expect(errors).toContain("分析日期 2006-06-30：最近一笔订单（2006-06-29）已超过一年；可用 --as-of 指定");
    expect(errors.some((e) => e.startsWith(`${out}：`) && e.includes("分析日期 2006-06-30；"))).toBe(true);
    // The forecast runs up to that date: no month after June 2006 has an actual.
    const months = readCsv(path.join(out, "forecast.csv")).filter((r) => r.actual !== "");
    expect(months.length).toBeGreaterThan(0);
    expect(months.every((r) => r.month <= "2006-06")).toBe(true);
  }, 120_000);

  it("without --as-of, analyses a file with a recent order as of today, with no note", async () => {
    const orders = path.join(dir, "recent.csv");
    ordersEndingOn(orders, shanghaiDay(-1));
    const out = path.join(dir, "recent");
    expect(await main(["--orders", orders, "--out", out])).toBe(0);
    expect(errors.some((e) => e.includes("more than a year old"))).toBe(false);
    expect(errors.some((e) => e.startsWith(`${out}: `) && e.includes(`as of ${shanghaiDay()};`))).toBe(true);
  }, 120_000);

  it("reports bad rows by line, leaves them out, still writes, exits 1; usage errors exit 2; --help exits 0", async () => {
    const orders = path.join(dir, "bad.csv");
    writeFileSync(
      orders,
      "OrderID,CustomerID,OrderDate,Amount\nA,K1,2024-01-01,10\nB,K2,someday,20\nC,K1,2024-03-01,lots\nD,K3,2024-02-01,5\n",
    );
    const out = path.join(dir, "bad");
    expect(await main(["--orders", orders, "--as-of", "2024-06-30", "--out", out])).toBe(1);
    expect(errors.some((e) => e.startsWith('line 3: Orders!C3 "someday"'))).toBe(true);
    expect(errors.some((e) => e.startsWith('line 4: Orders!D4 "lots"'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(out, "models.json"), "utf8")).bgnbd.converged).toBe(false);
    expect(await main(["--orders", orders])).toBe(2);
    expect(await main(["--orders", orders, "--out", out, "--basket", "week"])).toBe(2);
    expect(await main(["--orders", orders, "--out", out, "--min-support", "2"])).toBe(2);
    expect(await main(["--help"])).toBe(0);
  }, 120_000);

  it("reads a UCI Online Retail header: InvoiceDate, Description, and Amount = Quantity × UnitPrice per line", () => {
    const { rows, notes } = guessOrderHeaders(
      [
        [
          "InvoiceNo",
          "StockCode",
          "Description",
          "Quantity",
          "InvoiceDate",
          "UnitPrice",
          "CustomerID",
          "Country",
        ],
        ["536365", "85123A", "WHITE HANGING HEART", "6", "12/1/2010 8:26", "2.55", "17850", "United Kingdom"],
        ["C536379", "D", "Discount", "-1", "12/1/2010 9:41", "27.50", "14527", "United Kingdom"],
        ["536366", "22633", "HAND WARMER", "6", "12/1/2010 8:28", "", "17850", "United Kingdom"],
        [
          "536367",
          "84879",
          "BIRD ORNAMENT",
          "many",
          "12/1/2010 8:34",
          "£1,690.00",
          "13047",
          "United Kingdom",
        ],
        ["536368", "22960", "JAM MAKING SET", "3", "12/1/2010 8:34", "£1,690.00", "13047", "United Kingdom"],
      ],
      "en",
      "en",
    );
    expect(rows[0]).toEqual([
      "OrderID",
      "StockCode",
      "Product",
      "Quantity",
      "OrderDate",
      "UnitPrice",
      "CustomerID",
      "Country",
      "Amount",
    ]);
    expect(rows.slice(1).map((r) => r[8])).toEqual([15.3, -27.5, "", "many × £1,690.00", 5070]);
    expect(notes).toEqual([
      'column "InvoiceNo" read as OrderID',
      'column "InvoiceDate" read as OrderDate',
      'column "Description" read as Product',
      "no amount column: Amount = Quantity × UnitPrice on each line (a negative quantity is a refund)",
    ]);
    // zh-CN headers and notes; a code column is the product only without a description.
    const zh = guessOrderHeaders([["单号", "会员", "时间", "商品编码", "件数", "售价"]], "zh-CN", "zh-CN");
    expect(zh.rows[0]).toEqual(["单号", "客户编号", "下单日期", "产品", "件数", "售价", "金额"]);
    expect(zh.notes).toContain("文件中没有金额列：按行计算 金额 = 件数 × 售价（数量为负的行记为退款）");
    expect(
      guessOrderHeaders([["purchase_date", "client_id", "stock_code", "Item Name", "Price"]], "en", "en")
        .rows[0],
    ).toEqual(["OrderDate", "CustomerID", "stock_code", "Product", "Price"]);
    // Mapped columns are never taken; a price beside an amount is no amount; no quantity, no product.
    expect(
      guessOrderHeaders(
        [["Order Date", "Ship Date", "Customer", "Client Name", "UnitPrice", "Amount"]],
        "en",
        "en",
      ),
    ).toEqual({
      rows: [["Order Date", "Ship Date", "Customer", "Client Name", "UnitPrice", "Amount"]],
      notes: [],
    });
    expect(guessOrderHeaders([["CustomerID", "OrderDate", "UnitPrice"]], "en", "en").rows[0]).toEqual([
      "CustomerID",
      "OrderDate",
      "UnitPrice",
    ]);
  });

  it("analyses a UCI-style file end to end: revenue from Quantity × UnitPrice, products by their description", async () => {
    const lines = ["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"];
    const goods = [
      ["85123A", "HEART"],
      ["71053", "LANTERN"],
      ["84406B", "CREAM CUPID"],
    ];
    for (let k = 0; k < 60; k++) {
      const day = `${1 + (k % 12)}/${1 + (k % 27)}/2011 10:00`;
      for (const [code, name] of k % 3 ? goods.slice(0, 2) : goods)
        lines.push(
          `${536000 + k},${code},${name},${2 + (k % 4)},${day},2.50,${17000 + (k % 15)},United Kingdom`,
        );
    }
    lines.push("C537000,85123A,HEART,-2,12/5/2011 11:00,2.50,17000,United Kingdom");
    const orders = path.join(dir, "retail.csv");
    writeFileSync(orders, lines.join("\n") + "\n");
    const out = path.join(dir, "retail");
    const code = await main(["--orders", orders, "--as-of", "2011-12-31", "--min-lift", "0", "--out", out]);
    expect(errors.filter((e) => e.startsWith("line "))).toEqual([]);
    expect(code).toBe(0);
    expect(errors).toContain(
      "retail.csv: no amount column: Amount = Quantity × UnitPrice on each line (a negative quantity is a refund)",
    );
    const rules = readCsv(path.join(out, "rules.csv"));
    expect(rules.some((r) => r.antecedent === "HEART" && r.consequent === "LANTERN")).toBe(true);
    // The Analysis tab's revenue is the lines' Quantity × UnitPrice, the refund taken off.
    const revenue = lines
      .slice(1)
      .map((l) => l.split(","))
      .reduce((s, f) => s + Number(f[3]) * Number(f[5]), 0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, "analysis.xlsx"));
    const cells: unknown[] = [];
    workbook.worksheets[0].eachRow((row) => row.eachCell((c) => void cells.push(c.value)));
    expect(cells.some((v) => typeof v === "number" && Math.abs(v - revenue) < 0.005)).toBe(true);
  }, 120_000);

  it("names a missing required column once, with the file and its columns, and no line per row", async () => {
    const orders = path.join(dir, "nodate.csv");
    writeFileSync(orders, "InvoiceNo,Quantity,UnitPrice,CustomerID\n1,2,3,K1\n2,1,4,\n3,1,4,\n");
    const out = path.join(dir, "nodate");
    expect(await main(["--orders", orders, "--out", out])).toBe(1);
    expect(errors.filter((e) => e.startsWith("line "))).toEqual([]);
    expect(errors).toContain(
      "nodate.csv: required column OrderDate (下单日期) is missing; columns found: InvoiceNo, Quantity, UnitPrice, CustomerID",
    );
    expect(errors[errors.length - 1]).toBe(
      "analysis failed: nodate.csv lacks a required column; nothing written",
    );
    errors = [];
    expect(await main(["--orders", orders, "--lang", "zh-CN", "--out", out])).toBe(1);
    expect(errors).toContain(
      "nodate.csv：缺少必需的列 下单日期（OrderDate）；文件中的列：InvoiceNo、Quantity、UnitPrice、CustomerID",
    );
    expect(errors[errors.length - 1]).toBe("分析失败：nodate.csv 缺少必需的列；未写出任何文件");
  }, 60_000);

  it("keeps a product written as a formula as its text; --max-len 1, no lifetime values and zh-CN are said", async () => {
    const orders = path.join(dir, "formula.csv");
    const rows = ["OrderID,CustomerID,OrderDate,Product,Amount"];
    for (let o = 0; o < 10; o++)
      for (const p of o % 2 ? ['=HYPERLINK(""x"")', "Salt", "'Pepper"] : ['=HYPERLINK(""x"")', "Salt"])
        rows.push(`O${o},K${o % 3},2024-0${1 + (o % 9)}-05,"${p}",10`);
    writeFileSync(orders, rows.join("\n") + "\n");
    const out = path.join(dir, "formula");
    const args = ["--orders", orders, "--as-of", "2024-12-31", "--min-lift", "0", "--min-support", "0.1"];
    expect(await main([...args, "--out", out])).toBe(0);
    const rules = readCsv(path.join(out, "rules.csv"));
    // rules.csv neutralises a leading "=" for spreadsheets ("'"); the product's own name is the text.
    expect(rules.some((r) => r.antecedent === `'=HYPERLINK("x")` && r.consequent === "Salt")).toBe(true);
    expect(rules.some((r) => r.consequent === "'Pepper")).toBe(true);
    expect(errors.some((e) => e.includes("no lifetime values: too few customers for BG/NBD"))).toBe(true);
    errors = [];
    expect(await main([...args, "--max-len", "1", "--lang", "zh-CN", "--out", out])).toBe(0);
    expect(errors).toContain("--max-len 1：一条规则至少有两个商品（前项、后项各一），rules.csv 将没有规则");
    expect(readCsv(path.join(out, "rules.csv"))).toEqual([]);
    expect(errors[errors.length - 1]).toMatch(
      /^.*：0 条规则（0 条已标记），未计算客户价值：.+，分析日期 2024-12-31；/,
    );
    errors = [];
    expect(await main([...args, "--max-len", "1", "--out", out])).toBe(0);
    expect(errors).toContain(
      "--max-len 1: a rule needs at least two items (one on each side), so rules.csv will have no rules",
    );
  }, 120_000);

  it("exits 2 on an empty orders file or a broken xlsx; leaves out a feedback file without ratings, with a note", async () => {
    const empty = path.join(dir, "empty.csv");
    writeFileSync(empty, "");
    const out = path.join(dir, "unreadable");
    expect(await main(["--orders", empty, "--out", out])).toBe(2);
    expect(errors).toEqual([`npm run analyze: ${empty}: the file is empty`]);
    const broken = path.join(dir, "broken.xlsx");
    writeFileSync(broken, "not a zip");
    errors = [];
    expect(await main(["--orders", broken, "--lang", "zh-CN", "--out", out])).toBe(2);
    expect(errors).toEqual([`npm run analyze：${broken}：不是可读取的 .xlsx 工作簿`]);
    const orders = path.join(dir, "fb-orders.csv");
    ordersEndingOn(orders, "2024-06-29");
    const feedback = path.join(dir, "feedback.csv");
    writeFileSync(feedback, "日期,客户编号,反馈内容\n2024/1/1,K1,质量不怎么样\n");
    errors = [];
    expect(
      await main(["--orders", orders, "--feedback", feedback, "--as-of", "2024-06-30", "--out", out]),
    ).toBe(0);
    expect(errors).toContain(
      "feedback.csv: required column Rating (满意度评分) is missing; columns found: 日期, 客户编号, 反馈内容",
    );
    expect(errors).toContain("the analysis goes on without this feedback file");
  }, 120_000);
});
