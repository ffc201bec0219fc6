import { strFromU8, unzipSync } from "fflate";
import type { CustomerQuery } from "../../../src/shared/browse";
import { CUSTOMER_HEADERS, XSS_NAME, seededBundle } from "./seed-book";

const query = (over: Partial<CustomerQuery> = {}): CustomerQuery => ({
  search: "",
  filters: {},
  sort: null,
  page: 1,
  pageSize: 25,
  ...over,
});

function sheetValues(bundle: ReturnType<typeof seededBundle>, name: string): unknown[][] {
  return bundle.emulator.snapshot().sheets.find((s) => s.name === name)!.values as unknown[][];
}

type Bundle = ReturnType<typeof seededBundle>;

function lastExecution(b: Bundle) {
  return b.executions[b.executions.length - 1];
}

describe("browse server functions", () => {
  it("paints the first page of a cold cache from its own rows, facets pending", () => {
    const b = seededBundle(60);
    const width = CUSTOMER_HEADERS.length;
    const page = b.ctx.listCustomers(query({ page: 2 }));
    expect(page.pending).toBe("facets");
    expect([page.total, page.pageCount, page.page]).toEqual([60, 3, 2]);
    expect(page.rows.map((r: { id: string }) => r.id)).toEqual(
      Array.from({ length: 25 }, (_, i) => `C0${String(26 + i).padStart(2, "0")}`),
    );
    expect(Object.values(page.facets).every((f) => (f as unknown[]).length === 0)).toBe(true);
    expect(Object.keys(page.facets)).toContain("Status");
    // The header row, two samples and the page's 25 rows: no whole column.
    expect(lastExecution(b).cellsRead).toBe(width + 2 + 25 * width);
    // The complete answer on request, with the same rows.
    const full = b.ctx.listCustomers(query({ page: 2 }), "en", "full");
    expect(full.pending).toBeUndefined();
    expect(full.rows).toEqual(page.rows);
    expect(full.facets.Status.length).toBeGreaterThan(0);
  });

  it("pages a sales rep's own customers on a cold cache from the Owner column alone", () => {
    const b = seededBundle(20, { user: "rep@example.com" });
    b.emulator.properties.document.set("roles", JSON.stringify({ "rep@example.com": "sales" }));
    const full = b.ctx.listCustomers(query({ pageSize: 25 }), "en", "full");
    b.emulator.clock.advance(7 * 3_600_000);
    const width = CUSTOMER_HEADERS.length;
    b.emulator.resetCounts();
    const quick = b.ctx.listCustomers(query({ pageSize: 25 }));
    expect(quick.pending).toBe("facets");
    expect(quick.total).toBe(10);
    expect(quick.rows).toEqual(full.rows);
    // Header, samples, the Owner column (20 cells) and the rep's rows: every other row, so one span of 19.
    expect(lastExecution(b).cellsRead).toBe(width + 2 + 20 + 19 * width);
    expect(b.emulator.counts()["Range.getValues"]).toBe(3);
  });

  it("lists a page with totals, facets and options; cold executions then read no customer rows", () => {
    const b = seededBundle(60);
    const width = CUSTOMER_HEADERS.length;
    const page = b.ctx.listCustomers(query(), "en", "full");
    expect([page.total, page.pageCount, page.rows.length]).toEqual([60, 3, 25]);
    expect(page.rows[0]).toMatchObject({ id: "C001", row: 2 });
    expect(page.rows[0].values.Name).toBe(XSS_NAME);
    expect(page.rows[1].values.Status).toBe("Won");
    expect(page.statusOptions.map((o: { value: string }) => o.value)).toContain("lost");
    // An empty cache: the list columns are read once (not the ID number, the why or the user's column).
    const first = lastExecution(b);
    expect(first.cellsRead).toBeLessThan(60 * width);
    expect(first.cellsRead).toBeGreaterThanOrEqual(60 * 16);
    // Page 3 is a fresh execution (no module state survives): the header row and two sample cells; its
    // rows come with the cached selection.
    b.emulator.resetCounts();
    const next = b.ctx.listCustomers(query({ page: 3 }));
    expect(next.rows.map((r: { id: string }) => r.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `C0${51 + i}`),
    );
    expect(next.total).toBe(60);
    expect(lastExecution(b).cellsRead).toBe(width + 2);
    expect(b.emulator.counts()["Range.getValues"]).toBe(1);
    expect(b.coldLoads).toBeGreaterThanOrEqual(2);
  });

  it("reads a deep page's own rows from the sheet, in sort order, fresh", () => {
    const b = seededBundle(520);
    const width = CUSTOMER_HEADERS.length;
    const sorted = query({ sort: { column: "Monetary", direction: "asc" }, pageSize: 10 });
    b.ctx.listCustomers(sorted);
    b.emulator.resetCounts();
    const deep = b.ctx.listCustomers({ ...sorted, page: 52 });
    expect(deep.rows.map((r: { id: string }) => r.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `C${511 + i}`),
    );
    expect(deep.rows[0]).toMatchObject({ row: 512, values: { Monetary: 511 * 37.5 } });
    // Past the cached head: the header, two samples and one read of the ten adjacent rows.
    expect(lastExecution(b).cellsRead).toBe(width + 2 + 10 * width);
    expect(b.emulator.counts()["Range.getValues"]).toBe(2);
  });

  it("shows a user's edit after the edit trigger ran, re-reading only the edited column and IDs", () => {
    const b = seededBundle(30);
    b.ctx.listCustomers(query(), "en", "full");
    b.ctx.setUpSheets();
    b.ctx.listCustomers(query(), "en", "full");
    const name = b.emulator.spreadsheet.getSheetByName("Customers")!.getRange("B4");
    b.emulator.edit("Customers!B4", [["Renamed Ltd"]]);
    expect(name.getValue()).toBe("Renamed Ltd");
    const page = b.ctx.listCustomers(query({ search: "renamed" }));
    expect(page.rows.map((r: { id: string }) => r.id)).toEqual(["C003"]);
    // Name and CustomerID came from the sheet again (30 cells each), every other column from the cache;
    // set-up appended the missing schema columns to the header row the stamp reads.
    const width = b.emulator.spreadsheet.getSheetByName("Customers")!.getLastColumn();
    expect(lastExecution(b).cellsRead).toBe(width + 2 + 2 * 30);
  });

  it("notices rows sorted behind its back (no version bump) and never lists a stale row", () => {
    const b = seededBundle(20);
    expect(b.ctx.listCustomers(query()).rows[0].id).toBe("C001");
    // A change no trigger reports: the sheet sorted by ID descending, through the uncounted API.
    const sheet = b.emulator.spreadsheet.getSheetByName("Customers")!;
    const values = sheet.getRange(2, 1, 20, sheet.getLastColumn()).getValues();
    sheet.getRange(2, 1, 20, sheet.getLastColumn()).setValues(values.reverse());
    const page = b.ctx.listCustomers(query());
    expect(page.rows[0]).toMatchObject({ id: "C020", row: 2 });
    expect(b.ctx.getCustomerPortrait("C001").row).toBe(21);
  });

  it("rebuilds what the document cache lost, and keeps each caller's scope apart", () => {
    const b = seededBundle(20, { user: "rep@example.com" });
    b.emulator.properties.document.set("roles", JSON.stringify({ "rep@example.com": "sales" }));
    expect(b.ctx.listCustomers(query()).total).toBe(10);
    b.emulator.setUser("boss@example.com");
    expect(b.ctx.listCustomers(query()).total).toBe(20);
    expect(b.ctx.getDashboard("en", "full").customers).toBe(20);
    b.emulator.setUser("rep@example.com");
    expect(b.ctx.getDashboard("en", "full").customers).toBe(10);
    expect(() => b.ctx.getCustomerPortrait("C001")).toThrow(/not found/);
    // Seven hours on, every cached value has expired (6 h at most): the same answers come from the sheet.
    b.emulator.clock.advance(7 * 3_600_000);
    expect(b.ctx.listCustomers(query()).total).toBe(10);
    expect(b.ctx.getCustomerPortrait("C002").orders).toHaveLength(2);
  });

  it("serves a repeated page from the document cache until the add-on writes", () => {
    const b = seededBundle(30);
    const first = b.ctx.listCustomers(query());
    b.emulator.resetCounts();
    expect(b.ctx.listCustomers(query())).toEqual(first);
    expect(b.emulator.counts()["Cache.put"] ?? 0).toBe(0);
    b.ctx.batchUpdateCustomers(["C001"], { status: "lost" });
    expect(b.ctx.listCustomers(query()).rows[0].values.Status).toBe("Lost");
  });

  it("searches zh and en text and phone numbers, filters and sorts", () => {
    const b = seededBundle(60);
    expect(b.ctx.listCustomers(query({ search: "星辰" })).rows.map((r: { id: string }) => r.id)).toEqual([
      "C002",
    ]);
    expect(
      b.ctx.listCustomers(query({ search: "13800001007" })).rows.map((r: { id: string }) => r.id),
    ).toEqual(["C007"]);
    const lost = b.ctx.listCustomers(query({ filters: { Status: "lost" } }));
    expect(lost.total).toBe(12);
    expect(new Set(lost.rows.map((r: { values: { Status: string } }) => r.values.Status))).toEqual(
      new Set(["Lost"]),
    );
    const sorted = b.ctx.listCustomers(query({ sort: { column: "Monetary", direction: "desc" } }));
    expect(sorted.rows[0].id).toBe("C060");
  });

  it("shows sales reps only their own customers and lets them change only those", () => {
    const b = seededBundle(20, { user: "rep@example.com" });
    b.emulator.properties.document.set("roles", JSON.stringify({ "rep@example.com": "sales" }));
    const page = b.ctx.listCustomers(query());
    expect(page.total).toBe(10);
    expect(page.canEdit).toBe("own");
    expect(page.canDelete).toBe(false);
    const before = sheetValues(b, "Customers");
    expect(() => b.ctx.batchUpdateCustomers(["C001", "C002"], { status: "won" })).toThrow(
      /only your own customers/,
    );
    expect(() => b.ctx.batchDeleteCustomers(["C001"])).toThrow(/does not allow/);
    expect(sheetValues(b, "Customers")).toEqual(before);
    expect(b.ctx.batchUpdateCustomers(["C002", "C004"], { status: "won" }).updated).toBe(2);
  });

  it("batch-sets status and tags in owned columns only, stamping UpdatedAt and auditing", () => {
    const b = seededBundle(10);
    const before = sheetValues(b, "Customers");
    const result = b.ctx.batchUpdateCustomers(["C004", "C006"], {
      status: "lost",
      addTags: ["vip"],
      removeTags: ["east"],
    });
    expect(result.updated).toBe(2);
    const after = sheetValues(b, "Customers");
    const header = after[0] as string[];
    const col = (name: string) => header.indexOf(name);
    expect(after[4][col("Status")]).toBe("Lost");
    expect(after[6][col("Status")]).toBe("Lost");
    expect(after[4][col("Tags")]).toBe("key, vip");
    expect(after[6][col("Tags")]).toBe("vip");
    expect(after[4][col("UpdatedAt")]).toBeInstanceOf(Object);
    // Every other cell, including the user's own column and other rows, is untouched.
    for (let r = 0; r < before.length; r++)
      for (let c = 0; c < header.length; c++)
        if (!((r === 4 || r === 6) && ["Status", "Tags", "UpdatedAt"].includes(header[c])))
          expect([r, c, after[r][c]]).toEqual([r, c, before[r][c]]);
    const audit = sheetValues(b, "AuditLog");
    expect(audit[audit.length - 1]).toContain("Batch update customers");
    // A later listing sees the change (the write bumped the index version).
    expect(
      b.ctx.listCustomers(query({ filters: { Status: "lost" } })).rows.map((r: { id: string }) => r.id),
    ).toContain("C004");
  });

  it("labels in the requested language and writes enum labels in the language of the column header", () => {
    const b = seededBundle(5);
    const zh = b.ctx.listCustomers(query(), "zh-CN");
    expect(zh.columns.find((c: { key: string }) => c.key === "Status").label).toBe("客户状态");
    expect(zh.rows[1].values.Status).toBe("已成交");
    const sheet = b.emulator.spreadsheet.getSheetByName("Customers")!;
    const statusColumn =
      (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[]).indexOf("Status") + 1;
    sheet.getRange(1, statusColumn).setValue("客户状态");
    b.ctx.batchUpdateCustomers(["C003"], { status: "following_up" });
    expect(sheet.getRange(4, statusColumn).getValue()).toBe("跟进中");
  });

  it("rejects a bad patch with a clear message and changes nothing", () => {
    const b = seededBundle(10);
    const before = b.emulator.snapshot();
    expect(() => b.ctx.batchUpdateCustomers(["C004"], { status: "bogus" })).toThrow(
      /Status "bogus" is not one of/,
    );
    expect(() => b.ctx.batchUpdateCustomers(["C004"], { owner: "not-an-email" })).toThrow(/not an e-mail/);
    expect(() => b.ctx.batchUpdateCustomers(["C999"], { status: "won" })).toThrow(/not found.*C999/);
    expect(b.emulator.snapshot().sheets.find((s) => s.name === "Customers")).toEqual(
      before.sheets.find((s) => s.name === "Customers"),
    );
  });

  it("deletes rows after a backup and undo puts the sheet back exactly", () => {
    const b = seededBundle(30);
    const before = sheetValues(b, "Customers");
    const del = b.ctx.batchDeleteCustomers(["C003", "C004", "C005", "C020", "C030"]);
    expect(del.deleted).toBe(5);
    // The backup is a registered set in the backup spreadsheet, not a tab of the book.
    expect(del.backupSheet).toMatch(/^Backup \d{4}-\d\d-\d\d \d\d:\d\d:\d\d Customers$/);
    expect(b.emulator.spreadsheet.getSheetByName(del.backupSheet)).toBeNull();
    expect(b.ctx.listBackups()[0].sheets).toEqual(["Customers"]);
    const mid = sheetValues(b, "Customers");
    expect(mid.length).toBe(before.length - 5);
    expect(mid.map((r) => r[0])).not.toContain("C004");
    expect(b.ctx.listCustomers(query()).total).toBe(25);
    expect(b.ctx.undoDelete(del.undoToken).restored).toBe(5);
    expect(sheetValues(b, "Customers")).toEqual(before);
    expect(() => b.ctx.undoDelete(del.undoToken)).toThrow(/can no longer be undone/);
    expect(b.ctx.listCustomers(query()).total).toBe(30);
  });

  it("draws a portrait with history, masked fields, next action and the why", () => {
    const b = seededBundle(10);
    const p = b.ctx.getCustomerPortrait("C002");
    expect(p.name).toBe("北京星辰科技有限公司");
    expect(p.orders.map((o: { orderId: string }) => o.orderId)).toEqual(["O2", "O1"]);
    expect(p.nextAction.code).toBe("collect_payment");
    expect(p.interactions[0].summary).toBe("<b>问价格</b>");
    expect(p.feedback[0]).toMatchObject({ rating: 5, resolved: true });
    expect(p.why).toBe("R2 F2");
    expect(p.fields.find((f: { key: string }) => f.key === "IDNumber")).toMatchObject({
      value: "••••••",
      masked: true,
    });
    expect(JSON.stringify(p)).not.toContain("110101199003071234");
    expect(
      b.ctx.getCustomerPortrait("C003").fields.find((f: { label: string }) => f.label === "My column")?.value,
    ).toBe("note 3");
    expect(() => b.ctx.getCustomerPortrait("nope")).toThrow(/not found/);
  });

  it("exports the current view as formula-safe CSV and XLSX", () => {
    const b = seededBundle(10);
    const csv = b.ctx.exportCustomers(query({ search: "ltd" }), "csv");
    const text = Buffer.from(csv.base64, "base64").toString("utf8");
    expect(csv.rows).toBe(1);
    expect(text).toContain("'@SUM(1,2) Ltd");
    expect(text).toContain("'+86 138 0000 1005");
    const xlsx = b.ctx.exportCustomers(query({ filters: { Region: "上海" } }), "xlsx");
    const sheet = strFromU8(
      unzipSync(new Uint8Array(Buffer.from(xlsx.base64, "base64")))["xl/worksheets/sheet1.xml"],
    );
    expect(xlsx.rows).toBe(4);
    expect(sheet).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(sheet).not.toContain("<f>");
  });

  it("selects a customer's row and a problem's cell", () => {
    const b = seededBundle(10);
    b.ctx.goToRow("C007");
    const range = b.emulator.spreadsheet.getActiveRange()!;
    expect([range.getSheet().getName(), range.getRow(), range.getNumRows()]).toEqual(["Customers", 8, 1]);
    b.ctx.selectCell("Orders", "C3");
    expect(b.emulator.spreadsheet.getActiveRange()!.getA1Notation()).toBe("C3");
    expect(() => b.ctx.selectCell("Orders", "javascript:1")).toThrow(/not an A1/);
  });

  it("sums the dashboard over what the caller may see", () => {
    const b = seededBundle(20);
    const d = b.ctx.getDashboard("en", "full");
    expect(d.pending).toBeUndefined();
    expect(d.customers).toBe(20);
    expect(d.revenueTrend).toHaveLength(12);
    expect(d.revenueTrend[11]).toEqual({ month: "2026-11", amount: 89 });
    expect(d.atRisk.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it("answers a cold dashboard from the last classification's summary, managers only, then from the cache", () => {
    const b = seededBundle(20, { user: "rep@example.com" });
    const summary = [
      {
        group: "segment",
        key: "champions",
        label: "Champions",
        customers: 5,
        revenue: 1,
        customerShare: 0.25,
        revenueShare: 1,
      },
      {
        group: "segment",
        key: "lost",
        label: "Lost",
        customers: 0,
        revenue: 0,
        customerShare: 0,
        revenueShare: 0,
      },
      { group: "abc", key: "A", label: "A", customers: 5, revenue: 1, customerShare: 0.25, revenueShare: 1 },
      {
        group: "lifecycle",
        key: "active",
        label: "Active",
        customers: 20,
        revenue: 1,
        customerShare: 1,
        revenueShare: 1,
      },
    ];
    b.emulator.properties.document.set("classifySummary", JSON.stringify(summary));
    b.emulator.setUser("boss@example.com");
    const quick = b.ctx.getDashboard();
    expect(quick.pending).toBe("aggregates");
    expect(quick.segmentMix).toEqual([{ label: "Champions", count: 5 }]);
    expect([quick.customers, quick.classifiedShare]).toEqual([20, 0.25]);
    expect(quick.revenueTrend).toHaveLength(12);
    // A sales rep never sees the whole book's figures.
    b.emulator.properties.document.set("roles", JSON.stringify({ "rep@example.com": "sales" }));
    b.emulator.setUser("rep@example.com");
    const rep = b.ctx.getDashboard();
    expect([rep.pending, rep.customers, rep.segmentMix.length]).toEqual(["aggregates", 0, 0]);
    // Once the complete answer was computed (its columns cached), a quick call is complete too.
    expect(b.ctx.getDashboard("en", "full").customers).toBe(10);
    const warm = b.ctx.getDashboard("zh-CN");
    expect([warm.pending, warm.customers]).toEqual([undefined, 10]);
  });
});
