import type { MenuItem } from "../ui/menu";

/** This feature's menu items, in order; drawn as one section of the add-on menu. */
export const TRUST_MENU: readonly MenuItem[] = [
  { label: { en: "Back up now", "zh-CN": "立即备份" }, handler: "menuBackupNow", permission: "run-jobs" },
  {
    label: { en: "Install weekly backup", "zh-CN": "安装每周备份" },
    handler: "menuInstallWeeklyBackup",
    permission: "manage-settings",
  },
  {
    label: { en: "Encrypt sensitive columns now", "zh-CN": "立即加密敏感列" },
    handler: "menuSealSensitive",
    permission: "manage-settings",
  },
  {
    label: { en: "Protect system columns and logs", "zh-CN": "保护系统列和日志" },
    handler: "menuProtectRanges",
    permission: "manage-settings",
  },
];
