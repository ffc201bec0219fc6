import { execSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { htmlBytes, MAX_MAIL_HTML_BYTES } from "../../../src/core/notify/mail-layout";
import { main, parseDemoArgs } from "../../../src/local/demo/run-demo";

const ROOT = path.join(__dirname, "..", "..", "..");

// `npm test` builds once before Jest; rebuilding here would swap dist/ under tests running in parallel.
beforeAll(() => {
  if (!existsSync(path.join(ROOT, "dist", "Code.js"))) execSync("node build.mjs --quiet", { cwd: ROOT });
});

function capture(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const log = jest
    .spyOn(console, "log")
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  const err = jest
    .spyOn(console, "error")
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  return {
    lines,
    restore() {
      log.mockRestore();
      err.mockRestore();
    },
  };
}

async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

describe("demo runner", () => {
  it("rejects unknown flags and bad values with a usage error", async () => {
    expect(() => parseDemoArgs(["--nope"])).toThrow("unknown flag --nope");
    expect(() => parseDemoArgs(["--lang", "fr"])).toThrow("--lang must be en or zh-CN");
    const out = capture();
    try {
      expect(await main(["--days", "-1"])).toBe(2);
    } finally {
      out.restore();
    }
  });

  it("walks the menu on a seeded book and writes a readable workbook, problems, mails and a summary", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "demo-"));
    const out = capture();
    let code: number;
    try {
      code = await main(["--customers", "120", "--orders", "1200", "--days", "1", "--out", dir]);
    } finally {
      out.restore();
    }
    expect(out.lines.join("\n")).toContain("Add-on menu:");
    expect(code).toBe(0);

    const book = await readXlsx(path.join(dir, "workbook.xlsx"));
    const customers = book.getWorksheet("Customers")!;
    const header = (customers.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(
      expect.arrayContaining(["CustomerID", "Name", "Segment", "ABC", "Lifecycle", "Why"]),
    );
    const segmentCol = header.indexOf("Segment") + 1;
    const segments = new Set<string>();
    customers.eachRow((row, n) => n > 1 && segments.add(String(row.getCell(segmentCol).value ?? "")));
    expect(segments.size).toBeGreaterThan(2);
    expect(book.getWorksheet("Analysis")).toBeDefined();
    const orders = book.getWorksheet("Orders")!;
    const orderHeader = (orders.getRow(1).values as unknown[]).slice(1).map(String);
    const date = orders.getRow(2).getCell(orderHeader.indexOf("OrderDate") + 1);
    expect(date.value).toBeInstanceOf(Date);
    expect(date.numFmt).toMatch(/yyyy/);
    // The seeded ID numbers were typed in plain text; after the menu's run only masks are left anywhere.
    const idCol = header.indexOf("IDNumber") + 1;
    const ids: string[] = [];
    customers.eachRow((row, n) => n > 1 && ids.push(String(row.getCell(idCol).value ?? "")));
    expect(ids.filter((v) => v !== "").length).toBeGreaterThan(3);
    expect(ids.filter((v) => v !== "" && !/^\d{4}\*{8}[\dX]{4}$/.test(v))).toEqual([]);
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => expect(String(cell.value ?? "")).not.toMatch(/^\d{17}[\dX]$/)),
      ),
    );

    const problems = readFileSync(path.join(dir, "problems.csv"), "utf8").trim().split("\n");
    expect(problems[0]).toBe("sheet,cell,value,rule,message");
    expect(problems.length).toBeGreaterThan(3);
    expect(problems.some((l) => /^Customers,E\d+,not-an-email,email,/.test(l))).toBe(true);

    const mails = readdirSync(path.join(dir, "mail"));
    const eml = mails.filter((f) => f.endsWith(".eml"));
    expect(eml.length).toBeGreaterThan(0);
    expect(mails.filter((f) => f.endsWith(".html")).length).toBe(eml.length);
    // Under Gmail's clipping size, each (the zh-CN run: mail-output.test.ts).
    for (const f of mails.filter((m) => m.endsWith(".html")))
      expect([f, htmlBytes(readFileSync(path.join(dir, "mail", f), "utf8")) <= MAX_MAIL_HTML_BYTES]).toEqual([
        f,
        true,
      ]);
    expect(readFileSync(path.join(dir, "mail", eml[0]), "utf8")).toMatch(
      /Content-Type: multipart\/alternative/,
    );

    const summary = JSON.parse(readFileSync(path.join(dir, "summary.json"), "utf8"));
    expect(summary.steps.every((s: { error?: string }) => !s.error)).toBe(true);
    expect(summary.menu.length).toBeGreaterThan(5);

    // A privacy request: one customer exported (their ID number decrypted: the demo user owns the book), then
    // erased; their orders stay under the pseudonym.
    const { customerId, erased } = summary.privacy;
    const exported = JSON.parse(readFileSync(path.join(dir, "privacy", `${customerId}.json`), "utf8"));
    expect(exported.customerId).toBe(customerId);
    expect(exported.sections.customer.rows).toHaveLength(1);
    expect(exported.sections.orders.rows.length).toBeGreaterThan(0);
    expect(exported.sections.vault.rows[0].Value).toMatch(/^\d{17}[\dX]$/);
    const exportBook = await readXlsx(path.join(dir, "privacy", `${customerId}.xlsx`));
    expect(exportBook.worksheets).toHaveLength(1);
    expect(erased.customers).toBe(1);
    expect(erased.ordersPseudonymised).toBe(exported.sections.orders.rows.length);
    const left: string[] = [];
    customers.eachRow((row, n) => n > 1 && left.push(String(row.getCell(1).value)));
    expect(left).not.toContain(customerId);
    const orderIds: string[] = [];
    orders.eachRow(
      (row, n) => n > 1 && orderIds.push(String(row.getCell(orderHeader.indexOf("CustomerID") + 1).value)),
    );
    expect(orderIds.filter((id) => id === erased.pseudonym)).toHaveLength(erased.ordersPseudonymised);
  });

  it("recognises the user's own files by their headers (zh-CN orders CSV, English customers XLSX)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "demo-input-"));
    const orders = path.join(dir, "orders.csv");
    writeFileSync(
      orders,
      '\uFEFF订单编号,客户编号,下单日期,产品,金额\nSO1,C1,2026-10-01,Phone case,89\nSO2,C2,2026/10/5,Laptop Pro,"¥8,999"\n',
    );
    const xlsx = new ExcelJS.Workbook();
    const ws = xlsx.addWorksheet("whatever");
    ws.addRow(["Customer ID", "Customer Name", "E-mail"]);
    ws.addRow(["C1", "Acme", "a@example.com"]);
    ws.addRow(["C2", "华信贸易", "b@example.com"]);
    const customers = path.join(dir, "customers.xlsx");
    await xlsx.xlsx.writeFile(customers);

    const out = capture();
    let code: number;
    try {
      code = await main([
        "--input",
        orders,
        "--input",
        customers,
        "--days",
        "0",
        "--out",
        path.join(dir, "out"),
      ]);
    } finally {
      out.restore();
    }
    const text = out.lines.join("\n");
    expect(text).toMatch(/orders\.csv: csv \(utf-8-bom\), 2 rows → sheet "Orders" \(Orders\)/);
    expect(text).toMatch(/customers\.xlsx: xlsx, 2 rows → sheet "Customers" \(Customers\)/);
    expect(code).toBe(0);
  });

  it("given orders alone, lists the customers they name and classifies them", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "demo-orders-only-"));
    const orders = path.join(dir, "orders.csv");
    const lines = ["OrderID,CustomerID,OrderDate,Amount"];
    for (let k = 0; k < 30; k++)
      lines.push(`O${k},K${k % 7},2026-${String(1 + (k % 10)).padStart(2, "0")}-05,${10 + k}`);
    writeFileSync(orders, lines.join("\r\n") + "\r\n");
    const out = capture();
    try {
      expect(await main(["--input", orders, "--days", "0", "--out", path.join(dir, "out")])).toBe(0);
    } finally {
      out.restore();
    }
    expect(out.lines.join("\n")).toContain(
      '(no customers file) 7 customers named by the other files → sheet "Customers"',
    );
    const book = await readXlsx(path.join(dir, "out", "workbook.xlsx"));
    const customers = book.getWorksheet("Customers")!;
    const header = (customers.getRow(1).values as unknown[]).slice(1).map(String);
    const segment = header.indexOf("Segment") + 1;
    const ids: string[] = [];
    customers.eachRow(
      (row, n) => n > 1 && row.getCell(segment).value && ids.push(String(row.getCell(1).value)),
    );
    expect(ids.sort()).toEqual(["K0", "K1", "K2", "K3", "K4", "K5", "K6"]);
  });

  it("says which file it cannot place", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "demo-bad-"));
    const file = path.join(dir, "notes.csv");
    writeFileSync(file, "foo,bar\n1,2\n");
    const out = capture();
    try {
      expect(await main(["--input", file, "--out", path.join(dir, "out")])).toBe(2);
    } finally {
      out.restore();
    }
    expect(out.lines.join("\n")).toContain("notes.csv: its headers (foo, bar…) match none of");
  });
});
