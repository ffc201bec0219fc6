import { mapHeaders } from "../../core/schema/headers";
import { SHEETS } from "../../core/schema/sheets";
import { findSheet } from "../platform/sheet-table";
import { AUDIT_PROTECTION, VAULT_PROTECTION, protectOwnedColumns, protectOwnerOnly } from "./protection";
import { findSystemTab } from "../platform/system-tabs";

export const OWNED_PROTECTION = "Sheet CRM: columns the add-on computes";

/**
 * Protects every canonical sheet's owned columns (warning only) and the audit log and vault sheets (owner
 * only). Reads one header row per sheet. Returns how many sheets were protected.
 */
export function applyProtections(): number {
  let count = 0;
  for (const spec of SHEETS) {
    const sheet = findSheet(spec);
    if (!sheet || sheet.getLastColumn() < 1) continue;
    const map = mapHeaders(spec, sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]);
    const owned = spec.columns
      .filter((c) => c.owned && map.index.has(c.key))
      .map((c) => map.index.get(c.key)!);
    if (owned.length) {
      protectOwnedColumns(sheet, owned, OWNED_PROTECTION);
      count++;
    }
  }
  for (const [tab, description] of [
    ["audit", AUDIT_PROTECTION],
    ["vault", VAULT_PROTECTION],
  ] as const) {
    const sheet = findSystemTab(tab);
    if (sheet) {
      protectOwnerOnly(sheet, description);
      count++;
    }
  }
  return count;
}
