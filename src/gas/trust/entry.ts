// Entry points of the trust feature (menu handlers); main.ts re-exports them. Its server functions are in
// server.ts, bound with their permission and audit in src/gas/server-functions.ts.
import { SHEETS } from "../../core/schema/sheets";
import { requirePermission } from "../platform/guard";
import { runJob } from "../platform/job";
import { userLang } from "../platform/locale";
import { findSheet } from "../platform/sheet-table";
import { auditLogCheck } from "./audit-verify";
import { backupAll, turnOnWeeklyBackup } from "./backup-job";
import { applyProtections } from "./protect-all";
import { sensitiveKeys } from "./sensitive-columns";
import { sealSheet } from "./vault";

export function menuBackupNow(): void {
  const made = backupAll("manual");
  const zh = userLang() === "zh-CN";
  SpreadsheetApp.getActive().toast(
    zh ? `已备份 ${made.length} 个工作表` : `Backed up ${made.length} sheet(s)`,
    "Sheet CRM",
  );
}

/** Turns the weekly backup on (Mondays in the 2 o'clock hour, spreadsheet zone); idempotent. */
export function menuInstallWeeklyBackup(): void {
  requirePermission("manage-settings");
  turnOnWeeklyBackup();
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

/** Checks the audit log's hash chain and shows the verdict: the first broken link, or OK with the count. */
export function menuVerifyAuditLog(): void {
  requirePermission("manage-settings");
  const check = auditLogCheck();
  const ui = SpreadsheetApp.getUi();
  ui.alert(userLang() === "zh-CN" ? "校验审计日志" : "Verify audit log", check.message, ui.ButtonSet.OK);
}
