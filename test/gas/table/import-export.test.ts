import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { loadTableFile } from "../../../src/core/table/import/load-table-file";
import { readXlsx } from "../../../src/core/table/import/read-xlsx";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import type { ImportRequest } from "../../../src/shared/table";
import { FIXTURES, tableBundle, values } from "./harness";

const decode = (bytes: Uint8Array, encoding: string) => new TextDecoder(encoding).decode(bytes);

/** Sends a file's rows in chunks as the sidebar does, then previews; returns the job id and preview. */
function stage(
  b: LoadedBundle,
  request: ImportRequest,
  rows: readonly (readonly unknown[])[],
  lines: number[],
  size = 2,
) {
  let jobId: string | null = null;
  for (let i = 0; i < rows.length; i += size)
    jobId = b.ctx.importStage(jobId, request, rows.slice(i, i + size), lines.slice(i, i + size));
  return { jobId: jobId!, preview: b.ctx.importPreview(jobId!, request) };
}

function existing() {
  const b = tableBundle("zh_CN");
  b.emulator.sheetFromValues("客户", [
    ["客户编号", "客户名称", "联系电话", "电子邮件", "我的备注"],
    ["C100001", "杭州西湖茶业", "+8613812345678", "old@xihu.cn", "老朋友"],
  ]);
  b.ctx.setUpSheets();
  return b;
}

function snapshotOf(b: LoadedBundle, name: string) {
  return b.emulator.snapshot().sheets.find((s) => s.name === name);
}

describe("import", () => {
  it("imports a GBK CSV from Chinese Excel: preview, de-duplication, cleaning, report, custom column kept", () => {
    const b = existing();
    const file = loadTableFile(readFileSync(path.join(FIXTURES, "customers-gbk.csv")), decode);
    expect(file.encoding).toBe("gb18030");
    const request: ImportRequest = { sheet: "Customers", headers: file.headers, dedupe: "update" };
    const { jobId, preview } = stage(b, request, file.rows, [...file.lines]);
    expect(preview.report).toMatchObject({ added: 2, updated: 1, skipped: 0 });
    expect(preview.report.rejected).toHaveLength(1);
    expect(preview.report.rejected[0].line).toBe(5);
    expect(preview.report.rejected[0].reason).toMatch(/联系电话 "12345"/);
    expect(values(b, "客户")).toHaveLength(2); // preview wrote nothing
    const report = b.ctx.importCommit(jobId, request);
    expect(report).toEqual(preview.report);
    const sheet = values(b, "客户");
    const header = sheet[0];
    const col = (name: string) => header.indexOf(name);
    expect(sheet).toHaveLength(4);
    expect(sheet[1][col("客户名称")]).toBe("杭州西湖茶业有限公司");
    expect(sheet[1][col("我的备注")]).toBe("老朋友");
    expect(sheet[1][col("销售机会金额")]).toBe(12000);
    expect(sheet[2][col("联系电话")]).toBe("+8675587654321");
    expect(sheet[2][col("销售机会金额")]).toBe(15000);
    expect(sheet[3][col("客户编号")]).toBe("C100003");
    expect(sheet[3][col("客户类型")]).toBe("潜在客户");
    // Updates were backed up first, to a registered set in the backup spreadsheet.
    expect(b.ctx.listBackups().map((s: { reason: string }) => s.reason)).toContain("import");
  });

  it("imports an XLSX file with skip de-duplication", async () => {
    const b = existing();
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Customers");
    ws.addRow(["Customer Name", "Mobile", "E-mail", "Last Contact", "Deal Size"]);
    ws.addRow(["West Lake Tea", "138 1234 5678", "new@xihu.cn", new Date(Date.UTC(2025, 2, 1)), 9000]);
    ws.addRow(["Nanjing Salt", "139 1111 2222", "salt@nj.cn", "2025/3/2", "¥1,200.50"]);
    const file = readXlsx(new Uint8Array(await book.xlsx.writeBuffer()));
    const request: ImportRequest = { sheet: "Customers", headers: [...file.headers], dedupe: "skip" };
    const { jobId } = stage(b, request, file.rows, [...file.lines]);
    // West Lake Tea is the existing customer (same phone) under another name: changed, kept in skip mode.
    expect(b.ctx.importCommit(jobId, request)).toEqual({
      added: 1,
      updated: 0,
      skipped: 1,
      present: 0,
      changed: 1,
      rejected: [],
    });
    const sheet = values(b, "客户");
    const col = (name: string) => sheet[0].indexOf(name);
    expect(sheet[2].slice(0, 4)).toEqual(["C100002", "Nanjing Salt", "+8613911112222", "salt@nj.cn"]);
    // Stored as a real date: midnight of 2 March in the spreadsheet's zone (Asia/Shanghai).
    expect((sheet[2][col("最近互动时间")] as Date).toISOString()).toBe("2025-03-01T16:00:00.000Z");
    expect(sheet[2][col("销售机会金额")]).toBe(1200.5);
  });

  it("leaves the sheet as it was when a write fails mid-import", () => {
    const run = (failAt?: number) => {
      const b = existing();
      b.ctx.clearProblemMarks(); // creates the audit log first, so both runs write the same ranges
      const file = loadTableFile(readFileSync(path.join(FIXTURES, "customers-gbk.csv")), decode);
      const request: ImportRequest = { sheet: "Customers", headers: file.headers, dedupe: "update" };
      const { jobId } = stage(b, request, file.rows, [...file.lines]);
      const before = snapshotOf(b, "客户");
      b.emulator.resetCounts();
      if (failAt) b.emulator.faults.failAtCall(failAt, "Service error: Spreadsheets", "Range.setValues");
      let error: unknown = null;
      try {
        b.ctx.importCommit(jobId, request);
      } catch (e) {
        error = e;
      }
      return { b, before, error, writes: b.emulator.counts()["Range.setValues"] };
    };
    const ok = run();
    expect(ok.error).toBeNull();
    // The last data write is the append, just before the audit row: failing there must undo the updates.
    const failed = run(ok.writes - 1);
    expect(String(failed.error)).toMatch(/Service error/);
    expect(snapshotOf(failed.b, "客户")).toEqual(failed.before);
  });
});
