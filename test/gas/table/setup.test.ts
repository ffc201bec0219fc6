import { CUSTOMERS, SHEETS } from "../../../src/core/schema/sheets";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { tableBundle, values } from "./harness";

/**
 * The whole workbook but the audit log, as text: every call of setUpSheets, an audited server function,
 * adds one audit entry (src/shared/server-functions.ts), so "changes nothing" means nothing else.
 */
function workbook(b: LoadedBundle): string {
  const snapshot = b.emulator.snapshot();
  return JSON.stringify({ ...snapshot, sheets: snapshot.sheets.filter((s) => s.name !== "AuditLog") });
}

describe("Set up / repair", () => {
  it("creates the four sheets with every column, styled, validated and protected", () => {
    const b = tableBundle();
    const r = b.ctx.setUpSheets();
    expect(r.created).toEqual(SHEETS.map((s) => s.name.en));
    const customers = b.emulator.spreadsheet.getSheetByName("Customers")!;
    expect(values(b, "Customers")[0]).toEqual(CUSTOMERS.columns.map((c) => c.header.en));
    expect(customers.getFrozenRows()).toBe(1);
    expect(customers.getRange("A1").getBackground()).toBe("#cfe2f3");
    expect(customers.getRange("A1").getFontWeight()).toBe("bold");
    const phone = customers.getRange("D2").getDataValidation()!;
    expect(String(phone.getCriteriaType())).toBe("CUSTOM_FORMULA");
    expect(phone.getHelpText()).toMatch(/landline/);
    expect(String(customers.getRange("F500").getDataValidation()!.getCriteriaType())).toBe("VALUE_IN_LIST");
    expect(customers.getRange("I2").getNumberFormat()).toBe("yyyy-mm-dd");
    const protections = customers.getProtections(
      (b.emulator.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).ProtectionType.RANGE,
    );
    const owned = CUSTOMERS.columns.flatMap((c, i) => (c.owned ? [i + 1] : []));
    expect(
      protections.map((p: GoogleAppsScript.Spreadsheet.Protection) => {
        const range = p.getRange();
        return [range.getColumn(), range.getNumColumns(), p.isWarningOnly()];
      }),
    ).toEqual([[owned[0], owned.length, true]]);
    expect(b.emulator.triggers().map((t) => t.handler)).toEqual(["handleEdit"]);
  });

  it("writes headers and help texts in Chinese for a Chinese user", () => {
    const b = tableBundle("zh_CN");
    b.ctx.setUpSheets();
    const customers = b.emulator.spreadsheet.getSheetByName("客户")!;
    expect(values(b, "客户")[0].slice(0, 3)).toEqual(["客户编号", "客户名称", "联系人姓名"]);
    expect(customers.getRange("D2").getDataValidation()!.getHelpText()).toMatch(/手机号/);
  });

  it("is idempotent: a second run changes nothing in the whole workbook but the audit entry of the call", () => {
    const b = tableBundle();
    b.ctx.setUpSheets();
    const log = () => b.emulator.spreadsheet.getSheetByName("AuditLog")!.getLastRow();
    const first = workbook(b);
    const entries = log();
    const again = b.ctx.setUpSheets();
    expect(again).toEqual({ created: [], columnsAdded: 0 });
    expect(workbook(b)).toBe(first);
    expect(log()).toBe(entries + 1);
  });

  it("repairs a user's sheet by appending missing columns, keeping their columns, order and data", () => {
    const b = tableBundle();
    const user = [
      ["客户名称", "My tag", "", "Phone", "客户编号"],
      ["Acme", "keep", "reserved", "13812345678", "C1"],
    ];
    b.emulator.sheetFromValues("客户", user);
    b.ctx.setUpSheets();
    const after = values(b, "客户");
    expect(after[0].slice(0, 5)).toEqual(user[0]);
    expect(after[1].slice(0, 5)).toEqual(user[1]);
    // Appended in Chinese, like most of the existing headers; the blank reserved column stays blank.
    expect(after[0].slice(5, 7)).toEqual(["联系人姓名", "电子邮件"]);
    expect(after[0]).toHaveLength(5 + CUSTOMERS.columns.length - 3);
    const sheet = b.emulator.spreadsheet.getSheetByName("客户")!;
    expect(sheet.getRange("B1").getBackground()).not.toBe("#cfe2f3");
    // Dropdowns follow the header's language (as Fix writes labels); help follows the user's.
    const type = sheet.getRange(2, after[0].indexOf("客户类型") + 1).getDataValidation()!;
    expect(type.getCriteriaValues()[0]).toEqual(["潜在客户", "普通客户", "长期客户", "VIP客户"]);
    expect(type.getHelpText()).toMatch(/Pick from the list/);
    const first = workbook(b);
    b.ctx.setUpSheets();
    expect(workbook(b)).toBe(first);
  });
});
