import { CUSTOMERS } from "../../../src/core/schema/sheets";
import { AUDIT_HEADERS } from "../../../src/core/trust/audit";
import type { ExecutionStats } from "../../../src/local/emulator/cost-model";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import type { ImportRequest } from "../../../src/shared/table";
import { tableBundle } from "./harness";

/** Cells written by the executions `fn` starts (the cost model's count: values, formats, rules...). */
function cellsWritten(b: LoadedBundle, fn: () => void): number {
  const before = b.executions.length;
  fn();
  return b.executions.slice(before).reduce((n: number, r: ExecutionStats) => n + r.cellsWritten, 0);
}

/** Columns of Customers that get a number format or a validation rule, and how many calls of each. */
const FORMATTED = CUSTOMERS.columns.filter(
  (c) =>
    c.sensitive ||
    ["id", "phone", "date", "datetime", "integer", "number", "currency", "percent"].includes(c.type),
).length;
/** The audit entry of an audited server call (setUpSheets is one): its fields and its chain link. */
const AUDIT_ROW = AUDIT_HEADERS.length;

const customers = (b: LoadedBundle) => b.emulator.spreadsheet.getSheetByName("Customers")!;
const phoneColumn = (b: LoadedBundle) =>
  (customers(b).getRange(1, 1, 1, customers(b).getLastColumn()).getValues()[0] as unknown[]).indexOf(
    "Phone",
  ) + 1;

describe("Set up moves only what changed", () => {
  it("a column moved by an inserted column keeps its rules: nothing is re-applied", () => {
    const b = tableBundle();
    b.ctx.setUpSheets();
    b.emulator.change("INSERT_COLUMN", (ss) => ss.getSheetByName("Customers")!.insertColumnsBefore(1, 1));
    expect(cellsWritten(b, () => b.ctx.setUpSheets())).toBeLessThanOrEqual(AUDIT_ROW);
    expect(customers(b).getRange(2, phoneColumn(b)).getNumberFormat()).toBe("@");
  });

  it("re-applies a column whose rules a user cleared, and only that column", () => {
    const b = tableBundle();
    b.ctx.setUpSheets();
    const rows = customers(b).getMaxRows() - 1;
    customers(b).getRange(2, phoneColumn(b), rows, 1).setNumberFormat("0").setDataValidation(null);
    // Number format and rule over the phone column's rows; nothing else.
    expect(cellsWritten(b, () => b.ctx.setUpSheets())).toBe(2 * rows + AUDIT_ROW);
    const cell = customers(b).getRange(rows + 1, phoneColumn(b));
    expect(cell.getNumberFormat()).toBe("@");
    expect(String(cell.getDataValidation()!.getCriteriaType())).toBe("CUSTOM_FORMULA");
  });

  it("covers rows the grid gained since, in ranges of just those rows", () => {
    const b = tableBundle();
    b.ctx.setUpSheets();
    const before = customers(b).getMaxRows();
    customers(b).insertRowsAfter(before, 500);
    const cells = cellsWritten(b, () => b.ctx.setUpSheets());
    expect(cells).toBeGreaterThanOrEqual(500 * FORMATTED);
    expect(cells).toBeLessThanOrEqual(500 * 2 * FORMATTED + AUDIT_ROW);
    const phone = customers(b)
      .getRange(before + 500, phoneColumn(b))
      .getDataValidation()!;
    // A custom formula is relative to the top cell of the range it was applied to.
    expect(phone.getCriteriaValues()[0]).toContain(`ISBLANK(`);
    expect(String(phone.getCriteriaValues()[0])).toContain(`${before + 1})`);
  });

  it("keeps the help language a column was covered in when a user of the other language runs it", () => {
    const b = tableBundle();
    b.ctx.setUpSheets();
    b.emulator.setLocale("zh_CN");
    expect(cellsWritten(b, () => b.ctx.setUpSheets())).toBeLessThanOrEqual(AUDIT_ROW);
    expect(customers(b).getRange(2, phoneColumn(b)).getDataValidation()!.getHelpText()).toMatch(/landline/);
  });
});

describe("Import repairs no more than it needs", () => {
  const REQUEST: ImportRequest = { sheet: "Customers", headers: ["Name", "Phone", "Email"], dedupe: "skip" };

  it("adds the sheet and the columns it writes, and formats only the rows it appends", () => {
    const b = tableBundle();
    b.emulator.sheetFromValues("Customers", [
      ["Name", "My notes"],
      ["Acme", "keep"],
    ]);
    const rows = [
      ["Beta Ltd", "13812345678", "b@example.com"],
      ["Gamma Co", "13912345678", "g@example.com"],
    ];
    const jobId = b.ctx.importStage(null, REQUEST, rows, [2, 3]);
    expect(b.ctx.importCommit(jobId, REQUEST)).toMatchObject({ added: 2, rejected: [] });
    const headers = customers(b).getRange(1, 1, 1, customers(b).getLastColumn()).getValues()[0] as string[];
    expect(headers.slice(0, 2)).toEqual(["Name", "My notes"]);
    // Mapped, required, ID and stamp columns only; not every column of the schema.
    expect(headers).toEqual(
      expect.arrayContaining(["Phone", "Email", "CustomerID", "CreatedAt", "UpdatedAt"]),
    );
    expect(headers.length).toBeLessThan(CUSTOMERS.columns.length);
    const phone = headers.indexOf("Phone") + 1;
    for (const row of [3, 4]) expect(customers(b).getRange(row, phone).getNumberFormat()).toBe("@");
    expect(customers(b).getRange(2, phone).getDataValidation()).toBeNull();
    // Set up then covers the rest of the grid, and adds the other columns.
    b.ctx.setUpSheets();
    expect(customers(b).getRange(2, phone).getDataValidation()).not.toBeNull();
    expect(customers(b).getLastColumn()).toBe(CUSTOMERS.columns.length + 1);
  });

  it("into a set-up sheet with blank rows left, appends without writing a format", () => {
    const b = tableBundle();
    b.ctx.setUpSheets();
    b.ctx.clearProblemMarks(); // the audit log exists before the measured run
    const width = customers(b).getLastColumn();
    const rows = [["Beta Ltd", "13812345678", "b@example.com"]];
    const cells = cellsWritten(b, () => {
      const jobId = b.ctx.importStage(null, REQUEST, rows, [2]);
      b.ctx.importCommit(jobId, REQUEST);
    });
    // The row and the audit entry (no Vault tab: nothing to seal): no format or rule, the row lies in the
    // grid Set up already covered.
    expect(cells).toBe(width + AUDIT_ROW);
  });
});
