import { RangeApi } from "../../../src/local/emulator/range";
import { SheetApi } from "../../../src/local/emulator/sheet";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import type { ImportRequest } from "../../../src/shared/table";
import { chunkRows } from "../../../src/sidebar/upload";
import { CHINESE_CUSTOMER_HEADERS, chineseCustomerRows } from "../../local/demo/chinese-customers";
import { AUDIT_HEADERS } from "../../../src/core/trust/audit";
import { tableBundle, values } from "./harness";

const AUDIT_ROW = AUDIT_HEADERS.length;

const REQUEST: ImportRequest = {
  sheet: "Customers",
  headers: [...CHINESE_CUSTOMER_HEADERS],
  dedupe: "skip",
};

/** Cells the bundle writes while `fn` runs: setValues/setValue, and whole tabs or ranges copied. */
function cellsWritten(fn: () => void): number {
  let cells = 0;
  const setValues = RangeApi.prototype.setValues;
  const setValue = RangeApi.prototype.setValue;
  const copySheet = SheetApi.prototype.copyTo;
  RangeApi.prototype.setValues = function (this: RangeApi, v: unknown[][]) {
    cells += v.length * (v[0]?.length ?? 0);
    return setValues.call(this, v);
  } as typeof setValues;
  RangeApi.prototype.setValue = function (this: RangeApi, v: unknown) {
    cells += 1;
    return setValue.call(this, v);
  } as typeof setValue;
  SheetApi.prototype.copyTo = function (this: SheetApi, ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {
    cells += this.getMaxRows() * this.getMaxColumns();
    return copySheet.call(this, ss);
  } as typeof copySheet;
  try {
    fn();
  } finally {
    RangeApi.prototype.setValues = setValues;
    RangeApi.prototype.setValue = setValue;
    SheetApi.prototype.copyTo = copySheet;
  }
  return cells;
}

function stageAll(b: LoadedBundle, rows: readonly (readonly unknown[])[], request = REQUEST): string {
  let jobId: string | null = null;
  for (const c of chunkRows(rows)) jobId = b.ctx.importStage(jobId, request, c.rows, c.lines);
  return jobId!;
}

describe("import staging in UTF-8 bytes", () => {
  it("stages 6,000 Chinese rows in chunks sized in bytes and commits every row", () => {
    const b = tableBundle("zh_CN");
    const rows = chineseCustomerRows(6_000);
    // A chunk cut at 80,000 characters, as the sidebar used to cut them, is past CacheService's 102,400 bytes.
    let n = 0;
    while (JSON.stringify({ rows: rows.slice(0, n + 1) }).length <= 80_000) n++;
    expect(Buffer.byteLength(JSON.stringify({ rows: rows.slice(0, n) }), "utf8")).toBeGreaterThan(102_400);
    const chunks = chunkRows(rows);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks)
      expect(Buffer.byteLength(JSON.stringify({ rows: c.rows, lines: c.lines }), "utf8")).toBeLessThanOrEqual(
        900_000,
      );
    const jobId = stageAll(b, rows);
    expect(b.ctx.importPreview(jobId, REQUEST).report).toMatchObject({ added: 6_000, rejected: [] });
    expect(b.ctx.importCommit(jobId, REQUEST)).toMatchObject({ added: 6_000, skipped: 0, rejected: [] });
    const sheet = values(b, "客户");
    expect(sheet).toHaveLength(6_001);
    expect(sheet[6_000][sheet[0].indexOf("客户名称")]).toBe(rows[5_999][1]);
    // The staged pieces are gone once committed; a zh_CN book is told so in Chinese.
    expect(() => b.ctx.importPreview(jobId, REQUEST)).toThrow(/此导入已过期或不存在/);
  });

  it("refuses a call over 1,000,000 bytes and a job past its piece budget, each with a clear message", () => {
    const big = [["C1", "客".repeat(340_000)]];
    expect(() => tableBundle("en").ctx.importStage(null, REQUEST, big, [2])).toThrow(
      /Import chunk is 1020\d{3} bytes \(UTF-8\); send at most 1000000 bytes per call/,
    );
    const b = tableBundle("zh_CN");
    expect(() => b.ctx.importStage(null, REQUEST, big, [2])).toThrow(
      /导入分块为 1020\d{3} 字节（UTF-8）；每次调用最多发送 1000000 字节/,
    );
    const row = ["C1", "客".repeat(290_000)]; // ~870 KB: ten pieces a call
    let jobId: string | null = null;
    let error: unknown = null;
    let calls = 0;
    try {
      for (; calls < 40; calls++) jobId = b.ctx.importStage(jobId, REQUEST, [row], [calls + 2]);
    } catch (e) {
      error = e;
    }
    expect(calls).toBe(30); // 30 calls × 10 pieces = the 300-piece budget
    expect(String(error)).toMatch(/此文件太大，无法一次导入：读到第 30 行时已超过 27 MB。请拆分/);
  });

  it("says the import expired after the cache's 6 hours, and never reads a half-staged job", () => {
    const b = tableBundle("zh_CN");
    const rows = chineseCustomerRows(50);
    const jobId = stageAll(b, rows);
    b.emulator.clock.advance(6 * 3_600_000 + 1_000);
    expect(() => b.ctx.importCommit(jobId, REQUEST)).toThrow(
      /此导入已过期或不存在（暂存的行最多保留 6 小时）/,
    );
    expect(() => b.ctx.importStage(jobId, REQUEST, rows, [2])).toThrow(/此导入已过期或不存在/);
    expect(b.emulator.spreadsheet.getSheetByName("客户")).toBeNull();
  });
});

describe("import moves only what changed", () => {
  /** A book of `customers` rows already set up; returns the bundle. */
  function book(customers: number): LoadedBundle {
    const b = tableBundle("zh_CN");
    b.emulator.sheetFromValues("客户", [[...CHINESE_CUSTOMER_HEADERS], ...chineseCustomerRows(customers, 7)]);
    b.ctx.setUpSheets();
    b.ctx.clearProblemMarks(); // the audit log exists before the measured runs
    return b;
  }

  /** Imports `count` new customers, `sealed` of them with an ID number; returns the cells written. */
  function importRows(b: LoadedBundle, count: number, sealed: number, from = 0): number {
    const id = CHINESE_CUSTOMER_HEADERS.indexOf("身份证号");
    const rows = chineseCustomerRows(count, 99).map((r, k) => {
      const i = from + k;
      const row = [
        `N${i}`,
        ...r.slice(1, 3),
        `1770000${String(i).padStart(4, "0")}`,
        `new${i}@example.cn`,
        ...r.slice(5),
      ];
      row[id] = k < sealed ? `11010519850101${String(1000 + i).slice(-3)}X` : "";
      return row;
    });
    const jobId = stageAll(b, rows);
    let report: unknown;
    const cells = cellsWritten(() => (report = b.ctx.importCommit(jobId, REQUEST)));
    expect(report).toMatchObject({ added: count, rejected: [] });
    return cells;
  }

  it("writes cells in proportion to the rows imported, whatever the sheet's size (no whole-sheet backup)", () => {
    const width = values(book(1), "客户")[0].length;
    const small = importRows(book(200), 3, 1);
    const large = importRows(book(3_000), 3, 1);
    // Three rows, the Vault tab's header (it is created by this import) and one vault row (7 cells each),
    // one audit row (9): nowhere near the 3,000 × width of the sheet.
    expect(small).toBe(3 * width + 7 + 7 + AUDIT_ROW);
    expect(large).toBe(small);
    const thirty = importRows(book(3_000), 30, 4);
    expect(thirty).toBe(30 * width + 7 + 4 * 7 + AUDIT_ROW);
    // A second import into the same book appends to the vault rather than rewriting it.
    const b = book(3_000);
    importRows(b, 30, 4);
    expect(importRows(b, 3, 1, 100)).toBe(3 * width + 7 + AUDIT_ROW);
  });
});
