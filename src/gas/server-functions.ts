/**
 * The one place that binds every server function (what google.script.run may call) to its implementation,
 * each through the one wrapper below, which enforces src/shared/server-functions.ts: the caller's
 * permission is checked first, before anything is read, and an audited function leaves one audit entry.
 * The binding is typed by ServerApi, so each implementation takes and returns the DTOs the sidebar uses.
 * main.ts re-exports the functions; build.mjs fails when one of the table's names is not exported.
 */
import type { ServerApi, ServerFunctionName } from "../shared/api";
import { SERVER_FUNCTIONS, SERVER_FUNCTION_NAMES } from "../shared/server-functions";
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
import { requirePermission } from "./platform/guard";
import { currentUser } from "./platform/locale";
import * as fixes from "./table/fixes";
import * as importer from "./table/import";
import * as parseFile from "./table/parse-file";
import * as problems from "./table/problems";
import * as tableSettings from "./table/settings";
import * as setup from "./table/setup";
import { appendAuditEntries } from "./trust/audit-log";
import { listBackupSets } from "./trust/backups";
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
import { sessionInfo } from "./ui/session-info";

type ServerFunctions = { readonly [K in ServerFunctionName]: ServerApi[K] };

/**
 * Runs an audited call and writes its one entry: the job it ran (as the menu and triggers name it) or
 * else the function's name, who called (as the role check saw them, or "(unknown editor)" when Google
 * hides the e-mail), "ok" or the job's own detail or "failed: …", and the rows the jobs inside reported.
 */
function audited<T>(name: ServerFunctionName, body: () => T): T {
  const at = new Date();
  const user = currentUser() || UNKNOWN_EDITOR;
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
    appendAuditEntries([entry(`failed: ${e instanceof Error ? e.message : String(e)}`)]);
    throw e;
  }
  const detail =
    reports.length === 0
      ? "ok"
      : reports.length === 1
        ? reports[0].detail
        : reports.map((r) => `${r.job}: ${r.detail}`).join("; ");
  appendAuditEntries([entry(detail)]);
  return result;
}

/** The one wrapper: the permission the table declares is checked first; an audited call is audited. */
function served<K extends ServerFunctionName>(name: K, implementation: ServerApi[K]): ServerApi[K] {
  const { permission, audited: isAudited } = SERVER_FUNCTIONS[name];
  const run = implementation as (...args: unknown[]) => unknown;
  const call = (...args: unknown[]): unknown => {
    requirePermission(permission);
    return isAudited ? audited(name, () => run(...args)) : run(...args);
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
  previewFixes: () => fixes.previewFixes(),
  applyFixes: fixes.applyFixes,
  parseImportFile: parseFile.parseImportFile,
  importStage: importer.importStage,
  importPreview: importer.importPreview,
  importCommit: importer.importCommit,
  getCustomColumnTypes: tableSettings.getCustomColumnTypes,
  setCustomColumnTypes: tableSettings.setCustomColumnTypes,
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
  revealSensitive: revealSensitiveValue,
  getAuditLog: auditLogPage,
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
  revealSensitive,
  getAuditLog,
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
} = SERVER;
