import { menuTable } from "../ui/menu-table";

/**
 * This feature's menu items, in order; drawn as one section of the add-on menu. The weekly backup is turned
 * on and off by its switch (SWITCHES_MENU in ../table/menu-items.ts); menuInstallWeeklyBackup stays an entry
 * point (turns it on, idempotent) for scripts and tests.
 */
export const TRUST_MENU = menuTable([
  ["menuBackupNow", "Back up now", "立即备份", "run-jobs"],
  ["menuSealSensitive", "Encrypt sensitive columns now", "立即加密敏感列", "manage-settings"],
  ["menuProtectRanges", "Protect system columns and logs", "保护系统列和日志", "manage-settings"],
  ["menuVerifyAuditLog", "Verify audit log", "校验审计日志", "manage-settings"],
]);
