import type { Permission, Role, RoleAssignments } from "../core/access/roles";
import type { ServerFunctionName } from "./api";

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

export type SaveRolesResult =
  | { readonly ok: true; readonly assignments: RoleAssignments }
  | {
      readonly ok: false;
      readonly problems: readonly { readonly email: string; readonly message: string }[];
    };

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

export const TRUST_FUNCTIONS = [
  "getMyAccess",
  "getRoles",
  "saveRoles",
  "listBackups",
  "restoreBackup",
  "revealSensitive",
  "getAuditLog",
  "getTrustSettings",
  "saveTrustSettings",
] as const satisfies readonly (keyof TrustApi)[];

/** Top-level handlers of this feature's menu items and installable triggers. */
export const TRUST_HANDLERS = [
  "menuBackupNow",
  "menuInstallWeeklyBackup",
  "menuProtectRanges",
  "menuSealSensitive",
  "handleWeeklyBackup",
  "handleResumeJob",
] as const;

/**
 * What each server function needs of the caller's role. Every server function of every feature must be
 * listed: test/gas/trust/roles.test.ts calls each one as viewer, sales, manager and owner and fails for
 * any name missing here. "view" is held by every role; a function a viewer may call must change nothing.
 */
export const SERVER_FUNCTION_PERMISSIONS: Readonly<Partial<Record<ServerFunctionName, Permission>>> = {
  getSessionInfo: "view",
  getMyAccess: "view",
  getRoles: "manage-roles",
  saveRoles: "manage-roles",
  listBackups: "restore-backups",
  restoreBackup: "restore-backups",
  revealSensitive: "reveal-sensitive",
  getAuditLog: "manage-settings",
  getTrustSettings: "manage-settings",
  saveTrustSettings: "manage-settings",
  classifyNow: "run-jobs",
  getClassifySettings: "view",
  saveClassifySettings: "manage-settings",
  getSegmentSummary: "view",
  getNightlyClassify: "view",
  setNightlyClassify: "run-jobs",
  getDashboard: "view",
  listCustomers: "view",
  getCustomerPortrait: "view",
  batchUpdateCustomers: "edit-own",
  batchDeleteCustomers: "edit-all",
  undoDelete: "edit-all",
  goToRow: "view",
  selectCell: "view",
  exportCustomers: "view",
  setUpSheets: "manage-settings",
  validateAll: "edit-own",
  clearProblemMarks: "edit-own",
  previewFixes: "edit-all",
  applyFixes: "edit-all",
  parseImportFile: "edit-all",
  importStage: "edit-all",
  importPreview: "edit-all",
  importCommit: "edit-all",
  exportView: "view",
  getCustomColumnTypes: "view",
  setCustomColumnTypes: "manage-settings",
  getNotifySettings: "view",
  saveNotifySettings: "manage-settings",
  previewDigest: "run-jobs",
  previewWeeklyReport: "run-jobs",
  sendRemindersNow: "run-jobs",
  sendWeeklyReportNow: "run-jobs",
  getAnalysis: "view",
  comparePeriods: "view",
  compareSegments: "view",
  getAnalysisSettings: "view",
  saveAnalysisSettings: "manage-settings",
};
