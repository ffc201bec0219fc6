/**
 * The one place that binds every server function (what google.script.run may call) to its implementation,
 * each through the one wrapper below, which enforces src/shared/server-functions.ts: the caller's
 * permission is checked first, before anything is read; an audited function (every write, export and
 * reveal) is admitted only when its entry can be recorded, and leaves one audit entry.
 * The binding is typed by ServerApi, so each implementation takes and returns the DTOs the sidebar uses.
 * main.ts re-exports the functions; build.mjs fails when one of the table's names is not exported.
 */
import type { ServerApi, ServerFunctionName } from "../shared/api";
import { SERVER_FUNCTIONS, SERVER_FUNCTION_NAMES, type ServerFunctionKind } from "../shared/server-functions";
import { analysisDto, compareGroupsOf, comparePeriodsOf } from "./analysis/server";
import { loadAnalysisSettings, storeAnalysisSettings } from "./analysis/settings-store";
import { batchDelete, batchUpdate, undoBatchDelete } from "./browse/batch-edit";
import { dashboard } from "./browse/dashboard-view";
import * as exportView from "./browse/export-view";
import { listCustomersPage } from "./browse/list-view";
import { goToCustomerRow, selectSheetCell } from "./browse/navigate";
import { portrait } from "./browse/portrait-view";
import { nightlyInstalled } from "./classify/nightly";
import { classifyNowJob } from "./classify/run-classify";
import { segmentSummary, setNightly } from "./classify/server";
import { loadSettings, storeSettings } from "./classify/settings-store";
import { previewDigests } from "./notify/reminder-run";
import { loadNotifySettings, saveNotifySettingsValue } from "./notify/settings-store";
import { dailyRun, weeklyRun } from "./notify/triggers";
import { previewWeekly } from "./notify/weekly-run";
import { type JobReport, collectingJobReports } from "./platform/call-audit";
import { UNKNOWN_EDITOR } from "./platform/edit-event";
import { ForbiddenError, requirePermission } from "./platform/guard";
import { currentUser } from "./platform/locale";
import * as fixes from "./table/fixes";
import * as importer from "./table/import";
import * as parseFile from "./table/parse-file";
import * as problems from "./table/problems";
import * as tableSettings from "./table/settings";
import * as switches from "./schedule-switches";
import { previewWelcomeTemplate as previewWelcomeTemplateOf } from "./settings-preview";
import * as setup from "./table/setup";
import * as wizard from "./table/wizard";
import { admitAuditedCall, appendAuditEntries } from "./trust/audit-log";
import { auditLogCheck } from "./trust/audit-verify";
import { listBackupSets } from "./trust/backups";
import { previewRestore as previewRestoreOf } from "./trust/restore-preview";
import {
  auditLogPage,
  myAccess,
  restoreBackupById,
  revealSensitiveValue,
  roleTable,
  saveRoleTable,
  storeTrustSettings,
} from "./trust/server";
import { readTrustSettings } from "./trust/settings";
import { eraseCustomer as eraseOneCustomer } from "./trust/privacy-erase";
import { exportCustomerData as exportOneCustomer } from "./trust/privacy-export";
import { rotateVaultKey as rotateKey } from "./trust/vault-rotation";
import { sessionInfo } from "./ui/session-info";
import * as campaigns from "./campaigns/server";
import * as channels from "./notify/channels/server";
import * as alerts from "./notify/alerts/server";
import { alertsRun } from "./notify/alerts/job";
import { byManual } from "../core/notify/send-log";
import * as webapp from "./webapp/settings";
import * as bigquery from "./bigquery/server";
import * as repServer from "./webapp/rep-server";

type ServerFunctions = { readonly [K in ServerFunctionName]: ServerApi[K] };

/**
 * Runs an audited call and writes its one entry: the job it ran (as the menu and triggers name it) or
 * else the function's name, who called (as the role check saw them, or "(unknown editor)" when Google
 * hides the e-mail), "ok" or the job's own detail or "failed: …", and the rows the jobs inside reported.
 * The call runs only once the audit log has room for its entry (admitAuditedCall): when the queue of
 * entries waiting for the owner-only log is full, it fails closed, before anything changes.
 */
function audited<T>(name: ServerFunctionName, kind: Exclude<ServerFunctionKind, "read">, body: () => T): T {
  const at = new Date();
  const user = currentUser() || UNKNOWN_EDITOR;
  admitAuditedCall(kind, user);
  const reports: JobReport[] = [];
  const entry = (detail: string) => ({
    kind: "job" as const,
    at,
    user,
    job: reports.length === 1 ? reports[0].job : name,
    rows: reports.reduce((n, r) => n + r.rows, 0),
    detail,
  });
  let result: T;
  try {
    result = collectingJobReports(reports, body);
  } catch (e) {
    appendAuditEntries([entry(`failed: ${e instanceof Error ? e.message : String(e)}`)], kind);
    throw e;
  }
  const detail =
    reports.length === 0
      ? "ok"
      : reports.length === 1
        ? reports[0].detail
        : reports.map((r) => `${r.job}: ${r.detail}`).join("; ");
  appendAuditEntries([entry(detail)], kind);
  return result;
}

/** The one wrapper: the permission the table declares is checked first; an audited call is audited. */
function served<K extends ServerFunctionName>(name: K, implementation: ServerApi[K]): ServerApi[K] {
  const spec = SERVER_FUNCTIONS[name];
  const run = implementation as (...args: unknown[]) => unknown;
  const call = (...args: unknown[]): unknown => {
    // A page of a web app deployed "execute as me" can call any top-level function through
    // google.script.run, with the deployer's authority; Google hides an anonymous or outside visitor
    // (Session.getActiveUser() is ""), who must never be taken for the deployer (webapp/entry.ts).
    if (!Session.getActiveUser().getEmail()) throw new ForbiddenError("none", spec.permission);
    requirePermission(spec.permission);
    return spec.audited ? audited(name, spec.kind, () => run(...args)) : run(...args);
  };
  return call as ServerApi[K];
}

function serveAll(implementations: ServerFunctions): ServerFunctions {
  const out: Partial<Record<ServerFunctionName, unknown>> = {};
  for (const name of SERVER_FUNCTION_NAMES) out[name] = served(name, implementations[name]);
  return out as ServerFunctions;
}

// Implementations that take no arguments are bound through an arrow so nothing a client sends reaches
// an optional parameter it was not meant for.
const SERVER: ServerFunctions = serveAll({
  // ui
  getSessionInfo: () => sessionInfo(),
  // table
  setUpSheets: () => setup.setUpSheets(),
  validateAll: () => problems.validateAll(),
  clearProblemMarks: () => problems.clearProblemMarks(),
  previewFixes: fixes.previewFixes,
  applyFixes: fixes.applyFixes,
  parseImportFile: parseFile.parseImportFile,
  importStage: importer.importStage,
  importPreview: importer.importPreview,
  importCommit: importer.importCommit,
  getCustomColumnTypes: tableSettings.getCustomColumnTypes,
  setCustomColumnTypes: tableSettings.setCustomColumnTypes,
  getTableSettings: () => tableSettings.getTableSettings(),
  saveValueLists: tableSettings.saveValueLists,
  saveColumnEnforcement: tableSettings.saveColumnEnforcement,
  saveMemberNames: tableSettings.saveMemberNames,
  getScheduleSwitches: () => switches.scheduleSwitches(),
  setScheduleSwitch: switches.setScheduleSwitch,
  previewWelcomeTemplate: previewWelcomeTemplateOf,
  proposeTables: () => wizard.proposeTables(),
  confirmTables: wizard.confirmTables,
  // classify
  classifyNow: () => classifyNowJob(),
  getClassifySettings: () => loadSettings(),
  saveClassifySettings: storeSettings,
  getSegmentSummary: () => segmentSummary(),
  getNightlyClassify: () => nightlyInstalled(),
  setNightlyClassify: setNightly,
  // notify
  getNotifySettings: () => loadNotifySettings(),
  saveNotifySettings: saveNotifySettingsValue,
  previewDigest: previewDigests,
  previewWeeklyReport: () => previewWeekly(),
  sendRemindersNow: () => dailyRun(),
  sendWeeklyReportNow: () => weeklyRun(),
  // trust
  getMyAccess: () => myAccess(),
  getRoles: () => roleTable(),
  saveRoles: saveRoleTable,
  listBackups: () => listBackupSets(),
  restoreBackup: restoreBackupById,
  previewRestore: previewRestoreOf,
  revealSensitive: revealSensitiveValue,
  getAuditLog: auditLogPage,
  verifyAuditLog: () => auditLogCheck(),
  getTrustSettings: () => readTrustSettings(),
  saveTrustSettings: storeTrustSettings,
  // analysis
  getAnalysis: () => analysisDto(),
  comparePeriods: comparePeriodsOf,
  compareSegments: compareGroupsOf,
  getAnalysisSettings: () => loadAnalysisSettings(),
  saveAnalysisSettings: storeAnalysisSettings,
  // browse
  getDashboard: dashboard,
  listCustomers: listCustomersPage,
  getCustomerPortrait: portrait,
  batchUpdateCustomers: batchUpdate,
  batchDeleteCustomers: batchDelete,
  undoDelete: undoBatchDelete,
  goToRow: goToCustomerRow,
  selectCell: selectSheetCell,
  exportCustomers: exportView.exportCustomers,
  // privacy
  exportCustomerData: exportOneCustomer,
  eraseCustomer: eraseOneCustomer,
  rotateVaultKey: () => rotateKey(),
  // campaigns
  listCampaigns: () => campaigns.listCampaigns(),
  previewCampaign: campaigns.previewCampaign,
  previewCampaignMail: campaigns.previewCampaignMail,
  saveCampaign: campaigns.saveCampaign,
  sendCampaignTest: campaigns.sendCampaignTest,
  recordUnsubscribe: campaigns.recordUnsubscribe,
  // channels and alerts
  listChannels: () => channels.channelsView(),
  saveChannel: channels.saveChannel,
  deleteChannel: channels.deleteChannel,
  sendChannelTest: channels.sendChannelTest,
  saveChannelChoice: channels.saveChannelChoice,
  listAlerts: alerts.listAlerts,
  acknowledgeAlert: alerts.acknowledgeAlert,
  checkAlertsNow: () => alertsRun(byManual(currentUser())),
  getAlertRules: () => alerts.alertRulesView(),
  saveAlertRules: alerts.saveAlertRules,
  // web app
  listApiTokens: () => webapp.listApiTokens(),
  createApiToken: webapp.createApiToken,
  revokeApiToken: webapp.revokeApiToken,
  createPortalLink: webapp.createPortalLink,
  revokePortalLinks: webapp.revokePortalLinks,
  rotatePortalKey: () => webapp.rotatePortalKey(),
  getMyFollowUps: () => repServer.myFollowUps(),
  logInteraction: repServer.logInteractionFor,
  getWebAppSettings: () => webapp.getWebAppSettings(),
  saveWebAppSettings: webapp.saveWebAppSettings,
  listWebhooks: () => webapp.listWebhooks(),
  addWebhook: webapp.addWebhook,
  removeWebhook: webapp.removeWebhook,
  // BigQuery mode
  getBigQuerySettings: () => bigquery.getBigQuerySettings(),
  saveBigQuerySettings: bigquery.saveBigQuerySettings,
  runBigQueryNow: () => bigquery.runBigQueryNow(),
});

// One top-level function each in dist/Code.js (build.mjs).
export const {
  getSessionInfo,
  setUpSheets,
  validateAll,
  clearProblemMarks,
  previewFixes,
  applyFixes,
  parseImportFile,
  importStage,
  importPreview,
  importCommit,
  getCustomColumnTypes,
  setCustomColumnTypes,
  getTableSettings,
  saveValueLists,
  saveColumnEnforcement,
  saveMemberNames,
  getScheduleSwitches,
  setScheduleSwitch,
  previewWelcomeTemplate,
  proposeTables,
  confirmTables,
  classifyNow,
  getClassifySettings,
  saveClassifySettings,
  getSegmentSummary,
  getNightlyClassify,
  setNightlyClassify,
  getNotifySettings,
  saveNotifySettings,
  previewDigest,
  previewWeeklyReport,
  sendRemindersNow,
  sendWeeklyReportNow,
  getMyAccess,
  getRoles,
  saveRoles,
  listBackups,
  restoreBackup,
  previewRestore,
  revealSensitive,
  getAuditLog,
  verifyAuditLog,
  getTrustSettings,
  saveTrustSettings,
  getAnalysis,
  comparePeriods,
  compareSegments,
  getAnalysisSettings,
  saveAnalysisSettings,
  getDashboard,
  listCustomers,
  getCustomerPortrait,
  batchUpdateCustomers,
  batchDeleteCustomers,
  undoDelete,
  goToRow,
  selectCell,
  exportCustomers,
  exportCustomerData,
  eraseCustomer,
  rotateVaultKey,
  listCampaigns,
  previewCampaign,
  previewCampaignMail,
  saveCampaign,
  sendCampaignTest,
  recordUnsubscribe,
  listChannels,
  saveChannel,
  deleteChannel,
  sendChannelTest,
  saveChannelChoice,
  listAlerts,
  acknowledgeAlert,
  checkAlertsNow,
  getAlertRules,
  saveAlertRules,
  listApiTokens,
  createApiToken,
  revokeApiToken,
  createPortalLink,
  revokePortalLinks,
  rotatePortalKey,
  getMyFollowUps,
  logInteraction,
  getWebAppSettings,
  saveWebAppSettings,
  listWebhooks,
  addWebhook,
  removeWebhook,
  getBigQuerySettings,
  saveBigQuerySettings,
  runBigQueryNow,
} = SERVER;
