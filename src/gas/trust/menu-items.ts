import { menuTable } from "../ui/menu-table";

/** This feature's menu items, in order; drawn as one section of the add-on menu. */
export const TRUST_MENU = menuTable([
  ["menuBackupNow", "Back up now", "立即备份", "run-jobs"],
  ["menuInstallWeeklyBackup", "Install weekly backup", "安装每周备份", "manage-settings"],
  ["menuSealSensitive", "Encrypt sensitive columns now", "立即加密敏感列", "manage-settings"],
  ["menuProtectRanges", "Protect system columns and logs", "保护系统列和日志", "manage-settings"],
  ["menuVerifyAuditLog", "Verify audit log", "校验审计日志", "manage-settings"],
]);
