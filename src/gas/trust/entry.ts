// Entry points of the trust feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
import { permissionsOf, validateRoleTable } from "../../core/access/roles";
import { mapHeaders } from "../../core/schema/headers";
import { CUSTOMERS, SHEETS } from "../../core/schema/sheets";
import type {
  AuditLogPage,
  BackupSummary,
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
  requirePermission,
  roleAssignments,
  serverFunction,
  spreadsheetOwner,
} from "../platform/guard";
import { runJob } from "../platform/job";
import { userLang } from "../platform/locale";
import { setDocumentJson } from "../platform/properties";
import { findSheet } from "../platform/sheet-table";
import { replaceTimeTrigger } from "../platform/triggers";
import { appendAuditEntries, readAuditPage } from "./audit-log";
import { backupSheets, canonicalSheetNames, listBackupSets, restoreBackupSet } from "./backups";
import { applyProtections } from "./protect-all";
import { sensitiveKeys } from "./sensitive-columns";
import { readTrustSettings, saveTrustSettings as storeTrustSettings } from "./settings";
import { openVault, sealSheet } from "./vault";

export { handleResumeJob } from "../platform/resumable";

export const getMyAccess = serverFunction("getMyAccess", (): MyAccess => {
  const { user, role } = callerAccess();
  return { user, role, permissions: permissionsOf(role) };
});

export const getRoles = serverFunction("getRoles", (): RoleTable => ({
  assignments: roleAssignments(),
  spreadsheetOwner: spreadsheetOwner(),
}));

export const saveRoles = serverFunction("saveRoles", (assignments: Record<string, string>): SaveRolesResult =>
  runJob("save-roles", "manage-roles", () => {
    const checked = validateRoleTable(currentRole(), roleAssignments(), assignments ?? {});
    if (checked.ok) setDocumentJson(ROLES_PROPERTY, checked.assignments);
    return {
      result: checked,
      outcome: {
        rowsAffected: 0,
        detail: checked.ok
          ? `${Object.keys(checked.assignments).length} role(s) saved`
          : "refused: invalid roles",
      },
    };
  }),
);

export const listBackups = serverFunction("listBackups", (): readonly BackupSummary[] => listBackupSets());

export const restoreBackup = serverFunction("restoreBackup", (id: string): RestoreResult =>
  runJob("restore-backup", "restore-backups", () => {
    const { rows, undoId } = restoreBackupSet(String(id));
    return {
      result: { restored: String(id), rows, undoId },
      outcome: { rowsAffected: rows, detail: `restored ${id}; undo with ${undoId ?? "nothing"}` },
    };
  }),
);

export const revealSensitive = serverFunction(
  "revealSensitive",
  (customerId: string, column: string): string => {
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
    appendAuditEntries([
      { kind: "reveal", at: new Date(), user: access.user, sheet: sheet.getName(), rowKey: id, column },
    ]);
    if (plain === null) throw new Error(`No ${column} is stored for ${id}.`);
    return plain;
  },
);

const AUDIT_PAGE_SIZE = 100;

/** google.script.run cannot return dates, and a cell never holds anything but these. */
function plainCell(v: unknown): string | number | boolean {
  if (v instanceof Date) return v.toISOString();
  return typeof v === "number" || typeof v === "boolean" ? v : String(v ?? "");
}

export const getAuditLog = serverFunction("getAuditLog", (page: number): AuditLogPage => {
  const read = readAuditPage(Number(page) || 0, AUDIT_PAGE_SIZE);
  return { ...read, rows: read.rows.map((r) => r.map(plainCell)) };
});

export const getTrustSettings = serverFunction("getTrustSettings", (): TrustSettingsView =>
  readTrustSettings(),
);

export const saveTrustSettings = serverFunction(
  "saveTrustSettings",
  (settings: Partial<TrustSettingsView>): TrustSettingsView =>
    runJob("save-trust-settings", "manage-settings", () => ({
      result: storeTrustSettings(settings ?? {}),
      outcome: { rowsAffected: 0, detail: "trust settings saved" },
    })),
);

function backupAll(reason: string): string[] {
  return runJob(`backup (${reason})`, "run-jobs", () => {
    const names = canonicalSheetNames();
    const made = backupSheets(names, reason);
    return { result: made, outcome: { rowsAffected: 0, detail: `${made.length} sheet(s) backed up` } };
  });
}

export function menuBackupNow(): void {
  const made = backupAll("manual");
  const zh = userLang() === "zh-CN";
  SpreadsheetApp.getActive().toast(
    zh ? `已备份 ${made.length} 个工作表` : `Backed up ${made.length} sheet(s)`,
    "Sheet CRM",
  );
}

/** Installs the weekly backup (Mondays about 02:00 in the script's zone), replacing any earlier one. */
export function menuInstallWeeklyBackup(): void {
  requirePermission("manage-settings");
  replaceTimeTrigger("handleWeeklyBackup", (b) => b.onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(2));
  const zh = userLang() === "zh-CN";
  SpreadsheetApp.getActive().toast(zh ? "已安装每周备份" : "Weekly backup installed", "Sheet CRM");
}

/**
 * Protects what only the add-on or the owner may change: each canonical sheet's owned columns (with a
 * warning, so the add-on still writes them for whoever runs a job), the audit log and the vault
 * (owner only). Idempotent; set-up may call it too.
 */
export function menuProtectRanges(): void {
  requirePermission("manage-settings");
  const protectedSheets = applyProtections();
  const zh = userLang() === "zh-CN";
  SpreadsheetApp.getActive().toast(
    zh
      ? `已保护 ${protectedSheets} 个工作表的系统列和日志`
      : `Protected system columns and logs of ${protectedSheets} sheet(s)`,
    "Sheet CRM",
  );
}

/**
 * Encrypts every plaintext left in sensitive columns (typed before the add-on was installed, or brought
 * in by an import) into the vault and leaves masks, under the document lock with one audit entry.
 */
export function menuSealSensitive(): void {
  const sealed = runJob("seal sensitive columns", "manage-settings", () => {
    let count = 0;
    for (const spec of SHEETS) {
      const sheet = findSheet(spec);
      if (sheet && sensitiveKeys(spec).size) count += sealSheet(sheet, spec).length;
    }
    return {
      result: count,
      outcome: { rowsAffected: count, detail: `${count} sensitive value(s) encrypted` },
    };
  });
  const zh = userLang() === "zh-CN";
  SpreadsheetApp.getActive().toast(
    zh ? `已加密 ${sealed} 个敏感值` : `Encrypted ${sealed} sensitive value(s)`,
    "Sheet CRM",
  );
}

export function handleWeeklyBackup(): void {
  backupAll("weekly");
}
