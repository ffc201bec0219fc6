import { loadBundle, type LoadedBundle } from "../../../src/local/load-bundle";
import { MANAGER, OWNER, SALES_A, SALES_B, VIEWER, fixtureSheets } from "../../../src/local/faults/fixture";

/** Roles the trust tests assign (the owner is the spreadsheet's owner). */
export const ROLE_TABLE = {
  [MANAGER]: "manager",
  [SALES_A]: "sales",
  [SALES_B]: "sales",
  [VIEWER]: "viewer",
};

/**
 * The built bundle on a fresh emulator holding the fixture workbook, roles assigned, the installable edit
 * trigger installed by the owner. SHEET_CRM_DIST points at another build (default dist/).
 */
export function loadTrustBundle(seed = 1, user = OWNER): LoadedBundle {
  const loaded = loadBundle({ owner: OWNER, user: OWNER, dist: process.env.SHEET_CRM_DIST });
  const { emulator } = loaded;
  for (const s of fixtureSheets(seed)) emulator.sheetFromValues(s.name, s.values);
  emulator.properties.document.set("roles", JSON.stringify(ROLE_TABLE));
  // As Set up leaves them: sensitive columns formatted as plain text, so an 18-digit ID number typed in
  // stays text (in a number cell Sheets keeps only 15–17 digits).
  const customers = emulator.spreadsheet.getSheetByName("Customers")!;
  const headers = customers.getRange(1, 1, 1, customers.getLastColumn()).getValues()[0];
  for (const name of ["IDNumber", "BankAccount"]) {
    const at = headers.indexOf(name);
    if (at >= 0) customers.getRange(2, at + 1, customers.getMaxRows() - 1, 1).setNumberFormat("@");
  }
  const ScriptApp = emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
  ScriptApp.newTrigger("handleEdit").forSpreadsheet(emulator.spreadsheet).onEdit().create();
  emulator.setUser(user);
  emulator.resetCounts();
  return loaded;
}

/**
 * Everything a leak could hide in, as one text: every tab (hidden ones too) with cell attributes and
 * notes, the document properties, and the log lines.
 */
export function everythingVisible(loaded: LoadedBundle): string {
  const { emulator } = loaded;
  return [
    JSON.stringify(emulator.snapshot()),
    JSON.stringify([...emulator.properties.document.entries()]),
    ...emulator.logs,
  ].join("\n");
}

/** The audit trail, logged then queued: the fault runner's reader (src/local/faults/attacks/book.ts). */
export { auditRows } from "../../../src/local/faults/attacks/book";
