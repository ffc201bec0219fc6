import type { MenuItem } from "../ui/menu";

/** This feature's menu items, in order; drawn as one section of the add-on menu (default permission run-jobs). */
export const NOTIFY_MENU: readonly MenuItem[] = [
  { label: { en: "Send reminders now", "zh-CN": "立即发送跟进提醒" }, handler: "menuSendRemindersNow" },
  { label: { en: "Send weekly report now", "zh-CN": "立即发送周报" }, handler: "menuSendWeeklyReportNow" },
  { label: { en: "Preview reminders…", "zh-CN": "预览跟进提醒…" }, handler: "menuPreviewDigest" },
  { label: { en: "Preview weekly report…", "zh-CN": "预览周报…" }, handler: "menuPreviewWeeklyReport" },
  {
    label: { en: "Turn on daily and weekly mails", "zh-CN": "启用每日提醒与周报" },
    handler: "menuInstallNotifications",
    permission: "manage-settings",
  },
];
