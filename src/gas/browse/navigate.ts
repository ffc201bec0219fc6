import { buildCustomerIndex } from "../../core/browse/customer-index";
import { idKey } from "../../core/browse/row-index";
import { bookDates, bumpCustomersVersion, callerVisibility, customersStamp } from "./customer-cache";
import { findRows } from "./find-rows";

const A1 = /^\$?[A-Z]{1,3}\$?[1-9]\d{0,6}(:\$?[A-Z]{1,3}\$?[1-9]\d{0,6})?$/i;

/**
 * Selects a customer's whole row in the Customers sheet: the row index finds it (one cache read when warm),
 * and the row read confirms the ID, in case rows moved without a version bump.
 */
export function goToCustomerRow(id: string): void {
  const key = idKey(String(id ?? ""));
  for (let attempt = 0; attempt < 2 && key; attempt++) {
    const stamp = customersStamp();
    const [rows] = findRows([{ stamp, column: "CustomerID", key }]);
    if (rows.length === 0) break;
    const values = stamp.sheet.getRange(rows[0], 1, 1, stamp.width).getValues()[0];
    const found = buildCustomerIndex(stamp.headers, [values], bookDates(), [rows[0]]).customers[0];
    if (!found || found.id !== key) {
      bumpCustomersVersion();
      continue;
    }
    if (!callerVisibility().visible(found)) break;
    const { sheet } = stamp;
    sheet.activate();
    sheet.setActiveSelection(sheet.getRange(found.row, 1, 1, Math.max(1, stamp.width)));
    return;
  }
  throw new Error(`Customer ${id} was not found.`);
}

/** Selects one cell (or range) given in A1 notation on a named sheet, e.g. from the problems list. */
export function selectSheetCell(sheetName: string, a1: string): void {
  if (!A1.test(String(a1))) throw new Error(`"${a1}" is not an A1 cell address.`);
  const sheet = SpreadsheetApp.getActive().getSheetByName(String(sheetName));
  if (!sheet) throw new Error(`There is no sheet named "${sheetName}".`);
  sheet.activate();
  sheet.setActiveSelection(sheet.getRange(a1));
}
