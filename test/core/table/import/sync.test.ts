import fc from "fast-check";
import { CUSTOMERS, INTERACTIONS, ORDERS } from "../../../../src/core/schema/sheets";
import {
  planImport,
  type DedupeMode,
  type ImportInput,
  type ImportPlan,
} from "../../../../src/core/table/import/plan-import";

type Row = readonly unknown[];

/** The sheet after a plan is written: updated rows replaced, appended rows at the end. */
function applied(rows: readonly Row[], plan: ImportPlan): Row[] {
  return [...rows.map((row, r) => plan.updates.get(r) ?? row), ...plan.appends];
}

const ORDER_SHEET = ["OrderID", "CustomerID", "OrderDate", "Product", "Amount", "PaymentStatus", "My note"];
const ORDER_FILE = ["订单编号", "客户编号", "下单日期", "产品", "金额", "付款状态"];

function importOrders(
  sheetRows: readonly Row[],
  fileRows: readonly Row[],
  dedupe: DedupeMode = "skip",
  extra: Partial<ImportInput> = {},
): ImportPlan {
  return planImport({
    spec: ORDERS,
    sheetHeaders: ORDER_SHEET,
    sheetRows,
    fileHeaders: ORDER_FILE,
    fileRows,
    dedupe,
    lang: "zh-CN",
    timeZone: "Asia/Shanghai",
    ...extra,
  });
}

/** Runs imports one after another from `start`, returning the final sheet and each report. */
function importAll(start: readonly Row[], files: readonly (readonly Row[])[], dedupe: DedupeMode) {
  let sheet: Row[] = [...start];
  const reports = files.map((file) => {
    const plan = importOrders(sheet, file, dedupe);
    sheet = applied(sheet, plan);
    return plan.report;
  });
  return { sheet, reports };
}

/** A sheet as a multiset: rows in a canonical order. */
const asBag = (rows: readonly Row[]) => rows.map((r) => JSON.stringify(r)).sort();

describe("planImport: re-importing orders (idempotent sync)", () => {
  const file: Row[] = [
    ["SO-1", "C001", "2025/3/1", "苹果", "¥1,000", "未付款"],
    ["SO-1", "C001", "2025/3/1", "香蕉", "200", "未付款"],
    ["SO-2", "C002", "2025-03-02", "苹果", "50", "已付款"],
  ];

  it("finds every line of the same file present the second time and writes nothing", () => {
    const first = importOrders([], file);
    expect(first.report).toMatchObject({ added: 3, present: 0, changed: 0, updated: 0, skipped: 0 });
    const sheet = applied([], first);
    for (const dedupe of ["skip", "update"] as const) {
      const again = importOrders(sheet, file, dedupe);
      expect(again.report).toEqual({
        added: 0,
        updated: 0,
        skipped: 3,
        present: 3,
        changed: 0,
        rejected: [],
      });
      expect(again.appends).toEqual([]);
      expect(again.updates.size).toBe(0);
    }
  });

  it("reads the sheet's values as the parsers do: Date objects by the calendar, amounts by value", () => {
    // 2025-03-01 00:00 in Shanghai is 2025-02-28 16:00 UTC: the same day, read in the sheet's zone.
    const day = new Date(Date.UTC(2025, 1, 28, 16));
    const sheet: Row[] = [
      ["", "c001", day, "苹果", 1000, "Unpaid", "mine"],
      ["", "C001", day, "香蕉", 200, "未付款", ""],
    ];
    const plan = importOrders(
      sheet,
      file.slice(0, 2).map((r) => ["", ...r.slice(1)]),
    );
    expect(plan.report).toMatchObject({ added: 0, present: 2, changed: 0 });
  });

  it("updates a changed line's own columns in update mode, keeping the sheet's own column; skip keeps it", () => {
    const sheet = applied([], importOrders([], file)).map((r, i) =>
      i === 0 ? [...r.slice(0, 6), "note"] : r,
    );
    const paid = [["SO-1", "C001", "2025/3/1", "苹果", "1000", "已付款"], ...file.slice(1)];
    const update = importOrders(sheet, paid, "update");
    expect(update.report).toMatchObject({ added: 0, updated: 1, present: 2, changed: 1, skipped: 2 });
    expect(update.updates.get(0)).toEqual(["SO-1", "C001", "2025-03-01", "苹果", 1000, "Paid", "note"]);
    const skip = importOrders(sheet, paid, "skip");
    expect(skip.report).toMatchObject({ added: 0, updated: 0, present: 2, changed: 1, skipped: 3 });
    expect(skip.updates.size).toBe(0);
  });

  it("pairs an order's lines by product, then by position; a new line of a known order is new", () => {
    const sheet = applied([], importOrders([], file));
    const next: Row[] = [
      ["SO-1", "C001", "2025/3/1", "香蕉", "250", "未付款"], // same product, other amount
      ["SO-1", "C001", "2025/3/1", "梨", "1000", "未付款"], // 苹果 corrected to 梨: the line left
      ["SO-1", "C001", "2025/3/1", "桃", "80", "未付款"], // a line the order did not have
    ];
    const plan = importOrders(sheet, next, "update");
    expect(plan.report).toMatchObject({ added: 1, updated: 2, changed: 2, present: 0 });
    expect(plan.updates.get(1)?.[4]).toBe(250);
    expect(plan.updates.get(0)?.[3]).toBe("梨");
    expect(plan.appends.map((r) => r[3])).toEqual(["桃"]);
  });

  it("keeps two identical lines of one file as two rows, however often the file is imported", () => {
    const twice: Row[] = [
      ["", "C001", "2025/3/1", "苹果", "10", ""],
      ["", "C001", "2025/3/1", "苹果", "10", ""],
    ];
    const { sheet, reports } = importAll([], [twice, twice, twice], "skip");
    expect(sheet).toHaveLength(2);
    expect(reports.map((r) => [r.added, r.present])).toEqual([
      [2, 0],
      [0, 2],
      [0, 2],
    ]);
    // A third identical line in a later export is one more purchase.
    expect(importOrders(sheet, [...twice, twice[0]]).report).toMatchObject({ added: 1, present: 2 });
  });

  it("adds everything again in add mode", () => {
    const sheet = applied([], importOrders([], file));
    expect(importOrders(sheet, file, "add").report).toMatchObject({ added: 3, present: 0, changed: 0 });
  });

  it("recognises interactions by customer, date, channel, type and summary", () => {
    const headers = ["Date", "CustomerID", "Channel", "Type", "Summary", "NextFollowUp"];
    const run = (sheetRows: readonly Row[], fileRows: readonly Row[]) =>
      planImport({
        spec: INTERACTIONS,
        sheetHeaders: headers,
        sheetRows,
        fileHeaders: ["日期", "客户编号", "渠道", "互动类型", "内容摘要", "下次跟进"],
        fileRows,
        dedupe: "update",
        lang: "zh-CN",
      });
    const rows: Row[] = [["2025/3/1", "C001", "电话", "回访", "报价", "2025/3/8"]];
    const sheet = applied([], run([], rows));
    expect(run(sheet, rows).report).toMatchObject({ added: 0, present: 1 });
    const moved = run(sheet, [["2025/3/1", "C001", "电话", "回访", "报价", "2025/3/15"]]);
    expect(moved.report).toMatchObject({ added: 0, changed: 1, updated: 1 });
  });
});

describe("planImport: re-importing customers", () => {
  const headers = ["CustomerID", "Name", "Email", "UpdatedAt"];
  const run = (sheetRows: readonly Row[], fileRows: readonly Row[], dedupe: DedupeMode) =>
    planImport({
      spec: CUSTOMERS,
      sheetHeaders: headers,
      sheetRows,
      fileHeaders: ["客户编号", "客户名称", "电子邮件"],
      fileRows,
      dedupe,
      lang: "zh-CN",
      now: "NOW",
    });

  it("counts a customer whose row holds the same values as present, not updated, and stamps nothing", () => {
    const sheet: Row[] = [["C001", "Alpha", "a@x.com", "T0"]];
    const plan = run(sheet, [["c001", "Alpha", "A@X.com"]], "update");
    expect(plan.report).toMatchObject({ added: 0, updated: 0, present: 1, changed: 0, skipped: 1 });
    expect(plan.updates.size).toBe(0);
    const renamed = run(sheet, [["C001", "Alpha Ltd", ""]], "update");
    expect(renamed.report).toMatchObject({ updated: 1, present: 0, changed: 1, skipped: 0 });
    expect(renamed.updates.get(0)).toEqual(["C001", "Alpha Ltd", "a@x.com", "NOW"]);
  });

  it("compares ID numbers by what they are, not by their masks", () => {
    const run1 = (shown: string, file: string) =>
      planImport({
        spec: CUSTOMERS,
        sheetHeaders: ["CustomerID", "Name", "IDNumber"],
        sheetRows: [["C001", "Alpha", shown]],
        fileHeaders: ["客户编号", "客户名称", "身份证号"],
        fileRows: [["C001", "Alpha", file]],
        dedupe: "update",
        lang: "zh-CN",
      }).report;
    // The sheet's plaintext as the vault gives it back (gas/trust/vault.ts withPlaintext): the same number.
    expect(run1("310101199001011234", "310101199001011234")).toMatchObject({ present: 1, changed: 0 });
    // Another number with the same first and last four digits (the same mask) is a change.
    expect(run1("310101199001011234", "310109198802021234")).toMatchObject({ present: 0, changed: 1 });
    // A mask the vault could not open is never taken for the file's number: sealed again.
    expect(run1("3101********1234", "310101199001011234")).toMatchObject({ present: 0, changed: 1 });
    expect(run1("3101********1234", "3101********1234")).toMatchObject({ present: 1, changed: 0 });
  });
});

describe("planImport sync properties", () => {
  // A small alphabet so that keys collide often: repeated order IDs, identical lines, changed states.
  const line = fc.tuple(
    fc.constantFrom("", "SO-1", "SO-2"),
    fc.constantFrom("C001", "c002"),
    fc.constantFrom("2025/3/1", "2025-03-02"),
    fc.constantFrom("", "苹果", "香蕉"),
    fc.constantFrom("10", "¥10.00", "20"),
    fc.constantFrom("", "未付款", "已付款"),
  );
  const file = fc.array(line, { maxLength: 8 });
  const dedupe = fc.constantFrom<DedupeMode>("skip", "update");

  it("import(F) then import(F) equals import(F), and the second finds nothing new or changed", () => {
    fc.assert(
      fc.property(file, file, dedupe, (start, f, mode) => {
        const sheet0 = applied([], importOrders([], start, "add"));
        const once = importAll(sheet0, [f], mode);
        const twice = importAll(sheet0, [f, f], mode);
        expect(twice.sheet).toEqual(once.sheet);
        const second = twice.reports[1];
        expect(second.added).toBe(0);
        expect(second.updated).toBe(0);
        if (mode === "update") expect(second.present).toBe(f.length);
        expect(second.present + second.changed).toBe(f.length);
      }),
      { numRuns: 300 },
    );
  });

  it("a line blank in a column never takes the row another line of the file wrote (found by the property above)", () => {
    const cases: readonly (readonly string[][])[][] = [
      [
        [["SO-1", "C001", "2025/3/1", "苹果", "10", "未付款"]],
        [
          ["SO-1", "C001", "2025/3/1", "", "20", "未付款"],
          ["SO-1", "C001", "2025/3/1", "苹果", "20", ""],
        ],
      ],
      [
        [
          ["SO-1", "C001", "2025/3/1", "香蕉", "10", ""],
          ["SO-1", "c002", "2025/3/1", "香蕉", "10", "已付款"],
        ],
        [
          ["SO-1", "c002", "2025/3/1", "香蕉", "10", ""],
          ["SO-1", "c002", "2025/3/1", "", "10", "未付款"],
        ],
      ],
    ];
    for (const [start, f] of cases) {
      const sheet0 = applied([], importOrders([], start, "add"));
      const once = importAll(sheet0, [f], "update");
      const twice = importAll(sheet0, [f, f], "update");
      expect(twice.sheet).toEqual(once.sheet);
      expect(twice.reports[1]).toMatchObject({ present: 2, changed: 0, added: 0, updated: 0 });
    }
  });

  it("import(F) then import(F ∪ G) equals import(F ∪ G); from any sheet, as many rows", () => {
    fc.assert(
      fc.property(file, file, file, dedupe, (start, f, g, mode) => {
        const stepwise = importAll([], [f, [...f, ...g]], mode);
        const direct = importAll([], [[...f, ...g]], mode);
        expect(asBag(stepwise.sheet)).toEqual(asBag(direct.sheet));
        // Over rows that came from elsewhere, which row a changed value lands on may differ; the count not.
        const sheet0 = applied([], importOrders([], start, "add"));
        const fromSheet = importAll(sheet0, [f, [...f, ...g]], mode).sheet;
        expect(fromSheet).toHaveLength(importAll(sheet0, [[...f, ...g]], mode).sheet.length);
      }),
      { numRuns: 300 },
    );
  });

  it("accounts for every file line exactly once: new, present, changed or rejected", () => {
    fc.assert(
      fc.property(file, file, dedupe, (start, f, mode) => {
        const sheet0 = applied([], importOrders([], start, "add"));
        const { report, appends } = importOrders(sheet0, f, mode);
        expect(report.added).toBe(appends.length);
        expect(report.added + report.present + report.changed + report.rejected.length).toBe(f.length);
        expect(applied(sheet0, importOrders(sheet0, f, mode)).length).toBe(sheet0.length + report.added);
      }),
    );
  });
});

describe("a file's column of typed dates", () => {
  it("is read in the one day/month order its texts prove, whatever the language", () => {
    // 25/03 proves day first: 01/04 is the 1st of April although zh-CN and en differ on it alone.
    const file = [
      ["A1", "C1", "25/03/2025", "茶叶", 10, ""],
      ["A2", "C1", "01/04/2025", "茶叶", 10, ""],
    ];
    for (const lang of ["zh-CN", "en"] as const) {
      const plan = importOrders([], file, "add", { lang });
      expect(plan.report.rejected).toEqual([]);
      expect(plan.appends.map((r) => r[2])).toEqual(["2025-03-25", "2025-04-01"]);
    }
    // 03/25 proves month first, so the same 01/04 is the 4th of January.
    const us = [file[0].map((v, i) => (i === 2 ? "03/25/2025" : v)), file[1]];
    expect(importOrders([], us, "add").appends.map((r) => r[2])).toEqual(["2025-03-25", "2025-01-04"]);
  });

  it("rejects a date proving the minority order, saying why", () => {
    const file = [
      ["A1", "C1", "25/03/2025", "茶叶", 10, ""],
      ["A2", "C1", "26/03/2025", "茶叶", 10, ""],
      ["A3", "C2", "03/27/2025", "茶叶", 10, ""],
    ];
    const plan = importOrders([], file, "add", { lang: "en" });
    expect(plan.appends).toHaveLength(2);
    expect(plan.report.rejected.map((r) => r.line)).toEqual([4]);
    expect(plan.report.rejected[0].reason).toMatch(/day\/month order conflicts with the column's/);
  });
});
