import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { main } from "../../src/local/classify-cli";

const DATA = path.join(__dirname, "..", "..", "..", "shared", "data");

function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

/** The day `offset` days from today in Asia/Shanghai (the CLIs' zone), "YYYY-MM-DD". */
function shanghaiDay(offset = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  return new Date(Date.parse(today) + offset * 86_400_000).toISOString().slice(0, 10);
}

describe("npm run classify", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "classify-cli-"));
  let errors: string[] = [];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    errors = [];
    spy = jest.spyOn(console, "error").mockImplementation((...a: unknown[]) => void errors.push(a.join(" ")));
  });
  afterEach(() => spy.mockRestore());

  it("reproduces the rfm package on rfm_data_orders.csv through the bundle", async () => {
    const out = path.join(dir, "rfm.csv");
    const code = await main([
      "--orders",
      path.join(DATA, "rfm_data_orders.csv"),
      "--as-of",
      "2006-12-31",
      "--out",
      out,
    ]);
    expect(code).toBe(0);
    const got = new Map(readCsv(out).map((r) => [r.CustomerID, r]));
    const expected = readCsv(path.join(DATA, "rfm_data_orders_expected.csv"));
    expect(got.size).toBe(expected.length);
    const wrong = expected.filter((e) => {
      const g = got.get(e.customer_id);
      return (
        !g ||
        g.Segment !== e.segment ||
        g.RecencyDays !== e.recency_days ||
        g.Frequency !== e.transaction_count ||
        g.Monetary !== e.amount ||
        `${g.R}${g.F}${g.M}` !== e.rfm_score
      );
    });
    expect(wrong).toEqual([]);
    expect(Object.keys(got.values().next().value!)).toEqual([
      "CustomerID",
      "RecencyDays",
      "Frequency",
      "Monetary",
      "R",
      "F",
      "M",
      "Segment",
      "ABC",
      "Lifecycle",
      "PAlive",
      "Why",
    ]);
  });

  it("without --as-of, classifies a file whose latest order is over a year old as of the day after it", async () => {
    const out = path.join(dir, "rfm-default.csv");
    expect(await main(["--orders", path.join(DATA, "rfm_data_orders.csv"), "--out", out])).toBe(0);
    expect(errors[0]).toBe(
      "as of 2006-12-31: the latest order (2006-12-30) is more than a year old; pass --as-of to choose",
    );
    expect(errors[1]).toContain("as of 2006-12-31;");
    // The rfm package's results (computed as of 2006-12-31), not everyone Lost.
    const got = new Map(readCsv(out).map((r) => [r.CustomerID, r]));
    const expected = readCsv(path.join(DATA, "rfm_data_orders_expected.csv"));
    expect(expected.filter((e) => got.get(e.customer_id)?.RecencyDays !== e.recency_days)).toEqual([]);
    expect(new Set([...got.values()].map((r) => r.Lifecycle)).size).toBeGreaterThan(1);
  });

  it("without --as-of, keeps today for a file with a recent order; says the stale date in zh-CN", async () => {
    const orders = path.join(dir, "recent.csv");
    writeFileSync(
      orders,
      `OrderID,CustomerID,OrderDate,Amount\nA,K1,${shanghaiDay(-40)},10\nB,K1,${shanghaiDay(-1)},20\n`,
    );
    const out = path.join(dir, "recent-out.csv");
    expect(await main(["--orders", orders, "--out", out])).toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`as of ${shanghaiDay()};`);
    expect(readCsv(out)[0].RecencyDays).toBe("1");

    const stale = path.join(dir, "stale.csv");
    writeFileSync(stale, "订单编号,客户编号,下单日期,金额\nA,K1,2005-03-01,10\nB,K1,2005-04-02,20\n");
    errors = [];
    expect(await main(["--orders", stale, "--lang", "zh-CN", "--out", out])).toBe(0);
    expect(errors[0]).toBe("分析日期 2005-04-03：最近一笔订单（2005-04-02）已超过一年；可用 --as-of 指定");
    expect(errors[1]).toContain("分析日期 2005-04-03；");
    expect(readCsv(out)[0].RecencyDays).toBe("1");
  });

  it("reads xlsx with zh-CN headers and YYYYMMDD dates, reports bad rows by line, exits 1", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("订单");
    sheet.addRows([
      ["订单编号", "客户编号", "下单日期", "金额"],
      ["O1", "=HYPERLINK(1)", "20240105", 100],
      ["O2", "K2", new Date(Date.UTC(2024, 0, 20)), 250],
      ["O3", "K2", "someday", 30],
      ["O4", "K3", "2024-01-25", "¥1,000"],
    ]);
    const file = path.join(dir, "orders.xlsx");
    await workbook.xlsx.writeFile(file);
    const out = path.join(dir, "zh.csv");
    const code = await main([
      "--orders",
      file,
      "--as-of",
      "2024-01-31",
      "--lang",
      "zh-CN",
      "--scheme",
      "cn8",
      "--out",
      out,
    ]);
    expect(code).toBe(1);
    expect(errors.some((e) => e.startsWith('line 4: 订单!C4 "someday"'))).toBe(true);
    const rows = readCsv(out);
    expect(rows.map((r) => r.CustomerID)).toEqual(["'=HYPERLINK(1)", "K2", "K3"]);
    const k2 = rows.find((r) => r.CustomerID === "K2")!;
    expect([k2.RecencyDays, k2.Frequency, k2.Monetary]).toEqual(["11", "1", "250"]);
    expect(rows.find((r) => r.CustomerID === "K3")!.Segment).toMatch(/客户$/);
    expect(k2.Why).toContain("最近一次下单在 11 天前");
  });

  it("reports customers missing from --customers and usage errors", async () => {
    const orders = path.join(dir, "o.csv");
    const customers = path.join(dir, "c.csv");
    writeFileSync(orders, "OrderID,CustomerID,OrderDate,Amount\nA,K1,2024-01-01,10\nB,K9,2024-01-02,20\n");
    writeFileSync(customers, "CustomerID,Name,Notes\nK1,One,keep\nK2,Two,\n");
    const out = path.join(dir, "c-out.csv");
    expect(
      await main(["--orders", orders, "--customers", customers, "--as-of", "2024-02-01", "--out", out]),
    ).toBe(1);
    expect(errors.some((e) => e.startsWith("line 3: customer K9 is not in the customers file"))).toBe(true);
    const rows = readCsv(out);
    expect(rows.map((r) => [r.CustomerID, r.Lifecycle])).toEqual([
      ["K1", "New"],
      ["K2", "Prospect"],
    ]);
    expect(await main(["--orders", orders])).toBe(2);
    expect(await main(["--orders", orders, "--out", out, "--bins", "one"])).toBe(2);
  });

  it("reads a CSV saved by Chinese Excel (GB18030) with zh-CN headers", async () => {
    const orders = path.join(__dirname, "..", "fixtures", "table", "orders-gbk.csv");
    expect(readFileSync(orders).includes(Buffer.from("订单", "utf8"))).toBe(false);
    const out = path.join(dir, "gbk-out.csv");
    expect(await main(["--orders", orders, "--as-of", "2025-12-31", "--out", out])).toBe(0);
    expect(readCsv(out).map((r) => [r.CustomerID, r.Frequency, r.Monetary])).toEqual([
      ["客户一", "2", "150"],
      ["華信貿易", "1", "1200"],
    ]);
  });

  it("reads an export's own headers as the analyze CLI does (Quantity × UnitPrice, d-mmm-yy dates, 12-hour times)", async () => {
    const orders = path.join(dir, "retail.csv");
    writeFileSync(
      orders,
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n" +
        "536365,85123A,HEART HOLDER,6,01-Dec-10 8:26 AM,2.55,17850\n" +
        "536365,71053,METAL LANTERN,2,01-Dec-10 8:26 AM,3.39,17850\n" +
        "536366,22633,HAND WARMER,6,1-Dec-10 8:28 PM,1.85,13047\n" +
        "C536367,22633,HAND WARMER,-1,02-Dec-10 9:00 AM,1.85,13047\n",
    );
    const out = path.join(dir, "retail-out.csv");
    expect(await main(["--orders", orders, "--as-of", "2010-12-31", "--out", out])).toBe(0);
    expect(errors).toContain('retail.csv: column "InvoiceDate" read as OrderDate');
    const rows = new Map(readCsv(out).map((r) => [r.CustomerID, r]));
    expect(rows.get("17850")).toMatchObject({ Frequency: "1", Monetary: "22.08", RecencyDays: "30" });
    expect(rows.get("13047")).toMatchObject({ Monetary: "9.25" }); // 6 × 1.85 less the cancelled 1.85
  });

  it("names a missing required column once and writes nothing", async () => {
    const orders = path.join(dir, "noamount.csv");
    writeFileSync(
      orders,
      "Member_number,Date,itemDescription\n1000,21-07-2015,whole milk\n1000,21-07-2015,soda\n",
    );
    const out = path.join(dir, "noamount-out.csv");
    expect(await main(["--orders", orders, "--out", out])).toBe(1);
    expect(errors.filter((e) => e.startsWith("line "))).toEqual([]);
    expect(errors).toContain(
      "noamount.csv: required column Amount (金额) is missing; columns found: Member_number, Date, itemDescription",
    );
    expect(errors[errors.length - 1]).toBe(
      "classification failed: noamount.csv lacks a required column; nothing written",
    );
    expect(existsSync(out)).toBe(false);
  });

  it("asks only for the columns classification reads: a customers file without Name is fine", async () => {
    const orders = path.join(dir, "o-noname.csv");
    const customers = path.join(dir, "c-noname.csv");
    writeFileSync(orders, "OrderID,CustomerID,OrderDate,Amount\nA,K1,2024-01-01,10\nB,K2,2024-01-02,20\n");
    writeFileSync(customers, "CustomerID,Region\nK1,North\nK2,South\n");
    const out = path.join(dir, "noname-out.csv");
    expect(
      await main(["--orders", orders, "--customers", customers, "--as-of", "2024-02-01", "--out", out]),
    ).toBe(0);
    expect(readCsv(out).map((r) => [r.CustomerID, r.Frequency])).toEqual([
      ["K1", "1"],
      ["K2", "1"],
    ]);
  });
});
