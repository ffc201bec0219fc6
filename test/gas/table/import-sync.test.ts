import type { LoadedBundle } from "../../../src/local/load-bundle";
import type { ImportReport, ImportRequest } from "../../../src/shared/table";
import { CHINESE_CUSTOMER_HEADERS, chineseCustomerRows } from "../../local/demo/chinese-customers";
import { tableBundle, values } from "./harness";

const HEADERS = ["订单编号", "客户编号", "下单日期", "产品", "金额", "付款状态"];
const LINES = [
  ["SO-1", "C100001", "2025/3/1", "龙井", "¥1,200", "未付款"],
  ["SO-1", "C100001", "2025/3/1", "碧螺春", "300", "未付款"],
  ["", "C100001", "2025年3月2日", "龙井", "50.5", ""],
  ["", "C100001", "2025年3月2日", "龙井", "50.5", ""], // a second, identical purchase
];

/** A zh_CN book with one customer, set up, as the sidebar's user would have it. */
function book(): LoadedBundle {
  const b = tableBundle("zh_CN");
  b.emulator.sheetFromValues("客户", [
    ["客户编号", "客户名称"],
    ["C100001", "杭州西湖茶业"],
  ]);
  b.ctx.setUpSheets();
  return b;
}

function importRows(b: LoadedBundle, rows: readonly (readonly unknown[])[], dedupe: ImportRequest["dedupe"]) {
  const request: ImportRequest = { sheet: "Orders", headers: HEADERS, dedupe };
  const jobId = b.ctx.importStage(
    null,
    request,
    rows,
    rows.map((_, i) => i + 2),
  );
  const preview = b.ctx.importPreview(jobId, request);
  const report: ImportReport = b.ctx.importCommit(jobId, request);
  expect(report).toEqual(preview.report);
  return report;
}

describe("re-importing an orders file (idempotent sync)", () => {
  it("holds each line once after the same file is imported three times, identical lines kept twice", () => {
    const b = book();
    expect(importRows(b, LINES, "skip")).toMatchObject({ added: 4, present: 0, changed: 0 });
    // The sheet now holds real dates and numbers; the file still says 2025/3/1 and ¥1,200.
    const sheet = values(b, "订单");
    expect(Object.prototype.toString.call(sheet[1][sheet[0].indexOf("下单日期")])).toBe("[object Date]");
    for (const dedupe of ["skip", "update"] as const)
      expect(importRows(b, LINES, dedupe)).toEqual({
        added: 0,
        updated: 0,
        skipped: 4,
        present: 4,
        changed: 0,
        rejected: [],
      });
    expect(values(b, "订单")).toHaveLength(1 + 4);
    expect(b.ctx.listBackups()).toEqual([]);
  });

  it("updates a changed line in update mode, after a backup, and adds only the new line", () => {
    const b = book();
    importRows(b, LINES, "skip");
    const sheet = b.emulator.spreadsheet.getSheetByName("订单")!;
    // The user's own column beside the add-on's: an existing line keeps it.
    sheet.getRange(1, 11).setValue("我的备注");
    sheet.getRange(2, 11).setValue("老客户");
    const next = [
      ["SO-1", "C100001", "2025/3/1", "龙井", "1200", "已付款"],
      ...LINES.slice(1),
      ["SO-2", "C100001", "2025/3/5", "白茶", "80", "未付款"],
    ];
    expect(importRows(b, next, "update")).toMatchObject({
      added: 1,
      updated: 1,
      present: 3,
      changed: 1,
      skipped: 3,
    });
    const rows = values(b, "订单");
    expect(rows).toHaveLength(1 + 5);
    const cell = (r: number, header: string) => rows[r][rows[0].indexOf(header)];
    expect([cell(1, "产品"), cell(1, "金额"), cell(1, "付款状态")]).toEqual(["龙井", 1200, "已付款"]);
    expect(cell(1, "我的备注")).toBe("老客户");
    expect(rows[5][0]).toBe("SO-2");
    expect(b.ctx.listBackups().map((s: { reason: string }) => s.reason)).toEqual(["import"]);
  });

  it("gives rejection reasons in the book's language, whatever the uploader's locale", () => {
    const b = book();
    b.emulator.setLocale("en");
    const report = importRows(b, [["SO-9", "C999999", "2025/3/1", "龙井", "abc", ""]], "skip");
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0].reason).toMatch(/^金额 "abc": /);
    expect(report.rejected[0].reason).toContain("客户编号 C999999 不存在");
  });

  it("finds re-imported customers present, their sealed ID numbers included, and writes nothing", () => {
    const b = tableBundle("zh_CN");
    const request: ImportRequest = {
      sheet: "Customers",
      headers: [...CHINESE_CUSTOMER_HEADERS],
      dedupe: "update",
    };
    const rows = chineseCustomerRows(20);
    const run = () => {
      const jobId = b.ctx.importStage(
        null,
        request,
        rows,
        rows.map((_, i) => i + 2),
      );
      return b.ctx.importCommit(jobId, request) as ImportReport;
    };
    expect(run()).toMatchObject({ added: 20, rejected: [] });
    const sheet = values(b, "客户");
    expect(sheet.some((r) => /\*{8}/.test(String(r[sheet[0].indexOf("身份证号")])))).toBe(true);
    expect(run()).toEqual({ added: 0, updated: 0, skipped: 20, present: 20, changed: 0, rejected: [] });
    expect(values(b, "客户")).toEqual(sheet);
    expect(b.ctx.listBackups()).toEqual([]);
  });
});
