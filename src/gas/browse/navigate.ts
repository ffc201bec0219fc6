import { bumpCustomersVersion, callerVisibility, customerIndex, customersStamp } from "./customer-cache";

const A1 = /^\$?[A-Z]{1,3}\$?[1-9]\d{0,6}(:\$?[A-Z]{1,3}\$?[1-9]\d{0,6})?$/i;

/** Selects a customer's whole row in the Customers sheet (re-checking the ID, in case rows moved). */
export function goToCustomerRow(id: string): void {
  const locate = () => {
    const c = customerIndex([]).byId.get(String(id));
    return c && callerVisibility().visible(c) ? c : undefined;
  };
  let stamp = customersStamp();
  let found = locate();
  const at = stamp.map.index.get("CustomerID") ?? -1;
  if (found && at >= 0 && String(stamp.sheet.getRange(found.row, at + 1).getValue()).trim() !== found.id) {
    bumpCustomersVersion();
    stamp = customersStamp();
    found = locate();
  }
  if (!found) throw new Error(`Customer ${id} was not found.`);
  const { sheet } = stamp;
  sheet.activate();
  sheet.setActiveSelection(sheet.getRange(found.row, 1, 1, Math.max(1, stamp.width)));
}

/** Selects one cell (or range) given in A1 notation on a named sheet, e.g. from the problems list. */
export function selectSheetCell(sheetName: string, a1: string): void {
  if (!A1.test(String(a1))) throw new Error(`"${a1}" is not an A1 cell address.`);
  const sheet = SpreadsheetApp.getActive().getSheetByName(String(sheetName));
  if (!sheet) throw new Error(`There is no sheet named "${sheetName}".`);
  sheet.activate();
  sheet.setActiveSelection(sheet.getRange(a1));
}
