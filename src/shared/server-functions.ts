/**
 * The one table of server functions: every name the sidebar (or any client) may reach through
 * google.script.run, with the permission it needs and whether it is audited. Its request and response
 * types are those of ServerApi (src/shared/api.ts, made of the per-feature *Api interfaces): a name is a
 * key of ServerApi, and `satisfies` below makes the table list every key and no other, so a function
 * cannot be added without deciding both. src/gas/server-functions.ts enforces the table with one wrapper;
 * test/gas/trust/roles-matrix.test.ts calls every name as every role.
 */
import type { Permission } from "../core/access/roles";
import type { ServerApi, ServerFunctionName } from "./api";

export interface ServerFunctionSpec {
  /** What the caller's role must hold; checked before the function reads anything. "view": every role. */
  readonly permission: Permission;
  /**
   * Whether each call leaves one audit entry (who, what, ok or failed, rows). True for every function
   * that changes the document, its settings or triggers, or sends mail, and for those that let customer
   * data leave the sheet (export, reveal). A refused call leaves none: it changed nothing, and a caller
   * without the permission must not be able to fill the audit queue.
   */
  readonly audited: boolean;
}

/** The arguments of a server function as the client sends them (its request DTO). */
export type ServerRequest<K extends ServerFunctionName> = Parameters<ServerApi[K]>;
/** What a server function answers (its response DTO). */
export type ServerResponse<K extends ServerFunctionName> = ReturnType<ServerApi[K]>;

const read = (permission: Permission): ServerFunctionSpec => ({ permission, audited: false });
const audited = (permission: Permission): ServerFunctionSpec => ({ permission, audited: true });

export const SERVER_FUNCTIONS = {
  // ui
  getSessionInfo: read("view"),

  // table
  setUpSheets: audited("manage-settings"),
  /** Writes the Problems sheet and cell notes. */
  validateAll: audited("edit-own"),
  clearProblemMarks: audited("edit-own"),
  previewFixes: read("edit-all"),
  applyFixes: audited("edit-all"),
  parseImportFile: read("edit-all"),
  /** Stages file rows in the script cache only (one call per chunk); importCommit is the audited write. */
  importStage: read("edit-all"),
  importPreview: read("edit-all"),
  importCommit: audited("edit-all"),
  getCustomColumnTypes: read("view"),
  setCustomColumnTypes: audited("manage-settings"),

  // classify
  classifyNow: audited("run-jobs"),
  getClassifySettings: read("view"),
  saveClassifySettings: audited("manage-settings"),
  getSegmentSummary: read("view"),
  getNightlyClassify: read("view"),
  setNightlyClassify: audited("run-jobs"),

  // notify
  getNotifySettings: read("view"),
  saveNotifySettings: audited("manage-settings"),
  previewDigest: read("run-jobs"),
  previewWeeklyReport: read("run-jobs"),
  sendRemindersNow: audited("run-jobs"),
  sendWeeklyReportNow: audited("run-jobs"),

  // trust
  getMyAccess: read("view"),
  getRoles: read("manage-roles"),
  saveRoles: audited("manage-roles"),
  listBackups: read("restore-backups"),
  restoreBackup: audited("restore-backups"),
  revealSensitive: audited("reveal-sensitive"),
  getAuditLog: read("manage-settings"),
  getTrustSettings: read("manage-settings"),
  saveTrustSettings: audited("manage-settings"),

  // analysis
  getAnalysis: read("view"),
  comparePeriods: read("view"),
  compareSegments: read("view"),
  getAnalysisSettings: read("view"),
  saveAnalysisSettings: audited("manage-settings"),

  // browse
  getDashboard: read("view"),
  listCustomers: read("view"),
  getCustomerPortrait: read("view"),
  batchUpdateCustomers: audited("edit-own"),
  batchDeleteCustomers: audited("edit-all"),
  undoDelete: audited("edit-all"),
  goToRow: read("view"),
  selectCell: read("view"),
  /** The one export: the caller's visible customers only, and audited (data leaves the sheet). */
  exportCustomers: audited("view"),
} satisfies Record<ServerFunctionName, ServerFunctionSpec>;

/** Every server function's name, in the table's order. */
export const SERVER_FUNCTION_NAMES = Object.keys(SERVER_FUNCTIONS) as readonly ServerFunctionName[];
