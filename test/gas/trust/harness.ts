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

/**
 * The audit trail: rows of the AuditLog tab below its header, then entries still queued because the
 * writer could not edit the owner-only log (the emulator checks protections against the active user).
 */
export function auditRows(loaded: LoadedBundle): unknown[][] {
  const { emulator } = loaded;
  const sheet = emulator.spreadsheet.getSheetByName("AuditLog");
  const logged =
    !sheet || sheet.getLastRow() < 2 ? [] : sheet.getRange(2, 1, sheet.getLastRow() - 1, 9).getValues();
  // A queued row too big for one property value is split over keys ending ".001-003", ".002-003", …
  const parts = new Map<string, string>();
  for (const [k, v] of [...emulator.properties.document.entries()]
    .filter(([key]) => key.startsWith("auditQueue:"))
    .sort(([a], [b]) => (a < b ? -1 : 1))) {
    const whole = k.replace(/\.\d{3}-\d{3}$/, "");
    parts.set(whole, (parts.get(whole) ?? "") + v);
  }
  const queued = [...parts.values()].flatMap((v) => JSON.parse(v) as unknown[][]);
  return [...logged, ...queued];
}
