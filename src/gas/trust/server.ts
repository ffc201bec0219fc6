// The trust feature's server functions; src/gas/server-functions.ts binds them (permission and audit there).
import { entryRole, permissionsOf, validateRoleTable, type AssignableRole } from "../../core/access/roles";
import { mapHeaders } from "../../core/schema/headers";
import { CUSTOMERS } from "../../core/schema/sheets";
import type {
  AuditLogPage,
  MyAccess,
  RestoreResult,
  RoleTable,
  SaveRolesResult,
  TrustApi,
  TrustSettingsView,
} from "../../shared/trust";
import {
  ROLES_PROPERTY,
  callerAccess,
  currentRole,
  implicitOwners,
  roleAssignments,
} from "../platform/guard";
import { runJob } from "../platform/job";
import { setDocumentJson } from "../platform/properties";
import { findSheet } from "../platform/sheet-table";
import { appendJobEntry, readAuditPage } from "./audit-log";
import { startRestore } from "./restore-job";
import { sensitiveKeys } from "./sensitive-columns";
import { saveTrustSettings } from "./settings";
import { openVault } from "./vault";

export function myAccess(): MyAccess {
  const { user, role } = callerAccess();
  return { user, role, permissions: permissionsOf(role) };
}

export function roleTable(): RoleTable {
  const table = roleAssignments();
  const assignments: Record<string, AssignableRole> = {};
  const viewerScopes: Record<string, readonly string[]> = {};
  for (const [email, entry] of Object.entries(table)) {
    assignments[email] = entryRole(entry);
    if (typeof entry === "object") viewerScopes[email] = entry.sees;
  }
  return { assignments, viewerScopes, ...implicitOwners() };
}

export function saveRoleTable(assignments: Parameters<TrustApi["saveRoles"]>[0]): SaveRolesResult {
  return runJob("save-roles", "manage-roles", () => {
    // Anything but a table is refused, never read as an empty one (which would take every role away).
    const checked =
      typeof assignments === "object" && assignments !== null && !Array.isArray(assignments)
        ? validateRoleTable(currentRole(), roleAssignments(), assignments, implicitOwners())
        : ({ ok: false, problems: [{ email: "", message: "no role table was given" }] } as const);
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

/** Restores a backup set as a resumable job (restore-job.ts): what does not fit this run continues hourly. */
export function restoreBackupById(id: string): RestoreResult {
  return startRestore(String(id));
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
  // Only the value the cell shows the mask of: never an entry left by an earlier holder of the ID.
  const cell = map.index.get(column);
  const plain = openVault(CUSTOMERS, id, column, at + 1, cell === undefined ? "" : values[at][cell]);
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
