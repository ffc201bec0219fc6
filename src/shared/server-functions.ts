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

/**
 * What a call does, which decides whether it is audited (the type makes `audited` follow from it):
 * - "read": changes nothing (the document, its properties, triggers, mail; the script cache does not
 *   count) and keeps the data in the sidebar. Never audited, so no call of it can fill the audit queue;
 *   test/gas/trust/audit-kinds.test.ts runs each one on the emulator and checks it wrote nothing.
 * - "write": changes the document, its settings or triggers, or sends mail. Always audited.
 * - "disclose": lets customer data leave the sheet (export, reveal). Always audited; its entries may
 *   take only a small share of the audit queue (src/gas/trust/audit-log.ts), so flooding it is refused.
 */
export type ServerFunctionKind = "read" | "write" | "disclose";

interface Spec<K extends ServerFunctionKind, A extends boolean> {
  /** What the caller's role must hold; checked before the function reads anything. "view": every role. */
  readonly permission: Permission;
  readonly kind: K;
  /**
   * Whether each call leaves one audit entry (who, what, ok or failed, rows). A refused call leaves none:
   * it changed nothing, and a caller without the permission must not be able to fill the audit queue.
   */
  readonly audited: A;
}

/** A row of the table: a read is never audited, anything else always is. */
export type ServerFunctionSpec = Spec<"read", false> | Spec<"write" | "disclose", true>;

/** The arguments of a server function as the client sends them (its request DTO). */
export type ServerRequest<K extends ServerFunctionName> = Parameters<ServerApi[K]>;
/** What a server function answers (its response DTO). */
export type ServerResponse<K extends ServerFunctionName> = ReturnType<ServerApi[K]>;

const read = (permission: Permission): ServerFunctionSpec => ({ permission, kind: "read", audited: false });
const write = (permission: Permission): ServerFunctionSpec => ({ permission, kind: "write", audited: true });
const disclose = (permission: Permission): ServerFunctionSpec => ({
  permission,
  kind: "disclose",
  audited: true,
});

export const SERVER_FUNCTIONS = {
  // ui
  getSessionInfo: read("view"),

  // table
  setUpSheets: write("manage-settings"),
  /** Writes the Problems sheet and cell notes. */
  validateAll: write("edit-own"),
  clearProblemMarks: write("edit-own"),
  previewFixes: read("edit-all"),
  applyFixes: write("edit-all"),
  parseImportFile: read("edit-all"),
  /** Stages file rows in the script cache only (one call per chunk); importCommit is the audited write. */
  importStage: read("edit-all"),
  importPreview: read("edit-all"),
  importCommit: write("edit-all"),
  getCustomColumnTypes: read("view"),
  /** The set-up wizard: which of the user's tabs stand for the canonical sheets (reads tab names and row 1). */
  proposeTables: read("manage-settings"),
  confirmTables: write("manage-settings"),
  setCustomColumnTypes: write("manage-settings"),
  /** Settings forms: the team's dropdown lists, reject/warn per column, members' display names. */
  getTableSettings: read("manage-settings"),
  saveValueLists: write("manage-settings"),
  saveColumnEnforcement: write("manage-settings"),
  saveMemberNames: write("manage-roles"),
  /** On/off switches of nightly classification, daily mails, weekly report and weekly backup. */
  getScheduleSwitches: read("manage-settings"),
  previewWelcomeTemplate: read("manage-settings"),
  setScheduleSwitch: write("manage-settings"),

  // classify
  classifyNow: write("run-jobs"),
  getClassifySettings: read("view"),
  saveClassifySettings: write("manage-settings"),
  getSegmentSummary: read("view"),
  getNightlyClassify: read("view"),
  setNightlyClassify: write("run-jobs"),

  // notify
  getNotifySettings: read("manage-settings"),
  saveNotifySettings: write("manage-settings"),
  previewDigest: read("run-jobs"),
  previewWeeklyReport: read("run-jobs"),
  sendRemindersNow: write("run-jobs"),
  sendWeeklyReportNow: write("run-jobs"),

  // trust
  getMyAccess: read("view"),
  getRoles: read("manage-roles"),
  saveRoles: write("manage-roles"),
  listBackups: read("restore-backups"),
  restoreBackup: write("restore-backups"),
  /** Counts per sheet of what a restore would change; reads the copies (digest-checked) and the sheets. */
  previewRestore: read("restore-backups"),
  /** Shows a decrypted value in the sidebar. */
  revealSensitive: disclose("reveal-sensitive"),
  getAuditLog: read("manage-settings"),
  /** Checks the audit log's hash chain; reports the first broken link or OK with the count. */
  verifyAuditLog: read("manage-settings"),
  getTrustSettings: read("manage-settings"),
  saveTrustSettings: write("manage-settings"),

  // analysis
  getAnalysis: read("view"),
  comparePeriods: read("view"),
  compareSegments: read("view"),
  getAnalysisSettings: read("view"),
  saveAnalysisSettings: write("manage-settings"),

  // browse
  getDashboard: read("view"),
  listCustomers: read("view"),
  getCustomerPortrait: read("view"),
  batchUpdateCustomers: write("edit-own"),
  batchDeleteCustomers: write("edit-all"),
  undoDelete: write("edit-all"),
  goToRow: read("view"),
  selectCell: read("view"),
  /** The one export: the caller's visible customers only, and audited (data leaves the sheet). */
  exportCustomers: disclose("view"),

  // privacy requests (GDPR / PIPL) and the vault key
  /** Everything held about one customer; the vault decrypted for an owner only. */
  exportCustomerData: disclose("reveal-sensitive"),
  eraseCustomer: write("edit-all"),
  /** Owners only (checked inside: no permission sets owners apart from managers). */
  rotateVaultKey: write("manage-settings"),

  // campaigns (营销自动化): owners and managers create, test, schedule and send them
  listCampaigns: read("run-jobs"),
  previewCampaign: read("run-jobs"),
  previewCampaignMail: read("run-jobs"),
  saveCampaign: write("run-jobs"),
  /** Mails one step to the caller only. */
  sendCampaignTest: write("run-jobs"),
  recordUnsubscribe: write("run-jobs"),

  // web app (Settings → Web app): integration tokens, portal links, webhooks, the deployment's address
  listApiTokens: read("manage-settings"),
  /** The token is shown once; only its hash is kept. */
  createApiToken: write("manage-settings"),
  revokeApiToken: write("manage-settings"),
  /** A signed link to one customer's portal; the caller must be able to change that customer. */
  createPortalLink: write("edit-own"),
  revokePortalLinks: write("edit-own"),
  rotatePortalKey: write("manage-settings"),
  /** The reps' pages (web app): their follow-ups, and logging an interaction with their customer. */
  getMyFollowUps: read("view"),
  logInteraction: write("edit-own"),
  getWebAppSettings: read("manage-settings"),
  saveWebAppSettings: write("manage-settings"),
  listWebhooks: read("manage-settings"),
  addWebhook: write("manage-settings"),
  removeWebhook: write("manage-settings"),
  // channels (chat robots, SMS) and alerts
  /** Masked channels; the caller's own choice (owners and managers: everyone's). */
  listChannels: read("view"),
  saveChannel: write("manage-settings"),
  deleteChannel: write("manage-settings"),
  /** Posts one test message through the channel. */
  sendChannelTest: write("manage-settings"),
  /** A member sets their own reminders' channel; owners and managers anyone's (checked inside). */
  saveChannelChoice: write("view"),
  /** The alerts sent to the caller (owners and managers: all). */
  listAlerts: read("view"),
  /** By a recipient of the alert or an owner or manager (checked inside). */
  acknowledgeAlert: write("view"),
  checkAlertsNow: write("run-jobs"),
  getAlertRules: read("manage-settings"),
  saveAlertRules: write("manage-settings"),
  // BigQuery mode (Settings → BigQuery): owners and managers set it up; "Run now" exports and classifies
  getBigQuerySettings: read("manage-settings"),
  saveBigQuerySettings: write("manage-settings"),
  runBigQueryNow: write("run-jobs"),
} satisfies Record<ServerFunctionName, ServerFunctionSpec>;

/** Every server function's name, in the table's order. */
export const SERVER_FUNCTION_NAMES = Object.keys(SERVER_FUNCTIONS) as readonly ServerFunctionName[];
