import type { ExecutionStats } from "../../../src/local/emulator/cost-model";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import type { ImportRequest } from "../../../src/shared/table";
import { CHINESE_CUSTOMER_HEADERS, chineseCustomerRows } from "../../local/demo/chinese-customers";
import { tableBundle } from "./harness";

/**
 * Set up and Import on a book of 100,000 customers under the cost model (loadBundle's default): each
 * execution must end within Apps Script's 6 minutes, as modelled, and move only what changed.
 */
const CUSTOMERS = 100_000;
const SIX_MINUTES = 360_000;
const HOUR = 3_600_000;
const REQUEST: ImportRequest = { sheet: "Customers", headers: [...CHINESE_CUSTOMER_HEADERS], dedupe: "skip" };

/** The executions `fn` starts (its own and any trigger runs), as the cost model recorded them. */
function executionsOf(b: LoadedBundle, fn: () => void): ExecutionStats[] {
  const before = b.executions.length;
  fn();
  return b.executions.slice(before);
}

function longest(runs: readonly ExecutionStats[]): number {
  return Math.max(...runs.map((r) => r.elapsedMs));
}

function written(runs: readonly ExecutionStats[]): number {
  return runs.reduce((n, r) => n + r.cellsWritten, 0);
}

/** A Chinese team's customers tab, its grid trimmed to the data (uncounted set-up). */
function bigBook(): LoadedBundle {
  const b = tableBundle("zh_CN");
  const sheet = b.emulator.sheetFromValues("客户", [
    [...CHINESE_CUSTOMER_HEADERS],
    ...chineseCustomerRows(CUSTOMERS, 5),
  ]);
  if (sheet.getMaxRows() > CUSTOMERS + 1) sheet.deleteRows(CUSTOMERS + 2, sheet.getMaxRows() - CUSTOMERS - 1);
  return b;
}

const handlers = (b: LoadedBundle) => b.emulator.triggers().map((t) => t.handler);
const paused = (b: LoadedBundle) => b.emulator.properties.document.has("resume:setup-formats");

describe("Set up and Import at 100,000 customers under the cost model", () => {
  const b = bigBook();
  const sheet = () => b.emulator.spreadsheet.getSheetByName("客户")!;
  const column = (header: string) =>
    (sheet().getRange(1, 1, 1, sheet().getLastColumn()).getValues()[0] as unknown[]).indexOf(header) + 1;

  it("installs the triggers first and spreads formats over executions of under 6 minutes each", () => {
    let result: { formatsContinue?: boolean } = {};
    const first = executionsOf(b, () => (result = b.ctx.setUpSheets()));
    expect(first).toHaveLength(1);
    expect(first[0].error).toBeNull();
    expect(longest(first)).toBeLessThan(SIX_MINUTES);
    // Covering 100,000 rows of every formatted column does not fit one execution: the rest is paused, and
    // the edit trigger and the dispatcher that continues it are both there.
    expect(result.formatsContinue).toBe(true);
    expect(paused(b)).toBe(true);
    expect(handlers(b).sort()).toEqual(["handleDispatch", "handleEdit"]);

    const continued: ExecutionStats[] = [];
    for (let hour = 0; hour < 6 && paused(b); hour++)
      continued.push(...executionsOf(b, () => b.emulator.advanceAndFire(HOUR)));
    expect(paused(b)).toBe(false);
    expect(continued.length).toBeGreaterThan(0);
    expect(continued.every((r) => r.error === null)).toBe(true);
    expect(longest(continued)).toBeLessThan(SIX_MINUTES);
    // Every data row is covered, the last as well as the first (the phone rule names its range's top cell).
    const phone = column("联系电话");
    for (const row of [2, CUSTOMERS + 1]) {
      const cell = sheet().getRange(row, phone);
      expect(cell.getNumberFormat()).toBe("@");
      expect(String(cell.getDataValidation()!.getCriteriaType())).toBe("CUSTOM_FORMULA");
    }
    const type = sheet()
      .getRange(CUSTOMERS + 1, column("客户类型"))
      .getDataValidation()!;
    expect(type.getCriteriaValues()[0]).toEqual(["潜在客户", "普通客户", "长期客户", "VIP客户"]);
    // Columns Set up appended are covered too.
    expect(
      sheet()
        .getRange(CUSTOMERS + 1, column("最近互动时间"))
        .getNumberFormat(),
    ).toBe("yyyy-mm-dd");
  });

  it("a second Set up on the unchanged book writes almost nothing", () => {
    const again = executionsOf(b, () => b.ctx.setUpSheets());
    expect(again.every((r) => r.error === null)).toBe(true);
    expect(written(again)).toBeLessThan(1_000);
    expect(paused(b)).toBe(false);
  });

  it("a 3-row import writes in proportion to 3 rows and formats just those rows", () => {
    const width = sheet().getLastColumn();
    const rows = chineseCustomerRows(3, 77).map((r, i) => [
      `N${i}`,
      r[1],
      r[2],
      `1770000000${i}`,
      `n${i}@x.cn`,
    ]);
    const request = { ...REQUEST, headers: REQUEST.headers.slice(0, 5) };
    const runs = executionsOf(b, () => {
      const jobId = b.ctx.importStage(null, request, rows, [2, 3, 4]);
      expect(b.ctx.importCommit(jobId, request)).toMatchObject({ added: 3, rejected: [] });
    });
    expect(runs.every((r) => r.error === null)).toBe(true);
    expect(longest(runs)).toBeLessThan(SIX_MINUTES);
    // The rows themselves, their formats and rules (two per formatted column), an audit row: ∝ 3 rows.
    expect(written(runs)).toBeLessThan(3 * width * 3 + 50);
    const last = CUSTOMERS + 4;
    expect(sheet().getLastRow()).toBe(last);
    const phone = sheet().getRange(last, column("联系电话"));
    expect(phone.getNumberFormat()).toBe("@");
    expect(String(phone.getDataValidation()!.getCriteriaType())).toBe("CUSTOM_FORMULA");
    // The recorded extent moved with the rows: the next Set up has nothing to add.
    expect(written(executionsOf(b, () => b.ctx.setUpSheets()))).toBeLessThan(1_000);
  });
});
