import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { CUSTOMERS, ORDERS } from "../../../src/core/schema/sheets";
import { neutraliseCell } from "../../../src/core/table/export";
import {
  decodeText,
  defaultMapping,
  detectEncoding,
  loadTableFile,
  parseCsv,
  planImport,
  readXlsx,
  type Decoder,
} from "../../../src/core/table/import";
import { FIXTURES } from "./corpus";

const decode: Decoder = (bytes, encoding) => new TextDecoder(encoding).decode(bytes);

describe("decoding", () => {
  const text = "客户名称,电话\r\n杭州西湖,13812345678\r\n";

  it("detects UTF-8, UTF-8 with BOM, UTF-16 and GB18030", () => {
    const utf8 = new TextEncoder().encode(text);
    expect(decodeText(utf8, decode)).toEqual({ text, encoding: "utf-8" });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), decode)).toEqual({
      text,
      encoding: "utf-8-bom",
    });
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
    expect(decodeText(le, decode)).toEqual({ text, encoding: "utf-16le" });
    const gbk = readFileSync(path.join(FIXTURES, "customers-gbk.csv"));
    expect(detectEncoding(gbk)).toBe("gb18030");
    expect(decodeText(gbk, decode).text).toContain("杭州西湖茶业有限公司");
  });

  it("rejects truncated and overlong UTF-8", () => {
    expect(detectEncoding(new Uint8Array([0x41, 0xe4, 0xbd]))).toBe("gb18030");
    expect(detectEncoding(new Uint8Array([0xc0, 0x80]))).toBe("gb18030");
  });
});

describe("loadTableFile", () => {
  it("loads a GBK CSV written by Chinese Excel and recognises customers", () => {
    const file = loadTableFile(readFileSync(path.join(FIXTURES, "customers-gbk.csv")), decode);
    expect(file).toMatchObject({ format: "csv", encoding: "gb18030", sheet: { key: "Customers" } });
    expect(file.headers[1]).toBe("客户名称");
    expect(file.rows).toHaveLength(4);
  });

  it("loads an XLSX written by Excel (shared strings, numbers, dates) and recognises orders", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("订单");
    sheet.addRow(["订单号", "客户编号", "下单日期", "金额", "备注"]);
    sheet.addRow(["O1", "C000001", new Date(Date.UTC(2025, 2, 1)), 1200.5, "a & <b>"]);
    sheet.addRow([]);
    sheet.addRow(["O2", "C000002", "2025/3/2", "¥300", "富文本"]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const file = loadTableFile(bytes, decode);
    expect(file.format).toBe("xlsx");
    expect(file.sheet?.key).toBe("Orders");
    expect(file.rows).toEqual([
      ["O1", "C000001", 45717, 1200.5, "a & <b>"],
      ["O2", "C000002", "2025/3/2", "¥300", "富文本"],
    ]);
    expect(file.lines).toEqual([2, 4]);
  });

  it("keeps CSV line numbers across blank lines and quoted newlines", () => {
    const grid = parseCsv('Name,Notes\n\nA,"two\nlines"\nB,x\n');
    expect(grid.rows).toEqual([
      ["A", "two\nlines"],
      ["B", "x"],
    ]);
    expect(grid.lines).toEqual([3, 5]);
  });
});

describe("planImport", () => {
  const sheetHeaders = ["CustomerID", "Name", "Phone", "Email", "My notes", "CreatedAt", "UpdatedAt"];
  const sheetRows = [
    ["C000001", "Alpha", "+8613812345678", "a@x.com", "keep me", "T0", "T0"],
    ["C000002", "Beta", "+8613900000000", "b@x.com", "mine too", "T0", "T0"],
  ];
  const fileHeaders = ["客户编号", "客户名称", "手机", "邮箱", "微信"];
  const fileRows = [
    ["C000001", "Alpha Renamed", "", "", "w1"], // same ID
    ["", "Beta Co", "", "B@X.COM", "w2"], // same e-mail
    ["", "Gamma", "139 0000 0000", "", "w3"], // same phone
    ["", "Delta", "137 0000 0000", "d@x.com", ""], // new
    ["", "Delta again", "", "d@x.com", ""], // duplicate within the file
    ["", "", "13600000000", "bad@", ""], // rejected
  ];
  const base = {
    spec: CUSTOMERS,
    sheetHeaders,
    sheetRows,
    fileHeaders,
    fileRows,
    lang: "en" as const,
    now: "NOW",
  };

  it("maps headers by alias and to the sheet's own columns by name", () => {
    expect(defaultMapping(CUSTOMERS, ["手机", "My Notes", "微信"], sheetHeaders)).toEqual([
      "Phone",
      "custom:My notes",
      null,
    ]);
  });

  it("skips matches by ID, then e-mail, then phone, and reports rejects with reasons", () => {
    const plan = planImport({ ...base, dedupe: "skip" });
    expect(plan.report.added).toBe(1);
    expect(plan.report.skipped).toBe(4);
    expect(plan.report.rejected).toHaveLength(1);
    expect(plan.report.rejected[0].line).toBe(7);
    expect(plan.report.rejected[0].reason).toMatch(/Email "bad@"/);
    expect(plan.report.rejected[0].reason).toMatch(/Name is required/);
    expect(plan.appends).toEqual([["C000003", "Delta", "+8613700000000", "d@x.com", "", "NOW", "NOW"]]);
    expect(plan.updates.size).toBe(0);
  });

  it("updates matched rows' mapped cells only, keeping the user's own columns", () => {
    const plan = planImport({ ...base, dedupe: "update" });
    expect(plan.report).toMatchObject({ added: 1, updated: 2, skipped: 0 });
    expect(plan.updates.get(0)).toEqual([
      "C000001",
      "Alpha Renamed",
      "+8613812345678",
      "a@x.com",
      "keep me",
      "T0",
      "NOW",
    ]);
    expect(plan.updates.get(1)).toEqual([
      "C000002",
      "Gamma",
      "+8613900000000",
      "b@x.com",
      "mine too",
      "T0",
      "NOW",
    ]);
    expect(plan.appends[0]).toEqual([
      "C000003",
      "Delta again",
      "+8613700000000",
      "d@x.com",
      "",
      "NOW",
      "NOW",
    ]);
  });

  it("adds every valid row in add mode, with fresh IDs where the file's ID is taken", () => {
    const plan = planImport({ ...base, dedupe: "add" });
    expect(plan.report).toMatchObject({ added: 5, updated: 0, skipped: 0 });
    expect(plan.appends.map((r) => r[0])).toEqual(["C000003", "C000004", "C000005", "C000006", "C000007"]);
  });

  it("rejects orders of unknown customers and plans formula-like text as the text itself", () => {
    const plan = planImport({
      spec: ORDERS,
      sheetHeaders: ["OrderID", "CustomerID", "OrderDate", "Amount", "Product"],
      sheetRows: [],
      fileHeaders: ["Order ID", "Customer", "Date", "Revenue", "Item"],
      fileRows: [
        ["O1", "C000001", "2025/3/1", "¥1,000", '=HYPERLINK("x")'],
        ["O2", "C000404", "2025/3/1", "5", "ok"],
      ],
      dedupe: "skip",
      lang: "zh-CN",
      knownCustomerIds: new Set(["c000001"]),
    });
    // The value, not an entry: writeValues stores it so Sheets keeps it as text (test/gas/trust/attacks-input).
    expect(plan.appends).toEqual([["O1", "C000001", "2025-03-01", 1000, '=HYPERLINK("x")']]);
    expect(plan.report.rejected).toEqual([{ line: 3, reason: "客户编号 C000404 不存在。" }]);
  });
});

describe("neutraliseCell", () => {
  it("neutralises formula starts in text, not numbers", () => {
    expect(neutraliseCell("=1+1")).toBe("'=1+1");
    expect(neutraliseCell("\rX")).toBe("'\rX");
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell("ok")).toBe("ok");
  });
});

describe("planImport invariants", () => {
  it("accounts for every file row and never changes the sheet's own columns", () => {
    const sheetHeaders = ["CustomerID", "Name", "Email", "Phone", "Mine"];
    const person = fc.record({
      id: fc.constantFrom("", "C000001", "C000002", "c000003"),
      name: fc.constantFrom("", "Ann", "Bob"),
      email: fc.constantFrom("", "a@x.com", "A@X.COM", "b@x.com", "bad@"),
      phone: fc.constantFrom("", "13812345678", "+86 138 1234 5678", "12345"),
    });
    fc.assert(
      fc.property(
        fc.array(person, { maxLength: 6 }),
        fc.array(person, { maxLength: 12 }),
        fc.constantFrom("skip", "update", "add"),
        (existing, incoming, dedupe) => {
          const sheetRows = existing.map((p, i) => [p.id, p.name, p.email, p.phone, `mine ${i}`]);
          const plan = planImport({
            spec: CUSTOMERS,
            sheetHeaders,
            sheetRows,
            fileHeaders: ["ID", "Name", "E-mail", "Mobile", "Mine"],
            fileRows: incoming.map((p) => [p.id, p.name, p.email, p.phone, "from file"]),
            mapping: ["CustomerID", "Name", "Email", "Phone", null],
            dedupe,
            lang: "en",
          });
          const { added, updated, skipped, rejected } = plan.report;
          expect(plan.appends).toHaveLength(added);
          expect(added + skipped + rejected.length).toBeLessThanOrEqual(incoming.length);
          expect(updated).toBe(plan.updates.size);
          for (const [r, row] of plan.updates) expect(row[4]).toBe(sheetRows[r][4]);
          expect(plan.appends.every((row) => row[4] === "")).toBe(true);
          // Every added customer has an ID that no existing or other added row has.
          const taken = new Set(sheetRows.map((r) => r[0].toLowerCase()));
          const addedIds = plan.appends.map((r) => String(r[0]).toLowerCase());
          expect(addedIds.every((id) => id !== "" && !taken.has(id))).toBe(true);
          expect(new Set(addedIds).size).toBe(addedIds.length);
        },
      ),
    );
  });
});

describe("planImport formula safety", () => {
  it("plans formula-like text, signed numbers and E.164 phones as their values, no apostrophe added", () => {
    const plan = planImport({
      spec: CUSTOMERS,
      sheetHeaders: ["CustomerID", "Name", "Phone", "Notes", "Mine"],
      sheetRows: [],
      fileHeaders: ["ID", "Name", "Phone", "Notes", "Mine"],
      fileRows: [["C1", "@admin", "+86 138 1234 5678", "+1 call back", "-20"]],
      mapping: ["CustomerID", "Name", "Phone", "Notes", "custom:Mine"],
      dedupe: "add",
      lang: "en",
    });
    expect(plan.appends).toEqual([["C1", "@admin", "+8613812345678", "+1 call back", "-20"]]);
  });
});
