import type { Permission, Role, RoleAssignments, RoleTableResult } from "../core/access/roles";

/** The caller's own access, for the sidebar to show only what the role may do. */
export interface MyAccess {
  readonly user: string;
  readonly role: Role;
  readonly permissions: readonly Permission[];
}

export interface RoleTable {
  readonly assignments: RoleAssignments;
  readonly spreadsheetOwner: string;
}

export type SaveRolesResult = RoleTableResult;

export interface BackupSummary {
  readonly id: string;
  /** "yyyy-MM-dd HH:mm:ss" in the spreadsheet's time zone. */
  readonly stamp: string;
  readonly sheets: readonly string[];
  readonly reason: string;
}

export interface RestoreResult {
  readonly restored: string;
  readonly rows: number;
  /** The backup made of the overwritten sheets just before the restore (restore it to undo). */
  readonly undoId: string | null;
}

export interface AuditLogPage {
  readonly headers: readonly string[];
  /** Newest first; times as ISO strings (google.script.run cannot return dates). */
  readonly rows: readonly (readonly (string | number | boolean)[])[];
  readonly page: number;
  readonly pages: number;
}

export interface TrustSettingsView {
  readonly auditMaxRows: number;
  readonly backupKeep: number;
  readonly extraSensitive: readonly string[];
}

/** Server functions of the trust feature, as the sidebar calls them. */
export interface TrustApi {
  getMyAccess(): MyAccess;
  getRoles(): RoleTable;
  saveRoles(assignments: Record<string, string>): SaveRolesResult;
  listBackups(): readonly BackupSummary[];
  restoreBackup(id: string): RestoreResult;
  /** The plaintext of a customer's sensitive column; every call is audited. */
  revealSensitive(customerId: string, column: string): string;
  getAuditLog(page: number): AuditLogPage;
  getTrustSettings(): TrustSettingsView;
  saveTrustSettings(settings: Partial<TrustSettingsView>): TrustSettingsView;
}

/** Top-level handlers of this feature's menu items and installable triggers. */
export const TRUST_HANDLERS = [
  "menuBackupNow",
  "menuInstallWeeklyBackup",
  "menuProtectRanges",
  "menuSealSensitive",
  "handleWeeklyBackup",
  "handleResumeJob",
] as const;
