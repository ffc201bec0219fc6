import { loadBundle, type LoadedBundle } from "../../../src/local/load-bundle";
import { OWNER, fixtureSheets } from "../../../src/local/faults/fixture";
import { webAppClient, type WebAppClient } from "../../../src/local/emulator/web-app-client";
import { ROLE_TABLE } from "../trust/harness";

export interface WebAppBook {
  readonly loaded: LoadedBundle;
  /** The team's "execute as me, anyone (even anonymous)" deployment: API, portal, unsubscribe. */
  readonly asMe: WebAppClient;
}

/** The built bundle as a team's bound copy, holding the fixture book and the trust tests' roles. */
export function loadWebAppBook(seed = 1): WebAppBook {
  const loaded = loadBundle({
    owner: OWNER,
    user: OWNER,
    deployment: "bound",
    dist: process.env.SHEET_CRM_DIST,
  });
  for (const s of fixtureSheets(seed)) loaded.emulator.sheetFromValues(s.name, s.values);
  loaded.emulator.properties.document.set("roles", JSON.stringify(ROLE_TABLE));
  const asMe = webAppClient(loaded, {
    executeAs: "USER_DEPLOYING",
    access: "ANYONE_ANONYMOUS",
    deployer: OWNER,
  });
  return { loaded, asMe };
}

/** A tab's rows as objects by header (uncounted). */
export function rowsOf(loaded: LoadedBundle, tab: string): Record<string, unknown>[] {
  const sheet = loaded.emulator.spreadsheet.getSheetByName(tab);
  if (!sheet || sheet.getLastRow() < 1) return [];
  const [headers, ...rows] = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
  return rows.map((r) => Object.fromEntries(headers.map((h, i) => [String(h), r[i]])));
}

/** A cell's formula (uncounted): "" when it holds a value. */
export function formulaOf(loaded: LoadedBundle, tab: string, customerId: string, header: string): string {
  const sheet = loaded.emulator.spreadsheet.getSheetByName(tab)!;
  const values = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
  const row = values.findIndex((r) => r[values[0].indexOf("CustomerID")] === customerId);
  return sheet.getRange(row + 1, values[0].indexOf(header) + 1).getFormula();
}
