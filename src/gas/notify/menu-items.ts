import { localized } from "../../core/notify/text";
import type { MenuItem } from "../ui/menu";

/**
 * This feature's menu items, in order; drawn as one section of the add-on menu (default permission run-jobs).
 * The daily and weekly mails are turned on and off by their switches (SWITCHES_MENU in ../table/menu-items.ts);
 * menuInstallNotifications stays an entry point (both mails on at once) for scripts and tests.
 */
export const NOTIFY_MENU: readonly MenuItem[] = [
  { label: localized("menu", "sendReminders"), handler: "menuSendRemindersNow" },
  { label: localized("menu", "sendWeekly"), handler: "menuSendWeeklyReportNow" },
  { label: localized("menu", "previewReminders"), handler: "menuPreviewDigest" },
  { label: localized("menu", "previewWeekly"), handler: "menuPreviewWeeklyReport" },
];
