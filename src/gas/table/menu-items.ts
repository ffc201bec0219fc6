import type { MenuItem } from "../ui/menu";

/** This feature's menu items, in order; drawn as one section of the add-on menu. */
export const TABLE_MENU: readonly MenuItem[] = [
  {
    label: { en: "Set up wizard", "zh-CN": "设置向导" },
    handler: "menuSetupWizard",
    permission: "manage-settings",
  },
  { label: { en: "Set up / repair sheets", "zh-CN": "设置 / 修复工作表" }, handler: "menuSetUp" },
  { label: { en: "Validate all", "zh-CN": "全部校验" }, handler: "menuValidateAll" },
  { label: { en: "Fix what is safe…", "zh-CN": "安全修正…" }, handler: "menuFixSafe" },
  { label: { en: "Clear problem marks", "zh-CN": "清除问题标记" }, handler: "menuClearProblemMarks" },
];

/**
 * The on/off switches of the scheduled work, one item each, drawn as their own section after the on-demand
 * actions they schedule (classify, mails, backup). Each flips its switch and says in a toast what it is now
 * (src/gas/schedule-switches.ts); the sidebar's settings show the same switches.
 */
export const SWITCHES_MENU: readonly MenuItem[] = [
  {
    label: { en: "Nightly classification on/off", "zh-CN": "开启/关闭夜间自动分类" },
    handler: "menuToggleNightlyClassify",
    permission: "manage-settings",
  },
  {
    label: { en: "Daily reminder mails on/off", "zh-CN": "开启/关闭每日提醒邮件" },
    handler: "menuToggleDailyMails",
    permission: "manage-settings",
  },
  {
    label: { en: "Weekly report mail on/off", "zh-CN": "开启/关闭每周报告邮件" },
    handler: "menuToggleWeeklyReport",
    permission: "manage-settings",
  },
  {
    label: { en: "Weekly backup on/off", "zh-CN": "开启/关闭每周备份" },
    handler: "menuToggleWeeklyBackup",
    permission: "manage-settings",
  },
];
