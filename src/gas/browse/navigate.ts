import { mapHeaders } from "../../core/schema/headers";
import { CUSTOMERS } from "../../core/schema/sheets";
import { findSheet } from "../platform/sheet-table";
import { bumpCustomersVersion, callerVisibility, customerIndex } from "./customer-cache";

const A1 = /^\$?[A-Z]{1,3}\$?[1-9]\d{0,6}(:\$?[A-Z]{1,3}\$?[1-9]\d{0,6})?$/i;

/** Selects a customer's whole row in the Customers sheet (re-checking the ID, in case rows moved). */
export function goToCustomerRow(id: string): void {
  const sheet = findSheet(CUSTOMERS);
  if (!sheet) throw new Error('There is no Customers sheet yet; run "Set up / repair" first.');
  const width = Math.max(1, sheet.getLastColumn());
  const locate = () => {
    const c = customerIndex().byId.get(String(id));
    return c && callerVisibility().visible(c) ? c : undefined;
  };
  let found = locate();
  const at =
    mapHeaders(CUSTOMERS, sheet.getRange(1, 1, 1, width).getValues()[0]).index.get("CustomerID") ?? -1;
  if (found && at >= 0 && String(sheet.getRange(found.row, at + 1).getValue()).trim() !== found.id) {
    bumpCustomersVersion();
    found = locate();
  }
  if (!found) throw new Error(`Customer ${id} was not found.`);
  sheet.activate();
  sheet.setActiveSelection(sheet.getRange(found.row, 1, 1, width));
}

/** Selects one cell (or range) given in A1 notation on a named sheet, e.g. from the problems list. */
export function selectSheetCell(sheetName: string, a1: string): void {
  if (!A1.test(String(a1))) throw new Error(`"${a1}" is not an A1 cell address.`);
  const sheet = SpreadsheetApp.getActive().getSheetByName(String(sheetName));
  if (!sheet) throw new Error(`There is no sheet named "${sheetName}".`);
  sheet.activate();
  sheet.setActiveSelection(sheet.getRange(a1));
}
