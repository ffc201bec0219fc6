import type { AssignableRole, Permission, Role, RoleTableResult } from "../core/access/roles";
import type { AuditVerification } from "../core/trust/audit-chain";

/** The caller's own access, for the sidebar to show only what the role may do. */
export interface MyAccess {
  readonly user: string;
  readonly role: Role;
  readonly permissions: readonly Permission[];
}

export interface RoleTable {
  /** E-mail → role (a scoped viewer shows as "viewer"; its scope is in viewerScopes). */
  readonly assignments: Readonly<Record<string, AssignableRole>>;
  /** E-mail of a scoped viewer → the owners whose customers they see (a viewer not listed sees all). */
  readonly viewerScopes: Readonly<Record<string, readonly string[]>>;
  readonly spreadsheetOwner: string;
  /** Who installed the add-on in this document (owner without an entry); "" when none is recorded. */
  readonly installer: string;
}

export type SaveRolesResult = RoleTableResult;

export interface BackupSummary {
  readonly id: string;
  /** "yyyy-MM-dd HH:mm:ss" in the spreadsheet's time zone. */
  readonly stamp: string;
  readonly sheets: readonly string[];
  readonly reason: string;
  /** Data rows of the set's copies together (headers not counted). */
  readonly rows: number;
}

/** What restoring a backup set would do to one of its sheets: counts only, never cells. */
export interface RestorePreviewSheet {
  readonly sheet: string;
  /** Data rows (header not counted) in the backup's copy, and in the sheet now. */
  readonly backupRows: number;
  readonly currentRows: number;
  /** Rows the restore would rewrite, add back, and remove. */
  readonly changed: number;
  readonly added: number;
  readonly removed: number;
  readonly headerChanged: boolean;
  /** Too big to compare whole: counted by its key column only; `changed` is then an upper bound. */
  readonly approximate: boolean;
  /** The sheet is gone: the restore re-creates it. */
  readonly missing: boolean;
  /** The restore leaves it alone (the vault, which only its owner may write). */
  readonly skipped: boolean;
}

export interface RestorePreview {
  readonly id: string;
  readonly stamp: string;
  readonly reason: string;
  readonly sheets: readonly RestorePreviewSheet[];
}

export interface RestoreResult {
  readonly restored: string;
  readonly rows: number;
  /** The backup made of the overwritten sheets just before the restore (restore it to undo). */
  readonly undoId: string | null;
  /** Too big for one run: the hourly runs restore the rest (rows and undo then show in the audit log). */
  readonly continues?: boolean;
}

export interface AuditLogPage {
  readonly headers: readonly string[];
  /** Newest first; times as ISO strings (google.script.run cannot return dates). */
  readonly rows: readonly (readonly (string | number | boolean)[])[];
  readonly page: number;
  readonly pages: number;
}

/** The audit log's hash chain checked: the first broken link, or OK with the count; `message` says so. */
export interface AuditLogCheck extends AuditVerification {
  /** Entries still waiting in the queue (not yet in the log, so not yet chained). */
  readonly waiting: number;
  readonly message: string;
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
  /**
   * Saves the role table: each value a role, or `{role: "viewer", sees: "all" | [owner e-mails]}`; a bare
   * "viewer" keeps a viewer's scope.
   */
  saveRoles(
    assignments: Record<string, string | { role: string; sees: string | readonly string[] }>,
  ): SaveRolesResult;
  listBackups(): readonly BackupSummary[];
  restoreBackup(id: string): RestoreResult;
  /** What restoring set `id` would change, per sheet; refused when a copy was changed since it was made. */
  previewRestore(id: string): RestorePreview;
  /** The plaintext of a customer's sensitive column; every call is audited. */
  revealSensitive(customerId: string, column: string): string;
  getAuditLog(page: number): AuditLogPage;
  verifyAuditLog(): AuditLogCheck;
  getTrustSettings(): TrustSettingsView;
  saveTrustSettings(settings: Partial<TrustSettingsView>): TrustSettingsView;
}

/** Top-level handlers of this feature's menu items and installable triggers. */
export const TRUST_HANDLERS = [
  "menuBackupNow",
  "menuInstallWeeklyBackup",
  "menuProtectRanges",
  "menuSealSensitive",
  "menuVerifyAuditLog",
  "handleWeeklyBackup",
  "handleResumeJob",
] as const;
