// The trust feature's server functions; src/gas/server-functions.ts binds them (permission and audit there).
import { permissionsOf, validateRoleTable } from "../../core/access/roles";
import { mapHeaders } from "../../core/schema/headers";
import { CUSTOMERS } from "../../core/schema/sheets";
import type {
  AuditLogPage,
  MyAccess,
  RestoreResult,
  RoleTable,
  SaveRolesResult,
  TrustSettingsView,
} from "../../shared/trust";
import {
  ROLES_PROPERTY,
  callerAccess,
  currentRole,
  roleAssignments,
  spreadsheetOwner,
} from "../platform/guard";
import { runJob } from "../platform/job";
import { setDocumentJson } from "../platform/properties";
import { findSheet } from "../platform/sheet-table";
import { appendJobEntry, readAuditPage } from "./audit-log";
import { restoreBackupSet } from "./backups";
import { sensitiveKeys } from "./sensitive-columns";
import { saveTrustSettings } from "./settings";
import { openVault } from "./vault";

export function myAccess(): MyAccess {
  const { user, role } = callerAccess();
  return { user, role, permissions: permissionsOf(role) };
}

export function roleTable(): RoleTable {
  return { assignments: roleAssignments(), spreadsheetOwner: spreadsheetOwner() };
}

export function saveRoleTable(assignments: Record<string, string>): SaveRolesResult {
  return runJob("save-roles", "manage-roles", () => {
    const checked = validateRoleTable(currentRole(), roleAssignments(), assignments ?? {});
    if (checked.ok) setDocumentJson(ROLES_PROPERTY, checked.value);
    return {
      result: checked,
      outcome: {
        rowsAffected: 0,
        detail: checked.ok ? `${Object.keys(checked.value).length} role(s) saved` : "refused: invalid roles",
      },
    };
  });
}

export function restoreBackupById(id: string): RestoreResult {
  return runJob("restore-backup", "restore-backups", () => {
    const { rows, undoId } = restoreBackupSet(String(id));
    return {
      result: { restored: String(id), rows, undoId },
      outcome: { rowsAffected: rows, detail: `restored ${id}; undo with ${undoId ?? "nothing"}` },
    };
  });
}

/**
 * The plaintext of one customer's sensitive column, if the caller may see that customer. The reveal is
 * reported as a "reveal" job (the column and customer ID, never the value), also when nothing is stored.
 */
export function revealSensitiveValue(customerId: string, column: string): string {
  const id = String(customerId ?? "").trim();
  if (!sensitiveKeys(CUSTOMERS).has(column)) throw new Error(`${column} is not a sensitive column.`);
  const sheet = findSheet(CUSTOMERS);
  if (!sheet || !id) throw new Error(`There is no customer "${id}".`);
  const values = sheet
    .getRange(1, 1, Math.max(1, sheet.getLastRow()), Math.max(1, sheet.getLastColumn()))
    .getValues();
  const map = mapHeaders(CUSTOMERS, values[0]);
  const idIndex = map.index.get("CustomerID");
  const ownerIndex = map.index.get("Owner");
  const at =
    idIndex === undefined ? -1 : values.findIndex((r, i) => i > 0 && String(r[idIndex]).trim() === id);
  if (at < 1) throw new Error(`There is no customer "${id}".`);
  const access = callerAccess();
  if (ownerIndex !== undefined && !access.sees(values[at][ownerIndex]))
    throw new Error(`There is no customer "${id}".`);
  const plain = openVault(CUSTOMERS, id, column, at + 1);
  appendJobEntry({
    job: "reveal",
    user: access.user,
    at: new Date(),
    rows: 1,
    detail: `revealed ${column} of ${id}`,
  });
  if (plain === null) throw new Error(`No ${column} is stored for ${id}.`);
  return plain;
}

const AUDIT_PAGE_SIZE = 100;

/** google.script.run cannot return dates, and a cell never holds anything but these. */
function plainCell(v: unknown): string | number | boolean {
  if (v instanceof Date) return v.toISOString();
  return typeof v === "number" || typeof v === "boolean" ? v : String(v ?? "");
}

export function auditLogPage(page: number): AuditLogPage {
  const read = readAuditPage(Number(page) || 0, AUDIT_PAGE_SIZE);
  return { ...read, rows: read.rows.map((r) => r.map(plainCell)) };
}

export function storeTrustSettings(settings: Partial<TrustSettingsView>): TrustSettingsView {
  return runJob("save-trust-settings", "manage-settings", () => ({
    result: saveTrustSettings(settings ?? {}),
    outcome: { rowsAffected: 0, detail: "trust settings saved" },
  }));
}
